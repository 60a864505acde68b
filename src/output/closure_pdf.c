/* closure_pdf.c — closure letters (closure_pdf.h). The words of the reason
 * come from domain/letters.c, the summary is the coordinator's own. */
#include "closure_pdf.h"
#include "pdf.h"
#include "service_contact.h"

#include <stdio.h>
#include <string.h>

static void address_block(struct pdf *d, const struct closure_letter *l)
{
	char text[900];
	snprintf(text, sizeof text, "%s%s%s%s%s", l->to_name, l->to_role ? "\n" : "", l->to_role ? l->to_role : "",
		 l->to_address ? "\n" : "", l->to_address ? l->to_address : "");
	pdf_para(d, text);
	pdf_para(d, l->date);
}

static void sign_off(struct pdf *d, const struct closure_letter *l, const json_t *service)
{
	char text[300];
	snprintf(text, sizeof text, "Please quote %s if you contact us.", l->reference);
	pdf_para(d, text);
	pdf_para(d, l->audience == LETTER_CHILD ? "Best wishes," : "Yours sincerely,");
	if (l->coordinator) {
		snprintf(text, sizeof text, "%s\nCoordinator%s%s", l->coordinator, l->coordinator_email ? ", " : "",
			 l->coordinator_email ? l->coordinator_email : "");
		pdf_para(d, text);
	} else {
		pdf_para(d, service_name(service));
	}
}

/* The family's letter and the child's say the same things in different
 * words: each sentence is its words before and after what it names. */
struct family_words {
	enum letter_audience audience;
	const char *greeting, *intro_before, *intro_after, *why_heading, *why_before, *why_unknown, *summary_heading,
		*plan, *talk_before, *talk_after, *talk_nobody, *thanks;
};

static const struct family_words FAMILY_WORDS = {
	LETTER_FAMILY, "Dear ",
	"We are writing to let you know that the family group conference service finished its work with your family on ",
	".", "Why it has finished", "It has finished because ", "the work is complete",
	"What we wrote when the work finished",
	"Your family's plan is still yours. Keep it somewhere safe and keep doing what you agreed. You can meet as a "
	"family to look at it again whenever you need to.",
	"If you are worried about anything, please talk to ", ", who asked for the family meeting, or contact us.",
	"If you are worried about anything, please contact us.",
	"We would like to thank you for taking part. If you have not yet told us what you thought of the family "
	"meeting, we would still like to hear from you."};

static const struct family_words CHILD_WORDS = {
	LETTER_CHILD, "Hello ",
	"This letter is to tell you that we have finished working with your family. We finished on ", ".",
	"Why we have finished", "We have finished because ", "our work is done", "What we wrote down",
	"Your family's plan is still there to help you. The people in it will keep doing what they said they would.",
	"If you are worried or unhappy about anything, you can talk to ",
	", or to a grown-up you trust. You can also phone Childline free on 0800 1111, any time.",
	"If you are worried or unhappy about anything, you can talk to a grown-up you trust. You can also phone "
	"Childline free on 0800 1111, any time.",
	"Thank you for helping your family make its plan. What you said mattered."};

static void to_family(struct pdf *d, const struct closure_letter *l, const struct family_words *w)
{
	char text[1200];
	snprintf(text, sizeof text, "%s%s,", w->greeting, l->to_name);
	pdf_para(d, text);
	pdf_heading(d, 0, "Our work with your family has finished");
	snprintf(text, sizeof text, "%s%s%s", w->intro_before, l->closed_on, w->intro_after);
	pdf_para(d, text);
	pdf_heading(d, 1, w->why_heading);
	const char *why = letter_closure_reason(l->reason, w->audience);
	snprintf(text, sizeof text, "%s%s.", w->why_before, why ? why : w->why_unknown);
	pdf_para(d, text);
	if (l->summary) {
		pdf_heading(d, 1, w->summary_heading);
		pdf_para(d, l->summary);
	}
	pdf_heading(d, 1, "What happens now");
	if (l->plan)
		pdf_para(d, w->plan);
	if (l->referrer)
		snprintf(text, sizeof text, "%s%s%s", w->talk_before, l->referrer, w->talk_after);
	pdf_para(d, l->referrer ? text : w->talk_nobody);
	pdf_para(d, w->thanks);
}

static void to_professional(struct pdf *d, const struct closure_letter *l)
{
	char text[1200];
	snprintf(text, sizeof text, "Dear %s,", l->to_name);
	pdf_para(d, text);
	pdf_heading(d, 0, "Family group conference closed");
	const char *why = letter_closure_reason(l->reason, LETTER_PROFESSIONAL);
	snprintf(text, sizeof text, "I am writing to let you know that the family group conference service closed "
				    "this case on %s: %s.",
		 l->closed_on, why ? why : "the work is complete");
	pdf_para(d, text);
	const char *rows[] = {"Case reference", l->reference, "Child", l->child_name, "Date of birth", l->child_born,
			      "Closed on", l->closed_on, "Family plan", l->plan};
	pdf_pairs(d, rows, 5);
	pdf_heading(d, 1, "Closure summary");
	pdf_para(d, l->summary ? l->summary : "No summary was recorded.");
	pdf_heading(d, 1, "What happens now");
	pdf_para(d, l->audience == LETTER_REFERRER
			    ? "The family keeps its plan and carries on with it. Responsibility for the child's welfare stays "
			      "with you and your service; please contact us if you think another family meeting would help."
			    : "The family keeps its plan and carries on with it. Please contact the referrer or us if you have "
			      "any concerns, or if you think another family meeting would help.");
	pdf_note(d, "This letter contains personal information about a child. Keep it securely and share it only "
		    "with those who need it.");
}

int closure_pdf(const struct closure_letter *l, const json_t *service, struct buf *out, struct err *e)
{
	char title[200], header[96];
	snprintf(title, sizeof title, "Closure letter (%s)", l->reference);
	snprintf(header, sizeof header, "Case reference %s", l->reference);
	struct pdf d;
	pdf_open(&d, title, service_name(service), header,
		 l->audience == LETTER_REFERRER || l->audience == LETTER_PROFESSIONAL ? "OFFICIAL-SENSITIVE" : "Closure letter");
	address_block(&d, l);
	switch (l->audience) {
	case LETTER_FAMILY:
		to_family(&d, l, &FAMILY_WORDS);
		break;
	case LETTER_CHILD:
		to_family(&d, l, &CHILD_WORDS);
		break;
	case LETTER_REFERRER:
	case LETTER_PROFESSIONAL:
		to_professional(&d, l);
		break;
	}
	sign_off(&d, l, service);
	service_contact(&d, service, NULL);
	return pdf_close(&d, out, e);
}
