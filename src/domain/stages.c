/* stages.c — the case state machine (see stages.h).
 *
 * Each action has a rule: a function that checks the stage and the guard
 * and picks the next stage. Rules are written one per action so that a
 * reader can find "when may a plan be validated?" in one place, and each
 * refusal says in plain words what is missing.
 */
#include "stages.h"

#include <string.h>

static const struct {
	const char *slug, *title;
} stages[STAGE_COUNT] = {
	[STAGE_CONSULTATION] = {"consultation", "Consultation"},
	[STAGE_CONSENT] = {"consent", "Consent"},
	[STAGE_ALLOCATION] = {"allocation", "Allocation"},
	[STAGE_FIRST_CONTACT] = {"first_contact", "First contact"},
	[STAGE_PREPARATION] = {"preparation", "Preparation"},
	[STAGE_MEETING] = {"meeting", "Family meeting arranged"},
	[STAGE_PLAN] = {"plan", "Family plan"},
	[STAGE_NO_AGREEMENT] = {"no_agreement", "No agreement"},
	[STAGE_DISTRIBUTION] = {"distribution", "Plan distribution"},
	[STAGE_MONITORING] = {"monitoring", "Monitoring the plan"},
	[STAGE_REVIEW] = {"review", "Review"},
	[STAGE_CLOSED] = {"closed", "Closed"},
	[STAGE_NOT_ACCEPTED] = {"not_accepted", "Not accepted"},
};

static const struct {
	const char *slug, *title;
} actions[ACT_COUNT] = {
	[ACT_UPDATE_CONSULTATION] = {"update_consultation", "Update the consultation answers"},
	[ACT_EMERGENCY_DECISION] = {"emergency_decision", "Decide on the emergency request"},
	[ACT_SCREEN] = {"screen", "Screen the referral"},
	[ACT_ADD_PERSON] = {"add_person", "Add a person"},
	[ACT_RECORD_CONSENT] = {"record_consent", "Record consent"},
	[ACT_ALLOCATE] = {"allocate", "Allocate a coordinator"},
	[ACT_FIRST_CONTACT] = {"first_contact", "Record first contact"},
	[ACT_UPDATE_PREPARATION] = {"update_preparation", "Record preparation"},
	[ACT_SCHEDULE_MEETING] = {"schedule_meeting", "Arrange the family meeting"},
	[ACT_RECORD_MEETING] = {"record_meeting", "Record the family meeting"},
	[ACT_RECORD_PLAN] = {"record_plan", "Record the family plan"},
	[ACT_REFERRER_DECISION] = {"referrer_decision", "Record the referrer's decision on the plan"},
	[ACT_VALIDATE_PLAN] = {"validate_plan", "Validate the plan"},
	[ACT_RECORD_DISTRIBUTION] = {"record_distribution", "Record who was sent the plan"},
	[ACT_SEND_PLAN] = {"send_plan", "E-mail the plan"},
	[ACT_COMPLETE_DISTRIBUTION] = {"complete_distribution", "Finish sending the plan"},
	[ACT_NO_AGREEMENT_DECISION] = {"no_agreement_decision", "Decide what happens without agreement"},
	[ACT_SCHEDULE_REVIEW] = {"schedule_review", "Arrange the review meeting"},
	[ACT_RECORD_REVIEW] = {"record_review", "Record the review meeting"},
	[ACT_CLOSE] = {"close", "Close the case"},
	[ACT_RECORD_NOTIFICATION] = {"record_notification", "Record a closure notification"},
	[ACT_RECORD_EVALUATION] = {"record_evaluation", "Record an evaluation"},
	[ACT_CHANGE_PERSON] = {"change_person", "Change a person's details"},
	[ACT_ADD_RELATIONSHIP] = {"add_relationship", "Add a relationship"},
	[ACT_REMOVE_RELATIONSHIP] = {"remove_relationship", "Remove a relationship"},
	[ACT_SET_HOUSEHOLD] = {"set_household", "Record a household"},
	[ACT_CHANGE_INVITATIONS] = {"change_invitations", "Choose who is invited"},
	[ACT_RECORD_CONVERSATION] = {"record_conversation", "Record a conversation with an invitee"},
	[ACT_RECORD_RESPONSE] = {"record_response", "Record a response to an invitation"},
	[ACT_EXCLUDE_PERSON] = {"exclude_person", "Exclude someone from the meeting"},
	[ACT_LIFT_EXCLUSION] = {"lift_exclusion", "Lift an exclusion"},
};

