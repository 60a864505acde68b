/* genogram_labels.c — the words of the genogram: each person's label
 * lines (name, the relationship of someone in the wider-network band, years,
 * invitation status), wrapped and only then cut to fit. They are made before
 * the layout (genogram_layout.c), which needs their widths, so the widths
 * here are estimates from character counts: there are no font metrics in a
 * server that only writes SVG. The same wrapping cuts household names for
 * their labels and the key (genogram_households.c, genogram_key.c).
 *
 * Lengths are counted in characters, never bytes, so a multibyte character
 * is never split. */
#include "genogram_layout.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decodes one character at s[*i] and moves past it; a stray byte counts as
 * one character so broken input cannot stall the loop. */
static unsigned u8_get(const char *s, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	unsigned c = u[0];
	int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	size_t k = 1;
	c &= more == 3 ? 0x07 : more == 2 ? 0x0F : more == 1 ? 0x1F : 0xFF;
	for (; more > 0 && (u[k] & 0xC0) == 0x80; more--, k++)
		c = (c << 6) | (u[k] & 0x3F);
	*i += k;
	return c;
}

int geno_text_width(const char *s, int px)
{
	/* Arial and DejaVu Sans average about 0.6 em a character; CJK and
	 * emoji take a full em. An estimate, erring wide, is all a layout
	 * without font metrics can have. */
	long units = 0;
	for (size_t i = 0; s[i];) {
		unsigned c = u8_get(s, &i);
		units += (c >= 0x2E80 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFFEF) || c >= 0x1F000 ? 10 : 6;
	}
	return (int)(units * px / 10);
}

/* A string's characters: control characters made spaces (they are not
 * allowed in XML), the byte offset of each character (at[n] is the end),
 * and the first and last but one of them that are not spaces. */
struct chars {
	char *c;
	size_t *at;
	int n, lo, hi;
};

static void chars_of(const char *s, struct chars *ch)
{
	size_t len = strlen(s);
	ch->c = xmalloc(len + 1);
	for (size_t i = 0; i <= len; i++)
		ch->c[i] = (unsigned char)s[i] < 0x20 && s[i] ? ' ' : s[i] == 0x7F ? ' ' : s[i];
	ch->at = xmalloc(sizeof *ch->at * (len + 2));
	ch->n = 0;
	for (size_t i = 0; i < len;) {
		ch->at[ch->n++] = i;
		u8_get(ch->c, &i);
		if (i > len)
			i = len;
	}
	ch->at[ch->n] = len;
	ch->lo = 0;
	ch->hi = ch->n;
	while (ch->lo < ch->hi && ch->c[ch->at[ch->lo]] == ' ')
		ch->lo++;
	while (ch->hi > ch->lo && ch->c[ch->at[ch->hi - 1]] == ' ')
		ch->hi--;
}

static void chars_free(struct chars *ch)
{
	free(ch->at);
	free(ch->c);
}

/* Characters lo to hi as a string of their own, with an ellipsis if asked. */
static char *chars_cut(const struct chars *ch, int lo, int hi, bool ell)
{
	size_t n = ch->at[hi] - ch->at[lo];
	char *l = xmalloc(n + 4);
	memcpy(l, ch->c + ch->at[lo], n);
	if (ell)
		memcpy(l + n, "\xE2\x80\xA6", 3), n += 3;
	l[n] = '\0';
	return l;
}

/* Cuts s into at most maxl lines of at most maxc characters, breaking at
 * spaces where it can. More than total characters, or more than fits, ends
 * in an ellipsis; a multibyte character is never split. Control characters
 * become spaces (they are not allowed in XML). Returns the line count. */
int geno_wrap(const char *s, int maxc, int maxl, int total, char **out)
{
	struct chars ch;
	chars_of(s, &ch);
	const char *c = ch.c;
	const size_t *at = ch.at;
	int lo = ch.lo, hi = ch.hi;
	bool ell = false;
	if (hi - lo > total) {
		hi = lo + total - 1;
		ell = true;
	}
	int nl = 0;
	while (lo < hi && nl < maxl) {
		int end = hi, next = hi;
		if (hi - lo > maxc) {
			if (nl == maxl - 1) {
				end = next = lo + maxc - 1;
				ell = true;
			} else {
				end = lo + maxc;
				for (int j = lo + maxc; j > lo; j--)
					if (c[at[j]] == ' ') {
						end = j;
						break;
					}
				next = end;
			}
		}
		int e = end;
		while (e > lo && c[at[e - 1]] == ' ')
			e--;
		bool last = next >= hi || nl == maxl - 1;
		out[nl++] = chars_cut(&ch, lo, e, last && ell);
		lo = next;
		while (lo < hi && c[at[lo]] == ' ')
			lo++;
	}
	chars_free(&ch);
	return nl;
}

int geno_char_count(const char *s)
{
	struct chars ch;
	chars_of(s, &ch);
	int n = ch.hi - ch.lo;
	chars_free(&ch);
	return n;
}

#define NAME_ONE 18	/* a name this long or shorter stays on one line */
#define NAME_LONG 22	/* the longest line of a name */

