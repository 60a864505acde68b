/* audit_log.c — the audit record of a request (audit_log.h). */
#include "audit_log.h"
#include "auth.h"
#include "../domain/access.h"
#include "../domain/datetime.h"
#include "../store/audit_store.h"

#include <stdio.h>
#include <string.h>

/* The names (never the values) of the fields a change sent. */
static void field_names(const struct request *req, struct buf *out)
{
	if (!req->body_len)
		return;
	json_t *o = json_loadb(req->body, req->body_len, 0, NULL);
	const char *key;
	json_t *v;
	if (json_is_object(o))
		json_object_foreach(o, key, v) buf_printf(out, "%s%s", out->len ? "," : "", key);
	json_decref(o);
}

static bool is_case_route(const struct request *req)
{
	return strncmp(req->path, "/api/cases/", 11) == 0 && http_param(req, "id");
}

int audit_request(struct db *db, const struct request *req, const struct audit_what *w,
		  struct err *e)
{
	static const struct audit_what none = {0};
	if (!w)
		w = &none;
	const struct principal *who = req->who;
	char at[21];
	dt_format_utc(req->now, at);
	struct buf fields;
	buf_init(&fields);
	bool change = req->rule && req->rule->audit == AUDIT_CHANGE;
	if (change && !w->no_fields)
		field_names(req, &fields);
	const char *route_id = http_param(req, "id");
	struct audit_record r = {
		.at = at,
		.user_id = w->user_id ? w->user_id : (who && who->user_id[0] ? who->user_id : NULL),
		.role = who && who->granted_role ? role_code(who->granted_role) : NULL,
		.session = who && who->audit_session[0] ? who->audit_session : NULL,
		.action = w->action ? w->action : (req->rule ? req->rule->action : "unknown"),
		.object = w->object ? w->object : (req->rule ? req->rule->object : "unknown"),
		.object_id = w->object_id ? w->object_id : route_id,
		.case_id = w->case_id ? w->case_id : (is_case_route(req) ? route_id : NULL),
		.fields = fields.len ? fields.data : NULL,
		.outcome = w->outcome ? w->outcome : "ok",
		.break_glass = who ? who->break_glass : NULL,
		.address = req->address[0] ? req->address : NULL,
	};
	int rc = audit_append(db, &r, e);
	buf_free(&fields);
	if (rc == 0 && who)
		req->who->audited = true;
	return rc;
}

int audit_request_now(struct app *app, const struct request *req, const struct audit_what *w,
		      struct err *e)
{
	struct db *db = db_pool_get(app->pool);
	int rc = -1;
	if (db_begin(db, e) == 0) {
		if (audit_request(db, req, w, e) == 0 && db_commit(db, e) == 0)
			rc = 0;
		else
			db_rollback(db);
	}
	db_pool_put(app->pool, db);
	return rc;
}
