/* action.c — the one path every change to a case takes (action.h). */
#include "action.h"
#include "audit_log.h"
#include "body.h"
#include "auth.h"
#include "case_view.h"
#include "network_view.h"
#include "../domain/datetime.h"
#include "../mail/mail_worker.h"
#include "../store/case_store.h"
#include "../store/event_store.h"
#include "../store/people_store.h"
#include "../store/user_store.h"
#include "../util/ids.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLOCK_DRIFT_ALLOWANCE 300

void respond_err(struct response *res, const struct err *e)
{
	switch (e->kind) {
	case ERR_INVALID:
		http_error(res, 422, e->field, e->msg);
		return;
	case ERR_NOT_FOUND:
		http_error(res, 404, e->field, e->msg);
		return;
	case ERR_CONFLICT:
		http_error(res, 409, e->field, e->msg);
		return;
	case ERR_NONE:
	case ERR_INTERNAL:
		break;
	}
	/* Details go to the operator's log under an incident ID; the person gets
	 * the ID to quote, never the internals. */
	char incident[17], msg[200];
	ids_random_hex(incident, 8);
	fprintf(stderr, "hearth: incident %s: %s\n", incident, e->msg);
	snprintf(msg, sizeof msg,
		 "Something went wrong on our side and nothing was saved. Try again; if it happens again, "
		 "contact support and quote incident %s.", incident);
	http_error(res, 500, NULL, msg);
}

const char *const ROLES_COORDINATOR[] = {"coordinator", NULL};

int action_time(struct action_ctx *ctx, const char *field, const char *label, char out[21])
{
	return action_time_of(ctx, ctx->in, field, field, label, out);
}

int action_time_of(struct action_ctx *ctx, const json_t *obj, const char *key, const char *field,
		   const char *label, char out[21])
{
	const char *s = form_str(obj, key);
	int64_t t = ctx->req->now;
	if (s && dt_parse_datetime(s, &t) != 0)
		t = ctx->req->now; /* form_check has reported it already */
	if (t > ctx->req->now + CLOCK_DRIFT_ALLOWANCE) {
		char msg[200];
		snprintf(msg, sizeof msg, "%s cannot be in the future", label);
		msg[0] = (char)(msg[0] >= 'a' && msg[0] <= 'z' ? msg[0] - 32 : msg[0]);
		form_error(ctx->errors, field, msg);
		return -1;
	}
	dt_format_utc(t, out);
	return 0;
}

void action_not_before(struct action_ctx *ctx, const char *field, const char *at, int64_t earlier,
		       const char *what)
{
	int64_t t;
	if (!earlier || dt_parse_datetime(at, &t) != 0 || t >= earlier)
		return;
	char msg[200];
	snprintf(msg, sizeof msg, "This cannot be earlier than %s", what);
	form_error(ctx->errors, field, msg);
}

int action_person(struct action_ctx *ctx, const char *person_id, const char *field, json_t **out)
{
	if (person_get(ctx->db, ctx->case_id, person_id, out, &ctx->err) != 0)
		return -1;
	if (!*out)
		form_error(ctx->errors, field, "Choose a person who is recorded on this case");
	return 0;
}

bool action_may_send(struct action_ctx *ctx, const json_t *member, enum safety_send what,
		     const char *field)
{
	struct safety_facts f = network_safety_facts(member);
	struct err why = {0};
	if (safety_may_send(&f, what, field, &why) == 0)
		return true;
	form_error(ctx->errors, field, why.msg);
	ctx->safety_refused = true;
	return false;
}

int action_may_send_named(struct action_ctx *ctx, const char *name, enum safety_send what,
			  const char *field, bool *ok)
{
	*ok = true;
	if (!name)
		return 0;
	if (!ctx->people && person_list(ctx->db, ctx->case_id, &ctx->people, &ctx->err) != 0)
		return -1;
	char want[800], have[800];
	case_fold(name, want, sizeof want);
	size_t i;
	const json_t *p;
	json_array_foreach(ctx->people, i, p) {
		const char *names[] = {form_str(p, "name"), form_str(p, "known_as")};
		for (int k = 0; k < 2 && *ok; k++) {
			if (!names[k])
				continue;
			case_fold(names[k], have, sizeof have);
			if (strcmp(want, have) == 0)
				*ok = action_may_send(ctx, p, what, field);
		}
	}
	return 0;
}

