/* db_sqlite.c — the SQLite backend of the db interface (db.h), hearth's
 * embedded default.
 *
 * One connection per worker thread (the pool sees to that), so the handle is
 * opened NOMUTEX: SQLite's own locking would only add cost. Concurrency
 * between connections comes from WAL (readers never wait for the writer) and
 * BEGIN IMMEDIATE plus busy_timeout: a writer takes the write lock up front
 * and waits up to five seconds for it, instead of failing with SQLITE_BUSY
 * when a read transaction tries to become a write one.
 *
 * SQL uses PostgreSQL's $1, $2 ... placeholders. SQLite reads "$1" as a named
 * parameter and numbers parameters by first appearance, so "SELECT $2, $1"
 * has "$2" as parameter 1: each placeholder is bound by its name, never by
 * position.
 *
 * Prepared statements are cached per connection, keyed by the SQL string's
 * address (queries are static constants, so the address identifies the
 * query) and confirmed with strcmp against a private copy, so a reused buffer
 * holding different SQL is recompiled rather than misread.
 */
#include "db_backend.h"

#include <assert.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BUSY_TIMEOUT_MS 5000
/* More distinct statements than this means SQL is being built at run time;
 * rather than grow without bound, the cache starts over. */
#define CACHE_MAX 1024

struct slot {
	const char *key; /* the caller's pointer: identity only, never read */
	char *sql;       /* our copy, to confirm a hit */
	sqlite3_stmt *stmt;
	int *numbers;    /* each parameter's N in "$N" (0: not of that form), read once:
			    sqlite3_bind_parameter_name is a linear search */
};

struct sq {
	sqlite3 *h;
	struct slot *slots; /* open addressing, cap a power of two */
	size_t cap, used;
};

static int sq_err(struct sq *c, int rc, struct err *e)
{
	const char *msg = sqlite3_errmsg(c->h);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return err_set(e, ERR_INVALID, NULL, DB_RULE_MSG, (int)strlen(msg), msg);
	return err_set(e, ERR_INTERNAL, NULL, "Database error: %s", msg);
}

/* ---- statement cache ---- */

static size_t slot_of(const struct sq *c, const char *key)
{
	uint64_t h = (uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 32) & (c->cap - 1);
}

static void cache_flush(struct sq *c)
{
	for (size_t i = 0; i < c->cap; i++) {
		if (!c->slots[i].key)
			continue;
		sqlite3_finalize(c->slots[i].stmt);
		free(c->slots[i].sql);
		free(c->slots[i].numbers);
		c->slots[i] = (struct slot){0};
	}
	c->used = 0;
}

/* Makes room for one more entry: doubles the table at 3/4 load, or empties
 * it at CACHE_MAX. */
static int cache_reserve(struct sq *c)
{
	if (c->used >= CACHE_MAX) {
		cache_flush(c);
		return 0;
	}
	if ((c->used + 1) * 4 <= c->cap * 3)
		return 0;
	size_t cap = c->cap ? c->cap * 2 : 64;
	struct slot *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return -1;
	struct slot *old = c->slots;
	size_t oldcap = c->cap;
	c->slots = slots;
	c->cap = cap;
	for (size_t i = 0; i < oldcap; i++) {
		if (!old[i].key)
			continue;
		size_t j = slot_of(c, old[i].key);
		while (c->slots[j].key)
			j = (j + 1) & (cap - 1);
		c->slots[j] = old[i];
	}
	free(old);
	return 0;
}

/* Compiles one statement; more than one in the string is a programmer error
 * (use db_exec_script), reported rather than silently ignoring the rest. */
