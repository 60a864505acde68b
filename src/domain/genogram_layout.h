/* genogram_layout.h — private to the genogram module (genogram.c builds the
 * model, genogram_labels.c words its labels, genogram_layout.c places it,
 * genogram_svg.c draws it, with genogram_households.c and genogram_key.c
 * adding the household outlines and the key). The model is
 * the input sorted and resolved to indices: who is family, their generation
 * row, the couples ("units": partners side by side), the sibling groups that
 * children hang from, and every label line already cut to size, so placing
 * and drawing never look at the raw records again.
 *
 * Geometry, in whole pixels: a shape is 2 * GENO_R across, centred on
 * (x, cy); label line k has its baseline at cy + ly + GENO_LINE_H * k (ly is
 * GENO_LABEL_Y, more in a unit whose partner lines run deeper); the couple
 * line runs GENO_COUPLE_Y below cy. Above a row, nearest first: its marks
 * (GENO_TOP), its sibling bars (from GENO_BAR_Y, GENO_TRACK apart), the
 * connector levels (GENO_LEVEL apart) and a household's label strip. */
#ifndef HEARTH_GENOGRAM_LAYOUT_H
#define HEARTH_GENOGRAM_LAYOUT_H

#include "genogram.h"

#define GENO_R 24		/* half a shape */
#define GENO_TOP 34		/* a mark reaches this far above its centre (badges, the ring) */
#define GENO_BADGE 45		/* and this far to either side (badges) */
#define GENO_COUPLE_Y 37	/* couple line below the shapes' centre */
#define GENO_LABEL_Y 56		/* first label baseline below the centre */
#define GENO_LINE_H 15
#define GENO_STUB 70		/* a lone parent's line leaves this far to the side */
#define GENO_BAR_Y 44		/* the nearest sibling bar above the centre */
#define GENO_TRACK 8		/* between sibling bar levels */
#define GENO_LEVEL 14		/* between connector levels, each with its label */
#define GENO_HH_TOP 65		/* a household's outline above the centre, over bars and levels */
#define GENO_HH_TOP_BAND 56	/* the same in the wider-network band (no bars there) */
#define GENO_NAME_PX 13		/* font sizes: names */
#define GENO_SMALL_PX 11	/* dates, status, notes, line labels */
#define GENO_HL_PX 12		/* household labels */
#define GENO_MIN_W 320		/* the narrowest drawing: room for a household's label */
#define GENO_MAXLINES 6

enum geno_band { GENO_FAMILY = 0, GENO_BAND_FRIENDS, GENO_BAND_PROS, GENO_BAND_UNLINKED, GENO_NBANDS };
enum geno_textclass { GENO_T_NAME = 0, GENO_T_SMALL, GENO_T_STATUS, GENO_T_EXCLUDED };

struct geno_node {
	const struct geno_person *p;
	int comp;		/* family component (0 holds the subject); -1 in the band */
	int band;		/* enum geno_band */
	int gen, row;		/* generation from the root; row 0 is the top one */
	int unit, upos;		/* the couple unit and the place in it, left to right */
	int par[2], npar;	/* the parents it hangs from */
	int group;		/* its sibling group, -1 when it hangs from nobody */
	bool adopted;		/* hangs on a dashed line */
	int brank;		/* birth order over everyone, 0 the oldest */
	int *links, nlinks;	/* into model.link, in relationship order */
	int *cgroups, ncgroups;	/* sibling groups it is a parent of */
	int pos;		/* place in its row while ordering */
	int x, cy;		/* centre of the shape */
	int hw;			/* half the width of shape, badges and labels */
	int ly;			/* first label baseline below cy */
	int bottom;		/* below the last label line */
	int nlines;
	char *line[GENO_MAXLINES];
	unsigned char lclass[GENO_MAXLINES];
};

struct geno_link {
	const struct geno_rel *r;
	int a, b;
	bool shown;		/* the drawing's structure already says it: no connector */
	bool merged;		/* an earlier connector joins the same two: it says this too */
};

