/* user_store.h — staff accounts, their roles, teams and sign-in secrets. */
#ifndef HEARTH_USER_STORE_H
#define HEARTH_USER_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "db.h"

/* Adds a user with a space-separated list of role codes, in a team (NULL
 * for none) and with a password hash (NULL: cannot sign in until reset). */
int user_insert(struct db *db, const char *name, const char *email, const char *roles,
		const char *team_id, const char *password_hash, const char *created_at,
		char id_out[33], struct err *e);
/* Users, optionally only those holding `role` (NULL for all), active only
 * unless `all`: [{id, name, email, team_id, team_name, active,
 * second_factor, roles:[...]}]. */
int user_list(struct db *db, const char *role, bool all, json_t **out, struct err *e);
/* One user as user_list shows them, or *out NULL. */
int user_get(struct db *db, const char *id, json_t **out, struct err *e);
/* Whether an active user with this id holds any of the roles (NULL-terminated).
 * *name_out (may be NULL) receives a malloc'd display name. */
int user_has_role(struct db *db, const char *id, const char *const *roles, bool *yes,
		  char **name_out, struct err *e);
int user_count(struct db *db, long *out, struct err *e);

/* What signing in needs to know about a user. Strings are malloc'd. */
struct user_auth {
	char id[33];
	char *name, *email, *password_hash, *totp_secret, *totp_pending, *team_id;
	char *roles; /* space-separated codes */
	int64_t totp_last_step;
	bool active;
};
/* By email (ignoring ASCII case) or by id; *found false when there is none. */
int user_auth_by_email(struct db *db, const char *email, struct user_auth *out, bool *found,
		       struct err *e);
int user_auth_by_id(struct db *db, const char *id, struct user_auth *out, bool *found,
		    struct err *e);
void user_auth_free(struct user_auth *u);

int user_set_password(struct db *db, const char *id, const char *hash, const char *at, struct err *e);
int user_set_active(struct db *db, const char *id, bool active, const char *at, struct err *e);
int user_set_details(struct db *db, const char *id, const char *name, const char *team_id,
		     struct err *e);
/* Replaces the user's roles with a space-separated list. */
int user_set_roles(struct db *db, const char *id, const char *roles, struct err *e);
/* The second factor: a secret being enrolled, the enrolled one (pending
 * cleared), the last step used; `secret` NULL removes it (a reset). */
int user_set_totp_pending(struct db *db, const char *id, const char *secret, struct err *e);
int user_set_totp(struct db *db, const char *id, const char *secret, int64_t step, struct err *e);
int user_set_totp_step(struct db *db, const char *id, int64_t step, struct err *e);

/* Teams. */
int team_insert(struct db *db, const char *name, const char *created_at, char id_out[33],
		struct err *e);
/* [{id, name, members}] by name. */
int team_list(struct db *db, json_t **out, struct err *e);
/* Whether the team exists. */
int team_exists(struct db *db, const char *id, bool *yes, struct err *e);

#endif
