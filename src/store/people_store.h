/* people_store.h — people (recorded once, found by search, on any number of
 * cases), their place on a case, their invitation, and consents. */
#ifndef HEARTH_PEOPLE_STORE_H
#define HEARTH_PEOPLE_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include "db.h"

struct case_visibility;

/* A new person from the checked fields of `in` (name, known_as, dob,
 * approx_age, gender, pronouns, first_language, interpreter,
 * interpreter_language, religion_culture, accessibility, email, phone,
 * address, address_confidential, contact_restriction,
 * contact_restriction_note, deceased, death_year). */
int person_create(struct db *db, const json_t *in, const char *now, char id_out[33], struct err *e);
/* Replaces every detail with those of `in`; the child of a case keeps the
 * case's own name and date of birth in step. */
int person_update(struct db *db, const char *person_id, const json_t *in, const char *now,
		  struct err *e);

/* Puts person_id on the case (role, relationship, parental_responsibility
 * from `in`); member id out. */
int member_add(struct db *db, const char *case_id, const char *person_id, const json_t *in,
	       bool subject, const char *now, char id_out[33], struct err *e);
int member_update(struct db *db, const char *case_id, const char *member_id, const json_t *in,
		  struct err *e);
/* The member id of person_id on the case, "" when they are not on it. */
int member_of(struct db *db, const char *case_id, const char *person_id, char member_out[33],
	      struct err *e);
/* The case's child as a person follows a changed booking. */
int subject_sync(struct db *db, const char *case_id, const char *name, const char *dob,
		 const char *now, struct err *e);

/* A person on the case: `in` names an existing person_id, or describes a
 * new person. Member id out. */
int person_insert(struct db *db, const char *case_id, const json_t *in, const char *now,
		  char id_out[33], struct err *e);
/* {id, name} of a person, whatever case they are on; NULL when none. */
int person_find(struct db *db, const char *person_id, json_t **out, struct err *e);
/* *out is NULL when there is no such member on this case. The object has the
 * member's id, person_id, role, relationship, parental_responsibility,
 * subject, invitation (invited, invited_at, response...), every detail of
 * the person, household_id/household, and exclusion_id/exclusion_reason
 * when an exclusion is in force. */
int person_get(struct db *db, const char *case_id, const char *member_id, json_t **out,
	       struct err *e);
/* Every member of the case, the child first. */
int person_list(struct db *db, const char *case_id, json_t **out, struct err *e);
/* People whose name or known-as contains `text` (case folded), on cases
 * `see` reaches: [{id, name, known_as, dob, approx_age, gender, deceased,
 * cases: [{id, reference, child_name}]}]. */
int person_search(struct db *db, const char *text, const struct case_visibility *see,
		  json_t **out, struct err *e);

int member_set_invited(struct db *db, const char *case_id, const char *member_id, bool invited,
		       const char *at, struct err *e);
/* Withdraws the person's invitations on every case they are on. */
int member_withdraw_everywhere(struct db *db, const char *person_id, struct err *e);
int member_set_response(struct db *db, const char *case_id, const char *member_id,
			const char *response, const char *at, const char *note, struct err *e);

int consent_insert(struct db *db, const char *case_id, const json_t *in, const char *given_at,
		   const char *recorded_by, const char *now, struct err *e);
/* Whether the person's latest consent was to both the meeting and sharing. */
int consent_current(struct db *db, const char *person_id, bool *given, struct err *e);
/* Every consent recorded, newest first, with the person's and recorder's names. */
int consent_list(struct db *db, const char *case_id, json_t **out, struct err *e);

#endif
