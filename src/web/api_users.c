/* api_users.c — the staff directory, and an administrator's management
 * of accounts and teams (the rules themselves are in accounts/accounts.c). */
#include "api.h"
#include "action.h"
#include "audit_log.h"
#include "auth.h"
#include "../accounts/accounts.h"
#include "../domain/access.h"
#include "../domain/datetime.h"
#include "../domain/vocab.h"
#include "../store/user_store.h"

#include <stdio.h>
#include <string.h>

int handle_users(struct app *app, const struct request *req, struct response *res)
{
	const char *role = http_query(req, "role");
	bool all = false;
	for (int i = 0; i < req->nquery; i++)
		if (strcmp(req->query[i].key, "role") != 0 && strcmp(req->query[i].key, "all") != 0) {
			http_error(res, 422, req->query[i].key, "The staff list can only be filtered by role, or all=true");
			return 0;
		}
	if (role && !role_bit(role)) {
		http_error(res, 422, "role", "Choose a role: coordinator, referrer, team_manager, service_manager or administrator");
		return 0;
	}
	const char *all_s = http_query(req, "all");
	if (all_s) {
		if (strcmp(all_s, "true") != 0 && strcmp(all_s, "false") != 0) {
			http_error(res, 422, "all", "Use all=true or all=false");
			return 0;
		}
		all = strcmp(all_s, "true") == 0;
	}
	/* Disabled accounts are the administrator's business only. */
	bool admin = (req->who->roles & ROLE_ADMINISTRATOR) != 0;
	if (all && !admin) {
		http_error(res, 403, "all", "Only an administrator can list disabled accounts.");
		return 0;
	}
	struct err e = {0};
	json_t *list;
	struct db *db = db_pool_get(app->pool);
	int rc = user_list(db, role, all, &list, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
		return 0;
	}
	json_t *v = json_pack("{s:o}", "users", list);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}

static void answer_user(struct app *app, struct response *res, const char *id, int status,
			const char *password)
{
	struct err e = {0};
	json_t *u = NULL;
	struct db *db = db_pool_get(app->pool);
	int rc = user_get(db, id, &u, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
		return;
	}
	if (!u) {
		http_error(res, 404, NULL, "There is no account with that reference.");
		return;
	}
	if (password) {
		json_object_set_new(u, "one_time_password", json_string(password));
		json_object_set_new(u, "next", json_string(
			"Give this password to the person privately. It is shown only once; they can change it after signing in."));
	}
	http_json(res, status, u);
	json_decref(u);
}

int handle_user_get(struct app *app, const struct request *req, struct response *res)
{
	const char *id = http_param(req, "id");
	if (!form_is_id(id))
		http_error(res, 404, NULL, "There is no account with that reference.");
	else
		answer_user(app, res, id, 200, NULL);
	return 0;
}

/* An account's fields as the administrator's form sends them (formdata.h);
 * account_check() checks them, as it does the API's JSON. */
static const struct field_spec ACCOUNT_FORM[] = {
	{"name", F_STRING, false, "the person's name"},
	{"email", F_STRING, false, "their work email address"},
	{"team_id", F_ID, false, "their team"},
	{"roles", F_CODES, false, "their roles", .vocab = VOCAB_ROLE},
	{"active", F_BOOL, false, "whether the account may sign in"},
	{NULL}};

struct account_op {
	const struct request *req;
	struct response *res;
	json_t *in;
	const char *id;
	char new_id[33];
	char password[ACCOUNT_PASSWORD_CHARS + 1];
	bool done;
	struct err e;
};

static int add_tx(struct db *db, struct account_op *op)
{
	json_t *errors = json_array();
	char now[21];
	dt_format_utc(op->req->now, now);
	int n = account_check(db, op->in, NULL, errors, &op->e);
	if (n < 0) {
		json_decref(errors);
		return -1;
	}
	if (n > 0) {
		http_errors(op->res, 422, errors);
		return 0;
	}
	json_decref(errors);
	if (account_add(db, op->in, now, op->new_id, op->password, &op->e) != 0 ||
	    audit_request(db, op->req, &(struct audit_what){.object_id = op->new_id}, &op->e) != 0)
		return -1;
	op->done = true;
	return 0;
}

int handle_user_add(struct app *app, const struct request *req, struct response *res)
{
	struct account_op op = {.req = req, .res = res};
	if (body_read(req, res, ACCOUNT_FORM, &op.in, NULL) != 0)
		return 0;
	WITH_TX(app, res, op.e, add_tx(db, &op));
	if (op.done)
		answer_user(app, res, op.new_id, 201, op.password);
	json_decref(op.in);
	return 0;
}

/* The account being changed into *out (release it); 0 with a 404 answered
 * when there is none. */
static int account_of(struct db *db, struct account_op *op, json_t **out)
{
	if (user_get(db, op->id, out, &op->e) != 0)
		return -1;
	if (!*out)
		http_error(op->res, 404, NULL, "There is no account with that reference.");
	return *out ? 1 : 0;
}

static int exists(struct db *db, struct account_op *op)
{
	json_t *u;
	int found = account_of(db, op, &u);
	json_decref(u);
	return found;
}

