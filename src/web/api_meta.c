/* api_meta.c — everything that is not a case: the front page, the health
 * check, the OpenAPI document, the list of staff and the timescale
 * settings. */
#include "api.h"
#include "action.h"
#include "config.h"
#include "../store/settings_store.h"
#include "../store/user_store.h"
#include "../util/embedded.h"

#include <stdlib.h>
#include <string.h>

int handle_home(struct app *app, const struct request *req, struct response *res)
{
	(void)app, (void)req;
	res->content_type = "text/html; charset=utf-8";
	buf_puts(&res->body,
		 "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>hearth</title></head>\n"
		 "<body><h1>hearth</h1><p>The family group conference case-management service is running.</p>\n"
		 "<ul><li><a href=\"/api/dashboard\">Dashboard (JSON)</a></li>\n"
		 "<li><a href=\"/api/cases\">Cases (JSON)</a></li>\n"
		 "<li><a href=\"/api/openapi.json\">API description (OpenAPI 3.1)</a></li></ul>\n"
		 "</body></html>\n");
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

int handle_users(struct app *app, const struct request *req, struct response *res)
{
	const char *role = http_query(req, "role");
	for (int i = 0; i < req->nquery; i++)
		if (strcmp(req->query[i].key, "role") != 0) {
			http_error(res, 422, req->query[i].key, "The staff list can only be filtered by role");
			return 0;
		}
	if (role) {
		bool ok = false;
		for (const char *const *c = vocab_codes(VOCAB_ROLE); *c; c++)
			ok = ok || strcmp(*c, role) == 0;
		if (!ok) {
			http_error(res, 422, "role", "Choose a role: coordinator, referrer, team_manager, service_manager or administrator");
			return 0;
		}
	}
	struct err e = {0};
	json_t *list;
	struct db *db = db_pool_get(app->pool);
	int rc = user_list(db, role, &list, &e);
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
	if (body_parse(req, res, &in) != 0) {
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
	char *text = json_dumps(stored, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(stored);
	struct err e = {0};
	struct db *db = db_pool_get(app->pool);
	int rc = db_begin(db, &e);
	if (rc == 0 && (settings_put(db, "timescales", text, &e) != 0 || db_commit(db, &e) != 0)) {
		db_rollback(db);
		rc = -1;
	}
	/* The caller holds the config lock for writing (router.c). */
	if (rc == 0)
		rc = app_load_config(app, db, &e);
	db_pool_put(app->pool, db);
	free(text);
	if (rc != 0) {
		respond_err(res, &e);
		return 0;
	}
	json_t *v = timescales_view(app);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}
