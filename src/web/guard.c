/* guard.c — access control around every route (guard.h). */
#include "guard.h"
#include "action.h"
#include "audit_log.h"
#include "auth.h"
#include "page.h"
#include "../domain/access.h"
#include "../domain/form.h"
#include "../store/case_store.h"
#include "../store/session_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_safe_method(const char *m)
{
	return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
}

/* Same-origin check (OWASP CSRF cheat sheet: verify the source origin). */
static bool origin_ok(const struct app *app, const struct request *req)
{
	if (req->origin && strcmp(req->origin, "null") != 0) {
		char want[300];
		auth_expected_origin(app, req, want, sizeof want);
		return strcmp(req->origin, want) == 0;
	}
	/* Browsers send Origin on every cross-site POST (an opaque "null"
	 * from sandboxes and privacy settings); without a real one, trust
	 * Fetch Metadata, and refuse "null" without it. */
	if (req->origin && !req->fetch_site)
		return false;
	return !req->fetch_site || strcmp(req->fetch_site, "same-origin") == 0 ||
	       (!req->origin && strcmp(req->fetch_site, "cross-site") != 0);
}

static void refuse(struct response *res, int status, const char *msg)
{
	http_error(res, status, NULL, msg);
}

static void refuse_break_glass(struct response *res, const char *case_id)
{
	char msg[400];
	snprintf(msg, sizeof msg,
		 "This case belongs to another team. If you need to see it, give your reason for opening it: "
		 "your reason and everything you look at will be recorded and may be reviewed.");
	json_t *v = json_pack("{s:[{s:n,s:s}],s:b,s:s}", "errors", "field", "message", msg, "break_glass", 1,
			      "break_glass_url", "");
	char url[80];
	snprintf(url, sizeof url, "/api/cases/%s/break-glass", case_id);
	json_object_set_new(v, "break_glass_url", json_string(url));
	http_json(res, 403, v);
	json_decref(v);
}

/* Fills who->relations for the case the route names. *found false: no such case. */
static int relate(struct db *db, const struct request *req, const char *case_id, bool *found,
		  struct err *e)
{
	struct principal *who = req->who;
	struct case_access ca;
	if (case_access(db, case_id, &ca, e) != 0)
		return -1;
	*found = ca.found;
	if (!ca.found)
		return 0;
	if (ca.coordinator_id[0] && strcmp(ca.coordinator_id, who->user_id) == 0)
		who->relations |= REL_ALLOCATED;
	if (ca.referrer_user_id[0] && strcmp(ca.referrer_user_id, who->user_id) == 0)
		who->relations |= REL_REFERRED;
	if (ca.team_id[0] && strcmp(ca.team_id, who->team_id) == 0)
		who->relations |= REL_TEAM;
	if (who->via == VIA_SESSION) {
		if (glass_find(db, who->session_id, case_id, &who->break_glass, e) != 0)
			return -1;
		if (who->break_glass)
			who->relations |= REL_BREAK_GLASS;
	}
	return 0;
}

/* Tells someone whose session has gone why, so they are not left guessing. */
static const char *ended_message(const struct principal *who)
{
	const char *why = who->ended_reason;
	if (!who->expired)
		return "Sign in to continue.";
	if (strcmp(why, "signed_out") == 0)
		return "You have signed out. Sign in again to continue.";
	if (strcmp(why, "idle") == 0 || strcmp(why, "expired") == 0)
		return "Your session has ended, either because it was not used for a while or because you signed in a long time ago. Sign in again to continue.";
	if (strcmp(why, "password_changed") == 0 || strcmp(why, "password_reset") == 0)
		return "Your session was ended because the account's password was changed. Sign in again with the new password.";
	if (strcmp(why, "account_disabled") == 0)
		return "Your session was ended because the account has been disabled. Ask an administrator if you think this is wrong.";
	return "This session was ended, from another session or by signing in again. Sign in again to continue.";
}

