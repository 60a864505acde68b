/* test_calendar.c — unit tests for src/domain/calendar.c against the real
 * GOV.UK bank-holiday lists: Easter, Christmas and New Year, substitute
 * days, 2022's one-off holidays, the differences between the nations, and
 * the refusal to answer for years the lists do not cover.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "calendar_fixture.h"
#include "domain/calendar.h"
#include "domain/datetime.h"

struct cals {
	struct calendar ew, sc, ni;
};

static int setup(void **state)
{
	struct cals *c = calloc(1, sizeof *c);
	if (!c)
		return -1;
	if (fixture_load_calendar(&c->ew, NATION_ENGLAND_WALES) < 0 ||
	    fixture_load_calendar(&c->sc, NATION_SCOTLAND) < 0 ||
	    fixture_load_calendar(&c->ni, NATION_NORTHERN_IRELAND) < 0) {
		cal_free(&c->ew);
		cal_free(&c->sc);
		cal_free(&c->ni);
		free(c);
		return -1;
	}
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct cals *c = *state;
	cal_free(&c->ew);
	cal_free(&c->sc);
	cal_free(&c->ni);
	free(c);
	return 0;
}

/* 1 working, 0 not; fails the test on an error. */
static int working(const struct calendar *c, const char *date)
{
	struct err e;
	err_clear(&e);
	int w = cal_is_working_day(c, fixture_day(date), &e);
	if (w < 0)
		fail_msg("%s: %s", date, e.msg);
	return w;
}

static void assert_add(const struct calendar *c, const char *from, int n, const char *want)
{
	struct err e;
	err_clear(&e);
	int32_t out;
	if (cal_add_working_days(c, fixture_day(from), n, &out, &e) != 0)
		fail_msg("%s + %d: %s", from, n, e.msg);
	char got[11];
	dt_format_date(out, got);
	if (strcmp(got, want) != 0)
		fail_msg("%s + %d working days: got %s, want %s", from, n, got, want);
}

static int between(const struct calendar *c, const char *from, const char *to)
{
	struct err e;
	err_clear(&e);
	int n = -1;
	if (cal_working_days_between(c, fixture_day(from), fixture_day(to), &n, &e) != 0)
		fail_msg("(%s, %s]: %s", from, to, e.msg);
	return n;
}

static void test_nations(void **state)
{
	(void)state;
	enum nation n;
	for (int i = 0; i < NATION_COUNT; i++) {
		assert_int_equal(nation_from_slug(nation_slug((enum nation)i), &n), 0);
		assert_int_equal(n, i);
	}
	assert_string_equal(nation_slug(NATION_SCOTLAND), "scotland");
	assert_string_equal(nation_slug(NATION_ENGLAND_WALES), "england-and-wales");
	assert_string_equal(nation_slug(NATION_NORTHERN_IRELAND), "northern-ireland");
	assert_string_equal(nation_name(NATION_ENGLAND_WALES), "England and Wales");
	assert_string_equal(nation_name(NATION_SCOTLAND), "Scotland");
	assert_string_equal(nation_name(NATION_NORTHERN_IRELAND), "Northern Ireland");
	assert_int_equal(nation_from_slug("wales", &n), -1);
	assert_int_equal(nation_from_slug("Scotland", &n), -1);
	assert_int_equal(nation_from_slug("", &n), -1);
	assert_int_equal(nation_from_slug(NULL, &n), -1);
	assert_string_equal(nation_slug(NATION_COUNT), "unknown");
}

static void test_coverage_of_published_lists(void **state)
{
	struct cals *c = *state;
	assert_int_equal(c->ew.first_year, 2018);
	assert_int_equal(c->ew.last_year, 2027);
	assert_int_equal(c->ew.count, 83);
	assert_int_equal(c->sc.first_year, 2018);
	assert_int_equal(c->sc.last_year, 2027);
	assert_int_equal(c->ni.last_year, 2027);
	for (int i = 1; i < c->ew.count; i++)
		assert_true(c->ew.holidays[i - 1] < c->ew.holidays[i]);
}

