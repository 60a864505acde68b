/* stages.h — the life of a case as a state machine.
 *
 * A case is always in exactly one stage. Every change to a case is an action;
 * sm_transition() decides, from the facts about the case, whether the action
 * is allowed now and which stage follows. A refusal comes back as an
 * ERR_CONFLICT with one sentence saying what is missing, which the web layer
 * answers as HTTP 409. Pure: the store gathers the facts, the web layer
 * applies the result.
 */
#ifndef HEARTH_STAGES_H
#define HEARTH_STAGES_H

#include <stdbool.h>
#include <stdint.h>
#include "../util/err.h"

enum stage {
	STAGE_CONSULTATION = 0, /* booked; awaiting the consultation session and screening */
	STAGE_CONSENT,          /* accepted; waiting for everyone with PR to consent */
	STAGE_ALLOCATION,       /* consent complete; waiting for a coordinator */
	STAGE_FIRST_CONTACT,    /* allocated; coordinator to contact the family */
	STAGE_PREPARATION,      /* network, child's views, invitations */
	STAGE_MEETING,          /* meeting arranged */
	STAGE_PLAN,             /* meeting held; plan being written, agreed, validated */
	STAGE_NO_AGREEMENT,     /* no safe plan: reconvene or alternative arrangements */
	STAGE_DISTRIBUTION,     /* plan validated; being sent to everyone */
	STAGE_MONITORING,       /* plan sent; family and social worker monitor it */
	STAGE_REVIEW,           /* review meeting arranged or held */
	STAGE_CLOSED,
	STAGE_NOT_ACCEPTED,     /* screened out at the consultation */
	STAGE_COUNT
};

enum action {
	ACT_UPDATE_CONSULTATION = 0,
	ACT_EMERGENCY_DECISION,
	ACT_SCREEN,
	ACT_ADD_PERSON,
	ACT_RECORD_CONSENT,
	ACT_ALLOCATE,
	ACT_FIRST_CONTACT,
	ACT_UPDATE_PREPARATION,
	ACT_SCHEDULE_MEETING,
	ACT_RECORD_MEETING,
	ACT_RECORD_PLAN,
	ACT_REFERRER_DECISION,
	ACT_VALIDATE_PLAN,
	ACT_RECORD_DISTRIBUTION,
	ACT_COMPLETE_DISTRIBUTION,
	ACT_NO_AGREEMENT_DECISION,
	ACT_SCHEDULE_REVIEW,
	ACT_RECORD_REVIEW,
	ACT_CLOSE,
	ACT_RECORD_NOTIFICATION,
	ACT_RECORD_EVALUATION,
	/* The family network and invitations: any time while the case is open. */
	ACT_CHANGE_PERSON,
	ACT_ADD_RELATIONSHIP,
	ACT_REMOVE_RELATIONSHIP,
	ACT_SET_HOUSEHOLD,
	ACT_CHANGE_INVITATIONS,
	ACT_RECORD_CONVERSATION,
	ACT_RECORD_RESPONSE,
	ACT_EXCLUDE_PERSON,
	ACT_LIFT_EXCLUSION,
	ACT_SEND_PLAN,                     /* e-mail the plan through the outbox */
	ACT_COUNT
};

enum closure_reason {
	CLOSE_NONE = 0,
	CLOSE_REVIEW_COMPLETED,  /* review held and tasks acted on */
	CLOSE_NO_REVIEW,         /* meeting completed, no review to take place */
	CLOSE_FAMILY_WITHDREW,
	CLOSE_CONSENT_NOT_GIVEN,
	CLOSE_UNSAFE,            /* inappropriate to proceed for safety reasons */
	CLOSE_COUNT
};

enum decision { DECISION_NONE = 0, DECISION_YES, DECISION_NO };
enum no_agreement_choice { NOAGREE_NONE = 0, NOAGREE_RECONVENE, NOAGREE_ALTERNATIVE };

/* What the store knows about a case, as far as the rules need it. */
struct case_facts {
	enum stage stage;
	bool emergency_requested;
	enum decision emergency_decision; /* NONE while awaiting a service manager */
	int pr_holders;                    /* people with parental responsibility */
	int pr_consented;                  /* of those, consented to meeting and sharing */
	bool meeting_pending;              /* a meeting (or review) is arranged, not yet held */
	int64_t meeting_pending_at;        /* its date, UTC seconds */
	bool meeting_held;                 /* the family meeting has taken place */
	int64_t last_meeting_at;           /* when the latest family meeting was held */
	int64_t consultation_at;           /* the consultation session */
	bool plan_exists;                  /* current plan version recorded */
	enum decision referrer_decision;   /* on the current plan */
	bool plan_validated;
	int distributions;                 /* recipients recorded as sent */
	int plan_mail_waiting;             /* e-mails of the plan queued, not yet sent */
	enum no_agreement_choice no_agreement;
	bool review_held;                  /* the latest review meeting has taken place */
	int64_t now;
};

/* What the action brings that the rules depend on. */
struct sm_input {
	enum action action;
	bool not_appropriate;            /* ACT_SCREEN: a "not appropriate" criterion holds */
	bool refused;                    /* ACT_RECORD_CONSENT: refused meeting or sharing */
	bool person_has_pr;              /* ACT_RECORD_CONSENT / ACT_ADD_PERSON */
	bool person_had_consented;       /* ACT_RECORD_CONSENT: already counted in pr_consented */
	bool plan_agreed_at_meeting;     /* ACT_RECORD_MEETING: the family made a plan */
	enum decision decision;          /* ACT_EMERGENCY_DECISION, ACT_REFERRER_DECISION */
	enum no_agreement_choice choice; /* ACT_NO_AGREEMENT_DECISION */
	enum closure_reason reason;      /* ACT_CLOSE */
};

const char *stage_slug(enum stage s);   /* "first_contact" */
const char *stage_title(enum stage s);  /* "First contact" */
int stage_from_slug(const char *slug, enum stage *out);
bool stage_is_open(enum stage s);

const char *action_slug(enum action a);  /* "record_consent" */
const char *action_title(enum action a); /* "Record consent" */

const char *closure_reason_slug(enum closure_reason r);
const char *closure_reason_title(enum closure_reason r);
int closure_reason_from_slug(const char *slug, enum closure_reason *out);

/* 0 and *next set when allowed; -1 with ERR_CONFLICT and a sentence when not. */
int sm_transition(const struct case_facts *f, const struct sm_input *in, enum stage *next,
		  struct err *why);

/* Whether some input could make the action allowed now; when none can, the
 * refusal says why. Lets the web layer answer 409 before checking the
 * details of an input that could never be accepted. */
int sm_precheck(const struct case_facts *f, enum action a, struct err *why);
/* The same as a yes/no (used to list the case's next steps). */
bool sm_offered(const struct case_facts *f, enum action a);

#endif
