/* api_tokens.c — API tokens for integrations: created by an administrator
 * for an account, limited to some of its roles, shown once, stored only as
 * a hash, revocable by an administrator or the account's owner. */
#include "api.h"
#include "action.h"
#include "audit_log.h"
#include "auth.h"
#include "../domain/access.h"
#include "../domain/datetime.h"
#include "../store/token_store.h"
#include "../store/user_store.h"
#include "../util/ids.h"

#include <stdio.h>
#include <string.h>

int handle_tokens(struct app *app, const struct request *req, struct response *res)
{
	bool admin = (req->who->roles & ROLE_ADMINISTRATOR) != 0;
	struct err e = {0};
	json_t *list;
	struct db *db = db_pool_get(app->pool);
	int rc = apitoken_list(db, admin ? NULL : req->who->user_id, &list, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
		return 0;
	}
	json_t *v = json_pack("{s:o}", "tokens", list);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}

static const struct field_spec TOKEN[] = {
	{"user_id", F_ID, true, "the account the token acts as"},
	{"name", F_STRING, true, "what the token is for, like \"Liquidlogic case sync\"", 100},
	{"roles", F_STRING, true, "the roles the token may use, separated by spaces", 120},
	{NULL}};

struct token_op {
	const struct request *req;
	struct response *res;
	const json_t *in;
	char id[33], token[TOKEN_CHARS + 1];
	bool done;
	struct err e;
};

static int create_tx(struct db *db, struct token_op *op)
{
	const json_t *in = op->in;
	struct user_auth u;
	bool found;
	if (user_auth_by_id(db, form_str(in, "user_id"), &u, &found, &op->e) != 0)
		return -1;
	if (!found || !u.active) {
		if (found)
			user_auth_free(&u);
		http_error(op->res, 422, "user_id", "Choose an active account");
		return 0;
	}
	long want = role_bits(form_str(in, "roles"));
	unsigned has = auth_roles(u.roles);
	user_auth_free(&u);
	if (want <= 0 || ((unsigned)want & ~has)) {
		http_error(op->res, 422, "roles", "Choose roles the account holds, separated by spaces");
		return 0;
	}
	char hash[TOKEN_HASH_CHARS + 1], now[21];
	ids_new(op->id);
	token_new(op->token);
	token_hash(op->token, hash);
	dt_format_utc(op->req->now, now);
	if (apitoken_insert(db, op->id, hash, form_str(in, "user_id"), form_str(in, "name"),
			    form_str(in, "roles"), op->req->who->user_id, now, &op->e) != 0 ||
	    audit_request(db, op->req, &(struct audit_what){.object_id = op->id}, &op->e) != 0)
		return -1;
	op->done = true;
	return 0;
}

int handle_token_create(struct app *app, const struct request *req, struct response *res)
{
	json_t *in;
	if (body_checked(req, res, TOKEN, &in) != 0)
		return 0;
	struct token_op op = {.req = req, .res = res, .in = in};
	WITH_TX(app, res, op.e, create_tx(db, &op));
	if (op.done) {
		json_t *v = json_pack("{s:s,s:s,s:s,s:s}", "id", op.id, "token", op.token, "name",
				      form_str(in, "name"), "next",
				      "Copy the token now: it is shown only once. Send it as \"Authorization: Bearer <token>\".");
		http_json(res, 201, v);
		json_decref(v);
	}
	json_decref(in);
	return 0;
}

static int revoke_tx(struct db *db, const struct request *req, bool *done, struct err *e)
{
	char now[21];
	dt_format_utc(req->now, now);
	bool admin = (req->who->roles & ROLE_ADMINISTRATOR) != 0;
	if (apitoken_revoke(db, http_param(req, "id"), admin ? NULL : req->who->user_id, now, done, e) != 0)
		return -1;
	return *done ? audit_request(db, req, NULL, e) : 0;
}

int handle_token_revoke(struct app *app, const struct request *req, struct response *res)
{
	struct err e = {0};
	bool done = false;
	if (form_is_id(http_param(req, "id")))
		WITH_TX(app, res, e, revoke_tx(db, req, &done, &e));
	if (e.kind != ERR_NONE)
		return 0;
	if (!done) {
		http_error(res, 404, NULL, "There is no token of yours with that reference (it may already be revoked).");
		return 0;
	}
	json_t *v = json_pack("{s:b}", "revoked", 1);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}