/* Decides; on refusal answers and returns false. */
static bool admit(struct app *app, struct request *req, struct response *res, bool *audit_denial)
{
	const struct access_rule *rule = req->rule;
	struct principal *who = req->who;
	struct err e = {0};
	*audit_denial = false;
	if (!rule) {
		/* Deny by default: app_routes_have_rules() keeps this from happening. */
		refuse(res, 403, "This address is not open to anyone.");
		return false;
	}
	if (rule->scope == ACCESS_PUBLIC)
		goto csrf;
	if (who->via == VIA_NONE) {
		refuse(res, 401, ended_message(who));
		return false;
	}
	if (!who->signed_in && rule->scope != ACCESS_SIGN_IN) {
		refuse(res, 401, strcmp(who->second_factor, "enrol") == 0
			? "Set up an authenticator app to finish signing in."
			: "Finish signing in: enter the 6-digit code from your authenticator app.");
		return false;
	}
csrf:
	if (!is_safe_method(req->method) && who->via != VIA_TOKEN && who->via != VIA_INTERNAL) {
		/* Signing in (public) has no token yet: the origin check guards it. */
		bool token_ok = who->via == VIA_NONE || rule->scope == ACCESS_PUBLIC ||
				(req->csrf_token && token_equal(req->csrf_token, who->csrf));
		if (!origin_ok(app, req) || !token_ok) {
			refuse(res, 403, "This request could not be confirmed as coming from hearth's own pages. "
					 "Reload the page and try again.");
			*audit_denial = who->via != VIA_NONE;
			return false;
		}
	}
	if (rule->scope != ACCESS_CASE) {
		enum access_verdict v = access_decide(rule, who->signed_in, who->roles, 0, &who->granted_role);
		if (v == ACCESS_ALLOW)
			return true;
		refuse(res, 403, "You do not have permission to do this. If you need it, ask your manager or an administrator.");
		*audit_denial = true;
		return false;
	}
	const char *case_id = http_param(req, "id");
	bool found = false;
	if (form_is_id(case_id)) {
		struct db *db = db_pool_get(app->pool);
		int rc = relate(db, req, case_id, &found, &e);
		db_pool_put(app->pool, db);
		if (rc != 0) {
			respond_err(res, &e);
			return false;
		}
	}
	if (!found) {
		refuse(res, 404, "There is no case with that reference.");
		return false;
	}
	switch (access_decide(rule, who->signed_in, who->roles, who->relations, &who->granted_role)) {
	case ACCESS_ALLOW:
		return true;
	case ACCESS_DENY_BREAK_GLASS:
		refuse_break_glass(res, case_id);
		break;
	case ACCESS_DENY:
		/* Someone who may see the case, but not this part of it, is told so. */
		if (access_decide(access_rule("view_case"), who->signed_in, who->roles, who->relations, NULL) == ACCESS_ALLOW)
			refuse(res, 403, "You can see this case, but not this part of it: it is for the people working on the case.");
		else
			refuse(res, 403, "You do not have access to this case. It is not allocated to you, was not referred by you, "
					 "and is not your team's. If you need it, ask the case's team manager.");
		break;
	}
	*audit_denial = true;
	return false;
}

void guard_serve(struct app *app, const struct route *rt, struct request *req, struct response *res)
{
	struct principal *mine = NULL;
	struct err e = {0};
	req->rule = access_rule(rt->action);
	if (!req->who) {
		mine = xcalloc(1, sizeof *mine);
		req->who = mine;
		struct db *db = db_pool_get(app->pool);
		int rc = auth_identify(app, db, req, mine, &e);
		db_pool_put(app->pool, db);
		if (rc != 0) {
			respond_err(res, &e);
			goto done;
		}
	}
	bool audit_denial;
	if (!admit(app, req, res, &audit_denial)) {
		if (audit_denial) {
			struct audit_what w = {.outcome = "denied", .object = req->rule ? NULL : "route",
					       .action = req->rule ? NULL : rt->action, .no_fields = true};
			if (audit_request_now(app, req, &w, &e) != 0)
				respond_err(res, &e);
		}
		goto done;
	}
	bool writes_config = strcmp(rt->action, "change_timescales") == 0 ||
			     strcmp(rt->action, "change_security_settings") == 0 ||
			     strcmp(rt->action, "change_session_schedule") == 0;
	if (writes_config)
		pthread_rwlock_wrlock(&app->config_lock);
	else
		pthread_rwlock_rdlock(&app->config_lock);
	page_prepare(rt, req);
	rt->handler(app, req, res);
	pthread_rwlock_unlock(&app->config_lock);
	if (req->rule->audit != AUDIT_NONE && res->status < 400 && !req->who->audited) {
		/* A look is recorded before the answer leaves: if it cannot be
		 * recorded, the answer is withheld. */
		if (audit_request_now(app, req, NULL, &e) != 0) {
			http_response_free(res);
			http_response_init(res);
			respond_err(res, &e);
		}
	}
done:
	if (page_wanted(rt, req))
		page_finish(app, rt, req, res);
	principal_free(req->who);
	if (mine) {
		free(mine);
		req->who = NULL;
	}
}

void guard_visibility(const struct principal *who, struct case_visibility *see)
{
	struct list_scope s = access_list_scope(who->roles);
	memset(see, 0, sizeof *see);
	see->all = s.all;
	see->coordinator = s.allocated ? who->user_id : NULL;
	see->referrer = s.referred ? who->user_id : NULL;
	see->team = s.team && who->team_id[0] ? who->team_id : NULL;
}
