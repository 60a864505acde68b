/* genogram_layout.c — where everything in the genogram goes (the model is
 * built in genogram.c). Each family component is laid out on its own, the
 * main one first and the others to its right, on the shared generation rows:
 *
 *   order   a depth-first walk from the top-left ancestor gives a first
 *           order in every row (a unit's left member's family to its left,
 *           the right member's to its right); then barycentre sweeps, down
 *           and up, re-sort the units of each row, siblings by birth, and
 *           the order with the fewest line crossings is kept;
 *   x       rows are packed, then each row is pulled towards its parents
 *           (children centred under them) or its children (parents centred
 *           over them) by an exact least-squares fit that keeps the order and
 *           the minimum gaps (isotonic regression, pool-adjacent-violators);
 *           someone drawn without parents who lands under another family's
 *           sibling bar is moved along until he does not;
 *   y       row heights follow the tallest label, the sibling bars and the
 *           connectors that come down into the row, each on its own level.
 *
 * All arithmetic is on integers, so the result is the same on every machine.
 * The wider-network band goes below in a grid. */
#include "genogram_layout.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define UNIT_GAP 130		/* least distance between people of different units */
#define COUPLE_GAP 140		/* least distance between partners */
#define COMP_GAP 90		/* between family components */
#define ROW_GAP 104		/* below the deepest label to the next row's centre, less its bars and levels */
#define ROW_PITCH 175		/* the least distance between rows */
#define BAND_PITCH 180		/* the least distance between people in the band */
#define MARGIN 30
#define SWEEPS 8
#define FITS 12

struct lay {
	struct geno_model *m;
	int comp, nr;		/* the component; rows 0 .. nr-1 are the model's */
	int **ru, *nru;		/* units of each row, left to right */
	int *np;		/* people in each row */
	int **best;		/* the best order found */
};

static long long fdiv(long long a, long long b)
{
	long long q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static void row_pos(struct lay *l, int r)
{
	int p = 0;
	for (int i = 0; i < l->nru[r]; i++) {
		const struct geno_unit *u = &l->m->unit[l->ru[r][i]];
		for (int k = 0; k < u->n; k++)
			l->m->node[u->m[k]].pos = p++;
	}
	l->np[r] = p;
}

/* ---- the first order: a depth-first walk ---- */

static void visit(struct lay *l, int p, bool *done);

static void visit_parents(struct lay *l, int c, bool *done)
{
	const struct geno_node *nd = &l->m->node[c];
	int a = nd->par[0], b = nd->par[1];
	if (b >= 0 && l->m->node[b].upos < l->m->node[a].upos) {
		int t = a;
		a = b;
		b = t;
	}
	if (a >= 0)
		visit(l, a, done);
	if (b >= 0)
		visit(l, b, done);
}

static void visit(struct lay *l, int p, bool *done)
{
	struct geno_model *m = l->m;
	int u = m->node[p].unit;
	if (done[u])
		return;
	done[u] = true;
	const struct geno_unit *U = &m->unit[u];
	/* The left member's family goes left of the unit, the others' right. */
	visit_parents(l, U->m[0], done);
	l->ru[U->row][l->nru[U->row]++] = u;
	for (int k = 1; k < U->n; k++)
		visit_parents(l, U->m[k], done);
	for (int k = 0; k < U->n; k++) {
		const struct geno_node *nd = &m->node[U->m[k]];
		for (int g = 0; g < nd->ncgroups; g++)
			for (int c = 0; c < m->group[nd->cgroups[g]].n; c++)
				visit(l, m->group[nd->cgroups[g]].kids[c], done);
	}
	for (int k = 0; k < U->n; k++) {
		const struct geno_node *nd = &m->node[U->m[k]];
		for (int j = 0; j < nd->nlinks; j++) {
			const struct geno_link *lk = &m->link[nd->links[j]];
			if (geno_is_family(lk->r->kind))
				visit(l, geno_other(lk, U->m[k]), done);
		}
	}
}

/* ---- barycentre sweeps ---- */

struct item {
	int u;
	bool has;
	long long key;
	int g, br, id;
};

static int cmp_item(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->g != b->g)
		return a->g < b->g ? -1 : 1;
	if (a->br != b->br)
		return a->br < b->br ? -1 : 1;
	return a->id - b->id;
}

