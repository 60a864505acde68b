/* copy_store.c — SQL for copying whole cases (copy_store.h).
 *
 * The templates are read with constant SELECTs. The INSERTs are the one place
 * where hearth puts SQL together at run time: the table's name comes from the
 * constant list below and the column names from the database's own answer to
 * that table's SELECT, never from input, and every value is bound. Each
 * statement is built once and kept, so both backends see the same few texts.
 */
#include "copy_store.h"
#include "audit_store.h"
#include "../util/buf.h"

#include <stdlib.h>
#include <string.h>

#define PEOPLE_OF "(SELECT person_id FROM case_people WHERE case_id = $1)"

static const struct {
	const char *name;
	const char *select;
} tables[CT_COUNT] = {
	[CT_HOUSEHOLDS] = {"households", "SELECT * FROM households WHERE id IN "
			   "(SELECT household_id FROM people WHERE id IN " PEOPLE_OF ") ORDER BY id"},
	[CT_PEOPLE] = {"people", "SELECT * FROM people WHERE id IN " PEOPLE_OF " ORDER BY id"},
	[CT_CASES] = {"cases", "SELECT * FROM cases WHERE id = $1"},
	[CT_CASE_PEOPLE] = {"case_people", "SELECT * FROM case_people WHERE case_id = $1 ORDER BY id"},
	[CT_RELATIONSHIPS] = {"relationships", "SELECT * FROM relationships WHERE person_a IN " PEOPLE_OF
			      " ORDER BY id"},
	[CT_CONSENTS] = {"consents", "SELECT * FROM consents WHERE case_id = $1 ORDER BY id"},
	[CT_MEETINGS] = {"meetings", "SELECT * FROM meetings WHERE case_id = $1 ORDER BY id"},
	[CT_ATTENDANCE] = {"attendance", "SELECT * FROM attendance WHERE meeting_id IN "
			   "(SELECT id FROM meetings WHERE case_id = $1) ORDER BY id"},
	[CT_CONVERSATIONS] = {"conversations", "SELECT * FROM conversations WHERE case_id = $1 ORDER BY id"},
	[CT_EXCLUSIONS] = {"exclusions", "SELECT * FROM exclusions WHERE case_id = $1 ORDER BY id"},
	[CT_PLANS] = {"plans", "SELECT * FROM plans WHERE case_id = $1 ORDER BY version"},
	/* by id: an item made at a review refers back to the earlier version's */
	[CT_PLAN_ITEMS] = {"plan_items", "SELECT * FROM plan_items WHERE plan_id IN "
			   "(SELECT id FROM plans WHERE case_id = $1) ORDER BY id"},
	[CT_DISTRIBUTIONS] = {"distributions", "SELECT * FROM distributions WHERE case_id = $1 ORDER BY id"},
	[CT_CLOSURE_NOTIFICATIONS] = {"closure_notifications",
				      "SELECT * FROM closure_notifications WHERE case_id = $1 ORDER BY id"},
	[CT_EVALUATIONS] = {"evaluations", "SELECT * FROM evaluations WHERE case_id = $1 ORDER BY id"},
	[CT_CASE_EVENTS] = {"case_events", "SELECT * FROM case_events WHERE case_id = $1 ORDER BY id"},
	[CT_AUDIT] = {"audit_log", "SELECT * FROM audit_log WHERE case_id = $1 ORDER BY seq"},
};

static const char SQL_CASE_IDS[] = "SELECT id FROM cases ORDER BY id";
/* 256 MB of page cache (the default is 2 MB): copies land all over the
 * tables' indexes, and a small cache spills pages mid-transaction. */
static const char SQL_SQLITE_CACHE[] = "PRAGMA cache_size = -262144";
/* Fresh statistics, so the planner knows the tables have grown. */
static const char SQL_ANALYZE[] = "ANALYZE";

/* At most this many rows or values per INSERT: enough to save PostgreSQL
 * the round trips, and few enough for SQLite, whose parser looks up each
 * named placeholder among those before it (quadratic in their number). */
