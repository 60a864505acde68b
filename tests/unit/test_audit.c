/* test_audit.c — the audit trail: the record hash (src/security/audit_chain.c)
 * and the store (src/store/audit_store.c) that appends, lists and verifies.
 *
 * The store tests run on SQLite, in a fresh file under /tmp, and on
 * PostgreSQL when HEARTH_TEST_PG_URL names a database (tests/pg-cluster.sh
 * makes a throwaway one); without it the PostgreSQL runs are skipped. Each
 * starts from an empty, fully migrated schema.
 *
 * The tamper tests play an attacker with write access to the database: they
 * drop the append-only triggers first, then change, remove or forge records,
 * and expect audit_verify to point at the first record that gives it away.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "security/audit_chain.h"
#include "store/audit_store.h"
#include "store/db.h"
#include "store/migrate.h"

struct fx {
	enum db_kind kind;
	char url[1024];
	char path[64];
	struct db *db;
};

static enum db_kind KIND_SQLITE = DB_SQLITE;
static enum db_kind KIND_PG = DB_POSTGRES;

/* PostgreSQL's database outlives a test, so each test starts (and ends)
 * with an empty schema. */
static const char PG_RESET[] = "DROP SCHEMA public CASCADE; CREATE SCHEMA public";

static const char SQLITE_DROP_TRIGGERS[] =
	"DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete";
static const char PG_DROP_TRIGGERS[] = "DROP TRIGGER audit_log_no_change ON audit_log";

static const char UPDATE_ACTION[] = "UPDATE audit_log SET action = $1 WHERE seq = CAST($2 AS BIGINT)";
static const char DELETE_SEQ[] = "DELETE FROM audit_log WHERE seq = CAST($1 AS BIGINT)";
static const char INSERT_RAW[] =
	"INSERT INTO audit_log (seq, at, user_id, role, session, action, object, object_id, case_id, "
	"fields, outcome, break_glass, address, prev_hash, hash) VALUES (CAST($1 AS BIGINT), $2, $3, "
	"$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
static const char SELECT_HASH[] = "SELECT hash FROM audit_log WHERE seq = CAST($1 AS BIGINT)";
static const char INSERT_USER[] =
	"INSERT INTO users (id, name, email, active, created_at) VALUES ($1, $2, $3, 1, '2026-01-01T00:00:00Z')";
