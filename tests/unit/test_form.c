/* test_form.c — checking submitted fields: each kind of problem gets a
 * message a person understands, naming the field (nested ones by path). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/form.h"

static const struct field_spec ITEM[] = {
	{"what", F_STRING, true, "what to do"},
	{"when", F_DATE, true, "the date"},
	{NULL}};

static const struct field_spec SPEC[] = {
	{"name", F_STRING, true, "the child's name", 10},
	{"notes", F_TEXT, false, "notes"},
	{"born", F_DATE, false, "the date of birth"},
	{"at", F_DATETIME, false, "the time"},
	{"urgent", F_BOOL, true, "whether it is urgent"},
	{"count", F_INT, false, "the count", .min = 1, .max = 5},
	{"method", F_CHOICE, false, "how consent was given", .vocab = VOCAB_CONSENT_METHOD},
	{"who", F_ID, false, "the person"},
	{"email", F_EMAIL, false, "the email address"},
	{"link", F_URL, false, "the link"},
	{"items", F_LIST, false, "the actions", .items = ITEM, .min_items = 1, .max_items = 2},
	{NULL}};

/* Checks `json` and returns the errors (caller frees). */
static json_t *check(const char *json)
{
	json_error_t je;
	json_t *in = json_loads(json, 0, &je);
	assert_non_null(in);
	json_t *errors = json_array();
	form_check(in, SPEC, "", errors);
	json_decref(in);
	return errors;
}

/* Asserts exactly one error, for `field`, whose message contains `words`. */
static void one(const char *json, const char *field, const char *words)
{
	json_t *errors = check(json);
	if (json_array_size(errors) != 1) {
		char *s = json_dumps(errors, 0);
		fail_msg("%s: expected one error, got %s", json, s);
	}
	json_t *e = json_array_get(errors, 0);
	assert_string_equal(json_string_value(json_object_get(e, "field")), field);
	const char *msg = json_string_value(json_object_get(e, "message"));
	if (!strstr(msg, words))
		fail_msg("%s: \"%s\" does not say \"%s\"", json, msg, words);
	json_decref(errors);
}

static void test_valid_input_has_no_errors(void **state)
{
	(void)state;
	json_t *errors = check("{\"name\":\"Zofia\",\"urgent\":false,\"born\":\"2016-02-29\","
			       "\"at\":\"2026-03-03T10:00Z\",\"count\":5,\"method\":\"written\","
			       "\"who\":\"0123456789abcdef0123456789abcdef\",\"email\":\"a@b.org\","
			       "\"link\":\"https://teams.example.org/x\",\"notes\":\"line\\nline\","
			       "\"items\":[{\"what\":\"walk\",\"when\":\"2026-04-01\"}]}");
	assert_int_equal(json_array_size(errors), 0);
	json_decref(errors);
	errors = check("{\"name\":\"Ιωάννα\",\"urgent\":true,\"born\":null}");
	assert_int_equal(json_array_size(errors), 0);
	json_decref(errors);
}

static void test_missing_and_blank(void **state)
{
	(void)state;
	one("{\"urgent\":true}", "name", "Enter the child's name");
	one("{\"name\":\"  \",\"urgent\":true}", "name", "Enter the child's name");
	one("{\"name\":5,\"urgent\":true}", "name", "as text");
}

static void test_lengths_count_characters(void **state)
{
	(void)state;
	json_t *errors = check("{\"name\":\"ÀÀÀÀÀÀÀÀÀÀ\",\"urgent\":true}");
	assert_int_equal(json_array_size(errors), 0); /* ten characters, twenty bytes */
	json_decref(errors);
	one("{\"name\":\"ÀÀÀÀÀÀÀÀÀÀÀ\",\"urgent\":true}", "name", "10 characters or fewer");
}

