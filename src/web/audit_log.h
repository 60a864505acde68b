/* audit_log.h — writing the audit trail for the request being served.
 *
 * The router records every successful view, search and export itself, and
 * every refusal of a signed-in person. A change is recorded by its handler
 * inside the change's own transaction (audit_request), so the change and
 * its record commit together or not at all; the router records it
 * afterwards only if the handler did not. */
#ifndef HEARTH_AUDIT_LOG_H
#define HEARTH_AUDIT_LOG_H

#include "app.h"

struct audit_what {
	const char *action;    /* NULL: the route's action */
	const char *object;    /* NULL: the rule's object */
	const char *object_id; /* NULL: the route's :id */
	const char *case_id;   /* NULL: the route's :id when it is a case address */
	const char *user_id;   /* NULL: the person asking */
	const char *outcome;   /* NULL: "ok" */
	bool no_fields;        /* do not list the body's field names */
};

/* Appends a record inside the caller's transaction; marks the request audited. */
int audit_request(struct db *db, const struct request *req, const struct audit_what *w,
		  struct err *e);
/* The same in a transaction of its own. */
int audit_request_now(struct app *app, const struct request *req, const struct audit_what *w,
		      struct err *e);

#endif
