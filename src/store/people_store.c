/* people_store.c — SQL for people (recorded once, across cases), their
 * place on each case (case_people: role, parental responsibility,
 * invitation) and consents. A person on a case is addressed by the id of
 * their place on it (the "member" id), which consent, attendance and
 * distribution records keep; `person_id` is the person themselves. */
#include "people_store.h"
#include "case_store.h"
#include "rowjson.h"
#include "visible_sql.h"
#include "../domain/form.h"
#include "../util/buf.h"
#include "../util/ids.h"

#include <stdio.h>
#include <string.h>

static const char SQL_PERSON_INSERT[] =
	"INSERT INTO people (id, name, name_folded, known_as, dob, approx_age, gender, pronouns,"
	" first_language, interpreter, interpreter_language, religion_culture, accessibility, email, phone,"
	" address, address_confidential, contact_restriction, contact_restriction_note, deceased, death_year,"
	" created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
	" $16, $17, $18, $19, $20, $21, $22, $22)";
static const char SQL_PERSON_UPDATE[] =
	"UPDATE people SET name = $2, name_folded = $3, known_as = $4, dob = $5, approx_age = $6, gender = $7,"
	" pronouns = $8, first_language = $9, interpreter = $10, interpreter_language = $11,"
	" religion_culture = $12, accessibility = $13, email = $14, phone = $15, address = $16,"
	" address_confidential = $17, contact_restriction = $18, contact_restriction_note = $19,"
	" deceased = $20, death_year = $21, updated_at = $22 WHERE id = $1";
static const char SQL_MEMBER_INSERT[] =
	"INSERT INTO case_people (id, case_id, person_id, role, relationship, parental_responsibility,"
	" subject, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_MEMBER_UPDATE[] =
	"UPDATE case_people SET role = $3, relationship = $4, parental_responsibility = $5"
	" WHERE case_id = $1 AND id = $2";
static const char SQL_ON_CASE[] =
	"SELECT id FROM case_people WHERE case_id = $1 AND person_id = $2";
static const char SQL_SUBJECT_SYNC[] =
	"UPDATE people SET name = $2, name_folded = $3, dob = $4, updated_at = $5"
	" WHERE id = (SELECT person_id FROM case_people WHERE case_id = $1 AND subject = 1)";
static const char SQL_CHILD_SYNC[] =
	"UPDATE cases SET child_name = (SELECT name FROM people WHERE id = $1),"
	" child_name_folded = (SELECT name_folded FROM people WHERE id = $1),"
	" child_dob = (SELECT dob FROM people WHERE id = $1)"
	" WHERE id IN (SELECT case_id FROM case_people WHERE person_id = $1 AND subject = 1)";

/* Everything about a person on a case; the active exclusion, if any. */
#define MEMBER_SELECT                                                                               \
	"SELECT m.id, m.person_id, m.role, m.relationship, m.parental_responsibility, m.subject,"   \
	" m.invited, m.invited_at, m.response, m.response_at, m.response_note,"                     \
	" p.name, p.known_as, p.dob, p.approx_age, p.gender, p.pronouns, p.first_language,"         \
	" p.interpreter, p.interpreter_language, p.religion_culture, p.accessibility, p.email,"     \
	" p.phone, p.address, p.address_confidential, p.contact_restriction,"                       \
	" p.contact_restriction_note, p.deceased, p.death_year, p.household_id, h.label AS household," \
	" x.id AS exclusion_id, x.reason AS exclusion_reason"                                        \
	" FROM case_people m JOIN people p ON p.id = m.person_id"                                    \
	" LEFT JOIN households h ON h.id = p.household_id"                                           \
	" LEFT JOIN exclusions x ON x.member_id = m.id AND x.lifted_at IS NULL"

static const char SQL_FIND[] = "SELECT id, name FROM people WHERE id = $1";
static const char SQL_GET[] = MEMBER_SELECT " WHERE m.case_id = $1 AND m.id = $2";
static const char SQL_LIST[] = MEMBER_SELECT " WHERE m.case_id = $1 ORDER BY m.subject DESC, m.id";

