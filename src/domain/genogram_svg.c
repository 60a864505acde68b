/* genogram_svg.c — the words and the drawing of the genogram: each person's
 * label lines, cut to fit (the layout needs their widths), and the placed
 * model (genogram_layout.h) as one standalone SVG document: households
 * behind, then the lines, then the people over them (a shape's white fill
 * tidies the line ends), household labels, the wider-network band, and a
 * key to the marks that were used.
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

/* Cuts s into at most maxl lines of at most maxc characters, breaking at
 * spaces where it can. More than total characters, or more than fits, ends
 * in an ellipsis; a multibyte character is never split. Control characters
 * become spaces (they are not allowed in XML). Returns the line count. */
static int wrap(const char *s, int maxc, int maxl, int total, char **out)
{
	size_t len = strlen(s);
	char *c = xmalloc(len + 1);
	for (size_t i = 0; i <= len; i++)
		c[i] = (unsigned char)s[i] < 0x20 && s[i] ? ' ' : s[i] == 0x7F ? ' ' : s[i];
	size_t *at = xmalloc(sizeof *at * (len + 2)); /* byte offset of each character */
	int nc = 0;
	for (size_t i = 0; i < len;) {
		at[nc++] = i;
		u8_get(c, &i);
		if (i > len)
			i = len;
	}
	at[nc] = len;
	int lo = 0, hi = nc;
	while (lo < hi && c[at[lo]] == ' ')
		lo++;
	while (hi > lo && c[at[hi - 1]] == ' ')
		hi--;
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
		size_t n = at[e] - at[lo];
		char *l = xmalloc(n + 4);
		memcpy(l, c + at[lo], n);
		if (last && ell)
			memcpy(l + n, "\xE2\x80\xA6", 3), n += 3;
		l[n] = '\0';
		out[nl++] = l;
		lo = next;
		while (lo < hi && c[at[lo]] == ' ')
			lo++;
	}
	free(at);
	free(c);
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

void geno_labels(struct geno_model *m)
{
	static const char *const status[] = {NULL, "Invited", "Attending", "Declined", "Excluded"};
	for (int i = 0; i < m->n; i++) {
		struct geno_node *nd = &m->node[i];
		const struct geno_person *p = nd->p;
		add_wrapped(nd, p->name && *p->name ? p->name : "Unnamed", 15, 2, 22, GENO_T_NAME);
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
			int lw = geno_text_width(nd->line[k], nd->lclass[k] == GENO_T_NAME ? 11 : 10);
			w = lw > w ? lw : w;
		}
		nd->hw = w / 2 + 3 > 37 ? w / 2 + 3 : 37; /* 37: the badges reach 36 */
	}
}

static const char *const HH_COLOUR[] = {"#1d70b8", "#00703c", "#912b88", "#f47738", "#28a197", "#85994b"};
#define NHH_COLOUR (sizeof HH_COLOUR / sizeof HH_COLOUR[0])

enum mark {
	M_MALE, M_FEMALE, M_UNKNOWN, M_SUBJECT, M_DECEASED,
	M_MARRIED, M_COHAB, M_DATING, M_SEPARATED, M_DIVORCED, M_COPARENTS,
	M_CHILD, M_ADOPTED, M_CARER, M_OTHER, M_STEP, M_HOUSEHOLD, M_PR, M_AC, M_EXCLUDED, M_COUNT
};

struct pen {
	const struct geno_model *m;
	struct buf *b;
	bool used[M_COUNT];
};

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

static void text(struct buf *b, int x, int y, const char *cls, const char *s)
{
	buf_printf(b, "<text class=\"%s\" x=\"%d\" y=\"%d\">", cls, x, y);
	esc(b, s);
	buf_puts(b, "</text>\n");
}

