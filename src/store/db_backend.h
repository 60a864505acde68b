/* db_backend.h — what db.c and the two backends (db_sqlite.c, db_pg.c) share,
 * and nobody else sees: the operations table a backend fills in, the layout
 * of struct db, and the result-set builder, so both backends hand back the
 * same backend-neutral struct db_result (text cells owned by the result,
 * independent of the connection that produced them).
 *
 * db.c checks arguments and dispatches; a backend only talks to its library
 * and translates that library's errors into a struct err.
 */
#ifndef HEARTH_DB_BACKEND_H
#define HEARTH_DB_BACKEND_H

#include <stddef.h>
#include "db.h"

struct db_ops {
	/* target: the PATH of "sqlite:PATH", or the whole PostgreSQL URL.
	 * On success db->state is set; on failure nothing is left to free. */
	int (*open)(struct db *db, const char *target, struct err *e);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql, int nparams, const char *const *params,
		    long *changes, struct err *e);
	int (*query)(struct db *db, const char *sql, int nparams, const char *const *params,
		     struct db_result **out, struct err *e);
	int (*script)(struct db *db, const char *sql, struct err *e);
	int (*begin)(struct db *db, struct err *e);
	int (*commit)(struct db *db, struct err *e);
	/* Does nothing when no transaction is open. */
	void (*rollback)(struct db *db);
};

struct db {
	const struct db_ops *ops;
	enum db_kind kind;
	void *state; /* the backend's own connection struct */
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

/* The message for constraint violations, shared so that both backends word
 * it the same way; its argument is a length and the library's message. */
#define DB_RULE_MSG "That would break a rule of the data (%.*s)"

/* Result builder. A backend creates the result with its column count, names
 * each column, then for every row calls db_result_add_row followed by exactly
 * ncols db_result_add_cell calls. Each returns -1 only when out of memory. */
struct db_result *db_result_new(int ncols);
int db_result_set_colname(struct db_result *r, int col, const char *name);
int db_result_add_row(struct db_result *r);
/* text NULL means SQL NULL; otherwise `len` bytes are copied and terminated. */
int db_result_add_cell(struct db_result *r, const char *text, size_t len);

#endif
