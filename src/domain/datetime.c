/* datetime.c — civil dates, day numbers and Europe/London time (see
 * datetime.h).
 *
 * The civil-date conversions are Howard Hinnant's public-domain algorithms
 * ("chrono-Compatible Low-Level Date Algorithms"). Internally everything is
 * done in int64_t so that no input, however absurd, can overflow signed
 * arithmetic (undefined behaviour); the narrowing happens only at the public
 * boundary. The UK summer-time rule is computed, never read from TZ or the
 * zoneinfo database, so deadlines come out the same on every machine.
 */
#include "datetime.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MIN_YEAR 1900
#define MAX_YEAR 2199

/* Division rounding towards minus infinity: instants before 1970 must still
 * fall on the right day. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int64_t days_from_civil64(int64_t y, int64_t m, int64_t d)
{
	y -= m <= 2;
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days64(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t dd = doy - (153 * mp + 2) / 5 + 1;
	int64_t mm = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (mm <= 2);
	*m = (int)mm;
	*d = (int)dd;
}

static int weekday64(int64_t day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int64_t w = (day % 7 + 7 + 3) % 7;
	return (int)w;
}

int32_t dt_days_from_civil(int y, int m, int d)
{
	return (int32_t)days_from_civil64(y, m, d);
}

void dt_civil_from_days(int32_t day, int *y, int *m, int *d)
{
	int64_t yy;
	civil_from_days64(day, &yy, m, d);
	*y = (int)yy;
}

int dt_weekday(int32_t day)
{
	return weekday64(day);
}

static bool is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && is_leap(y))
		return 29;
	return len[m - 1];
}

static int64_t last_sunday(int64_t y, int m)
{
	int64_t last = days_from_civil64(y, m, days_in_month(y, m));
	return last - (weekday64(last) + 1) % 7;
}

/* About 31 million years either side of 1970: far beyond any real instant,
 * and near enough that the arithmetic below cannot overflow. */
#define SANE_SECONDS INT64_C(1000000000000000)

int dt_london_offset(int64_t utc)
{
	int64_t y;
	int m, d;
	if (utc < -SANE_SECONDS || utc > SANE_SECONDS)
		return 0;
	civil_from_days64(floor_div(utc, DT_SECONDS_PER_DAY), &y, &m, &d);
	/* Both changes happen at 01:00 UTC. */
	int64_t start = last_sunday(y, 3) * DT_SECONDS_PER_DAY + 3600;
	int64_t end = last_sunday(y, 10) * DT_SECONDS_PER_DAY + 3600;
	return (utc >= start && utc < end) ? 3600 : 0;
}

int64_t dt_utc_to_london(int64_t utc)
{
	int off = dt_london_offset(utc);
	if (utc > INT64_MAX - off)
		return INT64_MAX;
	return utc + off;
}

int64_t dt_london_to_utc(int64_t local)
{
	if (local < INT64_MIN + 3600)
		return local;
	int64_t as_bst = local - 3600;
	/* Trying BST first picks the earlier instant in the autumn overlap. */
	if (dt_london_offset(as_bst) == 3600)
		return as_bst;
	if (dt_london_offset(local) == 0)
		return local;
	/* Neither reading is self-consistent: the spring-forward gap. */
	return as_bst;
}

int32_t dt_london_day(int64_t utc)
{
	return (int32_t)floor_div(dt_utc_to_london(utc), DT_SECONDS_PER_DAY);
}

