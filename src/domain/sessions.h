/* sessions.h — the weekly consultation session (Blackpool procedure 5.1):
 * referrers book a slot in it to discuss a family with a manager. The
 * service sets the day, the start time and how many slots of what length;
 * a session falling on a bank holiday does not run. Pure: no I/O. */
#ifndef HEARTH_SESSIONS_H
#define HEARTH_SESSIONS_H

#include <stdbool.h>
#include <stdint.h>
#include "calendar.h"
#include "../util/err.h"

#define SESSION_MAX_SLOTS 24

struct session_schedule {
	int weekday;       /* 0 = Monday … 6 = Sunday (Tuesday) */
	int start_minutes; /* London time, minutes after midnight (10:00) */
	int slots;         /* how many consultations a session holds (4) */
	int slot_minutes;  /* each one's length (45) */
};

struct session_week {
	int32_t monday;       /* the week, by its Monday */
	int32_t day;          /* the session's day that week */
	bool bank_holiday;    /* no session that week */
	int nslots;
	int64_t slot_at[SESSION_MAX_SLOTS]; /* each slot's start, UTC seconds */
};

void session_defaults(struct session_schedule *s);
/* Checks the figures; names the field at fault. */
int session_validate(const struct session_schedule *s, struct err *e);
/* The session of the week holding `day`. Fails outside the calendar's years. */
int session_week_of(const struct session_schedule *s, const struct calendar *cal, int32_t day,
		    struct session_week *out, struct err *e);

#endif
