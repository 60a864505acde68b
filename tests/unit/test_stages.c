/* test_stages.c — the case state machine: for every action, the stages it
 * is allowed in (and so every refused stage), the stage that follows, and
 * each guard's refusal sentence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/stages.h"

#define NOW 1780000000
#define OPEN_STAGES ((1u << STAGE_CLOSED) - 1) /* consultation .. review */
#define BIT(s) (1u << (s))
#define RANGE(a, b) ((BIT((b) + 1) - 1) & ~(BIT(a) - 1))

/* Facts under which the action's own guard is met, whatever the stage. */
static struct case_facts facts_for(enum action a)
{
	struct case_facts f = {.now = NOW, .pr_holders = 2, .pr_consented = 2, .meeting_held = true,
			       .plan_exists = true, .plan_validated = true, .distributions = 1,
			       .meeting_pending = true, .meeting_pending_at = NOW - 3600};
	if (a == ACT_EMERGENCY_DECISION)
		f.emergency_requested = true;
	if (a == ACT_RECORD_PLAN || a == ACT_REFERRER_DECISION)
		f.referrer_decision = DECISION_NONE;
	else
		f.referrer_decision = DECISION_YES;
	return f;
}

static struct sm_input input_for(enum action a)
{
	return (struct sm_input){.action = a, .person_has_pr = true, .plan_agreed_at_meeting = true,
				 .decision = DECISION_YES, .choice = NOAGREE_ALTERNATIVE,
				 .reason = CLOSE_UNSAFE};
}

static void test_allowed_stages_of_every_action(void **state)
{
	(void)state;
	const unsigned allowed[ACT_COUNT] = {
		[ACT_UPDATE_CONSULTATION] = BIT(STAGE_CONSULTATION),
		[ACT_EMERGENCY_DECISION] = BIT(STAGE_CONSULTATION),
		[ACT_SCREEN] = BIT(STAGE_CONSULTATION),
		[ACT_ADD_PERSON] = OPEN_STAGES,
		[ACT_RECORD_CONSENT] = RANGE(STAGE_CONSENT, STAGE_MEETING),
		[ACT_ALLOCATE] = RANGE(STAGE_ALLOCATION, STAGE_REVIEW),
		[ACT_FIRST_CONTACT] = BIT(STAGE_FIRST_CONTACT),
		[ACT_UPDATE_PREPARATION] = BIT(STAGE_PREPARATION) | BIT(STAGE_MEETING),
		[ACT_SCHEDULE_MEETING] = BIT(STAGE_PREPARATION) | BIT(STAGE_MEETING),
		[ACT_RECORD_MEETING] = BIT(STAGE_MEETING),
		[ACT_RECORD_PLAN] = BIT(STAGE_PLAN),
		[ACT_REFERRER_DECISION] = BIT(STAGE_PLAN),
		[ACT_VALIDATE_PLAN] = BIT(STAGE_PLAN),
		[ACT_RECORD_DISTRIBUTION] = BIT(STAGE_DISTRIBUTION),
		[ACT_SEND_PLAN] = BIT(STAGE_DISTRIBUTION),
		[ACT_COMPLETE_DISTRIBUTION] = BIT(STAGE_DISTRIBUTION),
		[ACT_NO_AGREEMENT_DECISION] = BIT(STAGE_NO_AGREEMENT),
		[ACT_SCHEDULE_REVIEW] = BIT(STAGE_MONITORING) | BIT(STAGE_REVIEW),
		[ACT_RECORD_REVIEW] = BIT(STAGE_REVIEW),
		[ACT_CLOSE] = OPEN_STAGES,
		[ACT_RECORD_NOTIFICATION] = BIT(STAGE_CLOSED),
		[ACT_RECORD_EVALUATION] = RANGE(STAGE_CONSULTATION, STAGE_NOT_ACCEPTED),
		/* The network can be mapped and invitations made while the case is open. */
		[ACT_CHANGE_PERSON] = OPEN_STAGES,
		[ACT_ADD_RELATIONSHIP] = OPEN_STAGES,
		[ACT_REMOVE_RELATIONSHIP] = OPEN_STAGES,
		[ACT_SET_HOUSEHOLD] = OPEN_STAGES,
		[ACT_CHANGE_INVITATIONS] = OPEN_STAGES,
		[ACT_RECORD_CONVERSATION] = OPEN_STAGES,
		[ACT_RECORD_RESPONSE] = OPEN_STAGES,
		[ACT_EXCLUDE_PERSON] = OPEN_STAGES,
		[ACT_LIFT_EXCLUSION] = OPEN_STAGES,
	};
	for (int a = 0; a < ACT_COUNT; a++) {
		for (int s = 0; s < STAGE_COUNT; s++) {
			struct case_facts f = facts_for((enum action)a);
			f.stage = (enum stage)s;
			struct sm_input in = input_for((enum action)a);
			struct err e = {0};
			enum stage next;
			int rc = sm_transition(&f, &in, &next, &e);
			bool want = allowed[a] & BIT(s);
			if (want && rc != 0)
				fail_msg("%s refused at %s: %s", action_slug(a), stage_slug(s), e.msg);
			if (!want && rc == 0)
				fail_msg("%s allowed at %s", action_slug(a), stage_slug(s));
			if (!want) {
				assert_int_equal(e.kind, ERR_CONFLICT);
				assert_true(strlen(e.msg) > 20);
			}
			assert_int_equal(sm_offered(&f, (enum action)a), want);
		}
	}
}

