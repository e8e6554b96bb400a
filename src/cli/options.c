/*
 * memsnap's options, as one table: a row names an option, says where its
 * value goes in struct cli_options, of what type, and which commands take
 * it; parse_options.c makes the getopt tables and --help from it. An
 * option whose meaning differs between commands has one row per meaning.
 */
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "parse_options.h"

#define STATS	(CLI_CMD_TOP | CLI_CMD_DIFF)
#define GROUPS	(STATS | CLI_CMD_TIMELINE | CLI_CMD_LEAKS)
#define VIEWS	(GROUPS | CLI_CMD_FLAMEGRAPH) /* --focus, --hide: memsnap's own */
#define SOURCES (VIEWS | CLI_CMD_ANNOTATE)
#define FILTERS (SOURCES | CLI_CMD_CONVERT | CLI_CMD_INFO)
#define GATES	(CLI_CMD_DIFF | CLI_CMD_LEAKS)
/* the commands that read a recording (memsnap record's directory) */
#define READERS (GROUPS | CLI_CMD_FLAMEGRAPH | CLI_CMD_MERGE)
#define STEPS	(CLI_CMD_DIFF | CLI_CMD_TIMELINE | CLI_CMD_LEAKS | CLI_CMD_FLAMEGRAPH)
#define LOADS	(FILTERS | CLI_CMD_CONVERT | CLI_CMD_INFO | CLI_CMD_MERGE | CLI_CMD_ANNOTATE)

/* The values that rows of a callback type store (OPT_CALLBACK's v). */
enum { EXCLUDE, INCLUDE, FOCUS, HIDE };

static int opt_group_by(struct cli_options *opts, const struct cli_option *o, const char *arg);
static int opt_filter(struct cli_options *opts, const struct cli_option *o, const char *arg);
static int opt_domain(struct cli_options *opts, const struct cli_option *o, const char *arg);
static int opt_path_map(struct cli_options *opts, const struct cli_option *o, const char *arg);
static int opt_old_path_map(struct cli_options *opts, const struct cli_option *o, const char *arg);
static int opt_min_steps(struct cli_options *opts, const struct cli_option *o, const char *arg);
static int opt_sort(struct cli_options *opts, const struct cli_option *o, const char *arg);

