/* accounts.h — managing staff accounts, shared by the administrator's
 * API (web/api_users.c) and the command line (cli/cmd_user.c) so both
 * follow the same rules. Each runs inside the caller's transaction.
 *
 * Passwords given out here (a new account, a reset) are random and shown
 * once; nobody, administrators included, ever sees a password again. */
#ifndef HEARTH_ACCOUNTS_H
#define HEARTH_ACCOUNTS_H

#include <jansson.h>
#include <stdbool.h>
#include "../store/db.h"

#define ACCOUNT_PASSWORD_CHARS 24 /* "xxxx-xxxx-xxxx-xxxx-xxxx" */

/* Checks name, email, roles (array of codes) and team_id (may be absent)
 * of `in`; problems go to `errors` (422). `id` is the account being
 * changed, NULL for a new one (email must then be unused). */
int account_check(struct db *db, const json_t *in, const char *id, json_t *errors, struct err *e);

/* Creates the account from checked fields; id_out and the one-time password. */
int account_add(struct db *db, const json_t *in, const char *now, char id_out[33],
		char password_out[ACCOUNT_PASSWORD_CHARS + 1], struct err *e);

/* Changes name, roles and team from checked fields; and active when given
 * (false ends every session of the account). */
int account_change(struct db *db, const char *id, const json_t *in, const char *now, struct err *e);

/* Disables (ending every session) or enables an account. */
int account_set_active(struct db *db, const char *id, bool active, const char *now, struct err *e);

/* A new one-time password; every session ends; with `second_factor` the
 * authenticator app is removed too (a lost phone). */
int account_reset(struct db *db, const char *id, bool second_factor, const char *now,
		  char password_out[ACCOUNT_PASSWORD_CHARS + 1], struct err *e);

#endif