static void test_weekends(void **state)
{
	struct cals *c = *state;
	assert_int_equal(working(&c->ew, "2026-03-06"), 1); /* Fri */
	assert_int_equal(working(&c->ew, "2026-03-07"), 0); /* Sat */
	assert_int_equal(working(&c->ew, "2026-03-08"), 0); /* Sun */
	assert_int_equal(working(&c->ew, "2026-03-09"), 1); /* Mon */
	assert_add(&c->ew, "2026-03-06", 1, "2026-03-09");
	assert_add(&c->ew, "2026-03-07", 1, "2026-03-09");
	assert_add(&c->ew, "2026-03-02", 5, "2026-03-09");
	assert_add(&c->ew, "2026-03-02", 10, "2026-03-16");
}

static void test_add_zero(void **state)
{
	struct cals *c = *state;
	assert_add(&c->ew, "2026-03-03", 0, "2026-03-03"); /* working: itself */
	assert_add(&c->ew, "2026-03-07", 0, "2026-03-09"); /* Sat: Monday */
	assert_add(&c->ew, "2026-04-03", 0, "2026-04-07"); /* Good Friday: Tuesday */
	assert_add(&c->ew, "2026-12-25", 0, "2026-12-29");
}

static void test_easter(void **state)
{
	struct cals *c = *state;
	assert_int_equal(working(&c->ew, "2025-04-18"), 0); /* Good Friday */
	assert_int_equal(working(&c->ew, "2025-04-21"), 0); /* Easter Monday */
	assert_int_equal(working(&c->ew, "2025-04-22"), 1);
	assert_int_equal(working(&c->ew, "2026-04-03"), 0);
	assert_int_equal(working(&c->ew, "2026-04-06"), 0);
	assert_int_equal(working(&c->ew, "2026-04-02"), 1);
	assert_add(&c->ew, "2026-04-02", 1, "2026-04-07");
	assert_add(&c->ew, "2025-04-17", 2, "2025-04-23");
	assert_int_equal(between(&c->ew, "2026-04-02", "2026-04-09"), 3);
	/* Easter Monday is not a bank holiday in Scotland. */
	assert_int_equal(working(&c->sc, "2025-04-18"), 0);
	assert_int_equal(working(&c->sc, "2025-04-21"), 1);
	assert_int_equal(working(&c->sc, "2026-04-06"), 1);
	assert_add(&c->sc, "2026-04-02", 1, "2026-04-06");
	assert_int_equal(working(&c->ni, "2026-04-06"), 0);
}

static void test_christmas_and_new_year(void **state)
{
	struct cals *c = *state;
	/* 2026: Christmas Friday, Boxing Day Saturday so Monday 28th instead. */
	assert_int_equal(working(&c->ew, "2026-12-25"), 0);
	assert_int_equal(working(&c->ew, "2026-12-28"), 0);
	assert_int_equal(working(&c->ew, "2026-12-29"), 1);
	assert_add(&c->ew, "2026-12-24", 1, "2026-12-29");
	assert_add(&c->ew, "2026-12-24", 3, "2026-12-31");
	assert_add(&c->ew, "2026-12-24", 4, "2027-01-04"); /* over New Year's Day */
	assert_add(&c->ew, "2026-12-24", 5, "2027-01-05");
	assert_int_equal(between(&c->ew, "2026-12-24", "2027-01-04"), 4);
	assert_int_equal(between(&c->ew, "2026-12-24", "2026-12-28"), 0);
	/* Scotland also keeps 2 January (a Saturday in 2027, so Monday 4th). */
	assert_int_equal(working(&c->sc, "2027-01-04"), 0);
	assert_add(&c->sc, "2026-12-24", 4, "2027-01-05");
	assert_int_equal(between(&c->sc, "2026-12-24", "2027-01-05"), 4);
}