enum { MAX_ROWS = 100, MAX_VALUES = 2000 };

const char *copy_table_name(enum copy_table t) { return tables[t].name; }

int copy_case_ids(struct db *db, struct db_result **out, struct err *e)
{
	return db_query(db, SQL_CASE_IDS, DB_NOARGS, out, e);
}

int copy_bulk_settings(struct db *db, struct err *e)
{
	return db_kind(db) == DB_SQLITE ? db_exec(db, SQL_SQLITE_CACHE, DB_NOARGS, NULL, e) : 0;
}

int copy_analyze(struct db *db, struct err *e) { return db_exec(db, SQL_ANALYZE, DB_NOARGS, NULL, e); }

int case_template_load(struct db *db, const char *case_id, struct case_template *t, struct err *e)
{
	memset(t, 0, sizeof *t);
	for (int i = 0; i < CT_COUNT; i++)
		if (db_query(db, tables[i].select, DB_ARGS(case_id), &t->rows[i], e) != 0) {
			case_template_free(t);
			return -1;
		}
	return 0;
}

void case_template_free(struct case_template *t)
{
	for (int i = 0; i < CT_COUNT; i++) {
		db_result_free(t->rows[i]);
		t->rows[i] = NULL;
	}
}

/* The rows of one table waiting to be written, every cell its own string. */
struct pending {
	int ncols;
	char **cols;       /* the columns' names, from the first template seen */
	char **cells;      /* rows * ncols, NULL for SQL NULL */
	size_t rows, cap;
	char *sql_one, *sql_many; /* INSERTs of one row and of many_rows */
	size_t many_rows;
};

struct copier {
	struct db *db;
	struct pending p[CT_COUNT];
};

struct copier *copier_new(struct db *db)
{
	struct copier *c = xcalloc(1, sizeof *c);
	c->db = db;
	return c;
}

static void pending_clear(struct pending *p)
{
	for (size_t i = 0; i < p->rows * (size_t)p->ncols; i++)
		free(p->cells[i]);
	p->rows = 0;
}

void copier_free(struct copier *c)
{
	if (!c)
		return;
	for (int t = 0; t < CT_COUNT; t++) {
		struct pending *p = &c->p[t];
		pending_clear(p);
		for (int i = 0; i < p->ncols; i++)
			free(p->cols[i]);
		free(p->cols);
		free(p->cells);
		free(p->sql_one);
		free(p->sql_many);
	}
	free(c);
}

static char *insert_sql(const char *table, const struct pending *p, size_t rows)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "INSERT INTO ");
	buf_puts(&b, table);
	buf_puts(&b, " (");
	for (int i = 0; i < p->ncols; i++) {
		buf_puts(&b, i ? ", " : "");
		buf_puts(&b, p->cols[i]);
	}
	buf_puts(&b, ") VALUES ");
	for (size_t r = 0; r < rows; r++) {
		buf_puts(&b, r ? ", (" : "(");
		for (int i = 0; i < p->ncols; i++)
			buf_printf(&b, "%s$%zu", i ? ", " : "", r * (size_t)p->ncols + (size_t)i + 1);
		buf_puts(&b, ")");
	}
	return buf_steal(&b);
}

static int columns_from(struct pending *p, const struct db_result *r, enum copy_table t, struct err *e)
{
	if (p->cols) {
		if (db_ncols(r) != p->ncols)
			return err_set(e, ERR_INTERNAL, NULL, "%s changed shape while copying", tables[t].name);
		return 0;
	}
	p->ncols = db_ncols(r);
	p->cols = xcalloc((size_t)p->ncols, sizeof *p->cols);
	for (int i = 0; i < p->ncols; i++)
		p->cols[i] = xstrdup(db_colname(r, i));
	p->many_rows = (size_t)(MAX_VALUES / p->ncols);
	if (p->many_rows > MAX_ROWS)
		p->many_rows = MAX_ROWS;
	p->sql_one = insert_sql(tables[t].name, p, 1);
	p->sql_many = insert_sql(tables[t].name, p, p->many_rows);
	return 0;
}