struct geno_unit {
	int row, comp;
	int n, *m;		/* members left to right */
	int *off;		/* x of each member from the first */
	int x;			/* x of the first member */
};

struct geno_couple {
	int a, b;		/* a left of b, in the same unit */
	int link;		/* the partnership, or -1: co-parents with none recorded */
	int depth;		/* people between them: the line runs lower */
	bool kids;
};

struct geno_group {
	int par[2], npar;
	int n, *kids;		/* oldest first */
	int row, comp;
	int couple;		/* two parents: their couple line; else -1 */
	int stub;		/* one parent: -1 left, +1 right */
	int aoff;		/* where the line leaves, from the parents' unit x */
	int track;		/* which sibling bar level, 0 nearest the children */
	int bar_y;
};

struct geno_model {
	struct geno_node *node;
	int n;
	struct geno_link *link;
	int nlink;
	struct geno_unit *unit;
	int nunit;
	struct geno_couple *couple;
	int ncouple;
	struct geno_group *group;
	int ngroup;
	struct geno_household *hh;	/* sorted; labels borrowed from the input */
	int nhh;
	int ncomp, nrows, nfamily, nband;
	int *row_cy;
	int *row_tracks;		/* sibling bar levels above each row */
	int *row_links;			/* connector levels above each row, over the bars */
	int band_title_y;		/* 0 when nobody is in the band */
	int band_sub_x[GENO_NBANDS];	/* where each group's heading is */
	int band_sub_y[GENO_NBANDS];	/* 0 for an empty group */
	int width, height;		/* of everything but the legend */
};

typedef int (*geno_cmp)(const void *ctx, int a, int b);

/* A stable merge sort of indices with a context (qsort has none, and a
 * global would not be safe in the threaded server). */
void geno_sort(int *a, int n, geno_cmp cmp, const void *ctx);

struct geno_model *geno_model_build(const struct geno_input *in);
void geno_model_free(struct geno_model *m);
/* Orders and places everything: x, cy, bottom, rows, band; width, height. */
void geno_layout_place(struct geno_model *m);
/* Draws the placed model. */
void geno_svg_draw(const struct geno_model *m, const char *title, struct buf *out);

/* The other end of a link; whether a kind of link is family. */
static inline int geno_other(const struct geno_link *l, int me) { return l->a == me ? l->b : l->a; }
static inline bool geno_is_family(enum geno_kind k) { return k <= GENO_CARER; }
/* Where a sibling group's line leaves its parents, once they are placed. */
static inline int geno_anchor_x(const struct geno_model *m, const struct geno_group *g)
{
	return m->unit[m->node[g->par[0]].unit].x + g->aoff;
}

/* The year of a "YYYY" or "YYYY-MM-DD" birth (full: a whole date). */
bool geno_birth_year(const char *b, int *year, bool *full);
/* Draws the placed model without keeping the text and checks that no
 * household label is crossed by a line or lies over other text or a mark:
 * 0 when none is, else -1 with the household named in why. */
int geno_svg_check(const struct geno_model *m, char *why, size_t n);

/* ---- words (genogram_labels.c) ---- */

/* Estimated width in pixels of UTF-8 text in a font of px pixels. */
int geno_text_width(const char *s, int px);
/* Every person's label lines and half width. */
void geno_labels(struct geno_model *m);
/* The font size label line k of nd is measured in. */
int geno_line_px(const struct geno_node *nd, int k);
/* Cuts s into at most maxl lines of at most maxc characters (out gets them,
 * each to be freed), more than total characters ending in an ellipsis;
 * returns the line count. */
int geno_wrap(const char *s, int maxc, int maxl, int total, char **out);
/* How many characters s has, leaving out spaces at either end. */
int geno_char_count(const char *s);

/* ---- drawing (genogram_svg.c, genogram_households.c, genogram_key.c) ---- */

