/* form.c — checking submitted fields against their declaration (form.h). */
#include "form.h"
#include "datetime.h"
#include "../util/utf8.h"

#include <assert.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_STRING_MAX 200
#define DEFAULT_TEXT_MAX 10000
/* Every date in a case falls within a child's lifetime of today: a year
 * outside this is a typing mistake (19 for 2019, 2206 for 2026). */
#define FORM_EARLIEST_DAY 10957 /* 2000-01-01 */
#define FORM_LATEST_DAY 47481   /* 2099-12-31 */

void form_error(json_t *errors, const char *field, const char *message)
{
	/* Messages quote what was typed and are cut to fit: never let a
	 * character cut in half lose the error. */
	char f[256], m[1024];
	snprintf(f, sizeof f, "%s", field);
	snprintf(m, sizeof m, "%s", message);
	utf8_trim(f);
	utf8_trim(m);
	json_t *e = json_pack("{s:s,s:s}", "field", f, "message", m);
	assert(e);
	json_array_append_new(errors, e);
}


static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* Control characters break letters and CSV exports; only text fields may
 * hold line breaks and tabs. */
static bool has_control(const char *s, bool multiline)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == 0x7f || (c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))))
			return true;
	}
	return false;
}

bool form_is_id(const char *s)
{
	if (!s || strlen(s) != 32)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

static bool is_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || strchr(s, ' '))
		return false;
	const char *dot = strrchr(at, '.');
	return dot && dot > at + 1 && dot[1] != '\0';
}

static bool is_url(const char *s)
{
	const char *rest = NULL;
	if (strncmp(s, "https://", 8) == 0)
		rest = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		rest = s + 7;
	return rest && *rest && *rest != '/' && !strchr(s, ' ');
}

static const struct field_spec *find(const struct field_spec *spec, const char *name)
{
	for (; spec->name; spec++)
		if (strcmp(spec->name, name) == 0)
			return spec;
	return NULL;
}

