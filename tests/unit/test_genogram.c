/* test_genogram.c — the genogram renderer (src/domain/genogram*.c): four
 * families drawn and compared byte for byte with golden SVGs, the same
 * drawing whatever order the records come in, and checks that stand on their
 * own (shapes, outlines, couple lines, crosses, households and their one
 * label, wrapped names, escaping, the band, no overlaps, no label crossed)
 * so a wrong golden cannot hide a wrong drawing.
 *
 * The golden files are tests/unit/golden/genogram/<name>.svg (run from the
 * repository root). After a deliberate change to the drawing, regenerate
 * them with
 *     HEARTH_UPDATE_GOLDEN=1 build/tests/test_genogram
 * and look at them (in a browser, or rsvg-convert) before committing. On a
 * mismatch the drawing made is left in build/tests/genogram-<name>.svg. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "domain/genogram.h"
#include "util/utf8.h"

/* ---- building families ---- */

struct fam {
	struct geno_person p[96];
	struct geno_rel r[192];
	struct geno_household h[8];
	size_t np, nr, nh;
	char pool[16384];
	size_t used;
};

static const char *S(struct fam *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *S(struct fam *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *at = f->pool + f->used;
	int n = vsnprintf(at, sizeof f->pool - f->used, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof f->pool - f->used);
	f->used += (size_t)n + 1;
	return at;
}

static struct geno_person *P(struct fam *f, const char *id, const char *name, enum geno_gender g, const char *birth)
{
	assert_true(f->np < sizeof f->p / sizeof f->p[0]);
	struct geno_person *p = &f->p[f->np++];
	*p = (struct geno_person){.id = id, .name = name, .birth = birth, .age = -1, .gender = g};
	return p;
}

static struct geno_rel *R(struct fam *f, const char *a, enum geno_kind k, int sub, const char *b)
{
	assert_true(f->nr < sizeof f->r / sizeof f->r[0]);
	struct geno_rel *r = &f->r[f->nr];
	*r = (struct geno_rel){.id = S(f, "r%03zu", f->nr), .a = a, .b = b, .kind = k, .subtype = sub};
	f->nr++;
	return r;
}

static void parents_of(struct fam *f, const char *child, const char *a, const char *b)
{
	R(f, a, GENO_PARENT, GENO_BIRTH, child);
	if (b)
		R(f, b, GENO_PARENT, GENO_BIRTH, child);
}

static struct geno_input input_of(const struct fam *f, const char *title)
{
	return (struct geno_input){.people = f->p, .npeople = f->np, .rels = f->r, .nrels = f->nr,
				   .households = f->h, .nhouseholds = f->nh, .title = title};
}

/* Two married parents, three children (the middle one the subject), the
 * father's parents, both dead. */
static void small_family(struct fam *f)
{
	memset(f, 0, sizeof *f);
	struct geno_person *p = P(f, "p01", "Henryk Nowak", GENO_MALE, "1940");
	p->deceased = true;
	p->death_year = 2015;
	p = P(f, "p02", "Zofia Nowak", GENO_FEMALE, "1942-05-01");
	p->deceased = true;
	p->death_year = 2019;
	p = P(f, "p03", "Tomasz Nowak", GENO_MALE, "1970");
	p->pr = true;
	p->status = GENO_ATTENDING;
	p->household = "h1";
	p = P(f, "p04", "Anna Nowak", GENO_FEMALE, "1972");
	p->pr = true;
	p->status = GENO_INVITED;
	p->household = "h1";
	P(f, "p05", "Ola Nowak", GENO_FEMALE, "2014")->household = "h1";
	p = P(f, "p06", "Piotr Nowak", GENO_MALE, "2011-06-02");
	p->subject = true;
	p->household = "h1";
	P(f, "p07", "Kasia Nowak", GENO_FEMALE, "2008-03-14")->household = "h1";
	R(f, "p01", GENO_PARTNER, GENO_MARRIED, "p02")->start_year = 1965;
	R(f, "p04", GENO_PARTNER, GENO_MARRIED, "p03")->start_year = 1998;
	parents_of(f, "p03", "p01", "p02");
	for (int i = 5; i <= 7; i++)
		parents_of(f, S(f, "p0%d", i), "p03", "p04");
	f->h[f->nh++] = (struct geno_household){"h1", "Nowak household"};
}

/* A mother with an ex-husband and a partner, children of both, the
 * ex-husband's new family, a kinship-carer grandmother, an adopted child, a
 * half-brother and an aunt recorded without parents, an excluded uncle,
 * a friend, a professional and someone not yet linked. */
static void blended_family(struct fam *f)
{
	memset(f, 0, sizeof *f);
	struct geno_person *p = P(f, "b01", "Amy Clarke", GENO_FEMALE, "1985");
	p->pr = true;
	p->address_confidential = true;
	p->status = GENO_ATTENDING;
	p->household = "hA";
	p = P(f, "b02", "Daniel Price", GENO_MALE, "1982");
	p->pr = true;
	p->status = GENO_INVITED;
	p->household = "hD";
	p = P(f, "b03", "Marcus Bell", GENO_MALE, NULL);
	p->age = 41;
	p->status = GENO_DECLINED;
	p->household = "hA";
	P(f, "b04", "Jade Price", GENO_FEMALE, "2006")->household = "hA";
	p = P(f, "b05", "Leo Price", GENO_MALE, "2009-09-30");
	p->subject = true;
	p->household = "hG";
	P(f, "b06", "Mia Bell", GENO_FEMALE, "2016")->household = "hA";
	P(f, "b07", "Sam Bell", GENO_UNKNOWN, "2018")->household = "hA";
	P(f, "b08", "Chloe Price", GENO_FEMALE, "1988")->household = "hD";
	P(f, "b09", "Noah Price", GENO_MALE, "2017")->household = "hD";
	p = P(f, "b10", "Margaret Clarke", GENO_FEMALE, "1958");
	p->pr = true;
	p->status = GENO_ATTENDING;
	p->household = "hG";
	p = P(f, "b11", "Peter Clarke", GENO_MALE, "1955");
	p->deceased = true;
	p->death_year = 2020;
	p = P(f, "b12", "Kyle Clarke", GENO_MALE, "1987");
	p->status = GENO_EXCLUDED;
	p = P(f, "b13", "Tyler Reed", GENO_MALE, NULL);
	p->age = 19;
	P(f, "b14", "Sophie Clarke", GENO_FEMALE, NULL);
	P(f, "b15", "\xd9\x81\xd8\xa7\xd8\xb7\xd9\x85\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xb3\xd9\x8a\xd8\xaf", GENO_FEMALE, NULL); /* فاطمة السيد */
	P(f, "b16", "Jo Evans", GENO_FEMALE, NULL);
	P(f, "b17", "Gwen ap Rhys", GENO_FEMALE, NULL);

	struct geno_rel *r = R(f, "b02", GENO_PARTNER, GENO_DIVORCED, "b01");
	r->start_year = 2005;
	r->end_year = 2012;
	R(f, "b01", GENO_PARTNER, GENO_COHABITING, "b03")->start_year = 2014;
	R(f, "b02", GENO_PARTNER, GENO_MARRIED, "b08")->start_year = 2015;
	r = R(f, "b11", GENO_PARTNER, GENO_SEPARATED, "b10");
	r->end_year = 2000;
	parents_of(f, "b04", "b01", "b02");
	parents_of(f, "b05", "b02", "b01");
	parents_of(f, "b06", "b01", "b03");
	R(f, "b01", GENO_PARENT, GENO_ADOPTIVE, "b07");
	R(f, "b03", GENO_PARENT, GENO_ADOPTIVE, "b07");
	R(f, "b03", GENO_PARENT, GENO_STEP, "b04");
	R(f, "b03", GENO_PARENT, GENO_STEP, "b05");
	parents_of(f, "b09", "b02", "b08");
	parents_of(f, "b01", "b10", "b11");
	parents_of(f, "b12", "b10", "b11");
	R(f, "b10", GENO_CARER, GENO_KINSHIP, "b05");
	R(f, "b13", GENO_HALF_SIBLING, 0, "b05");
	R(f, "b14", GENO_AUNT_UNCLE, 0, "b05");
	R(f, "b15", GENO_FRIEND, 0, "b01");
	R(f, "b16", GENO_PROFESSIONAL, 0, "b05")->note = "Social worker, Blackpool Council";
	f->h[f->nh++] = (struct geno_household){"hA", "Amy's household"};
	f->h[f->nh++] = (struct geno_household){"hD", "Daniel's household"};
	f->h[f->nh++] = (struct geno_household){"hG", "Margaret's household"};
}

/* Four generations and 40-odd people, built by rule: two grandparent
 * couples, their children (most married), grandchildren, and the eldest
 * grandchildren's own children. */
static void large_family(struct fam *f)
{
	static const char *const first_m[] = {"Adam", "Bartek", "Cai", "Dawid", "Emrys", "Filip", "Gethin", "Hamza", "Iwan", "Jakub", "Kamil", "Luca"};
	static const char *const first_f[] = {"Alys", "Beata", "Cerys", "Dorota", "Elin", "Fatima", "Gosia", "Hana", "Iona", "Julia", "Kinga", "Lowri"};
	memset(f, 0, sizeof *f);
	int next = 1, nm = 0, nf = 0;
#define NEWP(g, surname, year) P(f, S(f, "q%02d", next++), S(f, "%s %s", (g) == GENO_MALE ? first_m[nm++ % 12] : first_f[nf++ % 12], surname), g, S(f, "%d", year))
	struct geno_person *pgf = NEWP(GENO_MALE, "Kowalski", 1935), *pgm = NEWP(GENO_FEMALE, "Kowalska", 1938);
	struct geno_person *mgf = NEWP(GENO_MALE, "Jones", 1940), *mgm = NEWP(GENO_FEMALE, "Jones", 1942);
	pgf->deceased = true;
	pgf->death_year = 2001;
	mgm->deceased = true;
	R(f, pgf->id, GENO_PARTNER, GENO_MARRIED, pgm->id)->start_year = 1958;
	R(f, mgf->id, GENO_PARTNER, GENO_MARRIED, mgm->id)->start_year = 1961;
	/* Generation 1: four Kowalski children, three Jones children. */
	const char *g1[7], *sp1[7] = {0};
	for (int i = 0; i < 7; i++) {
		bool kow = i < 4;
		static const enum geno_gender gg[7] = {GENO_MALE, GENO_FEMALE, GENO_MALE, GENO_FEMALE, GENO_FEMALE, GENO_MALE, GENO_FEMALE};
		enum geno_gender g = gg[i];
		struct geno_person *c = NEWP(g, kow ? (g == GENO_MALE ? "Kowalski" : "Kowalska") : "Jones", (kow ? 1960 : 1963) + 3 * (i % 4));
		g1[i] = c->id;
		parents_of(f, c->id, kow ? pgf->id : mgf->id, kow ? pgm->id : mgm->id);
	}
	/* g1[2] (Kowalski) married g1[4] (Jones): the subject's parents. */
	R(f, g1[2], GENO_PARTNER, GENO_MARRIED, g1[4])->start_year = 1990;
	sp1[2] = g1[4];
	sp1[4] = g1[2];
	for (int i = 0; i < 7; i++) {
		if (sp1[i] || i == 3)
			continue;
		enum geno_gender g = f->p[4 + i].gender == GENO_MALE ? GENO_FEMALE : GENO_MALE;
		struct geno_person *s = NEWP(g, g == GENO_MALE ? "Evans" : "Evans", 1961 + i);
		sp1[i] = s->id;
		R(f, g1[i], GENO_PARTNER, i == 6 ? GENO_COHABITING : GENO_MARRIED, s->id)->start_year = 1985 + i;
	}
	/* Generation 2: children of each couple. */
	static const int kids[7] = {3, 2, 4, 0, 0, 3, 1};
	const char *g2[24] = {0};
	int ng2 = 0, year = 1986;
	for (int i = 0; i < 7; i++)
		for (int k = 0; k < kids[i]; k++) {
			enum geno_gender g = (ng2 * 7 + k) % 3 == 0 ? GENO_FEMALE : GENO_MALE;
			struct geno_person *c = NEWP(g, i < 4 ? "Kowalski" : "Jones", year + 2 * k + i % 3);
			if (i == 2 && k == 2) {
				c->subject = true;
				c->birth = "2012";
			}
			g2[ng2++] = c->id;
			parents_of(f, c->id, g1[i], sp1[i]);
		}
	year = 2010;
	/* The eldest of four families marry and have children. */
	static const int who[4] = {0, 3, 5, 9}, gkids[4] = {2, 2, 3, 2};
	for (int w = 0; w < 4; w++) {
		const char *a = g2[who[w]];
		enum geno_gender ga = GENO_UNKNOWN;
		for (size_t i = 0; i < f->np; i++)
			if (!strcmp(f->p[i].id, a))
				ga = f->p[i].gender;
		struct geno_person *s = NEWP(ga == GENO_MALE ? GENO_FEMALE : GENO_MALE, "Smith", 1984 + w);
		R(f, a, GENO_PARTNER, w == 2 ? GENO_DIVORCED : GENO_MARRIED, s->id)->start_year = 2008 + w;
		const char *sid = s->id;
		for (int k = 0; k < gkids[w]; k++) {
			struct geno_person *c = NEWP(k % 2 ? GENO_FEMALE : GENO_MALE, "Smith", year + 2 * k + w);
			parents_of(f, c->id, a, sid);
		}
	}
#undef NEWP
	f->h[f->nh++] = (struct geno_household){"hx", "Kowalski household"};
	for (size_t i = 0; i < f->np; i++)
		if (!strcmp(f->p[i].id, g1[2]) || !strcmp(f->p[i].id, g1[4]) || !strcmp(f->p[i].id, g2[6]) ||
		    !strcmp(f->p[i].id, g2[7]) || !strcmp(f->p[i].id, g2[8]))
			f->p[i].household = "hx";
}

/* Three generations living at Mum's house (grandmother, mother, child), in
 * different rows, with a grandfather and an ex-partner who live elsewhere
 * standing beside them, so the household has to be drawn in parts; a
 * sister at Nana Maggie's bungalow; names too long for one line. */
static void split_family(struct fam *f)
{
	memset(f, 0, sizeof *f);
	struct geno_person *p = P(f, "s01", "Grandad (mother's father)", GENO_MALE, "1950");
	p = P(f, "s02", "Grandma Jean", GENO_FEMALE, "1953");
	p->household = "hM";
	p = P(f, "s03", "Grandad Bill", GENO_MALE, "1949");
	p->deceased = true;
	p->death_year = 2018;
	P(f, "s04", "Nana Maggie", GENO_FEMALE, "1951")->household = "hB";
	p = P(f, "s05", "Kelly Smith", GENO_FEMALE, "1984");
	p->pr = true;
	p->status = GENO_ATTENDING;
	p->household = "hM";
	p = P(f, "s06", "Craig Smith", GENO_MALE, "1982");
	p->pr = true;
	p->status = GENO_INVITED;
	P(f, "s07", "Auntie Lisa", GENO_FEMALE, "1987");
	p = P(f, "s08", "Tyler-James Smith", GENO_MALE, "2012-04-01");
	p->subject = true;
	p->household = "hM";
	P(f, "s09", "Charlotte-Rose Amelia Smith-Wainwright", GENO_FEMALE, "2009")->household = "hB";
	R(f, "s01", GENO_PARTNER, GENO_DIVORCED, "s02")->start_year = 1980;
	R(f, "s03", GENO_PARTNER, GENO_MARRIED, "s04")->start_year = 1978;
	R(f, "s06", GENO_PARTNER, GENO_SEPARATED, "s05")->start_year = 2008;
	parents_of(f, "s05", "s01", "s02");
	parents_of(f, "s07", "s01", "s02");
	parents_of(f, "s06", "s03", "s04");
	parents_of(f, "s08", "s06", "s05");
	parents_of(f, "s09", "s06", "s05");
	R(f, "s04", GENO_CARER, GENO_KINSHIP, "s09");
	f->h[f->nh++] = (struct geno_household){"hM", "Mum's house"};
	f->h[f->nh++] = (struct geno_household){"hB", "Nana Maggie's bungalow"};
}

/* ---- helpers ---- */

static char *render(const struct geno_input *in)
{
	struct buf b;
	buf_init(&b);
	assert_int_equal(genogram_svg(in, &b), 0);
	assert_non_null(b.data);
	return buf_steal(&b);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	struct buf b;
	buf_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_append(&b, chunk, n);
	fclose(fp);
	*len = b.len;
	return b.data ? buf_steal(&b) : xstrdup("");
}

static void write_all(const char *path, const char *s)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(s, 1, strlen(s), fp), strlen(s));
	assert_int_equal(fclose(fp), 0);
}

