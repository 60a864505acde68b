/* test_datetime.c — unit tests for src/domain/datetime.c: day numbers,
 * weekdays, the UK summer-time rule, and the strict parsers and formatters
 * that every date entering or leaving hearth passes through.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "calendar_fixture.h"
#include "domain/datetime.h"

static void test_civil_known_days(void **state)
{
	(void)state;
	assert_int_equal(dt_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(dt_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(dt_days_from_civil(1900, 1, 1), -25567);
	assert_int_equal(dt_days_from_civil(2026, 3, 3), 20515);
	int y, m, d;
	dt_civil_from_days(-1, &y, &m, &d);
	assert_int_equal(y, 1969);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
	dt_civil_from_days(dt_days_from_civil(2024, 2, 29), &y, &m, &d);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
}

/* Every day hearth accepts converts both ways and follows the previous. */
static void test_civil_round_trip_1900_2199(void **state)
{
	(void)state;
	int32_t first = dt_days_from_civil(1900, 1, 1);
	int32_t last = dt_days_from_civil(2199, 12, 31);
	int py = 1899, pm = 12, pd = 31;
	for (int32_t day = first; day <= last; day++) {
		int y, m, d;
		dt_civil_from_days(day, &y, &m, &d);
		assert_int_equal(dt_days_from_civil(y, m, d), day);
		if (d == 1)
			assert_true((m == pm + 1 && y == py) || (m == 1 && pm == 12 && y == py + 1));
		else
			assert_true(d == pd + 1 && m == pm && y == py);
		py = y;
		pm = m;
		pd = d;
	}
	assert_int_equal(py, 2199);
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(dt_weekday(0), 3);                                  /* Thu 1970-01-01 */
	assert_int_equal(dt_weekday(-1), 2);                                 /* Wed 1969-12-31 */
	assert_int_equal(dt_weekday(fixture_day("2026-03-02")), 0);          /* Mon */
	assert_int_equal(dt_weekday(fixture_day("2026-03-03")), 1);          /* Tue */
	assert_int_equal(dt_weekday(fixture_day("2026-03-29")), 6);          /* Sun */
	assert_int_equal(dt_weekday(fixture_day("1900-01-01")), 0);          /* Mon */
	assert_int_equal(dt_weekday(fixture_day("2199-12-31")), 1);          /* Tue */
}

static void test_london_offset_transitions(void **state)
{
	(void)state;
	/* 2026: last Sundays are 29 March and 25 October, both at 01:00 UTC. */
	assert_int_equal(dt_london_offset(fixture_at("2026-01-15T12:00Z")), 0);
	assert_int_equal(dt_london_offset(fixture_at("2026-07-15T12:00Z")), 3600);
	assert_int_equal(dt_london_offset(fixture_at("2026-03-29T00:59:59Z")), 0);
	assert_int_equal(dt_london_offset(fixture_at("2026-03-29T01:00:00Z")), 3600);
	assert_int_equal(dt_london_offset(fixture_at("2026-10-25T00:59:59Z")), 3600);
	assert_int_equal(dt_london_offset(fixture_at("2026-10-25T01:00:00Z")), 0);
	/* 2025: 30 March and 26 October; 2027: 28 March and 31 October. */
	assert_int_equal(dt_london_offset(fixture_at("2025-03-30T01:00Z")), 3600);
	assert_int_equal(dt_london_offset(fixture_at("2025-03-23T12:00Z")), 0);
	assert_int_equal(dt_london_offset(fixture_at("2025-10-26T00:30Z")), 3600);
	assert_int_equal(dt_london_offset(fixture_at("2025-10-26T01:30Z")), 0);
	assert_int_equal(dt_london_offset(fixture_at("2027-03-28T01:00Z")), 3600);
	assert_int_equal(dt_london_offset(fixture_at("2027-10-31T00:59Z")), 3600);
	assert_int_equal(dt_london_offset(fixture_at("2027-10-31T01:00Z")), 0);
	/* Far outside any real date: no overflow, just GMT. */
	assert_int_equal(dt_london_offset(INT64_MAX), 0);
	assert_int_equal(dt_london_offset(INT64_MIN), 0);
}