static const char SQL_SEARCH[] =
	"SELECT p.id, p.name, p.known_as, p.dob, p.approx_age, p.gender, p.deceased,"
	" c.id AS case_id, c.reference, c.child_name"
	" FROM people p JOIN case_people m ON m.person_id = p.id JOIN cases c ON c.id = m.case_id"
	" WHERE (p.name_folded LIKE $1 ESCAPE '\\' OR LOWER(COALESCE(p.known_as, '')) LIKE $1 ESCAPE '\\')"
	" AND " CASE_VISIBLE_SQL("$2", "$3", "$4", "$5")
	" ORDER BY p.name_folded, p.id, c.id LIMIT 100";

static const char SQL_SET_INVITED[] =
	"UPDATE case_people SET invited = $3, invited_at = $4 WHERE case_id = $1 AND id = $2";
static const char SQL_WITHDRAW[] =
	"UPDATE case_people SET invited = 0, invited_at = NULL, response = NULL, response_at = NULL,"
	" response_note = NULL WHERE person_id = $1 AND invited = 1";
static const char SQL_SET_RESPONSE[] =
	"UPDATE case_people SET response = $3, response_at = $4, response_note = $5"
	" WHERE case_id = $1 AND id = $2";

static const char SQL_CONSENT[] =
	"INSERT INTO consents (id, case_id, person_id, to_meeting, to_sharing, method, given_at,"
	" recorded_by, recorded_at, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
static const char SQL_CURRENT[] =
	"SELECT to_meeting * to_sharing AS ok FROM consents WHERE person_id = $1 ORDER BY id DESC LIMIT 1";
static const char SQL_CONSENTS[] =
	"SELECT c.id, c.person_id, p.name AS person_name, c.to_meeting, c.to_sharing, c.method,"
	" c.given_at, c.recorded_by, u.name AS recorded_by_name, c.recorded_at, c.notes"
	" FROM consents c JOIN case_people m ON m.id = c.person_id JOIN people p ON p.id = m.person_id"
	" LEFT JOIN users u ON u.id = c.recorded_by"
	" WHERE c.case_id = $1 ORDER BY c.id DESC";

static const struct col_map MEMBER[] = {
	{"id", NULL, COL_STR}, {"person_id", NULL, COL_STR}, {"name", NULL, COL_STR},
	{"known_as", NULL, COL_STR}, {"role", NULL, COL_STR}, {"relationship", NULL, COL_STR},
	{"parental_responsibility", NULL, COL_BOOL}, {"subject", NULL, COL_BOOL},
	{"dob", NULL, COL_STR}, {"approx_age", NULL, COL_INT}, {"gender", NULL, COL_STR},
	{"pronouns", NULL, COL_STR}, {"first_language", NULL, COL_STR},
	{"interpreter", NULL, COL_STR}, {"interpreter_language", NULL, COL_STR},
	{"religion_culture", NULL, COL_STR}, {"accessibility", NULL, COL_STR},
	{"email", NULL, COL_STR}, {"phone", NULL, COL_STR}, {"address", NULL, COL_STR},
	{"address_confidential", NULL, COL_BOOL}, {"contact_restriction", NULL, COL_STR},
	{"contact_restriction_note", NULL, COL_STR}, {"deceased", NULL, COL_BOOL},
	{"death_year", NULL, COL_INT}, {"household_id", NULL, COL_STR}, {"household", NULL, COL_STR},
	{"invited", NULL, COL_BOOL}, {"invited_at", NULL, COL_STR}, {"response", NULL, COL_STR},
	{"response_at", NULL, COL_STR}, {"response_note", NULL, COL_STR},
	{"exclusion_id", NULL, COL_STR}, {"exclusion_reason", NULL, COL_STR}, {NULL}};

static void num(const json_t *in, const char *key, char out[24])
{
	long v = form_int(in, key, -1);
	if (v < 0)
		out[0] = '\0';
	else
		snprintf(out, 24, "%ld", v);
}