/* Re-sorts row r by the positions of the units' links in row r + dir:
 * parents (down, dir -1) or children (up, dir +1); a unit with neither
 * follows what it is otherwise linked to, or keeps its place. Keys are
 * positions times 1024. */
static void sweep(struct lay *l, int r, int dir)
{
	struct geno_model *m = l->m;
	int n = l->nru[r], adj = r + dir;
	if (n < 2)
		return;
	struct item *it = xcalloc((size_t)n, sizeof *it);
	for (int i = 0; i < n; i++) {
		const struct geno_unit *U = &m->unit[l->ru[r][i]];
		long long sum = 0;
		int cnt = 0;
		it[i] = (struct item){.u = l->ru[r][i], .g = INT_MAX, .br = INT_MAX, .id = U->m[0]};
		/* Keys place the unit's centre (positions doubled). Going up, a
		 * couple's centre follows its children; going down, a member of a
		 * chain of three or more (a mother between her ex and her partner)
		 * pulls the chain by her own offset, so she, not the chain, lands
		 * under her parents and her siblings stand on her side. A couple
		 * does not: that would undo the siblings' birth order. */
		long long centre2 = 2LL * m->node[U->m[0]].pos + U->n - 1;
		for (int k = 0; k < U->n; k++) {
			const struct geno_node *nd = &m->node[U->m[k]];
			if (dir < 0 && nd->npar > 0) {
				long long s = 0;
				for (int j = 0; j < nd->npar; j++)
					s += m->node[nd->par[j]].pos;
				sum += s * 1024 / nd->npar - (U->n >= 3 ? (2LL * nd->pos - centre2) * 512 : 0);
				cnt++;
				it[i].g = nd->group < it[i].g ? nd->group : it[i].g;
				it[i].br = nd->brank < it[i].br ? nd->brank : it[i].br;
			}
			for (int g = 0; dir > 0 && g < nd->ncgroups; g++) {
				const struct geno_group *gr = &m->group[nd->cgroups[g]];
				if (gr->par[0] != U->m[k])
					continue; /* a couple's children count once */
				long long a2 = gr->npar == 2 ? m->node[gr->par[0]].pos + m->node[gr->par[1]].pos : 2LL * nd->pos;
				for (int c = 0; c < gr->n; c++, cnt++)
					sum += (long long)m->node[gr->kids[c]].pos * 1024 - (a2 - centre2) * 512;
			}
		}
		for (int k = 0; k < U->n && cnt == 0; k++) {
			const struct geno_node *nd = &m->node[U->m[k]];
			for (int j = 0; j < nd->nlinks; j++) {
				const struct geno_link *lk = &m->link[nd->links[j]];
				const struct geno_node *o = &m->node[geno_other(lk, U->m[k])];
				if (geno_is_family(lk->r->kind) && o->row == adj) {
					sum += (long long)o->pos * 1024;
					cnt++;
				}
			}
		}
		if (it[i].br == INT_MAX)
			it[i].br = m->node[U->m[0]].brank;
		if (cnt) {
			it[i].key = fdiv(sum, cnt);
			it[i].has = true;
		}
	}
	/* Siblings or cousins recorded without parents sit next to theirs. */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < n; i++) {
			const struct geno_unit *U = &m->unit[it[i].u];
			for (int k = 0; k < U->n && !it[i].has; k++) {
				const struct geno_node *nd = &m->node[U->m[k]];
				for (int j = 0; j < nd->nlinks && !it[i].has; j++) {
					const struct geno_link *lk = &m->link[nd->links[j]];
					int ou = m->node[geno_other(lk, U->m[k])].unit;
					if (!geno_is_family(lk->r->kind) || m->node[geno_other(lk, U->m[k])].row != r || ou == it[i].u)
						continue;
					for (int t = 0; t < n; t++)
						if (it[t].u == ou && it[t].has) {
							it[i].key = it[t].key + 1;
							it[i].has = true;
							break;
						}
				}
			}
		}
	int other = adj >= 0 && adj < l->nr && l->np[adj] > 0 ? l->np[adj] : l->np[r];
	/* Then anyone related further up or down (an aunt recorded only as
	 * the child's aunt), their place scaled to the neighbouring row. */
	for (int i = 0; i < n; i++) {
		const struct geno_unit *U = &m->unit[it[i].u];
		for (int k = 0; k < U->n && !it[i].has; k++) {
			const struct geno_node *nd = &m->node[U->m[k]];
			for (int j = 0; j < nd->nlinks && !it[i].has; j++) {
				const struct geno_link *lk = &m->link[nd->links[j]];
				const struct geno_node *o = &m->node[geno_other(lk, U->m[k])];
				if (geno_is_family(lk->r->kind) && o->row != r && l->np[o->row] > 0) {
					it[i].key = ((long long)o->pos * 1024 + 512) * other / l->np[o->row];
					it[i].has = true;
				}
			}
		}
	}
	for (int i = 0; i < n; i++)
		if (!it[i].has)
			it[i].key = ((long long)m->node[m->unit[it[i].u].m[0]].pos * 1024 + 512) * other / l->np[r];
	qsort(it, (size_t)n, sizeof *it, cmp_item);
	for (int i = 0; i < n; i++)
		l->ru[r][i] = it[i].u;
	row_pos(l, r);
	free(it);
}

