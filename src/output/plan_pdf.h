/* plan_pdf.h — "Our family plan": the document a family takes away from
 * its meeting (and, after a review, the revised plan), as an A4 PDF. */
#ifndef HEARTH_PLAN_PDF_H
#define HEARTH_PLAN_PDF_H

#include <jansson.h>
#include "../util/buf.h"
#include "../util/err.h"

/* Appends the plan of version `version` of the case to `out`. `case_view`
 * is a case's view model (web/case_view.c: reference, child, plans,
 * meetings; people when the reader may see them) already shaped for the
 * person asking; `service` (the settings: name and contact details) heads
 * every page and closes the document. ERR_NOT_FOUND when the case has no
 * plan of that version. */
int plan_pdf(const json_t *case_view, int version, const json_t *service, struct buf *out,
	     struct err *e);

#endif
