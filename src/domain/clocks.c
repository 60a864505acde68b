/* clocks.c — the deadline engine (see clocks.h).
 *
 * Deadlines are reckoned in London wall-clock time because that is the time
 * the service keeps: "48 working hours from 15:00 on Friday" means 15:00 on
 * Tuesday whatever the clocks did over the weekend. A clock whose date needs
 * a bank-holiday year that has not been loaded is reported as CLOCK_ERROR
 * with the calendar's message, never guessed, so a manager can see why.
 */
#include "clocks.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "datetime.h"

void policy_defaults(struct policy *p)
{
	memset(p, 0, sizeof *p);
	p->nation = NATION_ENGLAND_WALES;
	p->hours_mode = HOURS_WORKING;
	p->allocation_hours = 48;
	p->first_contact_hours = 72;
	p->meeting_min_weeks = 4;
	p->meeting_max_weeks = 6;
	p->plan_working_days = 5;
	p->review_min_weeks = 4;
	p->review_max_weeks = 6;
	p->due_soon_working_days = 2;
}

static int check_range(int v, int lo, int hi, const char *field, const char *what,
		       const char *unit, struct err *e)
{
	if (v >= lo && v <= hi)
		return 0;
	return err_set(e, ERR_INVALID, field, "%s must be between %d and %d %s.", what, lo, hi,
		       unit);
}

int policy_validate(const struct policy *p, struct err *e)
{
	if ((unsigned)p->nation >= NATION_COUNT)
		return err_set(e, ERR_INVALID, "nation",
			       "Choose England and Wales, Scotland or Northern Ireland.");
	if (p->hours_mode != HOURS_WORKING && p->hours_mode != HOURS_CLOCK)
		return err_set(e, ERR_INVALID, "hours_mode",
			       "Choose whether hours count on working days only or around the clock.");
	if (check_range(p->allocation_hours, 1, 720, "allocation_hours",
			"The time to allocate a coordinator", "hours", e) ||
	    check_range(p->first_contact_hours, 1, 720, "first_contact_hours",
			"The time to first contact with the family", "hours", e) ||
	    check_range(p->meeting_min_weeks, 0, 52, "meeting_min_weeks",
			"The earliest week for the family meeting", "weeks", e) ||
	    check_range(p->meeting_max_weeks, 0, 52, "meeting_max_weeks",
			"The latest week for the family meeting", "weeks", e))
		return -1;
	if (p->meeting_min_weeks > p->meeting_max_weeks)
		return err_set(e, ERR_INVALID, "meeting_max_weeks",
			       "The latest week for the family meeting must not be earlier than "
			       "the earliest (%d).",
			       p->meeting_min_weeks);
	if (check_range(p->plan_working_days, 1, 60, "plan_working_days",
			"The time to send out the family plan", "working days", e) ||
	    check_range(p->review_min_weeks, 0, 52, "review_min_weeks",
			"The earliest week for the review meeting", "weeks", e) ||
	    check_range(p->review_max_weeks, 0, 52, "review_max_weeks",
			"The latest week for the review meeting", "weeks", e))
		return -1;
	if (p->review_min_weeks > p->review_max_weeks)
		return err_set(e, ERR_INVALID, "review_max_weeks",
			       "The latest week for the review meeting must not be earlier than "
			       "the earliest (%d).",
			       p->review_min_weeks);
	return check_range(p->due_soon_working_days, 0, 20, "due_soon_working_days",
			   "How close a deadline is before it shows as due soon", "working days",
			   e);
}

static const char *const clock_slugs[CLOCK_COUNT] = {
	"allocation", "first_contact", "meeting", "plan_distribution", "review",
};

static const char *const clock_titles[CLOCK_COUNT] = {
	"Allocate a coordinator",   "First contact with the family", "Hold the family meeting",
	"Send out the family plan", "Hold the review meeting",
};

#define STATUS_COUNT (CLOCK_ERROR + 1)

static const char *const status_slugs[STATUS_COUNT] = {
	"not_started", "on_time", "due_soon",     "overdue", "met",
	"met_late",    "not_required", "stopped", "error",
};

static const char *const status_titles[STATUS_COUNT] = {
	"Not started", "On time",      "Due soon", "Overdue",
	"Met",         "Met late",     "Not required", "Stopped",
	"Cannot be worked out",
};

const char *clock_slug(enum clock_id id)
{
	return (unsigned)id < CLOCK_COUNT ? clock_slugs[id] : "unknown";
}

const char *clock_title(enum clock_id id)
{
	return (unsigned)id < CLOCK_COUNT ? clock_titles[id] : "Unknown";
}

