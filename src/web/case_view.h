/* case_view.h — the view model of a case: one JSON value that the API
 * returns as it is and that the HTML pages will render. It gathers the
 * case's records from the store, adds its clocks, the titles of its codes
 * and the actions open to it now. */
#ifndef HEARTH_CASE_VIEW_H
#define HEARTH_CASE_VIEW_H

#include "app.h"
#include "../domain/vocab.h"

/* *out is the whole case; ERR_NOT_FOUND when there is none. */
int case_view(struct app *app, struct db *db, const char *id, int64_t now, json_t **out,
	      struct err *e);

/* Shapes a case view for the person asking (after access control has let
 * them see it): only the next actions they may take, and for someone who
 * sees it only as its referrer, only what a referrer needs — the referral,
 * its progress and dates, the coordinator, and the plan to decide on; not
 * the family's details, consents, preparation with the child, distribution
 * or evaluations. */
struct principal;
void case_view_for(const struct principal *who, json_t *view);

/* Adds "<key>_title", the title of the code at `key` (null when none);
 * for every object of a list. */
void view_title(json_t *o, const char *key, enum vocab v);
void view_title_all(json_t *list, const char *key, enum vocab v);

/* The clocks of a case as JSON, from its moments. */
json_t *clocks_view(struct app *app, const struct case_moments *m, int64_t now);
/* The moments of a case from a row of case_list(). */
void moments_from_row(const json_t *row, struct case_moments *m);
/* The clock that most needs attention (overdue first, then the earliest
 * running deadline), or NULL when no clock is running. Borrowed from `clocks`. */
json_t *next_clock(json_t *clocks);

#endif
