/* venue_store.h — SQL for venues (migration 004). */
#ifndef HEARTH_VENUE_STORE_H
#define HEARTH_VENUE_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include "db.h"

/* Venues by name: [{id, name, address, access_notes, active}]; retired ones
 * only with `all`. */
int venue_list(struct db *db, bool all, json_t **out, struct err *e);
/* One venue, or *out NULL. */
int venue_get(struct db *db, const char *id, json_t **out, struct err *e);
/* Whether another venue (not `except`, may be NULL) has this name, ignoring case. */
int venue_name_taken(struct db *db, const char *name, const char *except, bool *taken, struct err *e);
/* Adds a venue from checked fields (name, address, access_notes). */
int venue_insert(struct db *db, const json_t *in, const char *now, char id_out[33], struct err *e);
/* Replaces name, address and access notes, and active when given. */
int venue_update(struct db *db, const char *id, const json_t *in, const char *now, struct err *e);

#endif