struct step {
	enum stage from;
	struct sm_input in;
	enum stage to;
};

static void test_next_stage_of_every_transition(void **state)
{
	(void)state;
	const struct step steps[] = {
		{STAGE_CONSULTATION, {.action = ACT_SCREEN}, STAGE_CONSENT},
		{STAGE_CONSULTATION, {.action = ACT_SCREEN, .not_appropriate = true}, STAGE_NOT_ACCEPTED},
		{STAGE_CONSULTATION, {.action = ACT_UPDATE_CONSULTATION}, STAGE_CONSULTATION},
		{STAGE_CONSENT, {.action = ACT_ADD_PERSON, .person_has_pr = true}, STAGE_CONSENT},
		{STAGE_ALLOCATION, {.action = ACT_ADD_PERSON, .person_has_pr = true}, STAGE_CONSENT},
		{STAGE_ALLOCATION, {.action = ACT_ADD_PERSON}, STAGE_ALLOCATION},
		{STAGE_PREPARATION, {.action = ACT_ADD_PERSON, .person_has_pr = true}, STAGE_PREPARATION},
		{STAGE_CONSENT, {.action = ACT_RECORD_CONSENT, .person_has_pr = true, .refused = true}, STAGE_CLOSED},
		{STAGE_CONSENT, {.action = ACT_RECORD_CONSENT, .person_has_pr = true}, STAGE_ALLOCATION},
		{STAGE_MEETING, {.action = ACT_RECORD_CONSENT, .person_has_pr = true, .refused = true}, STAGE_CLOSED},
		{STAGE_ALLOCATION, {.action = ACT_ALLOCATE}, STAGE_FIRST_CONTACT},
		{STAGE_PREPARATION, {.action = ACT_ALLOCATE}, STAGE_PREPARATION},
		{STAGE_FIRST_CONTACT, {.action = ACT_FIRST_CONTACT}, STAGE_PREPARATION},
		{STAGE_PREPARATION, {.action = ACT_SCHEDULE_MEETING}, STAGE_MEETING},
		{STAGE_MEETING, {.action = ACT_SCHEDULE_MEETING}, STAGE_MEETING},
		{STAGE_MEETING, {.action = ACT_RECORD_MEETING, .plan_agreed_at_meeting = true}, STAGE_PLAN},
		{STAGE_MEETING, {.action = ACT_RECORD_MEETING}, STAGE_NO_AGREEMENT},
		{STAGE_PLAN, {.action = ACT_REFERRER_DECISION, .decision = DECISION_NO}, STAGE_NO_AGREEMENT},
		{STAGE_PLAN, {.action = ACT_VALIDATE_PLAN}, STAGE_DISTRIBUTION},
		{STAGE_DISTRIBUTION, {.action = ACT_COMPLETE_DISTRIBUTION}, STAGE_MONITORING},
		{STAGE_NO_AGREEMENT, {.action = ACT_NO_AGREEMENT_DECISION, .choice = NOAGREE_RECONVENE}, STAGE_PREPARATION},
		{STAGE_NO_AGREEMENT, {.action = ACT_NO_AGREEMENT_DECISION, .choice = NOAGREE_ALTERNATIVE}, STAGE_NO_AGREEMENT},
		{STAGE_MONITORING, {.action = ACT_SCHEDULE_REVIEW}, STAGE_REVIEW},
		{STAGE_REVIEW, {.action = ACT_RECORD_REVIEW}, STAGE_REVIEW},
		{STAGE_MONITORING, {.action = ACT_CLOSE, .reason = CLOSE_NO_REVIEW}, STAGE_CLOSED},
		{STAGE_CONSULTATION, {.action = ACT_CLOSE, .reason = CLOSE_UNSAFE}, STAGE_CLOSED},
	};
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		struct case_facts f = facts_for(steps[i].in.action);
		f.stage = steps[i].from;
		struct err e = {0};
		enum stage next = STAGE_COUNT;
		if (sm_transition(&f, &steps[i].in, &next, &e) != 0)
			fail_msg("step %zu (%s at %s) refused: %s", i, action_slug(steps[i].in.action), stage_slug(steps[i].from), e.msg);
		if (next != steps[i].to)
			fail_msg("step %zu (%s at %s) went to %s, not %s", i, action_slug(steps[i].in.action),
				 stage_slug(steps[i].from), stage_slug(next), stage_slug(steps[i].to));
	}
}