static const struct {
	const char *slug, *title;
} reasons[CLOSE_COUNT] = {
	[CLOSE_NONE] = {"", ""},
	[CLOSE_REVIEW_COMPLETED] = {"review_completed", "Review completed and tasks acted on"},
	[CLOSE_NO_REVIEW] = {"no_review", "Meeting completed, no review to take place"},
	[CLOSE_FAMILY_WITHDREW] = {"family_withdrew", "The family withdrew"},
	[CLOSE_CONSENT_NOT_GIVEN] = {"consent_not_given", "Consent was not given"},
	[CLOSE_UNSAFE] = {"unsafe_to_proceed", "Inappropriate to proceed for safety reasons"},
};

const char *stage_slug(enum stage s) { return s < STAGE_COUNT ? stages[s].slug : "unknown"; }
const char *stage_title(enum stage s) { return s < STAGE_COUNT ? stages[s].title : "Unknown"; }
const char *action_slug(enum action a) { return a < ACT_COUNT ? actions[a].slug : "unknown"; }
const char *action_title(enum action a) { return a < ACT_COUNT ? actions[a].title : "Unknown"; }

int stage_from_slug(const char *slug, enum stage *out)
{
	for (int i = 0; slug && i < STAGE_COUNT; i++)
		if (strcmp(slug, stages[i].slug) == 0) {
			*out = (enum stage)i;
			return 0;
		}
	return -1;
}

bool stage_is_open(enum stage s) { return s != STAGE_CLOSED && s != STAGE_NOT_ACCEPTED; }

const char *closure_reason_slug(enum closure_reason r)
{
	return r < CLOSE_COUNT ? reasons[r].slug : "";
}

const char *closure_reason_title(enum closure_reason r)
{
	return r < CLOSE_COUNT ? reasons[r].title : "";
}

int closure_reason_from_slug(const char *slug, enum closure_reason *out)
{
	for (int i = 1; slug && i < CLOSE_COUNT; i++)
		if (strcmp(slug, reasons[i].slug) == 0) {
			*out = (enum closure_reason)i;
			return 0;
		}
	return -1;
}

/* The refusal every rule gives when the stage is wrong. */
static int wrong_stage(const struct case_facts *f, enum action a, struct err *why)
{
	if (!stage_is_open(f->stage))
		return err_set(why, ERR_CONFLICT, NULL, "This case is %s, so nothing more can be done to it: \"%s\" is not possible.",
			       f->stage == STAGE_CLOSED ? "closed" : "not accepted", action_title(a));
	return err_set(why, ERR_CONFLICT, NULL, "\"%s\" is not possible while the case is at the \"%s\" stage.",
		       action_title(a), stage_title(f->stage));
}

/* Someone given parental responsibility after allocation must consent too. */
static int missing_consent(const struct case_facts *f, const char *what, struct err *why)
{
	return err_set(why, ERR_CONFLICT, NULL,
		       "The family meeting cannot be %s until everyone with parental responsibility has consented: %d of %d have.",
		       what, f->pr_consented, f->pr_holders);
}

static bool in(enum stage s, enum stage lo, enum stage hi) { return s >= lo && s <= hi; }

