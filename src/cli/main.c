/*
 * memsnap's entry point: finds the subcommand in one table and runs it.
 * Adding a command is adding a cmd_<name>.c (to CMakeLists.txt too), a row
 * here, its cmd_<name>() and CLI_CMD_<NAME> bit in cli.h, and that bit in
 * the rows of options.c that it takes.
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
	{"annotate", cmd_annotate, "show source files with the memory of each line"},
};

static void usage(FILE *out)
{
	size_t i;

	fputs("usage: memsnap COMMAND [options] SNAPSHOT...\n\n", out);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nSee 'memsnap COMMAND --help' and man memsnap.\n", out);
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	cli_error("'%s' is not a memsnap command (see 'memsnap --help')", name);
	return NULL;
}

/* memsnap help [COMMAND]: the commands, or what COMMAND --help prints. */
static int help(int argc, char **argv)
{
	static char help_option[] = "--help";
	const struct command *cmd;
	char *args[] = {NULL, help_option, NULL};

	if (argc < 2) {
		usage(stdout);
		return cli_finish_output();
	}
	if (argc > 2) {
		cli_error("too many arguments (usage: memsnap help [COMMAND])");
		return EXIT_ERROR;
	}
	cmd = find_command(argv[1]);
	if (!cmd)
		return EXIT_ERROR;
	args[0] = argv[1];
	return cmd->run(2, args);
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	const struct command *cmd;

	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	if (argc < 2) {
		cli_error("no command given (see 'memsnap --help')");
		return EXIT_ERROR;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return help(1, argv);
	if (!strcmp(argv[1], "help"))
		return help(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--version")) {
		printf("memsnap %s\n", MEMSNAP_VERSION);
		return cli_finish_output();
	}
	cmd = find_command(argv[1]);
	return cmd ? cmd->run(argc - 1, argv + 1) : EXIT_ERROR;
}
