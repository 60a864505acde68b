/* datetime.h — pure date and time arithmetic, with no dependence on the
 * process time zone or the system's zoneinfo files.
 *
 * hearth stores every instant as UTC seconds since the Unix epoch (int64_t)
 * and every calendar date as a day number (days since 1970-01-01, int32_t).
 * People in the service work in Europe/London, so deadlines are reckoned on
 * London calendar days; the UK rule (BST from 01:00 UTC on the last Sunday of
 * March to 01:00 UTC on the last Sunday of October) is computed here rather
 * than read from the environment, so results never depend on TZ.
 */
#ifndef HEARTH_DATETIME_H
#define HEARTH_DATETIME_H

#include <stdint.h>
#include <stddef.h>

#define DT_SECONDS_PER_DAY 86400

/* Day number of a proleptic Gregorian date. */
int32_t dt_days_from_civil(int y, int m, int d);
void dt_civil_from_days(int32_t day, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday. */
int dt_weekday(int32_t day);

/* Offset of Europe/London from UTC at a UTC instant: 0 or 3600 seconds. */
int dt_london_offset(int64_t utc);
/* UTC instant -> London wall-clock seconds (as if London were UTC). */
int64_t dt_utc_to_london(int64_t utc);
/* London wall-clock seconds -> UTC. In the spring-forward gap the time is
 * taken as BST; in the autumn overlap the earlier (BST) instant is chosen. */
int64_t dt_london_to_utc(int64_t local);
/* London calendar day of a UTC instant. */
int32_t dt_london_day(int64_t utc);

/* Parsers return 0 on success, -1 on anything malformed or out of range.
 * Dates: "YYYY-MM-DD". Date-times: "YYYY-MM-DDTHH:MM[:SS]" followed by "Z"
 * or "+HH:MM"/"-HH:MM"; without a zone the time is London local time.
 * Seconds may carry a fraction (".123"), which is dropped. */
int dt_parse_date(const char *s, int32_t *day);
int dt_parse_datetime(const char *s, int64_t *utc);

/* A time of day, "9:30" or "18:05", as minutes after midnight. */
int dt_parse_hhmm(const char *s, int *minutes);

/* A stored moment: 0 (not yet) for NULL or anything that does not parse. */
int64_t dt_instant_or_zero(const char *s);

/* "2026-03-03" */
void dt_format_date(int32_t day, char out[11]);
/* "2026-03-03T15:00:00Z" */
void dt_format_utc(int64_t utc, char out[21]);
/* London time as ISO 8601 with offset: "2026-07-03T16:00:00+01:00" */
void dt_format_london(int64_t utc, char out[26]);
/* For people: "Tue 3 Mar 2026" (London day of a date). */
void dt_format_day_words(int32_t day, char *out, size_t n);
/* For letters and documents: "Tuesday 3 March 2026". */
void dt_format_day_long(int32_t day, char *out, size_t n);
/* For people: "Tue 3 Mar 2026, 14:30" in London time. */
void dt_format_when_words(int64_t utc, char *out, size_t n);
/* For letters and e-mails: "Tuesday 3 March 2026 at 6:30pm" in London time. */
void dt_format_when_long(int64_t utc, char *out, size_t n);
/* The same from an ISO 8601 string; the string itself if it does not parse. */
void dt_format_iso_words(const char *iso, char *out, size_t n);
/* "Tuesday 3 March 2026" from "2026-03-03" or from an instant (its London
 * day); the string itself if it is neither, "" for NULL. */
void dt_format_iso_day_long(const char *iso, char *out, size_t n);

#endif