/* Crossings between adjacent rows (child lines and other family lines),
 * times 4096, plus how far apart same-row relatives are. */
static long long score(const struct lay *l)
{
	const struct geno_model *m = l->m;
	long long s = 0, spread = 0;
	int cap = 16, ne;
	long long (*e)[2] = xmalloc(sizeof *e * (size_t)cap);
	for (int r = 0; r + 1 < l->nr; r++) {
		ne = 0;
		for (int i = 0; i < m->n; i++) {
			const struct geno_node *nd = &m->node[i];
			if (nd->comp != l->comp || nd->row != r + 1)
				continue;
			for (int j = -1; j < nd->nlinks; j++) {
				long long up = -1, down = 2LL * nd->pos;
				if (j < 0 && nd->npar > 0)
					up = nd->npar == 2 ? m->node[nd->par[0]].pos + m->node[nd->par[1]].pos : 2LL * m->node[nd->par[0]].pos;
				if (j >= 0) {
					const struct geno_link *lk = &m->link[nd->links[j]];
					const struct geno_node *o = &m->node[geno_other(lk, i)];
					if (geno_is_family(lk->r->kind) && !lk->shown && o->row == r)
						up = 2LL * o->pos;
				}
				if (up < 0)
					continue;
				if (ne == cap)
					e = xrealloc(e, sizeof *e * (size_t)(cap *= 2));
				e[ne][0] = up;
				e[ne++][1] = down;
			}
		}
		for (int i = 0; i < ne; i++)
			for (int j = i + 1; j < ne; j++)
				if ((e[i][0] - e[j][0]) * (e[i][1] - e[j][1]) < 0)
					s++;
	}
	for (int i = 0; i < m->nlink; i++) {
		const struct geno_link *lk = &m->link[i];
		const struct geno_node *a = &m->node[lk->a], *b = &m->node[lk->b];
		if (geno_is_family(lk->r->kind) && !lk->shown && a->comp == l->comp && a->row == b->row)
			spread += a->pos > b->pos ? a->pos - b->pos : b->pos - a->pos;
	}
	free(e);
	return s * 4096 + spread;
}

static void keep(struct lay *l, bool restore)
{
	for (int r = 0; r < l->nr; r++) {
		if (restore)
			memcpy(l->ru[r], l->best[r], sizeof(int) * (size_t)l->nru[r]);
		else
			memcpy(l->best[r], l->ru[r], sizeof(int) * (size_t)l->nru[r]);
		if (restore)
			row_pos(l, r);
	}
}

