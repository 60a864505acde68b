/* db.h — hearth's thin database interface, one header over two backends:
 * db_sqlite.c (the embedded default) and db_pg.c (PostgreSQL, for several
 * app servers sharing one database).
 *
 * Every statement is a constant SQL string with $1, $2, ... placeholders and
 * its values passed separately as text (NULL pointer = SQL NULL): never SQL
 * assembled from input. Results come back as text cells. SQL is written once
 * in the subset both dialects share: TEXT for ids and timestamps (ISO 8601
 * UTC), INTEGER for numbers and 0/1 flags, CAST($n AS ...) where a type must
 * be stated. SQLite numbers "$N" by first appearance, so the SQLite backend
 * binds each by name ("$3"), never by position.
 *
 * A struct db is one connection and is not thread-safe; the pool hands one
 * to each request.
 */
#ifndef HEARTH_DB_H
#define HEARTH_DB_H

#include <stdbool.h>
#include "../util/err.h"

enum db_kind { DB_SQLITE, DB_POSTGRES };

struct db;
struct db_result;

/* url: "sqlite:PATH" (file created if absent) or "postgresql://..." /
 * "postgres://..." (any libpq URI). */
int db_open(const char *url, struct db **out, struct err *e);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

/* A write transaction (SQLite: BEGIN IMMEDIATE, so the write lock is taken
 * up front and busy_timeout applies instead of a deadlock). */
int db_begin(struct db *db, struct err *e);
/* After any failed statement inside a transaction, roll back: PostgreSQL has
 * already aborted the whole transaction (db_commit then fails, writing
 * nothing), while SQLite undoes only the failed statement. */
int db_commit(struct db *db, struct err *e);
/* Safe to call when no transaction is open. */
void db_rollback(struct db *db);

/* Runs one statement (several in one string is an error). A constraint
 * violation fails with ERR_INVALID, anything else with ERR_INTERNAL, as does
 * a placeholder with no value; a value no placeholder uses is fine.
 * `changes`, if not NULL, receives the number of rows inserted, updated or
 * deleted (0 for anything else). */
int db_exec(struct db *db, const char *sql, int nparams, const char *const *params,
	    long *changes, struct err *e);
/* Runs one query; on success *out holds the rows (free with db_result_free). */
int db_query(struct db *db, const char *sql, int nparams, const char *const *params,
	     struct db_result **out, struct err *e);
/* Runs a script of several statements without parameters (migrations).
 * PostgreSQL runs it as one implicit transaction; SQLite keeps the statements
 * before a failure unless the caller wraps the call in db_begin/db_commit. */
int db_exec_script(struct db *db, const char *sql, struct err *e);

int db_nrows(const struct db_result *r);
int db_ncols(const struct db_result *r);
const char *db_colname(const struct db_result *r, int col);
/* The cell's text, or NULL for SQL NULL. Asking for a column the query does
 * not return is a programmer error (assert). */
const char *db_get(const struct db_result *r, int row, const char *col);
const char *db_cell(const struct db_result *r, int row, int col);
void db_result_free(struct db_result *r);

/* Parameter lists: db_exec(db, SQL, DB_ARGS(id, name), NULL, e). */
#define DB_ARGS(...)                                                          \
	(int)(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)), \
		(const char *const[]){__VA_ARGS__}
#define DB_NOARGS 0, NULL

/* A fixed set of connections shared by the server's worker threads. */
struct db_pool;
int db_pool_open(const char *url, int size, struct db_pool **out, struct err *e);
void db_pool_close(struct db_pool *p);
/* Blocks until a connection is free. */
struct db *db_pool_get(struct db_pool *p);
/* Rolls back a transaction left open, so the next user starts clean. */
void db_pool_put(struct db_pool *p, struct db *db);

#endif
