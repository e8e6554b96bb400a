/*
 * The command layer of the commands over several snapshots (timeline,
 * leaks, flamegraph) and of the growth gates (diff, leaks): their options,
 * loading a series of snapshots with labels, and checking the gates.
 */
#ifndef MEMSNAP_CLI_SERIES_OPTIONS_H
#define MEMSNAP_CLI_SERIES_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "memsnap/series.h"
#include "memsnap/stats.h"

/*
 * Option ids (options.c's table rows), apart from the ids of options.c.
 * -f and -o are options.c's; cli_parse() copies them into format and output.
 */
enum series_opt_id {
	OPT_LABEL = 512,
	OPT_TOP,
	OPT_SVG,
	OPT_MIN_STEPS,
	OPT_FAIL_OVER,
	OPT_FAIL_OVER_EACH,
	OPT_DIFF_OLD,
};

struct cli_series_options {
	const char **labels; /* --label, in order */
	size_t nlabels;
	size_t top;	    /* timeline --top */
	const char *format; /* --format, NULL for text */
	const char *svg;    /* timeline --svg */
	double min_steps;   /* leaks --min-steps, a fraction */
	bool has_fail_over, has_fail_over_each;
	uint64_t fail_over, fail_over_each; /* bytes */
	const char *output;		    /* flamegraph -o */
	const char *diff_old;		    /* flamegraph --diff */
};

/*
 * Takes option id with its argument when it is one of series_opt_id:
 * returns 1 when it took it, 0 when id is not one of these, -1 after
 * reporting a bad value.
 */
int cli_series_option(struct cli_series_options *o, int id, const char *arg);
void cli_series_options_release(struct cli_series_options *o);

struct cli_options;

/* Snapshots loaded and grouped side by side, with their labels. */
struct cli_series {
	struct ms_snapshot **snaps;
	struct ms_stats *stats;
	char **labels; /* snapshot strings (see utf8.h) */
	size_t n;
	struct ms_series series;
};

/*
 * Loads opts->files and matches their groups. Without keep_groups each
 * snapshot is freed once its totals are known and the series has no rows.
 * Returns 0, or EXIT_ERROR after reporting; release cs in both cases.
 */
int cli_series_load(struct cli_series *cs, const struct cli_options *opts, bool keep_groups);
void cli_series_release(struct cli_series *cs);

/*
 * Writes a picture to path ("-" or NULL: stdout) with write(out, ctx), as
 * cli_output_open() does: a file is replaced only when all of it was
 * written. Returns EXIT_OK, or EXIT_ERROR after reporting the path.
 */
int cli_write_file(const char *path, int (*write)(FILE *out, const void *ctx), const void *ctx);

/* The output format of timeline and leaks; -1 after reporting a bad one. */
int cli_series_format(const struct cli_series_options *o);

/*
 * The growth gates: --fail-over against the growth of the total, and
 * --fail-over-each against each group's. Each prints what went over on
 * stderr and returns EXIT_CHECK_FAILED, or EXIT_OK when every gate holds.
 * Over the total, the groups that grew most are listed (at most limit,
 * 0 for all).
 */
int cli_gate_diff(const struct cli_series_options *o, const struct ms_stats *old_stats,
		  const struct ms_stats *new_stats, const struct ms_diff *diff, size_t limit);
int cli_gate_leaks(const struct cli_series_options *o, const struct ms_series *s,
		   const struct ms_leaks *leaks, size_t limit);

#endif
