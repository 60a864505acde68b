/* test_clocks.c — unit tests for src/domain/clocks.c: the timescale policy,
 * "48 working hours" arithmetic across weekends, bank holidays and the
 * clock changes, each clock's due date or window, and every status a clock
 * can show, including CLOCK_ERROR when the bank-holiday data runs out.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "calendar_fixture.h"
#include "domain/clocks.h"
#include "domain/datetime.h"

struct fixture {
	struct calendar ew, sc;
	struct policy p;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	if (fixture_load_calendar(&f->ew, NATION_ENGLAND_WALES) < 0 ||
	    fixture_load_calendar(&f->sc, NATION_SCOTLAND) < 0) {
		cal_free(&f->ew);
		cal_free(&f->sc);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	cal_free(&f->ew);
	cal_free(&f->sc);
	free(f);
	return 0;
}

/* Each test starts from the default policy. */
static int reset_policy(void **state)
{
	struct fixture *f = *state;
	policy_defaults(&f->p);
	return 0;
}

#define T(s) fixture_at(s)

static void assert_instant(int64_t got, const char *want)
{
	int64_t w = fixture_at(want);
	if (got != w) {
		char g[21], ws[21];
		dt_format_utc(got, g);
		dt_format_utc(w, ws);
		fail_msg("got %s, want %s", g, ws);
	}
}

static void assert_add_hours(const struct policy *p, const struct calendar *cal,
			     const char *start, int hours, const char *want)
{
	struct err e;
	err_clear(&e);
	int64_t out = 0;
	if (clocks_add_hours(p, cal, fixture_at(start), hours, &out, &e) != 0)
		fail_msg("%s + %dh: %s", start, hours, e.msg);
	assert_instant(out, want);
}

static void assert_status(const struct clock *c, enum clock_status want)
{
	if (c->status != want)
		fail_msg("clock %s: status %s, want %s (%s)", clock_slug(c->id),
			 clock_status_slug(c->status), clock_status_slug(want), c->error);
}

/* ---- policy ---- */

static void test_policy_defaults(void **state)
{
	(void)state;
	struct policy p;
	memset(&p, 0x5a, sizeof p);
	policy_defaults(&p);
	assert_int_equal(p.nation, NATION_ENGLAND_WALES);
	assert_int_equal(p.hours_mode, HOURS_WORKING);
	assert_int_equal(p.allocation_hours, 48);
	assert_int_equal(p.first_contact_hours, 72);
	assert_int_equal(p.meeting_min_weeks, 4);
	assert_int_equal(p.meeting_max_weeks, 6);
	assert_int_equal(p.plan_working_days, 5);
	assert_int_equal(p.review_min_weeks, 4);
	assert_int_equal(p.review_max_weeks, 6);
	assert_int_equal(p.due_soon_working_days, 2);
	struct err e;
	err_clear(&e);
	assert_int_equal(policy_validate(&p, &e), 0);
}

struct int_case {
	const char *field;
	size_t offset;
	int value;
	bool ok;
};

#define POL(member, v, good) { #member, offsetof(struct policy, member), v, good }

static void test_policy_validate_bounds(void **state)
{
	(void)state;
	static const struct int_case cases[] = {
		POL(allocation_hours, 0, false),       POL(allocation_hours, 1, true),
		POL(allocation_hours, 720, true),      POL(allocation_hours, 721, false),
		POL(allocation_hours, -48, false),     POL(first_contact_hours, 0, false),
		POL(first_contact_hours, 721, false),  POL(first_contact_hours, 720, true),
		POL(meeting_min_weeks, -1, false),     POL(meeting_min_weeks, 0, true),
		POL(meeting_max_weeks, 53, false),     POL(meeting_max_weeks, 52, true),
		POL(plan_working_days, 0, false),      POL(plan_working_days, 1, true),
		POL(plan_working_days, 60, true),      POL(plan_working_days, 61, false),
		POL(review_min_weeks, -1, false),      POL(review_min_weeks, 0, true),
		POL(review_max_weeks, 53, false),      POL(review_max_weeks, 52, true),
		POL(due_soon_working_days, -1, false), POL(due_soon_working_days, 0, true),
		POL(due_soon_working_days, 20, true),  POL(due_soon_working_days, 21, false),
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct policy p;
		struct err e;
		policy_defaults(&p);
		err_clear(&e);
		memcpy((char *)&p + cases[i].offset, &cases[i].value, sizeof(int));
		int rc = policy_validate(&p, &e);
		if (cases[i].ok) {
			if (rc != 0)
				fail_msg("%s = %d refused: %s", cases[i].field, cases[i].value, e.msg);
			continue;
		}
		if (rc != -1)
			fail_msg("%s = %d accepted", cases[i].field, cases[i].value);
		assert_int_equal(e.kind, ERR_INVALID);
		assert_string_equal(e.field, cases[i].field);
		assert_true(e.msg[0] != '\0');
	}
}