static void golden(const char *name, const struct geno_input *in)
{
	char path[256];
	snprintf(path, sizeof path, "tests/unit/golden/genogram/%s.svg", name);
	char *svg = render(in);
	const char *update = getenv("HEARTH_UPDATE_GOLDEN");
	if (update && !strcmp(update, "1")) {
		write_all(path, svg);
		free(svg);
		return;
	}
	size_t len = 0;
	char *want = read_all(path, &len);
	if (!want)
		fail_msg("no golden file %s: run with HEARTH_UPDATE_GOLDEN=1", path);
	if (len != strlen(svg) || memcmp(want, svg, len)) {
		size_t at = 0;
		while (at < len && svg[at] && want[at] == svg[at])
			at++;
		char made[256];
		snprintf(made, sizeof made, "build/tests/genogram-%s.svg", name);
		write_all(made, svg);
		fail_msg("%s differs from the drawing at byte %zu (drawing left in %s)", path, at, made);
	}
	free(want);
	free(svg);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *s = hay; (s = strstr(s, needle)); s += strlen(needle))
		n++;
	return n;
}

/* The <g class="person …"> group whose label starts with name. */
static char *person_group(const char *svg, const char *name)
{
	char needle[256];
	snprintf(needle, sizeof needle, ">%s</text>", name);
	const char *at = strstr(svg, needle), *g = NULL;
	if (!at)
		return NULL;
	for (const char *s = svg; (s = strstr(s, "<g class=\"person")) && s < at; s++)
		g = s;
	const char *end = strstr(at, "</g>");
	return g && end ? strndup(g, (size_t)(end - g)) : NULL;
}

