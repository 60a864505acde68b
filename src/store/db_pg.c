/* db_pg.c — the PostgreSQL backend of the db interface (db.h), for several
 * app servers sharing one database.
 *
 * Statements are prepared once per connection (PQprepare, text parameters,
 * no declared types, so the server infers each placeholder's type from where
 * it is used: INTEGER column, CAST, ...) and run with PQexecPrepared, so the
 * server parses and plans each query once rather than on every request. The
 * cache is keyed by the SQL string's address, confirmed with strcmp, as in
 * db_sqlite.c.
 * Results come back as text. Every session runs in UTF-8 and UTC, whatever
 * the server's defaults, so names and timestamps read the same as on SQLite.
 *
 * Two PostgreSQL habits are smoothed over here so both backends behave alike:
 * a parameter the SQL never mentions is an error for the server ("could not
 * determine data type"), so such parameters are declared as text; and COMMIT
 * of a transaction in which a statement failed quietly rolls back, so that
 * is turned into an error.
 */
#include "db_backend.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* pg_type.h's TEXTOID; the server headers are not part of libpq-dev. */
#define PG_TEXT_OID 25

/* More distinct statements than this and the cache starts over. */
#define CACHE_MAX 1024

struct prepared {
	const char *key; /* the caller's pointer: identity only */
	char *sql;       /* our copy, to confirm a hit */
	int nparams;
	char name[16];
};

struct pgc {
	PGconn *conn;
	bool in_tx; /* between our BEGIN and COMMIT/ROLLBACK */
	struct prepared *cache;
	size_t ncache;
	unsigned next_name;
};

static void cache_forget(struct pgc *c)
{
	for (size_t i = 0; i < c->ncache; i++)
		free(c->cache[i].sql);
	free(c->cache);
	c->cache = NULL;
	c->ncache = 0;
}

/* Error text from libpq ends with a newline; the web layer wants a sentence. */
static int pg_err(const struct pgc *c, const PGresult *res, struct err *e)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!msg)
		msg = PQerrorMessage(c->conn);
	int len = (int)strcspn(msg, "\n");
	if (state && strncmp(state, "23", 2) == 0) /* integrity constraint violation */
		return err_set(e, ERR_INVALID, NULL, DB_RULE_MSG, len, msg);
	return err_set(e, ERR_INTERNAL, NULL, "Database error: %.*s", len, msg);
}

/* Notices ("table already exists, skipping", "there is no transaction in
 * progress") would otherwise be printed on the server's stderr. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int session_setup(struct pgc *c, struct err *e)
{
	PQsetNoticeProcessor(c->conn, quiet, NULL);
	PGresult *res = PQexec(c->conn, "SET client_encoding TO 'UTF8'; SET TIME ZONE 'UTC'");
	int rc = 0;
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_err(c, res, e);
	PQclear(res);
	return rc;
}

/* A connection the server dropped (restart, idle timeout) is reopened
 * before the next statement, but never inside a transaction: a fresh session
 * would run the rest of it outside any transaction, and the final COMMIT
 * would "succeed" with half the writes. */
static int ensure_connected(struct pgc *c, struct err *e)
{
	if (PQstatus(c->conn) == CONNECTION_OK)
		return 0;
	if (c->in_tx)
		return err_set(e, ERR_INTERNAL, NULL,
			       "Database error: the connection was lost during a transaction");
	PQreset(c->conn);
	cache_forget(c); /* a new session has none of them */
	if (PQstatus(c->conn) != CONNECTION_OK)
		return pg_err(c, NULL, e);
	return session_setup(c, e);
}

/* Marks in used[] each $k (1..n) the SQL mentions and returns the highest k
 * mentioned. String literals, quoted identifiers and comments are skipped;
 * dollar-quoted bodies are not, as parameterised SQL has no use for them. */
static int scan_placeholders(const char *sql, int n, bool *used)
{
	int highest = 0;
	for (const char *p = sql; *p; p++) {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			while (p[1] && p[1] != q)
				p++;
			if (p[1])
				p++; /* the closing quote; '' reads as two literals */
		} else if (p[0] == '-' && p[1] == '-') {
			while (p[1] && p[1] != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			p++;
			while (p[1] && !(p[0] == '*' && p[1] == '/'))
				p++;
			if (p[1])
				p++;
		} else if (*p == '$' && p[1] >= '0' && p[1] <= '9' &&
			   (p == sql || !(p[-1] == '_' || p[-1] == '$' ||
					  (p[-1] >= '0' && p[-1] <= '9') ||
					  (p[-1] >= 'a' && p[-1] <= 'z') ||
					  (p[-1] >= 'A' && p[-1] <= 'Z')))) {
			long k = 0;
			while (p[1] >= '0' && p[1] <= '9') {
				if (k < 1000000)
					k = k * 10 + (p[1] - '0');
				p++;
			}
			if (k > highest)
				highest = (int)k;
			if (k >= 1 && k <= n)
				used[k - 1] = true;
		}
	}
	return highest;
}

