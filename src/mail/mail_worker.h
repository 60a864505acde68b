/* mail_worker.h — the thread that empties the mail outbox.
 *
 * Messages are queued in the database by the change that caused them
 * (store/outbox_store.h); the worker claims the earliest due one, sends it
 * (smtp.h) and records the outcome: sent; back in the queue with a backoff
 * that doubles from `retry_seconds` up to an hour; or failed, when the mail
 * server refuses it or `max_attempts` tries have failed. The case page shows
 * each message's state. A message left half-sent by a server that was
 * stopped or killed goes back in the queue when the worker starts again:
 * delivery is at least once, and a repeat carries the same Message-ID.
 * One worker per database.
 */
#ifndef HEARTH_MAIL_WORKER_H
#define HEARTH_MAIL_WORKER_H

#include "smtp.h"
#include "../store/db.h"
#include "../util/err.h"

struct mail_worker_config {
	struct smtp_config smtp;
	int retry_seconds; /* the first wait after a failure (default 60) */
	int max_attempts;  /* give up after this many tries (default 10) */
};

struct mail_worker;

int mail_worker_start(struct db_pool *pool, const struct mail_worker_config *c, struct mail_worker **out,
		      struct err *e);
/* Something was queued: look now rather than at the next timed check. */
void mail_worker_wake(struct mail_worker *w);
/* Finishes the message being sent, then stops. NULL is fine. */
void mail_worker_stop(struct mail_worker *w);

#endif
