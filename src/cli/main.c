/*
 * memsnap's entry point: finds the subcommand in one table and runs it.
 * Adding a command is adding a cmd_<name>.c and a row here.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"top", cmd_top, "show the largest groups of one snapshot"},
	{"diff", cmd_diff, "show what changed between two snapshots"},
	{"convert", cmd_convert, "rewrite a snapshot as JSON or as a pickle"},
	{"info", cmd_info, "describe what snapshots hold"},
	{"timeline", cmd_timeline, "show total memory across snapshots, and what grew"},
	{"leaks", cmd_leaks, "find the groups that grow in every snapshot"},
	{"flamegraph", cmd_flamegraph, "draw tracebacks as an interactive SVG flame graph"},
};

static void usage(FILE *out)
{
	size_t i;

	fputs("usage: memsnap COMMAND [options] SNAPSHOT...\n\n", out);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nSee 'memsnap COMMAND --help' and man memsnap.\n", out);
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	size_t i;

	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	if (argc < 2) {
		cli_error("no command given (see 'memsnap --help')");
		return EXIT_ERROR;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return cli_finish_output();
	}
	if (!strcmp(argv[1], "--version")) {
		printf("memsnap %s\n", MEMSNAP_VERSION);
		return cli_finish_output();
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	cli_error("'%s' is not a memsnap command (see 'memsnap --help')", argv[1]);
	return EXIT_ERROR;
}
