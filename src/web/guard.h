/* guard.h — enforcing access control around every route.
 *
 * For each request: identify the person (auth.c), refuse a state-changing
 * browser request without its CSRF token or from another origin, work out
 * how the person stands to the case the address names, ask the rules
 * (domain/access.c), record the look or the refusal in the audit trail
 * (audit_log.c), and only then run the handler. Nothing reaches a handler
 * that the rules have not allowed. */
#ifndef HEARTH_GUARD_H
#define HEARTH_GUARD_H

#include "app.h"

void guard_serve(struct app *app, const struct route *rt, struct request *req, struct response *res);

/* The cases the person asking may see in a list (domain/access.h). */
struct case_visibility;
void guard_visibility(const struct principal *who, struct case_visibility *see);

#endif