static void order(struct lay *l)
{
	struct geno_model *m = l->m;
	bool *done = xcalloc((size_t)m->nunit + 1, sizeof *done);
	int root = -1;
	for (int i = 0; i < m->n && root < 0; i++)
		if (m->node[i].comp == l->comp && m->node[i].p->subject)
			root = i;
	for (int i = 0; i < m->n && root < 0; i++)
		if (m->node[i].comp == l->comp)
			root = i;
	/* Up through the left parent to the top-left ancestor. */
	for (int guard = 0; m->node[root].npar > 0 && guard < m->n; guard++) {
		const struct geno_node *nd = &m->node[root];
		root = nd->npar == 2 && m->node[nd->par[1]].upos < m->node[nd->par[0]].upos ? nd->par[1] : nd->par[0];
	}
	visit(l, root, done);
	for (int i = 0; i < m->n; i++)
		if (m->node[i].comp == l->comp)
			visit(l, i, done);
	free(done);
	for (int r = 0; r < l->nr; r++)
		row_pos(l, r);
	for (int r = 1; r < l->nr; r++)
		sweep(l, r, -1);
	long long best = score(l);
	keep(l, false);
	for (int it = 0; it < SWEEPS; it++) {
		for (int r = l->nr - 2; r >= 0; r--)
			sweep(l, r, +1);
		for (int r = 1; r < l->nr; r++)
			sweep(l, r, -1);
		long long s = score(l);
		if (s < best) {
			best = s;
			keep(l, false);
		}
	}
	keep(l, true);
}

/* ---- x: least squares with order and gaps kept ---- */

static int couple_gap(const struct geno_model *m, int a, int b)
{
	int h = m->node[a].hw > m->node[b].hw ? m->node[a].hw : m->node[b].hw;
	/* The children's line drops half way: room for it between the labels. */
	return 2 * h + 20 > COUPLE_GAP ? 2 * h + 20 : COUPLE_GAP;
}

static int unit_dist(const struct geno_model *m, int u, int v)
{
	const struct geno_unit *U = &m->unit[u], *V = &m->unit[v];
	int a = U->m[U->n - 1], b = V->m[0], g = m->node[a].hw + m->node[b].hw + 24;
	return U->off[U->n - 1] + (g > UNIT_GAP ? g : UNIT_GAP);
}

/* Weighted isotonic regression: y non-decreasing, closest to wt/w. */
static void pava(int n, const long long *w, const long long *wt, long long *y)
{
	long long *bw = xmalloc(sizeof *bw * (size_t)n), *bwt = xmalloc(sizeof *bwt * (size_t)n);
	int *start = xmalloc(sizeof *start * (size_t)n), nb = 0;
	for (int i = 0; i < n; i++) {
		bw[nb] = w[i];
		bwt[nb] = wt[i];
		start[nb++] = i;
		while (nb > 1 && bwt[nb - 2] * bw[nb - 1] > bwt[nb - 1] * bw[nb - 2]) {
			bw[nb - 2] += bw[nb - 1];
			bwt[nb - 2] += bwt[nb - 1];
			nb--;
		}
	}
	for (int b = 0; b < nb; b++) {
		long long v = fdiv(bwt[b], bw[b]);
		for (int i = start[b]; i < (b + 1 < nb ? start[b + 1] : n); i++)
			y[i] = v;
	}
	free(start);
	free(bwt);
	free(bw);
}

/* Moves row r's units as close as the gaps allow to where its parents
 * (dir -1) or its children (dir +1) want them. */
