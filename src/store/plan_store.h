/* plan_store.h — the family plan (versions and items) and its distribution. */
#ifndef HEARTH_PLAN_STORE_H
#define HEARTH_PLAN_STORE_H

#include <jansson.h>
#include "db.h"

/* The newest version with its items, or *out NULL when there is no plan. */
int plan_current(struct db *db, const char *case_id, json_t **out, struct err *e);
/* Every version, oldest first, each with its items. */
int plan_list(struct db *db, const char *case_id, json_t **out, struct err *e);

/* Fields read from `in`: monitoring, monitored_by, contingency, review_date. */
int plan_insert(struct db *db, const char *case_id, int version, const char *meeting_id,
		const json_t *in, const char *referrer_decision, const char *decided_at,
		const char *now, char id_out[33], struct err *e);
int plan_update(struct db *db, const char *plan_id, const json_t *in, struct err *e);
int plan_items_clear(struct db *db, const char *plan_id, struct err *e);
/* Item fields from `item`: concern, action, who, by_when, support. */
int plan_item_insert(struct db *db, const char *plan_id, int position, const json_t *item,
		     const char *review_status, const char *review_note,
		     const char *previous_item_id, struct err *e);
int plan_set_referrer_decision(struct db *db, const char *plan_id, const char *decision,
			       const char *reason, const char *at, struct err *e);
int plan_set_validated(struct db *db, const char *plan_id, const char *by, const char *at,
		       struct err *e);

int distribution_insert(struct db *db, const char *case_id, const char *plan_id,
			const char *person_id, const char *recipient, const char *method,
			const char *sent_at, const char *now, struct err *e);
int distribution_list(struct db *db, const char *case_id, json_t **out, struct err *e);
/* The latest sent_at for a plan into out (empty when none). */
int distribution_last_sent(struct db *db, const char *plan_id, char out[32], struct err *e);

#endif
