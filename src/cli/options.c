/*
 * The options of every subcommand, as one table: the getopt tables and the
 * --help text are both made from it. An option whose meaning differs
 * between commands has one row per meaning.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "cli.h"

enum opt_id {
	OPT_GROUP_BY = 'g',
	OPT_CUMULATIVE = 'c',
	OPT_LIMIT = 'n',
	OPT_INCLUDE = 'i',
	OPT_EXCLUDE = 'x',
	OPT_ALL_FRAMES = 'a',
	OPT_HELP = 'h',
	OPT_FORMAT = 'f',
	OPT_OUTPUT = 'o',
	OPT_INCLUDE_DOMAIN = 256,
	OPT_EXCLUDE_DOMAIN,
	OPT_PATH_MAP,
	OPT_NO_SOURCE,
	OPT_COUNT,
};

struct cli_option {
	const char *name;
	int id; /* the short letter when it has one */
	const char *arg;
	unsigned commands; /* CLI_CMD_* bits of the commands that take it */
	const char *help;
};

#define STATS (CLI_CMD_TOP | CLI_CMD_DIFF)
#define GROUPS (STATS | CLI_CMD_TIMELINE | CLI_CMD_LEAKS)
#define FILTERS (GROUPS | CLI_CMD_FLAMEGRAPH)
#define GATES (CLI_CMD_DIFF | CLI_CMD_LEAKS)

static const struct cli_option options[] = {
	{"group-by", OPT_GROUP_BY, "KEY", GROUPS, "group by lineno (default), filename or traceback"},
	{"cumulative", OPT_CUMULATIVE, NULL, GROUPS,
	 "count every frame of a traceback, not just the newest"},
	{"limit", OPT_LIMIT, "N", STATS | CLI_CMD_LEAKS,
	 "show the first N statistics (default 10, 0 for all)"},
	{"include", OPT_INCLUDE, "PATTERN[:LINENO]", FILTERS,
	 "keep traces whose file matches (repeatable)"},
	{"exclude", OPT_EXCLUDE, "PATTERN[:LINENO]", FILTERS,
	 "drop traces whose file matches (repeatable)"},
	{"all-frames", OPT_ALL_FRAMES, NULL, FILTERS, "filename filters look at every frame"},
	{"include-domain", OPT_INCLUDE_DOMAIN, "N", FILTERS, "keep traces of domain N (repeatable)"},
	{"exclude-domain", OPT_EXCLUDE_DOMAIN, "N", FILTERS, "drop traces of domain N (repeatable)"},
	{"path-map", OPT_PATH_MAP, "OLD=NEW", STATS | CLI_CMD_FLAMEGRAPH,
	 "read sources under NEW for files under OLD"},
	{"no-source", OPT_NO_SOURCE, NULL, STATS | CLI_CMD_FLAMEGRAPH,
	 "do not show source lines under traceback frames"},
	{"format", OPT_FORMAT, "FORMAT", STATS,
	 "text (default), json, csv, tsv, markdown or collapsed"},
	{"format", OPT_FORMAT, "FORMAT", CLI_CMD_CONVERT,
	 "json or pickle (default: the form the snapshot is not in)"},
	{"format", OPT_FORMAT, "FORMAT", CLI_CMD_INFO, "text (default) or json"},
	{"count", OPT_COUNT, NULL, STATS, "collapsed: count blocks, not bytes"},
	{"output", OPT_OUTPUT, "FILE", STATS | CLI_CMD_INFO,
	 "write to FILE (replaced only when all went well)"},
	{"output", OPT_OUTPUT, "FILE", CLI_CMD_CONVERT,
	 "write to FILE, '-' for standard output (required)"},
	{"format", OPT_FORMAT, "FORMAT", CLI_CMD_TIMELINE | CLI_CMD_LEAKS,
	 "write text (default), json, csv or tsv"},
	{"label", OPT_LABEL, "TEXT", CLI_CMD_TIMELINE | CLI_CMD_LEAKS,
	 "name the snapshots, once per snapshot in order (default: file names)"},
	{"top", OPT_TOP, "N", CLI_CMD_TIMELINE,
	 "also show the N groups that grew most from first to last snapshot"},
	{"svg", OPT_SVG, "FILE", CLI_CMD_TIMELINE, "also draw the timeline as an SVG chart in FILE"},
	{"min-steps", OPT_MIN_STEPS, "FRACTION", CLI_CMD_LEAKS,
	 "report groups that grew in at least this share of steps (default 1)"},
	{"fail-over", OPT_FAIL_OVER, "SIZE", GATES,
	 "exit 1 when the total grew by more than SIZE (e.g. 10MiB)"},
	{"fail-over-each", OPT_FAIL_OVER_EACH, "SIZE", GATES,
	 "exit 1 when any one group grew by more than SIZE"},
	{"diff", OPT_DIFF_OLD, "OLD", CLI_CMD_FLAMEGRAPH,
	 "colour growth and shrinkage since snapshot OLD"},
	{"output", OPT_OUTPUT, "FILE", CLI_CMD_FLAMEGRAPH, "write the SVG to FILE (default stdout)"},
	{"help", OPT_HELP, NULL, ~0u, "show this help"},
};

