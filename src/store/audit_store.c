/* audit_store.c — SQL for the audit trail, audit_log (audit_store.h). */
#include "audit_store.h"
#include "rowjson.h"
#include "../util/buf.h"

#include <pthread.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Held until the transaction ends, so concurrent appends from several app
 * servers queue up instead of both reading the same last record. The number
 * is arbitrary; it only has to differ from any other advisory lock. */
static const char SQL_LOCK[] = "SELECT pg_advisory_xact_lock(727274)";
static const char SQL_LAST[] = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
static const char SQL_INSERT[] =
	"INSERT INTO audit_log (seq, at, user_id, role, session, action, object, object_id, case_id, "
	"fields, outcome, break_glass, address, prev_hash, hash) VALUES (CAST($1 AS BIGINT), $2, $3, "
	"$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";

#define LIST_COLUMNS                                                                           \
	"SELECT a.seq, a.at, a.user_id, u.name AS user_name, a.role, a.session, a.action, "  \
	"a.object, a.object_id, a.case_id, c.reference AS case_reference, a.fields, a.outcome, " \
	"a.break_glass, a.address FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "     \
	"LEFT JOIN cases c ON c.id = a.case_id "
static const char SQL_LIST_CASE[] = LIST_COLUMNS
	"WHERE a.case_id = $1 ORDER BY a.seq DESC LIMIT CAST($2 AS INTEGER) OFFSET CAST($3 AS INTEGER)";
static const char SQL_LIST_USER[] = LIST_COLUMNS
	"WHERE a.user_id = $1 ORDER BY a.seq DESC LIMIT CAST($2 AS INTEGER) OFFSET CAST($3 AS INTEGER)";
static const char SQL_COUNT_CASE[] = "SELECT COUNT(*) AS n FROM audit_log WHERE case_id = $1";
static const char SQL_COUNT_USER[] = "SELECT COUNT(*) AS n FROM audit_log WHERE user_id = $1";

#define RECORD_COLUMNS                                                                         \
	"SELECT seq, at, user_id, role, session, action, object, object_id, case_id, fields, " \
	"outcome, break_glass, address, prev_hash, hash FROM audit_log "
/* The first page has no lower bound, so a record numbered 0 or below (which
 * only tampering can make) is still seen. */
static const char SQL_FIRST_PAGE[] = RECORD_COLUMNS "ORDER BY seq LIMIT 1000";
static const char SQL_NEXT_PAGE[] =
	RECORD_COLUMNS "WHERE seq > CAST($1 AS BIGINT) ORDER BY seq LIMIT 1000";
enum { PAGE = 1000 };

static bool parse_seq(const char *s, int64_t *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*out = v;
	return true;
}

/* Takes the append lock (PostgreSQL) and reads the chain's head: *seq and
 * prev_hash are the last record's, or 0 and the genesis hash. */
static int chain_head(struct db *db, int64_t *seq, char prev_hash[65], struct err *e)
{
	struct db_result *res;
	if (db_kind(db) == DB_POSTGRES) {
		if (db_query(db, SQL_LOCK, DB_NOARGS, &res, e) != 0)
			return -1;
		db_result_free(res);
	}
	if (db_query(db, SQL_LAST, DB_NOARGS, &res, e) != 0)
		return -1;
	*seq = 0;
	if (db_nrows(res) == 0) {
		snprintf(prev_hash, 65, "%s", AUDIT_GENESIS);
	} else {
		const char *hash = db_get(res, 0, "hash");
		if (!parse_seq(db_get(res, 0, "seq"), seq) || *seq < 0 || *seq == INT64_MAX || !hash) {
			db_result_free(res);
			return err_set(e, ERR_INTERNAL, NULL,
				       "the audit trail's last record is damaged: run `hearth audit verify`");
		}
		snprintf(prev_hash, 65, "%s", hash);
	}
	db_result_free(res);
	return 0;
}

static bool complete(const struct audit_record *r, struct err *e)
{
	if (r->at && r->action && r->object && r->outcome)
		return true;
	err_set(e, ERR_INTERNAL, NULL, "an audit record needs its time, action, object and outcome");
	return false;
}

int audit_append(struct db *db, struct audit_record *r, struct err *e)
{
	return audit_append_many(db, r, 1, e);
}

/* Rows per INSERT when appending many: one round trip instead of 64 on
 * PostgreSQL, well inside either database's limit on parameters. */
enum { ROWS_PER_INSERT = 64, AUDIT_COLUMNS = 15 };

/* The INSERT of ROWS_PER_INSERT records: SQL_INSERT's column list with its
 * VALUES group repeated and renumbered. Built once; values are always bound. */