/* A person's name: on one line when it is short, else on two, broken at the
 * space (or after the hyphen: a space wins unless the hyphen gives lines
 * shorter by more than two) that makes the longer line shortest. Only a
 * name that will not go on two lines of NAME_LONG is cut, with an ellipsis
 * (after the wrap, never before it). Returns the line count. */
static int name_lines(const char *s, char **out)
{
	struct chars ch;
	chars_of(s, &ch);
	const char *c = ch.c;
	const size_t *at = ch.at;
	int lo = ch.lo, hi = ch.hi, best = INT_MAX, e1 = 0, s2 = 0;
	for (int b = lo + 1; b < hi && hi - lo > NAME_ONE; b++) {
		int e, n;
		if (c[at[b]] == ' ')
			e = b, n = b + 1;
		else if (c[at[b - 1]] == '-')
			e = n = b;
		else
			continue;
		while (e > lo && c[at[e - 1]] == ' ')
			e--;
		while (n < hi && c[at[n]] == ' ')
			n++;
		int longer = (e - lo > hi - n ? e - lo : hi - n) + (e == n ? 2 : 0);
		if (e > lo && n < hi && longer < best) {
			best = longer;
			e1 = e;
			s2 = n;
		}
	}
	int nl;
	if (hi - lo > NAME_ONE && best <= NAME_LONG + (e1 == s2 ? 2 : 0)) {
		out[0] = chars_cut(&ch, lo, e1, false);
		out[1] = chars_cut(&ch, s2, hi, false);
		nl = 2;
	} else {
		nl = geno_wrap(s, hi - lo > NAME_ONE ? NAME_LONG : NAME_ONE, 2, 2 * NAME_LONG, out);
	}
	chars_free(&ch);
	return nl;
}

static void add_line(struct geno_node *nd, char *s, int cls)
{
	if (nd->nlines < GENO_MAXLINES) {
		nd->line[nd->nlines] = s;
		nd->lclass[nd->nlines++] = (unsigned char)cls;
	} else {
		free(s);
	}
}

static void add_wrapped(struct geno_node *nd, const char *s, int maxc, int maxl, int total, int cls)
{
	char *l[4];
	int n = geno_wrap(s, maxc, maxl < 4 ? maxl : 4, total, l);
	for (int i = 0; i < n; i++)
		add_line(nd, l[i], cls);
}

/* The font size a label line is measured in: the subject's name is bold,
 * so it counts a size up. */
int geno_line_px(const struct geno_node *nd, int k)
{
	return nd->lclass[k] != GENO_T_NAME ? GENO_SMALL_PX : nd->p->subject ? GENO_NAME_PX + 1 : GENO_NAME_PX;
}

void geno_labels(struct geno_model *m)
{
	static const char *const status[] = {NULL, "Invited", "Attending", "Declined", "Excluded"};
	for (int i = 0; i < m->n; i++) {
		struct geno_node *nd = &m->node[i];
		const struct geno_person *p = nd->p;
		char *name[2];
		int nn = name_lines(p->name && *p->name ? p->name : "Unnamed", name);
		for (int k = 0; k < nn; k++)
			add_line(nd, name[k], GENO_T_NAME);
		if (nn == 0)
			add_line(nd, xstrdup("Unnamed"), GENO_T_NAME);
		if (nd->band != GENO_FAMILY && nd->band != GENO_BAND_UNLINKED) {
			const struct geno_link *l = &m->link[nd->links[0]];
			const char *other = m->node[geno_other(l, i)].p->name ? m->node[geno_other(l, i)].p->name : "";
			struct buf b;
			buf_init(&b);
			if (l->r->kind == GENO_PROFESSIONAL && l->r->note && *l->r->note)
				buf_puts(&b, l->r->note);
			else
				buf_printf(&b, "%s %s", l->r->kind == GENO_FRIEND ? "Friend of" : l->r->kind == GENO_NEIGHBOUR ? "Neighbour of" : "Works with", other);
			add_wrapped(nd, b.data, 22, 2, 44, GENO_T_SMALL);
			buf_free(&b);
		}
		char years[64] = "";
		int y = 0;
		bool full;
		if (geno_birth_year(p->birth, &y, &full))
			snprintf(years, sizeof years, "b. %d", y);
		else if (p->age == 0)
			snprintf(years, sizeof years, "under 1");
		else if (p->age > 0)
			snprintf(years, sizeof years, "about %d", p->age);
		if (p->deceased && p->death_year > 0) {
			size_t n = strlen(years);
			snprintf(years + n, sizeof years - n, "%sd. %d", n ? ", " : "", p->death_year);
		}
		if (*years)
			add_line(nd, xstrdup(years), GENO_T_SMALL);
		if ((unsigned)p->status <= GENO_EXCLUDED && status[p->status])
			add_line(nd, xstrdup(status[p->status]), p->status == GENO_EXCLUDED ? GENO_T_EXCLUDED : GENO_T_STATUS);
		int w = 0;
		for (int k = 0; k < nd->nlines; k++) {
			int lw = geno_text_width(nd->line[k], geno_line_px(nd, k));
			w = lw > w ? lw : w;
		}
		nd->hw = w / 2 + 3 > GENO_BADGE + 1 ? w / 2 + 3 : GENO_BADGE + 1;
	}
}
