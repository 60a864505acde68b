/* network_store.c — SQL for the family network beyond the people
 * themselves: relationships and households (facts about people, seen from
 * every case they are on), and per case the conversations with invitees
 * and exclusion decisions. */
#include "network_store.h"
#include "rowjson.h"
#include "../domain/form.h"
#include "../util/ids.h"

#include <stdio.h>
#include <string.h>

/* Relationships between two people who are both on the case. */
static const char SQL_REL_LIST[] =
	"SELECT r.id, ma.id AS a, mb.id AS b, pa.name AS a_name, pb.name AS b_name, r.kind,"
	" r.start_year, r.end_year, r.agency, r.professional_role"
	" FROM relationships r"
	" JOIN case_people ma ON ma.person_id = r.person_a AND ma.case_id = $1"
	" JOIN case_people mb ON mb.person_id = r.person_b AND mb.case_id = $1"
	" JOIN people pa ON pa.id = r.person_a JOIN people pb ON pb.id = r.person_b"
	" ORDER BY r.id";
static const char SQL_REL_INSERT[] =
	"INSERT INTO relationships (id, person_a, person_b, kind, start_year, end_year, agency,"
	" professional_role, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char SQL_REL_BETWEEN[] =
	"SELECT id, kind FROM relationships WHERE (person_a = $1 AND person_b = $2)"
	" OR (person_a = $2 AND person_b = $1)";
static const char SQL_REL_ON_CASE[] =
	"SELECT r.id, pa.name AS a_name, pb.name AS b_name, r.kind FROM relationships r"
	" JOIN case_people ma ON ma.person_id = r.person_a AND ma.case_id = $1"
	" JOIN case_people mb ON mb.person_id = r.person_b AND mb.case_id = $1"
	" JOIN people pa ON pa.id = r.person_a JOIN people pb ON pb.id = r.person_b"
	" WHERE r.id = $2";
static const char SQL_REL_DELETE[] = "DELETE FROM relationships WHERE id = $1";

static const char SQL_HH_INSERT[] = "INSERT INTO households (id, label, created_at) VALUES ($1, $2, $3)";
static const char SQL_HH_RENAME[] = "UPDATE households SET label = $2 WHERE id = $1";
static const char SQL_HH_MOVE[] = "UPDATE people SET household_id = $2 WHERE id = $1";
/* Households someone on the case lives in, with everyone in them who is on the case. */
static const char SQL_HH_LIST[] =
	"SELECT h.id, h.label, m.id AS member_id, p.name FROM households h"
	" JOIN people p ON p.household_id = h.id JOIN case_people m ON m.person_id = p.id AND m.case_id = $1"
	" ORDER BY h.label, h.id, m.subject DESC, m.id";
static const char SQL_HH_ON_CASE[] =
	"SELECT h.id, h.label FROM households h JOIN people p ON p.household_id = h.id"
	" JOIN case_people m ON m.person_id = p.id AND m.case_id = $1 WHERE h.id = $2";

static const char SQL_CONV_INSERT[] =
	"INSERT INTO conversations (id, case_id, member_id, held_on, method, outcome, worries,"
	" recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char SQL_CONV_LIST[] =
	"SELECT v.id, v.member_id, p.name AS person_name, v.held_on, v.method, v.outcome, v.worries,"
	" v.recorded_by, u.name AS recorded_by_name, v.recorded_at"
	" FROM conversations v JOIN case_people m ON m.id = v.member_id JOIN people p ON p.id = m.person_id"
	" LEFT JOIN users u ON u.id = v.recorded_by WHERE v.case_id = $1 ORDER BY v.held_on DESC, v.id DESC";

static const char SQL_EXCL_INSERT[] =
	"INSERT INTO exclusions (id, case_id, member_id, reason, rationale, decided_with, decided_by,"
	" decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_EXCL_LIFT[] =
	"UPDATE exclusions SET lifted_at = $3, lifted_by = $4, lift_reason = $5"
	" WHERE case_id = $1 AND id = $2 AND lifted_at IS NULL";
static const char SQL_EXCL_LIST[] =
	"SELECT x.id, x.member_id, p.name AS person_name, x.reason, x.rationale, x.decided_with,"
	" x.decided_by, u.name AS decided_by_name, x.decided_at, x.lifted_at, x.lifted_by,"
	" l.name AS lifted_by_name, x.lift_reason"
	" FROM exclusions x JOIN case_people m ON m.id = x.member_id JOIN people p ON p.id = m.person_id"
	" LEFT JOIN users u ON u.id = x.decided_by LEFT JOIN users l ON l.id = x.lifted_by"
	" WHERE x.case_id = $1 ORDER BY x.id DESC";

static void year(const json_t *in, const char *key, char out[24])
{
	long v = form_int(in, key, 0);
	if (v > 0)
		snprintf(out, 24, "%ld", v);
	else
		out[0] = '\0';
}

int relationship_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"id", NULL, COL_STR}, {"a", NULL, COL_STR}, {"b", NULL, COL_STR},
		{"a_name", NULL, COL_STR}, {"b_name", NULL, COL_STR}, {"kind", NULL, COL_STR},
		{"start_year", NULL, COL_INT}, {"end_year", NULL, COL_INT},
		{"agency", NULL, COL_STR}, {"professional_role", NULL, COL_STR}, {NULL}};
	struct db_result *r;
	if (db_query(db, SQL_REL_LIST, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, cols);
	db_result_free(r);
	return 0;
}

int relationship_insert(struct db *db, const char *person_a, const char *person_b, const json_t *in,
			const char *now, char id_out[33], struct err *e)
{
	char from[24], to[24];
	year(in, "start_year", from);
	year(in, "end_year", to);
	ids_new(id_out);
	return db_exec(db, SQL_REL_INSERT,
		       DB_ARGS(id_out, person_a, person_b, form_str(in, "kind"), from[0] ? from : NULL,
			       to[0] ? to : NULL, form_str(in, "agency"), form_str(in, "professional_role"),
			       now),
		       NULL, e);
}

