/* calendar_fixture.h — shared helpers for the date, calendar and clock unit
 * tests.
 *
 * The tests use the real GOV.UK bank-holiday lists in data/bank-holidays/
 * (they run with the repository root as the current directory) rather than
 * hand-made ones, so a deadline test fails if the published data and our
 * reading of it ever disagree. Everything is static inline so each test
 * program can include it without a separate object file.
 */
#ifndef HEARTH_TEST_CALENDAR_FIXTURE_H
#define HEARTH_TEST_CALENDAR_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "domain/calendar.h"
#include "domain/datetime.h"

/* Reads a whole file; NULL on failure. The caller frees. */
static inline char *fixture_read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0)
			break;
		if (len + 1 == cap) {
			char *bigger = realloc(buf, cap * 2);
			if (!bigger) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	if (buf)
		buf[len] = '\0';
	fclose(f);
	return buf;
}

/* Fills `c` with a nation's published bank holidays; 0 or -1 (with a note
 * on stderr, since a missing file is a test-setup problem, not a bug). */
static inline int fixture_load_calendar(struct calendar *c, enum nation n)
{
	char path[256];
	snprintf(path, sizeof path, "data/bank-holidays/bank-holidays-%s.csv", nation_slug(n));
	cal_init(c, n);
	char *text = fixture_read_file(path);
	if (!text) {
		fprintf(stderr, "cannot read %s (run the tests from the repository root)\n", path);
		return -1;
	}
	struct err e;
	err_clear(&e);
	int rc = cal_load_csv(c, text, &e);
	if (rc < 0)
		fprintf(stderr, "%s: %s\n", path, e.msg);
	free(text);
	return rc;
}

/* "2026-03-03" -> day number; aborts on a typo in the test itself. */
static inline int32_t fixture_day(const char *s)
{
	int32_t d;
	if (dt_parse_date(s, &d) != 0) {
		fprintf(stderr, "bad test date %s\n", s);
		abort();
	}
	return d;
}

/* "2026-03-06T15:00" (London) or with Z / offset -> UTC seconds. */
static inline int64_t fixture_at(const char *s)
{
	int64_t t;
	if (dt_parse_datetime(s, &t) != 0) {
		fprintf(stderr, "bad test date-time %s\n", s);
		abort();
	}
	return t;
}

#endif