#define NOPTIONS (sizeof(options) / sizeof(options[0]))

/* A filter option, kept until -a is known; text is NULL for a domain. */
struct filter_arg {
	bool inclusive;
	const char *text;
	uint64_t domain;
};

static void usage(unsigned command, const char *synopsis)
{
	size_t i;
	char left[64];

	printf("usage: memsnap %s\n\n", synopsis);
	for (i = 0; i < NOPTIONS; i++) {
		const struct cli_option *o = &options[i];
		int n;
		if (!(o->commands & command))
			continue;
		n = o->id < 256 ? snprintf(left, sizeof(left), "-%c, --%s", o->id, o->name)
				    : snprintf(left, sizeof(left), "    --%s", o->name);
		if (o->arg)
			snprintf(left + n, sizeof(left) - (size_t)n, " %s", o->arg);
		printf("  %-32s %s\n", left, o->help);
	}
}

/*
 * A whole decimal number; one too large for 64 bits reads as UINT64_MAX,
 * which means what Python's huge int would: no limit, no matching domain
 * or line.
 */
static int parse_number(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10 ? UINT64_MAX
								   : v * 10 + (uint64_t)(*s - '0');
	}
	*out = v;
	return 0;
}

/* PATTERN[:LINENO]: a trailing ":digits" is the line number. */
static int add_file_filter(struct cli_options *opts, const struct filter_arg *f, bool all_frames)
{
	const char *colon = strrchr(f->text, ':');
	uint64_t lineno = 0;
	bool has_lineno = colon && !parse_number(colon + 1, &lineno);
	char *pattern = strdup(f->text);
	struct ms_error err;
	int status;

	if (!pattern) {
		cli_error("out of memory");
		return -1;
	}
	if (has_lineno)
		pattern[colon - f->text] = 0;
	status = ms_filters_add_file(&opts->filters, f->inclusive, pattern, has_lineno, lineno,
				     all_frames, &err);
	free(pattern);
	if (status) {
		cli_report(NULL, &err);
		return -1;
	}
	return 0;
}

static int parse_path_map(struct cli_options *opts, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *from;
	int ret;

	if (!eq || eq == arg) {
		cli_error("--path-map wants OLD=NEW, not '%s'", arg);
		return -1;
	}
	from = strndup(arg, (size_t)(eq - arg));
	ret = from ? ms_sources_map_path(opts->sources, from, eq + 1) : -1;
	free(from);
	if (ret < 0)
		cli_error("out of memory");
	return ret;
}

