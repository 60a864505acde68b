/* cmd_migrate.c — `hearth migrate` and `hearth routes`. */
#include "cli.h"
#include "../store/case_store.h"
#include "../store/migrate.h"
#include "../web/app.h"

#include <stdio.h>
#include <string.h>

int cli_migrate(int argc, char **argv)
{
	const char *db_url = CLI_DEFAULT_DB;
	const struct cli_option opts[] = {
		{"--db", "URL", "sqlite:PATH (default " CLI_DEFAULT_DB ") or postgresql://...", &db_url},
		{NULL}};
	int rc = cli_parse(argc, argv,
			   "usage: hearth migrate [options]\n\nCreate the database schema, or bring it up to date, and load the bank-holiday calendars.",
			   opts);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	struct err e = {0};
	struct db *db;
	int applied = 0;
	if (db_open(db_url, &db, &e) != 0) {
		fprintf(stderr, "hearth migrate: %s\n", e.msg);
		return 1;
	}
	rc = migrate_apply(db, &applied, &e);
	/* Cases made before migration 009 get their search terms now. */
	long backfilled = 0;
	if (rc == 0)
		rc = db_begin(db, &e);
	if (rc == 0) {
		rc = case_terms_backfill(db, &backfilled, &e);
		rc = rc == 0 ? db_commit(db, &e) : (db_rollback(db), -1);
	}
	db_close(db);
	if (rc != 0) {
		fprintf(stderr, "hearth migrate: %s\n", e.msg);
		return 1;
	}
	printf("hearth migrate: %d migration%s applied; the database is up to date\n", applied, applied == 1 ? "" : "s");
	if (backfilled > 0)
		printf("hearth migrate: search terms written for %ld case%s\n", backfilled, backfilled == 1 ? "" : "s");
	return 0;
}

int cli_routes(int argc, char **argv)
{
	const struct cli_option opts[] = {{NULL}};
	int rc = cli_parse(argc, argv, "usage: hearth routes\n\nList every method and address the server answers, with its action.", opts);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	for (size_t i = 0; i < routes_count; i++)
		printf("%s %s %s%s\n", routes[i].method, routes[i].pattern, routes[i].action,
		       routes[i].page || strncmp(routes[i].pattern, "/assets/", 8) == 0 ? " page" : "");
	return 0;
}
