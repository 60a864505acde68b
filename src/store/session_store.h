/* session_store.h — SQL for sign-in sessions, failed attempts (throttling)
 * and break-glass grants. Tokens are looked up by their hash only. */
#ifndef HEARTH_SESSION_STORE_H
#define HEARTH_SESSION_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include "db.h"

struct session_row {
	char id[33], user_id[33], csrf[44], second_factor[8];
	char created_at[32], last_seen_at[32];
	bool ended;
	char ended_reason[24]; /* signed_out, idle, expired, password_changed, ... */
};

int session_insert(struct db *db, const char *id, const char *token_hash, const char *user_id,
		   const char *csrf, const char *second_factor, const char *now, const char *address,
		   const char *user_agent, struct err *e);
/* The session with this token hash; *found false when there is none. */
int session_find(struct db *db, const char *token_hash, struct session_row *out, bool *found,
		 struct err *e);
int session_touch(struct db *db, const char *id, const char *now, struct err *e);
/* A new token (hash) and second-factor state for the same session. */
int session_rotate(struct db *db, const char *id, const char *token_hash, const char *second_factor,
		   struct err *e);
/* Ends one session of `user_id`; *ended false when it is not theirs or already ended. */
int session_end(struct db *db, const char *id, const char *user_id, const char *reason,
		const char *now, bool *ended, struct err *e);
/* Ends every open session of the user except `keep_id` (NULL: all). */
int session_end_all(struct db *db, const char *user_id, const char *keep_id, const char *reason,
		    const char *now, struct err *e);
/* The user's sessions still open, used since `idle_since` and begun since
 * `started_since`: [{id, created_at, last_seen_at, address, user_agent, second_factor}]. */
int session_list(struct db *db, const char *user_id, const char *idle_since, const char *started_since,
		 json_t **out, struct err *e);

/* Failed sign-in attempts under `key` since `since`: how many and the oldest. */
int failure_count(struct db *db, const char *key, const char *since, long *count,
		  char oldest[32], struct err *e);
int failure_add(struct db *db, const char *key, const char *at, struct err *e);
int failure_clear(struct db *db, const char *key, struct err *e);

/* Break-glass: a grant of one case to one session, with the reason. */
int glass_grant(struct db *db, const char *session_id, const char *case_id, const char *reason,
		const char *at, struct err *e);
/* *reason_out (malloc'd) is NULL when there is no grant. */
int glass_find(struct db *db, const char *session_id, const char *case_id, char **reason_out,
	       struct err *e);

#endif