/* The first group that opens with `open`, up to its close. */
static char *group_from(const char *svg, const char *open)
{
	const char *g = strstr(svg, open);
	const char *end = g ? strstr(g, "</g>") : NULL;
	return end ? strndup(g, (size_t)(end - g)) : NULL;
}

/* Where a person's shape is: its centre. */
static void centre_of(const char *svg, const char *name, long *x, long *y)
{
	char *g = person_group(svg, name);
	assert_non_null(g);
	const char *s;
	char *end;
	if ((s = strstr(g, "class=\"shape\" cx=\""))) {
		*x = strtol(s + 18, &end, 10);
		*y = strtol(strstr(end, "cy=\"") + 4, NULL, 10);
	} else if ((s = strstr(g, "<rect class=\"shape\" x=\""))) {
		*x = strtol(s + 23, &end, 10) + 24;
		*y = strtol(strstr(end, "y=\"") + 3, NULL, 10) + 24;
	} else {
		s = strstr(g, "class=\"shape\" points=\"");
		assert_non_null(s);
		*x = strtol(s + 22, &end, 10);
		*y = strtol(end + 1, NULL, 10) + 26;
	}
	free(g);
}

static long x_of(const char *svg, const char *name)
{
	long x, y;
	centre_of(svg, name, &x, &y);
	return x;
}

