/* genogram_households.c — the households of the genogram: each one a
 * dotted outline in a colour of its own, round its members once the people
 * and lines are drawn (genogram_svg.c hands over its pen, which remembers
 * where everything went). The outlines go behind everything, the labels
 * over it.
 *
 * Where a household's members stand in different rows with other people
 * among them it is drawn in parts, joined by thin dotted lines of its
 * colour, and labelled once, in the first part (top left) where the label
 * crosses no line and covers nothing: the joins and the label are routed
 * round what the pen remembers (lines as runs, text and marks as boxes).
 * The key (genogram_key.c) gives each household's colour and name. */
#include "genogram_layout.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Dark enough for a label in the colour to be read on white. Blue, the
 * carer line's colour, comes late, so the first households are not taken
 * for a care placement. */
static const char *const HH_COLOUR[] = {"#00703c", "#912b88", "#b35900", "#4c2c92", "#1d70b8", "#00726b", "#8e5a17", "#b01e69"};
#define NHH_COLOUR (sizeof HH_COLOUR / sizeof HH_COLOUR[0])

static bool meets(const struct geno_rect *a, const struct geno_rect *b)
{
	return a->x0 <= b->x1 && b->x0 <= a->x1 && a->y0 <= b->y1 && b->y0 <= a->y1;
}

/* Whether r touches one of the four sides of box (inside it is not). */
static bool meets_outline(const struct geno_rect *r, const struct geno_rect *b)
{
	const struct geno_rect side[4] = {{b->x0, b->y0, b->x1, b->y0}, {b->x0, b->y1, b->x1, b->y1},
					  {b->x0, b->y0, b->x0, b->y1}, {b->x1, b->y0, b->x1, b->y1}};
	for (int i = 0; i < 4; i++)
		if (meets(r, &side[i]))
			return true;
	return false;
}

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

static void grow(const struct geno_model *m, struct geno_part *pt, const struct geno_node *nd, bool first)
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
static int household_parts(const struct geno_model *m, int h, struct geno_part *part)
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
static bool busy_v(const struct geno_pen *pn, int x, int y0, int y1)
{
	const struct geno_rect r = {x - 9, y0 + 1, x + 9, y1 - 1}, t = {x - 2, y0 + 1, x + 2, y1 - 1};
	for (int i = 0; i < pn->nseg; i++)
		if (pn->seg[i].x0 == pn->seg[i].x1 && meets(&r, &pn->seg[i]))
			return true;
	for (int i = 0; i < pn->nob; i++)
		if (meets(&t, &pn->ob[i]))
			return true;
	for (int i = 0; i < pn->npart; i++) { /* nor hugging an outline's side */
		const struct geno_rect *b = &pn->part[i].r, l = {b->x0 - 5, b->y0, b->x0 + 5, b->y1}, rt = {b->x1 - 5, b->y0, b->x1 + 5, b->y1};
		if (meets(&r, &l) || meets(&r, &rt))
			return true;
	}
	return false;
}

static bool busy_h(const struct geno_pen *pn, int y, int x0, int x1)
{
	const struct geno_rect r = {x0 + 1, y - 2, x1 - 1, y + 2};
	for (int i = 0; i < pn->nseg; i++)
		if (pn->seg[i].y0 == pn->seg[i].y1 && meets(&r, &pn->seg[i]))
			return true;
	for (int i = 0; i < pn->nob; i++)
		if (meets(&r, &pn->ob[i]))
			return true;
	for (int i = 0; i < pn->npart; i++) {
		const struct geno_rect *b = &pn->part[i].r, t = {b->x0, b->y0, b->x1, b->y0}, bt = {b->x0, b->y1, b->x1, b->y1};
		if (meets(&r, &t) || meets(&r, &bt))
			return true;
	}
	return false;
}

/* x, or the nearest x to it between lo and hi where a vertical run from y0
 * to y1 is clear (INT_MIN: none is); y, likewise, for a horizontal run from
 * x0 to x1 (y itself when none is). */
static int clear_x(const struct geno_pen *pn, int x, int y0, int y1, int lo, int hi)
{
	for (int d = 0; d <= 72; d += 6)
		for (int s = d ? -1 : 1; s <= 1; s += 2)
			if (x + s * d >= lo && x + s * d <= hi && !busy_v(pn, x + s * d, y0, y1))
				return x + s * d;
	return INT_MIN;
}

