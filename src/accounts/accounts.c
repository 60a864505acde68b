/* accounts.c — staff accounts (accounts.h). */
#include "accounts.h"
#include "../domain/access.h"
#include "../domain/form.h"
#include "../security/password.h"
#include "../store/session_store.h"
#include "../store/user_store.h"
#include "../util/buf.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const struct field_spec ACCOUNT[] = {
	{"name", F_STRING, true, "the person's name", 200},
	{"email", F_EMAIL, true, "their work email address"},
	{"team_id", F_ID, false, "their team"},
	{"active", F_BOOL, false, "whether the account may sign in"},
	{NULL}};

/* roles: an array of role codes, joined with spaces into out. */
static bool roles_text(const json_t *roles, char *out, size_t n)
{
	size_t i, k = 0;
	json_t *r;
	out[0] = '\0';
	if (!json_is_array(roles) || json_array_size(roles) == 0)
		return false;
	json_array_foreach(roles, i, r) {
		const char *code = json_string_value(r);
		if (!code || !role_bit(code) || strstr(out, code))
			return false;
		int w = snprintf(out + k, n - k, "%s%s", k ? " " : "", code);
		if (w < 0 || (size_t)w >= n - k)
			return false;
		k += (size_t)w;
	}
	return true;
}

int account_check(struct db *db, const json_t *in, const char *id, json_t *errors, struct err *e)
{
	/* roles is a list of strings, not objects: checked here, not by form_check. */
	json_t *copy = json_deep_copy(in);
	json_object_del(copy, "roles");
	int n = form_check(copy, ACCOUNT, "", errors);
	json_decref(copy);
	char roles[128];
	if (!roles_text(json_object_get(in, "roles"), roles, sizeof roles)) {
		form_error(errors, "roles",
			   "Choose one or more roles: coordinator, referrer, team manager, service manager or administrator");
		n++;
	}
	const char *team = form_str(in, "team_id");
	if (team && form_is_id(team)) {
		bool yes;
		if (team_exists(db, team, &yes, e) != 0)
			return -1;
		if (!yes) {
			form_error(errors, "team_id", "Choose a team from the list");
			n++;
		}
	}
	const char *email = form_str(in, "email");
	if (!id && email) {
		struct user_auth u;
		bool found;
		if (user_auth_by_email(db, email, &u, &found, e) != 0)
			return -1;
		if (found) {
			user_auth_free(&u);
			form_error(errors, "email", "There is already an account with this email address");
			n++;
		}
	}
	return n;
}

/* Five groups of four from an alphabet without look-alikes: about 115 bits. */
static void one_time_password(char out[ACCOUNT_PASSWORD_CHARS + 1])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	size_t k = 0;
	for (int g = 0; g < 5; g++) {
		if (g)
			out[k++] = '-';
		for (int i = 0; i < 4; i++)
			out[k++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	}
	out[k] = '\0';
}

static int fresh_password(char out[ACCOUNT_PASSWORD_CHARS + 1], char hash[PASSWORD_HASH_MAX], struct err *e)
{
	one_time_password(out);
	if (password_hash(out, hash) != 0)
		return err_set(e, ERR_INTERNAL, NULL, "Out of memory while hashing a password.");
	return 0;
}

int account_add(struct db *db, const json_t *in, const char *now, char id_out[33],
		char password_out[ACCOUNT_PASSWORD_CHARS + 1], struct err *e)
{
	char roles[128], hash[PASSWORD_HASH_MAX];
	roles_text(json_object_get(in, "roles"), roles, sizeof roles);
	if (fresh_password(password_out, hash, e) != 0)
		return -1;
	if (user_insert(db, form_str(in, "name"), form_str(in, "email"), roles, form_str(in, "team_id"), hash,
			now, id_out, e) != 0)
		return -1;
	return form_has(in, "active") && !form_bool(in, "active") ? user_set_active(db, id_out, false, now, e) : 0;
}

int account_set_active(struct db *db, const char *id, bool active, const char *now, struct err *e)
{
	if (user_set_active(db, id, active, now, e) != 0)
		return -1;
	return active ? 0 : session_end_all(db, id, NULL, "account_disabled", now, e);
}

int account_change(struct db *db, const char *id, const json_t *in, const char *now, struct err *e)
{
	char roles[128];
	roles_text(json_object_get(in, "roles"), roles, sizeof roles);
	if (user_set_details(db, id, form_str(in, "name"), form_str(in, "team_id"), e) != 0 ||
	    user_set_roles(db, id, roles, e) != 0)
		return -1;
	return form_has(in, "active") ? account_set_active(db, id, form_bool(in, "active"), now, e) : 0;
}

int account_reset(struct db *db, const char *id, bool second_factor, const char *now,
		  char password_out[ACCOUNT_PASSWORD_CHARS + 1], struct err *e)
{
	char hash[PASSWORD_HASH_MAX];
	if (fresh_password(password_out, hash, e) != 0 || user_set_password(db, id, hash, now, e) != 0 ||
	    session_end_all(db, id, NULL, "password_reset", now, e) != 0)
		return -1;
	return second_factor ? user_set_totp(db, id, NULL, 0, e) : 0;
}
