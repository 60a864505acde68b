/* network_store.h — relationships and households between people, and per
 * case the conversations with invitees and exclusion decisions. People on
 * a case are named by their member id (people_store.h). */
#ifndef HEARTH_NETWORK_STORE_H
#define HEARTH_NETWORK_STORE_H

#include <jansson.h>
#include "db.h"

/* Relationships between people who are both on the case:
 * [{id, a, b (member ids), a_name, b_name, kind, start_year, end_year,
 * agency, professional_role}], "a is the <kind> of b". */
int relationship_list(struct db *db, const char *case_id, json_t **out, struct err *e);
/* kind, start_year, end_year, agency, professional_role from `in`. */
int relationship_insert(struct db *db, const char *person_a, const char *person_b, const json_t *in,
			const char *now, char id_out[33], struct err *e);
/* The kind of a relationship recorded between the two either way round; "" if none. */
int relationship_between(struct db *db, const char *person_a, const char *person_b, char kind_out[32],
			 struct err *e);
/* {id, a_name, b_name, kind}, or NULL unless both people are on the case. */
int relationship_get(struct db *db, const char *case_id, const char *id, json_t **out, struct err *e);
int relationship_delete(struct db *db, const char *id, struct err *e);

int household_create(struct db *db, const char *label, const char *now, char id_out[33], struct err *e);
int household_rename(struct db *db, const char *id, const char *label, struct err *e);
/* Where the person lives now (household_id NULL: not recorded). */
int household_move(struct db *db, const char *person_id, const char *household_id, struct err *e);
/* The label of a household someone on the case lives in; "" otherwise. */
int household_get(struct db *db, const char *case_id, const char *id, char label_out[200],
		  struct err *e);
/* [{id, label, members: [{id, name}]}] for the households of people on the case. */
int household_list(struct db *db, const char *case_id, json_t **out, struct err *e);

/* member_id, held_on, method, outcome, worries from `in`. */
int conversation_insert(struct db *db, const char *case_id, const json_t *in, const char *by,
			const char *now, struct err *e);
int conversation_list(struct db *db, const char *case_id, json_t **out, struct err *e);

/* member_id, reason, rationale, decided_with from `in`; decided by `by` at `now`. */
int exclusion_insert(struct db *db, const char *case_id, const json_t *in, const char *by,
		     const char *now, struct err *e);
int exclusion_lift(struct db *db, const char *case_id, const char *id, const char *by,
		   const char *reason, const char *now, struct err *e);
/* Every decision, newest first, lifted ones included. */
int exclusion_list(struct db *db, const char *case_id, json_t **out, struct err *e);

#endif
