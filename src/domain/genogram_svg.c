/* genogram_svg.c — the drawing of the genogram: the placed model
 * (genogram_layout.h) as one standalone SVG document. The couple lines, the
 * children's lines and the thin connectors go down first, then the people
 * over them (a shape's white fill tidies the line ends), then the
 * wider-network band's headings. genogram_households.c then adds the
 * household outlines behind all of it and their labels over it, and
 * genogram_key.c the key; the document is put together here.
 *
 * Everything goes through a pen (struct geno_pen), which writes it and
 * remembers where it went (lines as runs, text and marks as boxes), because
 * the households, drawn after the rest, must keep their joins and labels
 * clear of it.
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

#include <stdio.h>
#include <stdlib.h>

#define FONT "Arial, 'DejaVu Sans', sans-serif"

/* ---- the pen ---- */

static void note(struct geno_rect **a, int *n, int *cap, int x0, int y0, int x1, int y1)
{
	if (*n == *cap)
		*a = xrealloc(*a, sizeof **a * (size_t)(*cap = *cap ? 2 * *cap : 64));
	(*a)[(*n)++] = (struct geno_rect){x0 < x1 ? x0 : x1, y0 < y1 ? y0 : y1, x0 < x1 ? x1 : x0, y0 < y1 ? y1 : y0};
}

static void seg(struct geno_pen *pn, int x0, int y0, int x1, int y1)
{
	note(&pn->seg, &pn->nseg, &pn->cseg, x0, y0, x1, y1);
}

int geno_obstacle(struct geno_pen *pn, int x0, int y0, int x1, int y1)
{
	note(&pn->ob, &pn->nob, &pn->cob, x0, y0, x1, y1);
	return pn->nob - 1;
}

void geno_p_move(struct geno_pen *pn, int x, int y)
{
	buf_printf(pn->b, "M%d %d", x, y);
	pn->px = x;
	pn->py = y;
}

void geno_p_v(struct geno_pen *pn, int y)
{
	buf_printf(pn->b, "V%d", y);
	seg(pn, pn->px, pn->py, pn->px, y);
	pn->py = y;
}

void geno_p_h(struct geno_pen *pn, int x)
{
	buf_printf(pn->b, "H%d", x);
	seg(pn, pn->px, pn->py, x, pn->py);
	pn->px = x;
}

void geno_esc(struct buf *b, const char *s)
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