static void test_london_conversions(void **state)
{
	(void)state;
	int64_t winter = fixture_at("2026-01-03T16:00Z");
	int64_t summer = fixture_at("2026-07-03T15:00Z");
	assert_int_equal(dt_utc_to_london(winter), winter);
	assert_int_equal(dt_utc_to_london(summer), summer + 3600);
	assert_int_equal(dt_london_to_utc(winter), winter);
	assert_int_equal(dt_london_to_utc(summer + 3600), summer);

	/* Spring-forward gap: 01:30 does not exist on 29 March 2026; read as BST. */
	int64_t gap_local = (int64_t)fixture_day("2026-03-29") * 86400 + 90 * 60;
	assert_int_equal(dt_london_to_utc(gap_local), fixture_at("2026-03-29T00:30Z"));
	/* Autumn overlap: 01:30 happens twice on 25 October 2026; the BST one. */
	int64_t overlap_local = (int64_t)fixture_day("2026-10-25") * 86400 + 90 * 60;
	assert_int_equal(dt_london_to_utc(overlap_local), fixture_at("2026-10-25T00:30Z"));
	/* Just either side of each change. */
	int64_t before_spring = (int64_t)fixture_day("2026-03-29") * 86400 + 3600 - 1;
	assert_int_equal(dt_london_to_utc(before_spring), fixture_at("2026-03-29T00:59:59Z"));
	int64_t after_spring = (int64_t)fixture_day("2026-03-29") * 86400 + 2 * 3600;
	assert_int_equal(dt_london_to_utc(after_spring), fixture_at("2026-03-29T01:00Z"));
	int64_t after_autumn = (int64_t)fixture_day("2026-10-25") * 86400 + 2 * 3600;
	assert_int_equal(dt_london_to_utc(after_autumn), fixture_at("2026-10-25T02:00Z"));

	/* Every UTC hour through 2026 survives a round trip except the hour
	 * that the autumn overlap makes ambiguous. */
	for (int64_t t = fixture_at("2026-01-01T00:00Z"); t < fixture_at("2027-01-01T00:00Z");
	     t += 3600) {
		if (t == fixture_at("2026-10-25T01:00Z"))
			continue;
		assert_int_equal(dt_london_to_utc(dt_utc_to_london(t)), t);
	}
}

static void test_london_day(void **state)
{
	(void)state;
	assert_int_equal(dt_london_day(fixture_at("2026-07-03T23:30Z")), fixture_day("2026-07-04"));
	assert_int_equal(dt_london_day(fixture_at("2026-01-03T23:30Z")), fixture_day("2026-01-03"));
	assert_int_equal(dt_london_day(fixture_at("2026-07-03T22:59:59Z")),
			 fixture_day("2026-07-03"));
	assert_int_equal(dt_london_day(-1), -1);
}

static void test_parse_date_accepts(void **state)
{
	(void)state;
	int32_t d;
	assert_int_equal(dt_parse_date("2026-03-03", &d), 0);
	assert_int_equal(d, dt_days_from_civil(2026, 3, 3));
	assert_int_equal(dt_parse_date("2024-02-29", &d), 0);
	assert_int_equal(dt_parse_date("2000-02-29", &d), 0);
	assert_int_equal(dt_parse_date("1900-01-01", &d), 0);
	assert_int_equal(dt_parse_date("2199-12-31", &d), 0);
	assert_int_equal(d, dt_days_from_civil(2199, 12, 31));
}

