/* api_audit.c — reading the audit trail: who has looked at a case, what a
 * person has looked at (JSON, or CSV to take away), and break-glass, the
 * one way into a case outside a manager's team. Reading the trail is
 * itself recorded. */
#include "api.h"
#include "action.h"
#include "audit_log.h"
#include "auth.h"
#include "../domain/access.h"
#include "../domain/datetime.h"
#include "../store/audit_store.h"
#include "../store/case_store.h"
#include "../store/session_store.h"
#include "../store/user_store.h"
#include "../util/buf.h"
#include "../util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 100
#define CSV_MAX 100000

static const char *const COLUMNS[] = {"seq", "at", "user_id", "user_name", "role", "session", "action",
				      "object", "object_id", "case_id", "case_reference", "fields",
				      "outcome", "break_glass", "address", NULL};

/* One CSV cell (RFC 4180), defused for spreadsheets: a cell that starts
 * with = + - @ would run as a formula, so it gets a leading quote mark. */
static void csv_cell(struct buf *b, const json_t *v)
{
	char num[32];
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		s = num;
	}
	if (!s)
		return;
	bool formula = strchr("=+-@\t\r", s[0]) && s[0];
	buf_puts(b, "\"");
	if (formula)
		buf_puts(b, "'");
	for (const char *p = s; *p; p++)
		buf_append(b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
	buf_puts(b, "\"");
}

static void csv(struct response *res, const json_t *records, const char *filename)
{
	static __thread char disposition[120];
	res->status = 200;
	res->content_type = "text/csv; charset=utf-8";
	for (int c = 0; COLUMNS[c]; c++)
		buf_printf(&res->body, "%s%s", c ? "," : "", COLUMNS[c]);
	buf_puts(&res->body, "\r\n");
	size_t i;
	json_t *r;
	json_array_foreach(records, i, r) {
		for (int c = 0; COLUMNS[c]; c++) {
			if (c)
				buf_puts(&res->body, ",");
			csv_cell(&res->body, json_object_get(r, COLUMNS[c]));
		}
		buf_puts(&res->body, "\r\n");
	}
	snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", filename);
	http_header(res, "Content-Disposition", disposition);
}

/* ?page=N (JSON) or ?format=csv (everything, up to CSV_MAX records). */
static void answer(struct app *app, const struct request *req, struct response *res, const char *case_id,
		   const char *user_id)
{
	const char *format = http_query(req, "format"), *page_s = http_query(req, "page");
	for (int i = 0; i < req->nquery; i++)
		if (strcmp(req->query[i].key, "format") != 0 && strcmp(req->query[i].key, "page") != 0) {
			http_error(res, 422, req->query[i].key, "The audit trail can only be paged (page) or exported (format=csv)");
			return;
		}
	bool as_csv = format && strcmp(format, "csv") == 0;
	if (format && !as_csv && strcmp(format, "json") != 0) {
		http_error(res, 422, "format", "Choose format=csv or format=json");
		return;
	}
	char *end = NULL;
	long page = page_s ? strtol(page_s, &end, 10) : 1;
	if (page < 1 || page > 100000 || (end && *end)) {
		http_error(res, 422, "page", "The page must be a whole number from 1");
		return;
	}
	struct err e = {0};
	json_t *out = NULL;
	struct db *db = db_pool_get(app->pool);
	int rc = audit_list(db, case_id, user_id, as_csv ? CSV_MAX : PAGE, as_csv ? 0 : (int)((page - 1) * PAGE),
			    &out, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
		return;
	}
	if (as_csv) {
		char name[80];
		snprintf(name, sizeof name, "audit-%s-%s.csv", case_id ? "case" : "person", case_id ? case_id : user_id);
		csv(res, json_object_get(out, "records"), name);
		/* Taking the trail away is an export, recorded as one. */
		struct audit_what w = {.action = case_id ? "export_case_audit" : "export_user_audit",
				       .object_id = case_id ? case_id : user_id, .case_id = case_id};
		if (audit_request_now(app, req, &w, &e) != 0) {
			http_response_free(res);
			http_response_init(res);
			respond_err(res, &e);
		}
	} else {
		json_object_set_new(out, "page", json_integer(page));
		json_object_set_new(out, "per_page", json_integer(PAGE));
		http_json(res, 200, out);
	}
	json_decref(out);
}

