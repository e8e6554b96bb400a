/*
 * The command layer: option parsing shared by the subcommands, the message
 * sink, and one cmd_<name>() per subcommand. Only this layer prints to
 * stderr and chooses exit statuses.
 */
#ifndef MEMSNAP_CLI_H
#define MEMSNAP_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "memsnap/filter.h"
#include "memsnap/snapshot.h"
#include "memsnap/stats.h"

enum cli_exit {
	EXIT_OK = 0,
	EXIT_CHECK_FAILED = 1, /* a requested check did not hold */
	EXIT_ERROR = 2,        /* usage error or unreadable input */
};

struct cli_options {
	enum ms_key_type key_type;
	bool cumulative;
	size_t limit;
	struct ms_filters filters;
	bool no_source;
	struct ms_sources *sources;
	char **files;
	size_t nfiles;
};

/* One bit per subcommand, saying which options it takes. */
enum cli_command {
	CLI_CMD_TOP = 1 << 0,
	CLI_CMD_DIFF = 1 << 1,
};

/*
 * Parses argv[1..] of a subcommand (argv[0] is its name), accepting the
 * options whose table row names command and min_files..max_files file
 * names. Returns -1 after printing usage to stdout for --help (exit 0),
 * -2 after a usage error (exit 2), 0 otherwise. Release the options with
 * cli_options_release() in every case.
 */
int cli_parse(int argc, char **argv, unsigned command, size_t min_files, size_t max_files,
	      const char *synopsis, struct cli_options *opts);
void cli_options_release(struct cli_options *opts);

/* "memsnap: " + message + newline on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reports a failed library call about file (NULL when no file is involved). */
void cli_report(const char *file, const struct ms_error *err);

/*
 * Loads the n snapshots named by files into snaps[], in parallel. On any
 * failure reports the first failing file, frees what was loaded and
 * returns EXIT_ERROR; EXIT_OK otherwise (the caller frees snaps[]).
 */
int cli_load_all(char **files, size_t n, struct ms_snapshot **snaps);

/* Warns when a snapshot file had bytes after its end. */
void cli_warn_trailing(const char *file, const struct ms_snapshot *snap);

/* Flushes stdout; reports a write error and returns EXIT_ERROR if any. */
int cli_finish_output(void);

int cmd_top(int argc, char **argv);
int cmd_diff(int argc, char **argv);

#endif
