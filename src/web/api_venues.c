/* api_venues.c — the managed list of venues for family meetings: everyone
 * signed in may read it (to arrange a meeting); managers and administrators
 * keep it. */
#include "api.h"
#include "action.h"
#include "audit_log.h"
#include "../domain/datetime.h"
#include "../store/venue_store.h"

#include <string.h>

static const struct field_spec VENUE[] = {
	{"name", F_STRING, true, "the venue's name"},
	{"address", F_TEXT, false, "the venue's address", 1000},
	{"access_notes", F_TEXT, false, "notes on getting there and getting in", 2000},
	{"active", F_BOOL, false, "whether the venue is still in use"},
	{NULL}};

int handle_venues(struct app *app, const struct request *req, struct response *res)
{
	const char *all = http_query(req, "all");
	for (int i = 0; i < req->nquery; i++)
		if (strcmp(req->query[i].key, "all") != 0) {
			http_error(res, 422, req->query[i].key, "The venues can only be filtered with all=true");
			return 0;
		}
	if (all && strcmp(all, "true") != 0 && strcmp(all, "false") != 0) {
		http_error(res, 422, "all", "Use all=true or all=false");
		return 0;
	}
	struct err e = {0};
	json_t *list;
	struct db *db = db_pool_get(app->pool);
	int rc = venue_list(db, all && strcmp(all, "true") == 0, &list, &e);
	db_pool_put(app->pool, db);
	if (rc != 0) {
		respond_err(res, &e);
		return 0;
	}
	json_t *v = json_pack("{s:o}", "venues", list);
	http_json(res, 200, v);
	json_decref(v);
	return 0;
}

static void answer_venue(struct app *app, struct response *res, const char *id, int status)
{
	struct err e = {0};
	json_t *v;
	struct db *db = db_pool_get(app->pool);
	int rc = venue_get(db, id, &v, &e);
	db_pool_put(app->pool, db);
	if (rc != 0)
		respond_err(res, &e);
	else if (!v)
		http_error(res, 404, NULL, "There is no venue with that reference.");
	else
		http_json(res, status, v);
	json_decref(v);
}

int handle_venue_get(struct app *app, const struct request *req, struct response *res)
{
	const char *id = http_param(req, "id");
	if (!form_is_id(id)) {
		http_error(res, 404, NULL, "There is no venue with that reference.");
		return 0;
	}
	answer_venue(app, res, id, 200);
	return 0;
}

struct venue_op {
	const struct request *req;
	struct response *res;
	const json_t *in;
	const char *id; /* NULL when adding */
	char new_id[33];
	bool done;
	struct err e;
};

static int venue_tx(struct db *db, struct venue_op *op)
{
	char now[21];
	dt_format_utc(op->req->now, now);
	if (op->id) {
		json_t *old;
		if (venue_get(db, op->id, &old, &op->e) != 0)
			return -1;
		if (!old) {
			http_error(op->res, 404, NULL, "There is no venue with that reference.");
			return 0;
		}
		json_decref(old);
	}
	bool taken;
	if (venue_name_taken(db, form_str(op->in, "name"), op->id, &taken, &op->e) != 0)
		return -1;
	if (taken) {
		http_error(op->res, 422, "name", "There is already a venue with this name");
		return 0;
	}
	int rc = op->id ? venue_update(db, op->id, op->in, now, &op->e)
			: venue_insert(db, op->in, now, op->new_id, &op->e);
	if (rc != 0 ||
	    audit_request(db, op->req, &(struct audit_what){.object_id = op->id ? op->id : op->new_id}, &op->e) != 0)
		return -1;
	op->done = true;
	return 0;
}

static void save(struct app *app, const struct request *req, struct response *res, const char *id)
{
	json_t *in;
	if (body_checked(req, res, VENUE, &in) != 0)
		return;
	struct venue_op op = {.req = req, .res = res, .in = in, .id = id};
	WITH_TX(app, res, op.e, venue_tx(db, &op));
	if (op.done)
		answer_venue(app, res, id ? id : op.new_id, id ? 200 : 201);
	json_decref(in);
}

int handle_venue_add(struct app *app, const struct request *req, struct response *res)
{
	save(app, req, res, NULL);
	return 0;
}

int handle_venue_change(struct app *app, const struct request *req, struct response *res)
{
	const char *id = http_param(req, "id");
	if (!form_is_id(id)) {
		http_error(res, 404, NULL, "There is no venue with that reference.");
		return 0;
	}
	save(app, req, res, id);
	return 0;
}