int cli_parse(int argc, char **argv, unsigned command, size_t min_files, size_t max_files,
	      const char *synopsis, struct cli_options *opts)
{
	struct option longopts[NOPTIONS + 1];
	char shortopts[2 * NOPTIONS + 2], *p = shortopts;
	size_t nlong = 0;
	struct filter_arg *pending = calloc((size_t)argc, sizeof(*pending));
	size_t npending = 0, i;
	bool all_frames = false;
	uint64_t num;
	int c, ret = -2, k;
	struct ms_error err;

	memset(opts, 0, sizeof(*opts));
	opts->limit = 10;
	opts->series.min_steps = 1;
	opts->sources = ms_sources_new();
	if (!pending || !opts->sources) {
		cli_error("out of memory");
		free(pending);
		return -2;
	}
	*p++ = ':';
	for (i = 0; i < NOPTIONS; i++) {
		if (!(options[i].commands & command))
			continue;
		longopts[nlong].name = options[i].name;
		longopts[nlong].has_arg = options[i].arg ? required_argument : no_argument;
		longopts[nlong].flag = NULL;
		longopts[nlong++].val = options[i].id;
		if (options[i].id < 256) {
			*p++ = (char)options[i].id;
			if (options[i].arg)
				*p++ = ':';
		}
	}
	*p = 0;
	memset(&longopts[nlong], 0, sizeof(longopts[0]));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		k = cli_series_option(&opts->series, c, optarg);
		if (k < 0)
			goto out;
		if (k > 0)
			continue;
		switch (c) {
		case OPT_GROUP_BY:
			k = ms_key_type_parse(optarg);
			if (k < 0) {
				cli_error("--group-by wants lineno, filename or traceback, not '%s'",
					  optarg);
				goto out;
			}
			opts->key_type = (enum ms_key_type)k;
			break;
		case OPT_CUMULATIVE:
			opts->cumulative = true;
			break;
		case OPT_LIMIT:
			if (parse_number(optarg, &num)) {
				cli_error("--limit wants a whole number, not '%s'", optarg);
				goto out;
			}
			opts->limit = num > SIZE_MAX ? SIZE_MAX : (size_t)num;
			break;
		case OPT_INCLUDE:
		case OPT_EXCLUDE:
			pending[npending].inclusive = c == OPT_INCLUDE;
			pending[npending++].text = optarg;
			break;
		case OPT_ALL_FRAMES:
			all_frames = true;
			break;
		case OPT_INCLUDE_DOMAIN:
		case OPT_EXCLUDE_DOMAIN:
			if (parse_number(optarg, &num)) {
				cli_error("--%s wants a domain number, not '%s'",
					  c == OPT_INCLUDE_DOMAIN ? "include-domain"
								  : "exclude-domain",
					  optarg);
				goto out;
			}
			pending[npending].inclusive = c == OPT_INCLUDE_DOMAIN;
			pending[npending++].domain = num;
			break;
		case OPT_PATH_MAP:
			if (parse_path_map(opts, optarg) < 0)
				goto out;
			break;
		case OPT_NO_SOURCE:
			opts->no_source = true;
			break;
		case OPT_FORMAT:
			opts->format = optarg;
			break;
		case OPT_OUTPUT:
			opts->output = optarg;
			break;
		case OPT_COUNT:
			opts->count_blocks = true;
			break;
		case OPT_HELP:
			usage(command, synopsis);
			ret = -1;
			goto out;
		case ':':
			cli_error("option '%s' needs a value", argv[optind - 1]);
			goto out;
		default:
			cli_error("unknown option '%s' (see 'memsnap %s --help')", argv[optind - 1],
				  argv[0]);
			goto out;
		}
	}
	if (opts->cumulative && opts->key_type == MS_KEY_TRACEBACK) {
		/* Python's statistics() raises ValueError here too. */
		cli_error("cumulative mode cannot be used with --group-by traceback");
		goto out;
	}
	opts->series.format = opts->format;
	opts->series.output = opts->output;
	/* -a applies to every filename filter, given before it or after. */
	for (i = 0; i < npending; i++) {
		if (pending[i].text) {
			if (add_file_filter(opts, &pending[i], all_frames) < 0)
				goto out;
		} else if (ms_filters_add_domain(&opts->filters, pending[i].inclusive,
						 pending[i].domain, &err)) {
			cli_report(NULL, &err);
			goto out;
		}
	}
	opts->files = argv + optind;
	opts->nfiles = (size_t)(argc - optind);
	if (opts->nfiles < min_files || opts->nfiles > max_files) {
		cli_error("wrong number of snapshots: %zu (usage: memsnap %s)", opts->nfiles,
			  synopsis);
		goto out;
	}
	ret = 0;
out:
	free(pending);
	return ret;
}

void cli_options_release(struct cli_options *opts)
{
	ms_filters_release(&opts->filters);
	ms_sources_free(opts->sources);
	opts->sources = NULL;
	cli_series_options_release(&opts->series);
}