static void test_policy_validate_order_and_enums(void **state)
{
	(void)state;
	struct policy p;
	struct err e;

	policy_defaults(&p);
	p.meeting_min_weeks = 7; /* later than the latest (6) */
	err_clear(&e);
	assert_int_equal(policy_validate(&p, &e), -1);
	assert_string_equal(e.field, "meeting_max_weeks");
	p.meeting_max_weeks = 7; /* equal is allowed */
	assert_int_equal(policy_validate(&p, &e), 0);

	policy_defaults(&p);
	p.review_max_weeks = 3;
	err_clear(&e);
	assert_int_equal(policy_validate(&p, &e), -1);
	assert_string_equal(e.field, "review_max_weeks");

	policy_defaults(&p);
	p.nation = (enum nation)NATION_COUNT;
	err_clear(&e);
	assert_int_equal(policy_validate(&p, &e), -1);
	assert_string_equal(e.field, "nation");

	policy_defaults(&p);
	p.hours_mode = (enum hours_mode)7;
	err_clear(&e);
	assert_int_equal(policy_validate(&p, &e), -1);
	assert_string_equal(e.field, "hours_mode");

	policy_defaults(&p);
	p.nation = NATION_SCOTLAND;
	p.hours_mode = HOURS_CLOCK;
	assert_int_equal(policy_validate(&p, &e), 0);
}

static void test_slugs_and_titles(void **state)
{
	(void)state;
	static const char *const slugs[] = { "allocation", "first_contact", "meeting",
					     "plan_distribution", "review" };
	static const char *const titles[] = { "Allocate a coordinator",
					      "First contact with the family",
					      "Hold the family meeting", "Send out the family plan",
					      "Hold the review meeting" };
	for (int i = 0; i < CLOCK_COUNT; i++) {
		assert_string_equal(clock_slug((enum clock_id)i), slugs[i]);
		assert_string_equal(clock_title((enum clock_id)i), titles[i]);
	}
	static const char *const sslugs[] = { "not_started", "on_time", "due_soon",
					      "overdue",     "met",     "met_late",
					      "not_required", "stopped", "error" };
	static const char *const stitles[] = { "Not started",  "On time", "Due soon",
					       "Overdue",      "Met",     "Met late",
					       "Not required", "Stopped", "Cannot be worked out" };
	for (int s = CLOCK_NOT_STARTED; s <= CLOCK_ERROR; s++) {
		assert_string_equal(clock_status_slug((enum clock_status)s), sslugs[s]);
		assert_string_equal(clock_status_title((enum clock_status)s), stitles[s]);
	}
	assert_string_equal(clock_slug(CLOCK_COUNT), "unknown");
	assert_string_equal(clock_status_slug((enum clock_status)99), "unknown");
}

/* ---- hours ---- */

static void test_hours_friday_afternoon(void **state)
{
	struct fixture *f = *state;
	/* The header's example: Friday 15:00 + 48 working hours = Tuesday 15:00. */
	assert_add_hours(&f->p, &f->ew, "2026-03-06T15:00", 48, "2026-03-10T15:00Z");
	assert_add_hours(&f->p, &f->ew, "2026-03-06T15:00", 9, "2026-03-06T23:59:59Z");
	assert_add_hours(&f->p, &f->ew, "2026-03-06T15:00", 10, "2026-03-09T01:00Z");
	/* 72 hours from Wednesday 09:00: 15 + 24 + 24, then 9 on Monday. */
	assert_add_hours(&f->p, &f->ew, "2026-03-04T09:00", 72, "2026-03-09T09:00Z");
	f->p.hours_mode = HOURS_CLOCK;
	assert_add_hours(&f->p, &f->ew, "2026-03-06T15:00", 48, "2026-03-08T15:00Z");
	assert_add_hours(&f->p, &f->ew, "2026-03-06T15:00", 72, "2026-03-09T15:00Z");
}

static void test_hours_bank_holiday_monday(void **state)
{
	struct fixture *f = *state;
	/* 4 May 2026 is the Early May bank holiday; BST throughout. */
	assert_add_hours(&f->p, &f->ew, "2026-05-01T15:00", 48, "2026-05-06T14:00Z");
	f->p.hours_mode = HOURS_CLOCK;
	assert_add_hours(&f->p, &f->ew, "2026-05-01T15:00", 48, "2026-05-03T14:00Z");
}

