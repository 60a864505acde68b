/* pdf.c — the A4 document builder (pdf.h) over cairo's PDF surface and
 * pango.
 *
 * The blocks a caller adds are kept until pdf_close(), which lays them out
 * twice with the same code on the same kind of surface: the first pass goes
 * to a stream that throws the bytes away and only counts the pages, the
 * second writes the PDF with "Page N of M" in every footer. Both passes use
 * a PDF surface so the text is measured identically.
 *
 * Every piece of text is a PangoLayout at 72 dpi (one point per unit), so
 * sizes here are in points. Long text is drawn a line at a time, which lets
 * a paragraph continue on the next page and a table row taller than a page
 * still print whole; an ordinary table row moves to the next page rather
 * than split, with the header row drawn again above it.
 */
#include "pdf.h"

#include <cairo.h>
#include <cairo-pdf.h> /* without it cairo_pdf_* are implicit: a warning, then a crash */
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A4 portrait in points, and the page's furniture. */
#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 50.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define HEADER_Y 30.0
#define HEADER_RULE 50.0
#define TOP 72.0                  /* the first line of content */
#define FOOTER_RULE (PAGE_H - 48.0)
#define BOTTOM (FOOTER_RULE - 14.0) /* nothing is drawn below this */
#define PAD 5.0                   /* inside a table cell */

/* The font family, pinned: Noto Sans for Latin, Greek and Cyrillic, Noto
 * Sans Arabic for Arabic and Urdu, DejaVu Sans for anything else. */
#define FONT_FAMILY "Noto Sans, Noto Sans Arabic, DejaVu Sans"
#define BODY_SIZE 10.5
#define TABLE_SIZE 9.5
#define LINE_SPACING 1.25

struct rgb {
	double r, g, b;
};
static const struct rgb INK = {0.043, 0.047, 0.047};     /* #0b0c0c */
static const struct rgb MUTED = {0.314, 0.353, 0.373};   /* #505a5f */
static const struct rgb RULE = {0.694, 0.706, 0.714};    /* #b1b4b6 */
static const struct rgb ACCENT = {0.114, 0.439, 0.722};  /* #1d70b8 */
static const struct rgb SHADE = {0.953, 0.949, 0.945};   /* #f3f2f1 */

enum kind { K_HEADING, K_PARA, K_NOTE, K_PAIRS, K_TABLE };

struct pdf_block {
	enum kind kind;
	int level, ncols, nrows;
	char **text; /* heading/para: 1; pairs: 2 * nrows; table: ncols + ncols * nrows */
	double widths[PDF_MAX_COLS];
};

/* ------------------------------------------------------------ building */

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void pdf_open(struct pdf *p, const char *title, const char *header_left, const char *header_right,
	      const char *footer)
{
	memset(p, 0, sizeof *p);
	p->title = dup_or_null(title);
	p->header_left = dup_or_null(header_left);
	p->header_right = dup_or_null(header_right);
	p->footer = dup_or_null(footer);
}