int handle_case_audit(struct app *app, const struct request *req, struct response *res)
{
	answer(app, req, res, http_param(req, "id"), NULL);
	return 0;
}

int handle_user_audit(struct app *app, const struct request *req, struct response *res)
{
	const char *id = http_param(req, "id");
	json_t *u = NULL;
	struct err e = {0};
	if (form_is_id(id)) {
		struct db *db = db_pool_get(app->pool);
		int rc = user_get(db, id, &u, &e);
		db_pool_put(app->pool, db);
		if (rc != 0) {
			respond_err(res, &e);
			return 0;
		}
	}
	if (!u) {
		http_error(res, 404, NULL, "There is no account with that reference.");
		return 0;
	}
	/* A team manager answers for their own team; a service manager for everyone. */
	const char *team = json_string_value(json_object_get(u, "team_id"));
	bool allowed = (req->who->roles & ROLE_SERVICE_MANAGER) ||
		       (team && req->who->team_id[0] && strcmp(team, req->who->team_id) == 0);
	json_decref(u);
	if (!allowed) {
		http_error(res, 403, NULL, "You can see what people in your own team have looked at; ask a service manager about anyone else.");
		return 0;
	}
	answer(app, req, res, NULL, id);
	return 0;
}

static const struct field_spec BREAK_GLASS[] = {
	{"reason", F_TEXT, true, "why you need to open this case", 1000},
	{NULL}};

struct glass {
	const struct request *req;
	struct response *res;
	const char *reason;
	bool done;
	struct err e;
};

static int glass_tx(struct db *db, struct glass *g)
{
	const struct request *req = g->req;
	struct principal *who = req->who;
	const char *case_id = http_param(req, "id");
	struct case_access ca;
	if (!form_is_id(case_id)) {
		http_error(g->res, 404, NULL, "There is no case with that reference.");
		return 0;
	}
	if (case_access(db, case_id, &ca, &g->e) != 0)
		return -1;
	if (!ca.found) {
		http_error(g->res, 404, NULL, "There is no case with that reference.");
		return 0;
	}
	if (ca.team_id[0] && strcmp(ca.team_id, who->team_id) == 0) {
		http_error(g->res, 409, NULL, "This case is your team's: you can open it without giving a reason.");
		return 0;
	}
	char now[21];
	dt_format_utc(req->now, now);
	free(who->break_glass);
	who->break_glass = xstrdup(g->reason);
	if (glass_grant(db, who->session_id, case_id, g->reason, now, &g->e) != 0 ||
	    audit_request(db, req, &(struct audit_what){.no_fields = true}, &g->e) != 0)
		return -1;
	g->done = true;
	return 0;
}

int handle_break_glass(struct app *app, const struct request *req, struct response *res)
{
	if (req->who->via != VIA_SESSION) {
		http_error(res, 409, NULL, "Break-glass access is given to a signed-in person, not to an API token.");
		return 0;
	}
	json_t *in;
	if (body_checked(req, res, BREAK_GLASS, &in) != 0)
		return 0;
	const char *reason = form_str(in, "reason");
	if (utf8_chars(reason) < 20) {
		http_error(res, 422, "reason", "Explain why you need this case in at least 20 characters");
		json_decref(in);
		return 0;
	}
	struct glass g = {.req = req, .res = res, .reason = reason};
	WITH_TX(app, res, g.e, glass_tx(db, &g));
	if (g.done) {
		json_t *v = json_pack("{s:b,s:s}", "granted", 1, "next",
				      "You can open the case until you sign out. Everything you look at is recorded with your reason.");
		http_json(res, 201, v);
		json_decref(v);
	}
	json_decref(in);
	return 0;
}