static void test_hours_weekend_start(void **state)
{
	struct fixture *f = *state;
	/* Saturday counts for nothing: all of Monday and Tuesday, so the end of
	 * Tuesday (its last second, so the due day reads as Tuesday). */
	assert_add_hours(&f->p, &f->ew, "2026-03-07T10:00", 48, "2026-03-10T23:59:59Z");
	assert_add_hours(&f->p, &f->ew, "2026-06-06T10:00", 48, "2026-06-09T22:59:59Z");
	assert_add_hours(&f->p, &f->ew, "2026-03-08T23:59:59", 1, "2026-03-09T01:00Z");
}

static void test_hours_easter_and_christmas(void **state)
{
	struct fixture *f = *state;
	assert_add_hours(&f->p, &f->ew, "2026-04-02T12:00", 48, "2026-04-08T11:00Z");
	assert_add_hours(&f->p, &f->sc, "2026-04-02T12:00", 48, "2026-04-07T11:00Z");
	assert_add_hours(&f->p, &f->ew, "2026-12-23T10:00", 48, "2026-12-29T10:00Z");
	/* Over New Year: Scotland also loses Monday 4 January 2027. */
	assert_add_hours(&f->p, &f->ew, "2026-12-31T10:00", 48, "2027-01-05T10:00Z");
	assert_add_hours(&f->p, &f->sc, "2026-12-31T10:00", 48, "2027-01-06T10:00Z");
	assert_add_hours(&f->p, &f->ew, "2022-09-16T10:00", 24, "2022-09-20T09:00Z");
}

static void test_hours_keep_wall_clock_over_bst(void **state)
{
	struct fixture *f = *state;
	/* Clocks go forward on Sunday 29 March 2026: still 15:00 on Tuesday. */
	assert_add_hours(&f->p, &f->ew, "2026-03-27T15:00", 48, "2026-03-31T14:00Z");
	/* And back on Sunday 25 October 2026. */
	assert_add_hours(&f->p, &f->ew, "2026-10-23T15:00", 48, "2026-10-27T15:00Z");
	/* Elapsed hours do not keep wall-clock time: 16:00 BST on the Sunday. */
	f->p.hours_mode = HOURS_CLOCK;
	assert_add_hours(&f->p, &f->ew, "2026-03-27T15:00", 48, "2026-03-29T15:00Z");
	assert_add_hours(&f->p, &f->ew, "2026-10-23T15:00", 48, "2026-10-25T14:00Z");
}

static void test_hours_errors(void **state)
{
	struct fixture *f = *state;
	struct err e;
	int64_t out = 42;

	err_clear(&e);
	assert_int_equal(clocks_add_hours(&f->p, &f->ew, T("2027-12-30T10:00Z"), 48, &out, &e),
			 -1);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_string_equal(e.msg,
			    "No bank-holiday data for 2028 (England and Wales): an administrator "
			    "must add that year's bank holidays before dates in it can be worked "
			    "out.");
	assert_int_equal(out, 42);
	/* Within the data it is fine, right up to the last day. */
	assert_add_hours(&f->p, &f->ew, "2027-12-30T10:00Z", 38, "2027-12-31T23:59:59Z");

	err_clear(&e);
	assert_int_equal(clocks_add_hours(&f->p, &f->ew, T("2026-03-06T15:00Z"), -1, &out, &e),
			 -1);
	err_clear(&e);
	assert_int_equal(clocks_add_hours(&f->p, &f->ew, INT64_MAX, 48, &out, &e), -1);
	err_clear(&e);
	f->p.hours_mode = HOURS_CLOCK;
	assert_int_equal(clocks_add_hours(&f->p, &f->ew, INT64_MAX - 10, 48, &out, &e), -1);
	assert_int_equal(clocks_add_hours(&f->p, &f->ew, T("2026-03-06T15:00Z"), 0, &out, &e), 0);
	assert_instant(out, "2026-03-06T15:00Z");
}

/* ---- clocks ---- */

static struct case_moments consulted(const char *at)
{
	struct case_moments m;
	memset(&m, 0, sizeof m);
	m.consultation_at = fixture_at(at);
	m.review_required = true;
	return m;
}

