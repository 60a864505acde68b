/* letters.h — the words of what hearth writes to people when a case ends:
 * why the service's work finished, said to a family member, to the child
 * and to a professional, and the evaluation questions each is asked.
 *
 * Pure data and choice: the letters (output/closure_pdf.c), the printable
 * evaluation forms (output/evaluation_pdf.c) and the evaluation handler
 * (web/api_closure.c) all take their words from here, so a question reads
 * the same on paper as in the interface, and a reason the same in every
 * letter. */
#ifndef HEARTH_LETTERS_H
#define HEARTH_LETTERS_H

#include <stdbool.h>

/* Who a closure letter is for; its code is the recipient-kind vocabulary's. */
enum letter_audience { LETTER_FAMILY = 0, LETTER_CHILD, LETTER_REFERRER, LETTER_PROFESSIONAL };

/* "family", "child", "referrer", "professional"; -1 for anything else. */
int letter_audience_from_code(const char *code);
const char *letter_audience_code(enum letter_audience a);
/* The audience of a person on a case by their role there: the child's own
 * letter for the child, the professionals' for a professional, the
 * family's for everyone else. */
enum letter_audience letter_audience_of_role(const char *role);

/* Why the work ended, as a sentence ending without a full stop, in words
 * for the audience ("your family decided not to go ahead with the family
 * meeting"); NULL for an unknown reason code. */
const char *letter_closure_reason(const char *reason, enum letter_audience a);

struct evaluation_question {
	const char *field;   /* the API field */
	const char *label;   /* how an error names it: "whether they felt listened to" */
	const char *text;    /* the question as asked */
	const char *hint;    /* may be NULL */
};

/* The questions for a child (child-friendly) or a family member, ending
 * with a zeroed entry. */
const struct evaluation_question *evaluation_questions(bool child);

#endif
