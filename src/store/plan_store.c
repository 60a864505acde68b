/* plan_store.c — SQL for plans, plan_items and distributions. */
#include "plan_store.h"
#include "rowjson.h"
#include "../domain/form.h"
#include "../util/ids.h"

#include <stdio.h>
#include <string.h>

static const char SQL_PLANS[] =
	"SELECT p.id, p.version, p.meeting_id, p.monitoring, p.monitored_by, p.contingency,"
	" p.review_date, p.referrer_decision, p.referrer_reason, p.referrer_decided_at,"
	" p.validated_by, u.name AS validated_by_name, p.validated_at, p.created_at"
	" FROM plans p LEFT JOIN users u ON u.id = p.validated_by WHERE p.case_id = $1 ORDER BY p.version";
static const char SQL_ITEMS[] =
	"SELECT i.id, i.plan_id, i.position, i.concern, i.action, i.who, i.by_when, i.support,"
	" i.review_status, i.review_note, i.previous_item_id FROM plan_items i"
	" JOIN plans p ON p.id = i.plan_id WHERE p.case_id = $1 ORDER BY p.version, i.position";
static const char SQL_INSERT[] =
	"INSERT INTO plans (id, case_id, version, meeting_id, monitoring, monitored_by, contingency,"
	" review_date, referrer_decision, referrer_decided_at, created_at)"
	" VALUES ($1, $2, CAST($3 AS INTEGER), $4, $5, $6, $7, $8, $9, $10, $11)";
static const char SQL_UPDATE[] =
	"UPDATE plans SET monitoring = $2, monitored_by = $3, contingency = $4, review_date = $5 WHERE id = $1";
static const char SQL_CLEAR_ITEMS[] = "DELETE FROM plan_items WHERE plan_id = $1";
static const char SQL_ITEM[] =
	"INSERT INTO plan_items (id, plan_id, position, concern, action, who, by_when, support,"
	" review_status, review_note, previous_item_id)"
	" VALUES ($1, $2, CAST($3 AS INTEGER), $4, $5, $6, $7, $8, $9, $10, $11)";
static const char SQL_DECISION[] =
	"UPDATE plans SET referrer_decision = $2, referrer_reason = $3, referrer_decided_at = $4 WHERE id = $1";
static const char SQL_VALIDATED[] = "UPDATE plans SET validated_by = $2, validated_at = $3 WHERE id = $1";
static const char SQL_DISTRIBUTE[] =
	"INSERT INTO distributions (id, case_id, plan_id, person_id, recipient, method, sent_at, recorded_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_DISTRIBUTIONS[] =
	"SELECT d.id, d.plan_id, p.version AS plan_version, d.person_id, d.recipient, d.method,"
	" d.sent_at, d.recorded_at FROM distributions d JOIN plans p ON p.id = d.plan_id"
	" WHERE d.case_id = $1 ORDER BY d.sent_at, d.id";
static const char SQL_LAST_SENT[] = "SELECT MAX(sent_at) FROM distributions WHERE plan_id = $1";

int plan_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	static const struct col_map plan_cols[] = {
		{"id", NULL, COL_STR}, {"version", NULL, COL_INT}, {"meeting_id", NULL, COL_STR},
		{"monitoring", NULL, COL_STR}, {"monitored_by", NULL, COL_STR},
		{"contingency", NULL, COL_STR}, {"review_date", NULL, COL_STR},
		{"referrer_decision", NULL, COL_STR}, {"referrer_reason", NULL, COL_STR},
		{"referrer_decided_at", NULL, COL_STR}, {"validated_by", NULL, COL_STR},
		{"validated_by_name", NULL, COL_STR}, {"validated_at", NULL, COL_STR},
		{"created_at", NULL, COL_STR}, {NULL}};
	static const struct col_map item_cols[] = {
		{"id", NULL, COL_STR}, {"concern", NULL, COL_STR}, {"action", NULL, COL_STR},
		{"who", NULL, COL_STR}, {"by_when", NULL, COL_STR}, {"support", NULL, COL_STR},
		{"review_status", NULL, COL_STR}, {"review_note", NULL, COL_STR},
		{"previous_item_id", NULL, COL_STR}, {NULL}};
	struct db_result *p, *i;
	if (db_query(db, SQL_PLANS, DB_ARGS(case_id), &p, e) != 0)
		return -1;
	if (db_query(db, SQL_ITEMS, DB_ARGS(case_id), &i, e) != 0) {
		db_result_free(p);
		return -1;
	}
	json_t *list = json_array();
	for (int k = 0; k < db_nrows(p); k++) {
		json_t *plan = rowjson(p, k, plan_cols);
		json_t *items = json_array();
		for (int j = 0; j < db_nrows(i); j++)
			if (strcmp(db_get(i, j, "plan_id"), db_get(p, k, "id")) == 0)
				json_array_append_new(items, rowjson(i, j, item_cols));
		json_object_set_new(plan, "items", items);
		json_array_append_new(list, plan);
	}
	db_result_free(p);
	db_result_free(i);
	*out = list;
	return 0;
}

