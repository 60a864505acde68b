/* formdata.c — HTML form bodies to typed JSON (formdata.h). */
#include "formdata.h"
#include "../domain/datetime.h"
#include "../util/buf.h"
#include "../util/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PAIRS 2000
#define MAX_ROWS 100

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes [s, e) ("+" is a space); NULL when malformed or not UTF-8. */
static char *decode(const char *s, const char *e)
{
	char *out = xmalloc((size_t)(e - s) + 1), *o = out;
	for (; s < e; s++) {
		if (*s == '+') {
			*o++ = ' ';
		} else if (*s == '%') {
			if (e - s >= 3) {
				int hi = hexval(s[1]);
				int lo = hexval(s[2]);
				if (hi >= 0 && lo >= 0) {
					*o++ = (char)(hi * 16 + lo);
					s += 2;
					continue;
				}
			}
			free(out);
			return NULL;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	if ((size_t)(o - out) != strlen(out) || !utf8_valid(out)) {
		free(out); /* a NUL inside, or not UTF-8 */
		return NULL;
	}
	return out;
}

int formdata_pairs(const char *body, size_t len, json_t **out)
{
	json_t *pairs = json_object();
	const char *p = body, *end = body + len;
	int n = 0;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		if (!amp)
			amp = end;
		if (amp > p) {
			const char *eq = memchr(p, '=', (size_t)(amp - p));
			char *k = decode(p, eq ? eq : amp);
			char *v = eq ? decode(eq + 1, amp) : xstrdup("");
			if (!k || !v || ++n > MAX_PAIRS) {
				free(k);
				free(v);
				json_decref(pairs);
				return -1;
			}
			/* A repeated name (ticked checkboxes) collects its values. */
			json_t *had = json_object_get(pairs, k);
			if (json_is_array(had)) {
				json_array_append_new(had, json_string(v));
			} else if (had) {
				json_object_set_new(pairs, k, json_pack("[O,s]", had, v));
			} else {
				json_object_set_new(pairs, k, json_string(v));
			}
			free(k);
			free(v);
		}
		p = amp + 1;
	}
	*out = pairs;
	return 0;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* "The date of birth must include a month": the label with a capital. */
static void say(json_t *errors, const char *field, const char *label, const char *rest)
{
	char msg[400];
	snprintf(msg, sizeof msg, "%s %s", label, rest);
	if (msg[0] >= 'a' && msg[0] <= 'z')
		msg[0] = (char)(msg[0] - 'a' + 'A');
	form_error(errors, field, msg);
}

static bool all_digits(const char *s, size_t max)
{
	size_t n = 0;
	for (; *s; s++, n++)
		if (!isdigit((unsigned char)*s) || n >= max)
			return false;
	return n > 0;
}

static char *trimmed(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *t = xstrdup(s);
	size_t n = strlen(t);
	while (n && isspace((unsigned char)t[n - 1]))
		t[--n] = '\0';
	return t;
}

/* The GOV.UK date input: day, month and year boxes. Returns a malloc'd
 * "YYYY-MM-DD", NULL when all are empty (*bad when reported). */
static const char *part(const json_t *pairs, const char *prefix, const char *name, const char *which,
			const char *suffix)
{
	char key[256];
	snprintf(key, sizeof key, "%s%s%s%s", prefix, name, which, suffix);
	return json_string_value(json_object_get(pairs, key));
}

static char *date_of(const json_t *pairs, const char *prefix, const char *suffix, const struct field_spec *f,
		     const char *field, json_t *errors, bool *bad)
{
	const char *parts[3] = {part(pairs, prefix, f->name, "-day", suffix),
				part(pairs, prefix, f->name, "-month", suffix),
				part(pairs, prefix, f->name, "-year", suffix)};
	static const char *const names[3] = {"a day", "a month", "a year"};
	*bad = false;
	int empty = 0, missing = -1, missing_count = 0;
	for (int i = 0; i < 3; i++)
		if (blank(parts[i])) {
			empty++;
			if (missing < 0)
				missing = i;
			missing_count++;
		}
	if (empty == 3)
		return NULL;
	if (missing_count == 2) {
		int other = 0;
		for (int i = 0; i < 3; i++)
			if (blank(parts[i]) && i != missing)
				other = i;
		char rest[80];
		snprintf(rest, sizeof rest, "must include %s and %s", names[missing], names[other]);
		say(errors, field, f->label, rest);
		*bad = true;
		return NULL;
	}
	if (missing_count == 1) {
		char rest[64];
		snprintf(rest, sizeof rest, "must include %s", names[missing]);
		say(errors, field, f->label, rest);
		*bad = true;
		return NULL;
	}
	char *d = trimmed(parts[0]), *m = trimmed(parts[1]), *y = trimmed(parts[2]);
	char *out = NULL;
	if (!all_digits(d, 2) || !all_digits(m, 2) || !all_digits(y, 4)) {
		say(errors, field, f->label, "must be a real date");
		*bad = true;
	} else if (strlen(y) != 4) {
		say(errors, field, f->label, "must include a 4-digit year");
		*bad = true;
	} else {
		char iso[16];
		snprintf(iso, sizeof iso, "%s-%02ld-%02ld", y, strtol(m, NULL, 10), strtol(d, NULL, 10));
		int32_t day;
		if (dt_parse_date(iso, &day) != 0) {
			say(errors, field, f->label, "must be a real date");
			*bad = true;
		} else {
			out = xstrdup(iso);
		}
	}
	free(d);
	free(m);
	free(y);
	return out;
}

/* "14:30", "9:05", "0930" -> minutes after midnight; -1 when not a time. */
static int minutes_of(const char *s)
{
	char *t = trimmed(s);
	int h = -1, m = -1;
	size_t n = strlen(t);
	if (n >= 4 && n <= 5 && isdigit((unsigned char)t[n - 1]) && isdigit((unsigned char)t[n - 2])) {
		const char *colon = strchr(t, ':');
		if (colon && colon == t + n - 3 && all_digits(t + n - 2, 2)) {
			char hh[3] = {0};
			memcpy(hh, t, (size_t)(colon - t));
			if (all_digits(hh, 2)) {
				h = (int)strtol(hh, NULL, 10);
				m = (int)strtol(colon + 1, NULL, 10);
			}
		} else if (!colon && n == 4 && all_digits(t, 4)) {
			h = (t[0] - '0') * 10 + (t[1] - '0');
			m = (int)strtol(t + 2, NULL, 10);
		}
	}
	free(t);
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	return h * 60 + m;
}

static void field_path(char *out, size_t n, const char *prefix_path, const char *name)
{
	snprintf(out, n, "%s%s", prefix_path, name);
}

/* Fills obj from pairs for one level of the declaration. `prefix` is how
 * input names start ("items[2][" with suffix "]"), `path` how error
 * fields do ("items[2]."). Returns how many fields had a value typed or
 * chosen from a list (radios and yes/no do not count). */
static int fill(json_t *obj, const json_t *pairs, const struct field_spec *spec, const char *prefix,
		const char *suffix, const char *path, json_t *errors)
{
	int filled = 0;
	for (const struct field_spec *f = spec; f->name; f++) {
		char field[256];
		field_path(field, sizeof field, path, f->name);
		switch (f->type) {
		case F_DATE:
		case F_DATETIME: {
			bool bad;
			char *date = date_of(pairs, prefix, suffix, f, field, errors, &bad);
			const char *time = f->type == F_DATETIME ? part(pairs, prefix, f->name, "-time", suffix) : NULL;
			if (bad || (!date && blank(time))) {
				filled += bad;
				free(date);
				break;
			}
			filled++;
			if (f->type == F_DATE) {
				json_object_set_new(obj, f->name, json_string(date));
			} else if (!date) {
				say(errors, field, f->label, "must include a date as well as a time");
			} else if (blank(time)) {
				say(errors, field, f->label, "must include a time, like 14:30");
			} else {
				int min = minutes_of(time);
				if (min < 0) {
					say(errors, field, f->label, "must have a real time, like 09:30 or 14:30");
				} else {
					char iso[32];
					snprintf(iso, sizeof iso, "%sT%02d:%02d:00", date, min / 60, min % 60);
					json_object_set_new(obj, f->name, json_string(iso));
				}
			}
			free(date);
			break;
		}
		case F_CODES:
		case F_IDS: {
			char key[256];
			snprintf(key, sizeof key, "%s%s%s", prefix, f->name, suffix);
			const json_t *v = json_object_get(pairs, key);
			json_t *codes = json_array();
			if (json_is_array(v))
				json_array_extend(codes, (json_t *)v);
			else if (json_string_value(v) && *json_string_value(v))
				json_array_append(codes, (json_t *)v);
			if (json_array_size(codes) > 0) {
				filled++;
				json_object_set(obj, f->name, codes);
			}
			json_decref(codes);
			break;
		}
		case F_LIST: {
			/* Spare empty rows at the end of a form are dropped; an
			 * empty row before a filled one stays, so row numbers in
			 * errors are the form's own. */
			json_t *rows = json_array();
			size_t used = 0;
			for (int i = 0; i < MAX_ROWS; i++) {
				char rprefix[200], rpath[200];
				snprintf(rprefix, sizeof rprefix, "%s%s%s[%d][", prefix, f->name, suffix, i);
				snprintf(rpath, sizeof rpath, "%s%s[%d].", path, f->name, i);
				json_t *row = json_object();
				if (fill(row, pairs, f->items, rprefix, "]", rpath, errors) > 0)
					used = (size_t)i + 1;
				json_array_append_new(rows, row);
			}
			while (json_array_size(rows) > used)
				json_array_remove(rows, json_array_size(rows) - 1);
			if (json_array_size(rows) > 0) {
				filled++;
				json_object_set(obj, f->name, rows);
			}
			json_decref(rows);
			break;
		}
		default: {
			const char *v = part(pairs, prefix, f->name, "", suffix);
			if (blank(v))
				break;
			/* A radio cannot be unticked: a choice alone (a stray click
			 * on a spare row) does not make a row worth keeping. */
			if (f->type != F_CHOICE && f->type != F_BOOL)
				filled++;
			if (f->type == F_BOOL && (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)) {
				json_object_set_new(obj, f->name, json_boolean(v[0] == 'y'));
			} else if (f->type == F_INT && all_digits(v, 9)) {
				json_object_set_new(obj, f->name, json_integer(strtol(v, NULL, 10)));
			} else if (f->type == F_TEXT || f->type == F_STRING) {
				/* As typed, as the API takes it (a password may end in a
				 * space); browsers send a textarea's line breaks as CRLF. */
				struct buf b;
				buf_init(&b);
				for (const char *c = v; *c; c++)
					if (!(c[0] == '\r' && c[1] == '\n'))
						buf_append(&b, c, 1);
				json_object_set_new(obj, f->name, json_string(b.data ? b.data : ""));
				buf_free(&b);
			} else {
				char *t = trimmed(v);
				json_object_set_new(obj, f->name, json_string(t));
				free(t);
			}
		}
		}
	}
	return filled;
}

json_t *formdata_typed(const json_t *pairs, const struct field_spec *spec, json_t *errors)
{
	json_t *obj = json_object();
	if (spec)
		fill(obj, pairs, spec, "", "", "", errors);
	return obj;
}

void formdata_field_id(const char *field, char *out, size_t n)
{
	size_t o = 0;
	for (const char *c = field; *c && o + 1 < n; c++) {
		if (*c == '[' || *c == '.') {
			if (o && out[o - 1] != '-')
				out[o++] = '-';
		} else if (*c != ']') {
			out[o++] = *c;
		}
	}
	out[o] = '\0';
}