static void test_nothing_started(void **state)
{
	struct fixture *f = *state;
	struct case_moments m;
	struct clock c[CLOCK_COUNT];
	memset(&m, 0, sizeof m);
	memset(c, 0x7f, sizeof c);
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-06T16:00Z"), c);
	for (int i = 0; i < CLOCK_COUNT; i++) {
		assert_int_equal(c[i].id, i);
		assert_status(&c[i], CLOCK_NOT_STARTED);
		assert_int_equal(c[i].started_at, 0);
		assert_int_equal(c[i].due_by, 0);
		assert_int_equal(c[i].met_at, 0);
		assert_string_equal(c[i].error, "");
	}
}

static void test_consultation_friday_afternoon(void **state)
{
	struct fixture *f = *state;
	struct case_moments m = consulted("2026-03-06T15:00");
	struct clock c[CLOCK_COUNT];

	clocks_compute(&f->p, &f->ew, &m, T("2026-03-06T16:00Z"), c);
	assert_int_equal(c[CLOCK_ALLOCATION].started_at, m.consultation_at);
	assert_int_equal(c[CLOCK_ALLOCATION].due_from, 0);
	assert_instant(c[CLOCK_ALLOCATION].due_by, "2026-03-10T15:00Z");
	/* Monday and Tuesday are left: within the 2 working days of "due soon". */
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_DUE_SOON);
	assert_status(&c[CLOCK_FIRST_CONTACT], CLOCK_NOT_STARTED);
	/* Meeting window: from Friday 3 April (BST) to the end of Friday 17 April. */
	assert_instant(c[CLOCK_MEETING].due_from, "2026-04-02T23:00Z");
	assert_instant(c[CLOCK_MEETING].due_by, "2026-04-17T22:59:59Z");
	assert_status(&c[CLOCK_MEETING], CLOCK_ON_TIME);
	assert_status(&c[CLOCK_PLAN_DISTRIBUTION], CLOCK_NOT_STARTED);
	assert_status(&c[CLOCK_REVIEW], CLOCK_NOT_STARTED);

	/* The same consultation counted in elapsed hours: due Sunday 15:00. */
	f->p.hours_mode = HOURS_CLOCK;
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-06T16:00Z"), c);
	assert_instant(c[CLOCK_ALLOCATION].due_by, "2026-03-08T15:00Z");
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_DUE_SOON);
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-08T15:00:01Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_OVERDUE);
}

static void test_consultation_before_bank_holiday(void **state)
{
	struct fixture *f = *state;
	struct case_moments m = consulted("2026-05-01T15:00");
	struct clock c[CLOCK_COUNT];
	clocks_compute(&f->p, &f->ew, &m, T("2026-05-01T15:30Z"), c);
	assert_instant(c[CLOCK_ALLOCATION].due_by, "2026-05-06T14:00Z");
	/* Monday is a holiday, so Tuesday and Wednesday are the 2 left. */
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_DUE_SOON);
	clocks_compute(&f->p, &f->ew, &m, T("2026-05-05T09:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_DUE_SOON);
	clocks_compute(&f->p, &f->ew, &m, T("2026-05-06T14:00:01Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_OVERDUE);

	f->p.hours_mode = HOURS_CLOCK;
	clocks_compute(&f->p, &f->ew, &m, T("2026-05-01T15:30Z"), c);
	assert_instant(c[CLOCK_ALLOCATION].due_by, "2026-05-03T14:00Z");
}

static void test_on_time_due_soon_overdue(void **state)
{
	struct fixture *f = *state;
	struct case_moments m = consulted("2026-03-06T15:00");
	struct clock c[CLOCK_COUNT];

	f->p.due_soon_working_days = 1;
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-06T16:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_ON_TIME);
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-09T09:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_DUE_SOON);

	f->p.due_soon_working_days = 0; /* only on the day itself */
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-09T23:59Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_ON_TIME);
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-10T00:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_DUE_SOON);

	policy_defaults(&f->p);
	/* Exactly at the deadline is not yet late; a second after is. */
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-10T15:00:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_DUE_SOON);
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-10T15:00:01Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_OVERDUE);
	assert_int_equal(c[CLOCK_ALLOCATION].met_at, 0);

	/* The meeting window ends Friday 17 April: due soon from Wednesday. */
	clocks_compute(&f->p, &f->ew, &m, T("2026-04-14T12:00Z"), c);
	assert_status(&c[CLOCK_MEETING], CLOCK_ON_TIME);
	clocks_compute(&f->p, &f->ew, &m, T("2026-04-15T12:00Z"), c);
	assert_status(&c[CLOCK_MEETING], CLOCK_DUE_SOON);
	clocks_compute(&f->p, &f->ew, &m, T("2026-04-17T22:59:59Z"), c);
	assert_status(&c[CLOCK_MEETING], CLOCK_DUE_SOON);
	clocks_compute(&f->p, &f->ew, &m, T("2026-04-17T23:00Z"), c);
	assert_status(&c[CLOCK_MEETING], CLOCK_OVERDUE);
}

