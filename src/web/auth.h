/* auth.h — who is asking: the session cookie or API token of a request,
 * checked against the database (sessions are server-side, so every app
 * server on the same database shares them). */
#ifndef HEARTH_AUTH_H
#define HEARTH_AUTH_H

#include <stdbool.h>
#include "app.h"
#include "../security/token.h"

enum via { VIA_NONE, VIA_SESSION, VIA_TOKEN, VIA_INTERNAL };

struct principal {
	enum via via;
	bool signed_in; /* fully: the second factor is done (or not needed) */
	bool expired;   /* a session cookie came, but that session has ended */
	char ended_reason[24]; /* why, as session_store records it */
	char user_id[33], team_id[33], session_id[33];
	char name[160]; /* the person's name, for the pages' header */
	char audit_session[72]; /* the session as the audit trail records it */
	char csrf[TOKEN_CHARS + 1];
	char second_factor[8]; /* done | code | enrol */
	unsigned roles;        /* enum role_bit */
	/* Set by the router for the route being served. */
	unsigned granted_role;
	unsigned relations;
	char *break_glass; /* the reason given, when access is by break-glass */
	bool audited;      /* the handler wrote the audit record in its own transaction */
};

/* Identifies the person behind the request's cookie or bearer token. No
 * credential, or one that is unknown, ended, expired or of a disabled user,
 * leaves who->via == VIA_NONE (and ends an expired session). */
int auth_identify(struct app *app, struct db *db, const struct request *req, struct principal *who,
		  struct err *e);

/* The user's roles as enum role_bit; 0 when unknown. */
unsigned auth_roles(const char *codes);

/* Sets the session cookie to `token`, or clears it when token is NULL. */
void auth_set_cookie(const struct app *app, struct response *res, const char *token);

/* The origin this server is reached at ("https://host"), for CSRF checks. */
void auth_expected_origin(const struct app *app, const struct request *req, char *out, size_t n);

void principal_free(struct principal *who);

#endif