static void test_substitute_days(void **state)
{
	struct cals *c = *state;
	/* 2027: Christmas on Saturday, Boxing Day on Sunday. */
	assert_int_equal(working(&c->ew, "2027-12-24"), 1);
	assert_int_equal(working(&c->ew, "2027-12-27"), 0);
	assert_int_equal(working(&c->ew, "2027-12-28"), 0);
	assert_int_equal(working(&c->ew, "2027-12-29"), 1);
	assert_add(&c->ew, "2027-12-24", 1, "2027-12-29");
	/* 2022: Christmas on Sunday; Boxing Day Monday, substitute Tuesday. */
	assert_int_equal(working(&c->ew, "2022-12-26"), 0);
	assert_int_equal(working(&c->ew, "2022-12-27"), 0);
	assert_int_equal(working(&c->ew, "2022-12-28"), 1);
	assert_add(&c->ew, "2022-12-23", 1, "2022-12-28");
	/* 2022's New Year's Day was a Saturday. */
	assert_int_equal(working(&c->ew, "2022-01-03"), 0);
	assert_int_equal(working(&c->sc, "2022-01-04"), 0);
	assert_int_equal(working(&c->ew, "2022-01-04"), 1);
}

static void test_2022_one_off_holidays(void **state)
{
	struct cals *c = *state;
	const struct calendar *all[] = { &c->ew, &c->sc, &c->ni };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(working(all[i], "2022-06-02"), 0); /* Spring, moved */
		assert_int_equal(working(all[i], "2022-06-03"), 0); /* Platinum Jubilee */
		assert_int_equal(working(all[i], "2022-09-19"), 0); /* State Funeral */
		assert_int_equal(working(all[i], "2022-05-30"), 1); /* usual Spring BH: not */
		assert_int_equal(working(all[i], "2023-05-08"), 0); /* Coronation */
	}
	assert_add(&c->ew, "2022-06-01", 1, "2022-06-06");
	assert_add(&c->ew, "2022-09-16", 1, "2022-09-20");
	assert_int_equal(between(&c->ew, "2022-05-30", "2022-06-06"), 3);
}

static void test_nations_differ(void **state)
{
	struct cals *c = *state;
	/* 2 January. */
	assert_int_equal(working(&c->sc, "2026-01-02"), 0);
	assert_int_equal(working(&c->ew, "2026-01-02"), 1);
	assert_int_equal(working(&c->ni, "2026-01-02"), 1);
	/* St Andrew's Day: Sunday 30 Nov 2025, substitute Monday 1 Dec. */
	assert_int_equal(working(&c->sc, "2025-12-01"), 0);
	assert_int_equal(working(&c->ew, "2025-12-01"), 1);
	assert_int_equal(working(&c->sc, "2024-12-02"), 0);
	assert_int_equal(working(&c->ew, "2024-12-02"), 1);
	assert_int_equal(working(&c->sc, "2026-11-30"), 0);
	assert_int_equal(working(&c->ew, "2026-11-30"), 1);
	/* Summer bank holiday: first Monday of August in Scotland, last elsewhere. */
	assert_int_equal(working(&c->sc, "2026-08-03"), 0);
	assert_int_equal(working(&c->ew, "2026-08-03"), 1);
	assert_int_equal(working(&c->sc, "2026-08-31"), 1);
	assert_int_equal(working(&c->ew, "2026-08-31"), 0);
	/* Northern Ireland: St Patrick's Day and the Twelfth (substitute). */
	assert_int_equal(working(&c->ni, "2026-03-17"), 0);
	assert_int_equal(working(&c->ew, "2026-03-17"), 1);
	assert_int_equal(working(&c->ni, "2026-07-13"), 0);
	assert_int_equal(working(&c->sc, "2026-07-13"), 1);
	assert_add(&c->sc, "2025-11-28", 1, "2025-12-02");
	assert_add(&c->ew, "2025-11-28", 1, "2025-12-01");
}

