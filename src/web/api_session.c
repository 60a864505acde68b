/* api_session.c — signing in and out: password, then the second factor
 * (TOTP), enrolling an authenticator app, your own sessions and password.
 *
 * A session starts at the password. If the person has an authenticator
 * app, the session waits for its code ("code"); if the service requires
 * one and they have none yet, it waits for them to enrol ("enrol"). Until
 * then it reaches nothing personal (domain/access.c: ACCESS_SIGN_IN). Each
 * step up gets a new token, so a token seen before sign-in is worthless
 * after it. */
#include "api.h"
#include "action.h"
#include "audit_log.h"
#include "auth.h"
#include "config.h"
#include "../domain/access.h"
#include "../domain/datetime.h"
#include "../domain/throttle.h"
#include "../security/password.h"
#include "../security/qr_svg.h"
#include "../security/totp.h"
#include "../store/session_store.h"
#include "../store/user_store.h"
#include "../util/ids.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ISSUER "hearth"

static const char WRONG_DETAILS[] =
	"The email address or password is not right. Check them and try again.";

static void account_key(const char *email, char *out, size_t n)
{
	snprintf(out, n, "account:");
	size_t k = strlen(out);
	for (const char *p = email; *p && k + 1 < n; p++)
		out[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	out[k] = '\0';
}

/* Whether attempts under `key` are paused; *until gets when they resume. */
static int throttled(struct db *db, const char *key, long limit, int64_t now, int64_t *until,
		     struct err *e)
{
	char since[21], oldest[32];
	long n;
	int64_t t = 0;
	dt_format_utc(now - THROTTLE_WINDOW, since);
	if (failure_count(db, key, since, &n, oldest, e) != 0)
		return -1;
	if (oldest[0])
		dt_parse_datetime(oldest, &t);
	*until = throttle_until(n, t, limit, now);
	return 0;
}

static void answer_throttled(struct response *res, bool account, int64_t until, int64_t now)
{
	static __thread char retry[24];
	char msg[400];
	throttle_message(account, until, now, msg, sizeof msg);
	snprintf(retry, sizeof retry, "%lld", (long long)(until - now));
	http_header(res, "Retry-After", retry);
	http_error(res, 429, NULL, msg);
}

/* What the person sees of their session. */
static json_t *session_json(struct app *app, const struct user_auth *u, unsigned role_bits,
			    const char *state, const char *csrf, bool signed_in)
{
	json_t *roles = json_array();
	for (unsigned b = 1; b <= ROLE_ADMINISTRATOR; b <<= 1)
		if (role_bits & b)
			json_array_append_new(roles, json_string(role_code(b)));
	return json_pack("{s:{s:s,s:s,s:s,s:o,s:s?},s:b,s:s,s:s,s:b,s:i,s:i}", "user", "id", u->id, "name",
			 u->name, "email", u->email, "roles", roles, "team_id", u->team_id, "signed_in",
			 signed_in, "second_factor", state, "csrf_token", csrf, "has_authenticator",
			 u->totp_secret != NULL, "idle_minutes", app->security.idle_minutes,
			 "absolute_hours", app->security.absolute_hours);
}

struct sign_in {
	struct app *app;
	const struct request *req;
	struct response *res;
	const json_t *in;
	struct err e;
	json_t *view;
	char token[TOKEN_CHARS + 1];
};

static int record_failure(struct db *db, const struct request *req, const char *akey, const char *user_id,
			  struct err *e)
{
	char now[21], addr_key[80];
	dt_format_utc(req->now, now);
	snprintf(addr_key, sizeof addr_key, "address:%s", req->address);
	struct audit_what w = {.user_id = user_id, .object_id = NULL, .outcome = "failed", .no_fields = true};
	return failure_add(db, akey, now, e) || failure_add(db, addr_key, now, e) ||
	       audit_request(db, req, &w, e) ? -1 : 0;
}

static int sign_in_tx(struct db *db, struct sign_in *s)
{
	const struct request *req = s->req;
	struct app *app = s->app;
	const char *email = form_str(s->in, "email"), *password = form_str(s->in, "password");
	char akey[300], addr_key[80];
	int64_t until_a, until_b;
	account_key(email, akey, sizeof akey);
	snprintf(addr_key, sizeof addr_key, "address:%s", req->address);
	if (throttled(db, akey, THROTTLE_ACCOUNT_LIMIT, req->now, &until_a, &s->e) != 0 ||
	    throttled(db, addr_key, THROTTLE_ADDRESS_LIMIT, req->now, &until_b, &s->e) != 0)
		return -1;
	if (until_a || until_b) {
		/* On the account's own trail, when there is such an account. */
		struct user_auth known;
		bool found;
		if (user_auth_by_email(db, email, &known, &found, &s->e) != 0)
			return -1;
		struct audit_what w = {.user_id = found ? known.id : NULL, .outcome = "refused", .no_fields = true};
		int rc = audit_request(db, req, &w, &s->e);
		if (found)
			user_auth_free(&known);
		if (rc != 0)
			return -1;
		answer_throttled(s->res, until_a != 0, until_a ? until_a : until_b, req->now);
		return 0; /* committed: the refusal is on record */
	}
	struct user_auth u;
	bool found;
	if (user_auth_by_email(db, email, &u, &found, &s->e) != 0)
		return -1;
	/* Unknown, disabled and wrong all cost one Argon2id check and read the same. */
	bool ok = password_verify(found ? u.password_hash : NULL, password) && found && u.active;
	if (!ok) {
		int rc = record_failure(db, req, akey, found ? u.id : NULL, &s->e);
		if (found)
			user_auth_free(&u);
		if (rc != 0)
			return -1;
		int64_t until;
		if (throttled(db, akey, THROTTLE_ACCOUNT_LIMIT, req->now, &until, &s->e) != 0)
			return -1;
		if (until)
			answer_throttled(s->res, true, until, req->now);
		else
			http_error(s->res, 401, NULL, WRONG_DETAILS);
		return 0;
	}
	const char *state = u.totp_secret ? "code" : app->security.second_factor_required ? "enrol" : "done";
	char id[33], hash[TOKEN_HASH_CHARS + 1], csrf[TOKEN_CHARS + 1], now[21];
	ids_new(id);
	token_new(s->token);
	token_new(csrf);
	token_hash(s->token, hash);
	dt_format_utc(req->now, now);
	struct principal *who = req->who;
	bool ended;
	/* With a code still to come, wrong codes so far keep counting. */
	int rc = strcmp(state, "code") == 0 ? 0 : failure_clear(db, akey, &s->e);
	/* A session the browser already had is replaced, never reused. */
	if (rc == 0 && who->via == VIA_SESSION)
		rc = session_end(db, who->session_id, who->user_id, "replaced", now, &ended, &s->e);
	if (rc == 0)
		rc = session_insert(db, id, hash, u.id, csrf, state, now, req->address,
				    req->user_agent ? req->user_agent : "", &s->e);
	if (rc == 0) {
		snprintf(who->audit_session, sizeof who->audit_session, "%s", hash);
		struct audit_what w = {.user_id = u.id, .object_id = id, .no_fields = true};
		rc = audit_request(db, req, &w, &s->e);
	}
	if (rc == 0)
		s->view = session_json(app, &u, auth_roles(u.roles), state, csrf, strcmp(state, "done") == 0);
	user_auth_free(&u);
	return rc;
}

static const struct field_spec SIGN_IN[] = {
	{"email", F_STRING, true, "your email address", 320},
	{"password", F_STRING, true, "your password", 1000},
	{NULL}};

int handle_sign_in(struct app *app, const struct request *req, struct response *res)
{
	json_t *in;
	if (body_checked(req, res, SIGN_IN, &in) != 0)
		return 0;
	struct sign_in s = {.app = app, .req = req, .res = res, .in = in};
	WITH_TX(app, res, s.e, sign_in_tx(db, &s));
	if (s.view) {
		auth_set_cookie(app, res, s.token);
		http_json(res, 201, s.view);
		json_decref(s.view);
	}
	json_decref(in);
	return 0;
}

/* The signed-in person's own record; answers 500 itself on failure. */
static int me(struct app *app, const struct request *req, struct response *res, struct user_auth *u)
{
	struct err e = {0};
	bool found;
	struct db *db = db_pool_get(app->pool);
	int rc = user_auth_by_id(db, req->who->user_id, u, &found, &e);
	db_pool_put(app->pool, db);
	if (rc == 0 && !found)
		rc = err_set(&e, ERR_INTERNAL, NULL, "The signed-in user has gone.");
	if (rc != 0)
		respond_err(res, &e);
	return rc;
}

int handle_session_get(struct app *app, const struct request *req, struct response *res)
{
	struct user_auth u;
	if (me(app, req, res, &u) != 0)
		return 0;
	/* An API token shows the roles it may use, not all of its account's. */
	json_t *v = session_json(app, &u, req->who->roles,
				 req->who->via == VIA_TOKEN ? "done" : req->who->second_factor, req->who->csrf,
				 req->who->signed_in);
	json_object_set_new(v, "via", json_string(req->who->via == VIA_TOKEN ? "api_token" : "session"));
	http_json(res, 200, v);
	json_decref(v);
	user_auth_free(&u);
	return 0;
}

static int sign_out_tx(struct db *db, const struct request *req, struct err *e)
{
	char now[21];
	bool ended;
	dt_format_utc(req->now, now);
	return session_end(db, req->who->session_id, req->who->user_id, "signed_out", now, &ended, e) ||
	       audit_request(db, req, &(struct audit_what){.object_id = req->who->session_id}, e) ? -1 : 0;
}

int handle_sign_out(struct app *app, const struct request *req, struct response *res)
{
	if (req->who->via != VIA_SESSION) {
		http_error(res, 409, NULL, "An API token cannot sign out: revoke it instead.");
		return 0;
	}
	struct err e = {0};
	WITH_TX(app, res, e, sign_out_tx(db, req, &e));
	if (e.kind == ERR_NONE) {
		auth_set_cookie(app, res, NULL);
		json_t *v = json_pack("{s:b}", "signed_out", 1);
		http_json(res, 200, v);
		json_decref(v);
	}
	return 0;
}

/* Steps the session up to fully signed in, under a new token. */
static int step_up(struct db *db, const struct request *req, char token[TOKEN_CHARS + 1], struct err *e)
{
	char hash[TOKEN_HASH_CHARS + 1];
	token_new(token);
	token_hash(token, hash);
	if (session_rotate(db, req->who->session_id, hash, "done", e) != 0)
		return -1;
	snprintf(req->who->audit_session, sizeof req->who->audit_session, "%s", hash);
	return 0;
}

struct code_step {
	const struct request *req;
	struct response *res;
	const char *code;
	bool enrolling; /* checking against the secret being enrolled */
	bool done;
	char token[TOKEN_CHARS + 1];
	struct err e;
};

static int code_tx(struct db *db, struct code_step *c)
{
	const struct request *req = c->req;
	struct user_auth u;
	bool found;
	if (user_auth_by_id(db, req->who->user_id, &u, &found, &c->e) != 0)
		return -1;
	if (!found)
		return err_set(&c->e, ERR_INTERNAL, NULL, "The signed-in user has gone.");
	char akey[300];
	int64_t until;
	account_key(u.email, akey, sizeof akey);
	int rc = throttled(db, akey, THROTTLE_ACCOUNT_LIMIT, req->now, &until, &c->e);
	const char *secret = c->enrolling ? u.totp_pending : u.totp_secret;
	if (rc == 0 && until) {
		answer_throttled(c->res, true, until, req->now);
	} else if (rc == 0 && !secret) {
		http_error(c->res, 409, NULL, c->enrolling ? "Start setting up your authenticator app first."
							   : "There is no authenticator app set up for this account.");
	} else if (rc == 0) {
		int64_t step = totp_check(secret, c->code, req->now, c->enrolling ? 0 : u.totp_last_step);
		if (step == TOTP_REUSED) {
			http_error(c->res, 401, "code", "That code has already been used. Wait for your app to show a new one, then enter it");
		} else if (step < 0) {
			rc = record_failure(db, req, akey, u.id, &c->e);
			if (rc == 0)
				http_error(c->res, 401, "code", "The code is not right. Enter the 6-digit code your app shows now; if it keeps failing, check your phone sets its time automatically");
		} else {
			bool stepping = strcmp(req->who->second_factor, "done") != 0;
			rc = (c->enrolling ? user_set_totp(db, u.id, secret, step, &c->e)
					   : user_set_totp_step(db, u.id, step, &c->e)) ||
			     failure_clear(db, akey, &c->e) || (stepping && step_up(db, req, c->token, &c->e)) ||
			     audit_request(db, req, &(struct audit_what){.object_id = u.id, .no_fields = true}, &c->e);
			c->done = rc == 0;
		}
	}
	user_auth_free(&u);
	return rc;
}

static const struct field_spec CODE[] = {
	{"code", F_STRING, true, "the 6-digit code from your authenticator app", 20},
	{NULL}};

static void run_code(struct app *app, const struct request *req, struct response *res, bool enrolling)
{
	json_t *in;
	if (body_checked(req, res, CODE, &in) != 0)
		return;
	struct code_step c = {.req = req, .res = res, .code = form_str(in, "code"), .enrolling = enrolling};
	WITH_TX(app, res, c.e, code_tx(db, &c));
	if (c.done) {
		if (c.token[0])
			auth_set_cookie(app, res, c.token);
		req->who->signed_in = true;
		snprintf(req->who->second_factor, sizeof req->who->second_factor, "done");
		handle_session_get(app, req, res);
	}
	json_decref(in);
}

int handle_second_factor(struct app *app, const struct request *req, struct response *res)
{
	if (req->who->via != VIA_SESSION || strcmp(req->who->second_factor, "code") != 0) {
		http_error(res, 409, NULL, "This session is not waiting for a code.");
		return 0;
	}
	run_code(app, req, res, false);
	return 0;
}

static int enrol_tx(struct db *db, const struct request *req, const char *secret, struct err *e)
{
	return user_set_totp_pending(db, req->who->user_id, secret, e) ||
	       audit_request(db, req, &(struct audit_what){.object_id = req->who->user_id}, e) ? -1 : 0;
}

/* Someone partway through signing in may enrol only if that is what they
 * are waiting to do; the code step must not be skipped by enrolling anew. */
static bool may_enrol(const struct request *req, struct response *res)
{
	if (req->who->via != VIA_SESSION) {
		http_error(res, 409, NULL, "Set up an authenticator app from a signed-in browser, not with an API token.");
		return false;
	}
	if (!req->who->signed_in && strcmp(req->who->second_factor, "enrol") != 0) {
		http_error(res, 401, NULL, "Finish signing in: enter the 6-digit code from your authenticator app.");
		return false;
	}
	return true;
}

int handle_enrolment_start(struct app *app, const struct request *req, struct response *res)
{
	if (!may_enrol(req, res))
		return 0;
	if (req->body_len && strspn(req->body, " \t\r\n") != req->body_len) {
		static const struct field_spec NONE[] = {{NULL}};
		json_t *in;
		if (body_checked(req, res, NONE, &in) != 0)
			return 0;
		json_decref(in);
	}
	struct user_auth u;
	if (me(app, req, res, &u) != 0)
		return 0;
	char secret[TOTP_SECRET_CHARS + 1];
	totp_new_secret(secret);
	struct err e = {0};
	WITH_TX(app, res, e, enrol_tx(db, req, secret, &e));
	if (e.kind == ERR_NONE) {
		struct buf uri, svg;
		buf_init(&uri);
		buf_init(&svg);
		totp_uri(secret, ISSUER, u.email, &uri);
		qr_svg(uri.data, "QR code to scan with your authenticator app", &svg);
		json_t *v = json_pack("{s:s,s:s,s:s,s:s}", "secret", secret, "otpauth_uri", uri.data, "qr_svg",
				      svg.data ? svg.data : "", "next",
				      "Scan the QR code with your authenticator app (or type the key), then enter the 6-digit code it shows.");
		http_json(res, 201, v);
		json_decref(v);
		buf_free(&uri);
		buf_free(&svg);
	}
	user_auth_free(&u);
	return 0;
}

int handle_enrolment_confirm(struct app *app, const struct request *req, struct response *res)
{
	if (may_enrol(req, res))
		run_code(app, req, res, true);
	return 0;
}

int handle_own_sessions(struct app *app, const struct request *req, struct response *res)
{
	struct err e = {0};
	json_t *list;
	struct db *db = db_pool_get(app->pool);
	char idle_since[21], started_since[21];
	dt_format_utc(req->now - (int64_t)app->security.idle_minutes * 60, idle_since);
	dt_format_utc(req->now - (int64_t)app->security.absolute_hours * 3600, started_since);
	int rc = session_list(db, req->who->user_id, idle_since, started_since, &list, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
		return 0;
	}
	size_t i;
	json_t *s;
	json_array_foreach(list, i, s) json_object_set_new(
		s, "current", json_boolean(strcmp(json_string_value(json_object_get(s, "id")), req->who->session_id) == 0));
	json_t *v = json_pack("{s:o}", "sessions", list);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}

static int end_own_tx(struct db *db, const struct request *req, bool *ended, struct err *e)
{
	char now[21];
	dt_format_utc(req->now, now);
	if (session_end(db, http_param(req, "id"), req->who->user_id, "ended_by_user", now, ended, e) != 0)
		return -1;
	return *ended ? audit_request(db, req, NULL, e) : 0;
}

int handle_end_own_session(struct app *app, const struct request *req, struct response *res)
{
	struct err e = {0};
	bool ended = false;
	if (!form_is_id(http_param(req, "id"))) {
		http_error(res, 404, NULL, "You have no open session with that reference.");
		return 0;
	}
	WITH_TX(app, res, e, end_own_tx(db, req, &ended, &e));
	if (e.kind != ERR_NONE)
		return 0;
	if (!ended) {
		http_error(res, 404, NULL, "You have no open session with that reference.");
		return 0;
	}
	if (strcmp(http_param(req, "id"), req->who->session_id) == 0)
		auth_set_cookie(app, res, NULL);
	json_t *v = json_pack("{s:b}", "ended", 1);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}

static const struct field_spec CHANGE_PASSWORD[] = {
	{"current_password", F_STRING, true, "your current password", 1000},
	{"new_password", F_STRING, true, "a new password", 1000},
	{NULL}};

struct password_change {
	const struct request *req;
	struct response *res;
	const json_t *in;
	bool done;
	struct err e;
};

static int password_tx(struct db *db, struct password_change *p)
{
	const struct request *req = p->req;
	struct user_auth u;
	bool found;
	if (user_auth_by_id(db, req->who->user_id, &u, &found, &p->e) != 0)
		return -1;
	if (!found)
		return err_set(&p->e, ERR_INTERNAL, NULL, "The signed-in user has gone.");
	char akey[300], now[21], hash[PASSWORD_HASH_MAX];
	int64_t until;
	int rc;
	account_key(u.email, akey, sizeof akey);
	dt_format_utc(req->now, now);
	const char *fresh = form_str(p->in, "new_password");
	const char *problem = password_problem(fresh, u.email, u.name);
	if ((rc = throttled(db, akey, THROTTLE_ACCOUNT_LIMIT, req->now, &until, &p->e)) != 0) {
	} else if (until) {
		answer_throttled(p->res, true, until, req->now);
	} else if (!password_verify(u.password_hash, form_str(p->in, "current_password"))) {
		rc = record_failure(db, req, akey, u.id, &p->e);
		if (rc == 0)
			http_error(p->res, 422, "current_password", "Your current password is not right");
	} else if (problem) {
		http_error(p->res, 422, "new_password", problem);
	} else if (password_hash(fresh, hash) != 0) {
		rc = err_set(&p->e, ERR_INTERNAL, NULL, "Out of memory while hashing a password.");
	} else {
		/* Anyone else holding a session of this account is put out. */
		rc = user_set_password(db, u.id, hash, now, &p->e) ||
		     session_end_all(db, u.id, req->who->session_id, "password_changed", now, &p->e) ||
		     audit_request(db, req, &(struct audit_what){.object_id = u.id, .no_fields = true}, &p->e);
		p->done = rc == 0;
	}
	user_auth_free(&u);
	return rc;
}

int handle_change_own_password(struct app *app, const struct request *req, struct response *res)
{
	json_t *in;
	if (body_checked(req, res, CHANGE_PASSWORD, &in) != 0)
		return 0;
	struct password_change p = {.req = req, .res = res, .in = in};
	WITH_TX(app, res, p.e, password_tx(db, &p));
	if (p.done) {
		json_t *v = json_pack("{s:b}", "changed", 1);
		http_json(res, 200, v);
		json_decref(v);
	}
	json_decref(in);
	return 0;
}