const char *clock_status_slug(enum clock_status s)
{
	return (unsigned)s < STATUS_COUNT ? status_slugs[s] : "unknown";
}

const char *clock_status_title(enum clock_status s)
{
	return (unsigned)s < STATUS_COUNT ? status_titles[s] : "Unknown";
}

int clock_window_fit(const struct clock *c, int64_t at)
{
	if (c->status == CLOCK_ERROR || c->status == CLOCK_NOT_STARTED || !c->due_by)
		return 0;
	/* A window is whole days: early only before its first day. */
	if (c->due_from && dt_london_day(at) < dt_london_day(c->due_from))
		return -1;
	return dt_london_day(at) > dt_london_day(c->due_by) ? 1 : 0;
}

/* hearth's dates live in 1900..2199 (the parsers enforce it); refusing
 * instants outside that keeps every sum below far from int64 overflow. */
static int check_instant(int64_t t, struct err *e)
{
	static const int64_t lo = INT64_C(-2208988800); /* 1900-01-01T00:00:00Z */
	static const int64_t hi = INT64_C(7258118400);  /* 2200-01-01T00:00:00Z */
	if (t >= lo && t < hi)
		return 0;
	return err_set(e, ERR_INVALID, NULL,
		       "A date on this case is outside the years 1900 to 2199.");
}

static int64_t floor_day(int64_t secs)
{
	int64_t q = secs / DT_SECONDS_PER_DAY;
	if (secs % DT_SECONDS_PER_DAY < 0)
		q--;
	return q;
}

int clocks_add_hours(const struct policy *p, const struct calendar *cal, int64_t start,
		     int hours, int64_t *out, struct err *e)
{
	assert(p && cal && out);
	if (hours < 0)
		return err_set(e, ERR_INVALID, NULL, "A number of hours cannot be negative.");
	if (check_instant(start, e) < 0)
		return -1;
	int64_t left = (int64_t)hours * 3600;
	if (p->hours_mode == HOURS_CLOCK) {
		*out = start + left;
		return 0;
	}
	if (p->hours_mode != HOURS_WORKING)
		return err_set(e, ERR_INVALID, "hours_mode", "Unknown way of counting hours.");
	if (hours == 0) {
		*out = start;
		return 0;
	}

	/* Walk London days; a working day offers whatever is left of its 24
	 * wall-clock hours, any other day offers none. */
	int64_t local = dt_utc_to_london(start);
	int32_t day = (int32_t)floor_day(local);
	int64_t into = local - (int64_t)day * DT_SECONDS_PER_DAY;
	for (;;) {
		int w = cal_is_working_day(cal, day, e);
		if (w < 0)
			return -1;
		if (w) {
			int64_t avail = DT_SECONDS_PER_DAY - into;
			if (left <= avail) {
				/* Ending exactly at midnight means "by the end of this
				 * day": its last second, so the due day is this one. */
				local = (int64_t)day * DT_SECONDS_PER_DAY + into + left - (left == avail);
				break;
			}
			left -= avail;
		}
		day++;
		into = 0;
	}
	*out = dt_london_to_utc(local);
	return 0;
}

static int64_t start_of_day(int32_t day)
{
	return dt_london_to_utc((int64_t)day * DT_SECONDS_PER_DAY);
}

static int64_t end_of_day(int32_t day)
{
	return dt_london_to_utc((int64_t)day * DT_SECONDS_PER_DAY + DT_SECONDS_PER_DAY - 1);
}

/* Copies as much of the message as fits without splitting a UTF-8
 * character, since the text may end up on a page. */
