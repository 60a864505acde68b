/* evaluation_pdf.c — the printable evaluation forms (evaluation_pdf.h). */
#include "evaluation_pdf.h"
#include "pdf.h"
#include "service_contact.h"
#include "../domain/letters.h"
#include "../domain/vocab.h"

#include <stdio.h>

/* "☐ Yes    ☐ Partly    ☐ No": a box before each answer of the list. */
static void boxes(enum vocab v, char *out, size_t n)
{
	const char *const *codes = vocab_codes(v);
	size_t k = 0;
	out[0] = '\0';
	for (int i = 0; codes[i] && k < n; i++)
		k += (size_t)snprintf(out + k, n - k, "%s\u2610 %s", i ? "      " : "", vocab_title(v, codes[i]));
}

int evaluation_pdf(const struct evaluation_form *f, const json_t *service, struct buf *out, struct err *e)
{
	char title[200], header[96], text[400], answers[160];
	snprintf(title, sizeof title, "%s (%s)", f->child ? "What did you think? (child or young person)" : "Evaluation form (family member)",
		 f->reference);
	snprintf(header, sizeof header, "Case reference %s", f->reference);
	struct pdf d;
	pdf_open(&d, title, service_name(service), header, f->child ? "What did you think?" : "Evaluation form");
	if (f->child) {
		pdf_heading(&d, 0, "What did you think of your family meeting?");
		pdf_para(&d, "We would like to know what it was like for you. There are no right or wrong answers, and "
			     "you do not have to answer if you do not want to. Tick one box for each question. You can "
			     "ask a grown-up to read the questions to you.");
	} else {
		pdf_heading(&d, 0, "What did you think of the family meeting?");
		pdf_para(&d, "Your views help us make family meetings better for other families. Please tick one box "
			     "for each question. Your answers are kept with your family's record and are not shared "
			     "outside the service.");
	}
	const char *about[] = {"Name", f->name ? f->name : "", "Meeting", f->meeting};
	pdf_pairs(&d, about, f->meeting ? 2 : 1);
	boxes(f->child ? VOCAB_CHILD_ANSWER : VOCAB_FAMILY_ANSWER, answers, sizeof answers);
	const struct evaluation_question *q = evaluation_questions(f->child);
	for (int i = 0; q[i].field; i++) {
		snprintf(text, sizeof text, "%d. %s", i + 1, q[i].text);
		pdf_heading(&d, 2, text);
		if (q[i].hint)
			pdf_note(&d, q[i].hint);
		pdf_para(&d, answers);
	}
	pdf_heading(&d, 2, f->child ? "Is there anything else you want to tell us? You can write or draw it here."
				   : "Is there anything else you would like to tell us?");
	pdf_para(&d, "\n\n\n\n\n\n");
	pdf_note(&d, f->child ? "Thank you! Please give this back to your coordinator."
			      : "Thank you. Please give this form to your coordinator, or post it to us.");
	service_contact(&d, service, NULL);
	return pdf_close(&d, out, e);
}