static char *insert_many;
static pthread_once_t insert_many_once = PTHREAD_ONCE_INIT;

static void build_insert_many(void)
{
	struct buf b;
	buf_init(&b);
	const char *values = strstr(SQL_INSERT, "VALUES");
	buf_append(&b, SQL_INSERT, (size_t)(values - SQL_INSERT) + strlen("VALUES "));
	for (int row = 0; row < ROWS_PER_INSERT; row++) {
		int base = row * AUDIT_COLUMNS;
		buf_printf(&b, "%s(CAST($%d AS BIGINT)", row ? ", " : "", base + 1);
		for (int col = 2; col <= AUDIT_COLUMNS; col++)
			buf_printf(&b, ", $%d", base + col);
		buf_puts(&b, ")");
	}
	insert_many = buf_steal(&b);
}

static const char *insert_many_sql(void)
{
	pthread_once(&insert_many_once, build_insert_many);
	return insert_many;
}

int audit_append_many(struct db *db, struct audit_record *r, size_t n, struct err *e)
{
	for (size_t i = 0; i < n; i++)
		if (!complete(&r[i], e))
			return -1;
	int64_t last;
	char prev[65];
	if (n == 0 || chain_head(db, &last, prev, e) != 0)
		return n == 0 ? 0 : -1;
	char (*seqs)[24] = xcalloc(n, sizeof *seqs);
	for (size_t i = 0; i < n; i++) {
		r[i].seq = last + 1 + (int64_t)i;
		memcpy(r[i].prev_hash, i ? r[i - 1].hash : prev, sizeof r[i].prev_hash);
		audit_record_hash(&r[i]);
		snprintf(seqs[i], sizeof seqs[i], "%" PRId64, r[i].seq);
	}
	int rc = 0;
	size_t i = 0;
	const char *params[ROWS_PER_INSERT * AUDIT_COLUMNS];
	while (rc == 0 && i < n) {
		size_t rows = n - i >= ROWS_PER_INSERT ? ROWS_PER_INSERT : 1;
		for (size_t k = 0; k < rows; k++) {
			const struct audit_record *a = &r[i + k];
			const char *row[AUDIT_COLUMNS] = {seqs[i + k], a->at, a->user_id, a->role, a->session,
							  a->action, a->object, a->object_id, a->case_id,
							  a->fields, a->outcome, a->break_glass, a->address,
							  a->prev_hash, a->hash};
			memcpy(&params[k * AUDIT_COLUMNS], row, sizeof row);
		}
		rc = db_exec(db, rows == 1 ? SQL_INSERT : insert_many_sql(), (int)(rows * AUDIT_COLUMNS),
			     params, NULL, e);
		i += rows;
	}
	free(seqs);
	return rc;
}

int audit_list(struct db *db, const char *case_id, const char *user_id, int limit, int offset,
	       json_t **out, struct err *e)
{
	static const struct col_map cols[] = {
		{"seq", NULL, COL_INT},         {"at", NULL, COL_STR},
		{"user_id", NULL, COL_STR},     {"user_name", NULL, COL_STR},
		{"role", NULL, COL_STR},        {"session", NULL, COL_STR},
		{"action", NULL, COL_STR},      {"object", NULL, COL_STR},
		{"object_id", NULL, COL_STR},   {"case_id", NULL, COL_STR},
		{"case_reference", NULL, COL_STR}, {"fields", NULL, COL_STR},
		{"outcome", NULL, COL_STR},     {"break_glass", NULL, COL_STR},
		{"address", NULL, COL_STR},     {NULL}};
	*out = NULL;
	if ((case_id == NULL) == (user_id == NULL))
		return err_set(e, ERR_INTERNAL, NULL, "audit_list needs exactly one of a case and a user");
	/* SQLite reads a negative LIMIT as "no limit" where PostgreSQL refuses
	 * it: refuse here so both behave alike. */
	if (limit < 0 || offset < 0)
		return err_set(e, ERR_INVALID, NULL, "the number of records and the offset cannot be negative");
	const char *key = case_id ? case_id : user_id;
	char lim[16], off[16];
	snprintf(lim, sizeof lim, "%d", limit);
	snprintf(off, sizeof off, "%d", offset);

	struct db_result *r;
	if (db_query(db, case_id ? SQL_COUNT_CASE : SQL_COUNT_USER, DB_ARGS(key), &r, e) != 0)
		return -1;
	json_int_t total = strtoll(db_get(r, 0, "n"), NULL, 10);
	db_result_free(r);
	if (db_query(db, case_id ? SQL_LIST_CASE : SQL_LIST_USER, DB_ARGS(key, lim, off), &r, e) != 0)
		return -1;
	*out = json_pack("{s:o,s:I}", "records", rowjson_all(r, cols), "total", total);
	db_result_free(r);
	return 0;
}