static void test_met_and_met_late(void **state)
{
	struct fixture *f = *state;
	struct case_moments m = consulted("2026-03-06T15:00");
	struct clock c[CLOCK_COUNT];

	m.allocated_at = T("2026-03-10T14:00Z");
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-20T12:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_MET);
	assert_int_equal(c[CLOCK_ALLOCATION].met_at, m.allocated_at);
	/* First contact: 72 working hours from Tuesday 14:00 is Friday 14:00. */
	assert_int_equal(c[CLOCK_FIRST_CONTACT].started_at, m.allocated_at);
	assert_instant(c[CLOCK_FIRST_CONTACT].due_by, "2026-03-13T14:00Z");
	assert_status(&c[CLOCK_FIRST_CONTACT], CLOCK_OVERDUE);

	m.first_contact_at = T("2026-03-13T14:00Z"); /* on the dot */
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-20T12:00Z"), c);
	assert_status(&c[CLOCK_FIRST_CONTACT], CLOCK_MET);

	m.allocated_at = T("2026-03-10T15:00:01Z");
	m.first_contact_at = 0;
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-11T12:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_MET_LATE);
	assert_int_equal(c[CLOCK_ALLOCATION].met_at, m.allocated_at);
	assert_instant(c[CLOCK_FIRST_CONTACT].due_by, "2026-03-13T15:00:01Z");
	assert_status(&c[CLOCK_FIRST_CONTACT], CLOCK_DUE_SOON);

	/* Meeting early in the window, and late. */
	m.meeting_held_at = T("2026-03-20T10:00Z");
	m.plan_meeting_at = m.meeting_held_at;
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-21T12:00Z"), c);
	assert_status(&c[CLOCK_MEETING], CLOCK_MET);
	m.meeting_held_at = T("2026-04-18T10:00Z");
	m.plan_meeting_at = m.meeting_held_at;
	clocks_compute(&f->p, &f->ew, &m, T("2026-04-18T12:00Z"), c);
	assert_status(&c[CLOCK_MEETING], CLOCK_MET_LATE);
}

/* A meeting without an agreed plan starts neither the send-out nor the
 * review clock, while the meeting clock is met by it. */
static void test_no_plan_no_plan_clocks(void **state)
{
	struct fixture *f = *state;
	struct case_moments m = consulted("2026-03-06T15:00");
	struct clock c[CLOCK_COUNT];
	m.allocated_at = T("2026-03-09T10:00Z");
	m.first_contact_at = T("2026-03-10T10:00Z");
	m.meeting_held_at = T("2026-04-10T11:00");
	m.review_required = true;
	clocks_compute(&f->p, &f->ew, &m, T("2026-05-30T12:00Z"), c);
	assert_status(&c[CLOCK_MEETING], CLOCK_MET);
	assert_status(&c[CLOCK_PLAN_DISTRIBUTION], CLOCK_NOT_STARTED);
	assert_status(&c[CLOCK_REVIEW], CLOCK_NOT_STARTED);
}