/* The stylesheet sets the size; px is for remembering the room it takes. */
void geno_text(struct geno_pen *pn, int x, int y, const char *cls, int px, bool mid, const char *s)
{
	buf_printf(pn->b, "<text class=\"%s\" x=\"%d\" y=\"%d\">", cls, x, y);
	geno_esc(pn->b, s);
	buf_puts(pn->b, "</text>\n");
	int w = geno_text_width(s, px);
	geno_obstacle(pn, mid ? x - w / 2 - 1 : x - 1, y - px * 3 / 4 - 1, mid ? x + w / 2 + 1 : x + w + 1, y + px / 4 + 1);
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

const char *geno_dash_of(int subtype)
{
	return subtype == GENO_COHABITING ? " stroke-dasharray=\"8 4\"" : subtype == GENO_DATING ? " stroke-dasharray=\"2 3\"" : "";
}

/* ---- couples and children ---- */

static int couple_y(const struct geno_model *m, const struct geno_couple *c)
{
	return m->node[c->a].cy + GENO_COUPLE_Y + 10 * c->depth;
}

static void couples(struct geno_pen *pn)
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
		pn->used[!r ? GENO_M_COPARENTS : st == GENO_MARRIED ? GENO_M_MARRIED : st == GENO_COHABITING ? GENO_M_COHAB
			 : st == GENO_DATING ? GENO_M_DATING : st == GENO_SEPARATED ? GENO_M_SEPARATED : GENO_M_DIVORCED] = true;
		buf_printf(pn->b, "<g class=\"partners %s\">\n", r ? kind[st] : "coparents");
		buf_printf(pn->b, "<path class=\"ln%s\"%s d=\"", r ? "" : " np", r ? geno_dash_of(st) : "");
		geno_p_move(pn, a->x, bottom_of(a));
		geno_p_v(pn, y);
		geno_p_h(pn, b->x);
		geno_p_v(pn, bottom_of(b));
		buf_puts(pn->b, "\"/>\n");
		int slashes = st == GENO_DIVORCED ? 2 : st == GENO_SEPARATED ? 1 : 0, sx = c->kids ? mx - 18 : mx;
		for (int k = 0; k < slashes && r; k++) {
			int x = sx + (slashes == 2 ? (k ? 4 : -4) : 0);
			buf_printf(pn->b, "<line class=\"slash\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x - 4, y + 7, x + 4, y - 7);
			geno_obstacle(pn, x - 4, y - 7, x + 4, y + 7);
		}
		char l1[32] = "", l2[32] = "";
		if (r && r->start_year > 0)
			snprintf(l1, sizeof l1, "%s %d", st == GENO_MARRIED || st == GENO_DIVORCED ? "m." : st == GENO_SEPARATED ? "from" : "since", r->start_year);
		if (r && r->end_year > 0 && (st == GENO_SEPARATED || st == GENO_DIVORCED))
			snprintf(*l1 ? l2 : l1, sizeof l1, "%s %d", st == GENO_SEPARATED ? "sep." : "div.", r->end_year);
		if (c->depth == 0) {
			if (*l1)
				geno_text(pn, mx, a->cy + (*l2 ? -3 : 4), "sm c lbl", GENO_SMALL_PX, true, l1);
			if (*l2)
				geno_text(pn, mx, a->cy + 11, "sm c lbl", GENO_SMALL_PX, true, l2);
		} else if (*l1) {
			char both[64];
			snprintf(both, sizeof both, "%s%s%s", l1, *l2 ? ", " : "", l2);
			geno_text(pn, mx, y - 3, "sm c lbl", GENO_SMALL_PX, true, both);
		}
		buf_puts(pn->b, "</g>\n");
	}
}

static void children(struct geno_pen *pn)
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
			geno_p_move(pn, ax, couple_y(m, &m->couple[g->couple]));
		} else if (g->npar == 2) { /* not side by side: a partner between them */
			geno_p_move(pn, ax, p->cy + GENO_COUPLE_Y);
		} else {
			geno_p_move(pn, p->x + g->stub * GENO_R, p->cy);
			geno_p_h(pn, ax);
		}
		geno_p_v(pn, g->bar_y);
		geno_p_move(pn, lo, g->bar_y);
		geno_p_h(pn, hi);
		buf_puts(pn->b, "\"/>\n");
		for (int c = 0; c < g->n; c++) {
			const struct geno_node *k = &m->node[g->kids[c]];
			pn->used[k->adopted ? GENO_M_ADOPTED : GENO_M_CHILD] = true;
			buf_printf(pn->b, "<path class=\"ln\"%s d=\"", k->adopted ? " stroke-dasharray=\"6 4\"" : "");
			geno_p_move(pn, k->x, g->bar_y);
			geno_p_v(pn, top_of(k));
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

int geno_cmp_x(const void *ctx, int a, int b)
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
	geno_sort(row, n, geno_cmp_x, m);
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
	enum geno_mark mark;
};

static bool style_of(const struct geno_rel *r, struct style *st)
{
	*st = (struct style){"thin", "", NULL, GENO_M_OTHER};
	switch (r->kind) {
	case GENO_PARENT:
		st->label = r->subtype == GENO_STEP ? "step-parent" : r->subtype == GENO_ADOPTIVE ? "adoptive parent" : "parent";
		st->dash = r->subtype == GENO_STEP ? " stroke-dasharray=\"1 3\"" : r->subtype == GENO_ADOPTIVE ? " stroke-dasharray=\"6 4\"" : "";
		st->mark = r->subtype == GENO_STEP ? GENO_M_STEP : GENO_M_OTHER;
		return true;
	case GENO_PARTNER:
		st->label = r->subtype == GENO_DIVORCED ? "divorced" : r->subtype == GENO_SEPARATED ? "separated" : "partner";
		st->dash = geno_dash_of(r->subtype);
		return true;
	case GENO_SIBLING: return true;
	case GENO_HALF_SIBLING: st->label = "half"; return true;
	case GENO_GRANDPARENT: st->label = "grandparent"; return true;
	case GENO_AUNT_UNCLE: st->label = "aunt or uncle"; return true;
	case GENO_COUSIN: st->label = "cousin"; return true;
	case GENO_CARER:
		*st = (struct style){"carer", " stroke-dasharray=\"2 3\"", r->subtype == GENO_KINSHIP ? "kinship carer" : "foster carer", GENO_M_CARER};
		return true;
	default:
		return false;
	}
}

