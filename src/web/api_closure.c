/* api_closure.c — closing a case (one of the procedure's five reasons,
 * a summary, the written notifications sent) and gathering evaluations
 * from family members and the child. */
#include "api.h"
#include "action.h"
#include "meeting_mail.h"
#include "../store/meeting_store.h"
#include "../store/case_store.h"
#include "../store/closure_store.h"
#include "../domain/letters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static const struct field_spec NOTIFICATION[] = {
	{"recipient", F_STRING, true, "who was notified"},
	{"recipient_kind", F_CHOICE, true, "who they are", .vocab = VOCAB_RECIPIENT_KIND},
	{"method", F_CHOICE, true, "how they were notified", .vocab = VOCAB_SEND_METHOD},
	{"sent_at", F_DATETIME, false, "when the notification was sent"},
	{NULL}};

static const struct field_spec CLOSURE[] = {
	{"reason", F_CHOICE, true, "why the case is closing", .vocab = VOCAB_CLOSURE_REASON},
	{"summary", F_TEXT, true, "the closure summary"},
	{"notifications", F_LIST, false, "the written notifications sent", .items = NOTIFICATION, .max_items = 100},
	{NULL}};

/* Checks each notification's time, writing the checked time back into it,
 * and that nobody the safety rule protects is among the recipients. */
static int notifications_check(struct action_ctx *ctx, json_t *list)
{
	size_t i;
	json_t *n;
	json_array_foreach(list, i, n) {
		char at[21], field[64];
		bool ok;
		snprintf(field, sizeof field, "notifications[%zu].recipient", i);
		if (action_may_send_named(ctx, form_str(n, "recipient"), SEND_LETTER, field, &ok) != 0)
			return -1;
		snprintf(field, sizeof field, "notifications[%zu].sent_at", i);
		if (action_time_of(ctx, n, "sent_at", field, "when the notification was sent", at) == 0)
			json_object_set_new(n, "sent_at", json_string(at));
	}
	return 0;
}

static int prepare_closure(struct action_ctx *ctx)
{
	closure_reason_from_slug(form_str(ctx->in, "reason"), &ctx->sm.reason);
	return notifications_check(ctx, json_object_get(ctx->in, "notifications"));
}

static int apply_closure(struct action_ctx *ctx)
{
	snprintf(ctx->summary, sizeof ctx->summary, "Case closed: %s",
		 closure_reason_title(ctx->sm.reason));
	if (case_set_closed(ctx->db, ctx->case_id, form_str(ctx->in, "reason"), form_str(ctx->in, "summary"),
			    ctx->actor, ctx->now, &ctx->err) != 0)
		return -1;
	size_t i;
	json_t *n;
	json_array_foreach(json_object_get(ctx->in, "notifications"), i, n)
		if (notification_insert(ctx->db, ctx->case_id, n, form_str(n, "sent_at"), &ctx->err) != 0)
			return -1;
	/* A meeting still to come will not take place: everyone holding its
	 * invitation is sent the cancellation. */
	static const char *const KINDS[] = {"family", "review"};
	for (int k = 0; k < 2; k++) {
		char pending[33];
		if (meeting_pending(ctx->db, ctx->case_id, KINDS[k], pending, NULL, &ctx->err) != 0)
			return -1;
		if (pending[0] && (meeting_cancel(ctx->db, pending, ctx->now, "The case was closed", &ctx->err) != 0 ||
				   meeting_mail_sync(ctx, KINDS[k], pending, INVITE_MEETING_CANCELLED) != 0))
			return -1;
	}
	return 0;
}

static const struct stage_action CLOSE = {ACT_CLOSE, CLOSURE, prepare_closure, apply_closure};

int handle_closure(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &CLOSE);
	return 0;
}

static int prepare_notification(struct action_ctx *ctx)
{
	bool ok;
	action_time(ctx, "sent_at", "when the notification was sent", ctx->when);
	return action_may_send_named(ctx, form_str(ctx->in, "recipient"), SEND_LETTER, "recipient", &ok);
}

