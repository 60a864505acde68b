/* closure_store.c — SQL for closure_notifications and evaluations. */
#include "closure_store.h"
#include "rowjson.h"
#include "../domain/form.h"
#include "../util/ids.h"

static const char SQL_NOTIFY[] =
	"INSERT INTO closure_notifications (id, case_id, recipient, recipient_kind, method, sent_at)"
	" VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_NOTIFICATIONS[] =
	"SELECT id, recipient, recipient_kind, method, sent_at FROM closure_notifications"
	" WHERE case_id = $1 ORDER BY sent_at, id";
static const char SQL_EVALUATE[] =
	"INSERT INTO evaluations (id, case_id, respondent_kind, person_id, respondent_name, answers,"
	" comments, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_EVALUATIONS[] =
	"SELECT id, respondent_kind, person_id, respondent_name, answers, comments, recorded_at"
	" FROM evaluations WHERE case_id = $1 ORDER BY id";

int notification_insert(struct db *db, const char *case_id, const json_t *in,
			const char *sent_at, struct err *e)
{
	char id[33];
	ids_new(id);
	return db_exec(db, SQL_NOTIFY,
		       DB_ARGS(id, case_id, form_str(in, "recipient"), form_str(in, "recipient_kind"),
			       form_str(in, "method"), sent_at),
		       NULL, e);
}

int notification_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"id", NULL, COL_STR}, {"recipient", NULL, COL_STR},
		{"recipient_kind", NULL, COL_STR}, {"method", NULL, COL_STR},
		{"sent_at", NULL, COL_STR}, {NULL}};
	struct db_result *r;
	if (db_query(db, SQL_NOTIFICATIONS, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, cols);
	db_result_free(r);
	return 0;
}

int evaluation_insert(struct db *db, const char *case_id, const json_t *in,
		      const char *answers, const char *now, struct err *e)
{
	char id[33];
	ids_new(id);
	return db_exec(db, SQL_EVALUATE,
		       DB_ARGS(id, case_id, form_str(in, "respondent_kind"), form_str(in, "person_id"),
			       form_str(in, "respondent_name"), answers, form_str(in, "comments"), now),
		       NULL, e);
}

int evaluation_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"id", NULL, COL_STR}, {"respondent_kind", NULL, COL_STR},
		{"person_id", NULL, COL_STR}, {"respondent_name", NULL, COL_STR},
		{"answers", NULL, COL_JSON}, {"comments", NULL, COL_STR},
		{"recorded_at", NULL, COL_STR}, {NULL}};
	struct db_result *r;
	if (db_query(db, SQL_EVALUATIONS, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, cols);
	db_result_free(r);
	return 0;
}