/* The chain's own columns: the copier makes them, the caller never sees them. */
static bool chain_column(enum copy_table t, const char *col)
{
	return t == CT_AUDIT && (!strcmp(col, "seq") || !strcmp(col, "prev_hash") || !strcmp(col, "hash"));
}

int copier_add(struct copier *c, const struct case_template *tpl, copy_cell_fn cell, void *ctx,
	       struct err *e)
{
	char scratch[1024];
	for (int t = 0; t < CT_COUNT; t++) {
		const struct db_result *r = tpl->rows[t];
		struct pending *p = &c->p[t];
		if (db_nrows(r) == 0)
			continue;
		if (columns_from(p, r, t, e) != 0)
			return -1;
		if (p->rows + (size_t)db_nrows(r) > p->cap) {
			p->cap = (p->rows + (size_t)db_nrows(r)) * 2;
			p->cells = xrealloc(p->cells, p->cap * (size_t)p->ncols * sizeof *p->cells);
		}
		for (int row = 0; row < db_nrows(r); row++) {
			char **out = &p->cells[p->rows * (size_t)p->ncols];
			for (int col = 0; col < p->ncols; col++) {
				const char *v = db_cell(r, row, col);
				if (!chain_column(t, p->cols[col]))
					v = cell(ctx, t, p->cols[col], v, scratch, sizeof scratch);
				out[col] = v ? xstrdup(v) : NULL;
			}
			p->rows++;
		}
	}
	return 0;
}

static int col_index(const struct pending *p, const char *name)
{
	for (int i = 0; i < p->ncols; i++)
		if (!strcmp(p->cols[i], name))
			return i;
	return -1;
}

/* The audit copies go through audit_append_many, which numbers and chains
 * them after the trail's last record. */
static int flush_audit(struct copier *c, struct pending *p, struct err *e)
{
	if (p->rows == 0)
		return 0;
	struct audit_record *recs = xcalloc(p->rows, sizeof *recs);
	int at = col_index(p, "at"), user = col_index(p, "user_id"), role = col_index(p, "role"),
	    session = col_index(p, "session"), action = col_index(p, "action"), object = col_index(p, "object"),
	    object_id = col_index(p, "object_id"), case_id = col_index(p, "case_id"),
	    fields = col_index(p, "fields"), outcome = col_index(p, "outcome"),
	    bg = col_index(p, "break_glass"), address = col_index(p, "address");
	for (size_t i = 0; i < p->rows; i++) {
		char **row = &p->cells[i * (size_t)p->ncols];
		recs[i] = (struct audit_record){
			.at = row[at], .user_id = row[user], .role = row[role], .session = row[session],
			.action = row[action], .object = row[object], .object_id = row[object_id],
			.case_id = row[case_id], .fields = row[fields], .outcome = row[outcome],
			.break_glass = row[bg], .address = row[address]};
	}
	int rc = audit_append_many(c->db, recs, p->rows, e);
	free(recs);
	return rc;
}

int copier_flush(struct copier *c, struct err *e)
{
	int rc = 0;
	for (int t = 0; t < CT_COUNT && rc == 0; t++) {
		struct pending *p = &c->p[t];
		if (t == CT_AUDIT) {
			rc = flush_audit(c, p, e);
			continue;
		}
		size_t i = 0;
		while (rc == 0 && i < p->rows) {
			size_t rows = p->rows - i >= p->many_rows ? p->many_rows : 1;
			rc = db_exec(c->db, rows == 1 ? p->sql_one : p->sql_many, (int)(rows * (size_t)p->ncols),
				     (const char *const *)&p->cells[i * (size_t)p->ncols], NULL, e);
			i += rows;
		}
	}
	for (int t = 0; t < CT_COUNT; t++)
		pending_clear(&c->p[t]);
	return rc;
}
