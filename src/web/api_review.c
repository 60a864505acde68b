/* api_review.c — the review meeting: arranging it, and recording it with
 * the status of every action in the plan, new issues and new actions. The
 * revised plan is written as a new version; the earlier one stays as it was. */
#include "api.h"
#include "action.h"
#include "meeting_mail.h"
#include "../domain/datetime.h"
#include "../store/meeting_store.h"
#include "../store/plan_store.h"

#include <stdio.h>
#include <string.h>

static int prepare_schedule(struct action_ctx *ctx)
{
	meeting_arrangement_check(ctx);
	action_not_before(ctx, "scheduled_at", ctx->when, ctx->moments.meeting_held_at, "the family meeting");
	return 0;
}

static int apply_schedule(struct action_ctx *ctx)
{
	char when[64];
	dt_format_iso_words(ctx->when, when, sizeof when);
	snprintf(ctx->summary, sizeof ctx->summary, "Review meeting arranged for %s", when);
	if (meeting_schedule(ctx->db, ctx->case_id, "review", ctx->when, form_str(ctx->in, "venue"),
			     form_str(ctx->in, "online_link"), ctx->now, &ctx->err) != 0)
		return -1;
	return meeting_mail_sync(ctx, "review", NULL, INVITE_MEETING_ARRANGED);
}

static const struct stage_action SCHEDULE = {ACT_SCHEDULE_REVIEW, MEETING_ARRANGEMENT, prepare_schedule, apply_schedule};

int handle_review_schedule(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &SCHEDULE);
	return 0;
}

static const struct field_spec ITEM_STATUS[] = {
	{"item_id", F_ID, true, "the action"},
	{"status", F_CHOICE, true, "what has happened to the action", .vocab = VOCAB_ACTION_STATUS},
	{"note", F_TEXT, false, "a note on the action", 2000},
	{NULL}};

static const struct field_spec REVIEW_RECORD[] = {
	{"held_at", F_DATETIME, false, "when the review was held"},
	{"attendance", F_LIST, false, "who came to the review", .items = ATTENDEE, .max_items = 200},
	{"information_sharing", F_TEXT, true, "what was shared at the review"},
	{"private_family_time", F_TEXT, false, "a note on private family time, if the family wanted it"},
	{"agreeing_the_plan", F_TEXT, true, "a note on agreeing the revised plan"},
	{"item_statuses", F_LIST, true, "the status of each action in the plan", .items = ITEM_STATUS, .min_items = 1, .max_items = 100},
	{"outstanding_issues", F_TEXT, false, "issues still outstanding for the child"},
	{"new_issues", F_TEXT, false, "new issues that have emerged"},
	{"further_reviews", F_TEXT, false, "how the family will review the plan themselves"},
	{"new_items", F_LIST, false, "new actions", .items = PLAN_ITEM, .max_items = 100},
	{"monitoring", F_TEXT, false, "how the revised plan will be monitored", 5000},
	{"monitored_by", F_STRING, false, "who will monitor the revised plan", 300},
	{"contingency", F_TEXT, false, "the revised contingency plan", 5000},
	{"review_date", F_DATE, false, "the date of a further review"},
	{NULL}};