/* One row per option; clang-format would indent rows as a call's arguments. */
/* clang-format off */
const struct cli_option cli_option_table[] = {
	OPT_CALLBACK('g', "group-by", opt_group_by, 0, "KEY", GROUPS,
		"group by lineno (default), filename, traceback, or function (memsnap's own "
		"key: the function named from the source, file:qualname)",
		.values = "lineno filename traceback function"),
	OPT_FLAG('c', "cumulative", cumulative, GROUPS,
		"count every frame of a traceback, not just the newest"),
	OPT_UINT('n', "limit", limit, "N", 0, SIZE_MAX, STATS | CLI_CMD_LEAKS,
		"show the first N statistics (default 10, 0 for all)"),
	OPT_CALLBACK('i', "include", opt_filter, INCLUDE, "PATTERN[:LINENO]", FILTERS,
		"keep traces whose file matches (repeatable)"),
	OPT_CALLBACK('x', "exclude", opt_filter, EXCLUDE, "PATTERN[:LINENO]", FILTERS,
		"drop traces whose file matches (repeatable)"),
	OPT_FLAG('a', "all-frames", all_frames, FILTERS, "filename filters look at every frame"),
	OPT_CALLBACK(0, "include-domain", opt_domain, INCLUDE, "N", FILTERS,
		"keep traces of domain N (repeatable)"),
	OPT_CALLBACK(0, "exclude-domain", opt_domain, EXCLUDE, "N", FILTERS,
		"drop traces of domain N (repeatable)"),
	OPT_CALLBACK(0, "focus", opt_filter, FOCUS, "PATTERN[:LINENO]", VIEWS,
		"memsnap's own view: group by the newest matching frame"),
	OPT_FLAG(0, "focus-only", view.focus_only, VIEWS,
		"memsnap's own view: drop traces --focus does not match"),
	OPT_CALLBACK(0, "hide", opt_filter, HIDE, "PATTERN[:LINENO]", VIEWS,
		"memsnap's own view: remove matching frames (repeatable)"),
	OPT_CALLBACK(0, "path-map", opt_path_map, 0, "OLD=NEW", SOURCES,
		"read sources under NEW for files under OLD"),
	OPT_CALLBACK(0, "old-path-map", opt_old_path_map, 0, "OLD=NEW", CLI_CMD_DIFF,
		"the same for the old snapshot's function names (instead of --path-map)"),
	OPT_FLAG(0, "no-source", no_source, GROUPS | CLI_CMD_FLAMEGRAPH,
		"do not show source lines under traceback frames"),
	OPT_FLAG(0, "functions", functions, STATS,
		"memsnap's own: name each traceback frame's function (\", in Cache.get\")"),
	OPT_STRING('f', "format", format, "FORMAT", STATS,
		"text (default), json, csv, tsv, markdown, collapsed, pprof or speedscope",
		.values = "text json csv tsv markdown collapsed pprof speedscope"),
	OPT_STRING('f', "format", format, "FORMAT", CLI_CMD_CONVERT,
		"json, pickle (default: the form it is not in), pprof or speedscope",
		.values = "json pickle pprof speedscope"),
	OPT_STRING('f', "format", format, "FORMAT", CLI_CMD_INFO, "text (default) or json",
		.values = "text json"),
	OPT_FLAG(0, "count", count_blocks, STATS, "collapsed: count blocks, not bytes"),
	OPT_FLAG(0, "percent", percent, STATS,
		"memsnap's own: add each group's share of the total size"),
	OPT_CALLBACK(0, "sort", opt_sort, 0, "KEY", CLI_CMD_TOP,
		"memsnap's own: order by size (default, Python's), count or average"),
	OPT_CALLBACK(0, "sort", opt_sort, 1, "KEY", CLI_CMD_DIFF,
		"memsnap's own: order by size, count, average, growth or shrink"),
	OPT_SIZE(0, "min-size", min_size, "SIZE", STATS,
		"memsnap's own: hide groups under SIZE (diff: change under SIZE)"),
	OPT_STRING('o', "output", output, "FILE", STATS | CLI_CMD_INFO | CLI_CMD_TIMELINE | CLI_CMD_LEAKS,
		"write to FILE (replaced only when all went well)", .files = CLI_FILES_ANY),
	OPT_STRING('o', "output", output, "FILE", CLI_CMD_CONVERT,
		"write to FILE, '-' for standard output (required)", .files = CLI_FILES_ANY),
	OPT_STRING('f', "format", format, "FORMAT", CLI_CMD_TIMELINE | CLI_CMD_LEAKS,
		"write text (default), json, csv or tsv", .values = "text json csv tsv"),
	OPT_STRING_LIST(0, "label", labels, "TEXT", CLI_CMD_TIMELINE | CLI_CMD_LEAKS,
		"name the snapshots, once per snapshot in order (default: file names)"),
	OPT_UINT(0, "top", top, "N", 0, SIZE_MAX, CLI_CMD_TIMELINE,
		"also show the N groups that grew most from first to last snapshot"),
	OPT_STRING(0, "svg", svg, "FILE", CLI_CMD_TIMELINE,
		"also draw the timeline as an SVG chart in FILE", .files = CLI_FILES_ANY),
	OPT_CALLBACK(0, "min-steps", opt_min_steps, 0, "FRACTION", CLI_CMD_LEAKS,
		"report groups that grew in at least this share of steps (default 1)"),
	OPT_SIZE(0, "fail-over", fail_over, "SIZE", GATES,
		"exit 1 when the total grew by more than SIZE (e.g. 10MiB)"),
	OPT_SIZE(0, "fail-over-each", fail_over_each, "SIZE", GATES,
		"exit 1 when any one group grew by more than SIZE"),
	OPT_STRING(0, "diff", diff_old, "OLD", CLI_CMD_FLAMEGRAPH,
		"colour growth and shrinkage since snapshot OLD", .files = CLI_FILES_SNAPSHOT),
	OPT_STRING('o', "output", output, "FILE", CLI_CMD_FLAMEGRAPH,
		"write the SVG to FILE (default stdout)", .files = CLI_FILES_ANY),
	OPT_UINT(0, "pid", pid, "PID", 1, INT32_MAX, READERS,
		"of a recording, only process PID (default: all, merged)"),
	OPT_UINT(0, "from", from, "N", 0, SIZE_MAX - 1, STEPS,
		"of a recording, start at step N (timeline's index)"),
	OPT_UINT(0, "to", to, "N", 0, SIZE_MAX - 1, STEPS,
		"of a recording, end at step N (default: the last)"),
	OPT_FLAG(0, "peak", peak, CLI_CMD_TOP | CLI_CMD_FLAMEGRAPH,
		"of a recording, its peak.bin rather than its last snapshot"),
	OPT_FLAG(0, "merge", merge, STATS | CLI_CMD_FLAMEGRAPH,
		"analyse the snapshots as one (diff: OLD... : NEW...)"),
	OPT_STRING('o', "output", output, "FILE", CLI_CMD_MERGE,
		"write the merged snapshot to FILE, '-' for standard output (required)",
		.files = CLI_FILES_ANY),
	OPT_STRING('f', "format", format, "FORMAT", CLI_CMD_MERGE, "pickle (default) or json",
		.values = "pickle json"),
	OPT_STRING('o', "output", output, "DIR", CLI_CMD_RECORD,
		"the recording directory (default memsnap-YYYYMMDD-HHMMSS)", .files = CLI_FILES_ANY),
	OPT_UINT(0, "frames", frames, "N", 1, 65535, CLI_CMD_RECORD,
		"frames kept per allocation (default 25)"),
	OPT_DURATION(0, "interval", interval, "DURATION", CLI_CMD_RECORD,
		"a snapshot every DURATION (default 10s, 0 for none)"),
	OPT_SIZE(0, "every-growth", every_growth, "SIZE", CLI_CMD_RECORD,
		"a snapshot when traced memory grew by SIZE (e.g. 10MiB)"),
	OPT_FLAG(0, "peak", peak, CLI_CMD_RECORD,
		"keep a snapshot of the highest traced memory (peak.bin)"),
	OPT_DURATION(0, "sample", sample, "DURATION", CLI_CMD_RECORD,
		"RSS of the process tree every DURATION (default 100ms)"),
	OPT_FLAG('v', "verbose", verbose, CLI_CMD_RECORD, "a line per snapshot taken"),
	OPT_FLAG('q', "quiet", quiet, CLI_CMD_RECORD, "no status line"),
			OPT_STRING(0, "diff", diff_old, "OLD", CLI_CMD_ANNOTATE,
		"also show the change since snapshot OLD", .files = CLI_FILES_SNAPSHOT),
	OPT_FLAG(0, "all-lines", all_lines, CLI_CMD_ANNOTATE,
		"show every line, not only those with memory and a few around them"),
	OPT_STRING('f', "format", format, "FORMAT", CLI_CMD_ANNOTATE,
		"text (default), json, csv or markdown",
		.values = "text json csv markdown"),
	OPT_STRING('o', "output", output, "FILE", CLI_CMD_ANNOTATE,
		"write to FILE (replaced only when all went well)", .files = CLI_FILES_ANY),
	OPT_UINT(0, "threads", threads, "N", 1, 1024, LOADS,
		"use up to N threads to load (default: one per core)"),
	OPT_HELP(~0u),
	OPT_END(),
};
/* clang-format on */

