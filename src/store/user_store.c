/* user_store.c — SQL for users, user_roles and teams. */
#include "user_store.h"
#include "rowjson.h"
#include "../util/buf.h"
#include "../util/ids.h"

#include <stdlib.h>
#include <string.h>

static const char SQL_INSERT[] =
	"INSERT INTO users (id, name, email, active, created_at, team_id, password_hash, password_changed_at) "
	"VALUES ($1, $2, $3, 1, $4, $5, $6, CASE WHEN CAST($6 AS TEXT) IS NULL THEN NULL ELSE $4 END)";
static const char SQL_ADD_ROLE[] = "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)";
static const char SQL_DROP_ROLES[] = "DELETE FROM user_roles WHERE user_id = $1";
static const char SQL_LIST[] =
	"SELECT u.id, u.name, u.email, u.team_id, t.name AS team_name, u.active, "
	"CASE WHEN u.totp_secret IS NULL THEN 0 ELSE 1 END AS second_factor, r.role "
	"FROM users u LEFT JOIN user_roles r ON r.user_id = u.id LEFT JOIN teams t ON t.id = u.team_id "
	"WHERE (u.active = 1 OR $1 = '1') AND ($2 = '' OR u.id = $2) ORDER BY u.name, u.id, r.role";
static const char SQL_ROLES_OF[] =
	"SELECT u.name, r.role FROM users u JOIN user_roles r ON r.user_id = u.id "
	"WHERE u.id = $1 AND u.active = 1";
static const char SQL_COUNT[] = "SELECT COUNT(*) FROM users";
static const char SQL_AUTH_BY_EMAIL[] =
	"SELECT id, name, email, password_hash, totp_secret, totp_pending, totp_last_step, team_id, active "
	"FROM users WHERE LOWER(email) = LOWER($1)";
static const char SQL_AUTH_BY_ID[] =
	"SELECT id, name, email, password_hash, totp_secret, totp_pending, totp_last_step, team_id, active "
	"FROM users WHERE id = $1";
static const char SQL_ROLE_CODES[] = "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role";
static const char SQL_SET_PASSWORD[] =
	"UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1";
static const char SQL_SET_ACTIVE[] =
	"UPDATE users SET active = CAST($2 AS INTEGER), disabled_at = CASE WHEN $2 = '1' THEN NULL ELSE $3 END WHERE id = $1";
static const char SQL_SET_DETAILS[] = "UPDATE users SET name = $2, team_id = $3 WHERE id = $1";
static const char SQL_SET_TOTP_PENDING[] = "UPDATE users SET totp_pending = $2 WHERE id = $1";
static const char SQL_SET_TOTP[] =
	"UPDATE users SET totp_secret = $2, totp_pending = NULL, totp_last_step = CAST($3 AS BIGINT) WHERE id = $1";
static const char SQL_SET_TOTP_STEP[] = "UPDATE users SET totp_last_step = CAST($2 AS BIGINT) WHERE id = $1";
static const char SQL_TEAM_INSERT[] = "INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3)";
static const char SQL_TEAM_LIST[] =
	"SELECT t.id, t.name, (SELECT COUNT(*) FROM users u WHERE u.team_id = t.id AND u.active = 1) AS members "
	"FROM teams t ORDER BY t.name";
static const char SQL_TEAM_EXISTS[] = "SELECT 1 FROM teams WHERE id = $1";

static int add_roles(struct db *db, const char *id, const char *roles, struct err *e)
{
	char *copy = xstrdup(roles), *save = NULL;
	int rc = 0;
	for (char *r = strtok_r(copy, " ,", &save); r && rc == 0; r = strtok_r(NULL, " ,", &save))
		rc = db_exec(db, SQL_ADD_ROLE, DB_ARGS(id, r), NULL, e);
	free(copy);
	return rc;
}

int user_insert(struct db *db, const char *name, const char *email, const char *roles,
		const char *team_id, const char *password_hash, const char *created_at,
		char id_out[33], struct err *e)
{
	ids_new(id_out);
	if (db_exec(db, SQL_INSERT, DB_ARGS(id_out, name, email, created_at, team_id, password_hash), NULL, e) != 0)
		return -1;
	return add_roles(db, id_out, roles, e);
}

int user_set_roles(struct db *db, const char *id, const char *roles, struct err *e)
{
	if (db_exec(db, SQL_DROP_ROLES, DB_ARGS(id), NULL, e) != 0)
		return -1;
	return add_roles(db, id, roles, e);
}

static const struct col_map USER_COLS[] = {
	{"id"}, {"name"}, {"email"}, {"team_id"}, {"team_name"}, {"active", NULL, COL_BOOL},
	{"second_factor", NULL, COL_BOOL}, {NULL}};

/* One object per user, with the joined role rows folded into "roles". */
static json_t *fold_users(const struct db_result *r, const char *role)
{
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
			cur = rowjson(r, i, USER_COLS);
			json_object_set_new(cur, "roles", json_array());
			cur_id = id;
			keep = role == NULL;
		}
		const char *rl = db_get(r, i, "role");
		if (!rl)
			continue;
		json_array_append_new(json_object_get(cur, "roles"), json_string(rl));
		if (role && strcmp(role, rl) == 0)
			keep = true;
	}
	return list;
}

