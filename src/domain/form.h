/* form.h — declarative checking of submitted fields.
 *
 * Every endpoint that accepts input declares its fields (kore's rule: a
 * handler only sees fields that are declared with a validator). form_check()
 * compares a JSON object against the declaration and appends one
 * {field, message} object per problem, worded for a person in the GOV.UK
 * style ("Enter the child's name"). Unknown fields are refused, so a typo in
 * a field name is never silently ignored.
 */
#ifndef HEARTH_FORM_H
#define HEARTH_FORM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "vocab.h"

enum field_type {
	F_STRING,   /* one line of text */
	F_TEXT,     /* several lines of text */
	F_DATE,     /* "YYYY-MM-DD" */
	F_DATETIME, /* ISO 8601 with Z or offset; London time without */
	F_BOOL,
	F_INT,
	F_CHOICE,   /* one of the codes of `vocab` */
	F_ID,       /* 32 lower-case hex characters */
	F_EMAIL,
	F_URL,      /* https:// or http:// */
	F_LIST,     /* an array of objects, each checked against `items` */
	F_CODES,    /* an array of codes of `vocab` (checkboxes), at least one when required */
	F_IDS       /* an array of ids, no repeats (checkboxes of people), at least one when required */
};

struct field_spec {
	const char *name;
	enum field_type type;
	bool required;
	const char *label;            /* "the child's name": used in messages */
	size_t max_len;               /* characters; 0 = the type's default */
	enum vocab vocab;             /* F_CHOICE */
	const struct field_spec *items; /* F_LIST: NULL-name-terminated */
	int min_items, max_items;     /* F_LIST */
	long min, max;                /* F_INT; F_DATE: its years (default 2000-2099) */
};

/* Appends problems to `errors` (a JSON array); returns how many it found.
 * `spec` ends with an entry whose name is NULL. `prefix` ("items[2].") is
 * put before field names; pass "" at the top level. */
int form_check(const json_t *obj, const struct field_spec *spec, const char *prefix,
	       json_t *errors);

/* Appends one {field, message}. */
void form_error(json_t *errors, const char *field, const char *message);

/* Typed reads of fields that form_check() has accepted. Absent or null
 * fields read as NULL / false / `dflt`. */
const char *form_str(const json_t *obj, const char *name);
bool form_bool(const json_t *obj, const char *name);
long form_int(const json_t *obj, const char *name, long dflt);
bool form_has(const json_t *obj, const char *name);
/* The first object of `list` whose string `key` is `want`; NULL when none
 * (or when want is NULL). */
json_t *form_find(const json_t *list, const char *key, const char *want);
/* Whether `v` (a list of strings, or one string) holds `want`. */
bool form_holds(const json_t *v, const char *want);

/* Whether s is a well-formed id (32 lower-case hex characters). */
bool form_is_id(const char *s);

#endif
