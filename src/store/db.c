/* db.c — the backend-neutral half of the db interface (see db.h): picking a
 * backend from the URL and dispatching to it through struct db_ops, the
 * result set both backends fill in (db_backend.h), and the fixed-size
 * connection pool the server's worker threads share.
 *
 * A result keeps every cell's text in one growing buffer and records each
 * cell as an offset into it (SIZE_MAX for SQL NULL), so a result of N cells
 * costs a handful of allocations rather than N, and growing the buffer never
 * invalidates what was already stored.
 */
#include "db.h"
#include "db_backend.h"

#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NULL_CELL SIZE_MAX

struct db_result {
	int ncols;
	int nrows;
	char **names;
	size_t *offs; /* row-major, ncells of them */
	size_t ncells, offs_cap;
	char *buf;
	size_t len, buf_cap;
};

/* ---- opening and dispatch ---- */

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int db_open(const char *url, struct db **out, struct err *e)
{
	assert(url && out);
	const struct db_ops *ops;
	enum db_kind kind;
	const char *target;
	struct db *db = NULL;
	int rc = -1;

	*out = NULL;
	if (starts_with(url, "sqlite:")) {
		ops = &db_sqlite_ops;
		kind = DB_SQLITE;
		target = url + strlen("sqlite:");
		if (!*target) {
			err_set(e, ERR_INVALID, NULL, "The database URL \"sqlite:\" needs a file path");
			goto out;
		}
	} else if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
		ops = &db_pg_ops;
		kind = DB_POSTGRES;
		target = url;
	} else {
		/* Not echoing the URL: it may carry a password. */
		err_set(e, ERR_INVALID, NULL,
			"The database URL must start with sqlite:, postgresql:// or postgres://");
		goto out;
	}

	db = calloc(1, sizeof *db);
	if (!db) {
		err_set(e, ERR_INTERNAL, NULL, "Out of memory");
		goto out;
	}
	db->ops = ops;
	db->kind = kind;
	if (ops->open(db, target, e) < 0)
		goto out;
	*out = db;
	db = NULL;
	rc = 0;
out:
	free(db);
	return rc;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	db->ops->close(db);
	free(db);
}

enum db_kind db_kind(const struct db *db)
{
	assert(db);
	return db->kind;
}

int db_begin(struct db *db, struct err *e)
{
	assert(db);
	return db->ops->begin(db, e);
}

int db_commit(struct db *db, struct err *e)
{
	assert(db);
	return db->ops->commit(db, e);
}

void db_rollback(struct db *db)
{
	assert(db);
	db->ops->rollback(db);
}

int db_exec(struct db *db, const char *sql, int nparams, const char *const *params,
	    long *changes, struct err *e)
{
	assert(db && sql);
	assert(nparams >= 0 && (nparams == 0 || params));
	if (changes)
		*changes = 0;
	return db->ops->exec(db, sql, nparams, params, changes, e);
}

int db_query(struct db *db, const char *sql, int nparams, const char *const *params,
	     struct db_result **out, struct err *e)
{
	assert(db && sql && out);
	assert(nparams >= 0 && (nparams == 0 || params));
	*out = NULL;
	return db->ops->query(db, sql, nparams, params, out, e);
}

int db_exec_script(struct db *db, const char *sql, struct err *e)
{
	assert(db && sql);
	return db->ops->script(db, sql, e);
}

/* ---- result sets ---- */

struct db_result *db_result_new(int ncols)
{
	assert(ncols >= 0);
	struct db_result *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->ncols = ncols;
	if (ncols > 0) {
		r->names = calloc((size_t)ncols, sizeof *r->names);
		if (!r->names) {
			free(r);
			return NULL;
		}
	}
	return r;
}

int db_result_set_colname(struct db_result *r, int col, const char *name)
{
	assert(r && col >= 0 && col < r->ncols && name);
	char *copy = strdup(name);
	if (!copy)
		return -1;
	free(r->names[col]);
	r->names[col] = copy;
	return 0;
}

int db_result_add_row(struct db_result *r)
{
	assert(r);
	assert(r->ncells == (size_t)r->nrows * (size_t)r->ncols); /* previous row complete */
	if (r->nrows == INT32_MAX)
		return -1;
	r->nrows++;
	return 0;
}

