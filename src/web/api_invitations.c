/* api_invitations.c — who is invited to the family meeting, the
 * coordinator's conversation with each invitee beforehand, their answers,
 * and exclusions. Choosing someone the safety rule protects is refused
 * here and audited (action_may_send). */
#include "api.h"
#include "action.h"
#include "meeting_mail.h"
#include "../store/outbox_store.h"
#include "../domain/datetime.h"
#include "../store/network_store.h"
#include "../store/people_store.h"
#include "../util/buf.h"

#include <stdio.h>
#include <string.h>

static const struct field_spec INVITATIONS[] = {
	{"invited", F_IDS, false, "who is invited"},
	{NULL}};

/* scratch: the people of the case; the summary names who was added and removed. */
static int prepare_invitations(struct action_ctx *ctx)
{
	json_t *people = NULL;
	if (person_list(ctx->db, ctx->case_id, &people, &ctx->err) != 0)
		return -1;
	ctx->scratch = people;
	const json_t *wanted = json_object_get(ctx->in, "invited");
	size_t i;
	const json_t *v;
	/* Errors name the list as a whole, as its checkboxes are one question. */
	json_array_foreach(wanted, i, v) {
		const json_t *p = form_find(people, "id", json_string_value(v));
		if (!p)
			form_error(ctx->errors, "invited", "Choose people who are recorded on this case");
		else if (!form_bool(p, "invited"))
			action_may_send(ctx, p, SEND_INVITATION, "invited");
	}
	struct buf added, removed;
	buf_init(&added);
	buf_init(&removed);
	json_array_foreach(people, i, v) {
		bool now_in = form_holds(wanted, form_str(v, "id")), was = form_bool(v, "invited");
		if (now_in != was)
			buf_printf(now_in ? &added : &removed, "%s%s", (now_in ? added.len : removed.len) ? ", " : "",
				   form_str(v, "name"));
	}
	snprintf(ctx->summary, sizeof ctx->summary, "Invitation list changed:%s%s%s%s%s",
		 added.len ? " invited " : "", added.len ? added.data : "", added.len && removed.len ? ";" : "",
		 removed.len ? " no longer invited " : "", removed.len ? removed.data : "");
	if (!added.len && !removed.len)
		snprintf(ctx->summary, sizeof ctx->summary, "Invitation list saved with no change");
	buf_free(&added);
	buf_free(&removed);
	return 0;
}

static int apply_invitations(struct action_ctx *ctx)
{
	const json_t *wanted = json_object_get(ctx->in, "invited");
	size_t i;
	const json_t *p;
	json_array_foreach(ctx->scratch, i, p) {
		bool now_in = form_holds(wanted, form_str(p, "id")), was = form_bool(p, "invited");
		if (now_in == was)
			continue;
		if (member_set_invited(ctx->db, ctx->case_id, form_str(p, "id"), now_in, ctx->now, &ctx->err) != 0 ||
		    (!now_in && member_set_response(ctx->db, ctx->case_id, form_str(p, "id"), NULL, NULL, NULL,
						    &ctx->err) != 0))
			return -1;
	}
	return meeting_mail_sync(ctx, "family", NULL, INVITE_LIST_CHANGED) != 0 ||
			       meeting_mail_sync(ctx, "review", NULL, INVITE_LIST_CHANGED) != 0
		       ? -1
		       : 0;
}

static const struct stage_action CHANGE_INVITATIONS = {ACT_CHANGE_INVITATIONS, INVITATIONS,
						       prepare_invitations, apply_invitations};

int handle_invitations(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &CHANGE_INVITATIONS);
	return 0;
}

static const struct field_spec CONVERSATION[] = {
	{"member_id", F_ID, true, "who the conversation was with"},
	{"held_on", F_DATE, true, "the date of the conversation"},
	{"method", F_CHOICE, true, "how you spoke", .vocab = VOCAB_CONTACT_METHOD},
	{"outcome", F_TEXT, true, "what was agreed", 5000},
	{"worries", F_TEXT, false, "worries they raised", 5000},
	{NULL}};

static int prepare_conversation(struct action_ctx *ctx)
{
	json_t *p = NULL;
	if (action_person(ctx, form_str(ctx->in, "member_id"), "member_id", &p) != 0)
		return -1;
	char today[11];
	dt_format_date(dt_london_day(ctx->req->now), today);
	const char *on = form_str(ctx->in, "held_on");
	if (on && strcmp(on, today) > 0)
		form_error(ctx->errors, "held_on", "The date of the conversation must be today or in the past");
	if (p)
		snprintf(ctx->summary, sizeof ctx->summary, "Conversation with %s recorded (%s)", form_str(p, "name"),
			 vocab_title(VOCAB_CONTACT_METHOD, form_str(ctx->in, "method")));
	json_decref(p);
	return 0;
}

static int apply_conversation(struct action_ctx *ctx)
{
	return conversation_insert(ctx->db, ctx->case_id, ctx->in, ctx->actor, ctx->now, &ctx->err);
}

static const struct stage_action RECORD_CONVERSATION = {ACT_RECORD_CONVERSATION, CONVERSATION,
							prepare_conversation, apply_conversation};

int handle_conversation(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &RECORD_CONVERSATION);
	return 0;
}

