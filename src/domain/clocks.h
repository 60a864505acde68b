/* clocks.h — the deadline engine: every statutory-style clock on a case.
 *
 * The timescale policy holds the service's figures (Blackpool's by default,
 * every one configurable). Given the moments a case has reached so far and
 * "now", clocks_compute() gives each clock its due date (or window), its
 * status and when it was met. Pure: no I/O, no reading of the system clock.
 *
 * "48 hours" and "72 hours": in HOURS_WORKING mode (the default) only time
 * on working days counts, so a consultation at 15:00 on a Friday must be
 * allocated by 15:00 on Tuesday (Wednesday if Monday is a bank holiday).
 * In HOURS_CLOCK mode the hours are plain elapsed hours (Sunday 15:00).
 */
#ifndef HEARTH_CLOCKS_H
#define HEARTH_CLOCKS_H

#include <stdint.h>
#include <stdbool.h>
#include "calendar.h"

enum hours_mode { HOURS_WORKING = 0, HOURS_CLOCK };

struct policy {
	enum nation nation;
	enum hours_mode hours_mode;
	int allocation_hours;     /* 48: from the consultation */
	int first_contact_hours;  /* 72: from allocation */
	int meeting_min_weeks;    /* 4: from the consultation */
	int meeting_max_weeks;    /* 6 */
	int plan_working_days;    /* 5: from the meeting */
	int review_min_weeks;     /* 4: from the meeting */
	int review_max_weeks;     /* 6 */
	int due_soon_working_days; /* 2: "due soon" when this close to the due date */
};

void policy_defaults(struct policy *p);
/* Checks every figure is within sane bounds; names the offending field. */
int policy_validate(const struct policy *p, struct err *e);

enum clock_id {
	CLOCK_ALLOCATION = 0,
	CLOCK_FIRST_CONTACT,
	CLOCK_MEETING,
	CLOCK_PLAN_DISTRIBUTION,
	CLOCK_REVIEW,
	CLOCK_COUNT
};

enum clock_status {
	CLOCK_NOT_STARTED = 0, /* the event that starts it has not happened */
	CLOCK_ON_TIME,
	CLOCK_DUE_SOON,
	CLOCK_OVERDUE,
	CLOCK_MET,
	CLOCK_MET_LATE,
	CLOCK_NOT_REQUIRED, /* e.g. no review planned */
	CLOCK_STOPPED,      /* the case closed before the clock was met */
	CLOCK_ERROR         /* the due date cannot be worked out (e.g. no holiday data) */
};

/* The moments reached so far; 0 means "not yet". UTC seconds. */
struct case_moments {
	int64_t consultation_at;
	int64_t allocated_at;
	int64_t first_contact_at;
	int64_t meeting_held_at;     /* the first family meeting held */
	int64_t plan_meeting_at;     /* the meeting whose plan is being sent out and
				      * reviewed; 0 while no meeting has agreed one */
	int64_t plan_distributed_at; /* when the last recipient was sent the plan */
	int64_t review_held_at;
	bool review_required;        /* false once the plan says no review */
	int64_t closed_at;
};

struct clock {
	enum clock_id id;
	enum clock_status status;
	int64_t started_at; /* 0 when not started */
	int64_t due_from;   /* start of a window; 0 for a plain deadline */
	int64_t due_by;     /* the deadline (end of the window) */
	int64_t met_at;     /* 0 when not met */
	char error[200];    /* set when status == CLOCK_ERROR */
};

const char *clock_slug(enum clock_id id);        /* "allocation", ... */
const char *clock_title(enum clock_id id);       /* "Allocate a coordinator" */
const char *clock_status_slug(enum clock_status s); /* "on_time", ... */
const char *clock_status_title(enum clock_status s); /* "On time", ... */

/* Fills out[CLOCK_COUNT]. Never fails as a whole: a clock whose date cannot
 * be computed gets CLOCK_ERROR and a message. */
void clocks_compute(const struct policy *p, const struct calendar *cal,
		    const struct case_moments *m, int64_t now, struct clock out[CLOCK_COUNT]);

/* Where a planned moment falls against a clock's window or deadline, by
 * London day: -1 before the window opens, 1 after the due day, 0 within
 * (or when the clock has no dates to compare with). */
int clock_window_fit(const struct clock *c, int64_t at);

/* The deadline `hours` after `start` under the policy's hours mode. */
int clocks_add_hours(const struct policy *p, const struct calendar *cal, int64_t start,
		     int hours, int64_t *out, struct err *e);

#endif
