/* outbox_store.c — SQL for the mail outbox (outbox_store.h). */
#include "outbox_store.h"
#include "rowjson.h"
#include "../util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_ADD[] =
	"INSERT INTO outbox (id, case_id, meeting_id, member_id, kind, recipient_name, recipient_email,"
	" subject, message_id, message, state, attempts, next_attempt_at, created_at, plan_id)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued', 0, $11, $11, $12)";
static const char SQL_DUE[] =
	"SELECT id, recipient_email, message, attempts FROM outbox"
	" WHERE state = 'queued' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT 1";
static const char SQL_CLAIM[] =
	"UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = $1 AND state = 'queued'";
/* Sent is the truth even if it was replaced while on its way. */
static const char SQL_SENT[] =
	"UPDATE outbox SET state = 'sent', sent_at = $2, last_error = NULL WHERE id = $1";
/* Once only: a message marked sent again (it cannot be, but) adds no row. */
static const char SQL_SENT_PLAN[] =
	"INSERT INTO distributions (id, case_id, plan_id, person_id, recipient, method, sent_at, recorded_at)"
	" SELECT $2, o.case_id, o.plan_id, o.member_id, o.recipient_name, 'email', $3, $3 FROM outbox o"
	" WHERE o.id = $1 AND o.plan_id IS NOT NULL AND o.case_id IS NOT NULL"
	" AND NOT EXISTS (SELECT 1 FROM distributions d WHERE d.id = $2)";
static const char SQL_PLAN_SENT_TO[] =
	"SELECT COUNT(*) AS n FROM outbox WHERE plan_id = $1 AND state IN ('queued', 'sending', 'sent')"
	" AND member_id = $2";
static const char SQL_PLAN_SENT_TO_REFERRER[] =
	"SELECT COUNT(*) AS n FROM outbox WHERE plan_id = $1 AND state IN ('queued', 'sending', 'sent')"
	" AND member_id IS NULL";
static const char SQL_RETRY[] =
	"UPDATE outbox SET state = 'queued', next_attempt_at = $2, last_error = $3 WHERE id = $1 AND state = 'sending'";
/* Replaced or withdrawn while it was being tried: it stays so. */
static const char SQL_FAILED[] =
	"UPDATE outbox SET state = 'failed', last_error = $2 WHERE id = $1 AND state = 'sending'";
static const char SQL_REQUEUE[] = "UPDATE outbox SET state = 'queued' WHERE state = 'sending'";
static const char SQL_WITHDRAW_PERSON[] =
	"UPDATE outbox SET state = 'withdrawn', last_error = $2 WHERE state IN ('queued', 'sending')"
	" AND member_id IN (SELECT id FROM case_people WHERE person_id = $1)";
static const char SQL_WITHDRAW_MEMBER[] =
	"UPDATE outbox SET state = 'withdrawn', last_error = $2 WHERE state IN ('queued', 'sending') AND member_id = $1";
static const char SQL_SUPERSEDE[] =
	"UPDATE outbox SET state = 'superseded' WHERE state IN ('queued', 'sending') AND meeting_id = $1 AND member_id = $2";
static const char SQL_NEXT[] = "SELECT MIN(next_attempt_at) AS at FROM outbox WHERE state = 'queued'";
static const char SQL_OF_CASE[] =
	"SELECT id, kind, meeting_id, member_id, recipient_name, recipient_email, subject, message_id, plan_id, state, attempts,"
	" next_attempt_at, last_error, created_at, sent_at FROM outbox WHERE case_id = $1 ORDER BY id";
/* Ids are time-ordered, so the largest id is the latest message. */
static const char SQL_INVITED[] =
	"SELECT o.member_id, o.recipient_email FROM outbox o WHERE o.meeting_id = $1"
	" AND o.kind = 'invitation' AND o.member_id IS NOT NULL AND o.id = (SELECT MAX(l.id) FROM outbox l"
	" WHERE l.meeting_id = o.meeting_id AND l.member_id = o.member_id AND l.state <> 'withdrawn'"
	" AND l.kind IN ('invitation', 'invitation_cancel')) ORDER BY o.id";

int outbox_add(struct db *db, const struct outbox_new *m, const char *now, struct err *e)
{
	return db_exec(db, SQL_ADD,
		       DB_ARGS(m->id, m->case_id, m->meeting_id, m->member_id, m->kind, m->recipient_name,
			       m->recipient_email, m->subject, m->message_id, m->message, now, m->plan_id),
		       NULL, e);
}

void outbox_msg_free(struct outbox_msg *m)
{
	free(m->recipient_email);
	free(m->message);
	m->recipient_email = m->message = NULL;
}

