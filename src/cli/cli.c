/* cli.c — option parsing shared by the subcommands (cli.h). */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static void help(const char *usage, const struct cli_option *opts)
{
	printf("%s\n\noptions:\n", usage);
	for (const struct cli_option *o = opts; o->name; o++) {
		char left[48];
		snprintf(left, sizeof left, "%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		printf("  %-26s %s\n", left, o->help);
	}
	printf("  %-26s %s\n", "--help", "show this help");
}

int cli_parse(int argc, char **argv, const char *usage, const struct cli_option *opts)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(usage, opts);
			return 1;
		}
		const struct cli_option *o = opts;
		for (; o->name; o++)
			if (strcmp(argv[i], o->name) == 0)
				break;
		if (!o->name) {
			fprintf(stderr, "hearth %s: unknown option \"%s\" (see --help)\n", argv[0], argv[i]);
			return -1;
		}
		if (o->arg) {
			if (i + 1 >= argc) {
				fprintf(stderr, "hearth %s: %s needs a value (%s)\n", argv[0], o->name, o->arg);
				return -1;
			}
			*o->value = argv[++i];
		} else {
			*o->flag = true;
		}
	}
	return 0;
}
