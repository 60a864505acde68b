/* genogram_svg.c — the words and the drawing of the genogram: each person's
 * label lines, wrapped and only then cut to fit (the layout needs their
 * widths), and the placed model (genogram_layout.h) as one standalone SVG
 * document: household outlines behind, then the lines, then the people over
 * them (a shape's white fill tidies the line ends), household labels, the
 * wider-network band, and a key to the marks that were used.
 *
 * A household is one colour. Where its members stand in different rows with
 * other people among them it is drawn in parts, joined by thin dotted lines
 * of its colour, and labelled once, in the first part (top left) where the
 * label crosses no line and covers nothing: everything drawn is remembered
 * (lines as runs, text and marks as boxes) so the joins and the label can
 * keep clear of it. The key gives each household's colour and name.
 *
 * Styles are in an embedded <style> (no script, no external reference);
 * the dash patterns that carry meaning (cohabiting, adopted, carer…) are
 * presentation attributes on the element itself, so they survive any
 * stylesheet. Every coordinate is an integer, so the bytes never vary.
 *
 * A step-parent gets no line of their own: they appear as the partner of
 * the child's parent, which is how the genogram shows the step relation.
 * Only a step-parent who is nobody's partner here gets a faint dotted line,
 * or the relationship would vanish. */
#include "genogram_layout.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT "Arial, 'DejaVu Sans', sans-serif"

/* ---- text and labels ---- */

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
static int wrap(const char *s, int maxc, int maxl, int total, char **out)
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
		nl = wrap(s, hi - lo > NAME_ONE ? NAME_LONG : NAME_ONE, 2, 2 * NAME_LONG, out);
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
	int n = wrap(s, maxc, maxl < 4 ? maxl : 4, total, l);
	for (int i = 0; i < n; i++)
		add_line(nd, l[i], cls);
}

/* The font size a label line is measured in: the subject's name is bold,
 * so it counts a size up. */
static int line_px(const struct geno_node *nd, int k)
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
			int lw = geno_text_width(nd->line[k], line_px(nd, k));
			w = lw > w ? lw : w;
		}
		nd->hw = w / 2 + 3 > GENO_BADGE + 1 ? w / 2 + 3 : GENO_BADGE + 1;
	}
}

/* Dark enough for a label in the colour to be read on white. Blue, the
 * carer line's colour, comes late, so the first households are not taken
 * for a care placement. */
static const char *const HH_COLOUR[] = {"#00703c", "#912b88", "#b35900", "#4c2c92", "#1d70b8", "#00726b", "#8e5a17", "#b01e69"};
#define NHH_COLOUR (sizeof HH_COLOUR / sizeof HH_COLOUR[0])

enum mark {
	M_MALE, M_FEMALE, M_UNKNOWN, M_SUBJECT, M_DECEASED,
	M_MARRIED, M_COHAB, M_DATING, M_SEPARATED, M_DIVORCED, M_COPARENTS,
	M_CHILD, M_ADOPTED, M_CARER, M_OTHER, M_STEP, M_HOUSEHOLD, M_PR, M_AC, M_EXCLUDED, M_COUNT
};

struct rect {
	int x0, y0, x1, y1;	/* x0 <= x1, y0 <= y1; a line is a rect one way thin */
};

/* One outline of a household: all of it, or one run of its members side by
 * side in a row when it has to be split. */
struct part {
	int cy;			/* its people's centre line (a split part keeps to one) */
	struct rect r;
};

/* What draws, and what it remembers of where things went, so household
 * outlines' connectors and labels can keep clear of them. */
struct pen {
	const struct geno_model *m;
	struct buf *b;
	bool used[M_COUNT];
	int width;		/* of the drawing */
	int px, py;		/* the end of the path being written */
	struct rect *seg;	/* lines */
	int nseg, cseg;
	struct rect *ob;	/* text, marks and household labels */
	int nob, cob;
	struct part *part;	/* household outlines, household by household */
	int npart;
	int *first, *nparts;	/* per household: its outlines in part */
	int *colour;		/* per household: into HH_COLOUR, -1 when not drawn */
	int *label;		/* per household: its label in ob, -1 when none */
};

static void note(struct rect **a, int *n, int *cap, int x0, int y0, int x1, int y1)
{
	if (*n == *cap)
		*a = xrealloc(*a, sizeof **a * (size_t)(*cap = *cap ? 2 * *cap : 64));
	(*a)[(*n)++] = (struct rect){x0 < x1 ? x0 : x1, y0 < y1 ? y0 : y1, x0 < x1 ? x1 : x0, y0 < y1 ? y1 : y0};
}

static void seg(struct pen *pn, int x0, int y0, int x1, int y1)
{
	note(&pn->seg, &pn->nseg, &pn->cseg, x0, y0, x1, y1);
}

static int obstacle(struct pen *pn, int x0, int y0, int x1, int y1)
{
	note(&pn->ob, &pn->nob, &pn->cob, x0, y0, x1, y1);
	return pn->nob - 1;
}

/* A path's moves and runs, written and remembered. */
static void p_move(struct pen *pn, int x, int y)
{
	buf_printf(pn->b, "M%d %d", x, y);
	pn->px = x;
	pn->py = y;
}

static void p_v(struct pen *pn, int y)
{
	buf_printf(pn->b, "V%d", y);
	seg(pn, pn->px, pn->py, pn->px, y);
	pn->py = y;
}

static void p_h(struct pen *pn, int x)
{
	buf_printf(pn->b, "H%d", x);
	seg(pn, pn->px, pn->py, x, pn->py);
	pn->px = x;
}

static bool meets(const struct rect *a, const struct rect *b)
{
	return a->x0 <= b->x1 && b->x0 <= a->x1 && a->y0 <= b->y1 && b->y0 <= a->y1;
}

/* Whether r touches one of the four sides of box (inside it is not). */
static bool meets_outline(const struct rect *r, const struct rect *b)
{
	const struct rect side[4] = {{b->x0, b->y0, b->x1, b->y0}, {b->x0, b->y1, b->x1, b->y1},
				     {b->x0, b->y0, b->x0, b->y1}, {b->x1, b->y0, b->x1, b->y1}};
	for (int i = 0; i < 4; i++)
		if (meets(r, &side[i]))
			return true;
	return false;
}

static void esc(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		default:
			/* Control characters are not allowed in XML at all. */
			if ((unsigned char)*s < 0x20 || *s == 0x7F)
				buf_append(b, " ", 1);
			else
				buf_append(b, s, 1);
		}
	}
}

/* Text in a font of px pixels (the stylesheet sets the size; px is for
 * remembering the room it takes), anchored at its middle or its start. */
static void text(struct pen *pn, int x, int y, const char *cls, int px, bool mid, const char *s)
{
	buf_printf(pn->b, "<text class=\"%s\" x=\"%d\" y=\"%d\">", cls, x, y);
	esc(pn->b, s);
	buf_puts(pn->b, "</text>\n");
	int w = geno_text_width(s, px);
	obstacle(pn, mid ? x - w / 2 - 1 : x - 1, y - px * 3 / 4 - 1, mid ? x + w / 2 + 1 : x + w + 1, y + px / 4 + 1);
}

static int top_of(const struct geno_node *nd)
{
	if (nd->p->subject)
		return nd->cy - (nd->p->gender == GENO_MALE || nd->p->gender == GENO_FEMALE ? GENO_R + 5 : GENO_R + 7);
	return nd->cy - (nd->p->gender == GENO_MALE || nd->p->gender == GENO_FEMALE ? GENO_R : GENO_R + 2);
}

static int bottom_of(const struct geno_node *nd)
{
	return nd->cy + (nd->p->gender == GENO_MALE || nd->p->gender == GENO_FEMALE ? GENO_R : GENO_R + 2);
}