/* The values of SQL_PERSON_INSERT / SQL_PERSON_UPDATE, $1..$22. */
static int person_write(struct db *db, const char *sql, const char *id, const json_t *in,
			const char *now, struct err *e)
{
	char folded[800], age[24], died[24];
	case_fold(form_str(in, "name"), folded, sizeof folded);
	num(in, "approx_age", age);
	num(in, "death_year", died);
	const char *gender = form_str(in, "gender"), *interp = form_str(in, "interpreter"),
		   *restriction = form_str(in, "contact_restriction");
	return db_exec(db, sql,
		       DB_ARGS(id, form_str(in, "name"), folded, form_str(in, "known_as"),
			       form_str(in, "dob"), age[0] ? age : NULL, gender ? gender : "unknown",
			       form_str(in, "pronouns"), form_str(in, "first_language"),
			       interp ? interp : "none", form_str(in, "interpreter_language"),
			       form_str(in, "religion_culture"), form_str(in, "accessibility"),
			       form_str(in, "email"), form_str(in, "phone"), form_str(in, "address"),
			       form_bool(in, "address_confidential") ? "1" : "0",
			       restriction ? restriction : "none", form_str(in, "contact_restriction_note"),
			       form_bool(in, "deceased") ? "1" : "0", died[0] ? died : NULL, now),
		       NULL, e);
}

int person_create(struct db *db, const json_t *in, const char *now, char id_out[33], struct err *e)
{
	ids_new(id_out);
	return person_write(db, SQL_PERSON_INSERT, id_out, in, now, e);
}

int person_update(struct db *db, const char *person_id, const json_t *in, const char *now,
		  struct err *e)
{
	if (person_write(db, SQL_PERSON_UPDATE, person_id, in, now, e) != 0)
		return -1;
	/* The case's own record of its child follows the child's details,
	 * and so do the words it is found by. */
	if (db_exec(db, SQL_CHILD_SYNC, DB_ARGS(person_id), NULL, e) != 0)
		return -1;
	return case_terms_refresh_child(db, person_id, e);
}

int member_add(struct db *db, const char *case_id, const char *person_id, const json_t *in,
	       bool subject, const char *now, char id_out[33], struct err *e)
{
	ids_new(id_out);
	return db_exec(db, SQL_MEMBER_INSERT,
		       DB_ARGS(id_out, case_id, person_id, form_str(in, "role"),
			       form_str(in, "relationship"),
			       form_bool(in, "parental_responsibility") ? "1" : "0", subject ? "1" : "0",
			       now),
		       NULL, e);
}

int member_update(struct db *db, const char *case_id, const char *member_id, const json_t *in,
		  struct err *e)
{
	return db_exec(db, SQL_MEMBER_UPDATE,
		       DB_ARGS(case_id, member_id, form_str(in, "role"), form_str(in, "relationship"),
			       form_bool(in, "parental_responsibility") ? "1" : "0"),
		       NULL, e);
}

int member_of(struct db *db, const char *case_id, const char *person_id, char member_out[33],
	      struct err *e)
{
	struct db_result *r;
	member_out[0] = '\0';
	if (db_query(db, SQL_ON_CASE, DB_ARGS(case_id, person_id), &r, e) != 0)
		return -1;
	if (db_nrows(r) > 0)
		snprintf(member_out, 33, "%s", db_get(r, 0, "id"));
	db_result_free(r);
	return 0;
}

int subject_sync(struct db *db, const char *case_id, const char *name, const char *dob,
		 const char *now, struct err *e)
{
	char folded[800];
	case_fold(name, folded, sizeof folded);
	return db_exec(db, SQL_SUBJECT_SYNC, DB_ARGS(case_id, name, folded, dob, now), NULL, e);
}