static void test_parse_date_refusals(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "2026-04-31",
		"2025-02-29", "2100-02-29", "1899-12-31", "2200-01-01", "2026-1-01",
		"2026-01-1",  "26-01-01",   "2026/01/01", "2026-01-01x", "2026-01-01 ",
		" 2026-01-01", "2026-01-01T10:00Z", "+026-01-01", "2026-+1-01", "2026-0a-01",
		"",           "2026",       "20260101",
	};
	int32_t d = 12345;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (dt_parse_date(bad[i], &d) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(dt_parse_date(NULL, &d), -1);
	assert_int_equal(d, 12345); /* untouched on failure */
}

static void test_parse_datetime_accepts(void **state)
{
	(void)state;
	int64_t t;
	int64_t base = (int64_t)dt_days_from_civil(2026, 3, 3) * 86400;
	assert_int_equal(dt_parse_datetime("2026-03-03T15:00Z", &t), 0);
	assert_int_equal(t, base + 15 * 3600);
	assert_int_equal(dt_parse_datetime("2026-03-03T15:00:30.999Z", &t), 0);
	assert_int_equal(t % 60, 30); /* the fraction is dropped, not rounded */
	assert_int_equal(dt_parse_datetime("2026-03-03T15:00:30Z", &t), 0);
	assert_int_equal(t, base + 15 * 3600 + 30);
	assert_int_equal(dt_parse_datetime("2026-03-03T15:00+01:00", &t), 0);
	assert_int_equal(t, base + 14 * 3600);
	assert_int_equal(dt_parse_datetime("2026-03-03T15:00:00-05:30", &t), 0);
	assert_int_equal(t, base + 20 * 3600 + 30 * 60);
	assert_int_equal(dt_parse_datetime("2026-03-03T00:00:00+00:00", &t), 0);
	assert_int_equal(t, base);

	/* Without a zone: London local time, GMT in winter and BST in summer. */
	assert_int_equal(dt_parse_datetime("2026-01-03T16:00", &t), 0);
	assert_int_equal(t, (int64_t)dt_days_from_civil(2026, 1, 3) * 86400 + 16 * 3600);
	assert_int_equal(dt_parse_datetime("2026-07-03T16:00:00", &t), 0);
	assert_int_equal(t, (int64_t)dt_days_from_civil(2026, 7, 3) * 86400 + 15 * 3600);
	/* London midnight in summer is the previous UTC day. */
	assert_int_equal(dt_parse_datetime("2026-07-04T00:00", &t), 0);
	assert_int_equal(t, (int64_t)dt_days_from_civil(2026, 7, 3) * 86400 + 23 * 3600);
}

static void test_parse_datetime_refusals(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2026-03-03T24:00Z",
		"2026-03-03T15:60Z",
		"2026-03-03T15:00:60Z",
		"2026-03-03 15:00Z",
		"2026-03-03t15:00Z",
		"2026-03-03T15:00Zjunk",
		"2026-03-03T15:00Z ",
		"2026-03-03T15:00+0100",
		"2026-03-03T15:00+01",
		"2026-03-03T15:00+24:00",
		"2026-03-03T15:00+01:60",
		"2026-03-03T15:00+01:00x",
		"2026-03-03T15Z",
		"2026-03-03T15:0Z",
		"2026-03-03T15:00:0Z",
		"2026-03-03T15:00:",
		"2026-03-03T1:00Z",
		"2026-03-03T",
		"2026-03-03",
		"2026-02-30T10:00Z",
		"2026-13-01T10:00Z",
		"1899-12-31T23:00Z",
		"2200-01-01T00:00Z",
		"2026-03-03T15:00z",
		"2026-03-03T15:00:00.Z",
		"2026-03-03T15:00:00.1234567890Z",
		"2026-03-03T15:00.5Z",
		"",
	};
	int64_t t = 777;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (dt_parse_datetime(bad[i], &t) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(dt_parse_datetime(NULL, &t), -1);
	assert_int_equal(t, 777);
}

