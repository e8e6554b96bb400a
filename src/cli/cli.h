/*
 * The command layer: option parsing shared by the subcommands, the message
 * sink, and one cmd_<name>() per subcommand. Only this layer prints to
 * stderr and chooses exit statuses.
 *
 * It reads snapshots and computes statistics through libmemsnap's public
 * API (include/memsnap/), and links the static library to reach further
 * in: the output formats (report.h), the many-snapshot views (series.h,
 * flame.h), info.h and the helpers they share are the program's own output,
 * changed with it, so they are not promised to programs as the API is.
 */
#ifndef MEMSNAP_CLI_H
#define MEMSNAP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "memsnap/filter.h"
#include "memsnap/snapshot.h"
#include "memsnap/stats.h"
#include "order.h"
#include "view.h"
#include "report.h"
#include "report_series.h"
#include "series.h"

struct cli_inputs;

enum cli_exit {
	EXIT_OK = 0,
	EXIT_CHECK_FAILED = 1, /* a requested check did not hold */
	EXIT_ERROR = 2,	       /* usage error or unreadable input */
};

/* Every value of a repeatable string option, in command-line order. */
struct cli_strings {
	const char **items;
	size_t nr, alloc;
};

/* A size option (--fail-over), and whether it was given. */
struct cli_size {
	bool given;
	uint64_t bytes;
};

/*
 * Every option's value, after cli_parse(). Each field is the destination
 * of a row of options.c's table, which says which commands take it.
 */
struct cli_options {
	enum ms_key_type key_type; /* -g */
	bool cumulative;	   /* -c */
	size_t limit;		   /* -n */
	struct ms_filters filters; /* -i, -x, --include-domain, --exclude-domain */
	bool all_frames;	   /* -a, already applied to filters */
	struct ms_view view;	   /* --focus, --hide, --focus-only */
	bool no_source;
	struct ms_sources *sources;		   /* --path-map */
	struct ms_sources *old_sources;		   /* diff --old-path-map; NULL: none given */
	bool functions;				   /* --functions */
	bool all_lines;				   /* annotate --all-lines */
	const char *format;			   /* -f as given, NULL for the command's default */
	const char *output;			   /* -o as given, NULL for standard output */
	bool count_blocks;			   /* --count */
	bool percent;				   /* top, diff --percent */
	enum ms_order sort;			   /* top, diff --sort */
	struct cli_size min_size;		   /* top, diff --min-size */
	struct cli_strings labels;		   /* timeline, leaks --label */
	size_t top;				   /* timeline --top */
	const char *svg;			   /* timeline --svg */
	double min_steps;			   /* leaks --min-steps, a fraction */
	struct cli_size fail_over, fail_over_each; /* diff, leaks */
	const char *diff_old;			   /* flamegraph, annotate --diff */
	size_t frames;				   /* record --frames */
	double interval, sample;		   /* record --interval, --sample: seconds */
	struct cli_size every_growth;		   /* record --every-growth */
	bool peak;				   /* record --peak */
	bool verbose, quiet;			   /* record -v, -q */
	size_t pid;				   /* a recording's process, 0 for all */
	size_t from, to;			   /* a recording's steps; SIZE_MAX: unset */
	bool merge;				   /* --merge */
	size_t threads;				   /* --threads, 0 for one per core */
	char **files; /* the operands: snapshots, or record's command line */
	size_t nfiles;
};

/* One bit per subcommand, saying which options it takes. */
enum cli_command {
	CLI_CMD_TOP = 1 << 0,
	CLI_CMD_DIFF = 1 << 1,
	CLI_CMD_CONVERT = 1 << 2,
	CLI_CMD_INFO = 1 << 3,
	CLI_CMD_TIMELINE = 1 << 4,
	CLI_CMD_LEAKS = 1 << 5,
	CLI_CMD_FLAMEGRAPH = 1 << 6,
	CLI_CMD_RECORD = 1 << 7,
	CLI_CMD_MERGE = 1 << 8,
	CLI_CMD_ANNOTATE = 1 << 9,
};

/* A row of main.c's table of subcommands. */
struct cli_subcommand {
	const char *name; /* NULL ends the table */
	int (*run)(int argc, char **argv);
	unsigned bit;	     /* its CLI_CMD_* bit, 0 for one that takes no option */
	const char *summary; /* NULL: not listed in the usage */
};

extern const struct cli_subcommand cli_commands[];

/*
 * The commands whose first operand ends the options: what follows it is
 * another program's command line, options included.
 */
#define CLI_CMDS_OPERAND_ENDS_OPTIONS CLI_CMD_RECORD

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

/*
 * Checks that the operands number from min to max, for a command that
 * knows only after parsing (--merge takes more); -1 after reporting.
 */
int cli_check_operands(const struct cli_options *opts, size_t min, size_t max,
		       const char *synopsis);