int plan_current(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	json_t *all;
	*out = NULL;
	if (plan_list(db, case_id, &all, e) != 0)
		return -1;
	size_t n = json_array_size(all);
	if (n > 0)
		*out = json_incref(json_array_get(all, n - 1));
	json_decref(all);
	return 0;
}

int plan_insert(struct db *db, const char *case_id, int version, const char *meeting_id,
		const json_t *in, const char *referrer_decision, const char *decided_at,
		const char *now, char id_out[33], struct err *e)
{
	char v[16];
	snprintf(v, sizeof v, "%d", version);
	ids_new(id_out);
	return db_exec(db, SQL_INSERT,
		       DB_ARGS(id_out, case_id, v, meeting_id, form_str(in, "monitoring"),
			       form_str(in, "monitored_by"), form_str(in, "contingency"),
			       form_str(in, "review_date"), referrer_decision, decided_at, now),
		       NULL, e);
}

int plan_update(struct db *db, const char *plan_id, const json_t *in, struct err *e)
{
	return db_exec(db, SQL_UPDATE,
		       DB_ARGS(plan_id, form_str(in, "monitoring"), form_str(in, "monitored_by"),
			       form_str(in, "contingency"), form_str(in, "review_date")),
		       NULL, e);
}

int plan_items_clear(struct db *db, const char *plan_id, struct err *e)
{
	return db_exec(db, SQL_CLEAR_ITEMS, DB_ARGS(plan_id), NULL, e);
}

int plan_item_insert(struct db *db, const char *plan_id, int position, const json_t *item,
		     const char *review_status, const char *review_note,
		     const char *previous_item_id, struct err *e)
{
	char id[33], pos[16];
	ids_new(id);
	snprintf(pos, sizeof pos, "%d", position);
	return db_exec(db, SQL_ITEM,
		       DB_ARGS(id, plan_id, pos, form_str(item, "concern"), form_str(item, "action"),
			       form_str(item, "who"), form_str(item, "by_when"),
			       form_str(item, "support"), review_status, review_note, previous_item_id),
		       NULL, e);
}

int plan_set_referrer_decision(struct db *db, const char *plan_id, const char *decision,
			       const char *reason, const char *at, struct err *e)
{
	return db_exec(db, SQL_DECISION, DB_ARGS(plan_id, decision, reason, at), NULL, e);
}

int plan_set_validated(struct db *db, const char *plan_id, const char *by, const char *at,
		       struct err *e)
{
	return db_exec(db, SQL_VALIDATED, DB_ARGS(plan_id, by, at), NULL, e);
}

int distribution_insert(struct db *db, const char *case_id, const char *plan_id,
			const char *person_id, const char *recipient, const char *method,
			const char *sent_at, const char *now, struct err *e)
{
	char id[33];
	ids_new(id);
	return db_exec(db, SQL_DISTRIBUTE,
		       DB_ARGS(id, case_id, plan_id, person_id, recipient, method, sent_at, now), NULL, e);
}

int distribution_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"id", NULL, COL_STR}, {"plan_id", NULL, COL_STR}, {"plan_version", NULL, COL_INT},
		{"person_id", NULL, COL_STR}, {"recipient", NULL, COL_STR}, {"method", NULL, COL_STR},
		{"sent_at", NULL, COL_STR}, {"recorded_at", NULL, COL_STR}, {NULL}};
	struct db_result *r;
	if (db_query(db, SQL_DISTRIBUTIONS, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, cols);
	db_result_free(r);
	return 0;
}

int distribution_last_sent(struct db *db, const char *plan_id, char out[32], struct err *e)
{
	struct db_result *r;
	out[0] = '\0';
	if (db_query(db, SQL_LAST_SENT, DB_ARGS(plan_id), &r, e) != 0)
		return -1;
	if (db_nrows(r) > 0 && db_cell(r, 0, 0))
		snprintf(out, 32, "%s", db_cell(r, 0, 0));
	db_result_free(r);
	return 0;
}