static void test_between(void **state)
{
	struct cals *c = *state;
	assert_int_equal(between(&c->ew, "2026-03-06", "2026-03-13"), 5);
	assert_int_equal(between(&c->ew, "2026-03-06", "2026-03-06"), 0);
	assert_int_equal(between(&c->ew, "2026-03-13", "2026-03-06"), 0);
	assert_int_equal(between(&c->ew, "2026-03-06", "2026-03-09"), 1);
	assert_int_equal(between(&c->ew, "2026-01-01", "2026-12-31"), 253);
	/* `from` itself is never looked at, so it may lie outside the data. */
	assert_int_equal(between(&c->ew, "2017-12-31", "2018-01-02"), 1);
}

static void test_outside_coverage(void **state)
{
	struct cals *c = *state;
	struct err e;
	int32_t out = 99;
	int n = 99;

	err_clear(&e);
	assert_int_equal(cal_is_working_day(&c->ew, fixture_day("2028-01-03"), &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_string_equal(e.msg,
			    "No bank-holiday data for 2028 (England and Wales): an administrator "
			    "must add that year's bank holidays before dates in it can be worked "
			    "out.");

	err_clear(&e);
	assert_int_equal(cal_is_working_day(&c->sc, fixture_day("2017-12-29"), &e), -1);
	assert_non_null(strstr(e.msg, "No bank-holiday data for 2017 (Scotland)"));

	/* Stepping off the end of the data fails rather than guessing. */
	err_clear(&e);
	assert_int_equal(cal_add_working_days(&c->ew, fixture_day("2027-12-29"), 5, &out, &e),
			 -1);
	assert_non_null(strstr(e.msg, "2028 (England and Wales)"));
	assert_int_equal(out, 99);
	err_clear(&e);
	assert_int_equal(cal_add_working_days(&c->ew, fixture_day("2027-12-31"), 0, &out, &e),
			 0);
	assert_int_equal(out, fixture_day("2027-12-31"));
	err_clear(&e);
	assert_int_equal(cal_add_working_days(&c->ni, fixture_day("2028-03-01"), 0, &out, &e),
			 -1);
	assert_non_null(strstr(e.msg, "2028 (Northern Ireland)"));

	err_clear(&e);
	assert_int_equal(cal_working_days_between(&c->ew, fixture_day("2027-12-20"),
						  fixture_day("2028-01-10"), &n, &e),
			 -1);
	assert_non_null(strstr(e.msg, "2028"));
	assert_int_equal(n, 99);

	err_clear(&e);
	assert_int_equal(cal_add_working_days(&c->ew, fixture_day("2026-01-05"), -1, &out, &e),
			 -1);
	assert_int_equal(e.kind, ERR_INVALID);
}

static void test_empty_calendar(void **state)
{
	(void)state;
	struct calendar c;
	struct err e;
	cal_init(&c, NATION_SCOTLAND);
	err_clear(&e);
	assert_int_equal(cal_is_working_day(&c, fixture_day("2026-03-03"), &e), -1);
	assert_non_null(strstr(e.msg, "No bank-holiday data for 2026 (Scotland)"));
	cal_free(&c);
	cal_free(&c); /* harmless twice */
}

static void test_cal_add(void **state)
{
	(void)state;
	struct calendar c;
	struct err e;
	err_clear(&e);
	cal_init(&c, NATION_ENGLAND_WALES);
	assert_int_equal(c.first_year, 0);
	assert_int_equal(cal_add(&c, fixture_day("2026-12-25"), &e), 0);
	assert_int_equal(cal_add(&c, fixture_day("2025-01-01"), &e), 0);
	assert_int_equal(cal_add(&c, fixture_day("2026-01-01"), &e), 0);
	assert_int_equal(cal_add(&c, fixture_day("2026-01-01"), &e), 0); /* duplicate */
	assert_int_equal(c.count, 3);
	assert_int_equal(c.first_year, 2025);
	assert_int_equal(c.last_year, 2026);
	assert_int_equal(c.holidays[0], fixture_day("2025-01-01"));
	assert_int_equal(c.holidays[1], fixture_day("2026-01-01"));
	assert_int_equal(c.holidays[2], fixture_day("2026-12-25"));
	/* Grows past its first allocation. */
	for (int i = 0; i < 200; i++)
		assert_int_equal(cal_add(&c, fixture_day("2025-01-01") + i, &e), 0);
	assert_int_equal(c.count, 200 + 2);
	for (int i = 1; i < c.count; i++)
		assert_true(c.holidays[i - 1] < c.holidays[i]);
	assert_int_equal(cal_add(&c, dt_days_from_civil(2200, 1, 1), &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_int_equal(c.last_year, 2026);
	cal_free(&c);
	assert_null(c.holidays);
	assert_int_equal(c.count, 0);
}

static void test_load_csv_variants(void **state)
{
	(void)state;
	struct calendar c;
	struct err e;
	err_clear(&e);
	cal_init(&c, NATION_ENGLAND_WALES);
	const char *text = "\xEF\xBB\xBF"
			   "date,title\r\n"
			   "2026-01-01,New Year's Day\r\n"
			   "\r\n"
			   "2026-12-25,\"Christmas, with a comma\"\r\n"
			   "  2026-04-03 , Good Friday\r\n"
			   "\"2026-04-06\",Easter Monday\r\n"
			   "2027-01-01";
	assert_int_equal(cal_load_csv(&c, text, &e), 0);
	assert_int_equal(c.count, 5);
	assert_int_equal(c.first_year, 2026);
	assert_int_equal(c.last_year, 2027);
	assert_int_equal(cal_is_working_day(&c, fixture_day("2026-04-06"), &e), 0);
	cal_free(&c);

	/* No header is fine too. */
	cal_init(&c, NATION_ENGLAND_WALES);
	assert_int_equal(cal_load_csv(&c, "2026-01-01,New Year's Day\n", &e), 0);
	assert_int_equal(c.count, 1);
	cal_free(&c);
}

static void test_load_csv_refusals(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"date,title\n2026-02-30,Not a day\n",
		"date,title\n2026-13-01,Not a month\n",
		"date,title\n2026-01-01x,Junk\n",
		"date,title\n01/01/2026,New Year's Day\n",
		"date,title\n2026-01-01,New Year\ndate,title\n",
		"date,title\n2026-01-01,A\nnonsense\n",
		"date,title\n",
		"",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct calendar c;
		struct err e;
		err_clear(&e);
		cal_init(&c, NATION_ENGLAND_WALES);
		if (cal_load_csv(&c, bad[i], &e) != -1)
			fail_msg("accepted case %zu", i);
		assert_int_equal(e.kind, ERR_INVALID);
		assert_true(e.msg[0] != '\0');
		/* All or nothing: a bad line leaves the calendar untouched. */
		assert_int_equal(c.count, 0);
		assert_int_equal(c.first_year, 0);
		cal_free(&c);
	}
	struct calendar c;
	struct err e;
	cal_init(&c, NATION_ENGLAND_WALES);
	assert_int_equal(cal_load_csv(&c, "date,title\n2026-01-01,A\n2026-02-30,B\n", &e), -1);
	assert_non_null(strstr(e.msg, "Line 3"));
	assert_non_null(strstr(e.msg, "2026-02-30"));
	assert_int_equal(cal_load_csv(&c, NULL, &e), -1);
	cal_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nations),
		cmocka_unit_test(test_coverage_of_published_lists),
		cmocka_unit_test(test_weekends),
		cmocka_unit_test(test_add_zero),
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_christmas_and_new_year),
		cmocka_unit_test(test_substitute_days),
		cmocka_unit_test(test_2022_one_off_holidays),
		cmocka_unit_test(test_nations_differ),
		cmocka_unit_test(test_between),
		cmocka_unit_test(test_outside_coverage),
		cmocka_unit_test(test_empty_calendar),
		cmocka_unit_test(test_cal_add),
		cmocka_unit_test(test_load_csv_variants),
		cmocka_unit_test(test_load_csv_refusals),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