/* Everything the key can explain; a drawing notes those it used. */
enum geno_mark {
	GENO_M_MALE, GENO_M_FEMALE, GENO_M_UNKNOWN, GENO_M_SUBJECT, GENO_M_DECEASED,
	GENO_M_MARRIED, GENO_M_COHAB, GENO_M_DATING, GENO_M_SEPARATED, GENO_M_DIVORCED, GENO_M_COPARENTS,
	GENO_M_CHILD, GENO_M_ADOPTED, GENO_M_CARER, GENO_M_OTHER, GENO_M_STEP, GENO_M_HOUSEHOLD, GENO_M_PR,
	GENO_M_AC, GENO_M_EXCLUDED, GENO_M_COUNT
};

struct geno_rect {
	int x0, y0, x1, y1;	/* x0 <= x1, y0 <= y1; a line is a rect one way thin */
};

/* One outline of a household: all of it, or one run of its members side by
 * side in a row when it has to be split. */
struct geno_part {
	int cy;			/* its people's centre line (a split part keeps to one) */
	struct geno_rect r;
};

/* What draws, and what it remembers of where things went, so household
 * outlines' connectors and labels can keep clear of them. */
struct geno_pen {
	const struct geno_model *m;
	struct buf *b;
	bool used[GENO_M_COUNT];
	int width;		/* of the drawing */
	int px, py;		/* the end of the path being written */
	struct geno_rect *seg;	/* lines */
	int nseg, cseg;
	struct geno_rect *ob;	/* text, marks and household labels */
	int nob, cob;
	struct geno_part *part;	/* household outlines, household by household */
	int npart;
	int *first, *nparts;	/* per household: its outlines in part */
	int *colour;		/* per household: its colour, -1 when not drawn */
	int *label;		/* per household: its label in ob, -1 when none */
};

/* The pen (genogram_svg.c): each of these writes to pn->b and remembers
 * the room it took, so what is drawn later can keep clear of it. A text or
 * mark written straight to pn->b is remembered with geno_obstacle, which
 * returns its place in ob. */
int geno_obstacle(struct geno_pen *pn, int x0, int y0, int x1, int y1);
/* A path's moves and runs. */
void geno_p_move(struct geno_pen *pn, int x, int y);
void geno_p_v(struct geno_pen *pn, int y);
void geno_p_h(struct geno_pen *pn, int x);
/* Text in a font of px pixels, anchored at its middle or its start. */
void geno_text(struct geno_pen *pn, int x, int y, const char *cls, int px, bool mid, const char *s);
/* XML-escaped text, control characters made spaces. */
void geno_esc(struct buf *b, const char *s);
/* The dash pattern of a couple line of this subtype, as an attribute. */
const char *geno_dash_of(int subtype);
/* The marks, written to b and not remembered: a person is remembered as a
 * whole, and the key draws them as samples. */
void geno_shape(struct buf *b, const char *cls, enum geno_gender g, int x, int y, int r);
void geno_cross(struct buf *b, enum geno_gender g, int x, int y, int r);
void geno_badge(struct buf *b, int x, int y, const char *s);
/* Orders node indices by x (ctx: the model). */
int geno_cmp_x(const void *ctx, int a, int b);

/* Every household's outlines and joins to boxes, labels to labels, once
 * the lines, people and band are drawn (genogram_households.c). */
void geno_households(struct geno_pen *pn, struct buf *boxes, struct buf *labels);
/* Household h's colour; only for a household that was drawn. */
const char *geno_hh_colour(const struct geno_pen *pn, int h);
/* geno_svg_check's test, on a finished drawing: whether every household
 * label is clear of lines, text and marks. */
int geno_households_check(const struct geno_pen *pn, char *why, size_t n);

/* Draws the key where the whole prints largest, beside the drawing or
 * below it, and gives the document's size and how far to move the drawing
 * right to centre it (genogram_key.c). */
void geno_key(struct geno_pen *pn, int *width, int *height, int *dx);

#endif
