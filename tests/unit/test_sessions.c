/* test_sessions.c — the weekly consultation session: its slots in London
 * time across the clock changes, no session on a bank holiday, and the
 * schedule's bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "calendar_fixture.h"
#include "domain/sessions.h"

static int32_t day_of(const char *iso)
{
	int32_t d;
	assert_int_equal(dt_parse_date(iso, &d), 0);
	return d;
}

static void utc(int64_t t, char out[21]) { dt_format_utc(t, out); }

static void test_slots_in_winter_and_summer(void **state)
{
	(void)state;
	struct calendar cal;
	assert_int_equal(fixture_load_calendar(&cal, NATION_ENGLAND_WALES), 0);
	struct session_schedule s;
	session_defaults(&s); /* Tuesday 10:00, four of 45 minutes */
	struct session_week w;
	struct err e = {0};
	/* Any day of the week finds its Tuesday: Sunday 29 Nov 2026 -> Tue 24 Nov. */
	assert_int_equal(session_week_of(&s, &cal, day_of("2026-11-29"), &w, &e), 0);
	assert_int_equal(w.day, day_of("2026-11-24"));
	assert_int_equal(w.monday, day_of("2026-11-23"));
	assert_false(w.bank_holiday);
	assert_int_equal(w.nslots, 4);
	char a[21];
	utc(w.slot_at[0], a);
	assert_string_equal(a, "2026-11-24T10:00:00Z");
	utc(w.slot_at[3], a);
	assert_string_equal(a, "2026-11-24T12:15:00Z");
	/* In British Summer Time 10:00 in London is 09:00 UTC. */
	assert_int_equal(session_week_of(&s, &cal, day_of("2026-06-10"), &w, &e), 0);
	utc(w.slot_at[0], a);
	assert_string_equal(a, "2026-06-09T09:00:00Z");
	cal_free(&cal);
}

static void test_no_session_on_a_bank_holiday(void **state)
{
	(void)state;
	struct calendar cal;
	assert_int_equal(fixture_load_calendar(&cal, NATION_ENGLAND_WALES), 0);
	struct session_schedule s;
	session_defaults(&s);
	s.weekday = 0; /* Mondays: Easter Monday 6 April 2026 */
	struct session_week w;
	struct err e = {0};
	assert_int_equal(session_week_of(&s, &cal, day_of("2026-04-08"), &w, &e), 0);
	assert_true(w.bank_holiday);
	assert_int_equal(w.nslots, 0);
	assert_int_equal(session_week_of(&s, &cal, day_of("2026-04-15"), &w, &e), 0);
	assert_false(w.bank_holiday);
	/* Outside the calendar's years there is no answer rather than a guess. */
	assert_int_equal(session_week_of(&s, &cal, day_of("2090-01-10"), &w, &e), -1);
	cal_free(&cal);
}

static void test_schedule_bounds(void **state)
{
	(void)state;
	struct session_schedule s;
	struct err e = {0};
	session_defaults(&s);
	assert_int_equal(session_validate(&s, &e), 0);
	s.slots = 0;
	assert_int_equal(session_validate(&s, &e), -1);
	assert_string_equal(e.field, "slots");
	session_defaults(&s);
	s.start_minutes = 23 * 60;
	assert_int_equal(session_validate(&s, &e), -1);
	assert_string_equal(e.field, "start");
	session_defaults(&s);
	s.weekday = 7;
	assert_int_equal(session_validate(&s, &e), -1);
	assert_string_equal(e.field, "weekday");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slots_in_winter_and_summer),
		cmocka_unit_test(test_no_session_on_a_bank_holiday),
		cmocka_unit_test(test_schedule_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