static int apply_notification(struct action_ctx *ctx)
{
	snprintf(ctx->summary, sizeof ctx->summary, "Closure notification sent to %s",
		 vocab_title(VOCAB_RECIPIENT_KIND, form_str(ctx->in, "recipient_kind")));
	return notification_insert(ctx->db, ctx->case_id, ctx->in, ctx->when, &ctx->err);
}

static const struct stage_action NOTIFY = {ACT_RECORD_NOTIFICATION, NOTIFICATION, prepare_notification, apply_notification};

int handle_notification(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &NOTIFY);
	return 0;
}

/* Family members answer three questions, the child three child-friendly
 * ones (domain/letters.c); the field labels below are the same. */
static const struct field_spec EVALUATION[] = {
	{"respondent_kind", F_CHOICE, true, "who is answering", .vocab = VOCAB_RESPONDENT_KIND},
	{"person_id", F_ID, false, "the person answering"},
	{"respondent_name", F_STRING, false, "the name of the person answering"},
	{"listened_to", F_CHOICE, false, "whether they felt listened to", .vocab = VOCAB_FAMILY_ANSWER},
	{"plan_is_ours", F_CHOICE, false, "whether the plan feels like the family's own", .vocab = VOCAB_FAMILY_ANSWER},
	{"would_recommend", F_CHOICE, false, "whether they would recommend a family meeting", .vocab = VOCAB_FAMILY_ANSWER},
	{"felt_listened_to", F_CHOICE, false, "how the child felt about being listened to", .vocab = VOCAB_CHILD_ANSWER},
	{"understood_plan", F_CHOICE, false, "how the child felt about understanding the plan", .vocab = VOCAB_CHILD_ANSWER},
	{"felt_safe", F_CHOICE, false, "how safe the child felt at the meeting", .vocab = VOCAB_CHILD_ANSWER},
	{"comments", F_TEXT, false, "anything else they said", 5000},
	{NULL}};

static int prepare_evaluation(struct action_ctx *ctx)
{
	bool child = strcmp(form_str(ctx->in, "respondent_kind"), "child") == 0;
	const struct evaluation_question *asked = evaluation_questions(child);
	const struct evaluation_question *other = evaluation_questions(!child);
	for (int i = 0; asked[i].field; i++)
		if (!form_str(ctx->in, asked[i].field)) {
			char msg[200];
			snprintf(msg, sizeof msg, "Select %s", asked[i].label);
			form_error(ctx->errors, asked[i].field, msg);
		}
	for (int i = 0; other[i].field; i++)
		if (form_has(ctx->in, other[i].field))
			form_error(ctx->errors, other[i].field,
				   child ? "This question is for family members, not the child"
					 : "This question is for the child, not family members");
	const char *pid = form_str(ctx->in, "person_id");
	if (pid) {
		json_t *p = NULL;
		if (action_person(ctx, pid, "person_id", &p) != 0)
			return -1;
		if (p)
			json_object_set(ctx->in, "respondent_name", json_object_get(p, "name"));
		json_decref(p);
	} else if (!form_str(ctx->in, "respondent_name")) {
		form_error(ctx->errors, "respondent_name", "Choose a person on the case or enter the name of the person answering");
	}
	ctx->scratch = json_object();
	for (int i = 0; asked[i].field; i++)
		json_object_set(ctx->scratch, asked[i].field, json_object_get(ctx->in, asked[i].field));
	return 0;
}

static int apply_evaluation(struct action_ctx *ctx)
{
	char *answers = json_dumps(ctx->scratch, JSON_COMPACT | JSON_SORT_KEYS);
	snprintf(ctx->summary, sizeof ctx->summary, "Evaluation recorded from a %s",
		 strcmp(form_str(ctx->in, "respondent_kind"), "child") == 0 ? "child or young person" : "family member");
	int rc = evaluation_insert(ctx->db, ctx->case_id, ctx->in, answers, ctx->now, &ctx->err);
	free(answers);
	return rc;
}

static const struct stage_action EVALUATE = {ACT_RECORD_EVALUATION, EVALUATION, prepare_evaluation, apply_evaluation};

int handle_evaluation(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &EVALUATE);
	return 0;
}