static void say(json_t *errors, const char *prefix, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say(json_t *errors, const char *prefix, const char *name, const char *fmt, ...)
{
	char field[160], msg[400];
	snprintf(field, sizeof field, "%s%s", prefix, name);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* Labels are written lower-case to sit mid-sentence; a message starts with a capital. */
	if (msg[0] >= 'a' && msg[0] <= 'z')
		msg[0] = (char)(msg[0] - 'a' + 'A');
	form_error(errors, field, msg);
}

static void list_choices(const char *const *choices, char *out, size_t n)
{
	out[0] = '\0';
	size_t used = 0;
	for (int i = 0; choices[i] && used < n; i++)
		used += (size_t)snprintf(out + used, n - used, "%s%s", i ? ", " : "", choices[i]);
}

static int check_one(const json_t *v, const struct field_spec *f, const char *prefix,
		     json_t *errors)
{
	const char *label = f->label ? f->label : f->name;
	int before = (int)json_array_size(errors);
	switch (f->type) {
	case F_STRING:
	case F_TEXT:
	case F_EMAIL:
	case F_URL:
	case F_DATE:
	case F_DATETIME:
	case F_ID:
	case F_CHOICE: {
		if (!json_is_string(v)) {
			say(errors, prefix, f->name, "Enter %s as text", label);
			break;
		}
		const char *s = json_string_value(v);
		if (blank(s)) {
			if (f->required)
				say(errors, prefix, f->name, "%s %s", f->type == F_CHOICE ? "Select" : "Enter", label);
			break;
		}
		size_t max = f->max_len ? f->max_len
					: (f->type == F_TEXT ? DEFAULT_TEXT_MAX : DEFAULT_STRING_MAX);
		if (utf8_chars(s) > max) {
			say(errors, prefix, f->name, "%s must be %zu characters or fewer", label, max);
			break;
		}
		if (has_control(s, f->type == F_TEXT)) {
			say(errors, prefix, f->name,
			    "%s contains characters that cannot be stored (such as control characters)",
			    label);
			break;
		}
		if (f->type == F_DATE) {
			int32_t d;
			if (dt_parse_date(s, &d) != 0)
				say(errors, prefix, f->name, "%s must be a real date, like 2026-03-27", label);
			else if (f->min || f->max) {
				/* A date with its own range of years (a date of birth). */
				int year = 0;
				dt_civil_from_days(d, &year, &(int){0}, &(int){0});
				if (year < f->min || year > f->max)
					say(errors, prefix, f->name, "%s must be between %ld and %ld", label, f->min, f->max);
			} else if (d < FORM_EARLIEST_DAY || d > FORM_LATEST_DAY)
				say(errors, prefix, f->name, "%s must be between 2000 and 2099", label);
		} else if (f->type == F_DATETIME) {
			int64_t t;
			if (dt_parse_datetime(s, &t) != 0)
				say(errors, prefix, f->name,
				    "%s must be a real date and time, like 2026-03-27T14:30", label);
			else if (t < (int64_t)FORM_EARLIEST_DAY * DT_SECONDS_PER_DAY ||
				 t > ((int64_t)FORM_LATEST_DAY + 1) * DT_SECONDS_PER_DAY)
				say(errors, prefix, f->name, "%s must be between 2000 and 2099", label);
		} else if (f->type == F_ID) {
			if (!form_is_id(s))
				say(errors, prefix, f->name, "%s is not a valid reference", label);
		} else if (f->type == F_EMAIL) {
			if (!is_email(s))
				say(errors, prefix, f->name,
				    "Enter %s in the correct format, like name@example.org", label);
		} else if (f->type == F_URL) {
			if (!is_url(s))
				say(errors, prefix, f->name,
				    "Enter %s as a full web address starting with https://", label);
		} else if (f->type == F_CHOICE) {
			const char *const *choices = vocab_codes(f->vocab);
			bool ok = false;
			for (int i = 0; choices[i]; i++)
				ok = ok || strcmp(s, choices[i]) == 0;
			if (!ok) {
				char all[400];
				list_choices(choices, all, sizeof all);
				say(errors, prefix, f->name, "Select %s: one of %s", label, all);
			}
		}
		break;
	}
	case F_BOOL:
		if (!json_is_boolean(v))
			say(errors, prefix, f->name, "Answer yes or no for %s (true or false)", label);
		break;
	case F_INT:
		if (!json_is_integer(v)) {
			say(errors, prefix, f->name, "Enter %s as a whole number", label);
		} else if (json_integer_value(v) < f->min || json_integer_value(v) > f->max) {
			say(errors, prefix, f->name, "%s must be between %ld and %ld", label, f->min, f->max);
		}
		break;
	case F_CODES: {
		const char *const *choices = vocab_codes(f->vocab);
		size_t i;
		const json_t *c;
		bool ok = json_is_array(v);
		json_array_foreach(v, i, c) {
			bool known = false;
			for (int k = 0; json_is_string(c) && choices[k]; k++)
				known = known || strcmp(json_string_value(c), choices[k]) == 0;
			ok = ok && known;
		}
		if (!ok) {
			char all[400];
			list_choices(choices, all, sizeof all);
			say(errors, prefix, f->name, "Select %s from %s", label, all);
		} else if (f->required && json_array_size(v) == 0) {
			say(errors, prefix, f->name, "Select %s", label);
		}
		break;
	}
	case F_IDS: {
		size_t i, j;
		const json_t *c;
		bool ok = json_is_array(v) && json_array_size(v) <= 500;
		json_array_foreach(v, i, c) {
			ok = ok && json_is_string(c) && form_is_id(json_string_value(c));
			for (j = 0; ok && j < i; j++)
				ok = !json_equal(c, json_array_get(v, j));
		}
		if (!ok)
			say(errors, prefix, f->name, "Select %s from the list", label);
		else if (f->required && json_array_size(v) == 0)
			say(errors, prefix, f->name, "Select %s", label);
		break;
	}
	case F_LIST: {
		if (!json_is_array(v)) {
			say(errors, prefix, f->name, "%s must be a list", label);
			break;
		}
		int n = (int)json_array_size(v);
		if (n < f->min_items) {
			say(errors, prefix, f->name, "Add at least %d %s to %s", f->min_items, f->min_items == 1 ? "entry" : "entries", label);
			break;
		}
		if (f->max_items && n > f->max_items) {
			say(errors, prefix, f->name, "%s can have at most %d entries", label, f->max_items);
			break;
		}
		for (int i = 0; i < n; i++) {
			char sub[160];
			snprintf(sub, sizeof sub, "%s%s[%d].", prefix, f->name, i);
			const json_t *item = json_array_get(v, (size_t)i);
			if (!json_is_object(item)) {
				char field[160];
				snprintf(field, sizeof field, "%s%s[%d]", prefix, f->name, i);
				form_error(errors, field, "Each entry must be a set of fields");
				continue;
			}
			form_check(item, f->items, sub, errors);
		}
		break;
	}
	}
	return (int)json_array_size(errors) - before;
}

int form_check(const json_t *obj, const struct field_spec *spec, const char *prefix,
	       json_t *errors)
{
	int before = (int)json_array_size(errors);
	if (!json_is_object(obj)) {
		form_error(errors, prefix, "Send the fields as a JSON object");
		return 1;
	}
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)obj, key, v) {
		if (!find(spec, key)) {
			char msg[300];
			snprintf(msg, sizeof msg, "\"%.100s\" is not one of the fields this form accepts", key);
			char field[160];
			snprintf(field, sizeof field, "%s%.100s", prefix, key);
			form_error(errors, field, msg);
		}
	}
	for (const struct field_spec *f = spec; f->name; f++) {
		v = json_object_get(obj, f->name);
		if (!v || json_is_null(v)) {
			if (f->required)
				say(errors, prefix, f->name, "%s %s",
				    f->type == F_CHOICE || f->type == F_BOOL || f->type == F_CODES || f->type == F_IDS ? "Select"
				    : (f->type == F_LIST ? "Add" : "Enter"),
				    f->label ? f->label : f->name);
			continue;
		}
		check_one(v, f, prefix, errors);
	}
	return (int)json_array_size(errors) - before;
}

const char *form_str(const json_t *obj, const char *name)
{
	const json_t *v = json_object_get(obj, name);
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	return s && !blank(s) ? s : NULL;
}

bool form_bool(const json_t *obj, const char *name)
{
	return json_is_true(json_object_get(obj, name));
}

long form_int(const json_t *obj, const char *name, long dflt)
{
	const json_t *v = json_object_get(obj, name);
	return json_is_integer(v) ? (long)json_integer_value(v) : dflt;
}

bool form_has(const json_t *obj, const char *name)
{
	const json_t *v = json_object_get(obj, name);
	return v && !json_is_null(v);
}

json_t *form_find(const json_t *list, const char *key, const char *want)
{
	size_t i;
	json_t *o;
	if (!want)
		return NULL;
	json_array_foreach(list, i, o) {
		const char *v = form_str(o, key);
		if (v && strcmp(v, want) == 0)
			return o;
	}
	return NULL;
}

bool form_holds(const json_t *v, const char *want)
{
	if (json_is_string(v))
		return strcmp(json_string_value(v), want) == 0;
	size_t i;
	const json_t *x;
	json_array_foreach(v, i, x) if (json_is_string(x) && strcmp(json_string_value(x), want) == 0) return true;
	return false;
}
