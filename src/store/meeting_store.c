/* meeting_store.c — SQL for meetings and attendance. */
#include "meeting_store.h"
#include "rowjson.h"
#include "../domain/form.h"
#include "../util/ids.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_PENDING[] =
	"SELECT id, scheduled_at FROM meetings WHERE case_id = $1 AND kind = $2 AND held_at IS NULL"
	" AND cancelled_at IS NULL";
static const char SQL_LATEST_HELD[] =
	"SELECT id FROM meetings WHERE case_id = $1 AND kind = $2 AND held_at IS NOT NULL"
	" ORDER BY held_at DESC, id LIMIT 1";
static const char SQL_INSERT[] =
	"INSERT INTO meetings (id, case_id, kind, scheduled_at, venue, online_link, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_RESCHEDULE[] =
	"UPDATE meetings SET scheduled_at = $2, venue = $3, online_link = $4, sequence = sequence + 1 WHERE id = $1";
static const char SQL_BUMP[] = "UPDATE meetings SET sequence = sequence + 1 WHERE id = $1";
static const char SQL_CANCEL[] = "UPDATE meetings SET cancelled_at = $2, cancel_reason = $3 WHERE id = $1";
static const char SQL_RECORD[] =
	"UPDATE meetings SET held_at = $2, information_sharing = $3, private_family_time = $4,"
	" agreeing_the_plan = $5, outcome = $6, outstanding_issues = $7, new_issues = $8,"
	" further_reviews = $9, sharing_from = $10, sharing_to = $11, private_from = $12, private_to = $13,"
	" plan_from = $14, plan_to = $15, agencies_shared = $16, bottom_lines_restated = $17,"
	" bottom_lines_note = $18 WHERE id = $1";
static const char SQL_ATTEND[] =
	"INSERT INTO attendance (id, meeting_id, person_id, name, role, attended)"
	" VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_LIST[] =
	"SELECT id, kind, scheduled_at, venue, online_link, held_at, information_sharing,"
	" private_family_time, agreeing_the_plan, outcome, outstanding_issues, new_issues,"
	" further_reviews, sequence, cancelled_at, cancel_reason, sharing_from, sharing_to, private_from,"
	" private_to, plan_from, plan_to, agencies_shared, bottom_lines_restated, bottom_lines_note"
	" FROM meetings WHERE case_id = $1 ORDER BY id";
static const char SQL_ATTENDANCE[] =
	"SELECT a.meeting_id, a.person_id, a.name, a.role, a.attended FROM attendance a"
	" JOIN meetings m ON m.id = a.meeting_id WHERE m.case_id = $1 ORDER BY a.id";

int meeting_pending(struct db *db, const char *case_id, const char *kind, char id_out[33],
		    char scheduled_out[32], struct err *e)
{
	struct db_result *r;
	id_out[0] = '\0';
	if (db_query(db, SQL_PENDING, DB_ARGS(case_id, kind), &r, e) != 0)
		return -1;
	if (db_nrows(r) > 0) {
		snprintf(id_out, 33, "%s", db_get(r, 0, "id"));
		if (scheduled_out)
			snprintf(scheduled_out, 32, "%s", db_get(r, 0, "scheduled_at"));
	}
	db_result_free(r);
	return 0;
}

int meeting_latest_held(struct db *db, const char *case_id, const char *kind, char id_out[33],
			struct err *e)
{
	struct db_result *r;
	id_out[0] = '\0';
	if (db_query(db, SQL_LATEST_HELD, DB_ARGS(case_id, kind), &r, e) != 0)
		return -1;
	if (db_nrows(r) > 0)
		snprintf(id_out, 33, "%s", db_get(r, 0, "id"));
	db_result_free(r);
	return 0;
}

int meeting_schedule(struct db *db, const char *case_id, const char *kind,
		     const char *scheduled_at, const char *venue, const char *online_link,
		     const char *now, struct err *e)
{
	char id[33];
	if (meeting_pending(db, case_id, kind, id, NULL, e) != 0)
		return -1;
	if (id[0])
		return db_exec(db, SQL_RESCHEDULE, DB_ARGS(id, scheduled_at, venue, online_link), NULL, e);
	ids_new(id);
	return db_exec(db, SQL_INSERT, DB_ARGS(id, case_id, kind, scheduled_at, venue, online_link, now),
		       NULL, e);
}

