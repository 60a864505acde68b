/* app.h — what every handler can reach: the connection pool and the
 * service's configuration (timescale policy, bank-holiday calendar).
 * One struct app lives for the whole run of `hearth serve`. */
#ifndef HEARTH_APP_H
#define HEARTH_APP_H

#include <jansson.h>
#include <pthread.h>
#include "../domain/calendar.h"
#include "../domain/clocks.h"
#include "../domain/sessions.h"
#include "../store/db.h"
#include "http.h"

/* Sign-in settings an administrator may change (settings key "security"). */
struct security_settings {
	bool second_factor_required; /* everyone must enrol a TOTP app */
	int idle_minutes;            /* a session ends after this long unused */
	int absolute_hours;          /* and this long after sign-in, used or not */
};

struct app {
	struct db_pool *pool;
	/* Read by every request, replaced when an administrator changes the
	 * timescales: requests hold `config_lock` for reading, the change for
	 * writing (see router.c). */
	pthread_rwlock_t config_lock;
	struct policy policy;
	struct calendar cal;
	struct security_settings security;
	struct session_schedule sessions; /* the weekly consultation session */
	/* Served over TLS, directly or behind a proxy that terminates it: the
	 * session cookie is then Secure with the __Host- prefix, and HSTS is sent. */
	bool secure;
	/* The address people use, "https://hearth.example.gov.uk", when behind a
	 * proxy; "" to take it from the Host header. Origin checks compare to it. */
	char public_origin[256];
	/* The service's name and contact details (settings key "service"):
	 * {name, address, phone, email, website}; they head every document and
	 * sign every e-mail. Replaced, never changed, under `config_lock`. */
	json_t *service;
	/* Mail: the address messages come from ("" when no mail server is set
	 * up: messages wait in the outbox), and the worker that sends them
	 * (NULL when none runs in this process). */
	char mail_from[256];
	struct mail_worker *mail;
	/* The pages' templates, parsed once at start (page.c). */
	struct tpl_set *tpl;
};

/* Loads policy, calendar and security settings from the database (settings, bank_holidays). */
int app_load_config(struct app *app, struct db *db, struct err *e);
void app_init(struct app *app, struct db_pool *pool);
void app_free(struct app *app);

typedef int (*http_handler)(struct app *app, const struct request *req, struct response *res);

struct page;
struct tpl_set;

struct route {
	const char *method;
	const char *pattern; /* "/api/cases/:id/consents" */
	http_handler handler;
	const char *action;  /* what the route does, for access control and audit */
	const struct page *page; /* its HTML rendering (page.h); NULL: JSON only */
};

extern const struct route routes[];
extern const size_t routes_count;

/* Whether every route's action has an access rule; else names one. */
bool app_routes_have_rules(const char **missing);

/* Finds the route and runs it; answers 404/405 itself. */
void app_dispatch(struct app *app, struct request *req, struct response *res);

#endif