_Static_assert(sizeof(cli_option_table) / sizeof(cli_option_table[0]) <= CLI_OPTIONS_MAX + 1,
	       "raise CLI_OPTIONS_MAX");

int cli_options_init(struct cli_options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->limit = 10;
	opts->min_steps = 1;
	opts->from = opts->to = SIZE_MAX;
	opts->frames = 25;
	opts->interval = 10;
	opts->sample = 0.1;
	opts->sources = ms_sources_new();
	if (!opts->sources) {
		cli_error("out of memory");
		return -1;
	}
	return 0;
}

int cli_options_finish(struct cli_options *opts)
{
	size_t i;

	if (opts->view.focus_only && !opts->view.focus.nr) {
		cli_error("--focus-only needs --focus");
		return -1;
	}
	if (opts->cumulative && opts->key_type == MS_KEY_TRACEBACK) {
		/* Python's statistics() raises ValueError here too. */
		cli_error("cumulative mode cannot be used with --group-by traceback");
		return -1;
	}
	cli_load_threads(opts->threads);
	/* -a applies to every filename filter, given before it or after */
	for (i = 0; i < opts->filters.nr; i++)
		if (!opts->filters.items[i].is_domain)
			opts->filters.items[i].all_frames = opts->all_frames;
	return 0;
}

