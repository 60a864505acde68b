/* evaluation_pdf.h — the evaluation form on paper, for a family member or
 * (in a child's words) the child, to fill in by hand at the end of the
 * meeting: the same questions as the interface (domain/letters.c), each
 * with boxes to tick, and room for anything else they want to say. */
#ifndef HEARTH_EVALUATION_PDF_H
#define HEARTH_EVALUATION_PDF_H

#include <jansson.h>
#include <stdbool.h>
#include "../util/buf.h"
#include "../util/err.h"

struct evaluation_form {
	bool child;
	const char *reference;
	const char *name;     /* who it is for; NULL for a blank form */
	const char *meeting;  /* "the family meeting on Tuesday 8 September 2026"; may be NULL */
};

int evaluation_pdf(const struct evaluation_form *f, const json_t *service, struct buf *out, struct err *e);

#endif
