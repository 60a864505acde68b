/* genogram.c — the genogram's model (genogram_layout.h) and the module's two
 * entry points. From the caller's records it works out who is family and who
 * belongs in the wider-network band, each family component's generations,
 * the couple units and the sibling groups children hang from, and which
 * relationships the drawing's structure already shows. genogram_layout.c
 * then places the model, genogram_labels.c words and wraps each person's
 * label, and genogram_svg.c draws it (with genogram_households.c and
 * genogram_key.c).
 *
 * Everything is sorted by its own keys (ids last) before it is used, so the
 * order the caller gives things in never reaches the output. */
#include "genogram_layout.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *nz(const char *s) { return s ? s : ""; }

/* ---- sorting ---- */

static void msort_rec(int *a, int *t, int lo, int hi, geno_cmp cmp, const void *ctx)
{
	if (hi - lo < 2)
		return;
	int mid = lo + (hi - lo) / 2, i = lo, j = mid, k = lo;
	msort_rec(a, t, lo, mid, cmp, ctx);
	msort_rec(a, t, mid, hi, cmp, ctx);
	while (i < mid && j < hi)
		t[k++] = cmp(ctx, a[j], a[i]) < 0 ? a[j++] : a[i++];
	while (i < mid)
		t[k++] = a[i++];
	while (j < hi)
		t[k++] = a[j++];
	memcpy(a + lo, t + lo, sizeof *a * (size_t)(hi - lo));
}

void geno_sort(int *a, int n, geno_cmp cmp, const void *ctx)
{
	if (n < 2)
		return;
	int *t = xmalloc(sizeof *t * (size_t)n);
	msort_rec(a, t, 0, n, cmp, ctx);
	free(t);
}

/* ---- birth order ---- */

bool geno_birth_year(const char *b, int *year, bool *full)
{
	if (!b)
		return false;
	for (int i = 0; i < 4; i++)
		if (b[i] < '0' || b[i] > '9')
			return false;
	if (b[4] != '\0' && b[4] != '-')
		return false;
	*year = (b[0] - '0') * 1000 + (b[1] - '0') * 100 + (b[2] - '0') * 10 + (b[3] - '0');
	*full = b[4] == '-';
	return true;
}

/* Oldest first: known births by year then date (a bare year after the dates
 * of that year), then ages, larger first, then neither; ids last. */
static int cmp_birth(const void *ctx, int x, int y)
{
	const struct geno_model *m = ctx;
	const struct geno_person *a = m->node[x].p, *b = m->node[y].p;
	int ya = 0, yb = 0;
	bool fa = false, fb = false;
	bool ka = geno_birth_year(a->birth, &ya, &fa), kb = geno_birth_year(b->birth, &yb, &fb);
	if (ka != kb)
		return ka ? -1 : 1;
	if (ka) {
		if (ya != yb)
			return ya < yb ? -1 : 1;
		if (fa != fb)
			return fa ? -1 : 1;
		int c = fa ? strcmp(a->birth, b->birth) : 0;
		if (c)
			return c;
	} else {
		int aa = a->age >= 0 ? a->age : -1, ab = b->age >= 0 ? b->age : -1;
		if ((aa >= 0) != (ab >= 0))
			return aa >= 0 ? -1 : 1;
		if (aa != ab)
			return aa > ab ? -1 : 1;
	}
	return x - y;
}

/* ---- records, sorted ---- */

static int cmp_person(const void *x, const void *y)
{
	const struct geno_person *a = *(const struct geno_person *const *)x;
	const struct geno_person *b = *(const struct geno_person *const *)y;
	int c = strcmp(nz(a->id), nz(b->id));
	if (!c)
		c = strcmp(nz(a->name), nz(b->name));
	if (!c)
		c = strcmp(nz(a->birth), nz(b->birth));
	if (!c)
		c = strcmp(nz(a->household), nz(b->household));
	if (!c)
		c = (int)a->gender - (int)b->gender;
	if (!c)
		c = (int)a->status - (int)b->status;
	if (!c)
		c = (a->subject - b->subject) * 4 + (a->deceased - b->deceased) * 2 + (a->pr - b->pr);
	if (!c)
		c = a->address_confidential - b->address_confidential;
	if (!c)
		c = a->age != b->age ? (a->age < b->age ? -1 : 1) : 0;
	if (!c)
		c = a->death_year != b->death_year ? (a->death_year < b->death_year ? -1 : 1) : 0;
	return c; /* equal in every field: either copy will do */
}