int db_result_add_cell(struct db_result *r, const char *text, size_t len)
{
	assert(r && r->nrows > 0);
	assert(r->ncells < (size_t)r->nrows * (size_t)r->ncols);
	if (r->ncells == r->offs_cap) {
		size_t cap = r->offs_cap ? r->offs_cap * 2 : 16;
		size_t *offs = realloc(r->offs, cap * sizeof *offs);
		if (!offs)
			return -1;
		r->offs = offs;
		r->offs_cap = cap;
	}
	if (!text) {
		r->offs[r->ncells++] = NULL_CELL;
		return 0;
	}
	if (len >= SIZE_MAX / 2 - r->len)
		return -1;
	if (r->len + len + 1 > r->buf_cap) {
		size_t cap = r->buf_cap ? r->buf_cap : 256;
		while (cap < r->len + len + 1)
			cap *= 2;
		char *buf = realloc(r->buf, cap);
		if (!buf)
			return -1;
		r->buf = buf;
		r->buf_cap = cap;
	}
	memcpy(r->buf + r->len, text, len);
	r->buf[r->len + len] = '\0';
	r->offs[r->ncells++] = r->len;
	r->len += len + 1;
	return 0;
}

int db_nrows(const struct db_result *r)
{
	assert(r);
	return r->nrows;
}

int db_ncols(const struct db_result *r)
{
	assert(r);
	return r->ncols;
}

const char *db_colname(const struct db_result *r, int col)
{
	assert(r && col >= 0 && col < r->ncols);
	return r->names[col] ? r->names[col] : "";
}

const char *db_cell(const struct db_result *r, int row, int col)
{
	assert(r && row >= 0 && row < r->nrows && col >= 0 && col < r->ncols);
	size_t off = r->offs[(size_t)row * (size_t)r->ncols + (size_t)col];
	return off == NULL_CELL ? NULL : r->buf + off;
}

const char *db_get(const struct db_result *r, int row, const char *col)
{
	assert(r && col);
	for (int i = 0; i < r->ncols; i++)
		if (r->names[i] && strcmp(r->names[i], col) == 0)
			return db_cell(r, row, i);
	/* A typo in a column name must not read as SQL NULL, even in a build
	 * with NDEBUG: name the column and stop. */
	fprintf(stderr, "db_get: the query returns no column \"%s\"\n", col);
	abort();
}

void db_result_free(struct db_result *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->ncols; i++)
		free(r->names[i]);
	free(r->names);
	free(r->offs);
	free(r->buf);
	free(r);
}

/* ---- connection pool ---- */

struct db_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int size;
	int nidle;
	struct db **all;  /* every connection, for closing */
	struct db **idle; /* a stack of the free ones */
};

int db_pool_open(const char *url, int size, struct db_pool **out, struct err *e)
{
	assert(url && out && size > 0);
	struct db_pool *p = NULL;
	int opened = 0, rc = -1;

	*out = NULL;
	p = calloc(1, sizeof *p);
	if (!p || !(p->all = calloc((size_t)size, sizeof *p->all)) ||
	    !(p->idle = calloc((size_t)size, sizeof *p->idle))) {
		err_set(e, ERR_INTERNAL, NULL, "Out of memory");
		goto out;
	}
	for (; opened < size; opened++)
		if (db_open(url, &p->all[opened], e) < 0)
			goto out;
	if (pthread_mutex_init(&p->mu, NULL) != 0) {
		err_set(e, ERR_INTERNAL, NULL, "Could not create the pool's lock");
		goto out;
	}
	if (pthread_cond_init(&p->cv, NULL) != 0) {
		pthread_mutex_destroy(&p->mu);
		err_set(e, ERR_INTERNAL, NULL, "Could not create the pool's condition variable");
		goto out;
	}
	p->size = size;
	for (int i = 0; i < size; i++)
		p->idle[i] = p->all[i];
	p->nidle = size;
	*out = p;
	p = NULL;
	rc = 0;
out:
	if (p) {
		for (int i = 0; i < opened; i++)
			db_close(p->all[i]);
		free(p->all);
		free(p->idle);
		free(p);
	}
	return rc;
}

void db_pool_close(struct db_pool *p)
{
	if (!p)
		return;
	/* Closing a connection a thread still uses would be a use after free. */
	assert(p->nidle == p->size);
	for (int i = 0; i < p->size; i++)
		db_close(p->all[i]);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p->all);
	free(p->idle);
	free(p);
}

struct db *db_pool_get(struct db_pool *p)
{
	assert(p);
	pthread_mutex_lock(&p->mu);
	while (p->nidle == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	struct db *db = p->idle[--p->nidle];
	pthread_mutex_unlock(&p->mu);
	return db;
}

void db_pool_put(struct db_pool *p, struct db *db)
{
	assert(p && db);
	/* A handler that returned early inside a transaction must not hand
	 * the next request an open transaction (or, on SQLite, the write lock). */
	db_rollback(db);
	pthread_mutex_lock(&p->mu);
	assert(p->nidle < p->size);
	p->idle[p->nidle++] = db;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}
