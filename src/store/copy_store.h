/* copy_store.h — SQL for copying whole cases, for `hearth demo --cases N`.
 *
 * A template is every row that belongs to one case: the case, its people
 * (and their households and relationships), consents, meetings and
 * attendance, conversations, exclusions, plans and their items,
 * distributions, closure notifications, evaluations, the timeline and the
 * case's audit records. A copier writes any number of altered copies of
 * templates, batched into multi-row INSERTs; the caller decides, cell by
 * cell, what each copy holds (new ids, dates, names). Mail is never copied:
 * a copy must not send anything.
 */
#ifndef HEARTH_COPY_STORE_H
#define HEARTH_COPY_STORE_H

#include <stddef.h>
#include "db.h"

/* The tables copied, in an order that satisfies every foreign key. */
enum copy_table {
	CT_HOUSEHOLDS, CT_PEOPLE, CT_CASES, CT_CASE_PEOPLE, CT_RELATIONSHIPS, CT_CONSENTS,
	CT_MEETINGS, CT_ATTENDANCE, CT_CONVERSATIONS, CT_EXCLUSIONS, CT_PLANS, CT_PLAN_ITEMS,
	CT_DISTRIBUTIONS, CT_CLOSURE_NOTIFICATIONS, CT_EVALUATIONS, CT_CASE_EVENTS, CT_AUDIT,
	CT_COUNT
};

struct case_template {
	struct db_result *rows[CT_COUNT];
};

/* Every case's id, oldest first (*out: free with db_result_free; column "id"). */
int copy_case_ids(struct db *db, struct db_result **out, struct err *e);
/* Settings for the connection while it loads many copies. */
int copy_bulk_settings(struct db *db, struct err *e);
/* Brings the planner's statistics up to date after a bulk load. */
int copy_analyze(struct db *db, struct err *e);
/* Loads every row of case `case_id`. Free with case_template_free. */
int case_template_load(struct db *db, const char *case_id, struct case_template *t, struct err *e);
void case_template_free(struct case_template *t);
/* The table's name, for messages. */
const char *copy_table_name(enum copy_table t);

/* Decides one cell of a copy: returns the value to write (`value` itself,
 * `scratch` filled in, or NULL for SQL NULL). Audit records' seq, prev_hash
 * and hash are never asked: the copier chains the copies itself. */
typedef const char *(*copy_cell_fn)(void *ctx, enum copy_table t, const char *column,
				    const char *value, char *scratch, size_t n);

struct copier;
/* Writes through `db`, inside the caller's transaction. */
struct copier *copier_new(struct db *db);
/* Queues one copy of `t`, each cell decided by `cell`. */
int copier_add(struct copier *c, const struct case_template *t, copy_cell_fn cell, void *ctx,
	       struct err *e);
/* Writes everything queued, the audit copies chained after the trail's
 * last record; call before committing. */
int copier_flush(struct copier *c, struct err *e);
void copier_free(struct copier *c);

#endif
