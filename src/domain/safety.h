/* safety.h — the safety rule: who may never be sent what.
 *
 * Someone excluded from the family meeting, or whose contact restriction
 * forbids it, can never be chosen to receive an invitation, the meeting's
 * details or the plan; a confidential address never appears in anything
 * sent to someone else. Every place that chooses a recipient asks here, so
 * the rule is written once and unit-tested directly. Pure: the caller
 * gathers the facts about the person from the store. */
#ifndef HEARTH_SAFETY_H
#define HEARTH_SAFETY_H

#include <stdbool.h>
#include "../util/err.h"

enum safety_send {
	SEND_INVITATION = 0, /* an invitation to the family meeting or review */
	SEND_MEETING_DETAILS, /* when and where a meeting is */
	SEND_PLAN,           /* the family's plan */
	SEND_LETTER          /* any other letter: closure, evaluation */
};

struct safety_facts {
	const char *name;            /* as a person reads it, for the refusal */
	bool excluded;               /* an exclusion decision is in force */
	const char *exclusion_reason; /* its code (vocab EXCLUSION_REASON), may be NULL */
	const char *restriction;     /* contact restriction code; NULL = none */
	bool deceased;
};

/* 0 when the person may be sent `what`. Otherwise -1, with `why` an
 * ERR_INVALID for `field` saying in one sentence who and why not. */
int safety_may_send(const struct safety_facts *p, enum safety_send what, const char *field,
		    struct err *why);

/* The address of `owner_id` as it may appear in something sent to
 * `recipient_id`: their own address to themselves, anyone's address that
 * is not confidential; NULL when it must not appear. */
const char *safety_address(const char *owner_id, const char *address, bool confidential,
			   const char *recipient_id);

/* What is sent, in words: "an invitation", "the plan"... */
const char *safety_send_words(enum safety_send what);

#endif