/* One guard refused: the stage is right, a fact is missing. */
static void refused(struct case_facts f, struct sm_input in, const char *words)
{
	struct err e = {0};
	enum stage next;
	assert_int_equal(sm_transition(&f, &in, &next, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	if (!strstr(e.msg, words))
		fail_msg("\"%s\" does not say \"%s\"", e.msg, words);
}

/* The last of several people with PR consenting completes consent; the same
 * person consenting again does not. */
static void test_consent_completes_only_with_everyone(void **state)
{
	(void)state;
	struct case_facts f = {.stage = STAGE_CONSENT, .pr_holders = 2, .pr_consented = 1, .now = NOW};
	struct sm_input in = {.action = ACT_RECORD_CONSENT, .person_has_pr = true};
	enum stage next;
	struct err e = {0};
	assert_int_equal(sm_transition(&f, &in, &next, &e), 0);
	assert_int_equal(next, STAGE_ALLOCATION);
	in.person_had_consented = true;
	assert_int_equal(sm_transition(&f, &in, &next, &e), 0);
	assert_int_equal(next, STAGE_CONSENT);
	f.pr_consented = 0;
	in.person_had_consented = false;
	assert_int_equal(sm_transition(&f, &in, &next, &e), 0);
	assert_int_equal(next, STAGE_CONSENT);
}

static void test_guards_say_what_is_missing(void **state)
{
	(void)state;
	struct case_facts f = facts_for(ACT_ALLOCATE);
	f.stage = STAGE_CONSENT;
	f.pr_consented = 1;
	refused(f, input_for(ACT_ALLOCATE), "1 of 2 have");
	f.pr_holders = f.pr_consented = 0;
	refused(f, input_for(ACT_ALLOCATE), "no one with parental responsibility");

	f = facts_for(ACT_SCREEN);
	f.emergency_requested = true;
	refused(f, input_for(ACT_SCREEN), "service manager must approve");
	f.emergency_decision = DECISION_YES;
	refused((f.stage = STAGE_CONSULTATION, f), (struct sm_input){.action = ACT_EMERGENCY_DECISION}, "already decided");
	f.emergency_requested = false;
	refused(f, (struct sm_input){.action = ACT_EMERGENCY_DECISION}, "not made as an emergency");

	f = facts_for(ACT_SCREEN);
	f.consultation_at = NOW + 86400;
	refused(f, input_for(ACT_SCREEN), "has not happened yet");
	f.emergency_requested = true;
	f.emergency_decision = DECISION_YES; /* an approved emergency need not wait */
	struct err none = {0};
	enum stage to;
	assert_int_equal(sm_transition(&f, &(struct sm_input){.action = ACT_SCREEN}, &to, &none), 0);

	f = facts_for(ACT_SCHEDULE_MEETING);
	f.stage = STAGE_PREPARATION;
	f.pr_consented = 1;
	refused(f, input_for(ACT_SCHEDULE_MEETING), "1 of 2 have");
	f.stage = STAGE_MEETING;
	refused(f, input_for(ACT_RECORD_MEETING), "cannot be recorded until everyone");

	f = facts_for(ACT_RECORD_CONSENT);
	f.stage = STAGE_CONSENT;
	struct sm_input in = input_for(ACT_RECORD_CONSENT);
	in.person_has_pr = false;
	refused(f, in, "only for people with parental responsibility");

	f = facts_for(ACT_RECORD_MEETING);
	f.stage = STAGE_MEETING;
	f.meeting_pending_at = NOW + 60;
	refused(f, input_for(ACT_RECORD_MEETING), "has not happened yet");

	f = facts_for(ACT_RECORD_PLAN);
	f.stage = STAGE_PREPARATION;
	f.meeting_held = false;
	refused(f, input_for(ACT_RECORD_PLAN), "no plan before a family meeting");
	f.stage = STAGE_PLAN;
	f.meeting_held = true;
	f.referrer_decision = DECISION_YES;
	refused(f, input_for(ACT_RECORD_PLAN), "can no longer be changed");

	f = facts_for(ACT_REFERRER_DECISION);
	f.stage = STAGE_PLAN;
	f.plan_exists = false;
	refused(f, input_for(ACT_REFERRER_DECISION), "Record the family plan");

	f = facts_for(ACT_VALIDATE_PLAN);
	f.stage = STAGE_PLAN;
	f.referrer_decision = DECISION_NONE;
	refused(f, input_for(ACT_VALIDATE_PLAN), "has not agreed it yet");

	f = facts_for(ACT_COMPLETE_DISTRIBUTION);
	f.stage = STAGE_DISTRIBUTION;
	f.distributions = 0;
	refused(f, input_for(ACT_COMPLETE_DISTRIBUTION), "at least one person");

	f = facts_for(ACT_NO_AGREEMENT_DECISION);
	f.stage = STAGE_NO_AGREEMENT;
	f.no_agreement = NOAGREE_ALTERNATIVE;
	refused(f, input_for(ACT_NO_AGREEMENT_DECISION), "already been decided");

	f = facts_for(ACT_RECORD_REVIEW);
	f.stage = STAGE_REVIEW;
	f.meeting_pending = false;
	refused(f, input_for(ACT_RECORD_REVIEW), "Arrange the review meeting");
	f.meeting_pending = true;
	f.meeting_pending_at = NOW + 60;
	refused(f, input_for(ACT_RECORD_REVIEW), "has not happened yet");

	f = facts_for(ACT_RECORD_EVALUATION);
	f.meeting_held = false;
	refused(f, input_for(ACT_RECORD_EVALUATION), "has not had one");

	f = facts_for(ACT_SCHEDULE_REVIEW);
	f.stage = STAGE_REVIEW;
	f.meeting_pending = false;
	f.review_held = false;
	refused(f, input_for(ACT_SCHEDULE_REVIEW), "not possible while the case is at the \"Review\" stage");
}

static void test_closure_reason_must_fit_the_stage(void **state)
{
	(void)state;
	/* For each reason, the stages it may close a case from. */
	const unsigned fits[CLOSE_COUNT] = {
		[CLOSE_REVIEW_COMPLETED] = BIT(STAGE_REVIEW),
		[CLOSE_NO_REVIEW] = BIT(STAGE_MONITORING),
		[CLOSE_FAMILY_WITHDREW] = OPEN_STAGES & ~BIT(STAGE_CONSULTATION),
		[CLOSE_CONSENT_NOT_GIVEN] = BIT(STAGE_CONSENT) | BIT(STAGE_ALLOCATION),
		[CLOSE_UNSAFE] = OPEN_STAGES,
	};
	for (int r = 1; r < CLOSE_COUNT; r++)
		for (int s = 0; s < STAGE_COUNT; s++) {
			struct case_facts f = facts_for(ACT_CLOSE);
			f.stage = (enum stage)s;
			f.review_held = true;
			struct sm_input in = {.action = ACT_CLOSE, .reason = (enum closure_reason)r};
			struct err e = {0};
			enum stage next;
			int rc = sm_transition(&f, &in, &next, &e);
			bool want = fits[r] & BIT(s);
			if (want != (rc == 0))
				fail_msg("closing as %s at %s: %s", closure_reason_slug(r), stage_slug(s), rc ? e.msg : "allowed");
			if (want)
				assert_int_equal(next, STAGE_CLOSED);
		}
	struct case_facts f = facts_for(ACT_CLOSE);
	f.stage = STAGE_REVIEW;
	f.review_held = false;
	refused(f, (struct sm_input){.action = ACT_CLOSE, .reason = CLOSE_REVIEW_COMPLETED}, "needs a review meeting");
	struct err e = {0};
	enum stage next;
	assert_int_equal(sm_transition(&f, &(struct sm_input){.action = ACT_CLOSE}, &next, &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
}

static void test_slugs_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < STAGE_COUNT; s++) {
		enum stage back;
		assert_int_equal(stage_from_slug(stage_slug(s), &back), 0);
		assert_int_equal(back, s);
		assert_true(strlen(stage_title(s)) > 3);
	}
	enum stage st;
	assert_int_equal(stage_from_slug("nonsense", &st), -1);
	assert_int_equal(stage_from_slug(NULL, &st), -1);
	for (int r = 1; r < CLOSE_COUNT; r++) {
		enum closure_reason back;
		assert_int_equal(closure_reason_from_slug(closure_reason_slug(r), &back), 0);
		assert_int_equal(back, r);
	}
	for (int a = 0; a < ACT_COUNT; a++)
		assert_true(strlen(action_title(a)) > 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allowed_stages_of_every_action),
		cmocka_unit_test(test_next_stage_of_every_transition),
		cmocka_unit_test(test_consent_completes_only_with_everyone),
		cmocka_unit_test(test_guards_say_what_is_missing),
		cmocka_unit_test(test_closure_reason_must_fit_the_stage),
		cmocka_unit_test(test_slugs_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
