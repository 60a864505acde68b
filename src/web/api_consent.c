/* api_consent.c — the people of a case, consent from everyone with
 * parental responsibility, allocating a coordinator and first contact. */
#include "api.h"
#include "action.h"
#include "../domain/datetime.h"
#include "../store/case_store.h"
#include "../store/people_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static const struct field_spec CONSENT[] = {
	{"person_id", F_ID, true, "the person with parental responsibility"},
	{"to_meeting", F_BOOL, true, "whether they consent to the family meeting"},
	{"to_sharing", F_BOOL, true, "whether they consent to information being shared"},
	{"method", F_CHOICE, true, "how consent was given", .vocab = VOCAB_CONSENT_METHOD},
	{"given_at", F_DATETIME, false, "when consent was given"},
	{"notes", F_TEXT, false, "notes on consent", 2000},
	{NULL}};

static int prepare_consent(struct action_ctx *ctx)
{
	json_t *person = NULL;
	if (action_person(ctx, form_str(ctx->in, "person_id"), "person_id", &person) != 0)
		return -1;
	if (!person)
		return 0;
	ctx->sm.person_has_pr = json_is_true(json_object_get(person, "parental_responsibility"));
	ctx->sm.refused = !form_bool(ctx->in, "to_meeting") || !form_bool(ctx->in, "to_sharing");
	if (consent_current(ctx->db, form_str(ctx->in, "person_id"), &ctx->sm.person_had_consented, &ctx->err) != 0) {
		json_decref(person);
		return -1;
	}
	snprintf(ctx->name, sizeof ctx->name, "%s",
		 json_string_value(json_object_get(person, "name")));
	json_decref(person);
	action_time(ctx, "given_at", "when consent was given", ctx->when);
	return 0;
}

static int apply_consent(struct action_ctx *ctx)
{
	if (consent_insert(ctx->db, ctx->case_id, ctx->in, ctx->when, ctx->actor, ctx->now, &ctx->err) != 0)
		return -1;
	if (!ctx->sm.refused) {
		snprintf(ctx->summary, sizeof ctx->summary, "%s consented to the meeting and to sharing information (%s)",
			 ctx->name, form_str(ctx->in, "method"));
		return 0;
	}
	const char *what = !form_bool(ctx->in, "to_meeting") && !form_bool(ctx->in, "to_sharing")
				   ? "the meeting or to sharing information"
			   : !form_bool(ctx->in, "to_meeting") ? "the meeting"
							       : "sharing information";
	snprintf(ctx->summary, sizeof ctx->summary, "%s did not consent to %s: the case is closed",
		 ctx->name, what);
	return case_set_closed(ctx->db, ctx->case_id, "consent_not_given", ctx->summary, ctx->actor,
			       ctx->now, &ctx->err);
}

static const struct stage_action RECORD_CONSENT = {ACT_RECORD_CONSENT, CONSENT, prepare_consent, apply_consent};

int handle_consent(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &RECORD_CONSENT);
	return 0;
}

static const struct field_spec ALLOCATION[] = {
	{"coordinator_id", F_ID, true, "the coordinator"},
	{"allocated_at", F_DATETIME, false, "when the case was allocated"},
	{NULL}};

static int prepare_allocation(struct action_ctx *ctx)
{
	if (action_time(ctx, "allocated_at", "when the case was allocated", ctx->when) == 0)
		action_not_before(ctx, "allocated_at", ctx->when, ctx->moments.consultation_at, "the consultation");
	return action_require_role(ctx, "coordinator_id", form_str(ctx->in, "coordinator_id"), ROLES_COORDINATOR,
				   "a coordinator", NULL);
}

static int apply_allocation(struct action_ctx *ctx)
{
	snprintf(ctx->summary, sizeof ctx->summary, "%s",
		 ctx->facts.stage == STAGE_ALLOCATION ? "Coordinator allocated" : "Coordinator changed");
	return case_set_allocation(ctx->db, ctx->case_id, form_str(ctx->in, "coordinator_id"), ctx->actor,
				   ctx->when, &ctx->err);
}

static const struct stage_action ALLOCATE = {ACT_ALLOCATE, ALLOCATION, prepare_allocation, apply_allocation};

int handle_allocation(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &ALLOCATE);
	return 0;
}

static const struct field_spec FIRST_CONTACT[] = {
	{"contacted_at", F_DATETIME, false, "when the family was contacted"},
	{"contacted", F_STRING, true, "who was contacted"},
	{"method", F_CHOICE, true, "how they were contacted", .vocab = VOCAB_CONTACT_METHOD},
	{"notes", F_TEXT, false, "notes on the contact", 5000},
	{NULL}};

static int prepare_first_contact(struct action_ctx *ctx)
{
	if (action_time(ctx, "contacted_at", "when the family was contacted", ctx->when) == 0)
		action_not_before(ctx, "contacted_at", ctx->when, ctx->moments.allocated_at, "the allocation");
	return 0;
}

static int apply_first_contact(struct action_ctx *ctx)
{
	snprintf(ctx->summary, sizeof ctx->summary, "First contact with %s (%s)", form_str(ctx->in, "contacted"),
		 vocab_title(VOCAB_CONTACT_METHOD, form_str(ctx->in, "method")));
	return case_set_first_contact(ctx->db, ctx->case_id, ctx->when, form_str(ctx->in, "contacted"),
				      form_str(ctx->in, "method"), form_str(ctx->in, "notes"), &ctx->err);
}

static const struct stage_action FIRST = {ACT_FIRST_CONTACT, FIRST_CONTACT, prepare_first_contact, apply_first_contact};

int handle_first_contact(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &FIRST);
	return 0;
}
