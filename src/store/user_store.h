/* user_store.h — staff accounts and their roles. */
#ifndef HEARTH_USER_STORE_H
#define HEARTH_USER_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include "db.h"

/* Adds a user with a space-separated list of role codes; id_out gets the id. */
int user_insert(struct db *db, const char *name, const char *email, const char *roles,
		const char *created_at, char id_out[33], struct err *e);
/* Active users, optionally only those holding `role` (NULL for all):
 * [{id, name, email, roles:[...]}]. */
int user_list(struct db *db, const char *role, json_t **out, struct err *e);
/* Whether an active user with this id holds any of the roles (NULL-terminated).
 * *name_out (may be NULL) receives a malloc'd display name. */
int user_has_role(struct db *db, const char *id, const char *const *roles, bool *yes,
		  char **name_out, struct err *e);
int user_count(struct db *db, long *out, struct err *e);

#endif