int user_list(struct db *db, const char *role, bool all, json_t **out, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_LIST, DB_ARGS(all ? "1" : "0", ""), &r, e) != 0)
		return -1;
	*out = fold_users(r, role);
	db_result_free(r);
	return 0;
}

int user_get(struct db *db, const char *id, json_t **out, struct err *e)
{
	struct db_result *r;
	*out = NULL;
	if (db_query(db, SQL_LIST, DB_ARGS("1", id), &r, e) != 0)
		return -1;
	json_t *list = fold_users(r, NULL);
	db_result_free(r);
	if (json_array_size(list) > 0)
		*out = json_incref(json_array_get(list, 0));
	json_decref(list);
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

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

static int auth_query(struct db *db, const char *sql, const char *key, struct user_auth *u,
		      bool *found, struct err *e)
{
	struct db_result *r, *roles;
	memset(u, 0, sizeof *u);
	*found = false;
	if (db_query(db, sql, DB_ARGS(key), &r, e) != 0)
		return -1;
	if (db_nrows(r) == 0) {
		db_result_free(r);
		return 0;
	}
	snprintf(u->id, sizeof u->id, "%s", db_get(r, 0, "id"));
	u->name = xstrdup(db_get(r, 0, "name"));
	u->email = xstrdup(db_get(r, 0, "email"));
	u->password_hash = dup_or_null(db_get(r, 0, "password_hash"));
	u->totp_secret = dup_or_null(db_get(r, 0, "totp_secret"));
	u->totp_pending = dup_or_null(db_get(r, 0, "totp_pending"));
	u->team_id = dup_or_null(db_get(r, 0, "team_id"));
	u->totp_last_step = strtoll(db_get(r, 0, "totp_last_step"), NULL, 10);
	u->active = strcmp(db_get(r, 0, "active"), "1") == 0;
	db_result_free(r);
	if (db_query(db, SQL_ROLE_CODES, DB_ARGS(u->id), &roles, e) != 0) {
		user_auth_free(u);
		return -1;
	}
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < db_nrows(roles); i++)
		buf_printf(&b, "%s%s", i ? " " : "", db_cell(roles, i, 0));
	db_result_free(roles);
	u->roles = b.data ? buf_steal(&b) : xstrdup("");
	*found = true;
	return 0;
}

int user_auth_by_email(struct db *db, const char *email, struct user_auth *out, bool *found,
		       struct err *e)
{
	return auth_query(db, SQL_AUTH_BY_EMAIL, email, out, found, e);
}

int user_auth_by_id(struct db *db, const char *id, struct user_auth *out, bool *found, struct err *e)
{
	return auth_query(db, SQL_AUTH_BY_ID, id, out, found, e);
}

void user_auth_free(struct user_auth *u)
{
	free(u->name);
	free(u->email);
	free(u->password_hash);
	free(u->totp_secret);
	free(u->totp_pending);
	free(u->team_id);
	free(u->roles);
	memset(u, 0, sizeof *u);
}

int user_set_password(struct db *db, const char *id, const char *hash, const char *at, struct err *e)
{
	return db_exec(db, SQL_SET_PASSWORD, DB_ARGS(id, hash, at), NULL, e);
}

int user_set_active(struct db *db, const char *id, bool active, const char *at, struct err *e)
{
	return db_exec(db, SQL_SET_ACTIVE, DB_ARGS(id, active ? "1" : "0", at), NULL, e);
}

int user_set_details(struct db *db, const char *id, const char *name, const char *team_id,
		     struct err *e)
{
	return db_exec(db, SQL_SET_DETAILS, DB_ARGS(id, name, team_id), NULL, e);
}

int user_set_totp_pending(struct db *db, const char *id, const char *secret, struct err *e)
{
	return db_exec(db, SQL_SET_TOTP_PENDING, DB_ARGS(id, secret), NULL, e);
}

int user_set_totp(struct db *db, const char *id, const char *secret, int64_t step, struct err *e)
{
	char s[24];
	snprintf(s, sizeof s, "%lld", (long long)step);
	return db_exec(db, SQL_SET_TOTP, DB_ARGS(id, secret, s), NULL, e);
}

int user_set_totp_step(struct db *db, const char *id, int64_t step, struct err *e)
{
	char s[24];
	snprintf(s, sizeof s, "%lld", (long long)step);
	return db_exec(db, SQL_SET_TOTP_STEP, DB_ARGS(id, s), NULL, e);
}

int team_insert(struct db *db, const char *name, const char *created_at, char id_out[33], struct err *e)
{
	ids_new(id_out);
	return db_exec(db, SQL_TEAM_INSERT, DB_ARGS(id_out, name, created_at), NULL, e);
}

int team_list(struct db *db, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {{"id"}, {"name"}, {"members", NULL, COL_INT}, {NULL}};
	struct db_result *r;
	if (db_query(db, SQL_TEAM_LIST, DB_NOARGS, &r, e) != 0)
		return -1;
	*out = rowjson_all(r, cols);
	db_result_free(r);
	return 0;
}

int team_exists(struct db *db, const char *id, bool *yes, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_TEAM_EXISTS, DB_ARGS(id), &r, e) != 0)
		return -1;
	*yes = db_nrows(r) > 0;
	db_result_free(r);
	return 0;
}
