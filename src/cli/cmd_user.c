/* cmd_user.c — `hearth user add|disable|enable|reset-password|list`: the
 * operator's way to manage accounts, before any administrator can sign in
 * (a new service starts with no accounts at all) and afterwards. The rules
 * are the administrator screen's (accounts/accounts.c); every change is in
 * the audit trail, recorded as done from the command line. */
#include "cli.h"
#include "../accounts/accounts.h"
#include "../domain/datetime.h"
#include "../security/password.h"
#include "../store/audit_store.h"
#include "../store/migrate.h"
#include "../store/user_store.h"
#include "../util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char USAGE[] =
	"usage: hearth user <add|disable|enable|reset-password|list> [options]\n\n"
	"  add             --name NAME --email EMAIL --roles \"coordinator team_manager\" [--team NAME]\n"
	"                  prints a one-time password to give to the person\n"
	"  disable         --email EMAIL   stop the account signing in, ending its sessions\n"
	"  enable          --email EMAIL\n"
	"  reset-password  --email EMAIL [--second-factor]   new one-time password (and remove the\n"
	"                  authenticator app, for a lost phone); ends the account's sessions\n"
	"  list            [--all]   accounts (with --all, disabled ones too)\n\n"
	"Every subcommand takes --db URL (default " CLI_DEFAULT_DB ").\n"
	"Roles: coordinator, referrer, team_manager, service_manager, administrator.";

static int cli_audit_record(struct db *db, const char *action, const char *object, const char *id,
			    struct err *e)
{
	char at[21];
	dt_format_utc((int64_t)time(NULL), at);
	struct audit_record r = {.at = at, .session = "cli", .role = "operator", .action = action,
				 .object = object, .object_id = id, .outcome = "ok"};
	return audit_append(db, &r, e);
}

/* The team called `name`, made when there is none yet. */
static int team_by_name(struct db *db, const char *name, char id[33], struct err *e)
{
	json_t *teams;
	if (team_list(db, &teams, e) != 0)
		return -1;
	size_t i;
	json_t *t;
	id[0] = '\0';
	json_array_foreach(teams, i, t) if (strcmp(json_string_value(json_object_get(t, "name")), name) == 0)
		snprintf(id, 33, "%s", json_string_value(json_object_get(t, "id")));
	json_decref(teams);
	if (id[0])
		return 0;
	char now[21];
	dt_format_utc((int64_t)time(NULL), now);
	if (team_insert(db, name, now, id, e) != 0 || cli_audit_record(db, "add_team", "team", id, e) != 0)
		return -1;
	printf("hearth user: made the team \"%s\"\n", name);
	return 0;
}

struct op {
	const char *name, *email, *roles, *team;
	bool all, second_factor;
};

static int add(struct db *db, const struct op *o, struct err *e)
{
	json_t *in = json_pack("{s:s?,s:s?,s:[]}", "name", o->name, "email", o->email, "roles");
	char *copy = xstrdup(o->roles ? o->roles : ""), *save = NULL;
	for (char *r = strtok_r(copy, " ,", &save); r; r = strtok_r(NULL, " ,", &save))
		json_array_append_new(json_object_get(in, "roles"), json_string(r));
	free(copy);
	char team[33], id[33], password[ACCOUNT_PASSWORD_CHARS + 1], now[21];
	int rc = 0;
	if (o->team) {
		rc = team_by_name(db, o->team, team, e);
		json_object_set_new(in, "team_id", json_string(team));
	}
	json_t *errors = json_array();
	int n = rc == 0 ? account_check(db, in, NULL, errors, e) : -1;
	if (n > 0) {
		size_t i;
		json_t *p;
		json_array_foreach(errors, i, p) fprintf(stderr, "hearth user add: --%s: %s\n",
							 json_string_value(json_object_get(p, "field")),
							 json_string_value(json_object_get(p, "message")));
		e->kind = ERR_INVALID;
		snprintf(e->msg, sizeof e->msg, "nothing was added");
		rc = -1;
	} else if (n < 0) {
		rc = -1;
	} else {
		dt_format_utc((int64_t)time(NULL), now);
		rc = account_add(db, in, now, id, password, e) || cli_audit_record(db, "add_user", "user", id, e) ? -1 : 0;
		if (rc == 0)
			printf("hearth user: added %s <%s>\none-time password: %s\n"
			       "Give it to them privately; they can change it after signing in.\n",
			       o->name, o->email, password);
	}
	json_decref(errors);
	json_decref(in);
	return rc;
}

static int by_email(struct db *db, const char *email, char id[33], struct err *e)
{
	struct user_auth u;
	bool found;
	if (!email)
		return err_set(e, ERR_INVALID, "email", "give the account's --email");
	if (user_auth_by_email(db, email, &u, &found, e) != 0)
		return -1;
	if (!found)
		return err_set(e, ERR_NOT_FOUND, "email", "there is no account with the email address %s", email);
	snprintf(id, 33, "%s", u.id);
	user_auth_free(&u);
	return 0;
}