static void test_plan_and_review(void **state)
{
	struct fixture *f = *state;
	struct case_moments m = consulted("2026-03-06T15:00");
	struct clock c[CLOCK_COUNT];
	m.allocated_at = T("2026-03-09T10:00Z");
	m.first_contact_at = T("2026-03-10T10:00Z");
	m.meeting_held_at = T("2026-04-10T11:00"); /* Friday, BST */
	m.plan_meeting_at = m.meeting_held_at;

	clocks_compute(&f->p, &f->ew, &m, T("2026-04-10T15:00Z"), c);
	assert_status(&c[CLOCK_MEETING], CLOCK_MET);
	assert_int_equal(c[CLOCK_PLAN_DISTRIBUTION].started_at, m.meeting_held_at);
	assert_int_equal(c[CLOCK_PLAN_DISTRIBUTION].due_from, 0);
	/* Five working days after Friday 10 April: the end of Friday 17 April. */
	assert_instant(c[CLOCK_PLAN_DISTRIBUTION].due_by, "2026-04-17T22:59:59Z");
	assert_status(&c[CLOCK_PLAN_DISTRIBUTION], CLOCK_ON_TIME);
	/* Review: four to six weeks after the meeting day. */
	assert_int_equal(c[CLOCK_REVIEW].started_at, m.meeting_held_at);
	assert_instant(c[CLOCK_REVIEW].due_from, "2026-05-07T23:00Z");
	assert_instant(c[CLOCK_REVIEW].due_by, "2026-05-22T22:59:59Z");
	assert_status(&c[CLOCK_REVIEW], CLOCK_ON_TIME);

	m.plan_distributed_at = T("2026-04-17T20:00Z");
	clocks_compute(&f->p, &f->ew, &m, T("2026-04-20T09:00Z"), c);
	assert_status(&c[CLOCK_PLAN_DISTRIBUTION], CLOCK_MET);
	m.plan_distributed_at = T("2026-04-20T08:00Z");
	clocks_compute(&f->p, &f->ew, &m, T("2026-04-20T09:00Z"), c);
	assert_status(&c[CLOCK_PLAN_DISTRIBUTION], CLOCK_MET_LATE);

	clocks_compute(&f->p, &f->ew, &m, T("2026-05-19T12:00Z"), c);
	assert_status(&c[CLOCK_REVIEW], CLOCK_ON_TIME);
	clocks_compute(&f->p, &f->ew, &m, T("2026-05-20T12:00Z"), c);
	assert_status(&c[CLOCK_REVIEW], CLOCK_DUE_SOON);
	clocks_compute(&f->p, &f->ew, &m, T("2026-05-23T12:00Z"), c);
	assert_status(&c[CLOCK_REVIEW], CLOCK_OVERDUE);
	m.review_held_at = T("2026-05-21T10:00Z");
	clocks_compute(&f->p, &f->ew, &m, T("2026-05-23T12:00Z"), c);
	assert_status(&c[CLOCK_REVIEW], CLOCK_MET);

	m.review_held_at = 0;
	m.review_required = false;
	clocks_compute(&f->p, &f->ew, &m, T("2026-05-23T12:00Z"), c);
	assert_status(&c[CLOCK_REVIEW], CLOCK_NOT_REQUIRED);
	/* Before the meeting the review clock has not started, required or not. */
	m.meeting_held_at = 0;
	m.plan_meeting_at = m.meeting_held_at;
	clocks_compute(&f->p, &f->ew, &m, T("2026-04-01T12:00Z"), c);
	assert_status(&c[CLOCK_REVIEW], CLOCK_NOT_STARTED);
}

static void test_plan_over_easter_and_christmas(void **state)
{
	struct fixture *f = *state;
	struct case_moments m = consulted("2026-02-20T10:00");
	struct clock c[CLOCK_COUNT];
	m.meeting_held_at = T("2026-04-01T14:00"); /* Wed before Easter */
	m.plan_meeting_at = m.meeting_held_at;
	clocks_compute(&f->p, &f->ew, &m, T("2026-04-01T15:00Z"), c);
	assert_instant(c[CLOCK_PLAN_DISTRIBUTION].due_by, "2026-04-10T22:59:59Z");
	/* Easter Monday is a working day in Scotland. */
	clocks_compute(&f->p, &f->sc, &m, T("2026-04-01T15:00Z"), c);
	assert_instant(c[CLOCK_PLAN_DISTRIBUTION].due_by, "2026-04-09T22:59:59Z");

	m.meeting_held_at = T("2026-12-22T14:00");
	m.plan_meeting_at = m.meeting_held_at;
	clocks_compute(&f->p, &f->ew, &m, T("2026-12-22T15:00Z"), c);
	assert_instant(c[CLOCK_PLAN_DISTRIBUTION].due_by, "2026-12-31T23:59:59Z");
	clocks_compute(&f->p, &f->sc, &m, T("2026-12-22T15:00Z"), c);
	assert_instant(c[CLOCK_PLAN_DISTRIBUTION].due_by, "2026-12-31T23:59:59Z");
	m.meeting_held_at = T("2026-12-23T14:00");
	m.plan_meeting_at = m.meeting_held_at;
	clocks_compute(&f->p, &f->ew, &m, T("2026-12-23T15:00Z"), c);
	assert_instant(c[CLOCK_PLAN_DISTRIBUTION].due_by, "2027-01-04T23:59:59Z");
	clocks_compute(&f->p, &f->sc, &m, T("2026-12-23T15:00Z"), c);
	assert_instant(c[CLOCK_PLAN_DISTRIBUTION].due_by, "2027-01-05T23:59:59Z");
}

