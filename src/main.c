/* main.c — the `hearth` command: one binary, several subcommands.
 *
 *   hearth serve    run the web server
 *   hearth migrate  bring the database up to date
 *   hearth demo     load the demonstration data set
 *   hearth user     manage staff accounts
 *   hearth routes   list every address the server answers
 *   hearth audit    check the audit trail has not been tampered with
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"serve", cli_serve, "run the web server"},
	{"migrate", cli_migrate, "create or update the database schema"},
	{"demo", cli_demo, "load demonstration data (users and a few dozen cases)"},
	{"user", cli_user, "add, disable, enable, reset or list staff accounts"},
	{"routes", cli_routes, "list every address the server answers"},
	{"audit", cli_audit, "check the audit trail has not been tampered with"},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: hearth <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nRun `hearth <command> --help` for a command's options.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "hearth: unknown command \"%s\"\n\n", argv[1]);
	usage(stderr);
	return 2;
}