int action_require_role(struct action_ctx *ctx, const char *field, const char *user_id,
			const char *const *roles, const char *role_words, char **name_out)
{
	bool yes = false;
	if (name_out)
		*name_out = NULL;
	if (!user_id)
		return 0; /* form_check has reported a missing required field */
	if (user_has_role(ctx->db, user_id, roles, &yes, name_out, &ctx->err) != 0)
		return -1;
	if (!yes) {
		char msg[200];
		snprintf(msg, sizeof msg, "Choose %s: the person given is not one", role_words);
		form_error(ctx->errors, field, msg);
		if (name_out) {
			free(*name_out);
			*name_out = NULL;
		}
	}
	return 0;
}

void action_run(struct app *app, const struct request *req, struct response *res,
		const struct stage_action *act)
{
	struct action_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.app = app;
	ctx.req = req;
	ctx.case_id = http_param(req, "id");
	ctx.sm.action = act->action;
	ctx.actor = req->who && req->who->user_id[0] ? req->who->user_id : NULL;
	dt_format_utc(req->now, ctx.now);

	if (!form_is_id(ctx.case_id)) {
		http_error(res, 404, NULL, "There is no case with that reference.");
		return;
	}
	ctx.errors = json_array();
	if (body_read(req, res, act->fields, &ctx.in, ctx.errors) != 0) {
		json_decref(ctx.errors);
		return;
	}

	/* Whether the case exists (404) and whether the step is possible at
	 * all now (409) come before the details of the input (422): no point
	 * correcting a form for a step that cannot be taken. */
	ctx.db = db_pool_get(app->pool);
	bool in_tx = false;
	if (db_begin(ctx.db, &ctx.err) != 0)
		goto fail;
	in_tx = true;
	if (case_lock(ctx.db, ctx.case_id, &ctx.err) != 0 ||
	    case_facts(ctx.db, ctx.case_id, req->now, &ctx.facts, &ctx.moments, &ctx.err) != 0 ||
	    sm_precheck(&ctx.facts, act->action, &ctx.err) != 0)
		goto fail;
	body_check(ctx.in, act->fields, ctx.errors);
	if (json_array_size(ctx.errors) > 0)
		goto invalid;
	if (act->prepare && act->prepare(&ctx) != 0)
		goto fail;
	if (json_array_size(ctx.errors) > 0)
		goto invalid;
	if (sm_transition(&ctx.facts, &ctx.sm, &ctx.next, &ctx.err) != 0)
		goto fail;
	if (act->apply(&ctx) != 0)
		goto fail;
	if (ctx.next != ctx.facts.stage &&
	    case_set_stage(ctx.db, ctx.case_id, ctx.next, ctx.now, &ctx.err) != 0)
		goto fail;
	if (!ctx.summary[0])
		snprintf(ctx.summary, sizeof ctx.summary, "%s", action_title(act->action));
	if (event_add(ctx.db, ctx.case_id, ctx.now, action_slug(act->action), ctx.summary, ctx.actor,
		      &ctx.err) != 0 ||
	    audit_request(ctx.db, req, NULL, &ctx.err) != 0)
		goto fail;
	json_t *view = NULL;
	if (case_view(app, ctx.db, ctx.case_id, req->now, &view, &ctx.err) != 0)
		goto fail;
	/* A dry run ("check your answers") has found every error; undo it. */
	if (req->dry_run)
		db_rollback(ctx.db);
	else if (db_commit(ctx.db, &ctx.err) != 0) {
		json_decref(view);
		goto fail;
	}
	in_tx = false;
	db_pool_put(app->pool, ctx.db);
	if (ctx.mail_queued && !req->dry_run)
		mail_worker_wake(app->mail);
	case_view_for(req->who, view);
	http_json(res, 200, view);
	json_decref(view);
	json_decref(ctx.in);
	json_decref(ctx.errors);
	json_decref(ctx.scratch);
	json_decref(ctx.people);
	return;

invalid:
	db_rollback(ctx.db);
	db_pool_put(app->pool, ctx.db);
	/* Trying to send something to someone the safety rule protects is on
	 * record, whoever tried and whatever else was wrong with the request. */
	if (ctx.safety_refused &&
	    audit_request_now(app, req, &(struct audit_what){.outcome = "refused_safety"}, &ctx.err) != 0)
		fprintf(stderr, "hearth: could not record a safety refusal: %s\n", ctx.err.msg);
	http_errors(res, 422, ctx.errors);
	json_decref(ctx.in);
	json_decref(ctx.scratch);
	json_decref(ctx.people);
	return;

fail:
	if (in_tx)
		db_rollback(ctx.db);
	db_pool_put(app->pool, ctx.db);
	respond_err(res, &ctx.err);
	json_decref(ctx.in);
	json_decref(ctx.errors);
	json_decref(ctx.scratch);
	json_decref(ctx.people);
}