static void fit(struct lay *l, int r, int dir)
{
	struct geno_model *m = l->m;
	int n = l->nru[r];
	if (n == 0)
		return;
	long long *G = xcalloc((size_t)n, sizeof *G), *w = xcalloc((size_t)n, sizeof *w);
	long long *wt = xcalloc((size_t)n, sizeof *wt), *y = xcalloc((size_t)n, sizeof *y);
	int *ix = xmalloc(sizeof *ix * (size_t)(m->nunit + 1));
	for (int i = 0; i < n; i++) {
		ix[l->ru[r][i]] = i;
		if (i > 0)
			G[i] = G[i - 1] + unit_dist(m, l->ru[r][i - 1], l->ru[r][i]);
	}
	for (int gi = 0; gi < m->ngroup; gi++) {
		const struct geno_group *g = &m->group[gi];
		if (g->comp != l->comp || (dir < 0 && g->row != r) || (dir > 0 && g->row != r + 1))
			continue;
		if (dir < 0) {
			/* The group packed tight, its children centred under the line. */
			int i0 = n, lo = INT_MAX, hi = INT_MIN;
			for (int c = 0; c < g->n; c++)
				i0 = ix[m->node[g->kids[c]].unit] < i0 ? ix[m->node[g->kids[c]].unit] : i0;
			for (int c = 0; c < g->n; c++) {
				const struct geno_node *k = &m->node[g->kids[c]];
				int kx = (int)(G[ix[k->unit]] - G[i0]) + m->unit[k->unit].off[k->upos];
				lo = kx < lo ? kx : lo;
				hi = kx > hi ? kx : hi;
			}
			long long want = geno_anchor_x(m, g) - (lo + hi) / 2 - G[i0];
			for (int c = 0; c < g->n; c++) {
				int i = ix[m->node[g->kids[c]].unit];
				w[i] += 2;
				wt[i] += 2 * (want + G[i]);
			}
		} else {
			int lo = INT_MAX, hi = INT_MIN;
			for (int c = 0; c < g->n; c++) {
				const struct geno_node *k = &m->node[g->kids[c]];
				int kx = m->unit[k->unit].x + m->unit[k->unit].off[k->upos];
				lo = kx < lo ? kx : lo;
				hi = kx > hi ? kx : hi;
			}
			int i = ix[m->node[g->par[0]].unit];
			w[i] += 2;
			wt[i] += 2LL * ((lo + hi) / 2 - g->aoff);
		}
	}
	for (int i = 0; i < n; i++) {
		if (w[i] == 0) {
			w[i] = 1;
			wt[i] = m->unit[l->ru[r][i]].x;
		}
		wt[i] -= w[i] * G[i];
	}
	pava(n, w, wt, y);
	for (int i = 0; i < n; i++)
		m->unit[l->ru[r][i]].x = (int)(y[i] + G[i]);
	free(ix);
	free(y);
	free(wt);
	free(w);
	free(G);
}

static void place_x(struct lay *l)
{
	struct geno_model *m = l->m;
	for (int r = 0; r < l->nr; r++)
		for (int i = 0, x = 0; i < l->nru[r]; i++) {
			m->unit[l->ru[r][i]].x = x;
			if (i + 1 < l->nru[r])
				x += unit_dist(m, l->ru[r][i], l->ru[r][i + 1]);
		}
	for (int it = 0; it < FITS; it++) {
		for (int r = l->nr - 2; r >= 0; r--)
			fit(l, r, +1);
		for (int r = 1; r < l->nr; r++)
			fit(l, r, -1);
	}
	for (int r = l->nr - 2; r >= 0; r--)
		fit(l, r, +1);
}

/* Whether unit u stands under a sibling bar that is not its own. */
static bool under_bar(const struct lay *l, int u)
{
	const struct geno_model *m = l->m;
	const struct geno_unit *U = &m->unit[u];
	int x0 = U->x, x1 = U->x + U->off[U->n - 1];
	for (int gi = 0; gi < m->ngroup; gi++) {
		const struct geno_group *g = &m->group[gi];
		if (g->comp != l->comp || g->row != U->row)
			continue;
		int lo = geno_anchor_x(m, g), hi = lo;
		bool own = false;
		for (int c = 0; c < g->n; c++) {
			const struct geno_node *k = &m->node[g->kids[c]];
			own |= k->unit == u;
			lo = k->x < lo ? k->x : lo;
			hi = k->x > hi ? k->x : hi;
		}
		if (!own && x1 > lo - 20 && x0 < hi + 20)
			return true;
	}
	return false;
}

static void unit_xs(struct lay *l)
{
	for (int i = 0; i < l->m->n; i++) {
		struct geno_node *nd = &l->m->node[i];
		if (nd->comp == l->comp)
			nd->x = l->m->unit[nd->unit].x + l->m->unit[nd->unit].off[nd->upos];
	}
}

/* Someone with no parents drawn (a half-brother recorded only as one) must
 * not stand under another family's sibling bar, where he would look like
 * their child: he moves to the nearest place in his row where he does not. */
