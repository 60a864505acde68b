/* api_referral.c — what happens at the consultation session: a service
 * manager's decision on an emergency request, and screening against the
 * procedure's criteria. */
#include "api.h"
#include "action.h"
#include "../store/case_store.h"

#include <stdio.h>
#include <stdlib.h>


static const struct field_spec EMERGENCY_DECISION[] = {
	{"decision", F_CHOICE, true, "whether the emergency request is approved", .vocab = VOCAB_EMERGENCY_DECISION},
	{"note", F_TEXT, false, "a note on the decision", 2000},
	{NULL}};

static int apply_emergency(struct action_ctx *ctx)
{
	const char *d = form_str(ctx->in, "decision");
	snprintf(ctx->summary, sizeof ctx->summary, "Emergency request %s by a service manager", d);
	return case_set_emergency_decision(ctx->db, ctx->case_id, d, ctx->actor, ctx->now,
					   form_str(ctx->in, "note"), &ctx->err);
}

static const struct stage_action EMERGENCY = {ACT_EMERGENCY_DECISION, EMERGENCY_DECISION, NULL,
					      apply_emergency};

int handle_emergency_decision(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &EMERGENCY);
	return 0;
}

/* The procedure's four "not appropriate" criteria and four flags for
 * special consideration: every one must be answered. */
static const struct field_spec SCREENING[] = {
	{"isolated_asylum_seeking_child", F_BOOL, true, "whether the child is an isolated asylum-seeking child"},
	{"consent_to_share_refused", F_BOOL, true, "whether the family refused consent to share safeguarding information"},
	{"prefers_another_route", F_BOOL, true, "whether the family prefers another way of deciding, such as court"},
	{"violence_unmanageable", F_BOOL, true, "whether violence in the family is too high to manage at a meeting"},
	{"intergenerational_sexual_abuse", F_BOOL, true, "whether there is a history of intergenerational sexual abuse"},
	{"section_47_enquiry", F_BOOL, true, "whether a Section 47 enquiry is open"},
	{"violence_at_meeting", F_BOOL, true, "whether there is a high risk of violence at the meeting"},
	{"carer_decision_making_impaired", F_BOOL, true, "whether the main carer's decision-making is severely impaired"},
	{"notes", F_TEXT, false, "screening notes", 5000},
	{NULL}};

static int prepare_screening(struct action_ctx *ctx)
{
	const json_t *in = ctx->in;
	ctx->sm.not_appropriate = form_bool(in, "isolated_asylum_seeking_child") ||
				  form_bool(in, "consent_to_share_refused") ||
				  form_bool(in, "prefers_another_route") ||
				  form_bool(in, "violence_unmanageable");
	return 0;
}

static int apply_screening(struct action_ctx *ctx)
{
	snprintf(ctx->summary, sizeof ctx->summary, "%s",
		 ctx->sm.not_appropriate ? "Referral screened: not appropriate for a family meeting"
					 : "Referral screened and accepted");
	return case_set_screening(ctx->db, ctx->case_id, ctx->in, ctx->actor, ctx->now, &ctx->err);
}

static const struct stage_action SCREEN = {ACT_SCREEN, SCREENING, prepare_screening, apply_screening};

int handle_screening(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &SCREEN);
	return 0;
}
