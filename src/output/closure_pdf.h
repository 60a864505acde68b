/* closure_pdf.h — the letter that tells someone the service's work with a
 * family has ended: to a family member, to the child (in words a child
 * reads), to the referrer and to the other professionals. Each gives the
 * reason and the closure summary; the professionals' also names the child
 * and what the family agreed, the family's and the child's say who to talk
 * to now. One A4 letter with the address where a window envelope shows it. */
#ifndef HEARTH_CLOSURE_PDF_H
#define HEARTH_CLOSURE_PDF_H

#include <jansson.h>
#include "../domain/letters.h"
#include "../util/buf.h"
#include "../util/err.h"

struct closure_letter {
	enum letter_audience audience;
	const char *to_name;
	const char *to_address;   /* NULL when it must not or cannot appear */
	const char *to_role;      /* "Social worker, Children's Social Care"; may be NULL */
	const char *reference;
	const char *child_name;
	const char *child_born;   /* "Born 2 September 2017"; may be NULL */
	const char *date;         /* today, in words */
	const char *closed_on;    /* in words */
	const char *reason;       /* the closure reason's code */
	const char *summary;
	const char *plan;         /* "Version 2, agreed at the review on ..."; NULL when none */
	const char *referrer;     /* who to talk to now, for the family and the child; may be NULL */
	const char *coordinator, *coordinator_email; /* may be NULL */
};

int closure_pdf(const struct closure_letter *l, const json_t *service, struct buf *out, struct err *e);

#endif