static int change_tx(struct db *db, struct account_op *op)
{
	json_t *u;
	int found = account_of(db, op, &u);
	if (found <= 0)
		return found;
	/* The email address is how a person signs in: it stays as it is. */
	json_object_set(op->in, "email", json_object_get(u, "email"));
	json_decref(u);
	if (strcmp(op->id, op->req->who->user_id) == 0 && form_has(op->in, "active") && !form_bool(op->in, "active")) {
		http_error(op->res, 422, "active", "You cannot disable your own account");
		return 0;
	}
	/* Nor take away their own administration: the service could be left
	 * with nobody able to manage accounts. */
	if (strcmp(op->id, op->req->who->user_id) == 0 && json_is_array(json_object_get(op->in, "roles"))) {
		bool keeps = false;
		size_t k;
		json_t *r;
		json_array_foreach(json_object_get(op->in, "roles"), k, r)
			keeps = keeps || (json_is_string(r) && strcmp(json_string_value(r), "administrator") == 0);
		if (!keeps) {
			http_error(op->res, 422, "roles", "You cannot remove your own administrator role: ask another administrator");
			return 0;
		}
	}
	json_t *errors = json_array();
	char now[21];
	dt_format_utc(op->req->now, now);
	int n = account_check(db, op->in, op->id, errors, &op->e);
	if (n != 0) {
		if (n > 0)
			http_errors(op->res, 422, errors);
		else
			json_decref(errors);
		return n < 0 ? -1 : 0;
	}
	json_decref(errors);
	if (account_change(db, op->id, op->in, now, &op->e) != 0 ||
	    audit_request(db, op->req, NULL, &op->e) != 0)
		return -1;
	op->done = true;
	return 0;
}

int handle_user_change(struct app *app, const struct request *req, struct response *res)
{
	struct account_op op = {.req = req, .res = res, .id = http_param(req, "id")};
	if (!form_is_id(op.id)) {
		http_error(res, 404, NULL, "There is no account with that reference.");
		return 0;
	}
	if (body_read(req, res, ACCOUNT_FORM, &op.in, NULL) != 0)
		return 0;
	if (form_has(op.in, "email")) {
		http_error(res, 422, "email", "An account's email address cannot be changed: add a new account instead");
		json_decref(op.in);
		return 0;
	}
	WITH_TX(app, res, op.e, change_tx(db, &op));
	if (op.done)
		answer_user(app, res, op.id, 200, NULL);
	json_decref(op.in);
	return 0;
}

static const struct field_spec RESET[] = {
	{"second_factor", F_BOOL, false, "whether to remove their authenticator app too"},
	{NULL}};

static int reset_tx(struct db *db, struct account_op *op)
{
	int found = exists(db, op);
	if (found <= 0)
		return found;
	char now[21];
	dt_format_utc(op->req->now, now);
	if (account_reset(db, op->id, form_bool(op->in, "second_factor"), now, op->password, &op->e) != 0 ||
	    audit_request(db, op->req, NULL, &op->e) != 0)
		return -1;
	op->done = true;
	return 0;
}

int handle_password_reset(struct app *app, const struct request *req, struct response *res)
{
	struct account_op op = {.req = req, .res = res, .id = http_param(req, "id")};
	if (!form_is_id(op.id)) {
		http_error(res, 404, NULL, "There is no account with that reference.");
		return 0;
	}
	if (body_checked(req, res, RESET, &op.in) != 0)
		return 0;
	WITH_TX(app, res, op.e, reset_tx(db, &op));
	if (op.done)
		answer_user(app, res, op.id, 200, op.password);
	json_decref(op.in);
	return 0;
}

int handle_teams(struct app *app, const struct request *req, struct response *res)
{
	(void)req;
	struct err e = {0};
	json_t *list;
	struct db *db = db_pool_get(app->pool);
	int rc = team_list(db, &list, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
		return 0;
	}
	json_t *v = json_pack("{s:o}", "teams", list);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}

static const struct field_spec TEAM[] = {{"name", F_STRING, true, "the team's name", 100}, {NULL}};

static int team_tx(struct db *db, struct account_op *op)
{
	char now[21];
	dt_format_utc(op->req->now, now);
	json_t *teams;
	if (team_list(db, &teams, &op->e) != 0)
		return -1;
	size_t i;
	json_t *t;
	json_array_foreach(teams, i, t) if (strcmp(json_string_value(json_object_get(t, "name")),
						   form_str(op->in, "name")) == 0) {
		json_decref(teams);
		http_error(op->res, 422, "name", "There is already a team with this name");
		return 0;
	}
	json_decref(teams);
	if (team_insert(db, form_str(op->in, "name"), now, op->new_id, &op->e) != 0 ||
	    audit_request(db, op->req, &(struct audit_what){.object_id = op->new_id}, &op->e) != 0)
		return -1;
	op->done = true;
	return 0;
}

int handle_team_add(struct app *app, const struct request *req, struct response *res)
{
	struct account_op op = {.req = req, .res = res};
	if (body_checked(req, res, TEAM, &op.in) != 0)
		return 0;
	WITH_TX(app, res, op.e, team_tx(db, &op));
	if (op.done) {
		json_t *v = json_pack("{s:s,s:s,s:i}", "id", op.new_id, "name", form_str(op.in, "name"), "members", 0);
		http_json(res, 201, v);
		json_decref(v);
	}
	json_decref(op.in);
	return 0;
}
