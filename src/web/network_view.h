/* network_view.h — the family network of a case as a view model (the
 * people with their invitation status and relationships in words, the
 * relationships, households, conversations and exclusions) and as a
 * genogram drawn from the same records. */
#ifndef HEARTH_NETWORK_VIEW_H
#define HEARTH_NETWORK_VIEW_H

#include "app.h"
#include "../domain/safety.h"

/* Adds to one person of a case (as person_get() gives them) the titles of
 * their codes, their invitation status ("excluded", "attending",
 * "declined", "invited", "not_invited") with its title, their age in
 * words, and `barred`: why they may not be invited, or null. */
void network_person(json_t *p);

/* What the safety rule needs to know about a person of a case, from their
 * record as person_get() gives it. */
struct safety_facts network_safety_facts(const json_t *p);

/* Adds age_words ("Born 1988", "About 70", or null) from dob or approx_age. */
void network_age_words(json_t *p);

/* The case view (case_view()) with the network added: relationships,
 * households, conversations, exclusions, and for each person `links`, their
 * relationships in words ("Birth parent of Amy Nowak"). */
int network_view(struct app *app, struct db *db, const char *case_id, int64_t now, json_t **out,
		 struct err *e);

/* The genogram of the case as an SVG document. */
int network_genogram(struct db *db, const char *case_id, struct buf *out, struct err *e);

#endif
