/* session_store.c — SQL for sessions, signin_failures and break_glass. */
#include "session_store.h"
#include "rowjson.h"
#include "../util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_INSERT[] =
	"INSERT INTO sessions (id, token_hash, user_id, csrf_token, second_factor, created_at, last_seen_at, address, user_agent) "
	"VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8)";
static const char SQL_FIND[] =
	"SELECT id, user_id, csrf_token, second_factor, created_at, last_seen_at, ended_at, ended_reason "
	"FROM sessions WHERE token_hash = $1";
static const char SQL_TOUCH[] = "UPDATE sessions SET last_seen_at = $2 WHERE id = $1";
static const char SQL_ROTATE[] = "UPDATE sessions SET token_hash = $2, second_factor = $3 WHERE id = $1";
static const char SQL_END[] =
	"UPDATE sessions SET ended_at = $4, ended_reason = $3 WHERE id = $1 AND user_id = $2 AND ended_at IS NULL";
static const char SQL_END_ALL[] =
	"UPDATE sessions SET ended_at = $4, ended_reason = $3 "
	"WHERE user_id = $1 AND ended_at IS NULL AND id <> COALESCE($2, '')";
static const char SQL_LIST[] =
	"SELECT id, created_at, last_seen_at, address, user_agent, second_factor FROM sessions "
	"WHERE user_id = $1 AND ended_at IS NULL AND last_seen_at >= $2 AND created_at >= $3 "
	"ORDER BY last_seen_at DESC";
static const char SQL_FAIL_COUNT[] =
	"SELECT COUNT(*) AS n, MIN(at) AS oldest FROM signin_failures WHERE key = $1 AND at >= $2";
static const char SQL_FAIL_ADD[] = "INSERT INTO signin_failures (key, at) VALUES ($1, $2)";
static const char SQL_FAIL_CLEAR[] = "DELETE FROM signin_failures WHERE key = $1";
static const char SQL_GLASS_GRANT[] =
	"INSERT INTO break_glass (session_id, case_id, reason, granted_at) VALUES ($1, $2, $3, $4) "
	"ON CONFLICT (session_id, case_id) DO UPDATE SET reason = excluded.reason, granted_at = excluded.granted_at";
static const char SQL_GLASS_FIND[] = "SELECT reason FROM break_glass WHERE session_id = $1 AND case_id = $2";

int session_insert(struct db *db, const char *id, const char *token_hash, const char *user_id,
		   const char *csrf, const char *second_factor, const char *now, const char *address,
		   const char *user_agent, struct err *e)
{
	return db_exec(db, SQL_INSERT,
		       DB_ARGS(id, token_hash, user_id, csrf, second_factor, now, address, user_agent), NULL, e);
}

int session_find(struct db *db, const char *token_hash, struct session_row *out, bool *found,
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
		snprintf(out->csrf, sizeof out->csrf, "%s", db_get(r, 0, "csrf_token"));
		snprintf(out->second_factor, sizeof out->second_factor, "%s", db_get(r, 0, "second_factor"));
		snprintf(out->created_at, sizeof out->created_at, "%s", db_get(r, 0, "created_at"));
		snprintf(out->last_seen_at, sizeof out->last_seen_at, "%s", db_get(r, 0, "last_seen_at"));
		out->ended = db_get(r, 0, "ended_at") != NULL;
		const char *why = db_get(r, 0, "ended_reason");
		snprintf(out->ended_reason, sizeof out->ended_reason, "%s", why ? why : "");
		*found = true;
	}
	db_result_free(r);
	return 0;
}

int session_touch(struct db *db, const char *id, const char *now, struct err *e)
{
	return db_exec(db, SQL_TOUCH, DB_ARGS(id, now), NULL, e);
}

int session_rotate(struct db *db, const char *id, const char *token_hash, const char *second_factor,
		   struct err *e)
{
	return db_exec(db, SQL_ROTATE, DB_ARGS(id, token_hash, second_factor), NULL, e);
}

int session_end(struct db *db, const char *id, const char *user_id, const char *reason,
		const char *now, bool *ended, struct err *e)
{
	long n = 0;
	int rc = db_exec(db, SQL_END, DB_ARGS(id, user_id, reason, now), &n, e);
	*ended = n > 0;
	return rc;
}

int session_end_all(struct db *db, const char *user_id, const char *keep_id, const char *reason,
		    const char *now, struct err *e)
{
	return db_exec(db, SQL_END_ALL, DB_ARGS(user_id, keep_id, reason, now), NULL, e);
}

int session_list(struct db *db, const char *user_id, const char *idle_since, const char *started_since,
		 json_t **out, struct err *e)
{
	static const struct col_map cols[] = {{"id"}, {"created_at"}, {"last_seen_at"}, {"address"},
					      {"user_agent"}, {"second_factor"}, {NULL}};
	struct db_result *r;
	if (db_query(db, SQL_LIST, DB_ARGS(user_id, idle_since, started_since), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, cols);
	db_result_free(r);
	return 0;
}

int failure_count(struct db *db, const char *key, const char *since, long *count,
		  char oldest[32], struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_FAIL_COUNT, DB_ARGS(key, since), &r, e) != 0)
		return -1;
	*count = strtol(db_get(r, 0, "n"), NULL, 10);
	const char *o = db_get(r, 0, "oldest");
	snprintf(oldest, 32, "%s", o ? o : "");
	db_result_free(r);
	return 0;
}

int failure_add(struct db *db, const char *key, const char *at, struct err *e)
{
	return db_exec(db, SQL_FAIL_ADD, DB_ARGS(key, at), NULL, e);
}

int failure_clear(struct db *db, const char *key, struct err *e)
{
	return db_exec(db, SQL_FAIL_CLEAR, DB_ARGS(key), NULL, e);
}

int glass_grant(struct db *db, const char *session_id, const char *case_id, const char *reason,
		const char *at, struct err *e)
{
	return db_exec(db, SQL_GLASS_GRANT, DB_ARGS(session_id, case_id, reason, at), NULL, e);
}

int glass_find(struct db *db, const char *session_id, const char *case_id, char **reason_out,
	       struct err *e)
{
	struct db_result *r;
	*reason_out = NULL;
	if (db_query(db, SQL_GLASS_FIND, DB_ARGS(session_id, case_id), &r, e) != 0)
		return -1;
	if (db_nrows(r) > 0)
		*reason_out = xstrdup(db_get(r, 0, "reason"));
	db_result_free(r);
	return 0;
}
