/* venue_store.c — SQL for venues (venue_store.h). */
#include "venue_store.h"
#include "case_store.h"
#include "rowjson.h"
#include "../domain/form.h"
#include "../util/ids.h"

#include <string.h>

static const char SQL_LIST[] =
	"SELECT id, name, address, access_notes, active FROM venues"
	" WHERE ($1 = '1' OR active = 1) AND ($2 = '' OR id = $2) ORDER BY name_folded, id";
static const char SQL_TAKEN[] = "SELECT id FROM venues WHERE name_folded = $1 AND id <> $2";
static const char SQL_INSERT[] =
	"INSERT INTO venues (id, name, name_folded, address, access_notes, active, created_at, updated_at)"
	" VALUES ($1, $2, $3, $4, $5, 1, $6, $6)";
static const char SQL_UPDATE[] =
	"UPDATE venues SET name = $2, name_folded = $3, address = $4, access_notes = $5,"
	" active = CASE WHEN $6 = '' THEN active WHEN $6 = '1' THEN 1 ELSE 0 END, updated_at = $7 WHERE id = $1";

static const struct col_map COLS[] = {{"id"},           {"name"}, {"address"}, {"access_notes"},
				      {"active", NULL, COL_BOOL}, {NULL}};

static int list(struct db *db, bool all, const char *id, json_t **out, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_LIST, DB_ARGS(all ? "1" : "0", id ? id : ""), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, COLS);
	db_result_free(r);
	return 0;
}

int venue_list(struct db *db, bool all, json_t **out, struct err *e)
{
	return list(db, all, NULL, out, e);
}

int venue_get(struct db *db, const char *id, json_t **out, struct err *e)
{
	json_t *rows;
	*out = NULL;
	if (list(db, true, id, &rows, e) != 0)
		return -1;
	if (json_array_size(rows) == 1)
		*out = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return 0;
}

int venue_name_taken(struct db *db, const char *name, const char *except, bool *taken, struct err *e)
{
	char folded[400];
	case_fold(name, folded, sizeof folded);
	struct db_result *r;
	if (db_query(db, SQL_TAKEN, DB_ARGS(folded, except ? except : ""), &r, e) != 0)
		return -1;
	*taken = db_nrows(r) > 0;
	db_result_free(r);
	return 0;
}

int venue_insert(struct db *db, const json_t *in, const char *now, char id_out[33], struct err *e)
{
	char folded[400];
	case_fold(form_str(in, "name"), folded, sizeof folded);
	ids_new(id_out);
	return db_exec(db, SQL_INSERT,
		       DB_ARGS(id_out, form_str(in, "name"), folded, form_str(in, "address"), form_str(in, "access_notes"),
			       now),
		       NULL, e);
}

int venue_update(struct db *db, const char *id, const json_t *in, const char *now, struct err *e)
{
	char folded[400];
	case_fold(form_str(in, "name"), folded, sizeof folded);
	const char *active = !form_has(in, "active") ? "" : form_bool(in, "active") ? "1" : "0";
	return db_exec(db, SQL_UPDATE,
		       DB_ARGS(id, form_str(in, "name"), folded, form_str(in, "address"), form_str(in, "access_notes"),
			       active, now),
		       NULL, e);
}