int outbox_claim(struct db *db, const char *now, struct outbox_msg *out, bool *found, struct err *e)
{
	struct db_result *r;
	*found = false;
	memset(out, 0, sizeof *out);
	if (db_query(db, SQL_DUE, DB_ARGS(now), &r, e) != 0)
		return -1;
	if (db_nrows(r) == 0) {
		db_result_free(r);
		return 0;
	}
	snprintf(out->id, sizeof out->id, "%s", db_get(r, 0, "id"));
	out->recipient_email = xstrdup(db_get(r, 0, "recipient_email"));
	out->message = xstrdup(db_get(r, 0, "message"));
	out->attempts = (int)strtol(db_get(r, 0, "attempts"), NULL, 10) + 1;
	db_result_free(r);
	/* Only a message still queued is taken: the claim is one statement. */
	long changed = 0;
	if (db_exec(db, SQL_CLAIM, DB_ARGS(out->id), &changed, e) != 0) {
		outbox_msg_free(out);
		return -1;
	}
	*found = changed == 1;
	if (!*found)
		outbox_msg_free(out);
	return 0;
}

int outbox_mark_sent(struct db *db, const char *id, const char *now, struct err *e)
{
	/* The distribution's id is the message's: sent once, recorded once. */
	if (db_begin(db, e) != 0)
		return -1;
	if (db_exec(db, SQL_SENT, DB_ARGS(id, now), NULL, e) != 0 ||
	    db_exec(db, SQL_SENT_PLAN, DB_ARGS(id, id, now), NULL, e) != 0 || db_commit(db, e) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

int outbox_plan_sent(struct db *db, const char *plan_id, const char *member_id, bool *out, struct err *e)
{
	struct db_result *r;
	int rc = member_id ? db_query(db, SQL_PLAN_SENT_TO, DB_ARGS(plan_id, member_id), &r, e)
			   : db_query(db, SQL_PLAN_SENT_TO_REFERRER, DB_ARGS(plan_id), &r, e);
	if (rc != 0)
		return -1;
	*out = strtol(db_get(r, 0, "n"), NULL, 10) > 0;
	db_result_free(r);
	return 0;
}

int outbox_mark_retry(struct db *db, const char *id, const char *next_at, const char *error, struct err *e)
{
	return db_exec(db, SQL_RETRY, DB_ARGS(id, next_at, error), NULL, e);
}

int outbox_mark_failed(struct db *db, const char *id, const char *error, struct err *e)
{
	return db_exec(db, SQL_FAILED, DB_ARGS(id, error), NULL, e);
}

int outbox_requeue_interrupted(struct db *db, long *n, struct err *e)
{
	return db_exec(db, SQL_REQUEUE, DB_NOARGS, n, e);
}

int outbox_withdraw(struct db *db, const char *person_id, const char *member_id, const char *why, struct err *e)
{
	if (person_id)
		return db_exec(db, SQL_WITHDRAW_PERSON, DB_ARGS(person_id, why), NULL, e);
	return db_exec(db, SQL_WITHDRAW_MEMBER, DB_ARGS(member_id, why), NULL, e);
}

int outbox_supersede(struct db *db, const char *meeting_id, const char *member_id, struct err *e)
{
	return db_exec(db, SQL_SUPERSEDE, DB_ARGS(meeting_id, member_id), NULL, e);
}

int outbox_next_due(struct db *db, char out[32], bool *any, struct err *e)
{
	struct db_result *r;
	*any = false;
	out[0] = '\0';
	if (db_query(db, SQL_NEXT, DB_NOARGS, &r, e) != 0)
		return -1;
	const char *at = db_nrows(r) > 0 ? db_get(r, 0, "at") : NULL;
	if (at) {
		snprintf(out, 32, "%s", at);
		*any = true;
	}
	db_result_free(r);
	return 0;
}

static const struct col_map COLS[] = {
	{"id"}, {"kind"}, {"meeting_id"}, {"member_id"}, {"recipient_name"}, {"recipient_email"}, {"subject"},
	{"message_id"}, {"plan_id"}, {"state"}, {"attempts", NULL, COL_INT}, {"next_attempt_at"}, {"last_error"}, {"created_at"}, {"sent_at"},
	{NULL}};

int outbox_of_case(struct db *db, const char *case_id, json_t **out, struct err *e)
{
	struct db_result *r;
	if (db_query(db, SQL_OF_CASE, DB_ARGS(case_id), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, COLS);
	db_result_free(r);
	return 0;
}

int outbox_invited(struct db *db, const char *meeting_id, json_t **out, struct err *e)
{
	static const struct col_map cols[] = {{"member_id"}, {"recipient_email"}, {NULL}};
	struct db_result *r;
	if (db_query(db, SQL_INVITED, DB_ARGS(meeting_id), &r, e) != 0)
		return -1;
	*out = rowjson_all(r, cols);
	db_result_free(r);
	return 0;
}