static void test_types(void **state)
{
	(void)state;
	one("{\"name\":\"A\"}", "urgent", "Select whether it is urgent");
	one("{\"name\":\"A\",\"urgent\":\"yes\"}", "urgent", "true or false");
	one("{\"name\":\"A\",\"urgent\":true,\"born\":\"2026-02-30\"}", "born", "real date");
	one("{\"name\":\"A\",\"urgent\":true,\"born\":\"29/02/2016\"}", "born", "real date");
	one("{\"name\":\"A\",\"urgent\":true,\"at\":\"tomorrow\"}", "at", "real date and time");
	one("{\"name\":\"A\",\"urgent\":true,\"count\":6}", "count", "between 1 and 5");
	one("{\"name\":\"A\",\"urgent\":true,\"count\":1.5}", "count", "whole number");
	one("{\"name\":\"A\",\"urgent\":true,\"method\":\"telepathy\"}", "method", "one of verbal, written");
	one("{\"name\":\"A\",\"urgent\":true,\"who\":\"ABC\"}", "who", "not a valid reference");
	one("{\"name\":\"A\",\"urgent\":true,\"email\":\"a@b\"}", "email", "like name@example.org");
	one("{\"name\":\"A\",\"urgent\":true,\"link\":\"javascript:alert(1)\"}", "link", "https://");
	one("{\"name\":\"A\\u0001\",\"urgent\":true}", "name", "control characters");
	one("{\"name\":\"A\\nB\",\"urgent\":true}", "name", "control characters");
}

static void test_unknown_fields_are_refused(void **state)
{
	(void)state;
	one("{\"name\":\"A\",\"urgent\":true,\"nmae\":\"typo\"}", "nmae", "not one of the fields");
	json_t *errors = json_array();
	json_t *arr = json_array();
	assert_int_equal(form_check(arr, SPEC, "", errors), 1);
	json_decref(arr);
	json_decref(errors);
}

static void test_lists_name_the_entry(void **state)
{
	(void)state;
	one("{\"name\":\"A\",\"urgent\":true,\"items\":[]}", "items", "Add at least 1 entry");
	one("{\"name\":\"A\",\"urgent\":true,\"items\":[{},{},{}]}", "items", "at most 2");
	one("{\"name\":\"A\",\"urgent\":true,\"items\":[{\"what\":\"x\",\"when\":\"2026-01-01\"},{\"what\":\"y\",\"when\":\"soon\"}]}",
	    "items[1].when", "real date");
	one("{\"name\":\"A\",\"urgent\":true,\"items\":[{\"what\":\"x\",\"when\":\"2026-01-01\",\"extra\":1}]}",
	    "items[0].extra", "not one of the fields");
	one("{\"name\":\"A\",\"urgent\":true,\"items\":[5]}", "items[0]", "set of fields");
	one("{\"name\":\"A\",\"urgent\":true,\"items\":{}}", "items", "must be a list");
}

static void test_readers(void **state)
{
	(void)state;
	json_t *in = json_loads("{\"s\":\"x\",\"blank\":\"  \",\"b\":true,\"n\":3,\"z\":null}", 0, NULL);
	assert_string_equal(form_str(in, "s"), "x");
	assert_null(form_str(in, "blank"));
	assert_null(form_str(in, "missing"));
	assert_true(form_bool(in, "b"));
	assert_false(form_bool(in, "s"));
	assert_int_equal(form_int(in, "n", 9), 3);
	assert_int_equal(form_int(in, "s", 9), 9);
	assert_true(form_has(in, "s"));
	assert_false(form_has(in, "z"));
	json_decref(in);
	assert_true(form_is_id("0123456789abcdef0123456789abcdef"));
	assert_false(form_is_id("0123456789ABCDEF0123456789abcdef"));
	assert_false(form_is_id(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_input_has_no_errors),
		cmocka_unit_test(test_missing_and_blank),
		cmocka_unit_test(test_lengths_count_characters),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_unknown_fields_are_refused),
		cmocka_unit_test(test_lists_name_the_entry),
		cmocka_unit_test(test_readers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