static int cmp_rel(const void *x, const void *y)
{
	const struct geno_rel *a = *(const struct geno_rel *const *)x;
	const struct geno_rel *b = *(const struct geno_rel *const *)y;
	int c = strcmp(nz(a->id), nz(b->id));
	if (!c)
		c = strcmp(nz(a->a), nz(b->a));
	if (!c)
		c = strcmp(nz(a->b), nz(b->b));
	if (!c)
		c = (int)a->kind - (int)b->kind;
	if (!c)
		c = a->subtype - b->subtype;
	if (!c)
		c = a->start_year != b->start_year ? (a->start_year < b->start_year ? -1 : 1) : 0;
	if (!c)
		c = a->end_year != b->end_year ? (a->end_year < b->end_year ? -1 : 1) : 0;
	if (!c)
		c = strcmp(nz(a->note), nz(b->note));
	return c;
}

static int cmp_hh(const void *x, const void *y)
{
	const struct geno_household *a = x, *b = y;
	int c = strcmp(nz(a->id), nz(b->id));
	return c ? c : strcmp(nz(a->label), nz(b->label));
}

static int cmp_hh_id(const void *x, const void *y)
{
	return strcmp(nz(((const struct geno_household *)x)->id), nz(((const struct geno_household *)y)->id));
}