static int prepare(struct sq *c, const char *sql, sqlite3_stmt **out, struct err *e)
{
	sqlite3_stmt *stmt = NULL, *extra = NULL;
	const char *tail = NULL;
	int rc = -1;

	int src = sqlite3_prepare_v3(c->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
	if (src != SQLITE_OK) {
		sq_err(c, src, e);
		goto out;
	}
	if (!stmt) {
		err_set(e, ERR_INTERNAL, NULL, "Database error: empty statement");
		goto out;
	}
	/* Whatever follows must be only blanks, ";" or comments, which
	 * compile to no statement at all. */
	if (tail && *tail) {
		src = sqlite3_prepare_v2(c->h, tail, -1, &extra, NULL);
		if (src != SQLITE_OK || extra) {
			err_set(e, ERR_INTERNAL, NULL,
				"Database error: several statements in one call (use db_exec_script)");
			goto out;
		}
	}
	*out = stmt;
	stmt = NULL;
	rc = 0;
out:
	sqlite3_finalize(extra);
	sqlite3_finalize(stmt);
	return rc;
}

/* "$N" with N a decimal number: returns N, or 0 for any other name
 * (including "?", ":x" and TCL-style "$1::text", which SQLite reads as one
 * name). */
static int placeholder_number(const char *name)
{
	if (!name || name[0] != '$' || !name[1])
		return 0;
	int n = 0;
	for (const char *p = name + 1; *p; p++) {
		if (*p < '0' || *p > '9' || n > 99999)
			return 0;
		n = n * 10 + (*p - '0');
	}
	return n;
}

static int *numbers_of(sqlite3_stmt *stmt)
{
	int count = sqlite3_bind_parameter_count(stmt);
	int *n = calloc((size_t)count + 1, sizeof *n);
	for (int i = 1; n && i <= count; i++)
		n[i] = placeholder_number(sqlite3_bind_parameter_name(stmt, i));
	return n;
}

static int get_stmt(struct sq *c, const char *sql, const struct slot **out, struct err *e)
{
	struct slot *s = NULL;
	sqlite3_stmt *stmt = NULL;
	char *copy = NULL;
	int *numbers = NULL;
	int rc = -1;

	if (c->cap) {
		for (size_t i = slot_of(c, sql); c->slots[i].key; i = (i + 1) & (c->cap - 1)) {
			if (c->slots[i].key != sql)
				continue;
			if (strcmp(c->slots[i].sql, sql) == 0) {
				*out = &c->slots[i];
				return 0;
			}
			s = &c->slots[i]; /* same address, new text: recompile here */
			break;
		}
	}
	if (prepare(c, sql, &stmt, e) < 0)
		goto out;
	copy = strdup(sql);
	numbers = numbers_of(stmt);
	if (!copy || !numbers) {
		err_set(e, ERR_INTERNAL, NULL, "Out of memory");
		goto out;
	}
	if (s) {
		sqlite3_finalize(s->stmt);
		free(s->sql);
		free(s->numbers);
	} else {
		if (cache_reserve(c) < 0) {
			err_set(e, ERR_INTERNAL, NULL, "Out of memory");
			goto out;
		}
		size_t i = slot_of(c, sql);
		while (c->slots[i].key)
			i = (i + 1) & (c->cap - 1);
		s = &c->slots[i];
		c->used++;
	}
	*s = (struct slot){.key = sql, .sql = copy, .stmt = stmt, .numbers = numbers};
	*out = s;
	copy = NULL;
	numbers = NULL;
	stmt = NULL;
	rc = 0;
out:
	free(copy);
	free(numbers);
	sqlite3_finalize(stmt);
	return rc;
}

/* ---- running statements ---- */

/* Binds every placeholder the statement has by its name; a value no
 * placeholder uses is simply not bound. SQLITE_STATIC is safe: the values
 * outlive the step, and bindings are cleared before returning. */
static int bind(struct sq *c, const struct slot *slot, int nparams, const char *const *params,
		struct err *e)
{
	sqlite3_stmt *stmt = slot->stmt;
	int count = sqlite3_bind_parameter_count(stmt);
	for (int i = 1; i <= count; i++) {
		int k = slot->numbers[i];
		const char *name = k ? NULL : sqlite3_bind_parameter_name(stmt, i);
		if (k == 0)
			return err_set(e, ERR_INTERNAL, NULL,
				       "Database error: placeholder %s is not of the form $N",
				       name ? name : "?");
		if (k > nparams)
			return err_set(e, ERR_INTERNAL, NULL,
				       "Database error: placeholder $%d has no value", k);
		const char *v = params[k - 1];
		int rc = v ? sqlite3_bind_text(stmt, i, v, -1, SQLITE_STATIC)
			   : sqlite3_bind_null(stmt, i);
		if (rc != SQLITE_OK)
			return sq_err(c, rc, e);
	}
	return 0;
}

static int collect_row(sqlite3_stmt *stmt, struct db_result *r)
{
	int ncols = sqlite3_column_count(stmt);
	if (db_result_add_row(r) < 0)
		return -1;
	for (int i = 0; i < ncols; i++) {
		const char *text = NULL;
		size_t len = 0;
		if (sqlite3_column_type(stmt, i) != SQLITE_NULL) {
			text = (const char *)sqlite3_column_text(stmt, i);
			if (!text)
				return -1; /* conversion to text ran out of memory */
			len = (size_t)sqlite3_column_bytes(stmt, i);
		}
		if (db_result_add_cell(r, text, len) < 0)
			return -1;
	}
	return 0;
}

/* Runs one statement to completion; rows go to *out when out is not NULL
 * (a query), and are stepped over otherwise (e.g. INSERT ... RETURNING run
 * through db_exec). */
static int run(struct db *db, const char *sql, int nparams, const char *const *params,
	       struct db_result **out, long *changes, struct err *e)
{
	struct sq *c = db->state;
	sqlite3_stmt *stmt = NULL;
	struct db_result *r = NULL;
	int rc = -1;

	const struct slot *slot;
	if (get_stmt(c, sql, &slot, e) < 0)
		goto out;
	stmt = slot->stmt;
	if (bind(c, slot, nparams, params, e) < 0)
		goto out;
	if (out) {
		int ncols = sqlite3_column_count(stmt);
		r = db_result_new(ncols);
		if (!r) {
			err_set(e, ERR_INTERNAL, NULL, "Out of memory");
			goto out;
		}
		for (int i = 0; i < ncols; i++) {
			if (db_result_set_colname(r, i, sqlite3_column_name(stmt, i)) < 0) {
				err_set(e, ERR_INTERNAL, NULL, "Out of memory");
				goto out;
			}
		}
	}
	/* sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE,
	 * so a CREATE TABLE would report a stale number; the total tells us
	 * whether this statement changed anything at all. */
	sqlite3_int64 before = sqlite3_total_changes64(c->h);
	for (;;) {
		int src = sqlite3_step(stmt);
		if (src == SQLITE_DONE)
			break;
		if (src != SQLITE_ROW) {
			sq_err(c, src, e);
			goto out;
		}
		if (r && collect_row(stmt, r) < 0) {
			err_set(e, ERR_INTERNAL, NULL, "Out of memory");
			goto out;
		}
	}
	if (changes)
		*changes = sqlite3_total_changes64(c->h) == before ? 0 : (long)sqlite3_changes64(c->h);
	if (out) {
		*out = r;
		r = NULL;
	}
	rc = 0;
out:
	/* Reset at once: a statement left mid-way holds a read snapshot open,
	 * which in WAL mode stops checkpoints and pins old data. */
	if (stmt) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
	}
	db_result_free(r);
	return rc;
}

