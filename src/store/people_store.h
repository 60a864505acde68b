/* people_store.h — the people of a case and their consents. */
#ifndef HEARTH_PEOPLE_STORE_H
#define HEARTH_PEOPLE_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include "db.h"

int person_insert(struct db *db, const char *case_id, const json_t *in, const char *now,
		  char id_out[33], struct err *e);
/* *out is NULL when the person is not on this case. */
int person_get(struct db *db, const char *case_id, const char *person_id, json_t **out,
	       struct err *e);
/* [{id, name, role, relationship, parental_responsibility, email, phone}] */
int person_list(struct db *db, const char *case_id, json_t **out, struct err *e);

int consent_insert(struct db *db, const char *case_id, const json_t *in, const char *given_at,
		   const char *recorded_by, const char *now, struct err *e);
/* Whether the person's latest consent was to both the meeting and sharing. */
int consent_current(struct db *db, const char *person_id, bool *given, struct err *e);
/* Every consent recorded, newest first, with the person's and recorder's names. */
int consent_list(struct db *db, const char *case_id, json_t **out, struct err *e);

#endif