static int clear_y(const struct geno_pen *pn, int y, int x0, int x1, int lo, int hi)
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
static int pass_at(const struct geno_pen *pn, int cy, int y0, int y1, int lo, int hi, int tlo, int thi)
{
	const struct geno_model *m = pn->m;
	int *row = xmalloc(sizeof *row * (size_t)(m->n + 1)), n = 0, ng = 0;
	for (int i = 0; i < m->n; i++)
		if (m->node[i].cy == cy)
			row[n++] = i;
	geno_sort(row, n, geno_cmp_x, m);
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
static void join(struct geno_pen *pn, const struct level *lv, int nlv, const struct geno_part *a, const struct geno_part *b)
{
	int ka = level_at(lv, nlv, a->cy), kb = level_at(lv, nlv, b->cy), lo, hi;
	int alo = a->r.x0 + 14, ahi = a->r.x1 - 14, blo = b->r.x0 + 14, bhi = b->r.x1 - 14;
	if (ka >= kb) {
		int y = gap_y(lv, nlv, ka + 1, &lo, &hi);
		int xa = clear_x(pn, ahi - 2, a->r.y1, y, alo, ahi), xb = clear_x(pn, blo + 2, b->r.y1, y, blo, bhi);
		xa = xa == INT_MIN ? ahi - 2 : xa;
		xb = xb == INT_MIN ? blo + 2 : xb;
		y = clear_y(pn, y, xa, xb, lo, hi);
		geno_p_move(pn, xa, a->r.y1);
		geno_p_v(pn, y);
		geno_p_h(pn, xb);
		geno_p_v(pn, b->r.y1);
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
	geno_p_move(pn, xs[0], a->r.y1);
	for (int k = 1; k <= n; k++)
		if (xs[k] != xs[k - 1]) {
			geno_p_v(pn, ys[k]);
			geno_p_h(pn, xs[k]);
		}
	geno_p_v(pn, b->r.y0);
	free(yhi);
	free(ylo);
	free(ys);
	free(xs);
}

/* Whether a label's room r is clear: no line or outline through it, no
 * text, mark or other label under it (skip: an entry of ob to leave out). */
static bool clear(const struct geno_pen *pn, const struct geno_rect *r, int skip)
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
static bool may_widen(const struct geno_pen *pn, const struct geno_rect *r)
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
static int try_label(struct geno_pen *pn, int h, int q, const char *s, int w, bool wide, struct buf *out)
{
	struct geno_part *pt = &pn->part[q];
	struct geno_rect b = pt->r;
	int top = b.y0 + 15, bottom = b.y1 - 5, nslide = (b.x1 - b.x0) / 6 + 1;
	for (int c = 0; c < 3 + 2 * nslide; c++) {
		int x = c == 1 ? b.x1 - 10 - w : c == 0 || c == 2 ? b.x0 + 10 : b.x0 + 16 + 6 * ((c - 3) % nslide);
		int y = c == 2 || c >= 3 + nslide ? bottom : top;
		if (x < b.x0 + 8)
			continue;
		struct geno_rect r = {x - 2, y - GENO_HL_PX * 3 / 4 - 1, x + w + 2, y + GENO_HL_PX / 4 + 1};
		if (x + w + 10 > b.x1) {
			struct geno_rect more = {b.x1 + 1, b.y0, x + w + 10, b.y1};
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
		geno_esc(out, s);
		buf_puts(out, "</text>\n");
		return geno_obstacle(pn, r.x0, r.y0, r.x1, r.y1);
	}
	return -1;
}

/* One label for household h, in the first place it fits: its first (top
 * left) outline, then the others; shortened only when it fits nowhere. */
static void household_label(struct geno_pen *pn, int h, struct buf *out)
{
	const char *label = pn->m->hh[h].label && *pn->m->hh[h].label ? pn->m->hh[h].label : "Household";
	int n = geno_char_count(label);
	for (int len = n; len >= (n < 4 ? n : 4) && len > 0 && pn->label[h] < 0; len--) {
		char *cut[1] = {NULL};
		if (geno_wrap(label, len, 1, len, cut) == 1) {
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
void geno_households(struct geno_pen *pn, struct buf *boxes, struct buf *labels)
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
		pn->used[GENO_M_HOUSEHOLD] |= pn->nparts[h] > 0;
	}
	/* Joins first, so the labels keep clear of them too. */
	struct level *lv = xmalloc(sizeof *lv * (size_t)(m->n + 1));
	int nlv = levels_of(m, lv);
	struct buf *join_d = xcalloc((size_t)nh + 1, sizeof *join_d);
	for (int h = 0; h < nh; h++) {
		const struct geno_part *p = pn->part + pn->first[h];
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
			const struct geno_rect *r = &pn->part[i].r;
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

const char *geno_hh_colour(const struct geno_pen *pn, int h)
{
	return HH_COLOUR[pn->colour[h]];
}

int geno_households_check(const struct geno_pen *pn, char *why, size_t n)
{
	const struct geno_model *m = pn->m;
	for (int h = 0; h < m->nhh; h++) {
		if (pn->label[h] < 0)
			continue;
		const struct geno_rect r = pn->ob[pn->label[h]];
		if (!clear(pn, &r, pn->label[h])) {
			if (why && n)
				snprintf(why, n, "the label of household %s is crossed by a line or lies over something",
					 m->hh[h].id ? m->hh[h].id : "");
			return -1;
		}
	}
	return 0;
}