/* ---- the backend ---- */

static int sq_open(struct db *db, const char *path, struct err *e)
{
	struct sq *c = NULL;
	char *msg = NULL;
	int rc = -1;

	c = calloc(1, sizeof *c);
	if (!c) {
		err_set(e, ERR_INTERNAL, NULL, "Out of memory");
		goto out;
	}
	int src = sqlite3_open_v2(path, &c->h,
				  SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (src != SQLITE_OK) {
		err_set(e, ERR_INTERNAL, NULL, "Could not open the database %s: %s", path,
			c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(src));
		goto out;
	}
	/* The timeout first: switching to WAL needs a lock another
	 * connection opening at the same moment may hold. 8 MB of page cache
	 * a connection (SQLite's default is 2 MB): a case page's indexes and
	 * rows stay in memory instead of being read again through the kernel;
	 * the server's four connections stay well inside its memory budget. */
	sqlite3_busy_timeout(c->h, BUSY_TIMEOUT_MS);
	src = sqlite3_exec(c->h,
			   "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
			   " PRAGMA cache_size=-8192;",
			   NULL, NULL, &msg);
	if (src != SQLITE_OK) {
		err_set(e, ERR_INTERNAL, NULL, "Could not set up the database %s: %s", path,
			msg ? msg : sqlite3_errstr(src));
		goto out;
	}
	db->state = c;
	c = NULL;
	rc = 0;
out:
	sqlite3_free(msg);
	if (c) {
		sqlite3_close(c->h);
		free(c);
	}
	return rc;
}

static void sq_close(struct db *db)
{
	struct sq *c = db->state;
	if (!c)
		return;
	if (c->cap)
		cache_flush(c);
	free(c->slots);
	int rc = sqlite3_close(c->h);
	assert(rc == SQLITE_OK); /* every statement was ours, and is finalized */
	(void)rc;
	free(c);
	db->state = NULL;
}

static int sq_exec(struct db *db, const char *sql, int nparams, const char *const *params,
		   long *changes, struct err *e)
{
	return run(db, sql, nparams, params, NULL, changes, e);
}

static int sq_query(struct db *db, const char *sql, int nparams, const char *const *params,
		    struct db_result **out, struct err *e)
{
	return run(db, sql, nparams, params, out, NULL, e);
}

static int sq_script(struct db *db, const char *sql, struct err *e)
{
	struct sq *c = db->state;
	char *msg = NULL;
	int rc = 0;

	int src = sqlite3_exec(c->h, sql, NULL, NULL, &msg);
	if (src != SQLITE_OK) {
		const char *m = msg ? msg : sqlite3_errstr(src);
		if ((src & 0xff) == SQLITE_CONSTRAINT)
			rc = err_set(e, ERR_INVALID, NULL, DB_RULE_MSG, (int)strlen(m), m);
		else
			rc = err_set(e, ERR_INTERNAL, NULL, "Database error: %s", m);
	}
	sqlite3_free(msg);
	return rc;
}

static int sq_begin(struct db *db, struct err *e)
{
	return run(db, "BEGIN IMMEDIATE", DB_NOARGS, NULL, NULL, e);
}

static int sq_commit(struct db *db, struct err *e)
{
	return run(db, "COMMIT", DB_NOARGS, NULL, NULL, e);
}

static void sq_rollback(struct db *db)
{
	struct sq *c = db->state;
	if (sqlite3_get_autocommit(c->h))
		return; /* no transaction open */
	run(db, "ROLLBACK", DB_NOARGS, NULL, NULL, NULL);
}

const struct db_ops db_sqlite_ops = {
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.query = sq_query,
	.script = sq_script,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
};