static struct pdf_block *add(struct pdf *p, enum kind kind, int ntext)
{
	if (p->nblocks == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->blocks = xrealloc(p->blocks, (size_t)p->cap * sizeof *p->blocks);
	}
	struct pdf_block *b = &p->blocks[p->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->text = xcalloc((size_t)(ntext > 0 ? ntext : 1), sizeof *b->text);
	return b;
}

void pdf_heading(struct pdf *p, int level, const char *text)
{
	struct pdf_block *b = add(p, K_HEADING, 1);
	b->level = level < 0 ? 0 : level > 2 ? 2 : level;
	b->text[0] = xstrdup(text ? text : "");
}

void pdf_para(struct pdf *p, const char *text)
{
	add(p, K_PARA, 1)->text[0] = xstrdup(text ? text : "");
}

void pdf_note(struct pdf *p, const char *text)
{
	add(p, K_NOTE, 1)->text[0] = xstrdup(text ? text : "");
}

void pdf_pairs(struct pdf *p, const char *const *rows, int n)
{
	struct pdf_block *b = add(p, K_PAIRS, 2 * n);
	b->nrows = n;
	b->ncols = 2;
	for (int i = 0; i < 2 * n; i++)
		b->text[i] = xstrdup(rows[i] ? rows[i] : (i % 2 ? "–" : ""));
}

void pdf_table(struct pdf *p, int ncols, const char *const *headings, const double *widths,
	       const char *const *cells, int nrows)
{
	if (ncols < 1)
		ncols = 1;
	if (ncols > PDF_MAX_COLS)
		ncols = PDF_MAX_COLS;
	struct pdf_block *b = add(p, K_TABLE, ncols + ncols * nrows);
	b->ncols = ncols;
	b->nrows = nrows;
	double total = 0;
	for (int c = 0; c < ncols; c++)
		total += widths && widths[c] > 0 ? widths[c] : 1;
	for (int c = 0; c < ncols; c++) {
		b->widths[c] = (widths && widths[c] > 0 ? widths[c] : 1) / total * CONTENT_W;
		b->text[c] = xstrdup(headings && headings[c] ? headings[c] : "");
	}
	for (int i = 0; i < ncols * nrows; i++)
		b->text[ncols + i] = xstrdup(cells[i] ? cells[i] : "");
}

void pdf_free(struct pdf *p)
{
	for (int i = 0; i < p->nblocks; i++) {
		struct pdf_block *b = &p->blocks[i];
		int n = b->kind == K_PAIRS ? 2 * b->nrows
			: b->kind == K_TABLE ? b->ncols + b->ncols * b->nrows
					     : 1;
		for (int k = 0; k < n; k++)
			free(b->text[k]);
		free(b->text);
	}
	free(p->blocks);
	free(p->title);
	free(p->header_left);
	free(p->header_right);
	free(p->footer);
	memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------ layout */

struct lay {
	const struct pdf *doc;
	cairo_t *cr;
	PangoContext *pc;
	PangoFontDescription *font;
	int page, total; /* total 0: not known yet (the counting pass) */
	double y;
};

/* A laid-out piece of text and where its lines are, so it can be drawn a
 * line at a time; `next` is the first line not yet drawn. */
struct cell {
	PangoLayout *lay;
	int nlines, next;
	double *top, *h, *base, *lx; /* per line, in points from the layout's top */
	double height;
};

static void ink(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static PangoLayout *text_layout(struct lay *L, const char *text, double width, double size, bool bold,
				PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(L->pc);
	PangoFontDescription *fd = pango_font_description_copy_static(L->font);
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_line_spacing(l, LINE_SPACING);
	/* The direction of each paragraph comes from its first strong
	 * character (pango's default), so a name in Arabic reads right to left;
	 * pango then aligns such a paragraph to the right. */
	pango_layout_set_auto_dir(l, TRUE);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

/* In a table or a list of names, every cell starts at the left edge, whatever
 * its script (pango swaps left and right for a right-to-left paragraph, so
 * asking for the right gives the left). */
static PangoLayout *cell_layout(struct lay *L, const char *text, double width, double size, bool bold)
{
	PangoLayout *l = text_layout(L, text, width, size, bold, PANGO_ALIGN_LEFT);
	PangoLayoutLine *first = pango_layout_get_line_readonly(l, 0);
	if (first && first->resolved_dir == PANGO_DIRECTION_RTL)
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
	return l;
}

static void cell_init(struct cell *c, PangoLayout *lay)
{
	memset(c, 0, sizeof *c);
	c->lay = lay;
	c->nlines = pango_layout_get_line_count(lay);
	size_t n = (size_t)(c->nlines > 0 ? c->nlines : 1);
	c->top = xcalloc(n, sizeof *c->top);
	c->h = xcalloc(n, sizeof *c->h);
	c->base = xcalloc(n, sizeof *c->base);
	c->lx = xcalloc(n, sizeof *c->lx);
	PangoRectangle all;
	pango_layout_get_extents(lay, NULL, &all);
	c->height = (double)all.height / PANGO_SCALE;
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	int i = 0;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		c->top[i] = (double)r.y / PANGO_SCALE;
		c->lx[i] = (double)r.x / PANGO_SCALE;
		c->base[i] = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		i++;
	} while (i < c->nlines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	/* A line's slot runs to the next line's top (line spacing included). */
	for (int k = 0; k < c->nlines; k++)
		c->h[k] = (k + 1 < c->nlines ? c->top[k + 1] : c->height) - c->top[k];
}

static void cell_free(struct cell *c)
{
	if (c->lay)
		g_object_unref(c->lay);
	free(c->top);
	free(c->h);
	free(c->base);
	free(c->lx);
	memset(c, 0, sizeof *c);
}

/* How many of the lines from `next` fit in `avail` points (at least one,
 * so that drawing always moves on), and their height. */
static int cell_fit(const struct cell *c, double avail, double *height)
{
	int k = c->next;
	*height = 0;
	if (k >= c->nlines)
		return k;
	double start = c->top[k];
	while (k < c->nlines) {
		double b = c->top[k] + c->h[k] - start;
		if (b > avail && k > c->next)
			break;
		*height = b;
		k++;
	}
	return k;
}

/* Draws lines next..upto-1 with the first one's top at (x, y). */
static void cell_draw(struct lay *L, struct cell *c, int upto, double x, double y)
{
	if (c->next >= c->nlines)
		return;
	double start = c->top[c->next];
	for (; c->next < upto; c->next++) {
		cairo_move_to(L->cr, x + c->lx[c->next], y + c->base[c->next] - start);
		pango_cairo_show_layout_line(L->cr, pango_layout_get_line_readonly(c->lay, c->next));
	}
}

static void rule(cairo_t *cr, double x0, double y, double x1, double width, struct rgb colour)
{
	ink(cr, colour);
	cairo_set_line_width(cr, width);
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_stroke(cr);
}

/* A one-line piece of furniture (header, footer). */
static void furniture_text(struct lay *L, const char *text, double y, double size, bool bold,
			   PangoAlignment align, struct rgb colour)
{
	if (!text || !*text)
		return;
	PangoLayout *l = text_layout(L, text, CONTENT_W, size, bold, align);
	pango_layout_set_auto_dir(l, FALSE); /* keep left left and right right */
	ink(L->cr, colour);
	cairo_move_to(L->cr, MARGIN, y);
	pango_cairo_show_layout(L->cr, l);
	g_object_unref(l);
}

static void new_page(struct lay *L)
{
	if (L->page > 0)
		cairo_show_page(L->cr);
	L->page++;
	L->y = TOP;
	const struct pdf *d = L->doc;
	furniture_text(L, d->header_left, HEADER_Y, 9, true, PANGO_ALIGN_LEFT, INK);
	furniture_text(L, d->header_right, HEADER_Y, 9, false, PANGO_ALIGN_RIGHT, INK);
	rule(L->cr, MARGIN, HEADER_RULE, PAGE_W - MARGIN, 1.5, ACCENT);
	rule(L->cr, MARGIN, FOOTER_RULE, PAGE_W - MARGIN, 0.5, RULE);
	furniture_text(L, d->footer, FOOTER_RULE + 6, 8.5, false, PANGO_ALIGN_LEFT, MUTED);
	char page[48];
	if (L->total > 0)
		snprintf(page, sizeof page, "Page %d of %d", L->page, L->total);
	else
		snprintf(page, sizeof page, "Page %d", L->page);
	furniture_text(L, page, FOOTER_RULE + 6, 8.5, false, PANGO_ALIGN_RIGHT, MUTED);
}

/* Starts a new page unless `need` points fit below y (or we are at the top
 * of a page already, where waiting would not help). */
static void need_space(struct lay *L, double need)
{
	if (L->y + need > BOTTOM && L->y > TOP)
		new_page(L);
}

/* Text flowing down the page a line at a time. */
static void flow(struct lay *L, const char *text, double size, bool bold, struct rgb colour, double after)
{
	struct cell c;
	cell_init(&c, text_layout(L, text, CONTENT_W, size, bold, PANGO_ALIGN_LEFT));
	while (c.next < c.nlines) {
		double h;
		need_space(L, c.h[c.next]);
		int upto = cell_fit(&c, BOTTOM - L->y, &h);
		ink(L->cr, colour);
		cell_draw(L, &c, upto, MARGIN, L->y);
		L->y += h;
	}
	L->y += after;
	cell_free(&c);
}

static void heading(struct lay *L, const struct pdf_block *b)
{
	static const double size[3] = {22, 14, 11.5};
	static const double before[3] = {0, 16, 10};
	static const double after[3] = {10, 6, 4};
	int lv = b->level;
	if (L->y > TOP)
		L->y += before[lv];
	/* Keep a heading with at least a few lines of what follows it. */
	need_space(L, size[lv] * 1.6 + 48);
	flow(L, b->text[0], size[lv], true, lv == 1 ? ACCENT : INK, after[lv]);
}

/* A row of cells side by side: a table row (with borders, optionally
 * shaded) or a label/value row (a rule underneath). */
struct grid {
	int n;
	double x[PDF_MAX_COLS], w[PDF_MAX_COLS];
	bool boxed;
	const struct pdf_block *head; /* the table whose header row repeats */
	double size;
};

static void row(struct lay *L, const struct grid *g, const char *const *text, bool header);

static void header_row(struct lay *L, const struct grid *g)
{
	if (g->head)
		row(L, g, (const char *const *)g->head->text, true);
}

static void row(struct lay *L, const struct grid *g, const char *const *text, bool header)
{
	struct cell cells[PDF_MAX_COLS];
	double full = 0;
	for (int i = 0; i < g->n; i++) {
		bool bold = header || (!g->boxed && i == 0);
		cell_init(&cells[i], cell_layout(L, text[i], g->w[i] - 2 * PAD, g->size, bold));
		if (cells[i].height > full)
			full = cells[i].height;
	}
	full += 2 * PAD;
	if (!header && L->y + full > BOTTOM && L->y > TOP) {
		new_page(L);
		header_row(L, g);
	}
	for (;;) {
		double seg = 0, h[PDF_MAX_COLS];
		int upto[PDF_MAX_COLS];
		bool done = true;
		for (int i = 0; i < g->n; i++) {
			upto[i] = cell_fit(&cells[i], BOTTOM - L->y - 2 * PAD, &h[i]);
			if (h[i] > seg)
				seg = h[i];
		}
		seg += 2 * PAD;
		double right = g->x[g->n - 1] + g->w[g->n - 1];
		if (header) {
			ink(L->cr, SHADE);
			cairo_rectangle(L->cr, g->x[0], L->y, right - g->x[0], seg);
			cairo_fill(L->cr);
		}
		ink(L->cr, INK);
		for (int i = 0; i < g->n; i++) {
			cell_draw(L, &cells[i], upto[i], g->x[i] + PAD, L->y + PAD);
			if (cells[i].next < cells[i].nlines)
				done = false;
		}
		if (g->boxed) {
			ink(L->cr, RULE);
			cairo_set_line_width(L->cr, 0.6);
			for (int i = 0; i < g->n; i++)
				cairo_rectangle(L->cr, g->x[i], L->y, g->w[i], seg);
			cairo_stroke(L->cr);
		} else {
			rule(L->cr, g->x[0], L->y + seg, right, 0.6, RULE);
		}
		L->y += seg;
		if (done)
			break;
		/* Only a row taller than a whole page gets here. */
		new_page(L);
		header_row(L, g);
	}
	for (int i = 0; i < g->n; i++)
		cell_free(&cells[i]);
}

static void table(struct lay *L, const struct pdf_block *b)
{
	struct grid g = {.n = b->ncols, .boxed = true, .head = b, .size = TABLE_SIZE};
	double x = MARGIN;
	for (int c = 0; c < b->ncols; c++) {
		g.x[c] = x;
		g.w[c] = b->widths[c];
		x += b->widths[c];
	}
	/* The header row with at least two lines of the first row below it. */
	need_space(L, 6 * TABLE_SIZE * LINE_SPACING);
	header_row(L, &g);
	for (int r = 0; r < b->nrows; r++)
		row(L, &g, (const char *const *)&b->text[b->ncols + r * b->ncols], false);
	L->y += 12;
}

static void pairs(struct lay *L, const struct pdf_block *b)
{
	struct grid g = {.n = 2, .boxed = false, .size = BODY_SIZE};
	g.x[0] = MARGIN;
	g.w[0] = CONTENT_W * 0.34;
	g.x[1] = MARGIN + g.w[0];
	g.w[1] = CONTENT_W - g.w[0];
	for (int r = 0; r < b->nrows; r++)
		row(L, &g, (const char *const *)&b->text[2 * r], false);
	L->y += 12;
}

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length)
{
	(void)closure, (void)data, (void)length;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_append(closure, (const char *)data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* One pass over the blocks; returns the number of pages, or -1. */
static int lay_out(const struct pdf *p, int total, struct buf *out, struct err *e)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(out ? to_buf : discard, out, PAGE_W, PAGE_H);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		err_set(e, ERR_INTERNAL, NULL, "The document could not be started: %s",
			cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return -1;
	}
	if (p->title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, p->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "hearth");
	struct lay L = {.doc = p, .total = total};
	L.cr = cairo_create(s);
	L.pc = pango_cairo_create_context(L.cr);
	pango_cairo_context_set_resolution(L.pc, 72); /* one point per unit */
	/* Glyphs where the font puts them: rounded to whole points (pango's
	 * default, made for screens) Arabic letters drift apart, which reads
	 * badly and makes text extracted from the PDF split words. */
	pango_context_set_round_glyph_positions(L.pc, FALSE);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(L.pc, fo);
	cairo_font_options_destroy(fo);
	L.font = pango_font_description_from_string(FONT_FAMILY);
	new_page(&L);
	for (int i = 0; i < p->nblocks; i++) {
		const struct pdf_block *b = &p->blocks[i];
		switch (b->kind) {
		case K_HEADING: heading(&L, b); break;
		case K_PARA: flow(&L, b->text[0], BODY_SIZE, false, INK, 8); break;
		case K_NOTE: flow(&L, b->text[0], 9, false, MUTED, 8); break;
		case K_PAIRS: pairs(&L, b); break;
		case K_TABLE: table(&L, b); break;
		}
	}
	cairo_show_page(L.cr);
	cairo_status_t st = cairo_status(L.cr);
	pango_font_description_free(L.font);
	g_object_unref(L.pc);
	cairo_destroy(L.cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		return err_set(e, ERR_INTERNAL, NULL, "The document could not be drawn: %s",
			       cairo_status_to_string(st));
	return L.page;
}

int pdf_close(struct pdf *p, struct buf *out, struct err *e)
{
	int rc = -1;
	int pages = lay_out(p, 0, NULL, e);
	if (pages > 0 && lay_out(p, pages, out, e) == pages)
		rc = 0;
	else if (pages > 0 && e && e->kind == ERR_NONE)
		err_set(e, ERR_INTERNAL, NULL, "The document's pages changed between its two passes.");
	pdf_free(p);
	return rc;
}
