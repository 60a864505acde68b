/* people_store.c — SQL for case_people and consents. */
#include "people_store.h"
#include "rowjson.h"
#include "../domain/form.h"
#include "../util/ids.h"

#include <string.h>

static const char SQL_INSERT[] =
	"INSERT INTO case_people (id, case_id, name, role, relationship, parental_responsibility,"
	" email, phone, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char SQL_GET[] =
	"SELECT id, name, role, relationship, parental_responsibility, email, phone FROM case_people"
	" WHERE case_id = $1 AND id = $2";
static const char SQL_LIST[] =
	"SELECT id, name, role, relationship, parental_responsibility, email, phone FROM case_people"
	" WHERE case_id = $1 ORDER BY id";
static const char SQL_CONSENT[] =
	"INSERT INTO consents (id, case_id, person_id, to_meeting, to_sharing, method, given_at,"
	" recorded_by, recorded_at, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
static const char SQL_CURRENT[] =
	"SELECT to_meeting * to_sharing AS ok FROM consents WHERE person_id = $1 ORDER BY id DESC LIMIT 1";
static const char SQL_CONSENTS[] =
	"SELECT c.id, c.person_id, p.name AS person_name, c.to_meeting, c.to_sharing, c.method,"
	" c.given_at, c.recorded_by, u.name AS recorded_by_name, c.recorded_at, c.notes"
	" FROM consents c JOIN case_people p ON p.id = c.person_id LEFT JOIN users u ON u.id = c.recorded_by"
	" WHERE c.case_id = $1 ORDER BY c.id DESC";

static const struct col_map PERSON[] = {
	{"id", NULL, COL_STR}, {"name", NULL, COL_STR}, {"role", NULL, COL_STR},
	{"relationship", NULL, COL_STR}, {"parental_responsibility", NULL, COL_BOOL},
	{"email", NULL, COL_STR}, {"phone", NULL, COL_STR}, {NULL}};

int person_insert(struct db *db, const char *case_id, const json_t *in, const char *now,
		  char id_out[33], struct err *e)
{
	ids_new(id_out);
	return db_exec(db, SQL_INSERT,
		       DB_ARGS(id_out, case_id, form_str(in, "name"), form_str(in, "role"),
			       form_str(in, "relationship"),
			       form_bool(in, "parental_responsibility") ? "1" : "0",
			       form_str(in, "email"), form_str(in, "phone"), now),
		       NULL, e);
}

int person_get(struct db *db, const char *case_id, const char *person_id, json_t **out,
	       struct err *e)
{
	struct db_result *r;
	*out = NULL;
	if (db_query(db, SQL_GET, DB_ARGS(case_id, person_id), &r, e) != 0)
		return -1;
	if (db_nrows(r) > 0)
		*out = rowjson(r, 0, PERSON);
	db_result_free(r);
	return 0;
}

int person_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_LIST, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, PERSON);
	db_result_free(r);
	return 0;
}

int consent_insert(struct db *db, const char *case_id, const json_t *in, const char *given_at,
		   const char *recorded_by, const char *now, struct err *e)
{
	char id[33];
	ids_new(id);
	return db_exec(db, SQL_CONSENT,
		       DB_ARGS(id, case_id, form_str(in, "person_id"),
			       form_bool(in, "to_meeting") ? "1" : "0",
			       form_bool(in, "to_sharing") ? "1" : "0", form_str(in, "method"), given_at,
			       recorded_by, now, form_str(in, "notes")),
		       NULL, e);
}

int consent_current(struct db *db, const char *person_id, bool *given, struct err *e)
{
	struct db_result *r;
	*given = false;
	if (db_query(db, SQL_CURRENT, DB_ARGS(person_id), &r, e) != 0)
		return -1;
	*given = db_nrows(r) > 0 && strcmp(db_get(r, 0, "ok"), "1") == 0;
	db_result_free(r);
	return 0;
}

int consent_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"id", NULL, COL_STR}, {"person_id", NULL, COL_STR}, {"person_name", NULL, COL_STR},
		{"to_meeting", NULL, COL_BOOL}, {"to_sharing", NULL, COL_BOOL},
		{"method", NULL, COL_STR}, {"given_at", NULL, COL_STR},
		{"recorded_by", NULL, COL_STR}, {"recorded_by_name", NULL, COL_STR},
		{"recorded_at", NULL, COL_STR}, {"notes", NULL, COL_STR}, {NULL}};
	struct db_result *r;
	if (db_query(db, SQL_CONSENTS, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, cols);
	db_result_free(r);
	return 0;
}
