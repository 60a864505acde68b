/* calendar.h — working days for one nation of the UK.
 *
 * A working day is Monday to Friday and not a bank holiday of the chosen
 * nation. The bank-holiday list is published about a year ahead, so the
 * calendar knows which years it covers; any question about a day outside
 * those years fails with a clear error rather than silently treating an
 * unknown holiday as a working day.
 */
#ifndef HEARTH_CALENDAR_H
#define HEARTH_CALENDAR_H

#include <stdint.h>
#include <stdbool.h>
#include "../util/err.h"

enum nation {
	NATION_ENGLAND_WALES = 0,
	NATION_SCOTLAND,
	NATION_NORTHERN_IRELAND,
	NATION_COUNT
};

struct calendar {
	enum nation nation;
	int first_year, last_year; /* years covered; 0 when empty */
	int32_t *holidays;         /* sorted day numbers, no duplicates */
	int count, cap;
};

/* "england-and-wales", "scotland", "northern-ireland" */
const char *nation_slug(enum nation n);
int nation_from_slug(const char *slug, enum nation *out);
/* "England and Wales", ... */
const char *nation_name(enum nation n);

void cal_init(struct calendar *c, enum nation n);
void cal_free(struct calendar *c);
/* Adds one holiday and widens the covered years to include its year. */
int cal_add(struct calendar *c, int32_t day, struct err *e);
/* Parses "date,title" CSV text (a header line is allowed) and adds each date. */
int cal_load_csv(struct calendar *c, const char *text, struct err *e);

/* 1 working, 0 not, -1 outside the covered years (e set). */
int cal_is_working_day(const struct calendar *c, int32_t day, struct err *e);
/* The day n working days after `day` (n >= 0; n == 0 gives `day` itself if
 * it is a working day, else the next working day). */
int cal_add_working_days(const struct calendar *c, int32_t day, int n, int32_t *out,
			 struct err *e);
/* Working days in (from, to]: 0 when to <= from. */
int cal_working_days_between(const struct calendar *c, int32_t from, int32_t to, int *out,
			     struct err *e);

#endif