static void settle_strays(struct lay *l)
{
	struct geno_model *m = l->m;
	for (int r = 0; r < l->nr; r++) {
		int n = l->nru[r], *save = xmalloc(sizeof *save * (size_t)(n + 1));
		for (int i = 0; i < n; i++) {
			int u = l->ru[r][i];
			bool parented = false;
			for (int k = 0; k < m->unit[u].n; k++)
				parented |= m->node[m->unit[u].m[k]].npar > 0;
			if (parented || !under_bar(l, u))
				continue;
			memcpy(save, l->ru[r], sizeof *save * (size_t)n);
			/* A few places either side, then the ends of the row: each
			 * try is a whole placement, so they are kept few. */
			int cand[8] = {i + 1, i - 1, i + 2, i - 2, i + 3, i - 3, 0, n - 1};
			bool ok = false;
			for (int t = 0; t < 8 && !ok; t++) {
				int p = cand[t];
				if (p < 0 || p >= n || p == i || (t >= 6 && p >= i - 3 && p <= i + 3))
					continue;
				memcpy(l->ru[r], save, sizeof *save * (size_t)n);
				if (p > i)
					memmove(l->ru[r] + i, l->ru[r] + i + 1, sizeof(int) * (size_t)(p - i));
				else
					memmove(l->ru[r] + p + 1, l->ru[r] + p, sizeof(int) * (size_t)(i - p));
				l->ru[r][p] = u;
				row_pos(l, r);
				place_x(l);
				unit_xs(l);
				ok = !under_bar(l, u);
			}
			if (!ok) {
				memcpy(l->ru[r], save, sizeof *save * (size_t)n);
				row_pos(l, r);
				place_x(l);
				unit_xs(l);
			}
		}
		free(save);
	}
}

static void layout_component(struct geno_model *m, int comp, int *cursor)
{
	struct lay l = {.m = m, .comp = comp, .nr = m->nrows};
	l.ru = xcalloc((size_t)l.nr, sizeof *l.ru);
	l.best = xcalloc((size_t)l.nr, sizeof *l.best);
	l.nru = xcalloc((size_t)l.nr, sizeof *l.nru);
	l.np = xcalloc((size_t)l.nr, sizeof *l.np);
	for (int u = 0; u < m->nunit; u++)
		if (m->unit[u].comp == comp)
			l.nru[m->unit[u].row]++;
	for (int r = 0; r < l.nr; r++) {
		l.ru[r] = xmalloc(sizeof(int) * (size_t)(l.nru[r] + 1));
		l.best[r] = xmalloc(sizeof(int) * (size_t)(l.nru[r] + 1));
		l.nru[r] = 0;
	}
	order(&l);
	place_x(&l);
	unit_xs(&l);
	settle_strays(&l);
	int lo = INT_MAX;
	for (int i = 0; i < m->n; i++)
		if (m->node[i].comp == comp && m->node[i].x - m->node[i].hw < lo)
			lo = m->node[i].x - m->node[i].hw;
	int hi = *cursor;
	for (int i = 0; i < m->n; i++)
		if (m->node[i].comp == comp) {
			m->node[i].x += *cursor - lo;
			hi = m->node[i].x + m->node[i].hw > hi ? m->node[i].x + m->node[i].hw : hi;
		}
	for (int u = 0; u < m->nunit; u++)
		if (m->unit[u].comp == comp)
			m->unit[u].x += *cursor - lo;
	*cursor = hi + COMP_GAP;
	for (int r = 0; r < l.nr; r++) {
		free(l.ru[r]);
		free(l.best[r]);
	}
	free(l.ru);
	free(l.best);
	free(l.nru);
	free(l.np);
}

/* ---- y ---- */

static int cmp_span(const void *ctx, int a, int b)
{
	const int *lo = ctx;
	return lo[a] != lo[b] ? (lo[a] < lo[b] ? -1 : 1) : a - b;
}

/* Sibling bars of one row that would overlap go on separate levels. */
static void tracks(struct geno_model *m)
{
	int *lo = xmalloc(sizeof *lo * (size_t)(m->ngroup + 1)), *hi = xmalloc(sizeof *hi * (size_t)(m->ngroup + 1));
	int *ord = xmalloc(sizeof *ord * (size_t)(m->ngroup + 1)), *end = xmalloc(sizeof *end * (size_t)(m->ngroup + 1));
	for (int g = 0; g < m->ngroup; g++) {
		int a = geno_anchor_x(m, &m->group[g]);
		lo[g] = hi[g] = a;
		for (int c = 0; c < m->group[g].n; c++) {
			int x = m->node[m->group[g].kids[c]].x;
			lo[g] = x < lo[g] ? x : lo[g];
			hi[g] = x > hi[g] ? x : hi[g];
		}
		ord[g] = g;
	}
	geno_sort(ord, m->ngroup, cmp_span, lo);
	for (int r = 0; r < m->nrows; r++) {
		int nt = 0;
		for (int i = 0; i < m->ngroup; i++) {
			struct geno_group *g = &m->group[ord[i]];
			if (g->row != r)
				continue;
			int t = 0;
			while (t < nt && end[t] + 12 > lo[ord[i]])
				t++;
			if (t == nt)
				nt++;
			end[t] = hi[ord[i]];
			g->track = t;
		}
		m->row_tracks[r] = nt;
	}
	free(end);
	free(ord);
	free(hi);
	free(lo);
}