/* Reads exactly `width` ASCII digits; strtol would accept signs and spaces. */
static bool digits(const char *s, int width, int *out)
{
	int v = 0;
	for (int i = 0; i < width; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* "YYYY-MM-DD" at the start of s; does not look past the 10th character. */
static bool parse_date_prefix(const char *s, int32_t *day)
{
	int y, m, d;
	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
	    !digits(s + 8, 2, &d))
		return false;
	if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return false;
	*day = dt_days_from_civil(y, m, d);
	return true;
}

int dt_parse_date(const char *s, int32_t *day)
{
	int32_t v;
	if (!s || strlen(s) != 10 || !parse_date_prefix(s, &v))
		return -1;
	*day = v;
	return 0;
}

int dt_parse_datetime(const char *s, int64_t *utc)
{
	int32_t day;
	int hh, mi, ss = 0;
	if (!s || strnlen(s, 11) < 11 || !parse_date_prefix(s, &day) || s[10] != 'T')
		return -1;
	const char *p = s + 11;
	if (strnlen(p, 5) < 5 || !digits(p, 2, &hh) || p[2] != ':' || !digits(p + 3, 2, &mi))
		return -1;
	p += 5;
	if (*p == ':') {
		if (strnlen(p, 3) < 3 || !digits(p + 1, 2, &ss))
			return -1;
		p += 3;
		/* Fractions of a second (as JavaScript's toISOString() writes them) are accepted and dropped. */
		if (*p == '.') {
			const char *q = ++p;
			while (*p >= '0' && *p <= '9')
				p++;
			if (p == q || p - q > 9)
				return -1;
		}
	}
	if (hh > 23 || mi > 59 || ss > 59)
		return -1;
	int64_t wall = (int64_t)day * DT_SECONDS_PER_DAY + hh * 3600 + mi * 60 + ss;

	if (*p == '\0') {
		*utc = dt_london_to_utc(wall);
		return 0;
	}
	if (p[0] == 'Z' && p[1] == '\0') {
		*utc = wall;
		return 0;
	}
	if (p[0] == '+' || p[0] == '-') {
		int oh, om;
		if (strlen(p) != 6 || !digits(p + 1, 2, &oh) || p[3] != ':' ||
		    !digits(p + 4, 2, &om) || oh > 23 || om > 59)
			return -1;
		int64_t off = oh * 3600 + om * 60;
		*utc = p[0] == '+' ? wall - off : wall + off;
		return 0;
	}
	return -1;
}

/* Splits an instant into its parts; years are clamped so the fixed-size
 * buffers of the formatters can never be asked to hold more than 4 digits. */
static void split(int64_t secs, int *y, int *m, int *d, int *hh, int *mi, int *ss)
{
	int64_t day = floor_div(secs, DT_SECONDS_PER_DAY);
	/* Not secs - day * 86400, which overflows near INT64_MIN. */
	int64_t rem = (secs % DT_SECONDS_PER_DAY + DT_SECONDS_PER_DAY) % DT_SECONDS_PER_DAY;
	int64_t yy;
	civil_from_days64(day, &yy, m, d);
	if (yy < 0)
		yy = 0;
	if (yy > 9999)
		yy = 9999;
	*y = (int)yy;
	*hh = (int)(rem / 3600);
	*mi = (int)(rem % 3600 / 60);
	*ss = (int)(rem % 60);
}

/* Fixed-width fields are written by hand: snprintf into these exact-size
 * buffers draws truncation warnings from gcc at some optimisation levels
 * even though split() bounds every value. */
static char *put(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

static char *put_date(char *p, int y, int m, int d)
{
	p = put(p, y, 4);
	*p++ = '-';
	p = put(p, m, 2);
	*p++ = '-';
	return put(p, d, 2);
}

static char *put_time(char *p, int hh, int mi, int ss)
{
	*p++ = 'T';
	p = put(p, hh, 2);
	*p++ = ':';
	p = put(p, mi, 2);
	*p++ = ':';
	return put(p, ss, 2);
}

void dt_format_date(int32_t day, char out[11])
{
	int y, m, d, hh, mi, ss;
	split((int64_t)day * DT_SECONDS_PER_DAY, &y, &m, &d, &hh, &mi, &ss);
	*put_date(out, y, m, d) = '\0';
}

void dt_format_utc(int64_t utc, char out[21])
{
	int y, m, d, hh, mi, ss;
	split(utc, &y, &m, &d, &hh, &mi, &ss);
	char *p = put_time(put_date(out, y, m, d), hh, mi, ss);
	*p++ = 'Z';
	*p = '\0';
}

void dt_format_london(int64_t utc, char out[26])
{
	int y, m, d, hh, mi, ss;
	int off = dt_london_offset(utc);
	split(dt_utc_to_london(utc), &y, &m, &d, &hh, &mi, &ss);
	char *p = put_time(put_date(out, y, m, d), hh, mi, ss);
	memcpy(p, off ? "+01:00" : "+00:00", 7);
}

/* "Tuesday 3 March 2026", or with `brief` "Tue 3 Mar 2026" (every
 * abbreviation is the name's first three letters). */
static void day_in_words(int32_t day, bool brief, char *out, size_t n)
{
	static const char *const wd[7] = { "Monday", "Tuesday", "Wednesday", "Thursday",
					   "Friday", "Saturday", "Sunday" };
	static const char *const mon[12] = { "January", "February", "March", "April", "May", "June",
					     "July", "August", "September", "October", "November",
					     "December" };
	int y, m, d, hh, mi, ss;
	if (!out || n == 0)
		return;
	split((int64_t)day * DT_SECONDS_PER_DAY, &y, &m, &d, &hh, &mi, &ss);
	int len = brief ? 3 : 16;
	snprintf(out, n, "%.*s %d %.*s %d", len, wd[dt_weekday(day)], d, len, mon[m - 1], y);
}

void dt_format_day_words(int32_t day, char *out, size_t n)
{
	day_in_words(day, true, out, n);
}

void dt_format_day_long(int32_t day, char *out, size_t n)
{
	day_in_words(day, false, out, n);
}

/* The London time of day of an instant, as hours and minutes. */
static void london_clock(int64_t utc, int *h, int *m)
{
	int64_t local = dt_utc_to_london(utc);
	int64_t secs = ((local % DT_SECONDS_PER_DAY) + DT_SECONDS_PER_DAY) % DT_SECONDS_PER_DAY;
	*h = (int)(secs / 3600);
	*m = (int)(secs % 3600 / 60);
}

void dt_format_when_words(int64_t utc, char *out, size_t n)
{
	int h, m;
	london_clock(utc, &h, &m);
	char day[40];
	dt_format_day_words(dt_london_day(utc), day, sizeof day);
	snprintf(out, n, "%s, %02d:%02d", day, h, m);
}

void dt_format_when_long(int64_t utc, char *out, size_t n)
{
	int h, m;
	london_clock(utc, &h, &m);
	char day[40], time[16];
	dt_format_day_long(dt_london_day(utc), day, sizeof day);
	/* The GOV.UK style: "10am", "6:30pm", "midday", "midnight". */
	if (m == 0 && h == 12)
		snprintf(time, sizeof time, "midday");
	else if (m == 0 && h == 0)
		snprintf(time, sizeof time, "midnight");
	else if (m == 0)
		snprintf(time, sizeof time, "%d%s", h % 12 ? h % 12 : 12, h < 12 ? "am" : "pm");
	else
		snprintf(time, sizeof time, "%d:%02d%s", h % 12 ? h % 12 : 12, m, h < 12 ? "am" : "pm");
	snprintf(out, n, "%s at %s", day, time);
}

void dt_format_iso_words(const char *iso, char *out, size_t n)
{
	int64_t t;
	if (iso && dt_parse_datetime(iso, &t) == 0)
		dt_format_when_words(t, out, n);
	else
		snprintf(out, n, "%s", iso ? iso : "");
}

void dt_format_iso_day_long(const char *iso, char *out, size_t n)
{
	int32_t day;
	int64_t t;
	out[0] = '\0';
	if (!iso)
		return;
	if (dt_parse_date(iso, &day) == 0)
		dt_format_day_long(day, out, n);
	else if (dt_parse_datetime(iso, &t) == 0)
		dt_format_day_long(dt_london_day(t), out, n);
	else
		snprintf(out, n, "%s", iso);
}

int dt_parse_hhmm(const char *s, int *minutes)
{
	if (!s || !(s[0] >= '0' && s[0] <= '9'))
		return -1;
	int h = s[0] - '0', i = 1;
	if (s[1] >= '0' && s[1] <= '9')
		h = h * 10 + (s[i++] - '0');
	if (s[i] != ':' || !(s[i + 1] >= '0' && s[i + 1] <= '9') || !(s[i + 2] >= '0' && s[i + 2] <= '9') || s[i + 3])
		return -1;
	int m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
	if (h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

int64_t dt_instant_or_zero(const char *s)
{
	int64_t t = 0;
	if (!s || dt_parse_datetime(s, &t) != 0)
		return 0;
	return t;
}