int meeting_bump_sequence(struct db *db, const char *meeting_id, struct err *e)
{
	return db_exec(db, SQL_BUMP, DB_ARGS(meeting_id), NULL, e);
}

int meeting_cancel(struct db *db, const char *meeting_id, const char *at, const char *reason, struct err *e)
{
	return db_exec(db, SQL_CANCEL, DB_ARGS(meeting_id, at, reason), NULL, e);
}

int meeting_record(struct db *db, const char *meeting_id, const char *held_at, const json_t *in,
		   struct err *e)
{
	json_t *agencies = json_object_get(in, "agencies_shared");
	char *agencies_text = json_array_size(agencies) ? json_dumps(agencies, JSON_COMPACT) : NULL;
	const char *restated = !form_has(in, "bottom_lines_restated") ? NULL
			       : form_bool(in, "bottom_lines_restated") ? "1" : "0";
	int rc = db_exec(db, SQL_RECORD,
			 DB_ARGS(meeting_id, held_at, form_str(in, "information_sharing"),
				 form_str(in, "private_family_time"), form_str(in, "agreeing_the_plan"),
				 form_str(in, "outcome"), form_str(in, "outstanding_issues"),
				 form_str(in, "new_issues"), form_str(in, "further_reviews"),
				 form_str(in, "sharing_from"), form_str(in, "sharing_to"),
				 form_str(in, "private_from"), form_str(in, "private_to"), form_str(in, "plan_from"),
				 form_str(in, "plan_to"), agencies_text, restated, form_str(in, "bottom_lines_note")),
			 NULL, e);
	free(agencies_text);
	return rc;
}

int attendance_insert(struct db *db, const char *meeting_id, const char *person_id,
		      const char *name, const char *role, int attended, struct err *e)
{
	char id[33];
	ids_new(id);
	return db_exec(db, SQL_ATTEND,
		       DB_ARGS(id, meeting_id, person_id, name, role, attended ? "1" : "0"), NULL, e);
}

int meeting_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"id", NULL, COL_STR}, {"kind", NULL, COL_STR}, {"scheduled_at", NULL, COL_STR},
		{"venue", NULL, COL_STR}, {"online_link", NULL, COL_STR}, {"held_at", NULL, COL_STR},
		{"information_sharing", NULL, COL_STR}, {"private_family_time", NULL, COL_STR},
		{"agreeing_the_plan", NULL, COL_STR}, {"outcome", NULL, COL_STR},
		{"outstanding_issues", NULL, COL_STR}, {"new_issues", NULL, COL_STR},
		{"further_reviews", NULL, COL_STR}, {"sequence", NULL, COL_INT}, {"cancelled_at", NULL, COL_STR},
		{"cancel_reason", NULL, COL_STR}, {"sharing_from", NULL, COL_STR}, {"sharing_to", NULL, COL_STR},
		{"private_from", NULL, COL_STR}, {"private_to", NULL, COL_STR}, {"plan_from", NULL, COL_STR},
		{"plan_to", NULL, COL_STR}, {"agencies_shared", NULL, COL_JSON},
		{"bottom_lines_restated", NULL, COL_BOOL}, {"bottom_lines_note", NULL, COL_STR}, {NULL}};
	static const struct col_map att[] = {
		{"person_id", NULL, COL_STR}, {"name", NULL, COL_STR}, {"role", NULL, COL_STR},
		{"attended", NULL, COL_BOOL}, {NULL}};
	struct db_result *r, *a;
	if (db_query(db, SQL_LIST, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	if (db_query(db, SQL_ATTENDANCE, DB_ARGS(case_id), &a, e) != 0) {
		db_result_free(r);
		return -1;
	}
	json_t *list = json_array();
	for (int i = 0; i < db_nrows(r); i++) {
		json_t *m = rowjson(r, i, cols);
		json_t *people = json_array();
		for (int k = 0; k < db_nrows(a); k++)
			if (strcmp(db_get(a, k, "meeting_id"), db_get(r, i, "id")) == 0)
				json_array_append_new(people, rowjson(a, k, att));
		json_object_set_new(m, "attendance", people);
		json_array_append_new(list, m);
	}
	db_result_free(r);
	db_result_free(a);
	*out = list;
	return 0;
}
