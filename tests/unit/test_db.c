/* test_db.c — the db interface (src/store/db.h) against both backends.
 *
 * Every test runs twice: on SQLite, in a fresh file under /tmp, and on
 * PostgreSQL when HEARTH_TEST_PG_URL names a database (tests/pg-cluster.sh
 * makes a throwaway one); without it the PostgreSQL runs are skipped. The
 * same assertions on both is the point: the rest of hearth relies on the two
 * backends behaving alike (binding by placeholder name, NULLs, UTF-8, change
 * counts, error kinds, transactions).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"

struct fx {
	enum db_kind kind;
	char url[1024];
	char path[64];
	struct db *db;
};

static enum db_kind KIND_SQLITE = DB_SQLITE;
static enum db_kind KIND_PG = DB_POSTGRES;

/* PostgreSQL's database outlives a test, so each test starts and ends by
 * dropping every table the tests create. */
static const char DROP_ALL[] =
	"DROP TABLE IF EXISTS t_child, t_parent, t_people, t_counter, t_a, t_b CASCADE";

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	struct err e = {0};
	assert_non_null(fx);
	fx->kind = *(const enum db_kind *)*state;
	*state = fx;
	if (fx->kind == DB_SQLITE) {
		snprintf(fx->path, sizeof fx->path, "/tmp/hearth-test-db-XXXXXX");
		int fd = mkstemp(fx->path);
		assert_true(fd >= 0);
		close(fd);
		snprintf(fx->url, sizeof fx->url, "sqlite:%s", fx->path);
	} else {
		const char *url = getenv("HEARTH_TEST_PG_URL");
		if (!url || !*url)
			return 0; /* the test skips itself */
		snprintf(fx->url, sizeof fx->url, "%s", url);
	}
	if (db_open(fx->url, &fx->db, &e) < 0)
		fail_msg("db_open(%s): %s", fx->url, e.msg);
	if (fx->kind == DB_POSTGRES && db_exec_script(fx->db, DROP_ALL, &e) < 0)
		fail_msg("drop: %s", e.msg);
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	struct err e = {0};
	if (fx->db && fx->kind == DB_POSTGRES)
		db_exec_script(fx->db, DROP_ALL, &e);
	db_close(fx->db);
	if (fx->path[0]) {
		char side[80];
		unlink(fx->path);
		snprintf(side, sizeof side, "%s-wal", fx->path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", fx->path);
		unlink(side);
	}
	free(fx);
	return 0;
}

#define GIVEN_DB(state)                  \
	struct fx *fx = *(state);        \
	struct db *db = fx->db;          \
	struct err e = {0};              \
	if (!db)                         \
		skip();