static int label_bottom(const struct geno_node *nd)
{
	return nd->nlines ? nd->ly + GENO_LINE_H * (nd->nlines - 1) + 4 : GENO_R + 8;
}

/* The band: under its title, a group for each heading, each a grid as
 * wide as its people need, the groups side by side while they fit (a tall
 * stack prints small), with room above every grid row for a household's
 * outline and label when anyone in the band has a household. */
static void place_band(struct geno_model *m, int top, int width)
{
	static const int bands[] = {GENO_BAND_FRIENDS, GENO_BAND_PROS, GENO_BAND_UNLINKED};
	int pitch = BAND_PITCH;
	bool hh = false;
	for (int i = 0; i < m->n; i++)
		if (m->node[i].band != GENO_FAMILY) {
			pitch = 2 * m->node[i].hw + 24 > pitch ? 2 * m->node[i].hw + 24 : pitch;
			hh |= m->node[i].p->household && *m->node[i].p->household;
		}
	int per = (width - 2 * MARGIN) / pitch, col = 0, used = 0, rowtop = top + 34, rowh = 0;
	per = per < 4 ? 4 : per;
	m->band_title_y = top + 20;
	for (int b = 0; b < 3; b++) {
		int k = 0;
		for (int i = 0; i < m->n; i++)
			k += m->node[i].band == bands[b];
		if (k == 0)
			continue;
		int cols = k < per ? k : per, y = 0, lb = 0, j = 0;
		if (col > 0 && col + cols > per) {
			rowtop += rowh;
			col = 0;
			rowh = 0;
		}
		m->band_sub_x[bands[b]] = MARGIN + col * pitch;
		m->band_sub_y[bands[b]] = rowtop + 30;
		y = rowtop + 30 + (hh ? 66 : 50);
		for (int i = 0; i < m->n; i++) {
			struct geno_node *nd = &m->node[i];
			if (nd->band != bands[b])
				continue;
			if (j > 0 && j % cols == 0) {
				y += lb + (hh ? 72 : 48);
				lb = 0;
			}
			nd->x = MARGIN + (col + j % cols) * pitch + pitch / 2;
			nd->cy = y;
			nd->bottom = y + label_bottom(nd);
			lb = label_bottom(nd) > lb ? label_bottom(nd) : lb;
			j++;
		}
		rowh = y + lb - rowtop > rowh ? y + lb - rowtop : rowh;
		col += cols;
		used = col > used ? col : used;
	}
	m->height = rowtop + rowh + 20;
	int right = MARGIN + used * pitch;
	if (m->nband && right + MARGIN > m->width)
		m->width = right + MARGIN;
}

