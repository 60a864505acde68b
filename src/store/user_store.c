/* user_store.c — SQL for users and user_roles. */
#include "user_store.h"
#include "rowjson.h"
#include "../util/buf.h"
#include "../util/ids.h"

#include <stdlib.h>
#include <string.h>

static const char SQL_INSERT[] =
	"INSERT INTO users (id, name, email, active, created_at) VALUES ($1, $2, $3, 1, $4)";
static const char SQL_ADD_ROLE[] = "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)";
static const char SQL_LIST[] =
	"SELECT u.id, u.name, u.email, r.role FROM users u JOIN user_roles r ON r.user_id = u.id "
	"WHERE u.active = 1 ORDER BY u.name, u.id, r.role";
static const char SQL_ROLES_OF[] =
	"SELECT u.name, r.role FROM users u JOIN user_roles r ON r.user_id = u.id "
	"WHERE u.id = $1 AND u.active = 1";
static const char SQL_COUNT[] = "SELECT COUNT(*) FROM users";

int user_insert(struct db *db, const char *name, const char *email, const char *roles,
		const char *created_at, char id_out[33], struct err *e)
{
	ids_new(id_out);
	if (db_exec(db, SQL_INSERT, DB_ARGS(id_out, name, email, created_at), NULL, e) != 0)
		return -1;
	char *copy = xstrdup(roles), *save = NULL;
	int rc = 0;
	for (char *r = strtok_r(copy, " ,", &save); r && rc == 0; r = strtok_r(NULL, " ,", &save))
		rc = db_exec(db, SQL_ADD_ROLE, DB_ARGS(id_out, r), NULL, e);
	free(copy);
	return rc;
}

int user_list(struct db *db, const char *role, json_t **out, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_LIST, DB_NOARGS, &r, e) != 0)
		return -1;
	json_t *list = json_array(), *cur = NULL;
	const char *cur_id = NULL;
	bool keep = false;
	for (int i = 0; i <= db_nrows(r); i++) {
		const char *id = i < db_nrows(r) ? db_get(r, i, "id") : NULL;
		if (cur && (!id || strcmp(id, cur_id) != 0)) {
			if (keep)
				json_array_append(list, cur);
			json_decref(cur);
			cur = NULL;
		}
		if (!id)
			break;
		if (!cur) {
			cur = json_pack("{s:s,s:s,s:s,s:[]}", "id", id, "name", db_get(r, i, "name"),
					"email", db_get(r, i, "email"), "roles");
			cur_id = id;
			keep = role == NULL;
		}
		const char *rl = db_get(r, i, "role");
		json_array_append_new(json_object_get(cur, "roles"), json_string(rl));
		if (role && strcmp(role, rl) == 0)
			keep = true;
	}
	db_result_free(r);
	*out = list;
	return 0;
}

int user_has_role(struct db *db, const char *id, const char *const *roles, bool *yes,
		  char **name_out, struct err *e)
{
	struct db_result *r;
	*yes = false;
	if (name_out)
		*name_out = NULL;
	if (db_query(db, SQL_ROLES_OF, DB_ARGS(id), &r, e) != 0)
		return -1;
	for (int i = 0; i < db_nrows(r); i++)
		for (int k = 0; roles[k]; k++)
			if (strcmp(db_get(r, i, "role"), roles[k]) == 0)
				*yes = true;
	if (name_out && db_nrows(r) > 0)
		*name_out = xstrdup(db_get(r, 0, "name"));
	db_result_free(r);
	return 0;
}

int user_count(struct db *db, long *out, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_COUNT, DB_NOARGS, &r, e) != 0)
		return -1;
	*out = strtol(db_cell(r, 0, 0), NULL, 10);
	db_result_free(r);
	return 0;
}