static void test_format_date_and_utc(void **state)
{
	(void)state;
	char d[11], u[21];
	dt_format_date(fixture_day("2026-03-03"), d);
	assert_string_equal(d, "2026-03-03");
	dt_format_date(fixture_day("1900-01-01"), d);
	assert_string_equal(d, "1900-01-01");
	dt_format_date(-1, d);
	assert_string_equal(d, "1969-12-31");

	dt_format_utc(fixture_at("2026-03-03T15:00Z"), u);
	assert_string_equal(u, "2026-03-03T15:00:00Z");
	dt_format_utc(-1, u);
	assert_string_equal(u, "1969-12-31T23:59:59Z");
	dt_format_utc(fixture_at("2199-12-31T23:59:59Z"), u);
	assert_string_equal(u, "2199-12-31T23:59:59Z");
	/* Absurd instants are clamped, never overrun the buffer. */
	dt_format_utc(INT64_MAX, u);
	assert_int_equal(strlen(u), 20);
	dt_format_utc(INT64_MIN, u);
	assert_int_equal(strlen(u), 20);
}

static void test_format_london(void **state)
{
	(void)state;
	char out[26];
	dt_format_london(fixture_at("2026-07-03T15:00Z"), out);
	assert_string_equal(out, "2026-07-03T16:00:00+01:00");
	dt_format_london(fixture_at("2026-01-03T15:00Z"), out);
	assert_string_equal(out, "2026-01-03T15:00:00+00:00");
	dt_format_london(fixture_at("2026-07-03T23:30Z"), out);
	assert_string_equal(out, "2026-07-04T00:30:00+01:00");
	dt_format_london(fixture_at("2026-10-25T00:30Z"), out);
	assert_string_equal(out, "2026-10-25T01:30:00+01:00");
	dt_format_london(fixture_at("2026-10-25T01:30Z"), out);
	assert_string_equal(out, "2026-10-25T01:30:00+00:00");

	/* Formatting then parsing gives back the instant. */
	int64_t t;
	dt_format_london(fixture_at("2026-08-31T08:15:42Z"), out);
	assert_int_equal(dt_parse_datetime(out, &t), 0);
	assert_int_equal(t, fixture_at("2026-08-31T08:15:42Z"));
}

static void test_format_day_words(void **state)
{
	(void)state;
	char out[32];
	dt_format_day_words(fixture_day("2026-03-03"), out, sizeof out);
	assert_string_equal(out, "Tue 3 Mar 2026");
	dt_format_day_words(fixture_day("2026-12-25"), out, sizeof out);
	assert_string_equal(out, "Fri 25 Dec 2026");
	dt_format_day_words(fixture_day("2027-01-04"), out, sizeof out);
	assert_string_equal(out, "Mon 4 Jan 2027");
	dt_format_day_words(fixture_day("2026-03-29"), out, sizeof out);
	assert_string_equal(out, "Sun 29 Mar 2026");
	dt_format_day_long(fixture_day("2026-03-03"), out, sizeof out);
	assert_string_equal(out, "Tuesday 3 March 2026");
	dt_format_day_long(fixture_day("2027-09-26"), out, sizeof out);
	assert_string_equal(out, "Sunday 26 September 2027");
	char small[8];
	dt_format_day_words(fixture_day("2026-03-03"), small, sizeof small);
	assert_string_equal(small, "Tue 3 M");
	dt_format_day_words(fixture_day("2026-03-03"), small, 0); /* must not write */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_known_days),
		cmocka_unit_test(test_civil_round_trip_1900_2199),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_london_offset_transitions),
		cmocka_unit_test(test_london_conversions),
		cmocka_unit_test(test_london_day),
		cmocka_unit_test(test_parse_date_accepts),
		cmocka_unit_test(test_parse_date_refusals),
		cmocka_unit_test(test_parse_datetime_accepts),
		cmocka_unit_test(test_parse_datetime_refusals),
		cmocka_unit_test(test_format_date_and_utc),
		cmocka_unit_test(test_format_london),
		cmocka_unit_test(test_format_day_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