/* The cached statement for sql, or NULL. A linear search: the server runs
 * a few hundred distinct statements, and the pointer comparison is cheap. */
static const struct prepared *cached(const struct pgc *c, const char *sql, int nparams)
{
	for (size_t i = 0; i < c->ncache; i++) {
		const struct prepared *p = &c->cache[i];
		if (p->key == sql && p->nparams == nparams && strcmp(p->sql, sql) == 0)
			return p;
	}
	return NULL;
}

/* Prepares sql on the connection and remembers it. */
static const struct prepared *prepare(struct pgc *c, const char *sql, int nparams, struct err *e)
{
	bool *used = NULL;
	Oid *types = NULL;
	PGresult *res = NULL;
	const struct prepared *out = NULL;
	if (c->ncache >= CACHE_MAX) {
		PQclear(PQexec(c->conn, "DEALLOCATE ALL"));
		cache_forget(c);
	}
	if (nparams > 0 && !(used = calloc((size_t)nparams, sizeof *used))) {
		err_set(e, ERR_INTERNAL, NULL, "Out of memory");
		goto out;
	}
	int highest = scan_placeholders(sql, nparams, used);
	if (highest > nparams) {
		err_set(e, ERR_INTERNAL, NULL, "Database error: placeholder $%d has no value", highest);
		goto out;
	}
	for (int i = 0; i < nparams; i++) {
		if (used[i])
			continue;
		if (!types && !(types = calloc((size_t)nparams, sizeof *types))) {
			err_set(e, ERR_INTERNAL, NULL, "Out of memory");
			goto out;
		}
		types[i] = PG_TEXT_OID; /* the rest stay 0: inferred */
	}
	struct prepared p = {.key = sql, .nparams = nparams, .sql = strdup(sql)};
	struct prepared *grown = realloc(c->cache, (c->ncache + 1) * sizeof *grown);
	if (!p.sql || !grown) {
		free(p.sql);
		if (grown)
			c->cache = grown;
		err_set(e, ERR_INTERNAL, NULL, "Out of memory");
		goto out;
	}
	c->cache = grown;
	snprintf(p.name, sizeof p.name, "h%u", c->next_name++);
	res = PQprepare(c->conn, p.name, sql, nparams, types);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		free(p.sql);
		pg_err(c, res, e);
		goto out;
	}
	c->cache[c->ncache] = p;
	out = &c->cache[c->ncache++];
out:
	PQclear(res);
	free(types);
	free(used);
	return out;
}

/* Runs one statement; on success *out holds its result (PQclear it). */
static int run(struct db *db, const char *sql, int nparams, const char *const *params,
	       PGresult **out, struct err *e)
{
	struct pgc *c = db->state;
	if (ensure_connected(c, e) < 0)
		return -1;
	const struct prepared *p = cached(c, sql, nparams);
	if (!p && !(p = prepare(c, sql, nparams, e)))
		return -1;
	PGresult *res = PQexecPrepared(c->conn, p->name, nparams, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		pg_err(c, res, e);
		PQclear(res);
		return -1;
	}
	*out = res;
	return 0;
}

static int pg_open(struct db *db, const char *url, struct err *e)
{
	struct pgc *c = calloc(1, sizeof *c);
	int rc = -1;

	if (!c) {
		err_set(e, ERR_INTERNAL, NULL, "Out of memory");
		goto out;
	}
	c->conn = PQconnectdb(url);
	if (!c->conn) {
		err_set(e, ERR_INTERNAL, NULL, "Out of memory");
		goto out;
	}
	if (PQstatus(c->conn) != CONNECTION_OK) {
		const char *msg = PQerrorMessage(c->conn);
		err_set(e, ERR_INTERNAL, NULL, "Could not connect to PostgreSQL: %.*s",
			(int)strcspn(msg, "\n"), msg);
		goto out;
	}
	if (session_setup(c, e) < 0)
		goto out;
	db->state = c;
	c = NULL;
	rc = 0;
out:
	if (c) {
		PQfinish(c->conn);
		free(c);
	}
	return rc;
}

