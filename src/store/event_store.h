/* event_store.h — the case timeline: what happened, when, by whom. */
#ifndef HEARTH_EVENT_STORE_H
#define HEARTH_EVENT_STORE_H

#include <jansson.h>
#include "db.h"

int event_add(struct db *db, const char *case_id, const char *at, const char *action,
	      const char *summary, const char *actor_id, struct err *e);
/* [{at, action, summary, actor: {id, name} | null}] oldest first. */
int event_list(struct db *db, const char *case_id, json_t **out, struct err *e);

#endif