void geno_layout_place(struct geno_model *m)
{
	m->row_cy = xcalloc((size_t)m->nrows + 1, sizeof *m->row_cy);
	m->row_tracks = xcalloc((size_t)m->nrows + 1, sizeof *m->row_tracks);
	m->row_links = xcalloc((size_t)m->nrows + 1, sizeof *m->row_links);
	/* Each connector gets a level of its own above every row it goes down
	 * into, so two never share a horizontal run (genogram_svg.c hands
	 * them out in the same order). */
	for (int i = 0; i < m->nlink; i++) {
		const struct geno_link *l = &m->link[i];
		if (!l->shown && !l->merged && geno_is_family(l->r->kind)) {
			int lo = m->node[l->a].row, hi = m->node[l->b].row;
			if (lo > hi) {
				lo = hi;
				hi = m->node[l->a].row;
			}
			for (int r = lo < hi ? lo + 1 : lo; r <= hi; r++)
				m->row_links[r]++;
		}
	}
	for (int u = 0; u < m->nunit; u++) {
		struct geno_unit *U = &m->unit[u];
		for (int k = 1; k < U->n; k++)
			U->off[k] = U->off[k - 1] + couple_gap(m, U->m[k - 1], U->m[k]);
	}
	/* A partner line that passes under other partners (a third partner
	 * of one person) runs lower, so the whole unit's labels go lower too,
	 * and its children's line drops in the gap beside the far partner,
	 * not on the person in between. */
	for (int i = 0; i < m->n; i++)
		m->node[i].ly = GENO_LABEL_Y;
	for (int c = 0; c < m->ncouple; c++) {
		const struct geno_unit *U = &m->unit[m->node[m->couple[c].a].unit];
		for (int k = 0; k < U->n; k++)
			if (m->node[U->m[k]].ly < GENO_LABEL_Y + 10 * m->couple[c].depth)
				m->node[U->m[k]].ly = GENO_LABEL_Y + 10 * m->couple[c].depth;
	}
	for (int g = 0; g < m->ngroup; g++) {
		struct geno_group *gr = &m->group[g];
		const struct geno_node *p = &m->node[gr->par[0]];
		const struct geno_unit *U = &m->unit[p->unit];
		if (gr->npar == 1) {
			gr->aoff = U->off[p->upos] + gr->stub * GENO_STUB;
		} else {
			const struct geno_couple *c = &m->couple[gr->couple];
			int ua = m->node[c->a].upos, ub = m->node[c->b].upos;
			gr->aoff = c->depth == 0 ? (U->off[ua] + U->off[ub]) / 2 : U->off[ub] - (U->off[ub] - U->off[ub - 1]) / 2;
		}
	}
	int cursor = MARGIN;
	for (int c = 0; c < m->ncomp; c++)
		layout_component(m, c, &cursor);
	m->width = m->ncomp ? cursor - COMP_GAP + MARGIN : 2 * MARGIN;
	/* A small family stands in the middle of the page, not at its left. */
	if (m->nfamily && m->width < GENO_MIN_W) {
		int shift = (GENO_MIN_W - m->width) / 2;
		for (int i = 0; i < m->n; i++)
			if (m->node[i].comp >= 0)
				m->node[i].x += shift;
		for (int u = 0; u < m->nunit; u++)
			m->unit[u].x += shift;
		m->width = GENO_MIN_W;
	}
	tracks(m);
	/* Room above the top row for its badges, the labels of same-row
	 * connectors (their levels are added below) and a household's label. */
	int cy = GENO_TOP;
	if (m->row_links[0] && GENO_BAR_Y - GENO_LEVEL + 12 > cy)
		cy = GENO_BAR_Y - GENO_LEVEL + 12;
	for (int i = 0; i < m->n; i++)
		if (m->node[i].comp >= 0 && m->node[i].row == 0 && m->node[i].p->household && GENO_HH_TOP > cy)
			cy = GENO_HH_TOP;
	cy += 20;
	int bottom = 0;
	for (int r = 0; r < m->nrows; r++) {
		int lb = GENO_R + 8;
		for (int i = 0; i < m->n; i++)
			if (m->node[i].comp >= 0 && m->node[i].row == r && label_bottom(&m->node[i]) > lb)
				lb = label_bottom(&m->node[i]);
		cy += (r > 0 && m->row_tracks[r] > 1 ? GENO_TRACK * (m->row_tracks[r] - 1) : 0) + GENO_LEVEL * m->row_links[r];
		m->row_cy[r] = cy;
		for (int i = 0; i < m->n; i++)
			if (m->node[i].comp >= 0 && m->node[i].row == r) {
				m->node[i].cy = cy;
				m->node[i].bottom = cy + label_bottom(&m->node[i]);
			}
		bottom = cy + lb;
		cy += lb + ROW_GAP > ROW_PITCH ? lb + ROW_GAP : ROW_PITCH;
	}
	for (int g = 0; g < m->ngroup; g++)
		m->group[g].bar_y = m->row_cy[m->group[g].row] - GENO_BAR_Y - GENO_TRACK * m->group[g].track;
	m->height = m->nfamily ? bottom + 30 : 40;
	if (m->nband)
		place_band(m, m->nfamily ? bottom + 30 : 20, m->width);
}