static const struct field_spec RESPONSE[] = {
	{"member_id", F_ID, true, "whose answer it is"},
	{"response", F_CHOICE, true, "their answer", .vocab = VOCAB_INVITE_RESPONSE},
	{"note", F_TEXT, false, "a note on their answer", 2000},
	{NULL}};

static int prepare_response(struct action_ctx *ctx)
{
	json_t *p = NULL;
	if (action_person(ctx, form_str(ctx->in, "member_id"), "member_id", &p) != 0)
		return -1;
	if (p && form_str(p, "exclusion_id"))
		form_error(ctx->errors, "member_id", "This person is excluded from the meeting, so they have no invitation to answer");
	else if (p && !form_bool(p, "invited"))
		form_error(ctx->errors, "member_id", "Invite this person before recording their answer");
	if (p)
		snprintf(ctx->summary, sizeof ctx->summary, "%s's answer to the invitation: %s", form_str(p, "name"),
			 vocab_title(VOCAB_INVITE_RESPONSE, form_str(ctx->in, "response")));
	json_decref(p);
	return 0;
}

static int apply_response(struct action_ctx *ctx)
{
	return member_set_response(ctx->db, ctx->case_id, form_str(ctx->in, "member_id"),
				   form_str(ctx->in, "response"), ctx->now, form_str(ctx->in, "note"), &ctx->err);
}

static const struct stage_action RECORD_RESPONSE = {ACT_RECORD_RESPONSE, RESPONSE, prepare_response,
						    apply_response};

int handle_response(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &RECORD_RESPONSE);
	return 0;
}

static const struct field_spec EXCLUSION[] = {
	{"member_id", F_ID, true, "who is excluded"},
	{"reason", F_CHOICE, true, "the reason for excluding them", .vocab = VOCAB_EXCLUSION_REASON},
	{"rationale", F_TEXT, true, "why this reason applies", 5000},
	{"decided_with", F_STRING, false, "who else took part in the decision", 300},
	{NULL}};

static int prepare_exclusion(struct action_ctx *ctx)
{
	json_t *p = NULL;
	if (action_person(ctx, form_str(ctx->in, "member_id"), "member_id", &p) != 0)
		return -1;
	if (p && form_bool(p, "subject"))
		form_error(ctx->errors, "member_id",
			   "The child the meeting is about cannot be excluded: record how they want to take part in the child's views");
	else if (p && form_str(p, "exclusion_id"))
		form_error(ctx->errors, "member_id", "This person is already excluded");
	if (p)
		snprintf(ctx->summary, sizeof ctx->summary, "%s excluded from the family meeting: %s%s", form_str(p, "name"),
			 vocab_title(VOCAB_EXCLUSION_REASON, form_str(ctx->in, "reason")),
			 form_bool(p, "invited") ? ". Their invitation is withdrawn." : "");
	json_decref(p);
	return 0;
}

static int apply_exclusion(struct action_ctx *ctx)
{
	const char *m = form_str(ctx->in, "member_id");
	/* An excluded person is sent nothing more: the invitation goes. */
	return exclusion_insert(ctx->db, ctx->case_id, ctx->in, ctx->actor, ctx->now, &ctx->err) != 0 ||
			       member_set_invited(ctx->db, ctx->case_id, m, false, NULL, &ctx->err) != 0 ||
			       member_set_response(ctx->db, ctx->case_id, m, NULL, NULL, NULL, &ctx->err) != 0 ||
			       outbox_withdraw(ctx->db, NULL, m, "Not sent: they were excluded from the meeting before it went.",
					       &ctx->err) != 0
		       ? -1
		       : 0;
}

static const struct stage_action EXCLUDE = {ACT_EXCLUDE_PERSON, EXCLUSION, prepare_exclusion, apply_exclusion};

int handle_exclusion(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &EXCLUDE);
	return 0;
}

static const struct field_spec LIFT[] = {
	{"reason", F_TEXT, true, "why the exclusion is lifted", 5000},
	{NULL}};

static int prepare_lift(struct action_ctx *ctx)
{
	json_t *list = NULL;
	const char *xid = http_param(ctx->req, "xid");
	if (exclusion_list(ctx->db, ctx->case_id, &list, &ctx->err) != 0)
		return -1;
	const json_t *x = form_find(list, "id", xid);
	int rc = 0;
	if (!x)
		rc = err_set(&ctx->err, ERR_NOT_FOUND, NULL, "There is no such exclusion on this case.");
	else if (form_str(x, "lifted_at"))
		form_error(ctx->errors, "reason", "This exclusion has already been lifted");
	else
		snprintf(ctx->summary, sizeof ctx->summary, "Exclusion of %s lifted", form_str(x, "person_name"));
	json_decref(list);
	return rc;
}

static int apply_lift(struct action_ctx *ctx)
{
	return exclusion_lift(ctx->db, ctx->case_id, http_param(ctx->req, "xid"), ctx->actor,
			      form_str(ctx->in, "reason"), ctx->now, &ctx->err);
}

static const struct stage_action LIFT_EXCLUSION = {ACT_LIFT_EXCLUSION, LIFT, prepare_lift, apply_lift};

int handle_exclusion_lift(struct app *app, const struct request *req, struct response *res)
{
	action_run(app, req, res, &LIFT_EXCLUSION);
	return 0;
}
