/* calendar.c — working days for one nation of the UK (see calendar.h).
 *
 * The holidays are kept as a sorted array of day numbers so a lookup is a
 * binary search. The covered years are [first_year, last_year] of the
 * holidays added: GOV.UK publishes each nation's list about a year ahead, and
 * a date beyond it must fail loudly, because treating an unknown bank
 * holiday as a working day would quietly shorten someone's deadline.
 */
#include "calendar.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "datetime.h"

static const char *const slugs[NATION_COUNT] = {
	"england-and-wales",
	"scotland",
	"northern-ireland",
};

static const char *const names[NATION_COUNT] = {
	"England and Wales",
	"Scotland",
	"Northern Ireland",
};

const char *nation_slug(enum nation n)
{
	if ((unsigned)n >= NATION_COUNT)
		return "unknown";
	return slugs[n];
}

int nation_from_slug(const char *slug, enum nation *out)
{
	if (!slug)
		return -1;
	for (int i = 0; i < NATION_COUNT; i++) {
		if (strcmp(slug, slugs[i]) == 0) {
			*out = (enum nation)i;
			return 0;
		}
	}
	return -1;
}

const char *nation_name(enum nation n)
{
	if ((unsigned)n >= NATION_COUNT)
		return "unknown nation";
	return names[n];
}

void cal_init(struct calendar *c, enum nation n)
{
	memset(c, 0, sizeof *c);
	c->nation = n;
}

void cal_free(struct calendar *c)
{
	if (!c)
		return;
	free(c->holidays);
	cal_init(c, c->nation);
}

static int year_of(int32_t day)
{
	int y, m, d;
	dt_civil_from_days(day, &y, &m, &d);
	return y;
}

/* Index of the first holiday >= day. */
static int lower_bound(const struct calendar *c, int32_t day)
{
	int lo = 0, hi = c->count;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (c->holidays[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int cal_add(struct calendar *c, int32_t day, struct err *e)
{
	int y = year_of(day);
	if (y < 1900 || y > 2199)
		return err_set(e, ERR_INVALID, "date",
			       "A bank holiday must fall between 1900 and 2199.");
	int at = lower_bound(c, day);
	if (at < c->count && c->holidays[at] == day)
		goto widen;
	if (c->count == c->cap) {
		int ncap = c->cap ? c->cap * 2 : 64;
		int32_t *p = realloc(c->holidays, (size_t)ncap * sizeof *p);
		if (!p)
			return err_set(e, ERR_INTERNAL, NULL,
				       "Out of memory while adding a bank holiday.");
		c->holidays = p;
		c->cap = ncap;
	}
	memmove(c->holidays + at + 1, c->holidays + at,
		(size_t)(c->count - at) * sizeof *c->holidays);
	c->holidays[at] = day;
	c->count++;
widen:
	if (c->first_year == 0 || y < c->first_year)
		c->first_year = y;
	if (c->last_year == 0 || y > c->last_year)
		c->last_year = y;
	return 0;
}

/* One line of the CSV without its line ending. Returns 1 with *day set for a
 * date line, 0 for a line to skip (blank or the header), -1 if malformed. */
static int parse_line(const char *line, size_t len, bool first, int32_t *day)
{
	/* A UTF-8 byte-order mark is what spreadsheet programs put first. */
	if (first && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		line += 3;
		len -= 3;
	}
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	if (len == 0)
		return 0;

	/* Only the first field matters; titles may hold commas or quotes. */
	size_t flen = 0;
	while (flen < len && line[flen] != ',')
		flen++;
	const char *f = line;
	while (flen > 0 && (f[flen - 1] == ' ' || f[flen - 1] == '\t'))
		flen--;
	if (flen >= 2 && f[0] == '"' && f[flen - 1] == '"') {
		f++;
		flen -= 2;
	}
	if (first && flen == 4 && strncasecmp(f, "date", 4) == 0)
		return 0;
	if (flen != 10)
		return -1;
	char buf[11];
	memcpy(buf, f, 10);
	buf[10] = '\0';
	return dt_parse_date(buf, day) == 0 ? 1 : -1;
}

/* Calls parse_line on each line; with `c` NULL it only checks, so that a bad
 * line leaves the calendar exactly as it was. */
static int walk_csv(struct calendar *c, const char *text, int *dates, struct err *e)
{
	const char *p = text;
	int lineno = 0;
	bool first = true;
	*dates = 0;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		size_t content = len;
		if (content > 0 && p[content - 1] == '\r')
			content--;
		lineno++;
		int32_t day;
		int r = parse_line(p, content, first, &day);
		if (r < 0) {
			int show = content > 40 ? 40 : (int)content;
			return err_set(e, ERR_INVALID, "csv",
				       "Line %d of the bank-holiday list is not \"YYYY-MM-DD,title\" "
				       "with a real date: \"%.*s\".",
				       lineno, show, p);
		}
		if (r == 1) {
			(*dates)++;
			if (c && cal_add(c, day, e) < 0)
				return -1;
		}
		/* Blank lines before the header do not stop it being the header. */
		if (content > 0)
			first = false;
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

int cal_load_csv(struct calendar *c, const char *text, struct err *e)
{
	int dates;
	if (!text)
		return err_set(e, ERR_INVALID, "csv", "The bank-holiday list is empty.");
	if (walk_csv(NULL, text, &dates, e) < 0)
		return -1;
	if (dates == 0)
		return err_set(e, ERR_INVALID, "csv", "The bank-holiday list has no dates in it.");
	return walk_csv(c, text, &dates, e);
}

static int uncovered(const struct calendar *c, int32_t day, struct err *e)
{
	return err_set(e, ERR_INVALID, NULL,
		       "No bank-holiday data for %d (%s): an administrator must add that "
		       "year's bank holidays before dates in it can be worked out.",
		       year_of(day), nation_name(c->nation));
}

int cal_is_working_day(const struct calendar *c, int32_t day, struct err *e)
{
	int y = year_of(day);
	if (c->count == 0 || y < c->first_year || y > c->last_year)
		return uncovered(c, day, e);
	if (dt_weekday(day) >= 5)
		return 0;
	int at = lower_bound(c, day);
	return (at < c->count && c->holidays[at] == day) ? 0 : 1;
}

int cal_add_working_days(const struct calendar *c, int32_t day, int n, int32_t *out,
			 struct err *e)
{
	if (n < 0)
		return err_set(e, ERR_INVALID, NULL,
			       "A number of working days cannot be negative.");
	int32_t d = day;
	if (n == 0) {
		for (;;) {
			int w = cal_is_working_day(c, d, e);
			if (w < 0)
				return -1;
			if (w)
				break;
			d++;
		}
		*out = d;
		return 0;
	}
	/* Terminates: every step either counts or moves towards the end of the
	 * covered years, where cal_is_working_day fails. */
	while (n > 0) {
		d++;
		int w = cal_is_working_day(c, d, e);
		if (w < 0)
			return -1;
		n -= w;
	}
	*out = d;
	return 0;
}

int cal_working_days_between(const struct calendar *c, int32_t from, int32_t to, int *out,
			     struct err *e)
{
	int count = 0;
	for (int32_t d = from; d < to;) {
		d++;
		int w = cal_is_working_day(c, d, e);
		if (w < 0)
			return -1;
		count += w;
	}
	*out = count;
	return 0;
}