static long y_of(const char *svg, const char *name)
{
	long x, y;
	centre_of(svg, name, &x, &y);
	return y;
}

/* ---- goldens and order ---- */

static void test_golden_small(void **state)
{
	(void)state;
	struct fam f;
	small_family(&f);
	struct geno_input in = input_of(&f, "Genogram for case FM-2026-0001");
	golden("small", &in);
}

static void test_golden_blended(void **state)
{
	(void)state;
	static struct fam f;
	blended_family(&f);
	struct geno_input in = input_of(&f, "Genogram for case FM-2026-0002");
	golden("blended", &in);
}

static void test_golden_large(void **state)
{
	(void)state;
	static struct fam f;
	large_family(&f);
	assert_true(f.np >= 40);
	struct geno_input in = input_of(&f, "Genogram for case FM-2026-0003");
	golden("large", &in);
}

static void test_golden_split(void **state)
{
	(void)state;
	static struct fam f;
	split_family(&f);
	struct geno_input in = input_of(&f, "Genogram for case FM-2026-0004");
	golden("split", &in);
}

/* Reversed, then shuffled by a fixed generator: the same bytes each time. */
static void same_whatever_the_order(void (*build)(struct fam *))
{
	static struct fam f, g;
	build(&f);
	struct geno_input in = input_of(&f, "t");
	char *want = render(&in);
	for (int round = 0; round < 3; round++) {
		g = f;
		unsigned seed = 12345u + (unsigned)round;
		for (size_t i = 0; i < g.np; i++)
			g.p[i] = f.p[round == 0 ? f.np - 1 - i : i];
		for (size_t i = 0; i < g.nr; i++)
			g.r[i] = f.r[round == 0 ? f.nr - 1 - i : i];
		for (size_t i = g.np; round > 0 && i > 1; i--) {
			seed = seed * 1103515245u + 12345u;
			size_t j = (seed >> 8) % i;
			struct geno_person t = g.p[i - 1];
			g.p[i - 1] = g.p[j];
			g.p[j] = t;
		}
		for (size_t i = g.nr; round > 0 && i > 1; i--) {
			seed = seed * 1103515245u + 12345u;
			size_t j = (seed >> 8) % i;
			struct geno_rel t = g.r[i - 1];
			g.r[i - 1] = g.r[j];
			g.r[j] = t;
		}
		for (size_t i = 0; i < g.nh / 2; i++) {
			struct geno_household t = g.h[i];
			g.h[i] = g.h[g.nh - 1 - i];
			g.h[g.nh - 1 - i] = t;
		}
		struct geno_input in2 = input_of(&g, "t");
		char *got = render(&in2);
		assert_string_equal(got, want);
		free(got);
	}
	free(want);
}

static void test_input_order_never_shows(void **state)
{
	(void)state;
	same_whatever_the_order(small_family);
	same_whatever_the_order(blended_family);
	same_whatever_the_order(large_family);
	same_whatever_the_order(split_family);
}

static void test_nobody_overlaps(void **state)
{
	(void)state;
	static struct fam f;
	char why[200];
	void (*build[])(struct fam *) = {small_family, blended_family, large_family, split_family};
	for (int i = 0; i < 4; i++) {
		build[i](&f);
		struct geno_input in = input_of(&f, "t");
		if (genogram_layout_check(&in, why, sizeof why) != 0)
			fail_msg("fixture %d: %s", i, why);
	}
}

/* ---- what is drawn ---- */

static void test_shapes_by_gender(void **state)
{
	(void)state;
	static struct fam f;
	blended_family(&f);
	struct geno_input in = input_of(&f, "t");
	char *svg = render(&in);
	char *amy = person_group(svg, "Amy Clarke"), *leo = person_group(svg, "Leo Price"), *sam = person_group(svg, "Sam Bell");
	assert_non_null(amy);
	assert_non_null(leo);
	assert_non_null(sam);
	assert_int_equal(count(amy, "<circle class=\"shape\""), 1);
	assert_int_equal(count(amy, "<rect class=\"shape\""), 0);
	assert_int_equal(count(leo, "<rect class=\"shape\""), 1);
	assert_int_equal(count(sam, "<polygon class=\"shape\""), 1);
	/* The diamond: four points, top, right, bottom, left of the centre. */
	long x, y;
	centre_of(svg, "Sam Bell", &x, &y);
	char pts[128];
	snprintf(pts, sizeof pts, "points=\"%ld,%ld %ld,%ld %ld,%ld %ld,%ld\"", x, y - 26, x + 26, y, x, y + 26, x - 26, y);
	assert_non_null(strstr(sam, pts));
	free(amy);
	free(leo);
	free(sam);
	free(svg);
}

static void test_subject_is_double_outlined(void **state)
{
	(void)state;
	struct fam f;
	small_family(&f);
	struct geno_input in = input_of(&f, "t");
	char *svg = render(&in);
	char *piotr = person_group(svg, "Piotr Nowak"), *kasia = person_group(svg, "Kasia Nowak");
	assert_int_equal(count(piotr, "<rect class=\"ring\""), 1);
	assert_int_equal(count(piotr, "<rect class=\"shape\""), 1);
	assert_non_null(strstr(piotr, "class=\"person male subject\""));
	assert_int_equal(count(kasia, "class=\"ring\""), 0);
	/* Only one subject among the people (the key has its own sample). */
	const char *key = strstr(svg, "<g class=\"legend\">");
	assert_non_null(key);
	char *people = strndup(svg, (size_t)(key - svg));
	assert_int_equal(count(people, "class=\"ring\""), 1);
	free(people);
	free(piotr);
	free(kasia);
	free(svg);
}

