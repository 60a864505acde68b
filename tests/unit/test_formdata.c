/* test_formdata.c — HTML form bodies into the API's JSON: percent-decoding,
 * types from the field declaration, GOV.UK date inputs and their errors,
 * rows of a list, and ids for error-summary links. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "web/formdata.h"

static const struct field_spec ROW[] = {
	{"what", F_STRING, true, "what to do"},
	{"when", F_DATE, false, "the date"},
	{"done", F_BOOL, false, "whether it is done"},
	{NULL}};

static const struct field_spec SPEC[] = {
	{"name", F_STRING, true, "the child's name"},
	{"notes", F_TEXT, false, "notes"},
	{"born", F_DATE, false, "the date of birth"},
	{"at", F_DATETIME, false, "the time of the meeting"},
	{"urgent", F_BOOL, false, "whether it is urgent"},
	{"count", F_INT, false, "the count"},
	{"method", F_CHOICE, false, "how consent was given", .vocab = VOCAB_CONSENT_METHOD},
	{"items", F_LIST, false, "the actions", .items = ROW},
	{NULL}};

/* Decodes `body`; returns the typed object as compact JSON and the errors. */
static char *typed(const char *body, json_t **errors)
{
	json_t *pairs;
	assert_int_equal(formdata_pairs(body, strlen(body), &pairs), 0);
	*errors = json_array();
	json_t *obj = formdata_typed(pairs, SPEC, *errors);
	char *s = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(obj);
	json_decref(pairs);
	return s;
}

static const char *message(const json_t *errors, size_t i)
{
	return json_string_value(json_object_get(json_array_get(errors, i), "message"));
}

static void test_decoding_and_types(void **state)
{
	(void)state;
	json_t *errors;
	char *s = typed("name=Maja+Kowalska&notes=line+one%0D%0Aline+two&urgent=yes&count=3&method=verbal"
			"&csrf_token=abc&unknown=x",
			&errors);
	assert_string_equal(s, "{\"count\":3,\"method\":\"verbal\",\"name\":\"Maja Kowalska\","
			       "\"notes\":\"line one\\nline two\",\"urgent\":true}");
	assert_int_equal(json_array_size(errors), 0);
	free(s);
	json_decref(errors);

	/* Empty inputs are absent; "no" is false; text that is not a number
	 * stays text, for the field check to explain. */
	s = typed("name=&notes=+&urgent=no&count=three", &errors);
	assert_string_equal(s, "{\"count\":\"three\",\"urgent\":false}");
	free(s);
	json_decref(errors);

	/* Multibyte text survives percent-decoding. */
	s = typed("name=%C5%81ucja+Wi%C5%9Bniewska", &errors);
	assert_string_equal(s, "{\"name\":\"Łucja Wiśniewska\"}");
	free(s);
	json_decref(errors);
}

static void test_unreadable_bodies(void **state)
{
	(void)state;
	json_t *pairs = NULL;
	const char *bad[] = {"name=%C3%28", "name=%zz", "name=%4", "name=a%00b"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(formdata_pairs(bad[i], strlen(bad[i]), &pairs), -1);
	assert_int_equal(formdata_pairs("", 0, &pairs), 0);
	assert_int_equal(json_object_size(pairs), 0);
	json_decref(pairs);
}

static void test_dates(void **state)
{
	(void)state;
	json_t *errors;
	char *s = typed("born-day=3&born-month=3&born-year=2015&at-day=27&at-month=03&at-year=2026&at-time=9:05",
			&errors);
	assert_string_equal(s, "{\"at\":\"2026-03-27T09:05:00\",\"born\":\"2015-03-03\"}");
	assert_int_equal(json_array_size(errors), 0);
	free(s);
	json_decref(errors);

	struct {
		const char *body, *message;
	} cases[] = {
		{"born-day=3&born-year=2015", "The date of birth must include a month"},
		{"born-day=3", "The date of birth must include a month and a year"},
		{"born-day=31&born-month=2&born-year=2015", "The date of birth must be a real date"},
		{"born-day=x&born-month=2&born-year=2015", "The date of birth must be a real date"},
		{"born-day=1&born-month=2&born-year=15", "The date of birth must include a 4-digit year"},
		{"at-day=1&at-month=2&at-year=2026", "The time of the meeting must include a time, like 14:30"},
		{"at-day=1&at-month=2&at-year=2026&at-time=25:00",
		 "The time of the meeting must have a real time, like 09:30 or 14:30"},
		{"at-time=10:00", "The time of the meeting must include a date as well as a time"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		s = typed(cases[i].body, &errors);
		assert_int_equal(json_array_size(errors), 1);
		assert_string_equal(message(errors, 0), cases[i].message);
		assert_null(strstr(s, "\"born\":") && strstr(s, "\"at\":") ? s : NULL);
		free(s);
		json_decref(errors);
	}
}

static void test_rows(void **state)
{
	(void)state;
	json_t *errors;
	/* Spare rows at the end are dropped, an empty one between is kept (and
	 * will be reported); errors name the row as the form numbers it. */
	char *s = typed("items%5B0%5D%5Bwhat%5D=Walk+to+school&items%5B1%5D%5Bwhat%5D=&"
			"items%5B2%5D%5Bwhat%5D=Call+Nan&items%5B2%5D%5Bwhen-day%5D=40&"
			"items%5B2%5D%5Bwhen-month%5D=1&items%5B2%5D%5Bwhen-year%5D=2026&items%5B3%5D%5Bwhat%5D=",
			&errors);
	assert_string_equal(s, "{\"items\":[{\"what\":\"Walk to school\"},{},{\"what\":\"Call Nan\"}]}");
	assert_int_equal(json_array_size(errors), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(errors, 0), "field")), "items[2].when");
	free(s);
	json_decref(errors);
}

static void test_a_stray_radio_on_a_spare_row(void **state)
{
	(void)state;
	json_t *errors;
	char *s = typed("items%5B0%5D%5Bwhat%5D=Walk&items%5B1%5D%5Bdone%5D=yes", &errors);
	assert_string_equal(s, "{\"items\":[{\"what\":\"Walk\"}]}");
	assert_int_equal(json_array_size(errors), 0);
	free(s);
	json_decref(errors);
}

static void test_field_ids(void **state)
{
	(void)state;
	char id[64];
	formdata_field_id("items[2].what", id, sizeof id);
	assert_string_equal(id, "items-2-what");
	formdata_field_id("child_name", id, sizeof id);
	assert_string_equal(id, "child_name");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decoding_and_types),
		cmocka_unit_test(test_unreadable_bodies),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_a_stray_radio_on_a_spare_row),
		cmocka_unit_test(test_field_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