/* A thin labelled line for a family relationship the structure does not
 * show; links between the same two people (merged) share it, their labels
 * joined, drawn as a care placement if one of them is. */
static void connector(struct geno_pen *pn, const struct geno_link *l, int *level)
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
		if (more.mark == GENO_M_CARER && st.mark != GENO_M_CARER)
			st = (struct style){more.cls, more.dash, NULL, more.mark};
	}
	st.label = words.len ? words.data : NULL;
	const char *cls = st.cls, *dash = st.dash, *label = st.label;
	enum geno_mark mk = st.mark;
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
		geno_p_move(pn, u->x, top_of(u));
		geno_p_v(pn, y);
		geno_p_h(pn, w->x);
		geno_p_v(pn, top_of(w));
		buf_puts(pn->b, "\"/>\n");
		if (label)
			geno_text(pn, (u->x + w->x) / 2, y - 3, "sm c lbl", GENO_SMALL_PX, true, label);
	} else {
		/* Out of the side, then down through the gaps of each row on
		 * the way, along a level of its own above each. */
		int x = u->x + side_of(m, u, w->x) * GENO_STUB, y = 0;
		geno_p_move(pn, u->x + (x > u->x ? GENO_R : -GENO_R), u->cy);
		geno_p_h(pn, x);
		for (int row = u->row + 1; row <= w->row; row++) {
			y = level_y(m, row, level[row]++);
			int nx = row == w->row ? w->x : gap_at(m, m->row_cy[row], x);
			geno_p_v(pn, y);
			geno_p_h(pn, nx);
			if (row < w->row)
				x = nx;
		}
		geno_p_v(pn, top_of(w));
		buf_puts(pn->b, "\"/>\n");
		if (label)
			geno_text(pn, (x + w->x) / 2, y - 3, "sm c lbl", GENO_SMALL_PX, true, label);
	}
	buf_puts(pn->b, "</g>\n");
	buf_free(&words);
}

/* ---- people ---- */