static void pg_close(struct db *db)
{
	struct pgc *c = db->state;
	if (!c)
		return;
	PQfinish(c->conn);
	cache_forget(c);
	free(c);
	db->state = NULL;
}

static int pg_exec(struct db *db, const char *sql, int nparams, const char *const *params,
		   long *changes, struct err *e)
{
	PGresult *res = NULL;
	if (run(db, sql, nparams, params, &res, e) < 0)
		return -1;
	if (changes) {
		/* PQcmdTuples also counts the rows a SELECT returned; only
		 * writes count, as on SQLite. */
		const char *tag = PQcmdStatus(res), *n = PQcmdTuples(res);
		bool write = strncmp(tag, "INSERT ", 7) == 0 || strncmp(tag, "UPDATE ", 7) == 0 ||
			     strncmp(tag, "DELETE ", 7) == 0 || strncmp(tag, "MERGE ", 6) == 0;
		*changes = write && *n ? strtol(n, NULL, 10) : 0;
	}
	PQclear(res);
	return 0;
}

static int pg_query(struct db *db, const char *sql, int nparams, const char *const *params,
		    struct db_result **out, struct err *e)
{
	PGresult *res = NULL;
	struct db_result *r = NULL;
	int rc = -1;

	if (run(db, sql, nparams, params, &res, e) < 0)
		goto out;
	int nrows = PQntuples(res), ncols = PQnfields(res);
	r = db_result_new(ncols);
	if (!r)
		goto oom;
	for (int j = 0; j < ncols; j++)
		if (db_result_set_colname(r, j, PQfname(res, j)) < 0)
			goto oom;
	for (int i = 0; i < nrows; i++) {
		if (db_result_add_row(r) < 0)
			goto oom;
		for (int j = 0; j < ncols; j++) {
			bool null = PQgetisnull(res, i, j);
			if (db_result_add_cell(r, null ? NULL : PQgetvalue(res, i, j),
					       null ? 0 : (size_t)PQgetlength(res, i, j)) < 0)
				goto oom;
		}
	}
	*out = r;
	r = NULL;
	rc = 0;
	goto out;
oom:
	err_set(e, ERR_INTERNAL, NULL, "Out of memory");
out:
	db_result_free(r);
	PQclear(res);
	return rc;
}

static int pg_script(struct db *db, const char *sql, struct err *e)
{
	struct pgc *c = db->state;
	if (ensure_connected(c, e) < 0)
		return -1;
	/* PQexec runs several statements in one go, as one implicit
	 * transaction unless the script says otherwise; an error stops it. */
	PGresult *res = PQexec(c->conn, sql);
	ExecStatusType st = PQresultStatus(res);
	int rc = 0;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
		rc = pg_err(c, res, e);
	PQclear(res);
	return rc;
}

static int pg_begin(struct db *db, struct err *e)
{
	struct pgc *c = db->state;
	PGresult *res = NULL;
	if (run(db, "BEGIN", DB_NOARGS, &res, e) < 0)
		return -1;
	PQclear(res);
	c->in_tx = true;
	return 0;
}

static int pg_commit(struct db *db, struct err *e)
{
	struct pgc *c = db->state;
	PGresult *res = NULL;
	int rc = -1;

	if (run(db, "COMMIT", DB_NOARGS, &res, e) < 0)
		goto out;
	/* COMMIT of a transaction in which a statement failed answers
	 * "ROLLBACK", successfully: nothing was written. */
	if (strcmp(PQcmdStatus(res), "COMMIT") != 0) {
		err_set(e, ERR_INTERNAL, NULL,
			"Database error: the transaction was rolled back because a statement in it failed");
		goto out;
	}
	rc = 0;
out:
	/* Whatever happened, no transaction of ours is open any more. */
	c->in_tx = false;
	PQclear(res);
	return rc;
}

static void pg_rollback(struct db *db)
{
	struct pgc *c = db->state;
	c->in_tx = false;
	PGTransactionStatusType ts = PQtransactionStatus(c->conn);
	if (ts != PQTRANS_INTRANS && ts != PQTRANS_INERROR)
		return; /* idle, or the connection is gone (and the transaction with it) */
	PQclear(PQexec(c->conn, "ROLLBACK"));
}

const struct db_ops db_pg_ops = {
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.query = pg_query,
	.script = pg_script,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
};
