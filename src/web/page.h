/* page.h — the HTML rendering of a route: content negotiation.
 *
 * A route with a page answers a browser with HTML and anything asking for
 * JSON with the same JSON the API gives: one handler, one view model, two
 * renderings. After the handler has run (inside the guard, so the person
 * asking is known), page_finish() turns its answer into a page:
 *
 *   GET that succeeded      the page's template with the handler's JSON as `model`
 *   form POST that succeeded 303 to the page named by `done`, which shows `flash`
 *   form POST refused       the form again (the GET route's model) with an error
 *                           summary, inline errors and everything typed kept
 *   signed out              303 to the sign-in page, coming back afterwards
 *   refused, missing, failed an error page saying what to do next
 *
 * Pages marked `check` show "check your answers" before the change is made:
 * the first POST runs the action in a transaction that is rolled back (a dry
 * run, so every error is found first), the second — confirmed — makes it.
 */
#ifndef HEARTH_PAGE_H
#define HEARTH_PAGE_H

#include "app.h"

struct page {
	const char *view;  /* template: the page, and the form shown again on errors */
	const char *done;  /* after a successful POST, e.g. "/cases/{id}" ({id}: the
			      route's id, else the answer's "id"); NULL: show `view` */
	const char *flash; /* what that page then says, "Consent recorded" */
	const char *check; /* template of "check your answers"; NULL: none */
	/* Whether the form's answers need checking (NULL: always), from its
	 * raw fields: only a refusal of consent is consequential. */
	bool (*check_if)(const json_t *form);
	/* Adds what the page needs beyond the handler's JSON (lists to choose
	 * from) to ctx; may be NULL. */
	int (*extra)(struct app *app, const struct request *req, json_t *ctx, struct err *e);
	/* For a form that changes what is already recorded: the form's fields
	 * as typed (values) from the handler's JSON, on the first showing. */
	void (*prefill)(const json_t *model, json_t *values);
};

#define PAGE(...) (&(const struct page){__VA_ARGS__})

/* Whether this request gets HTML: an HTML form post, or a browser (Accept
 * without application/json before text/html) asking a page route — or, with
 * rt NULL, an address outside /api/ that no route has. */
bool page_wanted(const struct route *rt, const struct request *req);

/* Before the handler: a form post to a `check` page that is not yet
 * confirmed becomes a dry run. */
void page_prepare(const struct route *rt, struct request *req);

/* After the handler (see above). */
void page_finish(struct app *app, const struct route *rt, struct request *req, struct response *res);

/* A page for an address no route has (404), or a method it does not take. */
void page_not_routed(struct app *app, struct request *req, struct response *res);

/* Numbers a list for the GOV.UK partials, which cannot count: each element
 * (an object) gets "index" (from 1) and the last "last": true. */
void page_number(json_t *list);

/* Reads the templates into app->tpl; strict when HEARTH_STRICT_TEMPLATES=1. */
int page_load_templates(struct app *app, struct err *e);

#endif
