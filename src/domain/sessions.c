/* sessions.c — the weekly consultation session's slots (sessions.h). */
#include "sessions.h"
#include "datetime.h"

#include <string.h>

void session_defaults(struct session_schedule *s)
{
	s->weekday = 1;
	s->start_minutes = 10 * 60;
	s->slots = 4;
	s->slot_minutes = 45;
}

int session_validate(const struct session_schedule *s, struct err *e)
{
	if (s->weekday < 0 || s->weekday > 6)
		return err_set(e, ERR_INVALID, "weekday", "Select the day of the week the session is held");
	if (s->slots < 1 || s->slots > SESSION_MAX_SLOTS)
		return err_set(e, ERR_INVALID, "slots", "A session must have between 1 and %d slots", SESSION_MAX_SLOTS);
	if (s->slot_minutes < 10 || s->slot_minutes > 180)
		return err_set(e, ERR_INVALID, "slot_minutes", "A slot must last between 10 and 180 minutes");
	if (s->start_minutes < 0 || s->start_minutes + s->slots * s->slot_minutes > 24 * 60)
		return err_set(e, ERR_INVALID, "start", "The session must start and finish on the same day");
	return 0;
}

int session_week_of(const struct session_schedule *s, const struct calendar *cal, int32_t day,
		    struct session_week *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->monday = day - dt_weekday(day);
	out->day = out->monday + s->weekday;
	int working = cal_is_working_day(cal, out->day, e);
	if (working < 0)
		return -1;
	/* A weekend session is the service's choice; a bank holiday closes it. */
	int weekday = dt_weekday(out->day);
	out->bank_holiday = !working && weekday < 5;
	if (out->bank_holiday)
		return 0;
	out->nslots = s->slots;
	for (int i = 0; i < s->slots; i++) {
		int64_t local = (int64_t)out->day * DT_SECONDS_PER_DAY + (int64_t)(s->start_minutes + i * s->slot_minutes) * 60;
		out->slot_at[i] = dt_london_to_utc(local);
	}
	return 0;
}
