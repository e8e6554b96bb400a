/*
 * memsnap's entry point: finds the subcommand in one table and runs it.
 * Adding a command is adding a cmd_<name>.c (to CMakeLists.txt too), a row
 * here, its cmd_<name>() and CLI_CMD_<NAME> bit in cli.h, and that bit in
 * the rows of options.c that it takes; shell completion follows the table.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "git_commit.h"
#include "memsnap/version.h"

const struct cli_subcommand cli_commands[] = {
    {"top", cmd_top, CLI_CMD_TOP, "show the largest groups of one snapshot"},
    {"diff", cmd_diff, CLI_CMD_DIFF, "show what changed between two snapshots"},
    {"convert", cmd_convert, CLI_CMD_CONVERT, "rewrite a snapshot as JSON or as a pickle"},
    {"info", cmd_info, CLI_CMD_INFO, "describe what snapshots hold"},
    {"timeline", cmd_timeline, CLI_CMD_TIMELINE,
     "show total memory across snapshots, and what grew"},
    {"leaks", cmd_leaks, CLI_CMD_LEAKS, "find the groups that grow in every snapshot"},
    {"flamegraph", cmd_flamegraph, CLI_CMD_FLAMEGRAPH,
     "draw tracebacks as an interactive SVG flame graph"},
    {"merge", cmd_merge, CLI_CMD_MERGE, "write several snapshots as one"},
    {"record", cmd_record, CLI_CMD_RECORD,
     "run a command, recording its Python processes' snapshots"},
    {"annotate", cmd_annotate, CLI_CMD_ANNOTATE,
     "show source files with the memory of each line"},
    /* the shell completion scripts: for packagers, so not listed */
    {"completion", cmd_completion, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static void usage(FILE *out)
{
	const struct cli_subcommand *c;

	fputs("usage: memsnap COMMAND [options] SNAPSHOT...\n\n", out);
	for (c = cli_commands; c->name; c++)
		if (c->summary)
			fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fputs("\nSee 'memsnap COMMAND --help' and man memsnap.\n", out);
}

static const struct cli_subcommand *find_command(const char *name)
{
	const struct cli_subcommand *c;

	for (c = cli_commands; c->name; c++)
		if (!strcmp(name, c->name))
			return c;
	cli_error("'%s' is not a memsnap command (see 'memsnap --help')", name);
	return NULL;
}

/* memsnap help [COMMAND]: the commands, or what COMMAND --help prints. */
static int help(int argc, char **argv)
{
	static char help_option[] = "--help";
	const struct cli_subcommand *cmd;
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
	const struct cli_subcommand *cmd;

	cli_process_init();
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
		/* the library's version: the program links its own copy */
		printf("memsnap %s", ms_version());
		if (*MEMSNAP_GIT_COMMIT)
			printf(" (git %s)", MEMSNAP_GIT_COMMIT);
		putchar('\n');
		return cli_finish_output();
	}
	cmd = find_command(argv[1]);
	return cmd ? cmd->run(argc - 1, argv + 1) : EXIT_ERROR;
}