static const char INSERT_CASE[] =
	"INSERT INTO cases (id, reference, stage, created_at, updated_at, child_name, child_name_folded, "
	"referrer_name, referrer_role, referrer_organisation, consultation_at, family_details, benefit, "
	"strengths, referral_reason, questions, bottom_lines, risks, reason_category) VALUES ($1, $2, "
	"'referred', $3, $3, 'A child', 'a child', 'R', 'teacher', 'School', $3, 'f', 'b', 's', 'r', "
	"'q', 'bl', 'rk', 'other')";

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	struct err e = {0};
	int applied;
	assert_non_null(fx);
	fx->kind = *(const enum db_kind *)*state;
	*state = fx;
	if (fx->kind == DB_SQLITE) {
		snprintf(fx->path, sizeof fx->path, "/tmp/hearth-test-audit-XXXXXX");
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
	if (fx->kind == DB_POSTGRES && db_exec_script(fx->db, PG_RESET, &e) < 0)
		fail_msg("reset: %s", e.msg);
	if (migrate_apply(fx->db, &applied, &e) < 0)
		fail_msg("migrate: %s", e.msg);
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	struct err e = {0};
	if (fx->db && fx->kind == DB_POSTGRES)
		db_exec_script(fx->db, PG_RESET, &e);
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

#define OK(call)                                                       \
	do {                                                           \
		if ((call) < 0)                                        \
			fail_msg("%s failed: %s", #call, e.msg);       \
	} while (0)

static struct audit_record sample(void)
{
	return (struct audit_record){
		.seq = 1,
		.at = "2026-11-22T10:15:30.123Z",
		.user_id = "u1",
		.role = "coordinator",
		.session = "cli",
		.action = "case.view",
		.object = "case",
		.object_id = "c1",
		.case_id = "c1",
		.fields = "",
		.outcome = "ok",
		.break_glass = NULL,
		.address = "127.0.0.1",
		.prev_hash = AUDIT_GENESIS,
	};
}

/* ---- the hash (no database) ---- */

static void test_hash_known_value(void **state)
{
	(void)state;
	struct audit_record r = sample();
	r.break_glass = "Réseau"; /* 7 bytes, 6 characters: lengths are in bytes */
	audit_record_hash(&r);
	/* Pins the encoding: every stored hash depends on it. Computed
	 * independently (Python hashlib) from
	 * "1:1\n24:2026-11-22T10:15:30.123Z\n2:u1\n11:coordinator\n3:cli\n"
	 * "9:case.view\n4:case\n2:c1\n2:c1\n0:\n2:ok\n7:Réseau\n9:127.0.0.1\n64:000…0". */
	assert_string_equal(r.hash, "d065b43e071041008bf6e3b905b7a3ebc07e3bbb608b2e5c66e0d2317d1121fe");
}

static void test_hash_deterministic(void **state)
{
	(void)state;
	struct audit_record a = sample(), b = sample();
	audit_record_hash(&a);
	audit_record_hash(&b);
	assert_int_equal(strlen(a.hash), 64);
	assert_string_equal(a.hash, b.hash);
	/* The hash is not an input to itself. */
	snprintf(b.hash, sizeof b.hash, "%s", "junk");
	audit_record_hash(&b);
	assert_string_equal(a.hash, b.hash);
}

static void test_hash_every_field_counts(void **state)
{
	(void)state;
	struct audit_record base = sample();
	audit_record_hash(&base);
	static const size_t offsets[] = {
		offsetof(struct audit_record, at),        offsetof(struct audit_record, user_id),
		offsetof(struct audit_record, role),      offsetof(struct audit_record, session),
		offsetof(struct audit_record, action),    offsetof(struct audit_record, object),
		offsetof(struct audit_record, object_id), offsetof(struct audit_record, case_id),
		offsetof(struct audit_record, fields),    offsetof(struct audit_record, outcome),
		offsetof(struct audit_record, break_glass), offsetof(struct audit_record, address)};
	for (size_t i = 0; i < sizeof offsets / sizeof *offsets; i++) {
		struct audit_record r = sample();
		const char **f = (const char **)((char *)&r + offsets[i]);
		*f = *f && strcmp(*f, "x") != 0 ? "x" : "y";
		audit_record_hash(&r);
		if (strcmp(r.hash, base.hash) == 0)
			fail_msg("changing field %zu left the hash alone", i);
	}
	struct audit_record r = sample();
	r.seq = 2;
	audit_record_hash(&r);
	assert_string_not_equal(r.hash, base.hash);
	r = sample();
	r.prev_hash[63] = '1';
	audit_record_hash(&r);
	assert_string_not_equal(r.hash, base.hash);
}

static void test_hash_null_and_boundaries(void **state)
{
	(void)state;
	struct audit_record a = sample(), b = sample();
	a.role = NULL;
	b.role = "";
	audit_record_hash(&a);
	audit_record_hash(&b);
	assert_string_not_equal(a.hash, b.hash);
	/* "-" is how NULL is written, but a value "-" is "1:-". */
	b.role = "-";
	audit_record_hash(&b);
	assert_string_not_equal(a.hash, b.hash);
	/* Text moved across a field boundary is a different record. */
	a = sample();
	b = sample();
	a.action = "case.view\n4:case";
	a.object = "x";
	b.action = "case.view";
	b.object = "case\n1:x";
	audit_record_hash(&a);
	audit_record_hash(&b);
	assert_string_not_equal(a.hash, b.hash);
}

/* ---- the store ---- */

static void append_one(struct db *db, struct audit_record *r)
{
	struct err e = {0};
	OK(db_begin(db, &e));
	OK(audit_append(db, r, &e));
	OK(db_commit(db, &e));
}

/* Three records: the first about case c1 by u1, the second by nobody (the
 * command line), the third about case c1 by u2. */
static void append_three(struct db *db, struct audit_record r[3])
{
	r[0] = sample();
	r[1] = sample();
	r[1].at = "2026-11-22T10:16:00.000Z";
	r[1].user_id = NULL;
	r[1].role = NULL;
	r[1].action = "user.create";
	r[1].object = "user";
	r[1].object_id = "u2";
	r[1].case_id = NULL;
	r[1].fields = "name email roles";
	r[2] = sample();
	r[2].at = "2026-11-22T10:17:00.000Z";
	r[2].user_id = "u2";
	r[2].action = "case.update";
	r[2].outcome = "denied";
	r[2].break_glass = "child at risk tonight";
	for (int i = 0; i < 3; i++)
		append_one(db, &r[i]);
}

static void drop_triggers(struct fx *fx)
{
	struct err e = {0};
	OK(db_exec_script(fx->db, fx->kind == DB_POSTGRES ? PG_DROP_TRIGGERS : SQLITE_DROP_TRIGGERS, &e));
}

static struct audit_verify_result verify(struct db *db)
{
	struct audit_verify_result v;
	struct err e = {0};
	OK(audit_verify(db, &v, &e));
	return v;
}

static void test_verify_empty(void **state)
{
	GIVEN_DB(state);
	(void)e;
	struct audit_verify_result v = verify(db);
	assert_int_equal(v.records, 0);
	assert_int_equal(v.broken_at, 0);
	assert_string_equal(v.last_hash, AUDIT_GENESIS);
}

static void test_append_and_verify(void **state)
{
	GIVEN_DB(state);
	struct audit_record r[3];
	append_three(db, r);
	for (int i = 0; i < 3; i++)
		assert_int_equal(r[i].seq, i + 1);
	assert_string_equal(r[0].prev_hash, AUDIT_GENESIS);
	assert_string_equal(r[1].prev_hash, r[0].hash);
	assert_string_equal(r[2].prev_hash, r[1].hash);

	/* What was stored is what was hashed. */
	struct db_result *res;
	OK(db_query(db, SELECT_HASH, DB_ARGS("2"), &res, &e));
	assert_string_equal(db_get(res, 0, "hash"), r[1].hash);
	db_result_free(res);

	struct audit_verify_result v = verify(db);
	assert_int_equal(v.records, 3);
	assert_int_equal(v.broken_at, 0);
	assert_string_equal(v.problem, "");
	assert_string_equal(v.last_hash, r[2].hash);
}

/* Many at once (the demo's copies): 64 to a statement, the rest one by
 * one, all chained after what is there, in order, and the chain verifies. */
static void test_append_many(void **state)
{
	GIVEN_DB(state);
	struct audit_record first[3];
	append_three(db, first);
	enum { N = 64 * 2 + 5 };
	static struct audit_record r[N];
	static char ids[N][16];
	for (int i = 0; i < N; i++) {
		r[i] = sample();
		snprintf(ids[i], sizeof ids[i], "c%d", i);
		r[i].case_id = ids[i];
		r[i].fields = i % 2 ? NULL : "phone";
	}
	OK(db_begin(db, &e));
	OK(audit_append_many(db, r, N, &e));
	OK(db_commit(db, &e));
	assert_int_equal(r[0].seq, 4);
	assert_string_equal(r[0].prev_hash, first[2].hash);
	assert_int_equal(r[N - 1].seq, 3 + N);
	struct db_result *res;
	OK(db_query(db, SELECT_HASH, DB_ARGS("100"), &res, &e));
	assert_string_equal(db_get(res, 0, "hash"), r[96].hash);
	db_result_free(res);
	struct audit_verify_result v = verify(db);
	assert_int_equal(v.records, 3 + N);
	assert_int_equal(v.broken_at, 0);
	assert_string_equal(v.last_hash, r[N - 1].hash);
	/* One incomplete record refuses the lot, before anything is written. */
	struct audit_record bad[2] = {sample(), sample()};
	bad[1].action = NULL;
	OK(db_begin(db, &e));
	assert_int_equal(audit_append_many(db, bad, 2, &e), -1);
	db_rollback(db);
	assert_int_equal(verify(db).records, 3 + N);
}

static void test_append_rolled_back(void **state)
{
	GIVEN_DB(state);
	struct audit_record r[3], x = sample();
	append_three(db, r);
	OK(db_begin(db, &e));
	OK(audit_append(db, &x, &e));
	assert_int_equal(x.seq, 4);
	db_rollback(db);
	/* A rolled-back change leaves no record, and no gap. */
	x = sample();
	append_one(db, &x);
	assert_int_equal(x.seq, 4);
	assert_string_equal(x.prev_hash, r[2].hash);
	struct audit_verify_result v = verify(db);
	assert_int_equal(v.records, 4);
	assert_int_equal(v.broken_at, 0);
}

static void test_append_needs_required_fields(void **state)
{
	GIVEN_DB(state);
	struct audit_record r = sample();
	r.outcome = NULL;
	OK(db_begin(db, &e));
	assert_int_equal(audit_append(db, &r, &e), -1);
	db_rollback(db);
	assert_int_equal(verify(db).records, 0);
}

static void test_changes_refused(void **state)
{
	GIVEN_DB(state);
	struct audit_record r[3];
	append_three(db, r);
	assert_int_equal(db_exec(db, UPDATE_ACTION, DB_ARGS("case.export", "2"), NULL, &e), -1);
	assert_int_equal(db_exec(db, DELETE_SEQ, DB_ARGS("2"), NULL, &e), -1);
	struct audit_verify_result v = verify(db);
	assert_int_equal(v.records, 3);
	assert_int_equal(v.broken_at, 0);
}

static void test_tamper_update(void **state)
{
	GIVEN_DB(state);
	struct audit_record r[3];
	append_three(db, r);
	drop_triggers(fx);
	long changes = 0;
	OK(db_exec(db, UPDATE_ACTION, DB_ARGS("case.view", "3"), &changes, &e));
	assert_int_equal(changes, 1);
	struct audit_verify_result v = verify(db);
	assert_int_equal(v.broken_at, 3);
	assert_int_equal(v.records, 3);
	assert_string_equal(v.problem, "record 3 has been changed (its hash does not match its contents)");
	assert_string_equal(v.last_hash, r[1].hash);
}

static void test_tamper_delete_middle(void **state)
{
	GIVEN_DB(state);
	struct audit_record r[3];
	append_three(db, r);
	drop_triggers(fx);
	OK(db_exec(db, DELETE_SEQ, DB_ARGS("2"), NULL, &e));
	struct audit_verify_result v = verify(db);
	assert_int_equal(v.broken_at, 3);
	assert_string_equal(v.problem, "record 3 does not follow record 1: a record is missing");
	assert_string_equal(v.last_hash, r[0].hash);
}

static void test_tamper_delete_first(void **state)
{
	GIVEN_DB(state);
	struct audit_record r[3];
	append_three(db, r);
	drop_triggers(fx);
	OK(db_exec(db, DELETE_SEQ, DB_ARGS("1"), NULL, &e));
	struct audit_verify_result v = verify(db);
	assert_int_equal(v.broken_at, 2);
	assert_string_equal(v.problem, "the first record is 2, not 1: records are missing from the start");
	assert_string_equal(v.last_hash, AUDIT_GENESIS);
}

/* Removing the newest records leaves a shorter chain that is still whole:
 * only a head hash noted down elsewhere shows it. */
static void test_tamper_delete_last_changes_head(void **state)
{
	GIVEN_DB(state);
	struct audit_record r[3];
	append_three(db, r);
	drop_triggers(fx);
	OK(db_exec(db, DELETE_SEQ, DB_ARGS("3"), NULL, &e));
	struct audit_verify_result v = verify(db);
	assert_int_equal(v.broken_at, 0);
	assert_int_equal(v.records, 2);
	assert_string_not_equal(v.last_hash, r[2].hash);
}

static void insert_raw(struct db *db, const struct audit_record *f)
{
	struct err e = {0};
	char seq[24];
	snprintf(seq, sizeof seq, "%lld", (long long)f->seq);
	OK(db_exec(db, INSERT_RAW,
		   DB_ARGS(seq, f->at, f->user_id, f->role, f->session, f->action, f->object,
			   f->object_id, f->case_id, f->fields, f->outcome, f->break_glass, f->address,
			   f->prev_hash, f->hash),
		   NULL, &e));
}

/* A forged record 2, consistent in itself and chained to record 1, in place
 * of the real one: record 3 still points at the real one. */
static void test_tamper_replace(void **state)
{
	GIVEN_DB(state);
	struct audit_record r[3];
	append_three(db, r);
	drop_triggers(fx);
	OK(db_exec(db, DELETE_SEQ, DB_ARGS("2"), NULL, &e));
	struct audit_record forged = r[1];
	forged.action = "user.view";
	audit_record_hash(&forged);
	assert_string_equal(forged.prev_hash, r[0].hash);
	insert_raw(db, &forged);
	struct audit_verify_result v = verify(db);
	assert_int_equal(v.broken_at, 3);
	assert_string_equal(v.problem,
			    "record 3 does not follow the record before it (a record was inserted or removed)");
	assert_string_equal(v.last_hash, forged.hash);
}

/* A record slipped in before the first: seq 0 chains to nothing. */
static void test_tamper_insert_before_start(void **state)
{
	GIVEN_DB(state);
	(void)e;
	struct audit_record r[3];
	append_three(db, r);
	struct audit_record forged = sample();
	forged.seq = 0;
	audit_record_hash(&forged);
	insert_raw(db, &forged); /* the triggers allow inserts: appends are inserts */
	struct audit_verify_result v = verify(db);
	assert_int_equal(v.broken_at, 1);
	assert_non_null(strstr(v.problem, "the first record is numbered 0, not 1"));
}

/* Across the 1000-record pages verify reads in. */
static void test_verify_pages(void **state)
{
	GIVEN_DB(state);
	enum { N = 2100 };
	char last[65] = "";
	OK(db_begin(db, &e));
	for (int i = 0; i < N; i++) {
		struct audit_record r = sample();
		OK(audit_append(db, &r, &e));
		snprintf(last, sizeof last, "%s", r.hash);
	}
	OK(db_commit(db, &e));
	struct audit_verify_result v = verify(db);
	assert_int_equal(v.records, N);
	assert_int_equal(v.broken_at, 0);
	assert_string_equal(v.last_hash, last);

	drop_triggers(fx);
	OK(db_exec(db, UPDATE_ACTION, DB_ARGS("case.export", "1500"), NULL, &e));
	v = verify(db);
	assert_int_equal(v.broken_at, 1500);
	assert_int_equal(v.records, 1500);
	OK(db_exec(db, DELETE_SEQ, DB_ARGS("1001"), NULL, &e));
	v = verify(db);
	assert_int_equal(v.broken_at, 1002);
	assert_int_equal(v.records, 1001);
	assert_string_equal(v.problem, "record 1002 does not follow record 1000: a record is missing");
	OK(db_exec(db, DELETE_SEQ, DB_ARGS("1000"), NULL, &e));
	v = verify(db);
	assert_int_equal(v.broken_at, 1002);
	assert_string_equal(v.problem, "record 1002 does not follow record 999: 2 records are missing");
}

static json_t *record_at(json_t *list, size_t i)
{
	return json_array_get(json_object_get(list, "records"), i);
}

static const char *str(json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

static void test_list(void **state)
{
	GIVEN_DB(state);
	const char *u1 = "u1", *u2 = "u2";
	OK(db_exec(db, INSERT_USER, DB_ARGS(u1, "Ada Coordinator", "ada@example.org"), NULL, &e));
	OK(db_exec(db, INSERT_USER, DB_ARGS(u2, "Bo Manager", "bo@example.org"), NULL, &e));
	OK(db_exec(db, INSERT_CASE, DB_ARGS("c1", "FGC-0001", "2026-01-01T00:00:00Z"), NULL, &e));
	OK(db_exec(db, INSERT_CASE, DB_ARGS("c2", "FGC-0002", "2026-01-01T00:00:00Z"), NULL, &e));
	/* seq: 1 c1 by u1, 2 c2 by u2, 3 c1 by u2, 4 no case by u1, 5 c1 by nobody */
	const char *cases[] = {"c1", "c2", "c1", NULL, "c1"};
	const char *users[] = {u1, u2, u2, u1, NULL};
	for (int i = 0; i < 5; i++) {
		struct audit_record r = sample();
		r.case_id = cases[i];
		r.object_id = cases[i];
		r.user_id = users[i];
		append_one(db, &r);
	}

	json_t *list;
	OK(audit_list(db, "c1", NULL, 50, 0, &list, &e));
	assert_int_equal(json_integer_value(json_object_get(list, "total")), 3);
	assert_int_equal(json_array_size(json_object_get(list, "records")), 3);
	json_t *newest = record_at(list, 0);
	assert_true(json_is_integer(json_object_get(newest, "seq")));
	assert_int_equal(json_integer_value(json_object_get(newest, "seq")), 5);
	assert_true(json_is_null(json_object_get(newest, "user_id")));
	assert_true(json_is_null(json_object_get(newest, "user_name")));
	assert_true(json_is_null(json_object_get(newest, "break_glass")));
	assert_string_equal(str(newest, "case_reference"), "FGC-0001");
	assert_string_equal(str(newest, "fields"), "");
	assert_string_equal(str(newest, "at"), "2026-11-22T10:15:30.123Z");
	assert_string_equal(str(newest, "role"), "coordinator");
	assert_string_equal(str(newest, "session"), "cli");
	assert_string_equal(str(newest, "action"), "case.view");
	assert_string_equal(str(newest, "object"), "case");
	assert_string_equal(str(newest, "object_id"), "c1");
	assert_string_equal(str(newest, "outcome"), "ok");
	assert_string_equal(str(newest, "address"), "127.0.0.1");
	assert_int_equal(json_object_size(newest), 15);
	assert_int_equal(json_integer_value(json_object_get(record_at(list, 1), "seq")), 3);
	assert_string_equal(str(record_at(list, 1), "user_name"), "Bo Manager");
	assert_int_equal(json_integer_value(json_object_get(record_at(list, 2), "seq")), 1);
	assert_string_equal(str(record_at(list, 2), "user_name"), "Ada Coordinator");
	json_decref(list);

	/* A page: the total still counts them all. */
	OK(audit_list(db, "c1", NULL, 1, 1, &list, &e));
	assert_int_equal(json_integer_value(json_object_get(list, "total")), 3);
	assert_int_equal(json_array_size(json_object_get(list, "records")), 1);
	assert_int_equal(json_integer_value(json_object_get(record_at(list, 0), "seq")), 3);
	json_decref(list);

	OK(audit_list(db, NULL, u1, 50, 0, &list, &e));
	assert_int_equal(json_integer_value(json_object_get(list, "total")), 2);
	assert_int_equal(json_integer_value(json_object_get(record_at(list, 0), "seq")), 4);
	assert_true(json_is_null(json_object_get(record_at(list, 0), "case_id")));
	assert_true(json_is_null(json_object_get(record_at(list, 0), "case_reference")));
	assert_int_equal(json_integer_value(json_object_get(record_at(list, 1), "seq")), 1);
	json_decref(list);

	OK(audit_list(db, "nothing", NULL, 50, 0, &list, &e));
	assert_int_equal(json_integer_value(json_object_get(list, "total")), 0);
	assert_int_equal(json_array_size(json_object_get(list, "records")), 0);
	json_decref(list);

	assert_int_equal(audit_list(db, "c1", u1, 50, 0, &list, &e), -1);
	assert_null(list);
	assert_int_equal(audit_list(db, NULL, NULL, 50, 0, &list, &e), -1);
	assert_int_equal(audit_list(db, "c1", NULL, -1, 0, &list, &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
}

#define ON(f, kind) cmocka_unit_test_prestate_setup_teardown(f, setup, teardown, &(kind))
#define ALL_TESTS(kind)                                                                        \
	ON(test_verify_empty, kind), ON(test_append_and_verify, kind), ON(test_append_many, kind), \
		ON(test_append_rolled_back, kind), ON(test_append_needs_required_fields, kind), \
		ON(test_changes_refused, kind), ON(test_tamper_update, kind),                  \
		ON(test_tamper_delete_middle, kind), ON(test_tamper_delete_first, kind),       \
		ON(test_tamper_delete_last_changes_head, kind), ON(test_tamper_replace, kind), \
		ON(test_tamper_insert_before_start, kind), ON(test_verify_pages, kind),        \
		ON(test_list, kind)

int main(void)
{
	const struct CMUnitTest hash[] = {
		cmocka_unit_test(test_hash_known_value),
		cmocka_unit_test(test_hash_deterministic),
		cmocka_unit_test(test_hash_every_field_counts),
		cmocka_unit_test(test_hash_null_and_boundaries),
	};
	const struct CMUnitTest on_sqlite[] = {ALL_TESTS(KIND_SQLITE)};
	const struct CMUnitTest on_pg[] = {ALL_TESTS(KIND_PG)};
	int failed = cmocka_run_group_tests_name("audit_chain", hash, NULL, NULL);
	failed += cmocka_run_group_tests_name("audit_sqlite", on_sqlite, NULL, NULL);
	failed += cmocka_run_group_tests_name("audit_pg", on_pg, NULL, NULL);
	return failed ? 1 : 0;
}
