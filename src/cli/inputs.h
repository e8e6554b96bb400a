/*
 * What a command analyses, made from its operands: snapshot files as they
 * are, several merged into one (--merge, memsnap merge), or the steps of a
 * recording (memsnap record's directory). A file that several inputs need
 * is loaded once.
 */
#ifndef MEMSNAP_CLI_INPUTS_H
#define MEMSNAP_CLI_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "report_series.h"

/* One snapshot a command analyses: one file, or several merged. */
struct cli_input {
	size_t *files; /* indexes into cli_inputs.paths */
	size_t nfiles;
	char *name;  /* for the headers of top, diff and flamegraph */
	char *label; /* for the rows of timeline and leaks */
	bool timed;  /* from a recording: moment says when */
	struct ms_series_moment moment;
	char reason[16];	  /* moment.reason's text */
	struct ms_snapshot *snap; /* once loaded: a file's, or the merge */
	bool owned;		  /* snap is the merge, freed with the input */
};

struct cli_inputs {
	struct cli_input *items;
	size_t nr, alloc;
	char **paths; /* the distinct files, malloc'd */
	size_t npaths, paths_alloc;
	struct ms_snapshot **loaded; /* per path, while it is needed */
	size_t *last_use;	     /* per path: the last input that needs it */
	enum cli_keep keep;	     /* what the snapshots are loaded with */
	char *view;		     /* a recording's: what its steps are */
	struct ms_rss_sample *rss;   /* a recording's resident memory over time */
	size_t nrss;
	char *rss_label; /* whose it is */
};

/* What a command takes of a recording, and of several operands. */
enum cli_pick {
	CLI_PICK_LAST,	/* top, flamegraph: one snapshot (a recording's last step) */
	CLI_PICK_FIRST, /* flamegraph --diff: a recording's first step */
	CLI_PICK_TWO,	/* diff: two snapshots (a recording's first and last steps) */
	CLI_PICK_ALL,	/* timeline, leaks: every step */
	CLI_PICK_MERGED /* memsnap merge: every operand, merged into one */
};

/*
 * Makes the inputs of the operands as pick and opts (--merge, --pid,
 * --from, --to, --peak) say, to be loaded keeping what keep says.
 * Returns 0, or EXIT_ERROR after reporting; release in[] in both cases.
 */
int cli_inputs_resolve(struct cli_inputs *in, const struct cli_options *opts, char **operands,
		       size_t n, enum cli_pick pick, enum cli_keep keep);

/* Loads input i: its files (at once, in parallel), merged if several. */
int cli_inputs_load(struct cli_inputs *in, size_t i);

/* Every input, every file loaded at once first. */
int cli_inputs_load_all(struct cli_inputs *in);

/* Frees what only inputs up to i needed (input i's merge included). */
void cli_inputs_done(struct cli_inputs *in, size_t i);

void cli_inputs_release(struct cli_inputs *in);

#endif
