/* cli.h — the subcommands of `hearth` and their shared option parsing.
 * Each returns the process exit status: 0 done, 1 failed, 2 misused. */
#ifndef HEARTH_CLI_H
#define HEARTH_CLI_H

#include <stdbool.h>

int cli_serve(int argc, char **argv);
int cli_migrate(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_routes(int argc, char **argv);
int cli_audit(int argc, char **argv);
int cli_user(int argc, char **argv);

#define CLI_DEFAULT_DB "sqlite:var/hearth.db"

struct cli_option {
	const char *name;  /* "--db" */
	const char *arg;   /* "URL", or NULL for a flag */
	const char *help;
	const char **value; /* for options with an argument */
	bool *flag;         /* for flags */
};

/* Parses argv (argv[0] is the command); prints help and returns 1 for
 * --help, returns -1 after a message for bad usage, 0 otherwise. */
int cli_parse(int argc, char **argv, const char *usage, const struct cli_option *opts);

#endif
