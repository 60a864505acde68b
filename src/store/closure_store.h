/* closure_store.h — closure notifications and evaluation responses. */
#ifndef HEARTH_CLOSURE_STORE_H
#define HEARTH_CLOSURE_STORE_H

#include <jansson.h>
#include "db.h"

/* Fields from `in`: recipient, recipient_kind, method, sent_at (already checked). */
int notification_insert(struct db *db, const char *case_id, const json_t *in,
			const char *sent_at, struct err *e);
int notification_list(struct db *db, const char *case_id, json_t **out, struct err *e);

/* `answers` is stored as JSON text. */
int evaluation_insert(struct db *db, const char *case_id, const json_t *in,
		      const char *answers, const char *now, struct err *e);
int evaluation_list(struct db *db, const char *case_id, json_t **out, struct err *e);

#endif