void geno_shape(struct buf *b, const char *cls, enum geno_gender g, int x, int y, int r)
{
	if (g == GENO_MALE)
		buf_printf(b, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>\n", cls, x - r, y - r, 2 * r, 2 * r);
	else if (g == GENO_FEMALE)
		buf_printf(b, "<circle class=\"%s\" cx=\"%d\" cy=\"%d\" r=\"%d\"/>\n", cls, x, y, r);
	else
		buf_printf(b, "<polygon class=\"%s\" points=\"%d,%d %d,%d %d,%d %d,%d\"/>\n", cls, x, y - r - 2, x + r + 2, y,
			   x, y + r + 2, x - r - 2, y);
}

void geno_cross(struct buf *b, enum geno_gender g, int x, int y, int r)
{
	int d = g == GENO_MALE ? r : g == GENO_FEMALE ? r * 7 / 10 : r * 11 / 20;
	buf_printf(b, "<line class=\"x\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x - d, y - d, x + d, y + d);
	buf_printf(b, "<line class=\"x\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x - d, y + d, x + d, y - d);
}

/* A badge, its text's baseline at (x, y): 28 by 16. */
void geno_badge(struct buf *b, int x, int y, const char *s)
{
	buf_printf(b, "<rect class=\"badge\" x=\"%d\" y=\"%d\" width=\"28\" height=\"16\" rx=\"3\"/>\n", x - 14, y - 12);
	buf_printf(b, "<text class=\"bt\" x=\"%d\" y=\"%d\">%s</text>\n", x, y, s);
}

static void person(struct geno_pen *pn, const struct geno_node *nd)
{
	static const char *const cls[] = {"nm", "sm", "st", "ex"};
	const struct geno_person *p = nd->p;
	enum geno_gender g = p->gender == GENO_MALE || p->gender == GENO_FEMALE ? p->gender : GENO_UNKNOWN;
	struct buf *b = pn->b;
	pn->used[g == GENO_MALE ? GENO_M_MALE : g == GENO_FEMALE ? GENO_M_FEMALE : GENO_M_UNKNOWN] = true;
	buf_printf(b, "<g class=\"person %s%s%s%s\">\n", g == GENO_MALE ? "male" : g == GENO_FEMALE ? "female" : "unknown",
		   p->subject ? " subject" : "", p->deceased ? " deceased" : "", p->status == GENO_EXCLUDED ? " excluded" : "");
	if (p->subject) {
		pn->used[GENO_M_SUBJECT] = true;
		geno_shape(b, "ring", g, nd->x, nd->cy, GENO_R + 5);
	}
	geno_shape(b, "shape", g, nd->x, nd->cy, GENO_R);
	if (p->deceased) {
		pn->used[GENO_M_DECEASED] = true;
		geno_cross(b, g, nd->x, nd->cy, GENO_R);
	}
	int by = nd->cy - GENO_TOP + 13; /* the badges' baseline */
	if (p->address_confidential) {
		pn->used[GENO_M_AC] = true;
		geno_badge(b, nd->x - GENO_BADGE + 14, by, "AC");
	}
	if (p->pr) {
		pn->used[GENO_M_PR] = true;
		geno_badge(b, nd->x + GENO_BADGE - 14, by, "PR");
	}
	int side = p->subject ? GENO_R + 8 : GENO_R + 3;
	geno_obstacle(pn, nd->x - (p->address_confidential ? GENO_BADGE : side),
		      p->address_confidential || p->pr ? nd->cy - GENO_TOP : top_of(nd) - (p->subject ? 1 : 0),
		      nd->x + (p->pr ? GENO_BADGE : side), bottom_of(nd) + (p->subject ? 6 : 1));
	pn->used[GENO_M_EXCLUDED] |= p->status == GENO_EXCLUDED;
	for (int k = 0; k < nd->nlines; k++)
		geno_text(pn, nd->x, nd->cy + nd->ly + GENO_LINE_H * k, cls[nd->lclass[k]], geno_line_px(nd, k), true, nd->line[k]);
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

static void describe(const struct geno_pen *pn, struct buf *b)
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
			geno_esc(b, m->node[i].p->name);
			break;
		}
	buf_puts(b, ".");
}

/* Draws the whole document to out, remembering in pn where things went. */
static void render(struct geno_pen *pn, const struct geno_model *m, const char *title, struct buf *out)
{
	struct buf boxes, lines, people, labels, rest, key;
	buf_init(&boxes);
	buf_init(&lines);
	buf_init(&people);
	buf_init(&labels);
	buf_init(&rest);
	buf_init(&key);
	*pn = (struct geno_pen){.m = m, .b = &lines, .width = m->width};
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
		geno_text(pn, 30, m->band_title_y, "h2", 15, false, "Wider network");
		for (int b = 1; b < GENO_NBANDS; b++)
			if (m->band_sub_y[b])
				geno_text(pn, m->band_sub_x[b], m->band_sub_y[b], "lg", 12, false, sub[b]);
	}
	geno_households(pn, &boxes, &labels);
	int width = 400, height = 90, dx = 0;
	pn->b = &key;
	if (m->n == 0)
		geno_text(pn, 30, 50, "lg", 12, false, "No people have been recorded yet.");
	else
		geno_key(pn, &width, &height, &dx);
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
			"role=\"img\" aria-labelledby=\"geno-title geno-desc\">\n<title id=\"geno-title\">",
		   width, height, width, height);
	geno_esc(out, title ? title : "Genogram");
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

static void pen_free(struct geno_pen *pn)
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
	struct geno_pen pn;
	render(&pn, m, title, out);
	pen_free(&pn);
}

int geno_svg_check(const struct geno_model *m, char *why, size_t n)
{
	struct geno_pen pn;
	struct buf out;
	buf_init(&out);
	render(&pn, m, NULL, &out);
	int rc = geno_households_check(&pn, why, n);
	buf_free(&out);
	pen_free(&pn);
	return rc;
}