static void test_windows_across_clock_changes(void **state)
{
	struct fixture *f = *state;
	struct clock c[CLOCK_COUNT];
	/* Consulted in BST, window closes in GMT: end of Sunday 1 November. */
	struct case_moments m = consulted("2026-09-20T11:00");
	clocks_compute(&f->p, &f->ew, &m, T("2026-09-21T12:00Z"), c);
	assert_instant(c[CLOCK_MEETING].due_from, "2026-10-17T23:00Z");
	assert_instant(c[CLOCK_MEETING].due_by, "2026-11-01T23:59:59Z");
	/* Consulted in GMT, window closes in BST. */
	m = consulted("2026-02-20T10:00");
	clocks_compute(&f->p, &f->ew, &m, T("2026-02-21T12:00Z"), c);
	assert_instant(c[CLOCK_MEETING].due_from, "2026-03-20T00:00Z");
	assert_instant(c[CLOCK_MEETING].due_by, "2026-04-03T22:59:59Z");
	/* A consultation late in the evening in BST belongs to that London day. */
	m = consulted("2026-07-03T23:30");
	clocks_compute(&f->p, &f->ew, &m, T("2026-07-04T12:00Z"), c);
	assert_instant(c[CLOCK_MEETING].due_from, "2026-07-30T23:00Z");
	/* Allocation over the spring change keeps 15:00 wall-clock. */
	m = consulted("2026-03-27T15:00");
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-27T16:00Z"), c);
	assert_instant(c[CLOCK_ALLOCATION].due_by, "2026-03-31T14:00Z");
}

static void test_stopped(void **state)
{
	struct fixture *f = *state;
	struct case_moments m = consulted("2026-03-06T15:00");
	struct clock c[CLOCK_COUNT];
	m.closed_at = T("2026-03-09T10:00Z"); /* consent refused */
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-20T10:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_STOPPED);
	assert_instant(c[CLOCK_ALLOCATION].due_by, "2026-03-10T15:00Z");
	assert_status(&c[CLOCK_MEETING], CLOCK_STOPPED);
	assert_status(&c[CLOCK_FIRST_CONTACT], CLOCK_NOT_STARTED);
	/* A clock met before closure stays met. */
	m.allocated_at = T("2026-03-09T09:00Z");
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-20T10:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_MET);
	assert_status(&c[CLOCK_FIRST_CONTACT], CLOCK_STOPPED);
}