static const char *dash_of(int subtype)
{
	return subtype == GENO_COHABITING ? " stroke-dasharray=\"8 4\"" : subtype == GENO_DATING ? " stroke-dasharray=\"2 3\"" : "";
}

/* ---- couples and children ---- */

static int couple_y(const struct geno_model *m, const struct geno_couple *c)
{
	return m->node[c->a].cy + GENO_COUPLE_Y + 10 * c->depth;
}

static void couples(struct pen *pn)
{
	static const char *const kind[] = {"married", "cohabiting", "separated", "divorced", "dating"};
	const struct geno_model *m = pn->m;
	for (int i = 0; i < m->ncouple; i++) {
		const struct geno_couple *c = &m->couple[i];
		const struct geno_node *a = &m->node[c->a], *b = &m->node[c->b];
		const struct geno_rel *r = c->link >= 0 ? m->link[c->link].r : NULL;
		int st = r && r->subtype >= 0 && r->subtype <= GENO_DATING ? r->subtype : GENO_MARRIED;
		const struct geno_unit *U = &m->unit[a->unit];
		int y = couple_y(m, c), mx = c->depth == 0 ? (a->x + b->x) / 2 : b->x - (b->x - m->node[U->m[b->upos - 1]].x) / 2;
		pn->used[!r ? M_COPARENTS : st == GENO_MARRIED ? M_MARRIED : st == GENO_COHABITING ? M_COHAB
			 : st == GENO_DATING ? M_DATING : st == GENO_SEPARATED ? M_SEPARATED : M_DIVORCED] = true;
		buf_printf(pn->b, "<g class=\"partners %s\">\n", r ? kind[st] : "coparents");
		buf_printf(pn->b, "<path class=\"ln%s\"%s d=\"", r ? "" : " np", r ? dash_of(st) : "");
		p_move(pn, a->x, bottom_of(a));
		p_v(pn, y);
		p_h(pn, b->x);
		p_v(pn, bottom_of(b));
		buf_puts(pn->b, "\"/>\n");
		int slashes = st == GENO_DIVORCED ? 2 : st == GENO_SEPARATED ? 1 : 0, sx = c->kids ? mx - 18 : mx;
		for (int k = 0; k < slashes && r; k++) {
			int x = sx + (slashes == 2 ? (k ? 4 : -4) : 0);
			buf_printf(pn->b, "<line class=\"slash\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x - 4, y + 7, x + 4, y - 7);
			obstacle(pn, x - 4, y - 7, x + 4, y + 7);
		}
		char l1[32] = "", l2[32] = "";
		if (r && r->start_year > 0)
			snprintf(l1, sizeof l1, "%s %d", st == GENO_MARRIED || st == GENO_DIVORCED ? "m." : st == GENO_SEPARATED ? "from" : "since", r->start_year);
		if (r && r->end_year > 0 && (st == GENO_SEPARATED || st == GENO_DIVORCED))
			snprintf(*l1 ? l2 : l1, sizeof l1, "%s %d", st == GENO_SEPARATED ? "sep." : "div.", r->end_year);
		if (c->depth == 0) {
			if (*l1)
				text(pn, mx, a->cy + (*l2 ? -3 : 4), "sm c lbl", GENO_SMALL_PX, true, l1);
			if (*l2)
				text(pn, mx, a->cy + 11, "sm c lbl", GENO_SMALL_PX, true, l2);
		} else if (*l1) {
			char both[64];
			snprintf(both, sizeof both, "%s%s%s", l1, *l2 ? ", " : "", l2);
			text(pn, mx, y - 3, "sm c lbl", GENO_SMALL_PX, true, both);
		}
		buf_puts(pn->b, "</g>\n");
	}
}

static void children(struct pen *pn)
{
	const struct geno_model *m = pn->m;
	for (int gi = 0; gi < m->ngroup; gi++) {
		const struct geno_group *g = &m->group[gi];
		const struct geno_node *p = &m->node[g->par[0]];
		int ax = geno_anchor_x(m, g), lo = ax, hi = ax;
		for (int c = 0; c < g->n; c++) {
			int x = m->node[g->kids[c]].x;
			lo = x < lo ? x : lo;
			hi = x > hi ? x : hi;
		}
		buf_puts(pn->b, "<g class=\"children\">\n<path class=\"ln\" d=\"");
		if (g->couple >= 0) {
			p_move(pn, ax, couple_y(m, &m->couple[g->couple]));
		} else if (g->npar == 2) { /* not side by side: a partner between them */
			p_move(pn, ax, p->cy + GENO_COUPLE_Y);
		} else {
			p_move(pn, p->x + g->stub * GENO_R, p->cy);
			p_h(pn, ax);
		}
		p_v(pn, g->bar_y);
		p_move(pn, lo, g->bar_y);
		p_h(pn, hi);
		buf_puts(pn->b, "\"/>\n");
		for (int c = 0; c < g->n; c++) {
			const struct geno_node *k = &m->node[g->kids[c]];
			pn->used[k->adopted ? M_ADOPTED : M_CHILD] = true;
			buf_printf(pn->b, "<path class=\"ln\"%s d=\"", k->adopted ? " stroke-dasharray=\"6 4\"" : "");
			p_move(pn, k->x, g->bar_y);
			p_v(pn, top_of(k));
			buf_puts(pn->b, "\"/>\n");
		}
		buf_puts(pn->b, "</g>\n");
	}
}

/* ---- other relationships: thin connectors ---- */

/* Which side a line leaves a person from: towards the other end, unless a
 * partner stands that side and the other is free. */
static int side_of(const struct geno_model *m, const struct geno_node *u, int towards)
{
	const struct geno_unit *U = &m->unit[u->unit];
	bool right = u->upos + 1 < U->n, left = u->upos > 0; /* a partner there */
	for (int g = 0; g < u->ncgroups; g++) /* or the line to their own children */
		if (m->group[u->cgroups[g]].npar == 1) {
			right |= m->group[u->cgroups[g]].stub > 0;
			left |= m->group[u->cgroups[g]].stub < 0;
		}
	int dir = towards >= u->x ? 1 : -1;
	bool busy = dir > 0 ? right : left, other_busy = dir > 0 ? left : right;
	return busy && !other_busy ? -dir : dir;
}

/* The y of connector level k above row r, over its sibling bars. */
static int level_y(const struct geno_model *m, int r, int k)
{
	return m->row_cy[r] - GENO_BAR_Y - GENO_TRACK * m->row_tracks[r] - GENO_LEVEL * k;
}

static int cmp_x(const void *ctx, int a, int b)
{
	const struct geno_node *x = &((const struct geno_model *)ctx)->node[a], *y = &((const struct geno_model *)ctx)->node[b];
	return x->x != y->x ? (x->x < y->x ? -1 : 1) : a - b;
}

/* An x where a line can pass down through the people standing at height cy
 * without touching anyone's shape, badges or labels, nor a couple's
 * children's line: the middle of the free gap nearest to near, or beyond
 * either end of the row. */
static int gap_at(const struct geno_model *m, int cy, int near)
{
	int *row = xmalloc(sizeof *row * (size_t)(m->n + 1)), n = 0, best = near, bestd = -1;
	for (int i = 0; i < m->n; i++)
		if (m->node[i].cy == cy)
			row[n++] = i;
	geno_sort(row, n, cmp_x, m);
	for (int i = 0; i <= n && n > 0; i++) {
		const struct geno_node *a = i > 0 ? &m->node[row[i - 1]] : NULL, *b = i < n ? &m->node[row[i]] : NULL;
		int lo, hi;
		if (!a) {
			hi = b->x - b->hw - 6;
			lo = hi - 24;
		} else {
			lo = a->x + a->hw + 6;
			hi = b ? b->x - b->hw - 6 : lo + 24;
		}
		if (hi - lo < 12 || (a && b && a->comp >= 0 && a->unit == b->unit && b->upos == a->upos + 1))
			continue; /* too narrow, or a couple's middle */
		int c = (lo + hi) / 2, d = c > near ? c - near : near - c;
		if (bestd < 0 || d < bestd) {
			best = c;
			bestd = d;
		}
	}
	free(row);
	return best;
}

struct style {
	const char *cls, *dash, *label;
	enum mark mark;
};

static bool style_of(const struct geno_rel *r, struct style *st)
{
	*st = (struct style){"thin", "", NULL, M_OTHER};
	switch (r->kind) {
	case GENO_PARENT:
		st->label = r->subtype == GENO_STEP ? "step-parent" : r->subtype == GENO_ADOPTIVE ? "adoptive parent" : "parent";
		st->dash = r->subtype == GENO_STEP ? " stroke-dasharray=\"1 3\"" : r->subtype == GENO_ADOPTIVE ? " stroke-dasharray=\"6 4\"" : "";
		st->mark = r->subtype == GENO_STEP ? M_STEP : M_OTHER;
		return true;
	case GENO_PARTNER:
		st->label = r->subtype == GENO_DIVORCED ? "divorced" : r->subtype == GENO_SEPARATED ? "separated" : "partner";
		st->dash = dash_of(r->subtype);
		return true;
	case GENO_SIBLING: return true;
	case GENO_HALF_SIBLING: st->label = "half"; return true;
	case GENO_GRANDPARENT: st->label = "grandparent"; return true;
	case GENO_AUNT_UNCLE: st->label = "aunt or uncle"; return true;
	case GENO_COUSIN: st->label = "cousin"; return true;
	case GENO_CARER:
		*st = (struct style){"carer", " stroke-dasharray=\"2 3\"", r->subtype == GENO_KINSHIP ? "kinship carer" : "foster carer", M_CARER};
		return true;
	default:
		return false;
	}
}

/* A thin labelled line for a family relationship the structure does not
 * show; links between the same two people (merged) share it, their labels
 * joined, drawn as a care placement if one of them is. */
static void connector(struct pen *pn, const struct geno_link *l, int *level)
{
	const struct geno_model *m = pn->m;
	struct style st, more;
	if (!style_of(l->r, &st))
		return;
	struct buf words;
	buf_init(&words);
	if (st.label)
		buf_puts(&words, st.label);
	for (const struct geno_link *o = l + 1; o < m->link + m->nlink; o++) {
		if (!o->merged || !((o->a == l->a && o->b == l->b) || (o->a == l->b && o->b == l->a)) || !style_of(o->r, &more))
			continue;
		if (more.label)
			buf_printf(&words, "%s%s", words.len ? ", " : "", more.label);
		if (more.mark == M_CARER && st.mark != M_CARER)
			st = (struct style){more.cls, more.dash, NULL, more.mark};
	}
	st.label = words.len ? words.data : NULL;
	const char *cls = st.cls, *dash = st.dash, *label = st.label;
	enum mark mk = st.mark;
	pn->used[mk] = true;
	const struct geno_node *u = &m->node[l->a], *w = &m->node[l->b];
	if (u->cy > w->cy) {
		const struct geno_node *t = u;
		u = w;
		w = t;
	}
	buf_printf(pn->b, "<g class=\"rel\">\n<path class=\"%s\"%s d=\"", cls, dash);
	if (u->row == w->row) {
		/* Same row: a bar above both, over the row's sibling bars. */
		int y = level_y(m, u->row, level[u->row]++);
		p_move(pn, u->x, top_of(u));
		p_v(pn, y);
		p_h(pn, w->x);
		p_v(pn, top_of(w));
		buf_puts(pn->b, "\"/>\n");
		if (label)
			text(pn, (u->x + w->x) / 2, y - 3, "sm c lbl", GENO_SMALL_PX, true, label);
	} else {
		/* Out of the side, then down through the gaps of each row on
		 * the way, along a level of its own above each. */
		int x = u->x + side_of(m, u, w->x) * GENO_STUB, y = 0;
		p_move(pn, u->x + (x > u->x ? GENO_R : -GENO_R), u->cy);
		p_h(pn, x);
		for (int row = u->row + 1; row <= w->row; row++) {
			y = level_y(m, row, level[row]++);
			int nx = row == w->row ? w->x : gap_at(m, m->row_cy[row], x);
			p_v(pn, y);
			p_h(pn, nx);
			if (row < w->row)
				x = nx;
		}
		p_v(pn, top_of(w));
		buf_puts(pn->b, "\"/>\n");
		if (label)
			text(pn, (x + w->x) / 2, y - 3, "sm c lbl", GENO_SMALL_PX, true, label);
	}
	buf_puts(pn->b, "</g>\n");
	buf_free(&words);
}

/* ---- people ---- */

static void shape(struct buf *b, const char *cls, enum geno_gender g, int x, int y, int r)
{
	if (g == GENO_MALE)
		buf_printf(b, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>\n", cls, x - r, y - r, 2 * r, 2 * r);
	else if (g == GENO_FEMALE)
		buf_printf(b, "<circle class=\"%s\" cx=\"%d\" cy=\"%d\" r=\"%d\"/>\n", cls, x, y, r);
	else
		buf_printf(b, "<polygon class=\"%s\" points=\"%d,%d %d,%d %d,%d %d,%d\"/>\n", cls, x, y - r - 2, x + r + 2, y,
			   x, y + r + 2, x - r - 2, y);
}

static void cross(struct buf *b, enum geno_gender g, int x, int y, int r)
{
	int d = g == GENO_MALE ? r : g == GENO_FEMALE ? r * 7 / 10 : r * 11 / 20;
	buf_printf(b, "<line class=\"x\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x - d, y - d, x + d, y + d);
	buf_printf(b, "<line class=\"x\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x - d, y + d, x + d, y - d);
}

/* A badge, its text's baseline at (x, y): 28 by 16. */
static void badge(struct buf *b, int x, int y, const char *s)
{
	buf_printf(b, "<rect class=\"badge\" x=\"%d\" y=\"%d\" width=\"28\" height=\"16\" rx=\"3\"/>\n", x - 14, y - 12);
	buf_printf(b, "<text class=\"bt\" x=\"%d\" y=\"%d\">%s</text>\n", x, y, s);
}

static void person(struct pen *pn, const struct geno_node *nd)
{
	static const char *const cls[] = {"nm", "sm", "st", "ex"};
	const struct geno_person *p = nd->p;
	enum geno_gender g = p->gender == GENO_MALE || p->gender == GENO_FEMALE ? p->gender : GENO_UNKNOWN;
	struct buf *b = pn->b;
	pn->used[g == GENO_MALE ? M_MALE : g == GENO_FEMALE ? M_FEMALE : M_UNKNOWN] = true;
	buf_printf(b, "<g class=\"person %s%s%s%s\">\n", g == GENO_MALE ? "male" : g == GENO_FEMALE ? "female" : "unknown",
		   p->subject ? " subject" : "", p->deceased ? " deceased" : "", p->status == GENO_EXCLUDED ? " excluded" : "");
	if (p->subject) {
		pn->used[M_SUBJECT] = true;
		shape(b, "ring", g, nd->x, nd->cy, GENO_R + 5);
	}
	shape(b, "shape", g, nd->x, nd->cy, GENO_R);
	if (p->deceased) {
		pn->used[M_DECEASED] = true;
		cross(b, g, nd->x, nd->cy, GENO_R);
	}
	int by = nd->cy - GENO_TOP + 13; /* the badges' baseline */
	if (p->address_confidential) {
		pn->used[M_AC] = true;
		badge(b, nd->x - GENO_BADGE + 14, by, "AC");
	}
	if (p->pr) {
		pn->used[M_PR] = true;
		badge(b, nd->x + GENO_BADGE - 14, by, "PR");
	}
	int side = p->subject ? GENO_R + 8 : GENO_R + 3;
	obstacle(pn, nd->x - (p->address_confidential ? GENO_BADGE : side),
		 p->address_confidential || p->pr ? nd->cy - GENO_TOP : top_of(nd) - (p->subject ? 1 : 0),
		 nd->x + (p->pr ? GENO_BADGE : side), bottom_of(nd) + (p->subject ? 6 : 1));
	pn->used[M_EXCLUDED] |= p->status == GENO_EXCLUDED;
	for (int k = 0; k < nd->nlines; k++)
		text(pn, nd->x, nd->cy + nd->ly + GENO_LINE_H * k, cls[nd->lclass[k]], line_px(nd, k), true, nd->line[k]);
	buf_puts(b, "</g>\n");
}

/* ---- households ---- */

static bool member(const struct geno_node *nd, const char *hh)
{
	return nd->p->household && !strcmp(nd->p->household, hh);
}

/* The top of a household's outline round nd: over the sibling bars and
 * connector levels above the row, with room for the label. */
static int hh_top(const struct geno_model *m, const struct geno_node *nd)
{
	if (nd->comp < 0)
		return nd->cy - GENO_HH_TOP_BAND;
	return nd->cy - GENO_HH_TOP - GENO_TRACK * m->row_tracks[nd->row] - GENO_LEVEL * m->row_links[nd->row];
}

static void grow(const struct geno_model *m, struct part *pt, const struct geno_node *nd, bool first)
{
	int l = nd->x - nd->hw - 6, r = nd->x + nd->hw + 6, t = hh_top(m, nd), b = nd->bottom + 8;
	if (first)
		pt->cy = nd->cy;
	if (first || l < pt->r.x0)
		pt->r.x0 = l;
	if (first || t < pt->r.y0)
		pt->r.y0 = t;
	if (first || r > pt->r.x1)
		pt->r.x1 = r;
	if (first || b > pt->r.y1)
		pt->r.y1 = b;
}

static int cmp_place(const void *ctx, int a, int b)
{
	const struct geno_node *x = &((const struct geno_model *)ctx)->node[a], *y = &((const struct geno_model *)ctx)->node[b];
	if (x->cy != y->cy)
		return x->cy < y->cy ? -1 : 1;
	return x->x != y->x ? (x->x < y->x ? -1 : 1) : a - b;
}

/* The outlines of household h: one round all its members, unless somebody
 * who is not a member would be inside it; then one per run of members side
 * by side in a row, so nobody seems to live where they do not (a plain
 * bounding box would put a father inside his ex-partner's household), top
 * to bottom, left to right. Returns how many (0: nobody lives there). */
static int household_parts(const struct geno_model *m, int h, struct part *part)
{
	const char *id = m->hh[h].id;
	int *mem = xmalloc(sizeof *mem * (size_t)(m->n + 1)), nm = 0, nb = 0;
	for (int i = 0; i < m->n; i++)
		if (member(&m->node[i], id))
			mem[nm++] = i;
	for (int i = 0; i < nm; i++)
		grow(m, &part[0], &m->node[mem[i]], i == 0);
	bool intruder = false;
	for (int i = 0; i < m->n && nm; i++) {
		const struct geno_node *nd = &m->node[i];
		intruder |= !member(nd, id) && nd->x + nd->hw > part[0].r.x0 + 6 && nd->x - nd->hw < part[0].r.x1 - 6 &&
			    nd->bottom > part[0].r.y0 && nd->cy - GENO_TOP < part[0].r.y1;
	}
	if (nm && !intruder)
		nb = 1;
	geno_sort(mem, nm, cmp_place, m);
	for (int i = 0; i < nm && intruder; i++) {
		const struct geno_node *a = &m->node[mem[i]];
		bool joins = i > 0 && m->node[mem[i - 1]].cy == a->cy;
		for (int j = 0; j < m->n && joins; j++) {
			const struct geno_node *o = &m->node[j];
			joins = member(o, id) || o->cy != a->cy || o->x <= m->node[mem[i - 1]].x || o->x >= a->x;
		}
		if (!joins)
			nb++;
		grow(m, &part[nb - 1], a, !joins);
	}
	free(mem);
	return nb;
}

/* The heights people stand at, top down: how deep the labels at each reach
 * and where the room above them (bars, levels, outlines) begins. */
struct level {
	int cy, bottom, top;
};

static int levels_of(const struct geno_model *m, struct level *lv)
{
	int n = 0;
	for (int i = 0; i < m->n; i++) {
		const struct geno_node *nd = &m->node[i];
		int k = 0;
		while (k < n && lv[k].cy != nd->cy)
			k++;
		if (k == n)
			lv[n++] = (struct level){nd->cy, nd->bottom, hh_top(m, nd)};
		lv[k].bottom = nd->bottom > lv[k].bottom ? nd->bottom : lv[k].bottom;
		lv[k].top = hh_top(m, nd) < lv[k].top ? hh_top(m, nd) : lv[k].top;
	}
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && lv[j - 1].cy > lv[j].cy; j--) {
			struct level t = lv[j];
			lv[j] = lv[j - 1];
			lv[j - 1] = t;
		}
	return n;
}

/* Whether a vertical run at x from y0 to y1 would lie along a line or an
 * outline, or through text or a mark (crossing a line is allowed). */
static bool busy_v(const struct pen *pn, int x, int y0, int y1)
{
	const struct rect r = {x - 9, y0 + 1, x + 9, y1 - 1}, t = {x - 2, y0 + 1, x + 2, y1 - 1};
	for (int i = 0; i < pn->nseg; i++)
		if (pn->seg[i].x0 == pn->seg[i].x1 && meets(&r, &pn->seg[i]))
			return true;
	for (int i = 0; i < pn->nob; i++)
		if (meets(&t, &pn->ob[i]))
			return true;
	for (int i = 0; i < pn->npart; i++) { /* nor hugging an outline's side */
		const struct rect *b = &pn->part[i].r, l = {b->x0 - 5, b->y0, b->x0 + 5, b->y1}, rt = {b->x1 - 5, b->y0, b->x1 + 5, b->y1};
		if (meets(&r, &l) || meets(&r, &rt))
			return true;
	}
	return false;
}

static bool busy_h(const struct pen *pn, int y, int x0, int x1)
{
	const struct rect r = {x0 + 1, y - 2, x1 - 1, y + 2};
	for (int i = 0; i < pn->nseg; i++)
		if (pn->seg[i].y0 == pn->seg[i].y1 && meets(&r, &pn->seg[i]))
			return true;
	for (int i = 0; i < pn->nob; i++)
		if (meets(&r, &pn->ob[i]))
			return true;
	for (int i = 0; i < pn->npart; i++) {
		const struct rect *b = &pn->part[i].r, t = {b->x0, b->y0, b->x1, b->y0}, bt = {b->x0, b->y1, b->x1, b->y1};
		if (meets(&r, &t) || meets(&r, &bt))
			return true;
	}
	return false;
}

/* x, or the nearest x to it between lo and hi where a vertical run from y0
 * to y1 is clear (INT_MIN: none is); y, likewise, for a horizontal run from
 * x0 to x1 (y itself when none is). */
static int clear_x(const struct pen *pn, int x, int y0, int y1, int lo, int hi)
{
	for (int d = 0; d <= 72; d += 6)
		for (int s = d ? -1 : 1; s <= 1; s += 2)
			if (x + s * d >= lo && x + s * d <= hi && !busy_v(pn, x + s * d, y0, y1))
				return x + s * d;
	return INT_MIN;
}

static int clear_y(const struct pen *pn, int y, int x0, int x1, int lo, int hi)
{
	if (x0 > x1) {
		int t = x0;
		x0 = x1;
		x1 = t;
	}
	for (int d = 0; d <= 9; d += 3)
		for (int s = d ? -1 : 1; s <= 1; s += 2)
			if (y + s * d >= lo && y + s * d <= hi && !busy_h(pn, y + s * d, x0, x1))
				return y + s * d;
	return y;
}

static int clamp(int x, int lo, int hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static int level_at(const struct level *lv, int n, int cy)
{
	int k = 0;
	while (k + 1 < n && lv[k].cy != cy)
		k++;
	return k;
}

/* The middle of the free space between level k - 1's labels (and the
 * outlines round them) and level k's outlines; below the last level, just
 * under its labels. lo and hi: how far a run there may move. */
static int gap_y(const struct level *lv, int n, int k, int *lo, int *hi)
{
	int a = k > 0 ? lv[k - 1].bottom + 8 : 0, b = k < n ? lv[k].top : lv[n - 1].bottom + 30;
	*lo = a + 3;
	*hi = b - 3 > a + 3 ? b - 3 : a + 3;
	return (a + b) / 2;
}

/* Where a household's join can pass down through the people at height cy,
 * from x range lo..hi towards x range tlo..thi: in the gap between two of
 * them (a couple's middle too, when clear of its lines) or beyond either
 * end, the shortest way round first. INT_MIN when nowhere is clear. */
static int pass_at(const struct pen *pn, int cy, int y0, int y1, int lo, int hi, int tlo, int thi)
{
	const struct geno_model *m = pn->m;
	int *row = xmalloc(sizeof *row * (size_t)(m->n + 1)), n = 0, ng = 0;
	for (int i = 0; i < m->n; i++)
		if (m->node[i].cy == cy)
			row[n++] = i;
	geno_sort(row, n, cmp_x, m);
	int (*gap)[3] = xmalloc(sizeof *gap * (size_t)(n + 2)); /* from, to, cost */
	for (int i = 0; i <= n && n > 0; i++) {
		const struct geno_node *a = i > 0 ? &m->node[row[i - 1]] : NULL, *b = i < n ? &m->node[row[i]] : NULL;
		int glo = a ? a->x + a->hw + 6 : b->x - b->hw - 86, ghi = b ? b->x - b->hw - 6 : a->x + a->hw + 86;
		if (ghi - glo < 12)
			continue;
		/* The way round: from lo..hi over to the gap, then on to tlo..thi. */
		int d1 = ghi < lo ? lo - ghi : glo > hi ? glo - hi : 0, d2 = ghi < tlo ? tlo - ghi : glo > thi ? glo - thi : 0;
		gap[ng][0] = glo;
		gap[ng][1] = ghi;
		gap[ng++][2] = d1 + d2;
	}
	int best = INT_MIN;
	bool *tried = xcalloc((size_t)ng + 1, sizeof *tried);
	for (int t = 0; t < ng && best == INT_MIN; t++) {
		int g = -1;
		for (int i = 0; i < ng; i++)
			if (!tried[i] && (g < 0 || gap[i][2] < gap[g][2]))
				g = i;
		tried[g] = true;
		int want = clamp(clamp((tlo + thi) / 2, lo, hi), gap[g][0] + 6, gap[g][1] - 6);
		best = clear_x(pn, want, y0, y1, gap[g][0] + 6, gap[g][1] - 6);
	}
	free(tried);
	free(gap);
	free(row);
	return best;
}

/* A thin dotted line in the household's colour joining outline b to a,
 * which is above it (from a's bottom down through the gaps of the rows
 * between to b's top) or level with it on the left (along under the row,
 * bottom to bottom). */
static void join(struct pen *pn, const struct level *lv, int nlv, const struct part *a, const struct part *b)
{
	int ka = level_at(lv, nlv, a->cy), kb = level_at(lv, nlv, b->cy), lo, hi;
	int alo = a->r.x0 + 14, ahi = a->r.x1 - 14, blo = b->r.x0 + 14, bhi = b->r.x1 - 14;
	if (ka >= kb) {
		int y = gap_y(lv, nlv, ka + 1, &lo, &hi);
		int xa = clear_x(pn, ahi - 2, a->r.y1, y, alo, ahi), xb = clear_x(pn, blo + 2, b->r.y1, y, blo, bhi);
		xa = xa == INT_MIN ? ahi - 2 : xa;
		xb = xb == INT_MIN ? blo + 2 : xb;
		y = clear_y(pn, y, xa, xb, lo, hi);
		p_move(pn, xa, a->r.y1);
		p_v(pn, y);
		p_h(pn, xb);
		p_v(pn, b->r.y1);
		return;
	}
	int n = kb - ka, *xs = xmalloc(sizeof *xs * (size_t)(n + 1)), *ys = xmalloc(sizeof *ys * (size_t)(n + 2));
	int *ylo = xmalloc(sizeof *ylo * (size_t)(n + 2)), *yhi = xmalloc(sizeof *yhi * (size_t)(n + 2));
	for (int k = 1; k <= n; k++)
		ys[k] = gap_y(lv, nlv, ka + k, &ylo[k], &yhi[k]);
	ys[n + 1] = b->r.y0;
	/* Through the rows between, by the shortest clear way. */
	int plo = alo, phi = ahi;
	for (int k = 1; k < n; k++) {
		int x = pass_at(pn, lv[ka + k].cy, ys[k], ys[k + 1], plo, phi, blo, bhi);
		xs[k] = x != INT_MIN ? x : clamp((plo + phi) / 2, blo, bhi);
		plo = phi = xs[k];
	}
	/* Down from a over where it goes next (or over b, or its end nearest
	 * b), then down into b as straight as it can. */
	int want = n > 1 ? xs[1] : alo > bhi ? alo : ahi < blo ? ahi : ((alo > blo ? alo : blo) + (ahi < bhi ? ahi : bhi)) / 2;
	want = clamp(want, alo, ahi);
	xs[0] = clear_x(pn, want, a->r.y1, ys[1], alo, ahi);
	xs[0] = xs[0] == INT_MIN ? want : xs[0];
	want = clamp(xs[n - 1], blo, bhi);
	xs[n] = clear_x(pn, want, ys[n], b->r.y0, blo, bhi);
	xs[n] = xs[n] == INT_MIN ? want : xs[n];
	for (int k = 1; k <= n; k++)
		ys[k] = clear_y(pn, ys[k], xs[k - 1], xs[k], ylo[k], yhi[k]);
	p_move(pn, xs[0], a->r.y1);
	for (int k = 1; k <= n; k++)
		if (xs[k] != xs[k - 1]) {
			p_v(pn, ys[k]);
			p_h(pn, xs[k]);
		}
	p_v(pn, b->r.y0);
	free(yhi);
	free(ylo);
	free(ys);
	free(xs);
}

/* Whether a label's room r is clear: no line or outline through it, no
 * text, mark or other label under it (skip: an entry of ob to leave out). */
static bool clear(const struct pen *pn, const struct rect *r, int skip)
{
	if (r->x0 < 2 || r->y0 < 2 || r->x1 > pn->width - 2)
		return false;
	for (int i = 0; i < pn->nseg; i++)
		if (meets(r, &pn->seg[i]))
			return false;
	for (int i = 0; i < pn->nob; i++)
		if (i != skip && meets(r, &pn->ob[i]))
			return false;
	for (int i = 0; i < pn->npart; i++)
		if (meets_outline(r, &pn->part[i].r))
			return false;
	return true;
}

/* Whether an outline may widen to take in r: nothing drawn there but lines
 * (no text, no mark, no label, no other outline). */
static bool may_widen(const struct pen *pn, const struct rect *r)
{
	if (r->x1 > pn->width - 4)
		return false;
	for (int i = 0; i < pn->nob; i++)
		if (meets(r, &pn->ob[i]))
			return false;
	for (int i = 0; i < pn->npart; i++)
		if (meets(r, &pn->part[i].r))
			return false;
	return true;
}

/* Tries household h's label s, w wide, in outline q: top left, top right,
 * bottom left, then anywhere along the top or the bottom; at the top left
 * the outline may widen to take it (wide). Returns its place in ob, or -1. */
static int try_label(struct pen *pn, int h, int q, const char *s, int w, bool wide, struct buf *out)
{
	struct part *pt = &pn->part[q];
	struct rect b = pt->r;
	int top = b.y0 + 15, bottom = b.y1 - 5, nslide = (b.x1 - b.x0) / 6 + 1;
	for (int c = 0; c < 3 + 2 * nslide; c++) {
		int x = c == 1 ? b.x1 - 10 - w : c == 0 || c == 2 ? b.x0 + 10 : b.x0 + 16 + 6 * ((c - 3) % nslide);
		int y = c == 2 || c >= 3 + nslide ? bottom : top;
		if (x < b.x0 + 8)
			continue;
		struct rect r = {x - 2, y - GENO_HL_PX * 3 / 4 - 1, x + w + 2, y + GENO_HL_PX / 4 + 1};
		if (x + w + 10 > b.x1) {
			struct rect more = {b.x1 + 1, b.y0, x + w + 10, b.y1};
			if (c != 0 || !wide)
				continue;
			pt->r.x1 = b.x0 - 1; /* itself out of the way while it looks */
			bool ok = may_widen(pn, &more);
			pt->r.x1 = x + w + 10;
			if (!ok || !clear(pn, &r, -1)) {
				pt->r.x1 = b.x1;
				continue;
			}
		} else if (!clear(pn, &r, -1)) {
			continue;
		}
		buf_printf(out, "<text class=\"hl\" fill=\"%s\" x=\"%d\" y=\"%d\">", HH_COLOUR[pn->colour[h]], x, y);
		esc(out, s);
		buf_puts(out, "</text>\n");
		return obstacle(pn, r.x0, r.y0, r.x1, r.y1);
	}
	return -1;
}

/* One label for household h, in the first place it fits: its first (top
 * left) outline, then the others; shortened only when it fits nowhere. */
static void household_label(struct pen *pn, int h, struct buf *out)
{
	const char *label = pn->m->hh[h].label && *pn->m->hh[h].label ? pn->m->hh[h].label : "Household";
	struct chars ch;
	chars_of(label, &ch);
	int n = ch.hi - ch.lo;
	chars_free(&ch);
	for (int len = n; len >= (n < 4 ? n : 4) && len > 0 && pn->label[h] < 0; len--) {
		char *cut[1] = {NULL};
		if (wrap(label, len, 1, len, cut) == 1) {
			int w = geno_text_width(cut[0], GENO_HL_PX);
			for (int q = 0; q < pn->nparts[h] && pn->label[h] < 0; q++)
				pn->label[h] = try_label(pn, h, pn->first[h] + q, cut[0], w, len == n, out);
		}
		free(cut[0]);
	}
}

/* Every household's outlines, their joins and their labels: outlines and
 * joins to boxes (drawn behind everything), labels to labels (over it).
 * Lines, people and the band are drawn and remembered by now. */
static void households(struct pen *pn, struct buf *boxes, struct buf *labels)
{
	const struct geno_model *m = pn->m;
	int nh = m->nhh, drawn = 0;
	pn->part = xmalloc(sizeof *pn->part * (size_t)(m->n + 1));
	pn->first = xcalloc((size_t)nh + 1, sizeof *pn->first);
	pn->nparts = xcalloc((size_t)nh + 1, sizeof *pn->nparts);
	pn->colour = xcalloc((size_t)nh + 1, sizeof *pn->colour);
	pn->label = xcalloc((size_t)nh + 1, sizeof *pn->label);
	for (int h = 0; h < nh; h++) {
		pn->first[h] = pn->npart;
		pn->nparts[h] = household_parts(m, h, pn->part + pn->npart);
		pn->npart += pn->nparts[h];
		pn->colour[h] = pn->nparts[h] ? (int)((size_t)drawn++ % NHH_COLOUR) : -1;
		pn->label[h] = -1;
		pn->used[M_HOUSEHOLD] |= pn->nparts[h] > 0;
	}
	/* Joins first, so the labels keep clear of them too. */
	struct level *lv = xmalloc(sizeof *lv * (size_t)(m->n + 1));
	int nlv = levels_of(m, lv);
	struct buf *join_d = xcalloc((size_t)nh + 1, sizeof *join_d);
	for (int h = 0; h < nh; h++) {
		const struct part *p = pn->part + pn->first[h];
		for (int i = 1; i < pn->nparts[h]; i++) {
			/* To the nearest outline on a level above, else the one to the left. */
			int j = -1, jd = 0;
			for (int k = 0; k < i; k++) {
				int d = p[k].r.x0 > p[i].r.x1 ? p[k].r.x0 - p[i].r.x1 : p[i].r.x0 > p[k].r.x1 ? p[i].r.x0 - p[k].r.x1 : 0;
				if (p[k].cy < p[i].cy && (j < 0 || p[k].cy > p[j].cy || (p[k].cy == p[j].cy && d < jd))) {
					j = k;
					jd = d;
				}
			}
			struct buf *save = pn->b;
			pn->b = &join_d[h];
			buf_printf(pn->b, "<path class=\"hhc\" stroke=\"%s\" stroke-dasharray=\"2 4\" d=\"", HH_COLOUR[pn->colour[h]]);
			join(pn, lv, nlv, &p[j >= 0 ? j : i - 1], &p[i]);
			buf_puts(pn->b, "\"/>\n");
			pn->b = save;
		}
	}
	free(lv);
	for (int h = 0; h < nh; h++)
		if (pn->nparts[h])
			household_label(pn, h, labels);
	for (int h = 0; h < nh; h++) {
		if (!pn->nparts[h])
			continue;
		buf_puts(boxes, "<g class=\"household\">\n");
		for (int i = pn->first[h]; i < pn->first[h] + pn->nparts[h]; i++) {
			const struct rect *r = &pn->part[i].r;
			buf_printf(boxes, "<rect class=\"hh\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"14\" "
				   "stroke=\"%s\" stroke-dasharray=\"2 4\"/>\n",
				   r->x0, r->y0, r->x1 - r->x0, r->y1 - r->y0, HH_COLOUR[pn->colour[h]]);
		}
		if (join_d[h].len)
			buf_append(boxes, join_d[h].data, join_d[h].len);
		buf_puts(boxes, "</g>\n");
	}
	for (int h = 0; h < nh; h++)
		buf_free(&join_d[h]);
	free(join_d);
}

/* ---- the key ---- */

static const char *const KEY_WORDS[M_COUNT] = {
	"Male", "Female", "Gender unknown or other", "The child the meeting is about", "Deceased",
	"Married", "Living together", "Dating", "Separated", "Divorced", "Parents, relationship not recorded",
	"Child", "Adopted child", "Foster or kinship care", "Other family link", "Step-parent (not a partner here)",
	"Household (dotted outline; one colour per household)", "Parental responsibility", "Address confidential",
	"Excluded from the meeting"};

#define KEY_PX 12
#define KEY_ROW 36

/* The key laid out: the marks used in a grid of columns, then, when there
 * are households, what an outline means and each household's colour and
 * name, flowing along rows as wide as the key. */
struct key {
	int item[M_COUNT], ni, per, colx[M_COUNT + 1];
	int flow;		/* how wide the households' rows are */
	int w, h;
};

/* A household's name in the key, cut to a sensible length (NULL: none). */
static char *key_name(const struct geno_model *m, int h)
{
	char *cut[1] = {NULL};
	if (wrap(m->hh[h].label && *m->hh[h].label ? m->hh[h].label : "Household", 36, 1, 36, cut) != 1) {
		free(cut[0]);
		return NULL;
	}
	return cut[0];
}

/* The key in columns no wider in all than avail (-1: any width), at most
 * maxper of them. */
static void key_plan(const struct pen *pn, int avail, int maxper, struct key *k)
{
	const struct geno_model *m = pn->m;
	int iw[M_COUNT] = {0};
	*k = (struct key){.per = 1};
	for (int i = 0; i < M_COUNT; i++)
		if (pn->used[i] && i != M_HOUSEHOLD) {
			iw[k->ni] = 58 + geno_text_width(KEY_WORDS[i], KEY_PX) + 24;
			k->item[k->ni++] = i;
		}
	/* As many columns as fit, each as wide as its widest entry. */
	for (int per = k->ni < maxper ? k->ni : maxper; per >= 1; per--) {
		k->colx[0] = 0;
		for (int c = 0; c < per; c++) {
			int w = 0;
			for (int i = c; i < k->ni; i += per)
				w = iw[i] > w ? iw[i] : w;
			k->colx[c + 1] = k->colx[c] + w;
		}
		k->per = per;
		if (avail < 0 || k->colx[per] <= avail)
			break;
	}
	k->w = k->colx[k->per];
	int rows = (k->ni + k->per - 1) / k->per;
	if (pn->used[M_HOUSEHOLD]) {
		int g = 58 + geno_text_width(KEY_WORDS[M_HOUSEHOLD], KEY_PX) + 24, x = g;
		k->w = g > k->w ? g : k->w;
		k->flow = avail < 0 ? k->w : avail;
		rows++;
		for (int h = 0; h < m->nhh; h++) {
			char *name = pn->nparts[h] ? key_name(m, h) : NULL;
			if (!name)
				continue;
			int w = 58 + geno_text_width(name, KEY_PX) + 24;
			free(name);
			if (x > 0 && x + w > k->flow) {
				rows++;
				x = 0;
			}
			x += w;
		}
	}
	k->h = 44 + rows * KEY_ROW;
}

/* Draws the key with its top left at (x0, top); a rule along its top, or
 * down its left side when it stands beside the drawing (rule_h tall). */
static void key_draw(struct pen *pn, const struct key *k, int x0, int top, int rule_h)
{
	const struct geno_model *m = pn->m;
	struct buf *b = pn->b;
	int y = top + 30;
	buf_puts(b, "<g class=\"legend\">\n");
	if (rule_h)
		buf_printf(b, "<line class=\"rule\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x0 - 20, top + 10, x0 - 20, top + rule_h);
	else
		buf_printf(b, "<line class=\"rule\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x0, top, x0 + (k->flow > k->w ? k->flow : k->w), top);
	text(pn, x0, top + 24, "h2", 15, false, "Key");
	for (int j = 0; j < k->ni; j++) {
		int i = k->item[j], x = x0 + k->colx[j % k->per], cy = y + 26 + (j / k->per) * KEY_ROW, mx = x + 25;
		switch (i) {
		case M_MALE: shape(b, "shape", GENO_MALE, mx, cy, 12); break;
		case M_FEMALE: shape(b, "shape", GENO_FEMALE, mx, cy, 12); break;
		case M_UNKNOWN: shape(b, "shape", GENO_UNKNOWN, mx, cy, 11); break;
		case M_SUBJECT:
			shape(b, "ring", GENO_MALE, mx, cy, 15);
			shape(b, "shape", GENO_MALE, mx, cy, 12);
			break;
		case M_DECEASED:
			shape(b, "shape", GENO_MALE, mx, cy, 12);
			cross(b, GENO_MALE, mx, cy, 12);
			break;
		case M_MARRIED: case M_COHAB: case M_DATING: case M_SEPARATED: case M_DIVORCED: case M_COPARENTS:
			buf_printf(b, "<path class=\"ln%s\"%s d=\"M%d %dV%dH%dV%d\"/>\n", i == M_COPARENTS ? " np" : "",
				   dash_of(i == M_COHAB ? GENO_COHABITING : i == M_DATING ? GENO_DATING : GENO_MARRIED),
				   x + 4, cy - 9, cy + 5, x + 46, cy - 9);
			for (int s = 0; s < (i == M_DIVORCED ? 2 : i == M_SEPARATED); s++) {
				int sx = mx + (i == M_DIVORCED ? (s ? 4 : -4) : 0);
				buf_printf(b, "<line class=\"slash\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", sx - 4, cy + 12, sx + 4, cy - 2);
			}
			break;
		case M_CHILD: case M_ADOPTED:
			buf_printf(b, "<path class=\"ln\"%s d=\"M%d %dV%d\"/>\n", i == M_ADOPTED ? " stroke-dasharray=\"6 4\"" : "",
				   mx, cy - 13, cy + 13);
			break;
		case M_CARER: case M_OTHER: case M_STEP:
			buf_printf(b, "<path class=\"%s\"%s d=\"M%d %dH%d\"/>\n", i == M_CARER ? "carer" : "thin",
				   i == M_CARER ? " stroke-dasharray=\"2 3\"" : i == M_STEP ? " stroke-dasharray=\"1 3\"" : "",
				   x + 4, cy, x + 46);
			break;
		case M_PR: badge(b, mx, cy + 4, "PR"); break;
		case M_AC: badge(b, mx, cy + 4, "AC"); break;
		case M_EXCLUDED:
			buf_puts(b, "<g class=\"excluded\">\n");
			shape(b, "shape", GENO_MALE, mx, cy, 12);
			buf_puts(b, "</g>\n");
			break;
		}
		text(pn, x + 58, cy + 4, "lg", KEY_PX, false, KEY_WORDS[i]);
	}
	int cy = y + 26 + ((k->ni + k->per - 1) / k->per) * KEY_ROW;
	if (pn->used[M_HOUSEHOLD]) {
		/* What an outline means, then each household's colour and name. */
		buf_printf(b, "<rect class=\"hh\" x=\"%d\" y=\"%d\" width=\"42\" height=\"22\" rx=\"8\" stroke=\"#505a5f\" "
			   "stroke-dasharray=\"2 4\"/>\n", x0 + 4, cy - 11);
		text(pn, x0 + 58, cy + 4, "lg", KEY_PX, false, KEY_WORDS[M_HOUSEHOLD]);
		int x = 58 + geno_text_width(KEY_WORDS[M_HOUSEHOLD], KEY_PX) + 24;
		for (int h = 0; h < m->nhh; h++) {
			char *name = pn->nparts[h] ? key_name(m, h) : NULL;
			if (!name)
				continue;
			int w = 58 + geno_text_width(name, KEY_PX) + 24;
			if (x > 0 && x + w > k->flow) {
				x = 0;
				cy += KEY_ROW;
			}
			buf_printf(b, "<rect class=\"hh\" x=\"%d\" y=\"%d\" width=\"42\" height=\"22\" rx=\"8\" stroke=\"%s\" "
				   "stroke-dasharray=\"2 4\"/>\n", x0 + x + 4, cy - 11, HH_COLOUR[pn->colour[h]]);
			text(pn, x0 + x + 58, cy + 4, "lg", KEY_PX, false, name);
			free(name);
			x += w;
		}
	}
	buf_puts(b, "</g>\n");
}

/* ---- the document ---- */

static const char STYLE[] =
	"<style>\n"
	"text{fill:#0b0c0c}\n"
	".person text,.c,.bt{text-anchor:middle}\n"
	".nm{font-size:13px}\n"
	".subject .nm{font-weight:bold}\n"
	".sm,.st,.ex{font-size:11px}\n"
	".sm{fill:#505a5f}\n"
	".st{font-style:italic}\n"
	".ex{fill:#d4351c;font-weight:bold}\n"
	".h2{font-size:15px;font-weight:bold}\n"
	".lg{font-size:12px}\n"
	".bt{font-size:10px;font-weight:bold}\n"
	".shape{fill:#fff;stroke:#0b0c0c;stroke-width:2}\n"
	".excluded .shape{stroke:#d4351c;stroke-width:3}\n"
	".ring{fill:none;stroke:#0b0c0c;stroke-width:1.5}\n"
	".x,.slash,.ln{fill:none;stroke:#0b0c0c;stroke-width:1.5}\n"
	".np{stroke:#6f777b;stroke-width:1}\n"
	".thin{fill:none;stroke:#6f777b;stroke-width:1}\n"
	".carer{fill:none;stroke:#1d70b8;stroke-width:2}\n"
	".hh{fill:none;stroke-width:1.5}\n"
	".hhc{fill:none;stroke-width:1.5}\n"
	".badge{fill:#fff;stroke:#0b0c0c;stroke-width:1}\n"
	".hl{font-size:12px;font-style:italic}\n"
	".hl,.lbl{stroke:#fff;stroke-width:3px;paint-order:stroke;stroke-linejoin:round}\n"
	".rule{stroke:#b1b4b6;stroke-width:1}\n"
	"</style>\n";

static void describe(const struct pen *pn, struct buf *b)
{
	const struct geno_model *m = pn->m;
	if (m->n == 0) {
		buf_puts(b, "No people have been recorded yet.");
		return;
	}
	int hh = 0;
	for (int h = 0; h < m->nhh; h++)
		hh += pn->nparts[h] > 0;
	if (m->nfamily == 0)
		buf_puts(b, "No family links recorded yet");
	else
		buf_printf(b, "%d %s in %d generation%s", m->nfamily, m->nfamily == 1 ? "person" : "people", m->nrows,
			   m->nrows == 1 ? "" : "s");
	if (hh)
		buf_printf(b, "; %d household%s", hh, hh == 1 ? "" : "s");
	if (m->nband)
		buf_printf(b, "; %d more in the wider network", m->nband);
	for (int i = 0; i < m->n; i++)
		if (m->node[i].p->subject) {
			buf_puts(b, "; centred on ");
			esc(b, m->node[i].p->name);
			break;
		}
	buf_puts(b, ".");
}

/* The page the drawing prints on: A4 landscape less its margins, 277 mm
 * wide, and the 150 mm of it the stylesheet lets the picture have; it is
 * shrunk to fit, so the key goes where the whole prints largest. */
#define PRINT_W 277
#define PRINT_H 150
#define KEY_MIN_W 720	/* a drawing with the key below is at least this wide */

static long long print_scale(int w, int h)
{
	long long sw = PRINT_W * 1000000LL / w, sh = PRINT_H * 1000000LL / h;
	return sw < sh ? sw : sh;
}

/* Draws the whole document to out, remembering in pn where things went. */
static void render(struct pen *pn, const struct geno_model *m, const char *title, struct buf *out)
{
	struct buf boxes, lines, people, labels, rest, key;
	buf_init(&boxes);
	buf_init(&lines);
	buf_init(&people);
	buf_init(&labels);
	buf_init(&rest);
	buf_init(&key);
	*pn = (struct pen){.m = m, .b = &lines, .width = m->width};
	couples(pn);
	children(pn);
	int *level = xcalloc((size_t)m->nrows + 1, sizeof *level);
	for (int i = 0; i < m->nlink; i++)
		if (!m->link[i].shown && !m->link[i].merged && geno_is_family(m->link[i].r->kind))
			connector(pn, &m->link[i], level);
	free(level);
	pn->b = &people;
	for (int i = 0; i < m->n; i++)
		person(pn, &m->node[i]);
	pn->b = &rest;
	if (m->nband) {
		static const char *const sub[GENO_NBANDS] = {NULL, "Friends and neighbours", "Professionals", "Not yet linked"};
		buf_printf(&rest, "<line class=\"rule\" x1=\"30\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", m->band_title_y - 22,
			   m->width - 30, m->band_title_y - 22);
		seg(pn, 30, m->band_title_y - 22, m->width - 30, m->band_title_y - 22);
		text(pn, 30, m->band_title_y, "h2", 15, false, "Wider network");
		for (int b = 1; b < GENO_NBANDS; b++)
			if (m->band_sub_y[b])
				text(pn, m->band_sub_x[b], m->band_sub_y[b], "lg", 12, false, sub[b]);
	}
	households(pn, &boxes, &labels);
	int width = 400, height = 90, dx = 0;
	pn->b = &key;
	if (m->n == 0) {
		text(pn, 30, 50, "lg", 12, false, "No people have been recorded yet.");
	} else {
		/* The key below the drawing, or beside it in one to three columns. */
		struct key k, best;
		width = m->width < KEY_MIN_W ? KEY_MIN_W : m->width;
		key_plan(pn, width - 60, M_COUNT, &best);
		height = m->height + 10 + best.h + 20;
		bool beside = false;
		for (int c = 1; c <= 3; c++) {
			key_plan(pn, -1, c, &k);
			int w = m->width + 10 + k.w + 30, h = 10 + k.h + 20 > m->height ? 10 + k.h + 20 : m->height;
			if (print_scale(w, h) > print_scale(width, height)) {
				best = k;
				width = w;
				height = h;
				beside = true;
			}
		}
		if (beside) {
			key_draw(pn, &best, m->width + 10, 10, height - 30);
		} else {
			dx = (width - m->width) / 2;
			key_draw(pn, &best, 30, m->height + 10, 0);
		}
	}
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
			"role=\"img\" aria-labelledby=\"geno-title geno-desc\">\n<title id=\"geno-title\">",
		   width, height, width, height);
	esc(out, title ? title : "Genogram");
	buf_puts(out, "</title>\n<desc id=\"geno-desc\">");
	describe(pn, out);
	buf_puts(out, "</desc>\n");
	buf_puts(out, STYLE);
	buf_printf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n<g font-family=\"" FONT "\">\n", width, height);
	/* A drawing narrower than the key below it stands in the middle. */
	if (dx)
		buf_printf(out, "<g transform=\"translate(%d 0)\">\n", dx);
	struct buf *part[] = {&boxes, &lines, &people, &labels, &rest, &key};
	for (size_t i = 0; i < sizeof part / sizeof part[0]; i++) {
		if (part[i] == &key && dx)
			buf_puts(out, "</g>\n");
		if (part[i]->len)
			buf_append(out, part[i]->data, part[i]->len);
		buf_free(part[i]);
	}
	buf_puts(out, "</g>\n</svg>\n");
}

static void pen_free(struct pen *pn)
{
	free(pn->seg);
	free(pn->ob);
	free(pn->part);
	free(pn->first);
	free(pn->nparts);
	free(pn->colour);
	free(pn->label);
}

void geno_svg_draw(const struct geno_model *m, const char *title, struct buf *out)
{
	struct pen pn;
	render(&pn, m, title, out);
	pen_free(&pn);
}

int geno_svg_check(const struct geno_model *m, char *why, size_t n)
{
	struct pen pn;
	struct buf out;
	buf_init(&out);
	render(&pn, m, NULL, &out);
	int rc = 0;
	for (int h = 0; h < m->nhh && rc == 0; h++) {
		if (pn.label[h] < 0)
			continue;
		const struct rect r = pn.ob[pn.label[h]];
		if (!clear(&pn, &r, pn.label[h])) {
			if (why && n)
				snprintf(why, n, "the label of household %s is crossed by a line or lies over something",
					 m->hh[h].id ? m->hh[h].id : "");
			rc = -1;
		}
	}
	buf_free(&out);
	pen_free(&pn);
	return rc;
}
