/* genogram_key.c — the genogram's key, and where it goes. The key shows
 * only the marks the drawing used (genogram_svg.c notes them as it draws),
 * a sample of each beside its meaning, then each household's colour and
 * name (genogram_households.c chose the colours).
 *
 * The drawing is printed on one A4 landscape page and shrunk to fit, so the
 * key goes below it or beside it, in as many columns as give the largest
 * print; that choice sets the size of the whole document. */
#include "genogram_layout.h"

#include <stdlib.h>

static const char *const KEY_WORDS[GENO_M_COUNT] = {
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
	int item[GENO_M_COUNT], ni, per, colx[GENO_M_COUNT + 1];
	int flow;		/* how wide the households' rows are */
	int w, h;
};

/* A household's name in the key, cut to a sensible length (NULL: none). */
static char *key_name(const struct geno_model *m, int h)
{
	char *cut[1] = {NULL};
	if (geno_wrap(m->hh[h].label && *m->hh[h].label ? m->hh[h].label : "Household", 36, 1, 36, cut) != 1) {
		free(cut[0]);
		return NULL;
	}
	return cut[0];
}

/* The key in columns no wider in all than avail (-1: any width), at most
 * maxper of them. */
static void key_plan(const struct geno_pen *pn, int avail, int maxper, struct key *k)
{
	const struct geno_model *m = pn->m;
	int iw[GENO_M_COUNT] = {0};
	*k = (struct key){.per = 1};
	for (int i = 0; i < GENO_M_COUNT; i++)
		if (pn->used[i] && i != GENO_M_HOUSEHOLD) {
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
	if (pn->used[GENO_M_HOUSEHOLD]) {
		int g = 58 + geno_text_width(KEY_WORDS[GENO_M_HOUSEHOLD], KEY_PX) + 24, x = g;
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
static void key_draw(struct geno_pen *pn, const struct key *k, int x0, int top, int rule_h)
{
	const struct geno_model *m = pn->m;
	struct buf *b = pn->b;
	int y = top + 30;
	buf_puts(b, "<g class=\"legend\">\n");
	if (rule_h)
		buf_printf(b, "<line class=\"rule\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x0 - 20, top + 10, x0 - 20, top + rule_h);
	else
		buf_printf(b, "<line class=\"rule\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x0, top, x0 + (k->flow > k->w ? k->flow : k->w), top);
	geno_text(pn, x0, top + 24, "h2", 15, false, "Key");
	for (int j = 0; j < k->ni; j++) {
		int i = k->item[j], x = x0 + k->colx[j % k->per], cy = y + 26 + (j / k->per) * KEY_ROW, mx = x + 25;
		switch (i) {
		case GENO_M_MALE: geno_shape(b, "shape", GENO_MALE, mx, cy, 12); break;
		case GENO_M_FEMALE: geno_shape(b, "shape", GENO_FEMALE, mx, cy, 12); break;
		case GENO_M_UNKNOWN: geno_shape(b, "shape", GENO_UNKNOWN, mx, cy, 11); break;
		case GENO_M_SUBJECT:
			geno_shape(b, "ring", GENO_MALE, mx, cy, 15);
			geno_shape(b, "shape", GENO_MALE, mx, cy, 12);
			break;
		case GENO_M_DECEASED:
			geno_shape(b, "shape", GENO_MALE, mx, cy, 12);
			geno_cross(b, GENO_MALE, mx, cy, 12);
			break;
		case GENO_M_MARRIED: case GENO_M_COHAB: case GENO_M_DATING: case GENO_M_SEPARATED: case GENO_M_DIVORCED: case GENO_M_COPARENTS:
			buf_printf(b, "<path class=\"ln%s\"%s d=\"M%d %dV%dH%dV%d\"/>\n", i == GENO_M_COPARENTS ? " np" : "",
				   geno_dash_of(i == GENO_M_COHAB ? GENO_COHABITING : i == GENO_M_DATING ? GENO_DATING : GENO_MARRIED),
				   x + 4, cy - 9, cy + 5, x + 46, cy - 9);
			for (int s = 0; s < (i == GENO_M_DIVORCED ? 2 : i == GENO_M_SEPARATED); s++) {
				int sx = mx + (i == GENO_M_DIVORCED ? (s ? 4 : -4) : 0);
				buf_printf(b, "<line class=\"slash\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", sx - 4, cy + 12, sx + 4, cy - 2);
			}
			break;
		case GENO_M_CHILD: case GENO_M_ADOPTED:
			buf_printf(b, "<path class=\"ln\"%s d=\"M%d %dV%d\"/>\n", i == GENO_M_ADOPTED ? " stroke-dasharray=\"6 4\"" : "",
				   mx, cy - 13, cy + 13);
			break;
		case GENO_M_CARER: case GENO_M_OTHER: case GENO_M_STEP:
			buf_printf(b, "<path class=\"%s\"%s d=\"M%d %dH%d\"/>\n", i == GENO_M_CARER ? "carer" : "thin",
				   i == GENO_M_CARER ? " stroke-dasharray=\"2 3\"" : i == GENO_M_STEP ? " stroke-dasharray=\"1 3\"" : "",
				   x + 4, cy, x + 46);
			break;
		case GENO_M_PR: geno_badge(b, mx, cy + 4, "PR"); break;
		case GENO_M_AC: geno_badge(b, mx, cy + 4, "AC"); break;
		case GENO_M_EXCLUDED:
			buf_puts(b, "<g class=\"excluded\">\n");
			geno_shape(b, "shape", GENO_MALE, mx, cy, 12);
			buf_puts(b, "</g>\n");
			break;
		}
		geno_text(pn, x + 58, cy + 4, "lg", KEY_PX, false, KEY_WORDS[i]);
	}
	int cy = y + 26 + ((k->ni + k->per - 1) / k->per) * KEY_ROW;
	if (pn->used[GENO_M_HOUSEHOLD]) {
		/* What an outline means, then each household's colour and name. */
		buf_printf(b, "<rect class=\"hh\" x=\"%d\" y=\"%d\" width=\"42\" height=\"22\" rx=\"8\" stroke=\"#505a5f\" "
			   "stroke-dasharray=\"2 4\"/>\n", x0 + 4, cy - 11);
		geno_text(pn, x0 + 58, cy + 4, "lg", KEY_PX, false, KEY_WORDS[GENO_M_HOUSEHOLD]);
		int x = 58 + geno_text_width(KEY_WORDS[GENO_M_HOUSEHOLD], KEY_PX) + 24;
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
				   "stroke-dasharray=\"2 4\"/>\n", x0 + x + 4, cy - 11, geno_hh_colour(pn, h));
			geno_text(pn, x0 + x + 58, cy + 4, "lg", KEY_PX, false, name);
			free(name);
			x += w;
		}
	}
	buf_puts(b, "</g>\n");
}

/* The page the drawing prints on: A4 landscape less its margins, 277 mm
 * wide, and the 100 mm of it the stylesheet lets the picture have; it is
 * shrunk to fit, so the key goes where the whole prints largest. */
#define PRINT_W 277
#define PRINT_H 100
#define KEY_MIN_W 720	/* a drawing with the key below is at least this wide */

static long long print_scale(int w, int h)
{
	long long sw = PRINT_W * 1000000LL / w, sh = PRINT_H * 1000000LL / h;
	return sw < sh ? sw : sh;
}

void geno_key(struct geno_pen *pn, int *width, int *height, int *dx)
{
	const struct geno_model *m = pn->m;
	/* The key below the drawing, or beside it in one to three columns. */
	struct key k, best;
	*width = m->width < KEY_MIN_W ? KEY_MIN_W : m->width;
	key_plan(pn, *width - 60, GENO_M_COUNT, &best);
	*height = m->height + 10 + best.h + 20;
	bool beside = false;
	*dx = 0;
	for (int c = 1; c <= 3; c++) {
		key_plan(pn, -1, c, &k);
		int w = m->width + 10 + k.w + 30, h = 10 + k.h + 20 > m->height ? 10 + k.h + 20 : m->height;
		if (print_scale(w, h) > print_scale(*width, *height)) {
			best = k;
			*width = w;
			*height = h;
			beside = true;
		}
	}
	if (beside) {
		key_draw(pn, &best, m->width + 10, 10, *height - 30);
	} else {
		*dx = (*width - m->width) / 2;
		key_draw(pn, &best, 30, m->height + 10, 0);
	}
}