static void test_couple_lines(void **state)
{
	(void)state;
	static struct fam f;
	blended_family(&f);
	struct geno_input in = input_of(&f, "t");
	char *svg = render(&in);
	char *div = group_from(svg, "<g class=\"partners divorced\">");
	char *sep = group_from(svg, "<g class=\"partners separated\">");
	char *coh = group_from(svg, "<g class=\"partners cohabiting\">");
	char *mar = group_from(svg, "<g class=\"partners married\">");
	assert_non_null(div);
	assert_non_null(sep);
	assert_non_null(coh);
	assert_non_null(mar);
	assert_int_equal(count(div, "class=\"slash\""), 2);
	assert_int_equal(count(sep, "class=\"slash\""), 1);
	assert_int_equal(count(coh, "class=\"slash\""), 0);
	assert_int_equal(count(mar, "class=\"slash\""), 0);
	assert_non_null(strstr(coh, "stroke-dasharray=\"8 4\""));
	assert_null(strstr(mar, "stroke-dasharray"));
	assert_null(strstr(div, "stroke-dasharray"));
	assert_non_null(strstr(div, ">m. 2005<"));
	assert_non_null(strstr(div, ">div. 2012<"));
	assert_non_null(strstr(sep, ">sep. 2000<"));
	assert_non_null(strstr(coh, ">since 2014<"));
	/* Male partner on the left. */
	assert_true(x_of(svg, "Daniel Price") < x_of(svg, "Chloe Price"));
	free(div);
	free(sep);
	free(coh);
	free(mar);
	free(svg);
}

static void test_deceased_are_crossed(void **state)
{
	(void)state;
	struct fam f;
	small_family(&f);
	struct geno_input in = input_of(&f, "t");
	char *svg = render(&in);
	char *henryk = person_group(svg, "Henryk Nowak"), *anna = person_group(svg, "Anna Nowak");
	assert_int_equal(count(henryk, "<line class=\"x\""), 2);
	assert_non_null(strstr(henryk, ">b. 1940, d. 2015<"));
	assert_int_equal(count(anna, "<line class=\"x\""), 0);
	free(henryk);
	free(anna);
	free(svg);
}

static void test_households_dotted(void **state)
{
	(void)state;
	static struct fam f;
	blended_family(&f);
	struct geno_input in = input_of(&f, "t");
	char *svg = render(&in);
	const char *key = strstr(svg, "<g class=\"legend\">");
	char *drawing = strndup(svg, (size_t)(key - svg));
	assert_int_equal(count(drawing, "<g class=\"household\">"), 3);
	assert_true(count(drawing, "<rect class=\"hh\"") >= 3);
	for (const char *s = drawing; (s = strstr(s, "<rect class=\"hh\"")); s++) {
		char *el = strndup(s, (size_t)(strchr(s, '>') - s));
		assert_non_null(strstr(el, "stroke-dasharray=\"2 4\""));
		free(el);
	}
	/* Each labelled once, however many parts it is drawn in. */
	assert_int_equal(count(drawing, ">Amy&apos;s household</text>"), 1);
	assert_int_equal(count(drawing, ">Daniel&apos;s household</text>"), 1);
	assert_int_equal(count(drawing, ">Margaret&apos;s household</text>"), 1);
	assert_int_equal(count(drawing, "<text class=\"hl\""), 3);
	/* The key says what the outlines mean and names each one's colour. */
	assert_non_null(strstr(key, ">Household (dotted outline; one colour per household)</text>"));
	assert_non_null(strstr(key, ">Amy&apos;s household</text>"));
	assert_non_null(strstr(key, ">Daniel&apos;s household</text>"));
	assert_non_null(strstr(key, ">Margaret&apos;s household</text>"));
	free(drawing);
	free(svg);
}

/* The colour a household's label is written in: its fill. */
static void label_colour(const char *drawing, const char *label, char col[8])
{
	char needle[160];
	snprintf(needle, sizeof needle, ">%s</text>", label);
	const char *at = strstr(drawing, needle), *t = NULL;
	assert_non_null(at);
	for (const char *s = drawing; (s = strstr(s, "<text class=\"hl\" fill=\"")) && s < at; s++)
		t = s;
	assert_non_null(t);
	memcpy(col, t + 23, 7);
	col[7] = '\0';
}

/* The <g class="household"> whose outlines are drawn in col. */
static char *household_group(const char *drawing, const char *col)
{
	char stroke[32];
	snprintf(stroke, sizeof stroke, "stroke=\"%s\"", col);
	for (const char *g = drawing; (g = strstr(g, "<g class=\"household\">")); g++) {
		const char *end = strstr(g, "</g>");
		assert_non_null(end);
		char *grp = strndup(g, (size_t)(end - g));
		if (strstr(grp, stroke))
			return grp;
		free(grp);
	}
	return NULL;
}

/* A household whose members stand in three rows, with people who live
 * elsewhere beside them, is drawn in parts: one label for them all, every
 * part and every join between them in its colour, one join fewer than parts;
 * in the key, its colour with its name. */
