/* letters.c — the words of closure letters and evaluations (letters.h). */
#include "letters.h"

#include <stddef.h>
#include <string.h>

static const char *const AUDIENCE[] = {"family", "child", "referrer", "professional"};

int letter_audience_from_code(const char *code)
{
	for (int i = 0; code && i < 4; i++)
		if (strcmp(code, AUDIENCE[i]) == 0)
			return i;
	return -1;
}

const char *letter_audience_code(enum letter_audience a)
{
	return AUDIENCE[a];
}

enum letter_audience letter_audience_of_role(const char *role)
{
	if (role && strcmp(role, "child") == 0)
		return LETTER_CHILD;
	if (role && strcmp(role, "professional") == 0)
		return LETTER_PROFESSIONAL;
	return LETTER_FAMILY;
}

/* One row per closure reason: family, child, professional wording. The
 * professionals' (referrer's too) is the procedure's own term. */
static const struct {
	const char *code, *family, *child, *professional;
} REASONS[] = {
	{"review_completed",
	 "your family's review meeting has taken place and the actions in your family's plan have been carried out",
	 "your family has done the things it agreed to do in its plan, and everyone met again to check how it went",
	 "the review was completed and the plan's tasks have been acted on"},
	{"no_review",
	 "your family meeting has taken place and the family agreed that no review meeting was needed",
	 "your family met and made a plan, and everyone agreed there did not need to be another meeting",
	 "the family meeting was completed and no review is to take place"},
	{"family_withdrew",
	 "your family decided not to go ahead with the family meeting",
	 "your family decided not to have the family meeting",
	 "the family withdrew from the process"},
	{"consent_not_given",
	 "the agreement needed to hold a family meeting was not given",
	 "the grown-ups who look after you did not agree to have a family meeting",
	 "consent to the meeting or to sharing information was not given"},
	{"unsafe_to_proceed",
	 "we decided that it would not be safe to go ahead with a family meeting at this time",
	 "the people working with your family decided a family meeting would not be the right way to help just now",
	 "it was inappropriate to proceed, for safety reasons"},
};

const char *letter_closure_reason(const char *reason, enum letter_audience a)
{
	for (size_t i = 0; reason && i < sizeof REASONS / sizeof REASONS[0]; i++)
		if (strcmp(REASONS[i].code, reason) == 0)
			return a == LETTER_FAMILY ? REASONS[i].family
			       : a == LETTER_CHILD ? REASONS[i].child
						  : REASONS[i].professional;
	return NULL;
}

static const struct evaluation_question FAMILY[] = {
	{"listened_to", "whether they felt listened to", "Did you feel listened to at the family meeting?", NULL},
	{"plan_is_ours", "whether the plan feels like the family's own", "Does the plan feel like your family’s own plan?", NULL},
	{"would_recommend", "whether they would recommend a family meeting",
	 "Would you tell another family to have a family meeting?", NULL},
	{NULL}};

static const struct evaluation_question CHILD[] = {
	{"felt_listened_to", "how the child felt about being listened to",
	 "How did you feel about the way people listened to you?", NULL},
	{"understood_plan", "how the child felt about understanding the plan",
	 "How do you feel about understanding your family’s plan?", "The plan is what your family agreed to do to help you"},
	{"felt_safe", "how safe the child felt at the meeting", "How did you feel at the meeting – did you feel safe?", NULL},
	{NULL}};

const struct evaluation_question *evaluation_questions(bool child)
{
	return child ? CHILD : FAMILY;
}
