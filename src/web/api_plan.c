/* api_plan.c — the family plan after the meeting: writing it up, the
 * referrer's agreement (or refusal for risk of significant harm), the
 * manager's validation, sending it out, and what happens when there is no
 * agreement. */
#include "api.h"
#include "action.h"
#include "../domain/datetime.h"
#include "../store/case_store.h"
#include "../store/meeting_store.h"
#include "../store/plan_store.h"

#include <stdio.h>
#include <string.h>


const struct field_spec PLAN_ITEM[] = {
	{"concern", F_TEXT, true, "the concern", 2000},
	{"action", F_TEXT, true, "the action", 2000},
	{"who", F_STRING, true, "who is responsible"},
	{"by_when", F_DATE, true, "the date it should be done by"},
	{"support", F_TEXT, false, "the support needed and who from", 2000},
	{NULL}};

static const struct field_spec PLAN[] = {
	{"items", F_LIST, true, "the plan's actions", .items = PLAN_ITEM, .min_items = 1, .max_items = 100},
	{"monitoring", F_TEXT, true, "how the plan will be monitored", 5000},
	{"monitored_by", F_STRING, true, "who will monitor the plan, like the social worker and a nominated family member", 300},
	{"contingency", F_TEXT, true, "the contingency (back-up) plan", 5000},
	{"review_date", F_DATE, false, "the review date"},
	{NULL}};

/* The plan's current version, kept in ctx->scratch and its id in ctx->ref. */
static int load_current(struct action_ctx *ctx)
{
	if (plan_current(ctx->db, ctx->case_id, &ctx->scratch, &ctx->err) != 0)
		return -1;
	ctx->ref[0] = '\0';
	if (ctx->scratch)
		snprintf(ctx->ref, sizeof ctx->ref, "%s", json_string_value(json_object_get(ctx->scratch, "id")));
	return 0;
}

static int prepare_plan(struct action_ctx *ctx)
{
	char meeting[33];
	const char *review = form_str(ctx->in, "review_date");
	int32_t day;
	if (review && dt_parse_date(review, &day) == 0 && ctx->moments.meeting_held_at &&
	    day <= dt_london_day(ctx->moments.meeting_held_at))
		form_error(ctx->errors, "review_date", "The review date must be after the family meeting");
	if (load_current(ctx) != 0 || meeting_latest_held(ctx->db, ctx->case_id, "family", meeting, &ctx->err) != 0)
		return -1;
	/* A plan from an earlier meeting stays as it was: this meeting's plan is a new version. */
	if (ctx->scratch && strcmp(json_string_value(json_object_get(ctx->scratch, "meeting_id")), meeting) != 0)
		ctx->ref[0] = '\0';
	return 0;
}

int plan_items_write(struct action_ctx *ctx, const char *plan_id)
{
	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(ctx->in, "items"), i, item)
		if (plan_item_insert(ctx->db, plan_id, (int)i + 1, item, NULL, NULL, NULL, &ctx->err) != 0)
			return -1;
	return 0;
}

static int apply_plan(struct action_ctx *ctx)
{
	char id[33], meeting[33];
	snprintf(ctx->summary, sizeof ctx->summary, "Family plan %s with %zu action%s",
		 ctx->ref[0] ? "changed" : "recorded", json_array_size(json_object_get(ctx->in, "items")),
		 json_array_size(json_object_get(ctx->in, "items")) == 1 ? "" : "s");
	if (ctx->ref[0])
		return plan_update(ctx->db, ctx->ref, ctx->in, &ctx->err) ||
		       plan_items_clear(ctx->db, ctx->ref, &ctx->err) || plan_items_write(ctx, ctx->ref);
	if (meeting_latest_held(ctx->db, ctx->case_id, "family", meeting, &ctx->err) != 0)
		return -1;
	int version = ctx->scratch ? (int)json_integer_value(json_object_get(ctx->scratch, "version")) + 1 : 1;
	return plan_insert(ctx->db, ctx->case_id, version, meeting, ctx->in, NULL, NULL, ctx->now, id, &ctx->err) ||
	       plan_items_write(ctx, id);
}