int person_insert(struct db *db, const char *case_id, const json_t *in, const char *now,
		  char id_out[33], struct err *e)
{
	char person[33];
	const char *existing = form_str(in, "person_id");
	if (!existing) {
		if (person_create(db, in, now, person, e) != 0)
			return -1;
		existing = person;
	}
	return member_add(db, case_id, existing, in,
			  form_str(in, "role") && strcmp(form_str(in, "role"), "child") == 0 &&
				  form_bool(in, "subject"),
			  now, id_out, e);
}

int person_find(struct db *db, const char *person_id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {{"id", NULL, COL_STR}, {"name", NULL, COL_STR}, {NULL}};
	struct db_result *r;
	*out = NULL;
	if (db_query(db, SQL_FIND, DB_ARGS(person_id), &r, e) != 0)
		return -1;
	if (db_nrows(r) > 0)
		*out = rowjson(r, 0, cols);
	db_result_free(r);
	return 0;
}

int person_get(struct db *db, const char *case_id, const char *member_id, json_t **out,
	       struct err *e)
{
	struct db_result *r;
	*out = NULL;
	if (db_query(db, SQL_GET, DB_ARGS(case_id, member_id), &r, e) != 0)
		return -1;
	if (db_nrows(r) > 0)
		*out = rowjson(r, 0, MEMBER);
	db_result_free(r);
	return 0;
}

int person_list(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_LIST, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, MEMBER);
	db_result_free(r);
	return 0;
}

int person_search(struct db *db, const char *text, const struct case_visibility *see,
		  json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"id", NULL, COL_STR}, {"name", NULL, COL_STR}, {"known_as", NULL, COL_STR},
		{"dob", NULL, COL_STR}, {"approx_age", NULL, COL_INT}, {"gender", NULL, COL_STR},
		{"deceased", NULL, COL_BOOL}, {"case_id", NULL, COL_STR},
		{"reference", NULL, COL_STR}, {"child_name", NULL, COL_STR}, {NULL}};
	struct db_result *r;
	struct buf like;
	buf_init(&like);
	case_like_pattern(text, &like);
	int rc = db_query(db, SQL_SEARCH,
			  DB_ARGS(like.data, see->all ? "1" : "0", see->coordinator, see->referrer, see->team),
			  &r, e);
	buf_free(&like);
	if (rc != 0)
		return -1;
	json_t *rows = rowjson_all(r, cols);
	db_result_free(r);
	/* One entry per person, with the cases (visible to the asker) they are on. */
	json_t *people = json_array(), *last = NULL;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		const char *id = form_str(row, "id");
		if (!last || strcmp(form_str(last, "id"), id) != 0) {
			last = json_pack("{s:s,s:O,s:O,s:O,s:O,s:O,s:O,s:[]}", "id", id, "name",
					 json_object_get(row, "name"), "known_as", json_object_get(row, "known_as"),
					 "dob", json_object_get(row, "dob"), "approx_age",
					 json_object_get(row, "approx_age"), "gender", json_object_get(row, "gender"),
					 "deceased", json_object_get(row, "deceased"), "cases");
			json_array_append_new(people, last);
		}
		json_array_append_new(json_object_get(last, "cases"),
				      json_pack("{s:O,s:O,s:O}", "id", json_object_get(row, "case_id"),
						"reference", json_object_get(row, "reference"), "child_name",
						json_object_get(row, "child_name")));
	}
	json_decref(rows);
	*out = people;
	return 0;
}

int member_set_invited(struct db *db, const char *case_id, const char *member_id, bool invited,
		       const char *at, struct err *e)
{
	return db_exec(db, SQL_SET_INVITED,
		       DB_ARGS(case_id, member_id, invited ? "1" : "0", invited ? at : NULL), NULL, e);
}

int member_withdraw_everywhere(struct db *db, const char *person_id, struct err *e)
{
	return db_exec(db, SQL_WITHDRAW, DB_ARGS(person_id), NULL, e);
}

int member_set_response(struct db *db, const char *case_id, const char *member_id,
			const char *response, const char *at, const char *note, struct err *e)
{
	return db_exec(db, SQL_SET_RESPONSE, DB_ARGS(case_id, member_id, response, at, note), NULL, e);
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
