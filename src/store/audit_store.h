/* audit_store.h — SQL for the audit trail (table audit_log, migrations 002
 * and 003). Appends are serialised so the chain has one order: SQLite's
 * write transaction already does that; on PostgreSQL audit_append takes a
 * transaction-scoped advisory lock. */
#ifndef HEARTH_AUDIT_STORE_H
#define HEARTH_AUDIT_STORE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "db.h"
#include "../security/audit_chain.h"

/* Appends `r` after the last record. Must run inside db_begin/db_commit
 * (the caller's transaction, so a change and its record commit together).
 * Fills r->seq, r->prev_hash and r->hash. */
int audit_append(struct db *db, struct audit_record *r, struct err *e);
/* Appends n records in order, in as few statements as it can (the demo's
 * bulk copies); the same rules as audit_append. */
int audit_append_many(struct db *db, struct audit_record *r, size_t n, struct err *e);

/* Records newest first, about one case (case_id) or by one person
 * (user_id); exactly one of the two is non-NULL. At most `limit` records
 * from `offset`. *out: {"records":[{seq, at, user_id, user_name, role,
 * session, action, object, object_id, case_id, case_reference, fields,
 * outcome, break_glass, address}...], "total": N}. */
int audit_list(struct db *db, const char *case_id, const char *user_id, int limit, int offset,
	       json_t **out, struct err *e);

struct audit_verify_result {
	int64_t records;      /* how many were checked */
	int64_t broken_at;    /* seq of the first bad record, 0 when intact */
	char problem[200];    /* what is wrong there, for the operator */
	char last_hash[65];   /* the chain's head, to note down elsewhere */
};

/* Walks the whole chain in seq order (in pages, so memory stays flat). */
int audit_verify(struct db *db, struct audit_verify_result *out, struct err *e);

#endif