/* Sets up the process before a command runs (see process.c). */
void cli_process_init(void);

/* "memsnap: " + message + newline on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reports a failed library call about file (NULL when no file is involved). */
void cli_report(const char *file, const struct ms_error *err);

/* "memsnap: " + the group's key as Python prints it + ": " + message. */
void cli_error_key(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * EXIT_ERROR after reporting it when files names standard input ('-')
 * more than once; every command asks before it reads anything.
 */
int cli_stdin_once(char *const *files, size_t n);

/* What a command keeps of the snapshots it loads. */
enum cli_keep {
	CLI_KEEP_TRACES, /* every trace (ms_snapshot_load()) */
	CLI_KEEP_SUMS,	 /* statistics only (ms_snapshot_load_summed()) */
	CLI_KEEP_NEWEST, /* statistics by line, file or function (ms_snapshot_load_newest()) */
	/* the same, no pattern to match other frames (ms_snapshot_load_newest_frames()) */
	CLI_KEEP_NEWEST_FRAMES
};

/*
 * Loads the n snapshots named by files into snaps[], in parallel, keeping
 * what keep says. On any failure reports the first failing file, frees
 * what was loaded and returns EXIT_ERROR; EXIT_OK otherwise (the caller
 * frees snaps[]).
 */
int cli_load_all(char **files, size_t n, struct ms_snapshot **snaps, enum cli_keep keep);

/*
 * What top and diff keep: the newest frame of each traceback when the
 * statistics and the output look at no other (by line, file or function,
 * not cumulative, no --all-frames or view, a table's format), and only
 * those frames when no filter's note needs the others; else the sums.
 */
enum cli_keep cli_stats_keep(const struct cli_options *opts);
/* --threads: cli_load_all() uses at most n threads (0: one per core). */
void cli_load_threads(size_t n);

/*
 * For -g function: names the functions of snap's frames from the source
 * files sources reads; does nothing for other keys. EXIT_OK, or
 * EXIT_ERROR after reporting.
 */
int cli_name_functions(const struct cli_options *opts, struct ms_snapshot *snap,
		       struct ms_sources *sources);

/* Warns, once, when source lines were left out for want of room. */
void cli_warn_sources(const struct ms_sources *sources);

/* Warns when a snapshot file had bytes after its end. */
void cli_warn_trailing(const char *file, const struct ms_snapshot *snap);
/* With MEMSNAP_SPLIT_MIN set: how many chunks a snapshot was read in, if several. */
void cli_note_chunks(const char *file, const struct ms_snapshot *snap);

/* Flushes stdout; reports a write error and returns EXIT_ERROR if any. */
int cli_finish_output(void);

/*
 * After a writer failed (errno says why): reports it, drops what stdout
 * still holds unwritten, and returns EXIT_ERROR.
 */
int cli_fail_output(void);

/* Drops what stdout holds unwritten, where the C library allows it. */
void cli_drop_output(void);

/* strerror(), but "out of memory" for ENOMEM, as memsnap's own messages say. */
const char *cli_strerror(int e);

/*
 * Where a command writes: standard output, or the file of -o. A regular
 * file (or the one a symlink leads to) is written as a new file in its
 * directory, unnamed where the system allows, and put in place by
 * cli_output_close() only when everything succeeded, keeping the old
 * file's mode and owner: it is never half-written and a failure leaves
 * the old file as it was. A device, FIFO, socket or standard stream
 * (/dev/stdout, /dev/fd/N) is opened and written into instead.
 */
struct cli_output {
	FILE *fp;
	const char *path; /* as given; NULL: standard output */
	char *target;	  /* the regular file to replace, links followed */
	char *tmp;	  /* the temporary file's name, when it has one */
	bool unnamed;	  /* the new file has no name until it is put in place */
	bool replaces;	  /* target exists: its mode and owner are kept */
	mode_t mode;
	uid_t uid;
	gid_t gid;
};

/* path NULL or "-" is standard output. -1 after reporting a failure. */
int cli_output_open(struct cli_output *o, const char *path);

/*
 * Commits the output when ok (and everything was written), or throws it
 * away. Returns the exit status: EXIT_OK, or EXIT_ERROR after reporting.
 */
int cli_output_close(struct cli_output *o, bool ok);

/* convert and merge: -f json or pickle, and -o given; -1 after reporting. */
int cli_snapshot_output_check(const struct cli_options *opts, const char *command);

/* Writes snap to path ("-": stdout) as cli_output_open() does; the exit status. */
int cli_write_snapshot(const char *path, const struct ms_snapshot *snap, bool json);

/*
 * The writer for the -f of top and diff (text when none), or NULL after
 * reporting a bad format or a --count without collapsed output.
 */
ms_report_writer cli_report_writer(const struct cli_options *opts);

/* Writes a top or diff report where -o says; returns the exit status. */
int cli_write_report(const struct cli_options *opts, const struct ms_report *report);

/*
 * Writes a picture to path ("-" or NULL: stdout) with write(out, ctx), as
 * cli_output_open() does: a file is replaced only when all of it was
 * written. Returns EXIT_OK, or EXIT_ERROR after reporting the path.
 */
int cli_write_file(const char *path, int (*write)(FILE *out, const void *ctx), const void *ctx);

/* A timeline or leaks report written by write, as cli_write_file() writes. */
int cli_write_series(const char *path, ms_series_writer write, const struct ms_series_report *r,
		     int format);

/* The -f of timeline and leaks (text when none); -1 after reporting a bad one. */
int cli_series_format(const struct cli_options *opts);

/*
 * What the notes of notes.c learn from each snapshot a command reads:
 * what each pattern matched, the traceback limits and trace shapes.
 */
struct cli_notes {
	const struct cli_options *opts;
	struct cli_note_pattern {
		size_t frames, newest; /* as struct ms_filter_reach, summed */
		char *example;	       /* a file name for the hint, raw bytes */
		char *raw;	       /* the pattern, raw bytes, for printing */
		bool suggest;	       /* example is what "*" "/" pattern matches */
	} * patterns;		       /* the filters, then --hide, then --focus */
	size_t npatterns, nsnap;
	const char *first_file, *limit_file, *first_arity_file, *arity_file, *limit1_file;
	int64_t first_limit, other_limit;
	int first_arity;
	bool nomem; /* an allocation failed: the notes would be wrong */
};

/* -1 after reporting no memory. */
int cli_notes_init(struct cli_notes *n, const struct cli_options *opts);

/* Learns from a snapshot named file, before any statistics of it. */
void cli_notes_add(struct cli_notes *n, const char *file, const struct ms_snapshot *snap);

/*
 * Prints the notes that apply (whole_tracebacks: the command shows
 * whole tracebacks, so a traceback limit of 1 matters), then releases n.
 * When an allocation failed, in it or before, prints "out of memory"
 * alone instead and returns -1, so that no note is ever left out.
 */
int cli_notes_print(struct cli_notes *n, bool whole_tracebacks);
void cli_notes_release(struct cli_notes *n);

/*
 * Snapshot.filter_traces() of opts' filters on a snapshot read whole,
 * with the notes of a pattern that matched nothing in it; EXIT_ERROR
 * after reporting, EXIT_OK otherwise.
 */
int cli_filter(const struct cli_options *opts, const char *file, struct ms_snapshot *snap);

/* Snapshots loaded and grouped side by side, with their labels. */
struct cli_series {
	struct cli_inputs *in; /* the snapshots (see inputs.h) */
	struct ms_stats *stats;
	char **labels; /* snapshot strings (see utf8.h) */
	size_t n;
	struct ms_series series;
	struct ms_series_moment *moments; /* from a recording, else NULL */
	struct cli_notes notes;		  /* of every snapshot, for the caller to print */
};

/*
 * Loads opts->files (snapshots, or a recording's steps) and matches their
 * groups. Without keep_groups each snapshot is freed once its totals are
 * known and the series has no rows. min is the fewest snapshots the
 * command takes. Returns 0, or EXIT_ERROR after reporting; release cs in
 * both cases.
 */
int cli_series_load(struct cli_series *cs, const struct cli_options *opts, bool keep_groups,
		    size_t min, const char *synopsis);
void cli_series_release(struct cli_series *cs);

/* Fills a report's moments, view and RSS from a recording's series. */
void cli_series_report_recording(struct ms_series_report *r, const struct cli_series *cs);

/*
 * The growth gates: --fail-over against the growth of the total, and
 * --fail-over-each against each group's. Each prints what went over on
 * stderr and returns EXIT_CHECK_FAILED, or EXIT_OK when every gate holds.
 * Over the total, the groups that grew most are listed (at most -n of
 * them, all for 0).
 */
int cli_gate_diff(const struct cli_options *opts, const struct ms_stats *old_stats,
		  const struct ms_stats *new_stats, const struct ms_diff *diff);
int cli_gate_leaks(const struct cli_options *opts, const struct ms_series *s,
		   const struct ms_leaks *leaks);

/*
 * A status line kept on the terminal's last row while the rows above
 * scroll, for memsnap record. begin returns -1 (and the others do
 * nothing) unless stderr is a terminal that can have one.
 */
struct cli_status_line {
	int rows, cols;
	bool active;
};

int cli_status_line_begin(struct cli_status_line *sl);
void cli_status_line_show(struct cli_status_line *sl, const char *text);
/* After SIGWINCH: the region and the line follow the new size. */
void cli_status_line_resize(struct cli_status_line *sl);
void cli_status_line_end(struct cli_status_line *sl);

int cmd_top(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_leaks(int argc, char **argv);
int cmd_flamegraph(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_completion(int argc, char **argv);
int cmd_annotate(int argc, char **argv);

#endif
