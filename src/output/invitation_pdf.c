/* invitation_pdf.c — the printed invitation to a meeting (invitation_pdf.h). */
#include "invitation_pdf.h"
#include "pdf.h"
#include "service_contact.h"

#include <stdio.h>

int invitation_pdf(const struct invitation_letter *l, const json_t *service, struct buf *out, struct err *e)
{
	char title[200], header[96], text[600];
	snprintf(title, sizeof title, "Invitation to a %s (%s)", l->noun, l->reference);
	snprintf(header, sizeof header, "Case reference %s", l->reference);
	struct pdf d;
	pdf_open(&d, title, service_name(service), header, "Invitation");
	/* The address block sits where a window envelope shows it. */
	snprintf(text, sizeof text, "%s%s%s", l->to_name, l->to_address ? "\n" : "", l->to_address ? l->to_address : "");
	pdf_para(&d, text);
	pdf_para(&d, l->date);
	snprintf(text, sizeof text, "Dear %s,", l->to_name);
	pdf_para(&d, text);
	/* The letter stands on its own: whatever was sent before, these are
	 * the date and place now. */
	snprintf(title, sizeof title, "An invitation to a %s", l->noun);
	pdf_heading(&d, 0, title);
	snprintf(text, sizeof text, "You are invited to a %s. It is a meeting of the family and the people close to "
				    "them, to make a plan together. If you had an earlier invitation, this letter replaces it.",
		 l->noun);
	pdf_para(&d, text);
	const char *rows[] = {"When", l->when, "Where", l->where && *l->where ? l->where : NULL, "Join online", l->link};
	pdf_pairs(&d, rows, l->link ? 3 : l->where && *l->where ? 2 : 1);
	pdf_para(&d, "If you cannot come, or you need anything to take part, such as an interpreter, help with "
		     "travel or with getting into the building, please tell us as soon as you can.");
	if (l->coordinator) {
		snprintf(text, sizeof text, "Your coordinator is %s%s%s%s.", l->coordinator, l->coordinator_email ? " (" : "",
			 l->coordinator_email ? l->coordinator_email : "", l->coordinator_email ? ")" : "");
		pdf_para(&d, text);
	}
	snprintf(text, sizeof text, "Please quote %s if you contact us.", l->reference);
	pdf_para(&d, text);
	pdf_para(&d, "Yours sincerely,");
	pdf_para(&d, l->coordinator ? l->coordinator : service_name(service));
	service_contact(&d, service, NULL);
	return pdf_close(&d, out, e);
}