static const struct stage_action RECORD_PLAN = {ACT_RECORD_PLAN, PLAN, prepare_plan, apply_plan};

int handle_plan(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &RECORD_PLAN);
	return 0;
}

static const struct field_spec REFERRER_DECISION[] = {
	{"decision", F_CHOICE, true, "whether the referrer agrees the plan", .vocab = VOCAB_REFERRER_DECISION},
	{"reason", F_TEXT, false, "why the plan leaves the child at risk of significant harm", 5000},
	{"decided_at", F_DATETIME, false, "when the referrer decided"},
	{NULL}};

static int prepare_decision(struct action_ctx *ctx)
{
	bool agreed = strcmp(form_str(ctx->in, "decision"), "agreed") == 0;
	ctx->sm.decision = agreed ? DECISION_YES : DECISION_NO;
	if (!agreed && !form_str(ctx->in, "reason"))
		form_error(ctx->errors, "reason", "Enter why the plan leaves the child at risk of significant harm");
	action_time(ctx, "decided_at", "when the referrer decided", ctx->when);
	return load_current(ctx);
}

static int apply_decision(struct action_ctx *ctx)
{
	bool agreed = ctx->sm.decision == DECISION_YES;
	snprintf(ctx->summary, sizeof ctx->summary, "%s",
		 agreed ? "The referrer agreed the plan"
			: "The referrer did not agree the plan: it leaves the child at risk of significant harm");
	return plan_set_referrer_decision(ctx->db, ctx->ref, form_str(ctx->in, "decision"),
					  agreed ? NULL : form_str(ctx->in, "reason"), ctx->when, &ctx->err);
}

static const struct stage_action DECIDE = {ACT_REFERRER_DECISION, REFERRER_DECISION, prepare_decision, apply_decision};

int handle_referrer_decision(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &DECIDE);
	return 0;
}

static const struct field_spec VALIDATION[] = {{NULL}};

static int prepare_validation(struct action_ctx *ctx)
{
	return load_current(ctx);
}

static int apply_validation(struct action_ctx *ctx)
{
	snprintf(ctx->summary, sizeof ctx->summary, "The plan was validated by a manager");
	return plan_set_validated(ctx->db, ctx->ref, ctx->actor, ctx->now, &ctx->err);
}

static const struct stage_action VALIDATE = {ACT_VALIDATE_PLAN, VALIDATION, prepare_validation, apply_validation};

int handle_plan_validation(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &VALIDATE);
	return 0;
}

static const struct field_spec RECIPIENT[] = {
	{"person_id", F_ID, false, "the person"},
	{"recipient", F_STRING, false, "the name of someone not recorded on the case, like their GP"},
	{"method", F_CHOICE, true, "how the plan was sent", .vocab = VOCAB_SEND_METHOD},
	{"sent_at", F_DATETIME, false, "when it was sent"},
	{NULL}};

static const struct field_spec DISTRIBUTION[] = {
	{"recipients", F_LIST, true, "who was sent the plan", .items = RECIPIENT, .min_items = 1, .max_items = 200},
	{NULL}};