static void test_split_household_reads_as_one(void **state)
{
	(void)state;
	static struct fam f;
	void (*build[])(struct fam *) = {split_family, blended_family};
	const char *label[] = {"Mum&apos;s house", "Margaret&apos;s household"};
	for (int i = 0; i < 2; i++) {
		build[i](&f);
		struct geno_input in = input_of(&f, "t");
		char *svg = render(&in);
		const char *key = strstr(svg, "<g class=\"legend\">");
		assert_non_null(key);
		char *drawing = strndup(svg, (size_t)(key - svg)), col[8];
		char needle[160];
		snprintf(needle, sizeof needle, ">%s</text>", label[i]);
		assert_int_equal(count(drawing, needle), 1);
		label_colour(drawing, label[i], col);
		char *grp = household_group(drawing, col);
		assert_non_null(grp);
		int parts = count(grp, "<rect class=\"hh\"");
		char stroke[32];
		snprintf(stroke, sizeof stroke, "stroke=\"%s\"", col);
		assert_true(parts >= 2);
		assert_int_equal(count(grp, "<path class=\"hhc\""), parts - 1);
		assert_int_equal(count(grp, "stroke=\""), count(grp, stroke)); /* all one colour */
		assert_int_equal(count(grp, stroke), 2 * parts - 1);
		/* No other household's outline is in that colour. */
		assert_int_equal(count(drawing, stroke), 2 * parts - 1);
		char swatch[128];
		snprintf(swatch, sizeof swatch, "%s stroke-dasharray=\"2 4\"/>\n<text class=\"lg\"", stroke);
		const char *sw = strstr(key, swatch), *end = sw ? strstr(sw, "</text>") : NULL;
		assert_non_null(end);
		size_t nl = strlen(needle) - strlen("</text>");
		assert_true((size_t)(end - sw) > nl && !strncmp(end - nl, needle, strlen(needle)));
		char why[200];
		if (genogram_layout_check(&in, why, sizeof why) != 0)
			fail_msg("%s", why);
		free(grp);
		free(drawing);
		free(svg);
	}
}

static void test_overlays(void **state)
{
	(void)state;
	static struct fam f;
	blended_family(&f);
	struct geno_input in = input_of(&f, "t");
	char *svg = render(&in);
	char *amy = person_group(svg, "Amy Clarke"), *kyle = person_group(svg, "Kyle Clarke");
	char *marcus = person_group(svg, "Marcus Bell"), *jade = person_group(svg, "Jade Price");
	assert_non_null(strstr(amy, ">PR</text>"));
	assert_non_null(strstr(amy, ">AC</text>"));
	assert_non_null(strstr(amy, ">Attending</text>"));
	assert_non_null(strstr(kyle, "excluded\""));
	assert_non_null(strstr(kyle, "<text class=\"ex\""));
	assert_non_null(strstr(kyle, ">Excluded</text>"));
	assert_non_null(strstr(marcus, ">about 41</text>"));
	assert_non_null(strstr(marcus, ">Declined</text>"));
	assert_null(strstr(jade, ">PR<"));
	assert_null(strstr(jade, ">AC<"));
	assert_non_null(strstr(svg, ">Parental responsibility</text>"));
	assert_non_null(strstr(svg, ">Address confidential</text>"));
	free(amy);
	free(kyle);
	free(marcus);
	free(jade);
	free(svg);
}

static void test_children_hang_in_birth_order(void **state)
{
	(void)state;
	struct fam f;
	small_family(&f);
	struct geno_input in = input_of(&f, "t");
	char *svg = render(&in);
	long kasia = x_of(svg, "Kasia Nowak"), piotr = x_of(svg, "Piotr Nowak"), ola = x_of(svg, "Ola Nowak");
	long tomasz = x_of(svg, "Tomasz Nowak"), anna = x_of(svg, "Anna Nowak");
	assert_true(kasia < piotr && piotr < ola);
	assert_true(tomasz < anna);
	/* Parents over their children, grandparents over the father. */
	assert_true(kasia <= (tomasz + anna) / 2 && (tomasz + anna) / 2 <= ola);
	assert_true(y_of(svg, "Henryk Nowak") < y_of(svg, "Tomasz Nowak"));
	assert_true(y_of(svg, "Tomasz Nowak") < y_of(svg, "Piotr Nowak"));
	long mid = (x_of(svg, "Henryk Nowak") + x_of(svg, "Zofia Nowak")) / 2;
	assert_true(mid > tomasz - 130 && mid < tomasz + 130);
	/* One sibling bar, three drops. */
	assert_int_equal(count(svg, "<g class=\"children\">"), 2);
	free(svg);
}

static void test_blended_lines(void **state)
{
	(void)state;
	static struct fam f;
	blended_family(&f);
	struct geno_input in = input_of(&f, "t");
	char *svg = render(&in);
	/* The adopted child's drop is dashed, the kinship carer's line dotted. */
	long sx, sy;
	centre_of(svg, "Sam Bell", &sx, &sy);
	char drop[96];
	snprintf(drop, sizeof drop, "stroke-dasharray=\"6 4\" d=\"M%ld ", sx);
	assert_non_null(strstr(svg, drop));
	assert_non_null(strstr(svg, "<path class=\"carer\" stroke-dasharray=\"2 3\""));
	assert_non_null(strstr(svg, ">kinship carer</text>"));
	assert_non_null(strstr(svg, ">half</text>"));
	assert_non_null(strstr(svg, ">aunt or uncle</text>"));
	/* The step-parent is Amy's partner; no step line of his own. */
	assert_null(strstr(svg, ">step-parent</text>"));
	/* Amy between her ex-husband and her partner, Daniel between Amy and
	 * his wife; half-siblings on the side of their own parents: Amy's
	 * children with Marcus, then with Daniel, then Daniel's with Chloe. */
	assert_true(x_of(svg, "Marcus Bell") < x_of(svg, "Amy Clarke"));
	assert_true(x_of(svg, "Amy Clarke") < x_of(svg, "Daniel Price"));
	assert_true(x_of(svg, "Daniel Price") < x_of(svg, "Chloe Price"));
	assert_true(x_of(svg, "Mia Bell") < x_of(svg, "Sam Bell"));
	assert_true(x_of(svg, "Sam Bell") < x_of(svg, "Jade Price"));
	assert_true(x_of(svg, "Jade Price") < x_of(svg, "Leo Price"));
	assert_true(x_of(svg, "Leo Price") < x_of(svg, "Noah Price"));
	/* Generations: grandmother, mother, subject. */
	assert_true(y_of(svg, "Margaret Clarke") < y_of(svg, "Amy Clarke"));
	assert_true(y_of(svg, "Amy Clarke") < y_of(svg, "Leo Price"));
	assert_true(y_of(svg, "Sophie Clarke") == y_of(svg, "Amy Clarke"));
	assert_true(y_of(svg, "Tyler Reed") == y_of(svg, "Leo Price"));
	free(svg);
}