void cli_options_release(struct cli_options *opts)
{
	ms_filters_release(&opts->filters);
	ms_view_release(&opts->view);
	ms_sources_free(opts->sources);
	ms_sources_free(opts->old_sources);
	opts->sources = opts->old_sources = NULL;
	free(opts->labels.items);
	memset(&opts->labels, 0, sizeof(opts->labels));
}

static int opt_group_by(struct cli_options *opts, const struct cli_option *o, const char *arg)
{
	int k = ms_key_type_parse(arg);

	if (k < 0) {
		cli_error("--%s wants lineno, filename, traceback or function, not '%s'", o->name,
			  arg);
		return -1;
	}
	opts->key_type = (enum ms_key_type)k;
	return 0;
}

/*
 * PATTERN[:LINENO]: a trailing ":digits" is the line number. A filter
 * looks at every frame once cli_options_finish() has seen -a; --focus
 * and --hide patterns always look at each frame.
 */
static int opt_filter(struct cli_options *opts, const struct cli_option *o, const char *arg)
{
	struct ms_filters *list = o->value == FOCUS  ? &opts->view.focus
				  : o->value == HIDE ? &opts->view.hide
						     : &opts->filters;
	const char *colon = strrchr(arg, ':');
	uint64_t lineno = 0;
	int number = colon ? cli_parse_uint(colon + 1, 0, UINT64_MAX, &lineno) : -1;
	char *pattern;
	struct ms_error err;
	int status;

	if (number == -2) {
		cli_error("--%s: line number %s is out of range (0 to %ju)", o->name, colon + 1,
			  (uintmax_t)UINT64_MAX);
		return -1;
	}
	pattern = number ? strdup(arg) : strndup(arg, (size_t)(colon - arg));
	if (!pattern) {
		cli_error("out of memory");
		return -1;
	}
	status = ms_filters_add_file(list, o->value != EXCLUDE, pattern, number == 0, lineno, false,
				     &err);
	free(pattern);
	if (status) {
		cli_report(NULL, &err);
		return -1;
	}
	return 0;
}

static int opt_domain(struct cli_options *opts, const struct cli_option *o, const char *arg)
{
	uint64_t domain;
	struct ms_error err;

	if (cli_option_uint(o, arg, 0, UINT64_MAX, &domain) < 0)
		return -1;
	if (ms_filters_add_domain(&opts->filters, o->value == INCLUDE, domain, &err)) {
		cli_report(NULL, &err);
		return -1;
	}
	return 0;
}

/* OLD=NEW, a rule of sources. */
static int path_rule(struct ms_sources *sources, const struct cli_option *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *from;
	int ret;

	if (!eq || eq == arg) {
		cli_error("--%s wants OLD=NEW, not '%s'", o->name, arg);
		return -1;
	}
	from = strndup(arg, (size_t)(eq - arg));
	ret = from ? ms_sources_map_path(sources, from, eq + 1) : -1;
	free(from);
	if (ret < 0)
		cli_error("out of memory");
	return ret;
}

static int opt_path_map(struct cli_options *opts, const struct cli_option *o, const char *arg)
{
	return path_rule(opts->sources, o, arg);
}

/* diff reads the old snapshot's sources through these rules once there is one. */
static int opt_old_path_map(struct cli_options *opts, const struct cli_option *o, const char *arg)
{
	if (!opts->old_sources && !(opts->old_sources = ms_sources_new())) {
		cli_error("out of memory");
		return -1;
	}
	return path_rule(opts->old_sources, o, arg);
}

/* A fraction in (0, 1], written "0.8" or "80%". */
static int opt_min_steps(struct cli_options *opts, const struct cli_option *o, const char *arg)
{
	char *end;
	double v = strtod(arg, &end);

	if (end != arg && *end == '%' && !end[1])
		v /= 100, end++;
	if (end == arg || *end || !(v > 0 && v <= 1)) {
		cli_error("--%s wants a fraction in (0, 1] such as 0.8 or 80%%, not '%s'", o->name,
			  arg);
		return -1;
	}
	opts->min_steps = v;
	return 0;
}

/* top: size, count, average; diff also growth, shrink (row value 1). */
static int opt_sort(struct cli_options *opts, const struct cli_option *o, const char *arg)
{
	int order = ms_order_parse(arg, o->value);

	if (order < 0) {
		cli_error("--%s wants %s, not '%s'", o->name,
			  o->value ? "size, count, average, growth or shrink"
				   : "size, count or average",
			  arg);
		return -1;
	}
	opts->sort = (enum ms_order)order;
	return 0;
}
