/* pdf.h — a small builder for A4 documents (PDF) that people will print:
 * headings, paragraphs, label/value rows and tables with wrapped cells, on
 * A4 portrait with generous margins, every page with a header and a footer
 * that says "Page N of M".
 *
 * Drawn with cairo's PDF surface and laid out with pango, so names and words
 * in any script are shaped correctly (Arabic and Urdu joined and right to
 * left, Polish and Welsh accents) and lines wrap at word boundaries. The
 * font family is pinned (Noto Sans, then DejaVu Sans) so a document looks
 * the same on every server that has the fonts installed.
 *
 * The builder only collects the blocks: pdf_close() lays the document out
 * twice, once to count the pages and once to draw them, so every footer can
 * give the total. Text is plain UTF-8 (never markup): what a family typed
 * stays what they typed. Nothing here knows about cases or HTTP.
 */
#ifndef HEARTH_PDF_H
#define HEARTH_PDF_H

#include "../util/buf.h"
#include "../util/err.h"

#define PDF_MAX_COLS 8

struct pdf_block;

struct pdf {
	char *title, *header_left, *header_right, *footer;
	struct pdf_block *blocks;
	int nblocks, cap;
};

/* Starts a document. `title` goes in the PDF's metadata; the header shows
 * `header_left` and `header_right` at the top of every page, the footer
 * `footer` at the bottom left and "Page N of M" at the bottom right. Any of
 * the three may be NULL. */
void pdf_open(struct pdf *p, const char *title, const char *header_left, const char *header_right,
	      const char *footer);

/* Level 0: the document's title; 1: a section; 2: a subsection. */
void pdf_heading(struct pdf *p, int level, const char *text);
/* A paragraph; blank lines in `text` separate paragraphs. */
void pdf_para(struct pdf *p, const char *text);
/* The same in a smaller, quieter type (notes, explanations). */
void pdf_note(struct pdf *p, const char *text);
/* Label/value rows, like a summary list: `rows` holds 2 * n strings,
 * label then value (a NULL value is shown as a dash). */
void pdf_pairs(struct pdf *p, const char *const *rows, int n);
/* A table of `ncols` columns (at most PDF_MAX_COLS) with a header row
 * `headings` and column widths in proportion to `widths`; `cells` holds
 * nrows * ncols strings, row by row (NULL is an empty cell). A row is never
 * split across pages unless it is taller than a page; the header row is
 * repeated at the top of each page the table continues on. */
void pdf_table(struct pdf *p, int ncols, const char *const *headings, const double *widths,
	       const char *const *cells, int nrows);

/* Lays the document out and appends the PDF to `out`; frees everything the
 * builder holds (also on failure). */
int pdf_close(struct pdf *p, struct buf *out, struct err *e);
/* Frees a document that will not be closed. */
void pdf_free(struct pdf *p);

#endif