static int find_node(const struct geno_model *m, const char *id)
{
	int lo = 0, hi = m->n - 1;
	while (id && lo <= hi) {
		int mid = lo + (hi - lo) / 2, c = strcmp(id, nz(m->node[mid].p->id));
		if (!c)
			return mid;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

static int uf_find(int *uf, int x)
{
	while (uf[x] != x)
		x = uf[x] = uf[uf[x]];
	return x;
}

static void uf_join(int *uf, int a, int b)
{
	a = uf_find(uf, a);
	b = uf_find(uf, b);
	if (a != b)
		uf[a > b ? a : b] = a < b ? a : b; /* the smaller index leads */
}

static void load(struct geno_model *m, const struct geno_input *in)
{
	size_t np = in->people ? in->npeople : 0, nr = in->rels ? in->nrels : 0;
	const struct geno_person **pp = xmalloc(sizeof *pp * (np + 1));
	for (size_t i = 0; i < np; i++)
		pp[i] = &in->people[i];
	qsort(pp, np, sizeof *pp, cmp_person);
	m->node = xcalloc(np + 1, sizeof *m->node);
	for (size_t i = 0; i < np; i++)
		if (m->n == 0 || strcmp(nz(pp[i]->id), nz(m->node[m->n - 1].p->id)))
			m->node[m->n++].p = pp[i]; /* a repeated id keeps its first */
	free(pp);

	const struct geno_rel **rr = xmalloc(sizeof *rr * (nr + 1));
	for (size_t i = 0; i < nr; i++)
		rr[i] = &in->rels[i];
	qsort(rr, nr, sizeof *rr, cmp_rel);
	m->link = xcalloc(nr + 1, sizeof *m->link);
	for (size_t i = 0; i < nr; i++) {
		int a = find_node(m, rr[i]->a), b = find_node(m, rr[i]->b);
		if (a < 0 || b < 0 || a == b || (unsigned)rr[i]->kind > GENO_PROFESSIONAL)
			continue; /* names someone not drawn, or is not a relationship */
		m->link[m->nlink++] = (struct geno_link){.r = rr[i], .a = a, .b = b};
	}
	free(rr);
	for (int i = 0; i < m->nlink; i++) {
		m->node[m->link[i].a].nlinks++;
		m->node[m->link[i].b].nlinks++;
	}
	for (int i = 0; i < m->n; i++) {
		m->node[i].links = xmalloc(sizeof(int) * (size_t)(m->node[i].nlinks + 1));
		m->node[i].nlinks = 0;
	}
	for (int i = 0; i < m->nlink; i++) {
		struct geno_node *a = &m->node[m->link[i].a], *b = &m->node[m->link[i].b];
		a->links[a->nlinks++] = i;
		b->links[b->nlinks++] = i;
	}

	/* Households: the caller's, then any a person names that is not listed. */
	size_t nh = in->households ? in->nhouseholds : 0;
	m->hh = xcalloc(nh + (size_t)m->n + 1, sizeof *m->hh);
	for (size_t i = 0; i < nh; i++)
		if (in->households[i].id)
			m->hh[m->nhh++] = in->households[i];
	qsort(m->hh, (size_t)m->nhh, sizeof *m->hh, cmp_hh);
	int listed = 0;
	for (int i = 0; i < m->nhh; i++)
		if (listed == 0 || strcmp(m->hh[i].id, m->hh[listed - 1].id))
			m->hh[listed++] = m->hh[i];
	m->nhh = listed;
	for (int i = 0; i < m->n; i++) {
		const char *h = m->node[i].p->household;
		if (!h || !*h)
			continue;
		struct geno_household key = {.id = h};
		if (bsearch(&key, m->hh, (size_t)listed, sizeof *m->hh, cmp_hh_id))
			continue;
		bool seen = false;
		for (int j = listed; j < m->nhh && !seen; j++)
			seen = !strcmp(m->hh[j].id, h);
		if (!seen)
			m->hh[m->nhh++] = (struct geno_household){.id = h, .label = "Household"};
	}
	qsort(m->hh + listed, (size_t)(m->nhh - listed), sizeof *m->hh, cmp_hh);
}

/* ---- family, components, generations ---- */

static int offset_of(enum geno_kind k)
{
	switch (k) {
	case GENO_PARENT:
	case GENO_AUNT_UNCLE:
	case GENO_CARER:
		return 1;
	case GENO_GRANDPARENT:
		return 2;
	default:
		return 0;
	}
}

static bool is_weak(enum geno_kind k)
{
	return k == GENO_GRANDPARENT || k == GENO_AUNT_UNCLE || k == GENO_COUSIN || k == GENO_CARER;
}

/* Places the other end of l from u when l is of the strength asked for and
 * the other end has no place yet; 1 when it did (and queued them). */
static int place(struct geno_model *m, int u, const struct geno_link *l, bool weak, bool *seen, int *tail)
{
	int v = geno_other(l, u), d = offset_of(l->r->kind);
	if (!geno_is_family(l->r->kind) || seen[v] || is_weak(l->r->kind) != weak)
		return 0;
	seen[v] = true;
	m->node[v].gen = m->node[u].gen + (u == l->a ? d : -d);
	*tail = v;
	return 1;
}

static void generations(struct geno_model *m)
{
	int n = m->n, *uf = xmalloc(sizeof *uf * (size_t)(n + 1)), *size = xcalloc((size_t)n + 1, sizeof *size);
	bool *fam = xcalloc((size_t)n + 1, sizeof *fam);
	for (int i = 0; i < n; i++) {
		uf[i] = i;
		fam[i] = m->node[i].p->subject;
	}
	for (int i = 0; i < m->nlink; i++)
		if (geno_is_family(m->link[i].r->kind)) {
			fam[m->link[i].a] = fam[m->link[i].b] = true;
			uf_join(uf, m->link[i].a, m->link[i].b);
		}
	int main_root = -1, best = 0;
	for (int i = 0; i < n; i++)
		if (fam[i])
			size[uf_find(uf, i)]++;
	for (int i = 0; i < n && main_root < 0; i++)
		if (m->node[i].p->subject)
			main_root = uf_find(uf, i);
	if (main_root < 0)
		for (int i = 0; i < n; i++)
			if (fam[i] && size[uf_find(uf, i)] > best) {
				best = size[uf_find(uf, i)];
				main_root = uf_find(uf, i);
			}
	/* Component numbers: the main one (the subject's, else the largest)
	 * first, the others by their first id. */
	int *cno = xmalloc(sizeof *cno * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		cno[i] = -1;
	m->ncomp = 0;
	if (main_root >= 0)
		cno[main_root] = m->ncomp++;
	for (int i = 0; i < n; i++)
		if (fam[i] && cno[uf_find(uf, i)] < 0)
			cno[uf_find(uf, i)] = m->ncomp++;

	int *queue = xmalloc(sizeof *queue * (size_t)(n + 1));
	bool *seen = xcalloc((size_t)n + 1, sizeof *seen);
	int mingen = INT_MAX;
	for (int c = 0; c < m->ncomp; c++) {
		/* The root: the subject, else the first id (the oldest record). */
		int root = -1;
		for (int i = 0; i < n && root < 0; i++)
			if (fam[i] && cno[uf_find(uf, i)] == c && m->node[i].p->subject)
				root = i;
		for (int i = 0; i < n && root < 0; i++)
			if (fam[i] && cno[uf_find(uf, i)] == c)
				root = i;
		int qh = 0, qt = 0;
		queue[qt++] = root;
		seen[root] = true;
		m->node[root].gen = 0;
		/* Breadth first, the first assignment winning; a carer or a
		 * grandparent, aunt or cousin linked directly only places
		 * someone the parent, partner and sibling links do not reach
		 * (a grandmother caring for the child belongs above the mother,
		 * not beside her). */
		for (;;) {
			while (qh < qt) {
				int u = queue[qh++];
				for (int k = 0; k < m->node[u].nlinks; k++)
					qt += place(m, u, &m->link[m->node[u].links[k]], false, seen, queue + qt);
			}
			int found = 0;
			for (int h = 0; h < qt && !found; h++)
				for (int k = 0; k < m->node[queue[h]].nlinks && !found; k++)
					found = place(m, queue[h], &m->link[m->node[queue[h]].links[k]], true, seen, queue + qt);
			if (!found)
				break;
			qt++;
		}
	}
	for (int i = 0; i < n; i++) {
		struct geno_node *nd = &m->node[i];
		nd->group = -1;
		nd->par[0] = nd->par[1] = -1;
		if (fam[i]) {
			nd->comp = cno[uf_find(uf, i)];
			nd->band = GENO_FAMILY;
			if (nd->gen < mingen)
				mingen = nd->gen;
			m->nfamily++;
			continue;
		}
		nd->comp = -1;
		nd->band = GENO_BAND_UNLINKED;
		if (nd->nlinks > 0)
			nd->band = m->link[nd->links[0]].r->kind == GENO_PROFESSIONAL ? GENO_BAND_PROS : GENO_BAND_FRIENDS;
		m->nband++;
	}
	m->nrows = 0;
	for (int i = 0; i < n; i++)
		if (m->node[i].comp >= 0) {
			m->node[i].row = m->node[i].gen - mingen;
			if (m->node[i].row + 1 > m->nrows)
				m->nrows = m->node[i].row + 1;
		}
	free(queue);
	free(seen);
	free(cno);
	free(fam);
	free(size);
	free(uf);
}

/* ---- parents, couples, sibling groups ---- */

static bool partners(const struct geno_model *m, int a, int b)
{
	for (int k = 0; k < m->node[a].nlinks; k++) {
		const struct geno_link *l = &m->link[m->node[a].links[k]];
		if (l->r->kind == GENO_PARTNER && geno_other(l, a) == b)
			return true;
	}
	return false;
}

/* The parents a child hangs from: its birth parents (and a partner of a
 * lone birth parent who adopted it), else its adoptive parents; two at
 * most, one row up. Other parents get a connector of their own. */
static void parents(struct geno_model *m)
{
	for (int c = 0; c < m->n; c++) {
		struct geno_node *nd = &m->node[c];
		if (nd->comp < 0)
			continue;
		int cand[8] = {0}, st[8] = {0}, nc = 0;
		for (int k = 0; k < nd->nlinks && nc < 8; k++) {
			const struct geno_link *l = &m->link[nd->links[k]];
			if (l->r->kind != GENO_PARENT || l->b != c || m->node[l->a].comp < 0 ||
			    (l->r->subtype != GENO_BIRTH && l->r->subtype != GENO_ADOPTIVE) ||
			    m->node[l->a].row != nd->row - 1)
				continue;
			bool dup = false;
			for (int j = 0; j < nc; j++)
				dup |= cand[j] == l->a;
			if (dup)
				continue;
			int s = l->r->subtype == GENO_BIRTH ? 0 : 1, j = nc++;
			for (; j > 0 && (st[j - 1] > s || (st[j - 1] == s && cand[j - 1] > l->a)); j--) {
				cand[j] = cand[j - 1];
				st[j] = st[j - 1];
			}
			cand[j] = l->a;
			st[j] = s;
		}
		int births = 0;
		for (int j = 0; j < nc; j++)
			births += st[j] == 0;
		if (births >= 2 || (births == 0 && nc >= 2))
			nd->npar = 2;
		else if (nc > 0)
			nd->npar = 1;
		nd->par[0] = nd->npar > 0 ? cand[0] : -1;
		nd->par[1] = nd->npar > 1 ? cand[1] : -1;
		for (int j = births; births == 1 && j < nc && nd->npar == 1; j++)
			if (partners(m, cand[0], cand[j])) {
				nd->par[1] = cand[j];
				nd->npar = 2;
			}
		if (nd->npar == 2 && nd->par[0] > nd->par[1]) {
			int t = nd->par[0];
			nd->par[0] = nd->par[1];
			nd->par[1] = t;
		}
		for (int k = 0; k < nd->nlinks; k++) {
			struct geno_link *l = &m->link[nd->links[k]];
			if (l->r->kind == GENO_PARENT && l->b == c && l->r->subtype != GENO_STEP &&
			    (l->a == nd->par[0] || l->a == nd->par[1])) {
				l->shown = true;
				nd->adopted |= l->r->subtype == GENO_ADOPTIVE;
			}
		}
	}
}

struct edge {
	int unit, lo, hi, link; /* link INT_MAX: co-parents, no partnership recorded */
};

static int cmp_edge(const void *x, const void *y)
{
	const struct edge *a = x, *b = y;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	return a->link < b->link ? -1 : a->link > b->link;
}

static int gender_rank(const struct geno_person *p)
{
	return p->gender == GENO_MALE ? 0 : p->gender == GENO_FEMALE ? 2 : 1;
}

/* Left to right within a unit: a couple male left; a chain of partners
 * (a person with an ex and a new partner) earliest partnership left; any
 * other shape the most-partnered person in the middle. */
static void order_unit(struct geno_model *m, struct geno_unit *u, const struct edge *e, int ne)
{
	int n = u->n;
	if (n == 1)
		return;
	int *deg = xcalloc((size_t)n, sizeof *deg), *ord = xmalloc(sizeof *ord * (size_t)n);
	for (int k = 0; k < n; k++)
		m->node[u->m[k]].upos = k; /* local index for now */
	for (int i = 0; i < ne; i++) {
		deg[m->node[e[i].lo].upos]++;
		deg[m->node[e[i].hi].upos]++;
	}
	bool path = ne == n - 1;
	for (int k = 0; k < n; k++)
		path &= deg[k] <= 2;
	int no = 0;
	if (path) {
		int ends[2] = {u->m[0], u->m[n - 1]}, ne2 = 0;
		for (int k = 0; k < n && ne2 < 2; k++)
			if (deg[k] == 1)
				ends[ne2++] = u->m[k];
		long key[2][3];
		for (int s = 0; s < 2; s++) {
			const struct edge *x = NULL;
			for (int i = 0; i < ne && !x; i++)
				if (e[i].lo == ends[s] || e[i].hi == ends[s])
					x = &e[i];
			const struct geno_rel *r = x && x->link != INT_MAX ? m->link[x->link].r : NULL;
			key[s][0] = n > 2 && r && r->start_year > 0 ? r->start_year : INT_MAX;
			key[s][1] = n > 2 && r && (r->subtype == GENO_SEPARATED || r->subtype == GENO_DIVORCED) ? 0 : 1;
			key[s][2] = gender_rank(m->node[ends[s]].p);
		}
		int left = ends[0];
		for (int i = 0; i < 3; i++)
			if (key[0][i] != key[1][i]) {
				left = key[0][i] < key[1][i] ? ends[0] : ends[1];
				break;
			}
		for (int prev = -1, cur = left; cur >= 0;) {
			ord[no++] = cur;
			int next = -1;
			for (int i = 0; i < ne && next < 0; i++)
				if ((e[i].lo == cur && e[i].hi != prev) || (e[i].hi == cur && e[i].lo != prev))
					next = e[i].lo == cur ? e[i].hi : e[i].lo;
			prev = cur;
			cur = no < n ? next : -1;
		}
	} else {
		int hub = 0;
		for (int k = 1; k < n; k++)
			if (deg[k] > deg[hub])
				hub = k;
		int h = u->m[hub], *side = xmalloc(sizeof *side * (size_t)n), ns = 0;
		bool *used = xcalloc((size_t)n, sizeof *used);
		used[hub] = true;
		for (int i = 0; i < ne; i++) /* edges come sorted by the other end */
			if (e[i].lo == h || e[i].hi == h) {
				int o = e[i].lo == h ? e[i].hi : e[i].lo;
				if (!used[m->node[o].upos]) {
					used[m->node[o].upos] = true;
					side[ns++] = o;
				}
			}
		for (int i = ns - 1; i >= 0; i--)
			if (i % 2 == 1)
				ord[no++] = side[i];
		ord[no++] = h;
		for (int i = 0; i < ns; i++)
			if (i % 2 == 0)
				ord[no++] = side[i];
		for (int k = 0; k < n; k++)
			if (!used[k])
				ord[no++] = u->m[k];
		free(used);
		free(side);
	}
	for (int k = 0; k < n; k++) {
		u->m[k] = ord[k];
		m->node[ord[k]].upos = k;
	}
	free(ord);
	free(deg);
}

static void units(struct geno_model *m)
{
	int n = m->n, *uf = xmalloc(sizeof *uf * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		uf[i] = i;
	struct edge *e = xmalloc(sizeof *e * (size_t)(m->nlink + n + 1));
	int ne = 0;
	for (int i = 0; i < m->nlink; i++) {
		struct geno_link *l = &m->link[i];
		if (l->r->kind == GENO_PARTNER && m->node[l->a].row == m->node[l->b].row) {
			uf_join(uf, l->a, l->b);
			l->shown = true;
			e[ne++] = (struct edge){0, l->a < l->b ? l->a : l->b, l->a < l->b ? l->b : l->a, i};
		}
	}
	for (int i = 0; i < n; i++)
		if (m->node[i].npar == 2) {
			uf_join(uf, m->node[i].par[0], m->node[i].par[1]);
			e[ne++] = (struct edge){0, m->node[i].par[0], m->node[i].par[1], INT_MAX};
		}
	int *uno = xmalloc(sizeof *uno * (size_t)(n + 1));
	m->unit = xcalloc((size_t)m->nfamily + 1, sizeof *m->unit);
	for (int i = 0; i < n; i++) {
		if (m->node[i].comp < 0)
			continue;
		int r = uf_find(uf, i);
		if (r == i) { /* the smallest index leads its set */
			uno[i] = m->nunit++;
			m->unit[uno[i]].row = m->node[i].row;
			m->unit[uno[i]].comp = m->node[i].comp;
		}
		m->node[i].unit = uno[r];
		m->unit[uno[r]].n++;
	}
	for (int u = 0; u < m->nunit; u++) {
		m->unit[u].m = xmalloc(sizeof(int) * (size_t)m->unit[u].n);
		m->unit[u].off = xcalloc((size_t)m->unit[u].n, sizeof(int));
		m->unit[u].n = 0;
	}
	for (int i = 0; i < n; i++)
		if (m->node[i].comp >= 0) {
			struct geno_unit *u = &m->unit[m->node[i].unit];
			u->m[u->n++] = i;
		}
	for (int i = 0; i < ne; i++)
		e[i].unit = m->node[e[i].lo].unit;
	qsort(e, (size_t)ne, sizeof *e, cmp_edge);
	int kept = 0;
	for (int i = 0; i < ne; i++)
		if (kept == 0 || e[i].unit != e[kept - 1].unit || e[i].lo != e[kept - 1].lo || e[i].hi != e[kept - 1].hi)
			e[kept++] = e[i];
	ne = kept;
	for (int i = 0, j; i < ne; i = j) {
		for (j = i; j < ne && e[j].unit == e[i].unit; j++)
			;
		order_unit(m, &m->unit[e[i].unit], e + i, j - i);
	}
	m->couple = xcalloc((size_t)ne + 1, sizeof *m->couple);
	for (int i = 0; i < ne; i++) {
		int a = e[i].lo, b = e[i].hi;
		if (m->node[a].upos > m->node[b].upos) {
			a = e[i].hi;
			b = e[i].lo;
		}
		m->couple[m->ncouple++] = (struct geno_couple){
			.a = a, .b = b, .link = e[i].link == INT_MAX ? -1 : e[i].link,
			.depth = m->node[b].upos - m->node[a].upos - 1};
	}
	free(uno);
	free(e);
	free(uf);
}

static int cmp_sibling(const void *ctx, int x, int y)
{
	const struct geno_model *m = ctx;
	const struct geno_node *a = &m->node[x], *b = &m->node[y];
	if (a->par[0] != b->par[0])
		return a->par[0] < b->par[0] ? -1 : 1;
	if (a->par[1] != b->par[1])
		return a->par[1] < b->par[1] ? -1 : 1;
	return a->brank - b->brank;
}

static void groups(struct geno_model *m)
{
	int *ord = xmalloc(sizeof *ord * (size_t)(m->n + 1)), k = 0;
	for (int i = 0; i < m->n; i++)
		ord[i] = i;
	geno_sort(ord, m->n, cmp_birth, m);
	for (int i = 0; i < m->n; i++)
		m->node[ord[i]].brank = i;
	for (int i = 0; i < m->n; i++)
		if (m->node[i].npar > 0)
			ord[k++] = i;
	geno_sort(ord, k, cmp_sibling, m);
	m->group = xcalloc((size_t)k + 1, sizeof *m->group);
	for (int i = 0, j; i < k; i = j) {
		const struct geno_node *first = &m->node[ord[i]];
		for (j = i; j < k && m->node[ord[j]].par[0] == first->par[0] && m->node[ord[j]].par[1] == first->par[1]; j++)
			;
		struct geno_group *g = &m->group[m->ngroup];
		g->npar = first->npar;
		g->par[0] = first->par[0];
		g->par[1] = first->par[1];
		g->row = first->row;
		g->comp = first->comp;
		g->n = j - i;
		g->kids = xmalloc(sizeof(int) * (size_t)g->n);
		for (int t = i; t < j; t++) {
			g->kids[t - i] = ord[t];
			m->node[ord[t]].group = m->ngroup;
		}
		g->couple = -1;
		for (int c = 0; c < m->ncouple && g->npar == 2; c++)
			if ((m->couple[c].a == g->par[0] && m->couple[c].b == g->par[1]) ||
			    (m->couple[c].a == g->par[1] && m->couple[c].b == g->par[0])) {
				g->couple = c;
				m->couple[c].kids = true;
			}
		const struct geno_node *p = &m->node[g->par[0]];
		g->stub = g->npar == 1 && m->unit[p->unit].n > 1 && p->upos == 0 ? -1 : 1;
		for (int t = 0; t < g->npar; t++)
			m->node[g->par[t]].ncgroups++;
		m->ngroup++;
	}
	for (int i = 0; i < m->n; i++) {
		m->node[i].cgroups = xmalloc(sizeof(int) * (size_t)(m->node[i].ncgroups + 1));
		m->node[i].ncgroups = 0;
	}
	for (int g = 0; g < m->ngroup; g++)
		for (int t = 0; t < m->group[g].npar; t++) {
			struct geno_node *p = &m->node[m->group[g].par[t]];
			p->cgroups[p->ncgroups++] = g;
		}
	free(ord);
}

/* ---- which relationships the structure already shows ---- */

static bool is_parent(const struct geno_model *m, int a, int c)
{
	return a >= 0 && (m->node[c].par[0] == a || m->node[c].par[1] == a);
}

static bool share_parent(const struct geno_model *m, int a, int b)
{
	return is_parent(m, m->node[a].par[0], b) || is_parent(m, m->node[a].par[1], b);
}

static bool siblings(const struct geno_model *m, int a, int b)
{
	if (share_parent(m, a, b))
		return true;
	for (int k = 0; k < m->node[a].nlinks; k++) {
		const struct geno_link *l = &m->link[m->node[a].links[k]];
		if ((l->r->kind == GENO_SIBLING || l->r->kind == GENO_HALF_SIBLING) && geno_other(l, a) == b)
			return true;
	}
	return false;
}

static bool shown_by_structure(const struct geno_model *m, const struct geno_link *l)
{
	const struct geno_node *a = &m->node[l->a], *b = &m->node[l->b];
	switch (l->r->kind) {
	case GENO_PARENT: /* a step-parent is shown as the partner of a parent */
		return l->r->subtype == GENO_STEP &&
		       ((b->par[0] >= 0 && m->node[b->par[0]].unit == a->unit) ||
			(b->par[1] >= 0 && m->node[b->par[1]].unit == a->unit));
	case GENO_SIBLING:
	case GENO_HALF_SIBLING:
		return share_parent(m, l->a, l->b);
	case GENO_GRANDPARENT:
		return (b->par[0] >= 0 && is_parent(m, l->a, b->par[0])) ||
		       (b->par[1] >= 0 && is_parent(m, l->a, b->par[1]));
	case GENO_AUNT_UNCLE:
		for (int i = 0; i < b->npar; i++)
			if (siblings(m, l->a, b->par[i]))
				return true;
		return false;
	case GENO_COUSIN:
		for (int i = 0; i < a->npar; i++)
			for (int j = 0; j < b->npar; j++)
				if (siblings(m, a->par[i], b->par[j]))
					return true;
		return false;
	default:
		return false;
	}
}

/* ---- the model ---- */

struct geno_model *geno_model_build(const struct geno_input *in)
{
	struct geno_model *m = xcalloc(1, sizeof *m);
	load(m, in);
	generations(m);
	parents(m);
	units(m);
	groups(m);
	for (int i = 0; i < m->nlink; i++)
		if (!m->link[i].shown && geno_is_family(m->link[i].r->kind))
			m->link[i].shown = shown_by_structure(m, &m->link[i]);
	/* A grandmother who is also the kinship carer gets one line, not two
	 * on top of each other. */
	for (int i = 0; i < m->nlink; i++) {
		struct geno_link *l = &m->link[i];
		for (int j = 0; j < i && !l->shown && geno_is_family(l->r->kind) && !l->merged; j++) {
			const struct geno_link *o = &m->link[j];
			l->merged = !o->shown && geno_is_family(o->r->kind) &&
				    ((o->a == l->a && o->b == l->b) || (o->a == l->b && o->b == l->a));
		}
	}
	geno_labels(m);
	return m;
}

void geno_model_free(struct geno_model *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->n; i++) {
		for (int k = 0; k < m->node[i].nlines; k++)
			free(m->node[i].line[k]);
		free(m->node[i].links);
		free(m->node[i].cgroups);
	}
	for (int u = 0; u < m->nunit; u++) {
		free(m->unit[u].m);
		free(m->unit[u].off);
	}
	for (int g = 0; g < m->ngroup; g++)
		free(m->group[g].kids);
	free(m->node);
	free(m->link);
	free(m->unit);
	free(m->couple);
	free(m->group);
	free(m->hh);
	free(m->row_cy);
	free(m->row_tracks);
	free(m->row_links);
	free(m);
}

int genogram_svg(const struct geno_input *in, struct buf *out)
{
	struct geno_model *m = geno_model_build(in);
	geno_layout_place(m);
	geno_svg_draw(m, in->title, out);
	geno_model_free(m);
	return 0;
}

int genogram_layout_check(const struct geno_input *in, char *why, size_t n)
{
	struct geno_model *m = geno_model_build(in);
	geno_layout_place(m);
	int rc = 0;
	if (why && n)
		why[0] = '\0';
	for (int i = 0; i < m->n && rc == 0; i++)
		for (int j = i + 1; j < m->n && rc == 0; j++) {
			const struct geno_node *a = &m->node[i], *b = &m->node[j];
			/* A mark reaches GENO_TOP above its centre (badges, the ring). */
			if (a->x - a->hw < b->x + b->hw && b->x - b->hw < a->x + a->hw &&
			    a->cy - GENO_TOP < b->bottom && b->cy - GENO_TOP < a->bottom) {
				if (why && n)
					snprintf(why, n, "%s and %s overlap", nz(a->p->name), nz(b->p->name));
				rc = -1;
			}
		}
	if (rc == 0)
		rc = geno_svg_check(m, why, n);
	geno_model_free(m);
	return rc;
}