static void set_error(struct clock *c, const struct err *e)
{
	const char *msg = (e && e->msg[0]) ? e->msg : "This date cannot be worked out.";
	size_t n = strlen(msg);
	if (n >= sizeof c->error) {
		n = sizeof c->error - 1;
		while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(c->error, msg, n);
	c->error[n] = '\0';
	c->status = CLOCK_ERROR;
}

/* "Due soon" needs only the first few working days after today, so the
 * count stops as soon as it passes the threshold: a due date in a year with
 * no bank-holiday data still shows as on time while it is far off. */
static int due_soon(const struct policy *p, const struct calendar *cal, int64_t now,
		    int64_t due_by, bool *soon, struct err *e)
{
	int32_t today = dt_london_day(now);
	int32_t due = dt_london_day(due_by);
	int count = 0;
	for (int32_t d = today; d < due;) {
		d++;
		int w = cal_is_working_day(cal, d, e);
		if (w < 0)
			return -1;
		count += w;
		if (count > p->due_soon_working_days) {
			*soon = false;
			return 0;
		}
	}
	*soon = true;
	return 0;
}

/* The status of a started clock whose due date is known. */
static void settle(const struct policy *p, const struct calendar *cal,
		   const struct case_moments *m, int64_t now, int64_t met, struct clock *c)
{
	struct err e;
	err_clear(&e);
	if (met) {
		c->met_at = met;
		c->status = met <= c->due_by ? CLOCK_MET : CLOCK_MET_LATE;
		return;
	}
	if (m->closed_at) {
		c->status = CLOCK_STOPPED;
		return;
	}
	if (now > c->due_by) {
		c->status = CLOCK_OVERDUE;
		return;
	}
	bool soon;
	if (due_soon(p, cal, now, c->due_by, &soon, &e) < 0) {
		set_error(c, &e);
		return;
	}
	c->status = soon ? CLOCK_DUE_SOON : CLOCK_ON_TIME;
}

/* Due date of one started clock; 0 or -1 with e set. */
static int due_dates(const struct policy *p, const struct calendar *cal,
		     const struct case_moments *m, struct clock *c, struct err *e)
{
	if (check_instant(c->started_at, e) < 0)
		return -1;
	switch (c->id) {
	case CLOCK_ALLOCATION:
		return clocks_add_hours(p, cal, c->started_at, p->allocation_hours, &c->due_by, e);
	case CLOCK_FIRST_CONTACT:
		return clocks_add_hours(p, cal, c->started_at, p->first_contact_hours, &c->due_by,
					e);
	case CLOCK_MEETING: {
		int32_t day = dt_london_day(m->consultation_at);
		c->due_from = start_of_day(day + 7 * p->meeting_min_weeks);
		c->due_by = end_of_day(day + 7 * p->meeting_max_weeks);
		return 0;
	}
	case CLOCK_PLAN_DISTRIBUTION: {
		int32_t due;
		if (cal_add_working_days(cal, dt_london_day(m->plan_meeting_at),
					 p->plan_working_days, &due, e) < 0)
			return -1;
		c->due_by = end_of_day(due);
		return 0;
	}
	case CLOCK_REVIEW: {
		int32_t day = dt_london_day(m->plan_meeting_at);
		c->due_from = start_of_day(day + 7 * p->review_min_weeks);
		c->due_by = end_of_day(day + 7 * p->review_max_weeks);
		return 0;
	}
	case CLOCK_COUNT:
		break;
	}
	return err_set(e, ERR_INTERNAL, NULL, "Unknown clock.");
}

void clocks_compute(const struct policy *p, const struct calendar *cal,
		    const struct case_moments *m, int64_t now, struct clock out[CLOCK_COUNT])
{
	assert(p && cal && m && out);
	const int64_t starts[CLOCK_COUNT] = {
		[CLOCK_ALLOCATION] = m->consultation_at,
		[CLOCK_FIRST_CONTACT] = m->allocated_at,
		[CLOCK_MEETING] = m->consultation_at,
		[CLOCK_PLAN_DISTRIBUTION] = m->plan_meeting_at,
		[CLOCK_REVIEW] = m->plan_meeting_at,
	};
	const int64_t mets[CLOCK_COUNT] = {
		[CLOCK_ALLOCATION] = m->allocated_at,
		[CLOCK_FIRST_CONTACT] = m->first_contact_at,
		[CLOCK_MEETING] = m->meeting_held_at,
		[CLOCK_PLAN_DISTRIBUTION] = m->plan_distributed_at,
		[CLOCK_REVIEW] = m->review_held_at,
	};
	/* A bad policy would make the arithmetic meaningless (or overflow), so
	 * it is reported on every started clock instead. */
	struct err perr;
	err_clear(&perr);
	bool policy_ok = policy_validate(p, &perr) == 0;

	for (int i = 0; i < CLOCK_COUNT; i++) {
		struct clock *c = &out[i];
		memset(c, 0, sizeof *c);
		c->id = (enum clock_id)i;
		c->status = CLOCK_NOT_STARTED;
		if (!starts[i])
			continue;
		c->started_at = starts[i];
		if (!policy_ok) {
			set_error(c, &perr);
			continue;
		}
		if (i == CLOCK_REVIEW && !m->review_required) {
			c->status = CLOCK_NOT_REQUIRED;
			continue;
		}
		struct err e;
		err_clear(&e);
		if (due_dates(p, cal, m, c, &e) < 0) {
			c->due_from = c->due_by = 0;
			c->met_at = mets[i];
			set_error(c, &e);
			continue;
		}
		settle(p, cal, m, now, mets[i], c);
	}
}
