/* outbox_store.h — SQL for the mail outbox (migration 006): messages
 * written in the transaction of the change that caused them, then claimed,
 * sent and marked by the mail worker (src/mail/mail_worker.c). */
#ifndef HEARTH_OUTBOX_STORE_H
#define HEARTH_OUTBOX_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include "db.h"

struct outbox_new {
	const char *id;         /* made by the caller: the Message-ID is built from it */
	const char *case_id;    /* may be NULL for mail about no case */
	const char *meeting_id; /* for invitations: which meeting */
	const char *member_id;  /* the recipient's place on the case, when they have one */
	const char *kind;       /* "invitation", "invitation_cancel", ... */
	const char *recipient_name, *recipient_email;
	const char *subject, *message_id, *message;
	const char *plan_id;    /* for the plan: which version it carries; may be NULL */
};

/* Queues a message, due now. */
int outbox_add(struct db *db, const struct outbox_new *m, const char *now, struct err *e);

/* A message claimed for sending: its state is "sending" and its attempts
 * counted before it goes. Free with outbox_msg_free(). */
struct outbox_msg {
	char id[33];
	char *recipient_email;
	char *message;
	int attempts; /* including this one */
};
void outbox_msg_free(struct outbox_msg *m);

/* Claims the earliest message due by `now`; *found says whether there was one. */
int outbox_claim(struct db *db, const char *now, struct outbox_msg *out, bool *found, struct err *e);
/* Whether `member_id` (NULL: the referrer, who is no member) has been sent,
 * or is waiting to be sent, the plan `plan_id` by e-mail. */
int outbox_plan_sent(struct db *db, const char *plan_id, const char *member_id, bool *out, struct err *e);
/* Sent; a message carrying a plan also records its recipient as sent the
 * plan, in the same transaction (migration 007). */
int outbox_mark_sent(struct db *db, const char *id, const char *now, struct err *e);
/* Back in the queue, due again at `next_at`, with what went wrong. */
int outbox_mark_retry(struct db *db, const char *id, const char *next_at, const char *error, struct err *e);
/* Given up: the mail server refused it, or it failed too many times. */
int outbox_mark_failed(struct db *db, const char *id, const char *error, struct err *e);
/* Messages left "sending" by a server that stopped mid-send go back in the
 * queue; called once when the worker starts. Returns how many via *n. */
int outbox_requeue_interrupted(struct db *db, long *n, struct err *e);
/* Messages still waiting for a person (everywhere they are, when
 * `person_id` is given) or for one place on a case (`member_id`) are not
 * sent: they have become people the safety rule protects. `why` is shown. */
int outbox_withdraw(struct db *db, const char *person_id, const char *member_id, const char *why, struct err *e);
/* A waiting invitation message for the same meeting and person is replaced
 * by the one about to be queued, so an old date never arrives after a new one. */
int outbox_supersede(struct db *db, const char *meeting_id, const char *member_id, struct err *e);
/* The earliest time a queued message is due; *any false when none is queued. */
int outbox_next_due(struct db *db, char out[32], bool *any, struct err *e);

/* The case's messages, newest last, without their bodies:
 * [{id, kind, meeting_id, member_id, recipient_name, recipient_email,
 *   subject, message_id, state, attempts, next_attempt_at, last_error, created_at, sent_at}] */
int outbox_of_case(struct db *db, const char *case_id, json_t **out, struct err *e);

/* The members who hold an invitation to the meeting that was e-mailed to
 * them: their latest invitation message is not a cancellation.
 * [{member_id, recipient_email}] */
int outbox_invited(struct db *db, const char *meeting_id, json_t **out, struct err *e);

#endif