/* Runs a statement that must succeed. */
#define OK(call)                                                       \
	do {                                                           \
		if ((call) < 0)                                        \
			fail_msg("%s failed: %s", #call, e.msg);       \
	} while (0)

static const char CREATE_PEOPLE[] = "CREATE TABLE t_people (id TEXT PRIMARY KEY, "
				    "name TEXT NOT NULL, age INTEGER, note TEXT)";
static const char INSERT_PERSON[] = "INSERT INTO t_people (id, name, age, note) VALUES ($1, $2, $3, $4)";
static const char COUNT_PEOPLE[] = "SELECT COUNT(*) AS n FROM t_people";

static long count_people(struct db *db)
{
	struct db_result *r = NULL;
	struct err e = {0};
	OK(db_query(db, COUNT_PEOPLE, DB_NOARGS, &r, &e));
	long n = strtol(db_get(r, 0, "n"), NULL, 10);
	db_result_free(r);
	return n;
}

static void test_insert_select(void **state)
{
	GIVEN_DB(state);
	struct db_result *r = NULL;
	long changes = -1;

	assert_int_equal(db_kind(db), fx->kind);
	OK(db_exec(db, CREATE_PEOPLE, DB_NOARGS, NULL, &e));
	OK(db_exec(db, INSERT_PERSON, DB_ARGS("p1", "Ann Smith", "42", "first"), &changes, &e));
	assert_int_equal(changes, 1);
	OK(db_exec(db, INSERT_PERSON, DB_ARGS("p2", "Bob Jones", "7", "second"), NULL, &e));
	OK(db_query(db, "SELECT id, name, age FROM t_people WHERE age > CAST($1 AS INTEGER) ORDER BY id",
		    DB_ARGS("5"), &r, &e));
	assert_int_equal(db_nrows(r), 2);
	assert_int_equal(db_ncols(r), 3);
	assert_string_equal(db_colname(r, 0), "id");
	assert_string_equal(db_colname(r, 2), "age");
	assert_string_equal(db_get(r, 0, "name"), "Ann Smith");
	assert_string_equal(db_get(r, 0, "age"), "42");
	assert_string_equal(db_cell(r, 1, 0), "p2");
	db_result_free(r);

	OK(db_query(db, "SELECT id FROM t_people WHERE id = $1", DB_ARGS("nobody"), &r, &e));
	assert_int_equal(db_nrows(r), 0);
	assert_int_equal(db_ncols(r), 1);
	db_result_free(r);
}

static void test_param_order(void **state)
{
	GIVEN_DB(state);
	struct db_result *r = NULL;

	/* SQLite numbers "$2" as its parameter 1 here: binding by position
	 * would swap the values. */
	OK(db_query(db, "SELECT $2 AS a, $1 AS b", DB_ARGS("one", "two"), &r, &e));
	assert_string_equal(db_get(r, 0, "a"), "two");
	assert_string_equal(db_get(r, 0, "b"), "one");
	db_result_free(r);

	OK(db_exec(db, CREATE_PEOPLE, DB_NOARGS, NULL, &e));
	OK(db_exec(db, "INSERT INTO t_people (note, id, age, name) VALUES ($4, $3, $1, $2)",
		   DB_ARGS("30", "Cat", "p3", "n"), NULL, &e));
	OK(db_query(db, "SELECT name, age, note FROM t_people WHERE id = $1", DB_ARGS("p3"), &r, &e));
	assert_string_equal(db_get(r, 0, "name"), "Cat");
	assert_string_equal(db_get(r, 0, "age"), "30");
	assert_string_equal(db_get(r, 0, "note"), "n");
	db_result_free(r);

	/* The same placeholder twice, and values the SQL does not use. */
	OK(db_query(db, "SELECT $1 AS a, $1 AS b", DB_ARGS("x", "unused"), &r, &e));
	assert_string_equal(db_get(r, 0, "b"), "x");
	db_result_free(r);
	OK(db_query(db, "SELECT $1 AS a, $3 AS c", DB_ARGS("x", "unused", "z"), &r, &e));
	assert_string_equal(db_get(r, 0, "c"), "z");
	db_result_free(r);

	/* A placeholder without a value is an error, not a NULL. */
	assert_int_equal(db_query(db, "SELECT $1 AS a, $2 AS b", DB_ARGS("x"), &r, &e), -1);
	assert_int_equal(e.kind, ERR_INTERNAL);
	assert_null(r);
}

static void test_nulls(void **state)
{
	GIVEN_DB(state);
	struct db_result *r = NULL;

	OK(db_exec(db, CREATE_PEOPLE, DB_NOARGS, NULL, &e));
	OK(db_exec(db, INSERT_PERSON, DB_ARGS("p1", "Dee", NULL, NULL), NULL, &e));
	OK(db_exec(db, INSERT_PERSON, DB_ARGS("p2", "Eve", "3", ""), NULL, &e));
	OK(db_query(db, "SELECT id, age, note FROM t_people ORDER BY id", DB_NOARGS, &r, &e));
	assert_null(db_get(r, 0, "age"));
	assert_null(db_get(r, 0, "note"));
	assert_string_equal(db_get(r, 1, "note"), ""); /* empty is not NULL */
	db_result_free(r);

	OK(db_query(db, "SELECT id FROM t_people WHERE note IS NULL", DB_NOARGS, &r, &e));
	assert_int_equal(db_nrows(r), 1);
	db_result_free(r);

	OK(db_query(db, "SELECT $1 AS v, NULL AS w", DB_ARGS(NULL), &r, &e));
	assert_null(db_get(r, 0, "v"));
	assert_null(db_get(r, 0, "w"));
	db_result_free(r);

	/* NOT NULL holds against a NULL parameter. */
	assert_int_equal(db_exec(db, INSERT_PERSON, DB_ARGS("p3", NULL, NULL, NULL), NULL, &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
}

static void test_utf8(void **state)
{
	GIVEN_DB(state);
	struct db_result *r = NULL;
	static const char *const names[] = {
		"Łukasz Wąsowski", "Zażółć Gęślą Jaźń", "محمد عبد الله", "Siân Ó Súilleabháin",
	};
	static const char *const lengths[] = {"15", "17", "13", "19"};

	OK(db_exec(db, CREATE_PEOPLE, DB_NOARGS, NULL, &e));
	for (int i = 0; i < 4; i++) {
		char id[8];
		snprintf(id, sizeof id, "u%d", i);
		OK(db_exec(db, INSERT_PERSON, DB_ARGS(id, names[i], NULL, NULL), NULL, &e));
	}
	/* length() counts characters, so this also shows both ends agree the
	 * text is UTF-8 rather than bytes in some other encoding. */
	OK(db_query(db, "SELECT name, length(name) AS len FROM t_people ORDER BY id", DB_NOARGS, &r, &e));
	assert_int_equal(db_nrows(r), 4);
	for (int i = 0; i < 4; i++) {
		assert_string_equal(db_get(r, i, "name"), names[i]);
		assert_string_equal(db_get(r, i, "len"), lengths[i]);
	}
	db_result_free(r);

	OK(db_query(db, "SELECT id FROM t_people WHERE name = $1", DB_ARGS(names[2]), &r, &e));
	assert_int_equal(db_nrows(r), 1);
	assert_string_equal(db_get(r, 0, "id"), "u2");
	db_result_free(r);
}

static void test_transactions(void **state)
{
	GIVEN_DB(state);

	OK(db_exec(db, CREATE_PEOPLE, DB_NOARGS, NULL, &e));
	db_rollback(db); /* no transaction open: harmless */

	OK(db_begin(db, &e));
	OK(db_exec(db, INSERT_PERSON, DB_ARGS("c1", "Kept", NULL, NULL), NULL, &e));
	OK(db_exec(db, INSERT_PERSON, DB_ARGS("c2", "Kept too", NULL, NULL), NULL, &e));
	OK(db_commit(db, &e));
	assert_int_equal(count_people(db), 2);

	OK(db_begin(db, &e));
	OK(db_exec(db, INSERT_PERSON, DB_ARGS("r1", "Dropped", NULL, NULL), NULL, &e));
	OK(db_exec(db, "DELETE FROM t_people", DB_NOARGS, NULL, &e));
	assert_int_equal(count_people(db), 0);
	db_rollback(db);
	assert_int_equal(count_people(db), 2);
	db_rollback(db); /* twice: still harmless */

	/* The idiom after any failure inside a transaction: roll back, and
	 * nothing of it remains, on either backend. */
	OK(db_begin(db, &e));
	OK(db_exec(db, INSERT_PERSON, DB_ARGS("r2", "Dropped", NULL, NULL), NULL, &e));
	assert_int_equal(db_exec(db, INSERT_PERSON, DB_ARGS("c1", "Dup", NULL, NULL), NULL, &e), -1);
	db_rollback(db);
	assert_int_equal(count_people(db), 2);

	/* Committing anyway must not report success for writes PostgreSQL
	 * has thrown away; SQLite undoes only the failed statement. */
	OK(db_begin(db, &e));
	OK(db_exec(db, INSERT_PERSON, DB_ARGS("r3", "Maybe", NULL, NULL), NULL, &e));
	assert_int_equal(db_exec(db, INSERT_PERSON, DB_ARGS("c1", "Dup", NULL, NULL), NULL, &e), -1);
	int rc = db_commit(db, &e);
	if (fx->kind == DB_POSTGRES) {
		assert_int_equal(rc, -1);
		assert_int_equal(count_people(db), 2);
	} else {
		assert_int_equal(rc, 0);
		assert_int_equal(count_people(db), 3);
	}
	db_rollback(db);
}

static void test_changes(void **state)
{
	GIVEN_DB(state);
	long changes = -1;

	OK(db_exec(db, CREATE_PEOPLE, DB_NOARGS, NULL, &e));
	for (int i = 0; i < 5; i++) {
		char id[8], age[8];
		snprintf(id, sizeof id, "k%d", i);
		snprintf(age, sizeof age, "%d", i * 10);
		OK(db_exec(db, INSERT_PERSON, DB_ARGS(id, "Someone", age, NULL), NULL, &e));
	}
	OK(db_exec(db, "UPDATE t_people SET note = $1 WHERE age >= CAST($2 AS INTEGER)",
		   DB_ARGS("old", "25"), &changes, &e));
	assert_int_equal(changes, 2);
	OK(db_exec(db, "UPDATE t_people SET note = $1 WHERE id = $2", DB_ARGS("x", "none"), &changes, &e));
	assert_int_equal(changes, 0);
	/* Not a row change: must not repeat the last DML statement's count. */
	OK(db_exec(db, "CREATE TABLE t_a (id TEXT PRIMARY KEY)", DB_NOARGS, &changes, &e));
	assert_int_equal(changes, 0);
	OK(db_exec(db, "DELETE FROM t_people WHERE note IS NULL", DB_NOARGS, &changes, &e));
	assert_int_equal(changes, 3);
	OK(db_exec(db, "SELECT id FROM t_people", DB_NOARGS, &changes, &e));
	assert_int_equal(changes, 0);
}

static void test_constraints(void **state)
{
	GIVEN_DB(state);
	static const char prefix[] = "That would break a rule of the data (";

	OK(db_exec_script(db,
			  "CREATE TABLE t_parent (id TEXT PRIMARY KEY, code TEXT UNIQUE);"
			  "CREATE TABLE t_child (id TEXT PRIMARY KEY,"
			  " parent_id TEXT NOT NULL REFERENCES t_parent (id),"
			  " n INTEGER CHECK (n >= 0));",
			  &e));
	OK(db_exec(db, "INSERT INTO t_parent (id, code) VALUES ($1, $2)", DB_ARGS("a", "A"), NULL, &e));

	assert_int_equal(db_exec(db, "INSERT INTO t_parent (id, code) VALUES ($1, $2)",
				 DB_ARGS("a", "B"), NULL, &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_memory_equal(e.msg, prefix, sizeof prefix - 1);

	assert_int_equal(db_exec(db, "INSERT INTO t_parent (id, code) VALUES ($1, $2)",
				 DB_ARGS("b", "A"), NULL, &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);

	/* foreign_keys=ON on SQLite. */
	assert_int_equal(db_exec(db, "INSERT INTO t_child (id, parent_id, n) VALUES ($1, $2, $3)",
				 DB_ARGS("c", "missing", "1"), NULL, &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_memory_equal(e.msg, prefix, sizeof prefix - 1);

	assert_int_equal(db_exec(db, "INSERT INTO t_child (id, parent_id, n) VALUES ($1, $2, $3)",
				 DB_ARGS("c", "a", "-1"), NULL, &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);

	OK(db_exec(db, "INSERT INTO t_child (id, parent_id, n) VALUES ($1, $2, $3)",
		   DB_ARGS("c", "a", "1"), NULL, &e));
	assert_int_equal(db_exec(db, "DELETE FROM t_parent WHERE id = $1", DB_ARGS("a"), NULL, &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
}

static void test_errors(void **state)
{
	GIVEN_DB(state);
	struct db_result *r = NULL;

	assert_int_equal(db_exec(db, "SELEKT 1", DB_NOARGS, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_INTERNAL);
	assert_true(strlen(e.msg) > 0);

	e = (struct err){0};
	assert_int_equal(db_query(db, "SELECT x FROM no_such_table", DB_NOARGS, &r, &e), -1);
	assert_int_equal(e.kind, ERR_INTERNAL);
	assert_non_null(strstr(e.msg, "no_such_table"));
	assert_null(r);

	/* One statement per call; scripts go through db_exec_script. */
	e = (struct err){0};
	assert_int_equal(db_exec(db, "SELECT 1; SELECT 2", DB_NOARGS, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_INTERNAL);
	/* ...but a trailing semicolon, blanks or comment are fine. */
	OK(db_query(db, "SELECT 1 AS one; -- done\n", DB_NOARGS, &r, &e));
	assert_string_equal(db_get(r, 0, "one"), "1");
	db_result_free(r);

	/* The connection is still usable after errors. */
	OK(db_exec(db, CREATE_PEOPLE, DB_NOARGS, NULL, &e));
	assert_int_equal(count_people(db), 0);
}

static void test_statement_cache(void **state)
{
	GIVEN_DB(state);
	struct db_result *r = NULL;
	static const char SUM[] = "SELECT COUNT(*) AS n, SUM(age) AS total FROM t_people WHERE name = $1";

	OK(db_exec(db, CREATE_PEOPLE, DB_NOARGS, NULL, &e));
	OK(db_begin(db, &e));
	for (int i = 0; i < 500; i++) {
		char id[16], age[16];
		snprintf(id, sizeof id, "s%d", i);
		snprintf(age, sizeof age, "%d", i);
		OK(db_exec(db, INSERT_PERSON, DB_ARGS(id, i % 2 ? "odd" : "even", age, NULL), NULL, &e));
		OK(db_query(db, SUM, DB_ARGS("odd"), &r, &e));
		assert_int_equal(strtol(db_get(r, 0, "n"), NULL, 10), (i + 1) / 2);
		db_result_free(r);
	}
	OK(db_commit(db, &e));
	OK(db_query(db, SUM, DB_ARGS("even"), &r, &e));
	assert_string_equal(db_get(r, 0, "total"), "62250"); /* 0 + 2 + ... + 498 */
	db_result_free(r);

	/* The same address holding different SQL must not return the old
	 * statement's answer. */
	char buf[32];
	memcpy(buf, "SELECT 1 AS v", sizeof "SELECT 1 AS v");
	OK(db_query(db, buf, DB_NOARGS, &r, &e));
	assert_string_equal(db_get(r, 0, "v"), "1");
	db_result_free(r);
	memcpy(buf, "SELECT 2 AS v", sizeof "SELECT 2 AS v");
	OK(db_query(db, buf, DB_NOARGS, &r, &e));
	assert_string_equal(db_get(r, 0, "v"), "2");
	db_result_free(r);

	/* Many distinct addresses: the cache grows, then starts over, and
	 * stays correct throughout. */
	enum { N = 1500 };
	static const char tmpl[] = "SELECT $1 AS v";
	char *copies[N];
	for (int i = 0; i < N; i++) {
		copies[i] = malloc(sizeof tmpl);
		assert_non_null(copies[i]);
		memcpy(copies[i], tmpl, sizeof tmpl);
	}
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < N; i++) {
			OK(db_query(db, copies[i], DB_ARGS("z"), &r, &e));
			assert_string_equal(db_get(r, 0, "v"), "z");
			db_result_free(r);
		}
	}
	for (int i = 0; i < N; i++)
		free(copies[i]);
}

static void test_script(void **state)
{
	GIVEN_DB(state);
	struct db_result *r = NULL;

	OK(db_exec_script(db,
			  "-- two tables and some rows\n"
			  "CREATE TABLE t_a (id TEXT PRIMARY KEY, label TEXT);\n"
			  "CREATE TABLE t_b (id TEXT PRIMARY KEY, a_id TEXT REFERENCES t_a (id));\n"
			  "INSERT INTO t_a (id, label) VALUES ('1', 'it''s one');\n"
			  "INSERT INTO t_a (id, label) VALUES ('2', 'two');\n"
			  "INSERT INTO t_b (id, a_id) VALUES ('x', '2');\n",
			  &e));
	OK(db_query(db, "SELECT t_a.label FROM t_b JOIN t_a ON t_a.id = t_b.a_id", DB_NOARGS, &r, &e));
	assert_int_equal(db_nrows(r), 1);
	assert_string_equal(db_get(r, 0, "label"), "two");
	db_result_free(r);
	OK(db_query(db, "SELECT label FROM t_a WHERE id = '1'", DB_NOARGS, &r, &e));
	assert_string_equal(db_get(r, 0, "label"), "it's one");
	db_result_free(r);

	assert_int_equal(db_exec_script(db, "INSERT INTO t_a (id) VALUES ('3'); BOGUS;", &e), -1);
	assert_int_equal(e.kind, ERR_INTERNAL);
	assert_int_equal(db_exec_script(db, "INSERT INTO t_b (id, a_id) VALUES ('y', 'none');", &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
}

/* ---- the pool, shared by threads ---- */

enum { THREADS = 4, POOL = 3, ROUNDS = 25 };

struct worker {
	struct db_pool *pool;
	int id;
	int failures;
	char last_error[512];
};

static void *work(void *arg)
{
	struct worker *w = arg;
	for (int i = 0; i < ROUNDS; i++) {
		struct err e = {0};
		char id[32];
		snprintf(id, sizeof id, "w%d-%d", w->id, i);
		struct db *db = db_pool_get(w->pool);
		if (db_begin(db, &e) < 0 ||
		    db_exec(db, INSERT_PERSON, DB_ARGS(id, "Worker", NULL, NULL), NULL, &e) < 0 ||
		    db_exec(db, "UPDATE t_counter SET n = n + 1 WHERE id = $1", DB_ARGS("c"), NULL, &e) < 0 ||
		    db_commit(db, &e) < 0) {
			w->failures++;
			memcpy(w->last_error, e.msg, sizeof w->last_error);
			db_rollback(db);
		}
		db_pool_put(w->pool, db);
	}
	return NULL;
}

static void test_pool_threads(void **state)
{
	GIVEN_DB(state);
	struct db_pool *pool = NULL;
	struct db_result *r = NULL;
	struct worker workers[THREADS];
	pthread_t threads[THREADS];

	OK(db_exec(db, CREATE_PEOPLE, DB_NOARGS, NULL, &e));
	OK(db_exec(db, "CREATE TABLE t_counter (id TEXT PRIMARY KEY, n INTEGER NOT NULL)", DB_NOARGS,
		   NULL, &e));
	OK(db_exec(db, "INSERT INTO t_counter (id, n) VALUES ($1, 0)", DB_ARGS("c"), NULL, &e));

	/* Fewer connections than threads, so db_pool_get has to wait. */
	OK(db_pool_open(fx->url, POOL, &pool, &e));
	for (int i = 0; i < THREADS; i++) {
		workers[i] = (struct worker){.pool = pool, .id = i};
		assert_int_equal(pthread_create(&threads[i], NULL, work, &workers[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(threads[i], NULL);
		if (workers[i].failures)
			fail_msg("worker %d: %d failures, last: %s", i, workers[i].failures,
				 workers[i].last_error);
	}
	assert_int_equal(count_people(db), THREADS * ROUNDS);
	OK(db_query(db, "SELECT n FROM t_counter", DB_NOARGS, &r, &e));
	assert_int_equal(strtol(db_get(r, 0, "n"), NULL, 10), THREADS * ROUNDS);
	db_result_free(r);

	/* A connection handed back inside a transaction comes back without
	 * it, and without its writes. */
	struct db *c = db_pool_get(pool);
	OK(db_begin(c, &e));
	OK(db_exec(c, INSERT_PERSON, DB_ARGS("abandoned", "X", NULL, NULL), NULL, &e));
	db_pool_put(pool, c);
	assert_int_equal(count_people(db), THREADS * ROUNDS);
	c = db_pool_get(pool);
	OK(db_begin(c, &e)); /* would fail if a transaction were still open */
	OK(db_commit(c, &e));
	db_pool_put(pool, c);
	db_pool_close(pool);
}

/* ---- backend-independent ---- */

static void test_open_errors(void **state)
{
	(void)state;
	struct db *db = NULL;
	struct err e = {0};

	assert_int_equal(db_open("mysql://somewhere/x", &db, &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_null(db);
	assert_int_equal(db_open("sqlite:", &db, &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_int_equal(db_open("sqlite:/nonexistent-dir/x/y.db", &db, &e), -1);
	assert_int_equal(e.kind, ERR_INTERNAL);
	assert_null(db);
	/* No server behind this socket directory. */
	assert_int_equal(db_open("postgresql:///x?host=/nonexistent-dir&connect_timeout=2", &db, &e), -1);
	assert_int_equal(e.kind, ERR_INTERNAL);
	assert_null(db);
}

/* One group per backend, so the report says which one failed. */
#define ON(f, kind) cmocka_unit_test_prestate_setup_teardown(f, setup, teardown, &(kind))
#define ALL_TESTS(kind)                                                          \
	ON(test_insert_select, kind), ON(test_param_order, kind), ON(test_nulls, kind), \
		ON(test_utf8, kind), ON(test_transactions, kind), ON(test_changes, kind), \
		ON(test_constraints, kind), ON(test_errors, kind),                       \
		ON(test_statement_cache, kind), ON(test_script, kind),                   \
		ON(test_pool_threads, kind)

int main(void)
{
	const struct CMUnitTest common[] = {cmocka_unit_test(test_open_errors)};
	const struct CMUnitTest on_sqlite[] = {ALL_TESTS(KIND_SQLITE)};
	const struct CMUnitTest on_pg[] = {ALL_TESTS(KIND_PG)};
	int failed = cmocka_run_group_tests_name("db", common, NULL, NULL);
	failed += cmocka_run_group_tests_name("db_sqlite", on_sqlite, NULL, NULL);
	failed += cmocka_run_group_tests_name("db_pg", on_pg, NULL, NULL);
	return failed ? 1 : 0;
}
