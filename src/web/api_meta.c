/* api_meta.c — everything that is not a case: the front page, the health
 * check, the OpenAPI document, and the settings (timescales, security). */
#include "api.h"
#include "audit_log.h"
#include "action.h"
#include "auth.h"
#include "../domain/access.h"
#include "config.h"
#include "../store/settings_store.h"
#include "../store/user_store.h"
#include "../util/embedded.h"

#include <stdlib.h>
#include <string.h>

/* The front door: where each person starts their day. */
int handle_home(struct app *app, const struct request *req, struct response *res)
{
	(void)app;
	const struct principal *who = req->who;
	const char *to = "/sign-in";
	if (who->via == VIA_SESSION && !who->signed_in)
		to = strcmp(who->second_factor, "enrol") == 0 ? "/sign-in/set-up-app" : "/sign-in/code";
	else if (who->signed_in && (who->roles & ROLE_CASEWORK))
		to = "/dashboard";
	else if (who->signed_in && (who->roles & ROLE_REFERRER))
		to = "/cases";
	else if (who->signed_in && (who->roles & ROLE_ADMINISTRATOR))
		to = "/users";
	res->status = 303;
	res->content_type = "text/plain; charset=utf-8";
	http_header(res, "Location", to);
	buf_printf(&res->body, "See %s\n", to);
	return 0;
}

/* A page whose form needs nothing but the page itself (sign-in, booking). */
int handle_form_page(struct app *app, const struct request *req, struct response *res)
{
	(void)app, (void)req;
	json_t *v = json_object();
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}

int handle_health(struct app *app, const struct request *req, struct response *res)
{
	(void)req;
	struct err e = {0};
	long n;
	struct db *db = db_pool_get(app->pool);
	int rc = user_count(db, &n, &e);
	db_pool_put(app->pool, db);
	json_t *v = json_pack("{s:s,s:s}", "status", rc == 0 ? "ok" : "failing", "database", rc == 0 ? "ok" : "unreachable");
	http_json(res, rc == 0 ? 200 : 503, v);
	json_decref(v);
	return 0;
}

int handle_openapi(struct app *app, const struct request *req, struct response *res)
{
	(void)app, (void)req;
	const struct embedded_file *f = embedded_find("openapi.json");
	res->content_type = "application/json; charset=utf-8";
	buf_append(&res->body, f->data, f->len);
	return 0;
}

/* Stores a setting with its audit record, then reloads the configuration.
 * The caller holds the config lock for writing (guard.c). Answers errors. */
static int settings_save(struct app *app, const struct request *req, struct response *res,
			 const char *key, const json_t *value)
{
	char *text = json_dumps(value, JSON_COMPACT | JSON_SORT_KEYS);
	struct err e = {0};
	struct db *db = db_pool_get(app->pool);
	int rc = db_begin(db, &e);
	if (rc == 0 && (settings_put(db, key, text, &e) != 0 || audit_request(db, req, NULL, &e) != 0 ||
			db_commit(db, &e) != 0)) {
		db_rollback(db);
		rc = -1;
	}
	if (rc == 0)
		rc = app_load_config(app, db, &e);
	db_pool_put(app->pool, db);
	free(text);
	if (rc != 0)
		respond_err(res, &e);
	return rc;
}

static json_t *timescales_view(const struct app *app)
{
	json_t *v = policy_to_json(&app->policy);
	json_object_set_new(v, "bank_holidays", json_pack("{s:s,s:i,s:i}", "nation", nation_name(app->cal.nation),
							  "first_year", app->cal.first_year, "last_year", app->cal.last_year));
	return v;
}

int handle_timescales_get(struct app *app, const struct request *req, struct response *res)
{
	(void)req;
	json_t *v = timescales_view(app);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}

int handle_timescales_put(struct app *app, const struct request *req, struct response *res)
{
	json_t *in, *errors = json_array();
	struct policy p;
	if (body_read(req, res, TIMESCALE_FIELDS, &in, NULL) != 0) {
		json_decref(errors);
		return 0;
	}
	if (policy_from_json(in, &p, errors) > 0) {
		json_decref(in);
		http_errors(res, 422, errors);
		return 0;
	}
	json_decref(errors);
	json_decref(in);
	json_t *stored = policy_to_json(&p);
	if (settings_save(app, req, res, "timescales", stored) == 0) {
		json_t *v = timescales_view(app);
		http_json(res, 200, v);
		json_decref(v);
	}
	json_decref(stored);
	return 0;
}

int handle_security_get(struct app *app, const struct request *req, struct response *res)
{
	(void)req;
	json_t *v = security_to_json(&app->security);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}

int handle_security_put(struct app *app, const struct request *req, struct response *res)
{
	json_t *in, *errors = json_array();
	struct security_settings s;
	if (body_read(req, res, SECURITY_FIELDS, &in, NULL) != 0) {
		json_decref(errors);
		return 0;
	}
	if (security_from_json(in, &s, errors) > 0) {
		json_decref(in);
		http_errors(res, 422, errors);
		return 0;
	}
	json_decref(errors);
	json_decref(in);
	json_t *stored = security_to_json(&s);
	if (settings_save(app, req, res, "security", stored) == 0)
		http_json(res, 200, stored);
	json_decref(stored);
	return 0;
}

int handle_sessions_get(struct app *app, const struct request *req, struct response *res)
{
	(void)req;
	json_t *v = sessions_to_json(&app->sessions);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}

int handle_sessions_put(struct app *app, const struct request *req, struct response *res)
{
	json_t *in, *errors = json_array();
	struct session_schedule s;
	if (body_read(req, res, SESSION_FIELDS, &in, NULL) != 0) {
		json_decref(errors);
		return 0;
	}
	if (sessions_from_json(in, &s, errors) > 0) {
		json_decref(in);
		http_errors(res, 422, errors);
		return 0;
	}
	json_decref(errors);
	json_decref(in);
	json_t *stored = sessions_to_json(&s);
	if (settings_save(app, req, res, "consultation_sessions", stored) == 0)
		http_json(res, 200, stored);
	json_decref(stored);
	return 0;
}

int handle_service_get(struct app *app, const struct request *req, struct response *res)
{
	(void)req;
	http_json(res, 200, app->service);
	return 0;
}

int handle_service_put(struct app *app, const struct request *req, struct response *res)
{
	json_t *in, *stored, *errors = json_array();
	if (body_read(req, res, SERVICE_FIELDS, &in, NULL) != 0) {
		json_decref(errors);
		return 0;
	}
	if (service_from_json(in, &stored, errors) > 0) {
		json_decref(in);
		http_errors(res, 422, errors);
		return 0;
	}
	json_decref(errors);
	json_decref(in);
	if (settings_save(app, req, res, "service", stored) == 0)
		http_json(res, 200, stored);
	json_decref(stored);
	return 0;
}
