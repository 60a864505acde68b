/* vocab.h — the fixed lists the service works with (reason categories,
 * people's roles, methods, statuses...), each as codes for data and titles
 * for people. Codes are what the API stores and accepts; titles are what a
 * person reads. One table per list, so a new choice is added in one place. */
#ifndef HEARTH_VOCAB_H
#define HEARTH_VOCAB_H

enum vocab {
	VOCAB_REASON_CATEGORY = 0,
	VOCAB_PERSON_ROLE,
	VOCAB_CONSENT_METHOD,
	VOCAB_EMERGENCY_DECISION,
	VOCAB_CONTACT_METHOD,
	VOCAB_CHILD_ATTENDANCE,
	VOCAB_CHILD_CONTRIBUTION,
	VOCAB_MEETING_OUTCOME,
	VOCAB_REFERRER_DECISION,
	VOCAB_SEND_METHOD,
	VOCAB_NO_AGREEMENT,
	VOCAB_ACTION_STATUS,
	VOCAB_CLOSURE_REASON,
	VOCAB_RECIPIENT_KIND,
	VOCAB_RESPONDENT_KIND,
	VOCAB_FAMILY_ANSWER,
	VOCAB_CHILD_ANSWER,
	VOCAB_ROLE,
	VOCAB_GENDER,
	VOCAB_INTERPRETER,
	VOCAB_CONTACT_RESTRICTION,
	VOCAB_RELATIONSHIP,
	VOCAB_EXCLUSION_REASON,
	VOCAB_INVITE_RESPONSE,
	VOCAB_COUNT
};

/* NULL-terminated list of codes, usable as a field_spec's choices. */
const char *const *vocab_codes(enum vocab v);
/* The title of a code; the code itself when unknown; NULL for NULL. */
const char *vocab_title(enum vocab v, const char *code);

#endif