int relationship_between(struct db *db, const char *person_a, const char *person_b, char kind_out[32],
			 struct err *e)
{
	struct db_result *r;
	kind_out[0] = '\0';
	if (db_query(db, SQL_REL_BETWEEN, DB_ARGS(person_a, person_b), &r, e) != 0)
		return -1;
	if (db_nrows(r) > 0)
		snprintf(kind_out, 32, "%s", db_get(r, 0, "kind"));
	db_result_free(r);
	return 0;
}

int relationship_get(struct db *db, const char *case_id, const char *id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"id", NULL, COL_STR}, {"a_name", NULL, COL_STR}, {"b_name", NULL, COL_STR},
		{"kind", NULL, COL_STR}, {NULL}};
	struct db_result *r;
	*out = NULL;
	if (db_query(db, SQL_REL_ON_CASE, DB_ARGS(case_id, id), &r, e) != 0)
		return -1;
	if (db_nrows(r) > 0)
		*out = rowjson(r, 0, cols);
	db_result_free(r);
	return 0;
}

int relationship_delete(struct db *db, const char *id, struct err *e)
{
	return db_exec(db, SQL_REL_DELETE, DB_ARGS(id), NULL, e);
}

int household_create(struct db *db, const char *label, const char *now, char id_out[33], struct err *e)
{
	ids_new(id_out);
	return db_exec(db, SQL_HH_INSERT, DB_ARGS(id_out, label, now), NULL, e);
}

int household_rename(struct db *db, const char *id, const char *label, struct err *e)
{
	return db_exec(db, SQL_HH_RENAME, DB_ARGS(id, label), NULL, e);
}

int household_move(struct db *db, const char *person_id, const char *household_id, struct err *e)
{
	return db_exec(db, SQL_HH_MOVE, DB_ARGS(person_id, household_id), NULL, e);
}

int household_get(struct db *db, const char *case_id, const char *id, char label_out[200],
		  struct err *e)
{
	struct db_result *r;
	label_out[0] = '\0';
	if (db_query(db, SQL_HH_ON_CASE, DB_ARGS(case_id, id), &r, e) != 0)
		return -1;
	if (db_nrows(r) > 0)
		snprintf(label_out, 200, "%s", db_get(r, 0, "label"));
	db_result_free(r);
	return 0;
}

int household_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_HH_LIST, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	json_t *list = json_array(), *last = NULL;
	for (int i = 0; i < db_nrows(r); i++) {
		const char *id = db_get(r, i, "id");
		if (!last || strcmp(form_str(last, "id"), id) != 0) {
			last = json_pack("{s:s,s:s,s:[]}", "id", id, "label", db_get(r, i, "label"), "members");
			json_array_append_new(list, last);
		}
		json_array_append_new(json_object_get(last, "members"),
				      json_pack("{s:s,s:s}", "id", db_get(r, i, "member_id"), "name",
						db_get(r, i, "name")));
	}
	db_result_free(r);
	*out = list;
	return 0;
}

int conversation_insert(struct db *db, const char *case_id, const json_t *in, const char *by,
			const char *now, struct err *e)
{
	char id[33];
	ids_new(id);
	return db_exec(db, SQL_CONV_INSERT,
		       DB_ARGS(id, case_id, form_str(in, "member_id"), form_str(in, "held_on"),
			       form_str(in, "method"), form_str(in, "outcome"), form_str(in, "worries"), by,
			       now),
		       NULL, e);
}

int conversation_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"id", NULL, COL_STR}, {"member_id", NULL, COL_STR}, {"person_name", NULL, COL_STR},
		{"held_on", NULL, COL_STR}, {"method", NULL, COL_STR}, {"outcome", NULL, COL_STR},
		{"worries", NULL, COL_STR}, {"recorded_by", NULL, COL_STR},
		{"recorded_by_name", NULL, COL_STR}, {"recorded_at", NULL, COL_STR}, {NULL}};
	struct db_result *r;
	if (db_query(db, SQL_CONV_LIST, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, cols);
	db_result_free(r);
	return 0;
}

int exclusion_insert(struct db *db, const char *case_id, const json_t *in, const char *by,
		     const char *now, struct err *e)
{
	char id[33];
	ids_new(id);
	return db_exec(db, SQL_EXCL_INSERT,
		       DB_ARGS(id, case_id, form_str(in, "member_id"), form_str(in, "reason"),
			       form_str(in, "rationale"), form_str(in, "decided_with"), by, now),
		       NULL, e);
}

int exclusion_lift(struct db *db, const char *case_id, const char *id, const char *by,
		   const char *reason, const char *now, struct err *e)
{
	return db_exec(db, SQL_EXCL_LIFT, DB_ARGS(case_id, id, now, by, reason), NULL, e);
}

int exclusion_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"id", NULL, COL_STR}, {"member_id", NULL, COL_STR}, {"person_name", NULL, COL_STR},
		{"reason", NULL, COL_STR}, {"rationale", NULL, COL_STR},
		{"decided_with", NULL, COL_STR}, {"decided_by", NULL, COL_STR},
		{"decided_by_name", NULL, COL_STR}, {"decided_at", NULL, COL_STR},
		{"lifted_at", NULL, COL_STR}, {"lifted_by", NULL, COL_STR},
		{"lifted_by_name", NULL, COL_STR}, {"lift_reason", NULL, COL_STR}, {NULL}};
	struct db_result *r;
	if (db_query(db, SQL_EXCL_LIST, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, cols);
	db_result_free(r);
	return 0;
}