static int rule(const struct case_facts *f, const struct sm_input *in_, enum stage *next,
		struct err *why)
{
	enum stage s = f->stage;
	*next = s;
	switch (in_->action) {
	case ACT_UPDATE_CONSULTATION:
		if (s != STAGE_CONSULTATION)
			return err_set(why, ERR_CONFLICT, NULL,
				       "The consultation answers can only be changed before the referral is screened.");
		return 0;

	case ACT_EMERGENCY_DECISION:
		if (s != STAGE_CONSULTATION)
			return wrong_stage(f, in_->action, why);
		if (!f->emergency_requested)
			return err_set(why, ERR_CONFLICT, NULL, "This referral was not made as an emergency request, so there is nothing to approve.");
		if (f->emergency_decision != DECISION_NONE)
			return err_set(why, ERR_CONFLICT, NULL, "A service manager has already decided on this emergency request.");
		return 0;

	case ACT_SCREEN:
		if (s != STAGE_CONSULTATION)
			return wrong_stage(f, in_->action, why);
		if (f->emergency_requested && f->emergency_decision == DECISION_NONE)
			return err_set(why, ERR_CONFLICT, NULL,
				       "A service manager must approve or decline the emergency request before the referral is screened.");
		if (f->consultation_at > f->now && f->emergency_decision != DECISION_YES)
			return err_set(why, ERR_CONFLICT, NULL,
				       "The referral is screened at its consultation session, which has not happened yet (only an approved emergency request can be screened before it).");
		*next = in_->not_appropriate ? STAGE_NOT_ACCEPTED : STAGE_CONSENT;
		return 0;

	case ACT_ADD_PERSON:
		if (!stage_is_open(s))
			return wrong_stage(f, in_->action, why);
		/* A new person with PR must consent before the case may go on. */
		if (in_->person_has_pr && s == STAGE_ALLOCATION)
			*next = STAGE_CONSENT;
		return 0;

	case ACT_RECORD_CONSENT:
		if (!in(s, STAGE_CONSENT, STAGE_MEETING))
			return s == STAGE_CONSULTATION
				       ? err_set(why, ERR_CONFLICT, NULL, "Consent is asked for once the referral has been screened and accepted.")
				       : wrong_stage(f, in_->action, why);
		if (!in_->person_has_pr)
			return err_set(why, ERR_CONFLICT, NULL,
				       "Consent is recorded only for people with parental responsibility; record this person's parental responsibility first.");
		if (in_->refused)
			*next = STAGE_CLOSED;
		else if (s == STAGE_CONSENT &&
			 f->pr_consented + (in_->person_had_consented ? 0 : 1) >= f->pr_holders)
			*next = STAGE_ALLOCATION;
		return 0;

	case ACT_ALLOCATE:
		if (s == STAGE_CONSENT) {
			if (f->pr_holders == 0)
				return err_set(why, ERR_CONFLICT, NULL,
					       "A coordinator cannot be allocated yet: no one with parental responsibility has been recorded, and their consent is needed first.");
			return err_set(why, ERR_CONFLICT, NULL,
				       "A coordinator cannot be allocated until everyone with parental responsibility has consented: %d of %d have.",
				       f->pr_consented, f->pr_holders);
		}
		if (!in(s, STAGE_ALLOCATION, STAGE_REVIEW))
			return wrong_stage(f, in_->action, why);
		if (s == STAGE_ALLOCATION)
			*next = STAGE_FIRST_CONTACT;
		return 0;

	case ACT_FIRST_CONTACT:
		if (s != STAGE_FIRST_CONTACT)
			return s == STAGE_ALLOCATION || s == STAGE_CONSENT
				       ? err_set(why, ERR_CONFLICT, NULL, "First contact is recorded by the allocated coordinator: allocate a coordinator first.")
				       : wrong_stage(f, in_->action, why);
		*next = STAGE_PREPARATION;
		return 0;

	case ACT_UPDATE_PREPARATION:
		if (!in(s, STAGE_PREPARATION, STAGE_MEETING))
			return in(s, STAGE_CONSULTATION, STAGE_FIRST_CONTACT)
				       ? err_set(why, ERR_CONFLICT, NULL, "Preparation starts after the coordinator's first contact with the family.")
				       : wrong_stage(f, in_->action, why);
		return 0;

	case ACT_SCHEDULE_MEETING:
		if (!in(s, STAGE_PREPARATION, STAGE_MEETING))
			return in(s, STAGE_CONSULTATION, STAGE_FIRST_CONTACT)
				       ? err_set(why, ERR_CONFLICT, NULL, "The family meeting is arranged during preparation, after the coordinator's first contact with the family.")
				       : wrong_stage(f, in_->action, why);
		if (f->pr_consented < f->pr_holders)
			return missing_consent(f, "arranged", why);
		*next = STAGE_MEETING;
		return 0;

	case ACT_RECORD_MEETING:
		if (s != STAGE_MEETING)
			return s == STAGE_PREPARATION
				       ? err_set(why, ERR_CONFLICT, NULL, "Arrange the family meeting before recording it.")
				       : wrong_stage(f, in_->action, why);
		if (f->meeting_pending && f->meeting_pending_at > f->now)
			return err_set(why, ERR_CONFLICT, NULL, "The meeting has not happened yet: it can be recorded once it has taken place.");
		if (f->pr_consented < f->pr_holders)
			return missing_consent(f, "recorded", why);
		*next = in_->plan_agreed_at_meeting ? STAGE_PLAN : STAGE_NO_AGREEMENT;
		return 0;

	case ACT_RECORD_PLAN:
		if (s != STAGE_PLAN)
			return !f->meeting_held
				       ? err_set(why, ERR_CONFLICT, NULL, "There is no plan before a family meeting: record the meeting first.")
				       : wrong_stage(f, in_->action, why);
		if (f->referrer_decision != DECISION_NONE)
			return err_set(why, ERR_CONFLICT, NULL, "The referrer has already decided on this plan, so it can no longer be changed.");
		return 0;

	case ACT_REFERRER_DECISION:
		if (s != STAGE_PLAN)
			return wrong_stage(f, in_->action, why);
		if (!f->plan_exists)
			return err_set(why, ERR_CONFLICT, NULL, "Record the family plan before the referrer decides on it.");
		if (f->referrer_decision != DECISION_NONE)
			return err_set(why, ERR_CONFLICT, NULL, "The referrer has already decided on this plan.");
		if (in_->decision == DECISION_NO)
			*next = STAGE_NO_AGREEMENT;
		return 0;

	case ACT_VALIDATE_PLAN:
		if (s != STAGE_PLAN)
			return wrong_stage(f, in_->action, why);
		if (f->referrer_decision != DECISION_YES)
			return err_set(why, ERR_CONFLICT, NULL, "A manager validates the plan after the referrer has agreed it; the referrer has not agreed it yet.");
		*next = STAGE_DISTRIBUTION;
		return 0;

	case ACT_RECORD_DISTRIBUTION:
	case ACT_SEND_PLAN:
		if (s != STAGE_DISTRIBUTION)
			return s == STAGE_PLAN
				       ? err_set(why, ERR_CONFLICT, NULL, "The plan is sent out once the referrer has agreed it and a manager has validated it.")
				       : wrong_stage(f, in_->action, why);
		return 0;

	case ACT_COMPLETE_DISTRIBUTION:
		if (s != STAGE_DISTRIBUTION)
			return wrong_stage(f, in_->action, why);
		if (f->plan_mail_waiting > 0)
			return err_set(why, ERR_CONFLICT, NULL,
				       "%d e-mail%s of the plan %s still waiting to be sent: the plan is sent out when the last "
				       "recipient has it. See each message's state on the case.",
				       f->plan_mail_waiting, f->plan_mail_waiting == 1 ? "" : "s", f->plan_mail_waiting == 1 ? "is" : "are");
		if (f->distributions == 0)
			return err_set(why, ERR_CONFLICT, NULL, "Record at least one person who was sent the plan before finishing distribution.");
		*next = STAGE_MONITORING;
		return 0;

	case ACT_NO_AGREEMENT_DECISION:
		if (s != STAGE_NO_AGREEMENT)
			return wrong_stage(f, in_->action, why);
		if (f->no_agreement != NOAGREE_NONE)
			return err_set(why, ERR_CONFLICT, NULL, "It has already been decided what happens next; close the case or arrange the meeting.");
		if (in_->choice == NOAGREE_RECONVENE)
			*next = STAGE_PREPARATION;
		return 0;

	case ACT_SCHEDULE_REVIEW:
		if (s == STAGE_REVIEW && f->meeting_pending)
			return 0; /* rearranging the review */
		if (s != STAGE_MONITORING && !(s == STAGE_REVIEW && f->review_held))
			return wrong_stage(f, in_->action, why);
		*next = STAGE_REVIEW;
		return 0;

	case ACT_RECORD_REVIEW:
		if (s != STAGE_REVIEW)
			return wrong_stage(f, in_->action, why);
		if (!f->meeting_pending)
			return err_set(why, ERR_CONFLICT, NULL, "Arrange the review meeting before recording it.");
		if (f->meeting_pending_at > f->now)
			return err_set(why, ERR_CONFLICT, NULL, "The review meeting has not happened yet: it can be recorded once it has taken place.");
		return 0;

	case ACT_CLOSE:
		if (!stage_is_open(s))
			return wrong_stage(f, in_->action, why);
		switch (in_->reason) {
		case CLOSE_REVIEW_COMPLETED:
			if (s != STAGE_REVIEW || !f->review_held)
				return err_set(why, ERR_CONFLICT, "reason", "\"Review completed\" needs a review meeting to have been recorded.");
			break;
		case CLOSE_NO_REVIEW:
			if (s != STAGE_MONITORING)
				return err_set(why, ERR_CONFLICT, "reason",
					       "\"Meeting completed, no review\" is for a case whose plan has been sent out and is being monitored.");
			break;
		case CLOSE_CONSENT_NOT_GIVEN:
			if (!in(s, STAGE_CONSENT, STAGE_ALLOCATION))
				return err_set(why, ERR_CONFLICT, "reason", "\"Consent was not given\" can only close a case that is waiting for consent.");
			break;
		case CLOSE_FAMILY_WITHDREW:
			if (s == STAGE_CONSULTATION)
				return err_set(why, ERR_CONFLICT, "reason",
					       "The family cannot withdraw before the referral is accepted; screen the referral instead.");
			break;
		case CLOSE_UNSAFE:
			break;
		default:
			return err_set(why, ERR_INVALID, "reason", "Choose why the case is being closed.");
		}
		*next = STAGE_CLOSED;
		return 0;

	case ACT_RECORD_NOTIFICATION:
		if (s != STAGE_CLOSED)
			return err_set(why, ERR_CONFLICT, NULL, "Closure notifications are recorded once the case has been closed.");
		return 0;

	case ACT_RECORD_EVALUATION:
		if (!f->meeting_held)
			return err_set(why, ERR_CONFLICT, NULL, "Evaluations are gathered at the end of the family meeting, and this case has not had one.");
		return 0;

	case ACT_CHANGE_PERSON:
	case ACT_ADD_RELATIONSHIP:
	case ACT_REMOVE_RELATIONSHIP:
	case ACT_SET_HOUSEHOLD:
	case ACT_CHANGE_INVITATIONS:
	case ACT_RECORD_CONVERSATION:
	case ACT_RECORD_RESPONSE:
	case ACT_EXCLUDE_PERSON:
	case ACT_LIFT_EXCLUSION:
		if (!stage_is_open(s))
			return wrong_stage(f, in_->action, why);
		/* Someone given parental responsibility must consent before the case goes on. */
		if (in_->person_has_pr && s == STAGE_ALLOCATION && in_->action == ACT_CHANGE_PERSON)
			*next = STAGE_CONSENT;
		return 0;

	case ACT_COUNT:
		break;
	}
	return err_set(why, ERR_INTERNAL, NULL, "Unknown action.");
}

int sm_transition(const struct case_facts *f, const struct sm_input *in_, enum stage *next,
		  struct err *why)
{
	return rule(f, in_, next, why);
}

int sm_precheck(const struct case_facts *f, enum action a, struct err *why)
{
	/* The input most likely to be allowed: if even this is refused, no input can be. */
	struct sm_input in_ = {.action = a, .person_has_pr = true, .plan_agreed_at_meeting = true,
			       .decision = DECISION_YES, .choice = NOAGREE_ALTERNATIVE};
	enum stage next;
	if (a != ACT_CLOSE)
		return rule(f, &in_, &next, why);
	for (int r = 1; r < CLOSE_COUNT; r++) {
		in_.reason = (enum closure_reason)r;
		if (rule(f, &in_, &next, NULL) == 0)
			return 0;
	}
	in_.reason = CLOSE_UNSAFE; /* allowed in every open stage: its refusal says why none is */
	return rule(f, &in_, &next, why);
}

bool sm_offered(const struct case_facts *f, enum action a)
{
	return sm_precheck(f, a, NULL) == 0;
}