/* Checks one record against the one before it (`prev_seq` 0 and
 * `prev_hash` AUDIT_GENESIS for the first). Returns false after writing
 * what is wrong to out->problem. */
static bool check_record(const struct db_result *res, int row, int64_t seq, int64_t prev_seq,
			 const char *prev_hash, struct audit_verify_result *out)
{
	char *p = out->problem;
	size_t n = sizeof out->problem;
	if (prev_seq == 0 && seq < 1) {
		snprintf(p, n, "the first record is numbered %" PRId64 ", not 1 (a record was inserted before the start)", seq);
		return false;
	}
	if (prev_seq == 0 && seq > 1) {
		snprintf(p, n, "the first record is %" PRId64 ", not 1: records are missing from the start", seq);
		return false;
	}
	if (seq != prev_seq + 1) {
		int64_t gap = seq - prev_seq - 1;
		if (gap == 1)
			snprintf(p, n, "record %" PRId64 " does not follow record %" PRId64 ": a record is missing",
				 seq, prev_seq);
		else
			snprintf(p, n, "record %" PRId64 " does not follow record %" PRId64 ": %" PRId64 " records are missing",
				 seq, prev_seq, gap);
		return false;
	}

	struct audit_record rec = {
		.seq = seq,
		.at = db_get(res, row, "at"),
		.user_id = db_get(res, row, "user_id"),
		.role = db_get(res, row, "role"),
		.session = db_get(res, row, "session"),
		.action = db_get(res, row, "action"),
		.object = db_get(res, row, "object"),
		.object_id = db_get(res, row, "object_id"),
		.case_id = db_get(res, row, "case_id"),
		.fields = db_get(res, row, "fields"),
		.outcome = db_get(res, row, "outcome"),
		.break_glass = db_get(res, row, "break_glass"),
		.address = db_get(res, row, "address"),
	};
	const char *stored_prev = db_get(res, row, "prev_hash");
	const char *stored_hash = db_get(res, row, "hash");
	/* A prev_hash of any other length would be cut to fit the struct, and
	 * the cut one might match. */
	bool prev_ok = stored_prev && strlen(stored_prev) == sizeof rec.prev_hash - 1;
	if (prev_ok) {
		memcpy(rec.prev_hash, stored_prev, sizeof rec.prev_hash);
		audit_record_hash(&rec);
	}
	if (!prev_ok || !stored_hash || strcmp(stored_hash, rec.hash) != 0) {
		snprintf(p, n, "record %" PRId64 " has been changed (its hash does not match its contents)", seq);
		return false;
	}
	if (strcmp(stored_prev, prev_hash) != 0) {
		if (prev_seq == 0)
			snprintf(p, n, "record 1 does not start the chain (a record was inserted or removed)");
		else
			snprintf(p, n, "record %" PRId64 " does not follow the record before it (a record was inserted or removed)",
				 seq);
		return false;
	}
	return true;
}

int audit_verify(struct db *db, struct audit_verify_result *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	snprintf(out->last_hash, sizeof out->last_hash, "%s", AUDIT_GENESIS);
	int64_t prev_seq = 0;
	for (;;) {
		struct db_result *res;
		char after[24];
		snprintf(after, sizeof after, "%" PRId64, prev_seq);
		int rc = prev_seq == 0 ? db_query(db, SQL_FIRST_PAGE, DB_NOARGS, &res, e)
				       : db_query(db, SQL_NEXT_PAGE, DB_ARGS(after), &res, e);
		if (rc != 0)
			return -1;
		int rows = db_nrows(res);
		for (int i = 0; i < rows; i++) {
			int64_t seq;
			out->records++;
			if (!parse_seq(db_get(res, i, "seq"), &seq)) {
				out->broken_at = prev_seq + 1;
				snprintf(out->problem, sizeof out->problem,
					 "a record after record %" PRId64 " is not numbered (its seq is \"%.60s\")",
					 prev_seq, db_get(res, i, "seq") ? db_get(res, i, "seq") : "NULL");
				db_result_free(res);
				return 0;
			}
			if (!check_record(res, i, seq, prev_seq, out->last_hash, out)) {
				/* 0 means intact, so a record numbered 0 or below
				 * is reported where the chain should start. */
				out->broken_at = seq >= 1 ? seq : 1;
				db_result_free(res);
				return 0;
			}
			snprintf(out->last_hash, sizeof out->last_hash, "%s", db_get(res, i, "hash"));
			prev_seq = seq;
		}
		db_result_free(res);
		if (rows < PAGE)
			return 0;
	}
}
