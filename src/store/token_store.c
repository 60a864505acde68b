/* token_store.c — SQL for api_tokens. */
#include "token_store.h"
#include "rowjson.h"

#include <stdio.h>
#include <stdlib.h>
#include "../util/buf.h"
#include <string.h>

static const char SQL_INSERT[] =
	"INSERT INTO api_tokens (id, token_hash, user_id, name, roles, created_at, created_by) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_FIND[] =
	"SELECT id, user_id, roles, last_used_at, revoked_at FROM api_tokens WHERE token_hash = $1";
static const char SQL_TOUCH[] = "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1";
static const char SQL_REVOKE[] =
	"UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND ($2 = '' OR user_id = $2) AND revoked_at IS NULL";
static const char SQL_LIST[] =
	"SELECT t.id, t.name, t.user_id, u.name AS user_name, t.roles, t.created_at, t.last_used_at "
	"FROM api_tokens t JOIN users u ON u.id = t.user_id "
	"WHERE t.revoked_at IS NULL AND ($1 = '' OR t.user_id = $1) ORDER BY t.created_at DESC, t.id";

int apitoken_insert(struct db *db, const char *id, const char *token_hash, const char *user_id,
		    const char *name, const char *roles, const char *created_by, const char *now,
		    struct err *e)
{
	return db_exec(db, SQL_INSERT, DB_ARGS(id, token_hash, user_id, name, roles, now, created_by), NULL, e);
}

int apitoken_find(struct db *db, const char *token_hash, struct apitoken_row *out, bool *found,
		  struct err *e)
{
	struct db_result *r;
	memset(out, 0, sizeof *out);
	*found = false;
	if (db_query(db, SQL_FIND, DB_ARGS(token_hash), &r, e) != 0)
		return -1;
	if (db_nrows(r) == 1) {
		snprintf(out->id, sizeof out->id, "%s", db_get(r, 0, "id"));
		snprintf(out->user_id, sizeof out->user_id, "%s", db_get(r, 0, "user_id"));
		snprintf(out->roles, sizeof out->roles, "%s", db_get(r, 0, "roles"));
		const char *used = db_get(r, 0, "last_used_at");
		snprintf(out->last_used_at, sizeof out->last_used_at, "%s", used ? used : "");
		out->revoked = db_get(r, 0, "revoked_at") != NULL;
		*found = true;
	}
	db_result_free(r);
	return 0;
}

int apitoken_touch(struct db *db, const char *id, const char *now, struct err *e)
{
	return db_exec(db, SQL_TOUCH, DB_ARGS(id, now), NULL, e);
}

int apitoken_revoke(struct db *db, const char *id, const char *owner, const char *now, bool *done,
		    struct err *e)
{
	long n = 0;
	int rc = db_exec(db, SQL_REVOKE, DB_ARGS(id, owner ? owner : "", now), &n, e);
	*done = n > 0;
	return rc;
}

int apitoken_list(struct db *db, const char *user_id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {{"id"}, {"name"}, {"user_id"}, {"user_name"}, {"roles"},
					      {"created_at"}, {"last_used_at"}, {NULL}};
	struct db_result *r;
	if (db_query(db, SQL_LIST, DB_ARGS(user_id ? user_id : ""), &r, e) != 0)
		return -1;
	json_t *list = rowjson_all(r, cols);
	db_result_free(r);
	size_t i;
	json_t *t;
	json_array_foreach(list, i, t) {
		/* "coordinator referrer" -> ["coordinator", "referrer"] */
		char *copy = xstrdup(json_string_value(json_object_get(t, "roles"))), *save = NULL;
		json_t *roles = json_array();
		for (char *p = strtok_r(copy, " ", &save); p; p = strtok_r(NULL, " ", &save))
			json_array_append_new(roles, json_string(p));
		free(copy);
		json_object_set_new(t, "roles", roles);
	}
	*out = list;
	return 0;
}
