/* invitation_pdf.h — the printed invitation to a meeting, for someone
 * hearth cannot e-mail: one A4 letter with their address for a window
 * envelope, the date, when and where, how to join online, who to contact.
 * Like the e-mail, it says nothing about the case beyond its reference. */
#ifndef HEARTH_INVITATION_PDF_H
#define HEARTH_INVITATION_PDF_H

#include <jansson.h>
#include "../util/buf.h"
#include "../util/err.h"

struct invitation_letter {
	const char *to_name;
	const char *to_address;  /* NULL when it must not or cannot appear */
	const char *reference;
	const char *noun;        /* "family meeting", "review meeting" */
	const char *date;        /* today, in words */
	const char *when;        /* "Tuesday 3 March 2026 at 6pm" */
	const char *where;       /* venue, address, access notes; may be empty */
	const char *link;        /* may be NULL */
	const char *coordinator, *coordinator_email; /* may be NULL */
};

int invitation_pdf(const struct invitation_letter *l, const json_t *service, struct buf *out, struct err *e);

#endif
