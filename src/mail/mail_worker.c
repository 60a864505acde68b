/* mail_worker.c — the thread that empties the mail outbox (mail_worker.h). */
#include "mail_worker.h"
#include "../domain/datetime.h"
#include "../store/outbox_store.h"
#include "../util/buf.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Even with nothing queued the worker looks again this often, for mail
 * queued by another process on the same database. */
#define IDLE_CHECK_SECONDS 30
#define MAX_BACKOFF_SECONDS 3600

struct mail_worker {
	struct db_pool *pool;
	struct mail_worker_config c;
	char *url, *user, *password, *from;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool stop, woken;
};

static void log_err(const char *what, const struct err *e)
{
	fprintf(stderr, "hearth: mail: %s: %s\n", what, e->msg);
}

static int64_t backoff(const struct mail_worker *w, int attempts)
{
	int64_t wait = w->c.retry_seconds;
	for (int i = 1; i < attempts && wait < MAX_BACKOFF_SECONDS; i++)
		wait *= 2;
	return wait < MAX_BACKOFF_SECONDS ? wait : MAX_BACKOFF_SECONDS;
}

/* Sends one due message; returns 1 when there was one, 0 when none, -1 on a
 * database failure. */
static int send_one(struct mail_worker *w)
{
	struct err e = {0};
	char now[21];
	dt_format_utc(time(NULL), now);
	struct outbox_msg m;
	bool found;
	struct db *db = db_pool_get(w->pool);
	int rc = outbox_claim(db, now, &m, &found, &e);
	db_pool_put(w->pool, db);
	if (rc != 0) {
		log_err("could not read the outbox", &e);
		return -1;
	}
	if (!found)
		return 0;
	char why[600];
	enum smtp_outcome out = smtp_send(&w->c.smtp, m.recipient_email, m.message, strlen(m.message), why, sizeof why);
	db = db_pool_get(w->pool);
	dt_format_utc(time(NULL), now);
	if (out == SMTP_SENT) {
		rc = outbox_mark_sent(db, m.id, now, &e);
	} else if (out == SMTP_REFUSED || m.attempts >= w->c.max_attempts) {
		char gave_up[700];
		snprintf(gave_up, sizeof gave_up, "%s%s", out == SMTP_REFUSED ? "" : "Not sent after repeated tries. ", why);
		rc = outbox_mark_failed(db, m.id, gave_up, &e);
	} else {
		char next[21];
		dt_format_utc(time(NULL) + backoff(w, m.attempts), next);
		rc = outbox_mark_retry(db, m.id, next, why, &e);
	}
	db_pool_put(w->pool, db);
	if (rc != 0)
		log_err("could not record what happened to a message", &e);
	if (out != SMTP_SENT)
		fprintf(stderr, "hearth: mail: message %s: %s\n", m.id, why);
	outbox_msg_free(&m);
	return rc == 0 ? 1 : -1;
}

/* Seconds until the next queued message is due (0: now), at most the idle check. */
static int64_t seconds_to_next(struct mail_worker *w)
{
	struct err e = {0};
	char at[32];
	bool any;
	struct db *db = db_pool_get(w->pool);
	int rc = outbox_next_due(db, at, &any, &e);
	db_pool_put(w->pool, db);
	if (rc != 0) {
		log_err("could not read the outbox", &e);
		return IDLE_CHECK_SECONDS;
	}
	int64_t t;
	if (!any || dt_parse_datetime(at, &t) != 0)
		return IDLE_CHECK_SECONDS;
	int64_t wait = t - (int64_t)time(NULL);
	return wait < 0 ? 0 : wait < IDLE_CHECK_SECONDS ? wait : IDLE_CHECK_SECONDS;
}

static void *run(void *arg)
{
	struct mail_worker *w = arg;
	for (;;) {
		pthread_mutex_lock(&w->lock);
		bool stop = w->stop;
		w->woken = false;
		pthread_mutex_unlock(&w->lock);
		if (stop)
			break;
		int sent = send_one(w);
		if (sent > 0)
			continue;
		int64_t wait = sent < 0 ? IDLE_CHECK_SECONDS : seconds_to_next(w);
		if (wait == 0 && sent == 0)
			wait = 1; /* due within the second: the clock's resolution */
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += (time_t)wait;
		pthread_mutex_lock(&w->lock);
		while (!w->stop && !w->woken)
			if (pthread_cond_timedwait(&w->cond, &w->lock, &until) == ETIMEDOUT)
				break;
		pthread_mutex_unlock(&w->lock);
	}
	return NULL;
}

int mail_worker_start(struct db_pool *pool, const struct mail_worker_config *c, struct mail_worker **out,
		      struct err *e)
{
	struct mail_worker *w = xcalloc(1, sizeof *w);
	w->pool = pool;
	w->c = *c;
	w->url = xstrdup(c->smtp.url);
	w->from = xstrdup(c->smtp.from);
	w->user = c->smtp.user ? xstrdup(c->smtp.user) : NULL;
	w->password = c->smtp.password ? xstrdup(c->smtp.password) : NULL;
	w->c.smtp = (struct smtp_config){w->url, w->user, w->password, w->from};
	if (w->c.retry_seconds < 1)
		w->c.retry_seconds = 60;
	if (w->c.max_attempts < 1)
		w->c.max_attempts = 10;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
	long n = 0;
	struct db *db = db_pool_get(pool);
	int rc = outbox_requeue_interrupted(db, &n, e);
	db_pool_put(pool, db);
	if (rc == 0 && n > 0)
		fprintf(stderr, "hearth: mail: %ld message(s) interrupted mid-send will be sent again\n", n);
	if (rc == 0 && pthread_create(&w->thread, NULL, run, w) != 0)
		rc = err_set(e, ERR_INTERNAL, NULL, "could not start the mail worker thread");
	if (rc != 0) {
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->cond);
		free(w->url), free(w->from), free(w->user), free(w->password);
		free(w);
		return -1;
	}
	*out = w;
	return 0;
}

void mail_worker_wake(struct mail_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->woken = true;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

void mail_worker_stop(struct mail_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->cond);
	if (w->password)
		memset(w->password, 0, strlen(w->password));
	free(w->url), free(w->from), free(w->user), free(w->password);
	free(w);
}