static int prepare_distribution(struct action_ctx *ctx)
{
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(ctx->in, "recipients"), i, r) {
		char field[64], at[21];
		const char *pid = form_str(r, "person_id");
		if (pid) {
			json_t *p = NULL;
			snprintf(field, sizeof field, "recipients[%zu].person_id", i);
			if (action_person(ctx, pid, field, &p) != 0)
				return -1;
			if (p && action_may_send(ctx, p, SEND_PLAN, field))
				json_object_set(r, "recipient", json_object_get(p, "name"));
			json_decref(p);
		} else if (!form_str(r, "recipient")) {
			snprintf(field, sizeof field, "recipients[%zu].recipient", i);
			form_error(ctx->errors, field, "Choose a person on the case or enter who was sent the plan");
		} else {
			bool ok;
			snprintf(field, sizeof field, "recipients[%zu].recipient", i);
			if (action_may_send_named(ctx, form_str(r, "recipient"), SEND_PLAN, field, &ok) != 0)
				return -1;
		}
		snprintf(field, sizeof field, "recipients[%zu].sent_at", i);
		if (action_time_of(ctx, r, "sent_at", field, "when it was sent", at) == 0) {
			action_not_before(ctx, field, at, ctx->moments.plan_meeting_at, "the family meeting");
			json_object_set_new(r, "sent_at", json_string(at));
		}
	}
	return load_current(ctx);
}

static int apply_distribution(struct action_ctx *ctx)
{
	size_t i;
	json_t *r;
	json_t *list = json_object_get(ctx->in, "recipients");
	json_array_foreach(list, i, r)
		if (distribution_insert(ctx->db, ctx->case_id, ctx->ref, form_str(r, "person_id"),
					form_str(r, "recipient"), form_str(r, "method"), form_str(r, "sent_at"),
					ctx->now, &ctx->err) != 0)
			return -1;
	snprintf(ctx->summary, sizeof ctx->summary, "The plan was sent to %zu recipient%s", json_array_size(list),
		 json_array_size(list) == 1 ? "" : "s");
	return 0;
}

static const struct stage_action DISTRIBUTE = {ACT_RECORD_DISTRIBUTION, DISTRIBUTION, prepare_distribution, apply_distribution};

int handle_distribution(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &DISTRIBUTE);
	return 0;
}

static const struct field_spec NOTHING[] = {{NULL}};

static int apply_complete(struct action_ctx *ctx)
{
	char last[32];
	if (load_current(ctx) != 0 || distribution_last_sent(ctx->db, ctx->ref, last, &ctx->err) != 0)
		return -1;
	char when[64];
	dt_format_iso_words(last, when, sizeof when);
	snprintf(ctx->summary, sizeof ctx->summary, "Everyone has been sent the plan (the last on %s)", when);
	return case_set_distributed(ctx->db, ctx->case_id, last, &ctx->err);
}

static const struct stage_action COMPLETE = {ACT_COMPLETE_DISTRIBUTION, NOTHING, NULL, apply_complete};

int handle_distribution_complete(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &COMPLETE);
	return 0;
}

static const struct field_spec NO_AGREEMENT[] = {
	{"choice", F_CHOICE, true, "what happens next", .vocab = VOCAB_NO_AGREEMENT},
	{"note", F_TEXT, false, "the alternative arrangements", 5000},
	{NULL}};

static int prepare_no_agreement(struct action_ctx *ctx)
{
	bool reconvene = strcmp(form_str(ctx->in, "choice"), "reconvene") == 0;
	ctx->sm.choice = reconvene ? NOAGREE_RECONVENE : NOAGREE_ALTERNATIVE;
	if (!reconvene && !form_str(ctx->in, "note"))
		form_error(ctx->errors, "note", "Enter the alternative arrangements the referrer will make");
	return 0;
}

static int apply_no_agreement(struct action_ctx *ctx)
{
	const char *choice = form_str(ctx->in, "choice");
	snprintf(ctx->summary, sizeof ctx->summary, "No agreement: %s", vocab_title(VOCAB_NO_AGREEMENT, choice));
	return case_set_no_agreement(ctx->db, ctx->case_id, choice, form_str(ctx->in, "note"), ctx->now, &ctx->err);
}

static const struct stage_action NO_AGREE = {ACT_NO_AGREEMENT_DECISION, NO_AGREEMENT, prepare_no_agreement, apply_no_agreement};

int handle_no_agreement(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &NO_AGREE);
	return 0;
}