static void test_wider_network_band(void **state)
{
	(void)state;
	static struct fam f;
	blended_family(&f);
	struct geno_input in = input_of(&f, "t");
	char *svg = render(&in);
	const char *band = strstr(svg, ">Wider network</text>");
	assert_non_null(band);
	assert_non_null(strstr(band, ">Friends and neighbours</text>"));
	assert_non_null(strstr(band, ">Professionals</text>"));
	assert_non_null(strstr(band, ">Not yet linked</text>"));
	assert_non_null(strstr(svg, ">Friend of Amy Clarke</text>"));
	assert_non_null(strstr(svg, ">Social worker,</text>"));
	assert_non_null(strstr(svg, ">Blackpool Council</text>"));
	/* The band is below everyone in the family, its groups side by side
	 * while they fit (a tall stack prints small), in their order. */
	assert_true(y_of(svg, "Jo Evans") > y_of(svg, "Noah Price"));
	assert_true(y_of(svg, "Gwen ap Rhys") == y_of(svg, "Jo Evans"));
	assert_true(x_of(svg, "Gwen ap Rhys") > x_of(svg, "Jo Evans"));
	assert_true(strstr(band, ">Professionals</text>") < strstr(band, ">Not yet linked</text>"));
	free(svg);
}

/* ---- text ---- */

static void test_text_is_escaped_and_kept(void **state)
{
	(void)state;
	static struct fam f;
	blended_family(&f);
	f.p[0].name = "A & <B>";
	struct geno_input in = input_of(&f, "Case <1> & \"2\" 'x'");
	char *svg = render(&in);
	assert_non_null(strstr(svg, ">A &amp; &lt;B&gt;</text>"));
	assert_null(strstr(svg, "<B>"));
	assert_non_null(strstr(svg, "<title id=\"geno-title\">Case &lt;1&gt; &amp; &quot;2&quot; &apos;x&apos;</title>"));
	/* Arabic, as given. */
	assert_non_null(strstr(svg, ">\xd9\x81\xd8\xa7\xd8\xb7\xd9\x85\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xb3\xd9\x8a\xd8\xaf</text>"));
	assert_true(utf8_valid(svg));
	free(svg);
}

static void test_long_names_cut_on_characters(void **state)
{
	(void)state;
	struct fam f;
	small_family(&f);
	/* 30 characters, Polish letters around every place it could be cut:
	 * wrapped whole at the space (the hyphen would leave a longer line). */
	f.p[2].name = "Żółćęśąźń Łukaszewiczówna-Ąęóś";
	/* 45 with nowhere to break: cut on a character, the rest ellipsed. */
	f.p[3].name = "ŻółćęśąźńŻółćęśąźńŻółćęśąźńŻółćęśąźńŻółćęśąźń";
	/* 36 with nowhere to break: two lines, nothing lost. */
	f.p[4].name = "ŻółćęśąźńŻółćęśąźńŻółćęśąźńŻółćęśąźń";
	struct geno_input in = input_of(&f, "t");
	char *svg = render(&in);
	assert_true(utf8_valid(svg));
	assert_non_null(strstr(svg, ">Żółćęśąźń</text>\n<text class=\"nm\" x=\""));
	assert_non_null(strstr(svg, ">Łukaszewiczówna-Ąęóś</text>"));
	assert_non_null(strstr(svg, ">ŻółćęśąźńŻółćęśąźńŻółć</text>"));
	assert_non_null(strstr(svg, ">ęśąźńŻółćęśąźńŻółćęśą…</text>"));
	assert_non_null(strstr(svg, ">ęśąźńŻółćęśąźń</text>"));
	assert_int_equal(count(svg, "…"), 1);
	free(svg);
}

/* A name too long for one line goes on two, broken at a word, whole. */
static void test_long_names_wrap(void **state)
{
	(void)state;
	static struct fam f;
	split_family(&f);
	struct geno_input in = input_of(&f, "t");
	char *svg = render(&in);
	char *rose = person_group(svg, "Charlotte-Rose Amelia"), *grandad = person_group(svg, "Grandad");
	assert_non_null(rose);
	assert_non_null(grandad);
	assert_non_null(strstr(rose, ">Charlotte-Rose Amelia</text>\n<text class=\"nm\" x=\""));
	assert_non_null(strstr(rose, ">Smith-Wainwright</text>"));
	assert_int_equal(count(rose, "<text class=\"nm\""), 2);
	assert_non_null(strstr(grandad, ">Grandad</text>\n<text class=\"nm\" x=\""));
	assert_non_null(strstr(grandad, ">(mother&apos;s father)</text>"));
	assert_int_equal(count(grandad, "<text class=\"nm\""), 2);
	/* Short enough for one line: kept on one. */
	char *tyler = person_group(svg, "Tyler-James Smith");
	assert_non_null(tyler);
	assert_int_equal(count(tyler, "<text class=\"nm\""), 1);
	assert_null(strstr(svg, "…"));
	/* The lines of a name are a line apart, under each other. */
	const char *a = strstr(rose, ">Charlotte"), *b = strstr(rose, ">Smith-Wainwright");
	while (a > rose && strncmp(a, "<text", 5))
		a--;
	while (b > rose && strncmp(b, "<text", 5))
		b--;
	long ax = strtol(strstr(a, "x=\"") + 3, NULL, 10), ay = strtol(strstr(a, "y=\"") + 3, NULL, 10);
	long bx = strtol(strstr(b, "x=\"") + 3, NULL, 10), by = strtol(strstr(b, "y=\"") + 3, NULL, 10);
	assert_int_equal(ax, bx);
	assert_true(by > ay && by - ay <= 20);
	free(tyler);
	free(rose);
	free(grandad);
	free(svg);
}

/* ---- odd input ---- */

static void test_unknown_people_are_ignored(void **state)
{
	(void)state;
	struct fam f;
	small_family(&f);
	struct geno_input in = input_of(&f, "t");
	char *want = render(&in);
	R(&f, "p06", GENO_PARENT, GENO_BIRTH, "nobody");
	R(&f, "ghost", GENO_PARTNER, GENO_MARRIED, "p03");
	R(&f, "p05", GENO_SIBLING, 0, "p05"); /* with herself */
	f.r[f.nr - 1].kind = (enum geno_kind)99;
	in = input_of(&f, "t");
	char *got = render(&in);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

static void test_nobody_at_all(void **state)
{
	(void)state;
	struct geno_input in = {.title = "Empty"};
	char *svg = render(&in);
	assert_true(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 90\" width=\"400\" height=\"90\" "
				 "role=\"img\" aria-labelledby=\"geno-title geno-desc\">", 117) == 0);
	assert_non_null(strstr(svg, "<title id=\"geno-title\">Empty</title>"));
	assert_non_null(strstr(svg, "<desc id=\"geno-desc\">No people have been recorded yet.</desc>"));
	assert_int_equal(count(svg, "<g"), count(svg, "</g>"));
	size_t n = strlen(svg);
	assert_true(n > 7 && !strcmp(svg + n - 7, "</svg>\n"));
	char why[100];
	assert_int_equal(genogram_layout_check(&in, why, sizeof why), 0);
	free(svg);
}

