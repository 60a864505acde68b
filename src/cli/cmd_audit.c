/* cmd_audit.c — `hearth audit verify`: walks the audit trail's hash chain
 * so an operator (or a cron job, by the exit status) learns whether anyone
 * with access to the database has changed, removed or inserted records. */
#include "cli.h"
#include "../store/audit_store.h"
#include "../store/migrate.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char USAGE[] =
	"usage: hearth audit verify [options]\n\n"
	"Check the audit trail has not been tampered with: every record's hash matches its\n"
	"contents and chains to the record before, numbered from 1 without gaps. Exits 0 when\n"
	"the trail is intact, 1 when it is broken or cannot be read.";

static int verify(int argc, char **argv)
{
	const char *db_url = CLI_DEFAULT_DB;
	const struct cli_option opts[] = {
		{"--db", "URL", "sqlite:PATH (default " CLI_DEFAULT_DB ") or postgresql://...", &db_url},
		{NULL}};
	int rc = cli_parse(argc, argv, USAGE, opts);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	struct err e = {0};
	struct db *db;
	struct audit_verify_result res;
	if (db_open(db_url, &db, &e) != 0) {
		fprintf(stderr, "hearth audit: %s\n", e.msg);
		return 1;
	}
	rc = migrate_check(db, &e) == 0 ? audit_verify(db, &res, &e) : -1;
	db_close(db);
	if (rc != 0) {
		fprintf(stderr, "hearth audit: %s\n", e.msg);
		return 1;
	}
	if (res.broken_at != 0) {
		printf("audit trail BROKEN at record %" PRId64 ": %s (%" PRId64 " record%s checked)\n",
		       res.broken_at, res.problem, res.records, res.records == 1 ? "" : "s");
		return 1;
	}
	printf("audit trail intact: %" PRId64 " record%s; latest hash %s\n", res.records,
	       res.records == 1 ? "" : "s", res.last_hash);
	return 0;
}

int cli_audit(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("%s\n", USAGE);
		return 0;
	}
	if (argc < 2) {
		fprintf(stderr, "%s\n", USAGE);
		return 2;
	}
	if (strcmp(argv[1], "verify") == 0) {
		/* cli_parse names the command from argv[0] in its messages. */
		static char name[] = "audit verify";
		argv[1] = name;
		return verify(argc - 1, argv + 1);
	}
	fprintf(stderr, "hearth audit: unknown subcommand \"%s\"\n\n%s\n", argv[1], USAGE);
	return 2;
}