static void test_error_when_data_runs_out(void **state)
{
	struct fixture *f = *state;
	struct clock c[CLOCK_COUNT];
	static const char want[] =
		"No bank-holiday data for 2028 (England and Wales): an administrator must add "
		"that year's bank holidays before dates in it can be worked out.";

	struct case_moments m = consulted("2027-12-30T10:00");
	m.allocated_at = T("2027-12-31T10:00Z");
	clocks_compute(&f->p, &f->ew, &m, T("2027-12-31T11:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_ERROR);
	assert_string_equal(c[CLOCK_ALLOCATION].error, want);
	assert_int_equal(c[CLOCK_ALLOCATION].started_at, m.consultation_at);
	assert_int_equal(c[CLOCK_ALLOCATION].due_by, 0);
	assert_int_equal(c[CLOCK_ALLOCATION].met_at, m.allocated_at);
	assert_status(&c[CLOCK_FIRST_CONTACT], CLOCK_ERROR);
	/* The meeting window needs no holidays, but "due soon" would need the
	 * first working days of 2028 to be known. */
	assert_instant(c[CLOCK_MEETING].due_by, "2028-02-10T23:59:59Z");
	assert_status(&c[CLOCK_MEETING], CLOCK_ERROR);
	assert_string_equal(c[CLOCK_MEETING].error, want);
	assert_string_equal(clock_status_title(c[CLOCK_MEETING].status), "Cannot be worked out");

	/* A deadline well away is still on time: only the days up to the
	 * "due soon" threshold are looked at. */
	m = consulted("2027-11-30T10:00");
	clocks_compute(&f->p, &f->ew, &m, T("2027-12-01T10:00Z"), c);
	assert_status(&c[CLOCK_MEETING], CLOCK_ON_TIME);
	assert_instant(c[CLOCK_MEETING].due_by, "2028-01-11T23:59:59Z");
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_DUE_SOON);

	/* Plan due date past the data. */
	m.meeting_held_at = T("2027-12-24T10:00");
	m.plan_meeting_at = m.meeting_held_at;
	clocks_compute(&f->p, &f->ew, &m, T("2027-12-24T11:00Z"), c);
	assert_status(&c[CLOCK_PLAN_DISTRIBUTION], CLOCK_ERROR);
	assert_string_equal(c[CLOCK_PLAN_DISTRIBUTION].error, want);
	m.meeting_held_at = T("2027-12-22T10:00");
	m.plan_meeting_at = m.meeting_held_at;
	clocks_compute(&f->p, &f->ew, &m, T("2027-12-22T11:00Z"), c);
	assert_instant(c[CLOCK_PLAN_DISTRIBUTION].due_by, "2027-12-31T23:59:59Z");

	/* Scotland's message names Scotland. */
	f->p.nation = NATION_SCOTLAND;
	m = consulted("2027-12-30T10:00");
	clocks_compute(&f->p, &f->sc, &m, T("2027-12-30T11:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_ERROR);
	assert_non_null(strstr(c[CLOCK_ALLOCATION].error, "2028 (Scotland)"));

	/* Before the data starts, too. */
	m = consulted("2017-12-29T10:00");
	clocks_compute(&f->p, &f->sc, &m, T("2017-12-29T11:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_ERROR);
	assert_non_null(strstr(c[CLOCK_ALLOCATION].error, "2017 (Scotland)"));
}

static void test_never_crashes(void **state)
{
	struct fixture *f = *state;
	struct clock c[CLOCK_COUNT];
	struct case_moments m = consulted("2026-03-06T15:00");

	/* A bad policy: every started clock says why. */
	f->p.allocation_hours = 0;
	clocks_compute(&f->p, &f->ew, &m, T("2026-03-06T16:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_ERROR);
	assert_non_null(strstr(c[CLOCK_ALLOCATION].error, "between 1 and 720 hours"));
	assert_status(&c[CLOCK_MEETING], CLOCK_ERROR);
	assert_status(&c[CLOCK_FIRST_CONTACT], CLOCK_NOT_STARTED);
	policy_defaults(&f->p);

	/* Absurd moments and "now"s. */
	static const int64_t odd[] = { INT64_MIN, INT64_MIN + 1, -1, 1, INT64_MAX - 1, INT64_MAX };
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		for (size_t j = 0; j < sizeof odd / sizeof odd[0]; j++) {
			struct case_moments w;
			memset(&w, 0x00, sizeof w);
			w.consultation_at = odd[i];
			w.allocated_at = odd[j];
			w.meeting_held_at = odd[i];
			w.plan_meeting_at = w.meeting_held_at;
			w.review_required = true;
			clocks_compute(&f->p, &f->ew, &w, odd[j], c);
			for (int k = 0; k < CLOCK_COUNT; k++) {
				assert_true(c[k].status <= CLOCK_ERROR);
				assert_true(strlen(c[k].error) < sizeof c[k].error);
			}
		}
		clocks_compute(&f->p, &f->ew, &m, odd[i], c);
		assert_true(c[CLOCK_ALLOCATION].status <= CLOCK_ERROR);
	}
	clocks_compute(&f->p, &f->ew, &m, INT64_MAX, c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_OVERDUE);

	/* An empty calendar: errors, not crashes. */
	struct calendar empty;
	cal_init(&empty, NATION_ENGLAND_WALES);
	clocks_compute(&f->p, &empty, &m, T("2026-03-06T16:00Z"), c);
	assert_status(&c[CLOCK_ALLOCATION], CLOCK_ERROR);
	assert_non_null(strstr(c[CLOCK_ALLOCATION].error, "2026 (England and Wales)"));
	cal_free(&empty);
}

#define TEST(fn) cmocka_unit_test_setup(fn, reset_policy)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_policy_defaults),
		TEST(test_policy_validate_bounds),
		TEST(test_policy_validate_order_and_enums),
		TEST(test_slugs_and_titles),
		TEST(test_hours_friday_afternoon),
		TEST(test_hours_bank_holiday_monday),
		TEST(test_hours_weekend_start),
		TEST(test_hours_easter_and_christmas),
		TEST(test_hours_keep_wall_clock_over_bst),
		TEST(test_hours_errors),
		TEST(test_nothing_started),
		TEST(test_consultation_friday_afternoon),
		TEST(test_consultation_before_bank_holiday),
		TEST(test_on_time_due_soon_overdue),
		TEST(test_met_and_met_late),
		TEST(test_no_plan_no_plan_clocks),
		TEST(test_plan_and_review),
		TEST(test_plan_over_easter_and_christmas),
		TEST(test_windows_across_clock_changes),
		TEST(test_stopped),
		TEST(test_error_when_data_runs_out),
		TEST(test_never_crashes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