static void test_document_is_self_contained(void **state)
{
	(void)state;
	static struct fam f;
	large_family(&f);
	struct geno_input in = input_of(&f, "t");
	char *svg = render(&in);
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "foreignObject"));
	assert_null(strstr(svg, "href"));
	assert_null(strstr(svg, "url("));
	assert_non_null(strstr(svg, "font-family=\"Arial, 'DejaVu Sans', sans-serif\""));
	assert_non_null(strstr(svg, "<desc id=\"geno-desc\">41 people in 4 generations; 1 household; centred on "));
	assert_int_equal(count(svg, "<g"), count(svg, "</g>"));
	/* Compact enough for a 40-person family. */
	long width = strtol(strstr(svg, "width=\"") + 7, NULL, 10);
	assert_true(width <= 2400);
	assert_int_equal(count(svg, "class=\"person"), 41);
	free(svg);
}

static int rnd(unsigned *seed, int n)
{
	*seed = *seed * 1103515245u + 12345u;
	return (int)((*seed >> 9) % (unsigned)n);
}

/* Families no one would record, built from a fixed seed: cycles, people
 * with many partners, parents in the wrong generation, every kind of
 * relationship between anyone. Nothing may overlap or break, and the order
 * still must not matter. */
static void test_odd_families_still_draw(void **state)
{
	(void)state;
	static struct fam f, g;
	static const char *const hh[] = {NULL, "h1", "h2", "h3"};
	unsigned seed = 2026;
	for (int round = 0; round < 120; round++) {
		memset(&f, 0, sizeof f);
		int np = 1 + rnd(&seed, 36), nr = rnd(&seed, 2 * np + 4);
		for (int i = 0; i < np; i++) {
			enum geno_gender gender = (enum geno_gender)rnd(&seed, 4);
			const char *birth = rnd(&seed, 3) ? S(&f, "%d", 1930 + rnd(&seed, 90)) : NULL;
			struct geno_person *p = P(&f, S(&f, "x%02d", i), S(&f, "Person %d of round %d", i, round), gender, birth);
			p->age = !birth && rnd(&seed, 3) ? rnd(&seed, 90) : -1;
			p->subject = rnd(&seed, 12) == 0;
			p->deceased = rnd(&seed, 8) == 0;
			p->death_year = p->deceased && rnd(&seed, 2) ? 2000 + rnd(&seed, 25) : 0;
			p->pr = rnd(&seed, 4) == 0;
			p->address_confidential = rnd(&seed, 6) == 0;
			p->status = (enum geno_status)rnd(&seed, 5);
			p->household = hh[rnd(&seed, 4)];
		}
		for (int i = 0; i < nr; i++) {
			enum geno_kind k = (enum geno_kind)rnd(&seed, GENO_PROFESSIONAL + 1);
			int sub = k == GENO_PARENT ? rnd(&seed, 3) : k == GENO_PARTNER ? rnd(&seed, 5) : k == GENO_CARER ? rnd(&seed, 2) : 0;
			int a = rnd(&seed, np), b = rnd(&seed, np);
			struct geno_rel *r = R(&f, f.p[a].id, k, sub, f.p[b].id);
			r->start_year = rnd(&seed, 2) ? 1980 + rnd(&seed, 40) : 0;
			r->end_year = rnd(&seed, 3) == 0 ? 2000 + rnd(&seed, 25) : 0;
			r->note = k == GENO_PROFESSIONAL && rnd(&seed, 2) ? "Health visitor, NHS Blackpool Teaching Hospitals" : NULL;
		}
		f.h[f.nh++] = (struct geno_household){"h1", "One"};
		f.h[f.nh++] = (struct geno_household){"h2", "Two"};
		struct geno_input in = input_of(&f, "odd");
		char why[200];
		if (genogram_layout_check(&in, why, sizeof why) != 0)
			fail_msg("round %d: %s", round, why);
		char *svg = render(&in);
		assert_true(utf8_valid(svg));
		assert_int_equal(count(svg, "<g"), count(svg, "</g>"));
		g = f;
		for (size_t i = 0; i < g.np; i++)
			g.p[i] = f.p[f.np - 1 - i];
		for (size_t i = 0; i < g.nr; i++)
			g.r[i] = f.r[f.nr - 1 - i];
		struct geno_input rev = input_of(&g, "odd");
		char *again = render(&rev);
		if (strcmp(svg, again))
			fail_msg("round %d: the order of the records changed the drawing", round);
		free(again);
		free(svg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_small),
		cmocka_unit_test(test_golden_blended),
		cmocka_unit_test(test_golden_large),
		cmocka_unit_test(test_golden_split),
		cmocka_unit_test(test_input_order_never_shows),
		cmocka_unit_test(test_nobody_overlaps),
		cmocka_unit_test(test_shapes_by_gender),
		cmocka_unit_test(test_subject_is_double_outlined),
		cmocka_unit_test(test_couple_lines),
		cmocka_unit_test(test_deceased_are_crossed),
		cmocka_unit_test(test_households_dotted),
		cmocka_unit_test(test_split_household_reads_as_one),
		cmocka_unit_test(test_overlays),
		cmocka_unit_test(test_children_hang_in_birth_order),
		cmocka_unit_test(test_blended_lines),
		cmocka_unit_test(test_wider_network_band),
		cmocka_unit_test(test_text_is_escaped_and_kept),
		cmocka_unit_test(test_long_names_cut_on_characters),
		cmocka_unit_test(test_long_names_wrap),
		cmocka_unit_test(test_unknown_people_are_ignored),
		cmocka_unit_test(test_nobody_at_all),
		cmocka_unit_test(test_document_is_self_contained),
		cmocka_unit_test(test_odd_families_still_draw),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