static int top_of(const struct geno_node *nd)
{
	if (nd->p->subject)
		return nd->cy - (nd->p->gender == GENO_MALE || nd->p->gender == GENO_FEMALE ? 25 : 27);
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

/* ---- households ---- */

static bool member(const struct geno_node *nd, const char *hh)
{
	return nd->p->household && !strcmp(nd->p->household, hh);
}

static void grow(const struct geno_model *m, int box[4], const struct geno_node *nd, bool first)
{
	/* The top clears the row's sibling bars and connector levels, so the
	 * label in the corner sits above them all. */
	int above = nd->comp >= 0 ? 8 * m->row_tracks[nd->row] + 12 * m->row_links[nd->row] : 0;
	int l = nd->x - nd->hw - 6, r = nd->x + nd->hw + 6, t = nd->cy - 58 - above, b = nd->bottom + 8;
	if (first || l < box[0])
		box[0] = l;
	if (first || t < box[1])
		box[1] = t;
	if (first || r > box[2])
		box[2] = r;
	if (first || b > box[3])
		box[3] = b;
}

static int cmp_place(const void *ctx, int a, int b)
{
	const struct geno_node *x = &((const struct geno_model *)ctx)->node[a], *y = &((const struct geno_model *)ctx)->node[b];
	if (x->cy != y->cy)
		return x->cy < y->cy ? -1 : 1;
	return x->x != y->x ? (x->x < y->x ? -1 : 1) : a - b;
}

/* The boxes of household h: one round all its members, unless somebody
 * who is not a member would be inside it; then one per run of members side
 * by side in a row, so nobody seems to live where they do not (a plain
 * bounding box would put a father inside his ex-partner's household).
 * Returns the number of boxes (0: nobody lives there). */
static int household_boxes(const struct geno_model *m, int h, int (*box)[4])
{
	const char *id = m->hh[h].id;
	int *mem = xmalloc(sizeof *mem * (size_t)(m->n + 1)), nm = 0, nb = 0;
	for (int i = 0; i < m->n; i++)
		if (member(&m->node[i], id))
			mem[nm++] = i;
	for (int i = 0; i < nm; i++)
		grow(m, box[0], &m->node[mem[i]], i == 0);
	bool intruder = false;
	for (int i = 0; i < m->n && nm; i++) {
		const struct geno_node *nd = &m->node[i];
		intruder |= !member(nd, id) && nd->x + nd->hw > box[0][0] + 6 && nd->x - nd->hw < box[0][2] - 6 &&
			    nd->bottom > box[0][1] && nd->cy - 27 < box[0][3];
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
		grow(m, box[nb - 1], a, !joins);
	}
	free(mem);
	return nb;
}

/* A household label, shortened to end before any label already written
 * on its line (boxes of neighbouring households can be narrower than their
 * labels); too little room, and this box goes without (the household's
 * other boxes and its colour still say whose it is). */
static void household_label(struct pen *pn, const char *label, const char *col, int x, int y, int (*done)[3], int *ndone)
{
	int room = INT_MAX;
	for (int i = 0; i < *ndone; i++)
		if (done[i][1] == y && done[i][2] + 6 > x) {
			if (done[i][0] <= x)
				return;
			room = done[i][0] - 6 - x < room ? done[i][0] - 6 - x : room;
		}
	char *cut[1] = {NULL};
	int chars = room == INT_MAX ? 1000 : room / 6;
	if (chars < 4 || wrap(label, chars, 1, chars, cut) != 1) {
		free(cut[0]);
		return;
	}
	buf_printf(pn->b, "<text class=\"hl\" fill=\"%s\" x=\"%d\" y=\"%d\">", col, x, y);
	esc(pn->b, cut[0]);
	buf_puts(pn->b, "</text>\n");
	done[*ndone][0] = x;
	done[*ndone][1] = y;
	done[(*ndone)++][2] = x + geno_text_width(cut[0], 10);
	free(cut[0]);
}

static void households(struct pen *pn, bool labels)
{
	int (*box)[4] = xmalloc(sizeof *box * (size_t)(pn->m->n + 1)), (*done)[3] = NULL, ndone = 0, cap = 0;
	for (int h = 0; h < pn->m->nhh; h++) {
		int nb = household_boxes(pn->m, h, box);
		const char *col = HH_COLOUR[(size_t)h % NHH_COLOUR];
		pn->used[M_HOUSEHOLD] |= nb > 0;
		if (nb > 0 && !labels)
			buf_puts(pn->b, "<g class=\"household\">\n");
		for (int i = 0; i < nb; i++) {
			/* Every box carries the label: a household split over rows
			 * reads as one without lines joining the parts. */
			if (labels) {
				if (ndone == cap)
					done = xrealloc(done, sizeof *done * (size_t)(cap = cap ? 2 * cap : 8));
				household_label(pn, pn->m->hh[h].label ? pn->m->hh[h].label : "Household", col, box[i][0] + 10,
						box[i][1] + 14, done, &ndone);
			} else {
				buf_printf(pn->b, "<rect class=\"hh\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"14\" "
					   "stroke=\"%s\" stroke-dasharray=\"2 4\"/>\n",
					   box[i][0], box[i][1], box[i][2] - box[i][0], box[i][3] - box[i][1], col);
			}
		}
		if (nb > 0 && !labels)
			buf_puts(pn->b, "</g>\n");
	}
	free(done);
	free(box);
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
		buf_printf(pn->b, "<path class=\"ln%s\"%s d=\"M%d %dV%dH%dV%d\"/>\n", r ? "" : " np", r ? dash_of(st) : "",
			   a->x, bottom_of(a), y, b->x, bottom_of(b));
		int slashes = st == GENO_DIVORCED ? 2 : st == GENO_SEPARATED ? 1 : 0, sx = c->kids ? mx - 16 : mx;
		for (int k = 0; k < slashes && r; k++) {
			int x = sx + (slashes == 2 ? (k ? 4 : -4) : 0);
			buf_printf(pn->b, "<line class=\"slash\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x - 3, y + 6, x + 3, y - 6);
		}
		char l1[32] = "", l2[32] = "";
		if (r && r->start_year > 0)
			snprintf(l1, sizeof l1, "%s %d", st == GENO_MARRIED || st == GENO_DIVORCED ? "m." : st == GENO_SEPARATED ? "from" : "since", r->start_year);
		if (r && r->end_year > 0 && (st == GENO_SEPARATED || st == GENO_DIVORCED))
			snprintf(*l1 ? l2 : l1, sizeof l1, "%s %d", st == GENO_SEPARATED ? "sep." : "div.", r->end_year);
		if (c->depth == 0) {
			if (*l1)
				text(pn->b, mx, a->cy + (*l2 ? -2 : 4), "sm c lbl", l1);
			if (*l2)
				text(pn->b, mx, a->cy + 10, "sm c lbl", l2);
		} else if (*l1) {
			char both[64];
			snprintf(both, sizeof both, "%s%s%s", l1, *l2 ? ", " : "", l2);
			text(pn->b, mx, y - 3, "sm c lbl", both);
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
		buf_puts(pn->b, "<g class=\"children\">\n");
		if (g->couple >= 0)
			buf_printf(pn->b, "<path class=\"ln\" d=\"M%d %dV%dM%d %dH%d\"/>\n", ax, couple_y(m, &m->couple[g->couple]),
				   g->bar_y, lo, g->bar_y, hi);
		else if (g->npar == 2) /* not side by side: a partner between them */
			buf_printf(pn->b, "<path class=\"ln\" d=\"M%d %dV%dM%d %dH%d\"/>\n", ax, p->cy + GENO_COUPLE_Y, g->bar_y,
				   lo, g->bar_y, hi);
		else
			buf_printf(pn->b, "<path class=\"ln\" d=\"M%d %dH%dV%dM%d %dH%d\"/>\n", p->x + g->stub * GENO_R, p->cy, ax,
				   g->bar_y, lo, g->bar_y, hi);
		for (int c = 0; c < g->n; c++) {
			const struct geno_node *k = &m->node[g->kids[c]];
			pn->used[k->adopted ? M_ADOPTED : M_CHILD] = true;
			buf_printf(pn->b, "<path class=\"ln\"%s d=\"M%d %dV%d\"/>\n", k->adopted ? " stroke-dasharray=\"6 4\"" : "",
				   k->x, g->bar_y, top_of(k));
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
	return m->row_cy[r] - GENO_R - 18 - 8 * m->row_tracks[r] - 12 * k;
}

static int cmp_x(const void *ctx, int a, int b)
{
	const struct geno_node *x = &((const struct geno_model *)ctx)->node[a], *y = &((const struct geno_model *)ctx)->node[b];
	return x->x != y->x ? (x->x < y->x ? -1 : 1) : a - b;
}

/* An x where a line can pass down through row r without touching anyone's
 * shape, badges or labels, nor a couple's children's line: the middle of
 * the free gap nearest to near, or beyond either end of the row. */
static int gap_in_row(const struct geno_model *m, int r, int near)
{
	int *row = xmalloc(sizeof *row * (size_t)(m->n + 1)), n = 0, best = near, bestd = -1;
	for (int i = 0; i < m->n; i++)
		if (m->node[i].comp >= 0 && m->node[i].row == r)
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
		if (hi - lo < 12 || (a && b && a->unit == b->unit && b->upos == a->upos + 1))
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
		buf_printf(pn->b, "M%d %dV%dH%dV%d\"/>\n", u->x, top_of(u), y, w->x, top_of(w));
		if (label)
			text(pn->b, (u->x + w->x) / 2, y - 3, "sm c lbl", label);
	} else {
		/* Out of the side, then down through the gaps of each row on
		 * the way, along a level of its own above each. */
		int x = u->x + side_of(m, u, w->x) * GENO_STUB, y = 0;
		buf_printf(pn->b, "M%d %dH%d", u->x + (x > u->x ? GENO_R : -GENO_R), u->cy, x);
		for (int row = u->row + 1; row <= w->row; row++) {
			y = level_y(m, row, level[row]++);
			int nx = row == w->row ? w->x : gap_in_row(m, row, x);
			buf_printf(pn->b, "V%dH%d", y, nx);
			if (row < w->row)
				x = nx;
		}
		buf_printf(pn->b, "V%d\"/>\n", top_of(w));
		if (label)
			text(pn->b, (x + w->x) / 2, y - 3, "sm c lbl", label);
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

static void badge(struct buf *b, int x, int y, const char *s)
{
	buf_printf(b, "<rect class=\"badge\" x=\"%d\" y=\"%d\" width=\"22\" height=\"13\" rx=\"3\"/>\n", x - 11, y - 10);
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
	if (p->address_confidential) {
		pn->used[M_AC] = true;
		badge(b, nd->x - 25, nd->cy - 17, "AC");
	}
	if (p->pr) {
		pn->used[M_PR] = true;
		badge(b, nd->x + 25, nd->cy - 17, "PR");
	}
	pn->used[M_EXCLUDED] |= p->status == GENO_EXCLUDED;
	for (int k = 0; k < nd->nlines; k++)
		text(b, nd->x, nd->cy + nd->ly + GENO_LINE_H * k, cls[nd->lclass[k]], nd->line[k]);
	buf_puts(b, "</g>\n");
}

/* ---- the key ---- */

static int legend(struct pen *pn, int top, int width)
{
	static const char *const words[M_COUNT] = {
		"Male", "Female", "Gender unknown or other", "The child the meeting is about", "Deceased",
		"Married", "Living together", "Dating", "Separated", "Divorced", "Parents, relationship not recorded",
		"Child", "Adopted child", "Foster or kinship care", "Other family link", "Step-parent (not a partner here)",
		"Household", "Parental responsibility", "Address confidential", "Excluded from the meeting"};
	struct buf *b = pn->b;
	int colw = 200, k = 0, y = top + 30;
	for (int i = 0; i < M_COUNT; i++)
		if (pn->used[i] && 58 + geno_text_width(words[i], 11) + 24 > colw)
			colw = 58 + geno_text_width(words[i], 11) + 24;
	int per = (width - 60) / colw;
	per = per < 1 ? 1 : per;
	buf_printf(b, "<g class=\"legend\">\n<line class=\"rule\" x1=\"30\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", top, width - 30, top);
	text(b, 30, top + 22, "h2", "Key");
	for (int i = 0; i < M_COUNT; i++) {
		if (!pn->used[i])
			continue;
		int x = 30 + (k % per) * colw, cy = y + 24 + (k / per) * 32, mx = x + 25;
		switch (i) {
		case M_MALE: shape(b, "shape", GENO_MALE, mx, cy, 10); break;
		case M_FEMALE: shape(b, "shape", GENO_FEMALE, mx, cy, 10); break;
		case M_UNKNOWN: shape(b, "shape", GENO_UNKNOWN, mx, cy, 9); break;
		case M_SUBJECT:
			shape(b, "ring", GENO_MALE, mx, cy, 13);
			shape(b, "shape", GENO_MALE, mx, cy, 10);
			break;
		case M_DECEASED:
			shape(b, "shape", GENO_MALE, mx, cy, 10);
			cross(b, GENO_MALE, mx, cy, 10);
			break;
		case M_MARRIED: case M_COHAB: case M_DATING: case M_SEPARATED: case M_DIVORCED: case M_COPARENTS:
			buf_printf(b, "<path class=\"ln%s\"%s d=\"M%d %dV%dH%dV%d\"/>\n", i == M_COPARENTS ? " np" : "",
				   dash_of(i == M_COHAB ? GENO_COHABITING : i == M_DATING ? GENO_DATING : GENO_MARRIED),
				   x + 4, cy - 8, cy + 4, x + 46, cy - 8);
			for (int s = 0; s < (i == M_DIVORCED ? 2 : i == M_SEPARATED); s++) {
				int sx = mx + (i == M_DIVORCED ? (s ? 4 : -4) : 0);
				buf_printf(b, "<line class=\"slash\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", sx - 4, cy + 12, sx + 4, cy - 4);
			}
			break;
		case M_CHILD: case M_ADOPTED:
			buf_printf(b, "<path class=\"ln\"%s d=\"M%d %dV%d\"/>\n", i == M_ADOPTED ? " stroke-dasharray=\"6 4\"" : "",
				   mx, cy - 12, cy + 12);
			break;
		case M_CARER: case M_OTHER: case M_STEP:
			buf_printf(b, "<path class=\"%s\"%s d=\"M%d %dH%d\"/>\n", i == M_CARER ? "carer" : "thin",
				   i == M_CARER ? " stroke-dasharray=\"2 3\"" : i == M_STEP ? " stroke-dasharray=\"1 3\"" : "",
				   x + 4, cy, x + 46);
			break;
		case M_HOUSEHOLD:
			buf_printf(b, "<rect class=\"hh\" x=\"%d\" y=\"%d\" width=\"42\" height=\"22\" rx=\"8\" stroke=\"%s\" "
				   "stroke-dasharray=\"2 4\"/>\n", x + 4, cy - 11, HH_COLOUR[0]);
			break;
		case M_PR: badge(b, mx, cy + 4, "PR"); break;
		case M_AC: badge(b, mx, cy + 4, "AC"); break;
		case M_EXCLUDED:
			buf_puts(b, "<g class=\"excluded\">\n");
			shape(b, "shape", GENO_MALE, mx, cy, 10);
			buf_puts(b, "</g>\n");
			break;
		}
		text(b, x + 58, cy + 4, "lg", words[i]);
		k++;
	}
	buf_puts(b, "</g>\n");
	return y + 24 + ((k + per - 1) / per) * 32;
}

/* ---- the document ---- */

static const char STYLE[] =
	"<style>\n"
	"text{fill:#0b0c0c}\n"
	".person text,.c,.bt{text-anchor:middle}\n"
	".nm{font-size:11px}\n"
	".sm,.st,.ex,.hl{font-size:10px}\n"
	".sm{fill:#505a5f}\n"
	".st{font-style:italic}\n"
	".ex{fill:#d4351c;font-weight:bold}\n"
	".h2{font-size:13px;font-weight:bold}\n"
	".lg{font-size:11px}\n"
	".bt{font-size:8px;font-weight:bold}\n"
	".shape{fill:#fff;stroke:#0b0c0c;stroke-width:2}\n"
	".excluded .shape{stroke:#d4351c;stroke-width:3}\n"
	".ring{fill:none;stroke:#0b0c0c;stroke-width:1.5}\n"
	".x,.slash,.ln{fill:none;stroke:#0b0c0c;stroke-width:1.5}\n"
	".np{stroke:#6f777b;stroke-width:1}\n"
	".thin{fill:none;stroke:#6f777b;stroke-width:1}\n"
	".carer{fill:none;stroke:#1d70b8;stroke-width:2}\n"
	".hh{fill:none;stroke-width:1.5}\n"
	".badge{fill:#fff;stroke:#0b0c0c;stroke-width:1}\n"
	".hl{font-style:italic}\n"
	".hl,.lbl{stroke:#fff;stroke-width:3px;paint-order:stroke;stroke-linejoin:round}\n"
	".rule{stroke:#b1b4b6;stroke-width:1}\n"
	"</style>\n";

static void describe(const struct geno_model *m, struct buf *b)
{
	if (m->n == 0) {
		buf_puts(b, "No people have been recorded yet.");
		return;
	}
	int hh = 0, (*box)[4] = xmalloc(sizeof *box * (size_t)(m->n + 1));
	for (int h = 0; h < m->nhh; h++)
		hh += household_boxes(m, h, box) > 0;
	free(box);
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

void geno_svg_draw(const struct geno_model *m, const char *title, struct buf *out)
{
	struct buf body;
	buf_init(&body);
	struct pen pn = {.m = m, .b = &body};
	households(&pn, false);
	couples(&pn);
	children(&pn);
	int *level = xcalloc((size_t)m->nrows + 1, sizeof *level);
	for (int i = 0; i < m->nlink; i++)
		if (!m->link[i].shown && !m->link[i].merged && geno_is_family(m->link[i].r->kind))
			connector(&pn, &m->link[i], level);
	free(level);
	for (int i = 0; i < m->n; i++)
		person(&pn, &m->node[i]);
	households(&pn, true);
	if (m->nband) {
		static const char *const sub[GENO_NBANDS] = {NULL, "Friends and neighbours", "Professionals", "Not yet linked"};
		buf_printf(&body, "<line class=\"rule\" x1=\"30\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", m->band_title_y - 20,
			   m->width - 30, m->band_title_y - 20);
		text(&body, 30, m->band_title_y, "h2", "Wider network");
		for (int b = 1; b < GENO_NBANDS; b++)
			if (m->band_sub_y[b])
				text(&body, 30, m->band_sub_y[b], "lg", sub[b]);
	}
	int width = m->width < 720 ? 720 : m->width, height = m->height;
	if (m->n == 0) {
		text(&body, 30, 50, "lg", "No people have been recorded yet.");
		width = 400;
		height = 90;
	} else {
		height = legend(&pn, m->height + 10, width) + 20;
	}
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
			"role=\"img\" aria-labelledby=\"geno-title geno-desc\">\n<title id=\"geno-title\">",
		   width, height, width, height);
	esc(out, title ? title : "Genogram");
	buf_puts(out, "</title>\n<desc id=\"geno-desc\">");
	describe(m, out);
	buf_puts(out, "</desc>\n");
	buf_puts(out, STYLE);
	buf_printf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n<g font-family=\"" FONT "\">\n", width, height);
	buf_append(out, body.data ? body.data : "", body.len);
	buf_puts(out, "</g>\n</svg>\n");
	buf_free(&body);
}