static int set_active(struct db *db, const struct op *o, bool active, struct err *e)
{
	char id[33], now[21];
	dt_format_utc((int64_t)time(NULL), now);
	if (by_email(db, o->email, id, e) != 0 || account_set_active(db, id, active, now, e) != 0 ||
	    cli_audit_record(db, "change_user", "user", id, e) != 0)
		return -1;
	printf("hearth user: %s is %s\n", o->email, active ? "enabled" : "disabled; their sessions have ended");
	return 0;
}

static int reset(struct db *db, const struct op *o, struct err *e)
{
	char id[33], now[21], password[ACCOUNT_PASSWORD_CHARS + 1];
	dt_format_utc((int64_t)time(NULL), now);
	if (by_email(db, o->email, id, e) != 0 || account_reset(db, id, o->second_factor, now, password, e) != 0 ||
	    cli_audit_record(db, "reset_password", "user", id, e) != 0)
		return -1;
	printf("hearth user: new one-time password for %s: %s\n%s", o->email, password,
	       o->second_factor ? "Their authenticator app was removed: they will set up a new one when they sign in.\n" : "");
	return 0;
}

static int list(struct db *db, const struct op *o, struct err *e)
{
	json_t *users;
	if (user_list(db, NULL, o->all, &users, e) != 0)
		return -1;
	size_t i, k;
	json_t *u, *r;
	json_array_foreach(users, i, u) {
		printf("%s <%s>", json_string_value(json_object_get(u, "name")), json_string_value(json_object_get(u, "email")));
		json_array_foreach(json_object_get(u, "roles"), k, r) printf("%s%s", k ? ", " : "  ", json_string_value(r));
		const char *team = json_string_value(json_object_get(u, "team_name"));
		printf("%s%s%s%s\n", team ? "  (" : "", team ? team : "", team ? ")" : "",
		       json_is_true(json_object_get(u, "active")) ? "" : "  [disabled]");
	}
	printf("%zu account%s\n", json_array_size(users), json_array_size(users) == 1 ? "" : "s");
	json_decref(users);
	return 0;
}

int cli_user(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("%s\n", USAGE);
		return 0;
	}
	static const char *const subs[] = {"add", "disable", "enable", "reset-password", "list", NULL};
	int sub = -1;
	for (int i = 0; argc >= 2 && subs[i]; i++)
		if (strcmp(argv[1], subs[i]) == 0)
			sub = i;
	if (sub < 0) {
		fprintf(stderr, "%s\n", USAGE);
		return 2;
	}
	const char *db_url = CLI_DEFAULT_DB;
	struct op o = {0};
	const struct cli_option opts[] = {
		{"--db", "URL", "sqlite:PATH (default " CLI_DEFAULT_DB ") or postgresql://...", &db_url},
		{"--name", "NAME", "the person's name", &o.name},
		{"--email", "EMAIL", "their work email address (how they sign in)", &o.email},
		{"--roles", "ROLES", "roles separated by spaces", &o.roles},
		{"--team", "NAME", "their team (made if it does not exist)", &o.team},
		{"--all", NULL, "list disabled accounts too", NULL, &o.all},
		{"--second-factor", NULL, "also remove the authenticator app", NULL, &o.second_factor},
		{NULL}};
	static char name[40];
	snprintf(name, sizeof name, "user %s", subs[sub]);
	argv[1] = name;
	int rc = cli_parse(argc - 1, argv + 1, USAGE, opts);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	if (password_init() != 0) {
		fprintf(stderr, "hearth user: could not initialise libsodium or the common-password list\n");
		return 1;
	}
	struct err e = {0};
	struct db *db;
	if (db_open(db_url, &db, &e) != 0) {
		fprintf(stderr, "hearth user: %s\n", e.msg);
		return 1;
	}
	rc = migrate_check(db, &e);
	if (rc == 0)
		rc = db_begin(db, &e);
	if (rc == 0) {
		switch (sub) {
		case 0: rc = add(db, &o, &e); break;
		case 1: rc = set_active(db, &o, false, &e); break;
		case 2: rc = set_active(db, &o, true, &e); break;
		case 3: rc = reset(db, &o, &e); break;
		default: rc = list(db, &o, &e); break;
		}
		rc = rc == 0 ? db_commit(db, &e) : (db_rollback(db), -1);
	}
	db_close(db);
	if (rc != 0) {
		fprintf(stderr, "hearth user: %s\n", e.msg);
		return e.kind == ERR_INVALID || e.kind == ERR_NOT_FOUND ? 2 : 1;
	}
	return 0;
}
