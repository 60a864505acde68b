/* token_store.h — SQL for API tokens (bearer tokens for integrations). */
#ifndef HEARTH_TOKEN_STORE_H
#define HEARTH_TOKEN_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include "db.h"

int apitoken_insert(struct db *db, const char *id, const char *token_hash, const char *user_id,
		    const char *name, const char *roles, const char *created_by, const char *now,
		    struct err *e);
struct apitoken_row {
	char id[33], user_id[33], roles[128], last_used_at[32];
	bool revoked;
};
int apitoken_find(struct db *db, const char *token_hash, struct apitoken_row *out, bool *found,
		  struct err *e);
int apitoken_touch(struct db *db, const char *id, const char *now, struct err *e);
/* Revokes token `id`; when `owner` is not NULL only if it is theirs. */
int apitoken_revoke(struct db *db, const char *id, const char *owner, const char *now, bool *done,
		    struct err *e);
/* Tokens not revoked, of one user (NULL: everyone's):
 * [{id, name, user_id, user_name, roles:[...], created_at, last_used_at}]. */
int apitoken_list(struct db *db, const char *user_id, json_t **out, struct err *e);

#endif