static int prepare_record(struct action_ctx *ctx)
{
	char scheduled[32];
	if (meeting_pending(ctx->db, ctx->case_id, "review", ctx->ref, scheduled, &ctx->err) != 0)
		return -1;
	if (form_str(ctx->in, "held_at")) {
		if (action_time(ctx, "held_at", "when the review was held", ctx->when) == 0)
			action_not_before(ctx, "held_at", ctx->when, ctx->moments.meeting_held_at, "the family meeting");
	} else {
		snprintf(ctx->when, sizeof ctx->when, "%s", scheduled);
	}
	if (plan_current(ctx->db, ctx->case_id, &ctx->scratch, &ctx->err) != 0)
		return -1;
	/* Every action of the current plan gets exactly one status. */
	json_t *statuses = json_object_get(ctx->in, "item_statuses");
	json_t *items = ctx->scratch ? json_object_get(ctx->scratch, "items") : NULL;
	size_t i, k;
	json_t *st, *item;
	json_array_foreach(statuses, i, st) {
		bool known = false, twice = false;
		json_array_foreach(items, k, item)
			known = known || strcmp(json_string_value(json_object_get(item, "id")), form_str(st, "item_id")) == 0;
		for (size_t j = 0; j < i; j++)
			twice = twice || strcmp(form_str(json_array_get(statuses, j), "item_id"), form_str(st, "item_id")) == 0;
		char field[64];
		snprintf(field, sizeof field, "item_statuses[%zu].item_id", i);
		if (!known)
			form_error(ctx->errors, field, "Choose an action from the current plan");
		else if (twice)
			form_error(ctx->errors, field, "Give each action one status only");
	}
	json_array_foreach(items, k, item) {
		bool given = false;
		json_array_foreach(statuses, i, st)
			given = given || strcmp(json_string_value(json_object_get(item, "id")), form_str(st, "item_id")) == 0;
		if (!given) {
			char msg[300];
			snprintf(msg, sizeof msg, "Give a status for the action \"%.200s\"",
				 json_string_value(json_object_get(item, "action")));
			form_error(ctx->errors, "item_statuses", msg);
		}
	}
	if (json_object_get(ctx->in, "attendance"))
		return attendance_check(ctx);
	return 0;
}

static const char *status_of(const json_t *statuses, const char *item_id, const char **note)
{
	size_t i;
	json_t *st;
	json_array_foreach(statuses, i, st) if (strcmp(form_str(st, "item_id"), item_id) == 0) {
		*note = form_str(st, "note");
		return form_str(st, "status");
	}
	*note = NULL;
	return NULL;
}

static int apply_record(struct action_ctx *ctx)
{
	const json_t *old = ctx->scratch;
	if (meeting_record(ctx->db, ctx->ref, ctx->when, ctx->in, &ctx->err) != 0 ||
	    (json_object_get(ctx->in, "attendance") && attendance_write(ctx, ctx->ref) != 0))
		return -1;
	/* The revised plan: what the review changed, over what the plan said. */
	json_t *fields = json_object();
	static const char *const keep[] = {"monitoring", "monitored_by", "contingency", NULL};
	for (int i = 0; keep[i]; i++)
		json_object_set(fields, keep[i], form_str(ctx->in, keep[i]) ? json_object_get(ctx->in, keep[i])
									     : json_object_get(old, keep[i]));
	if (form_has(ctx->in, "review_date"))
		json_object_set(fields, "review_date", json_object_get(ctx->in, "review_date"));
	char id[33];
	int version = (int)json_integer_value(json_object_get(old, "version")) + 1;
	int rc = plan_insert(ctx->db, ctx->case_id, version, ctx->ref, fields, "agreed", ctx->when, ctx->now, id, &ctx->err);
	json_decref(fields);
	if (rc != 0)
		return -1;
	int pos = 1;
	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(old, "items"), i, item) {
		const char *note, *status = status_of(json_object_get(ctx->in, "item_statuses"),
						      json_string_value(json_object_get(item, "id")), &note);
		if (plan_item_insert(ctx->db, id, pos++, item, status, note,
				     json_string_value(json_object_get(item, "id")), &ctx->err) != 0)
			return -1;
	}
	size_t added = json_array_size(json_object_get(ctx->in, "new_items"));
	json_array_foreach(json_object_get(ctx->in, "new_items"), i, item)
		if (plan_item_insert(ctx->db, id, pos++, item, NULL, NULL, NULL, &ctx->err) != 0)
			return -1;
	snprintf(ctx->summary, sizeof ctx->summary, "Review meeting held: revised plan version %d with %zu new action%s",
		 version, added, added == 1 ? "" : "s");
	return 0;
}

static const struct stage_action RECORD = {ACT_RECORD_REVIEW, REVIEW_RECORD, prepare_record, apply_record};

int handle_review_record(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &RECORD);
	return 0;
}
