/*
 * Options of timeline, leaks, flamegraph and the gates, and loading a
 * series of snapshots with their labels. The option table itself is
 * options.c's; rows whose id is a series_opt_id land here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report_series.h"
#include "utf8.h"
#include "cli.h"
#include "memsnap/size.h"

/* A fraction in (0, 1], written "0.8" or "80%". */
static int parse_fraction(const char *arg, double *out)
{
	char *end;
	double v = strtod(arg, &end);

	if (end != arg && *end == '%' && !end[1])
		v /= 100, end++;
	if (end == arg || *end || !(v > 0 && v <= 1))
		return -1;
	*out = v;
	return 0;
}

int cli_series_option(struct cli_series_options *o, int id, const char *arg)
{
	struct ms_error err;
	const char **labels;
	char *end;

	switch (id) {
	case OPT_SVG:
		o->svg = arg;
		return 1;
	case OPT_DIFF_OLD:
		o->diff_old = arg;
		return 1;
	case OPT_LABEL:
		labels = realloc(o->labels, (o->nlabels + 1) * sizeof(*labels));
		if (!labels) {
			cli_error("out of memory");
			return -1;
		}
		o->labels = labels;
		o->labels[o->nlabels++] = arg;
		return 1;
	case OPT_TOP:
		o->top = strtoul(arg, &end, 10);
		if (*arg < '0' || *arg > '9' || *end) {
			cli_error("--top wants a whole number, not '%s'", arg);
			return -1;
		}
		return 1;
	case OPT_MIN_STEPS:
		if (parse_fraction(arg, &o->min_steps) < 0) {
			cli_error(
			    "--min-steps wants a fraction in (0, 1] such as 0.8 or 80%%, not '%s'",
			    arg);
			return -1;
		}
		return 1;
	case OPT_FAIL_OVER:
	case OPT_FAIL_OVER_EACH:
		if (ms_size_parse(arg, id == OPT_FAIL_OVER ? &o->fail_over : &o->fail_over_each,
				  &err)) {
			cli_error("--%s: %s", id == OPT_FAIL_OVER ? "fail-over" : "fail-over-each",
				  err.message);
			return -1;
		}
		*(id == OPT_FAIL_OVER ? &o->has_fail_over : &o->has_fail_over_each) = true;
		return 1;
	}
	return 0;
}

void cli_series_options_release(struct cli_series_options *o)
{
	free(o->labels);
	o->labels = NULL;
	o->nlabels = 0;
}

int cli_series_format(const struct cli_series_options *o)
{
	int f = o->format ? ms_series_format_parse(o->format) : MS_SERIES_TEXT;

	if (f < 0)
		cli_error("--format wants text, json, csv or tsv, not '%s'", o->format);
	return f;
}

/* A label as a snapshot string, so that every writer quotes it alike. */
static char *decode_label(const char *arg)
{
	size_t n = strlen(arg);
	char *s = malloc(3 * n + 1);

	if (s)
		s[ms_utf8_fsdecode(s, arg, n)] = 0;
	return s;
}

int cli_series_load(struct cli_series *cs, const struct cli_options *opts, bool keep_groups)
{
	const struct cli_series_options *o = &opts->series;
	struct ms_error err;
	size_t j;

	memset(cs, 0, sizeof(*cs));
	if (o->nlabels && o->nlabels != opts->nfiles) {
		cli_error("--label was given %zu times for %zu snapshots", o->nlabels,
			  opts->nfiles);
		return EXIT_ERROR;
	}
	cs->snaps = calloc(opts->nfiles, sizeof(*cs->snaps));
	cs->stats = calloc(opts->nfiles, sizeof(*cs->stats));
	cs->labels = calloc(opts->nfiles, sizeof(*cs->labels));
	if (!cs->snaps || !cs->stats || !cs->labels) {
		cli_error("out of memory");
		return EXIT_ERROR;
	}
	cs->n = opts->nfiles;
	for (j = 0; j < cs->n; j++) {
		const char *file = opts->files[j];
		cs->labels[j] = decode_label(o->nlabels		 ? o->labels[j]
					     : strcmp(file, "-") ? file
								 : "(standard input)");
		if (!cs->labels[j]) {
			cli_error("out of memory");
			return EXIT_ERROR;
		}
		/* all at once (in parallel) when kept, else one at a time */
		if (keep_groups ? !j && cli_load_all(opts->files, cs->n, cs->snaps, true)
				: cli_load_all(&opts->files[j], 1, &cs->snaps[j], true))
			return EXIT_ERROR;
		if (ms_stats_compute(&cs->stats[j], cs->snaps[j], &opts->filters, opts->key_type,
				     opts->cumulative, &err)) {
			cli_report(file, &err);
			return EXIT_ERROR;
		}
		if (!keep_groups) {
			/* the totals stay; the groups and the snapshot go */
			ms_stats_release(&cs->stats[j]);
			ms_snapshot_free(cs->snaps[j]);
			cs->snaps[j] = NULL;
			cs->stats[j].snap = NULL;
		}
	}
	if (ms_series_build(&cs->series, cs->stats, cs->n, &err)) {
		cli_report(NULL, &err);
		return EXIT_ERROR;
	}
	return 0;
}

void cli_series_release(struct cli_series *cs)
{
	size_t j;

	ms_series_release(&cs->series);
	for (j = 0; j < cs->n; j++) {
		free(cs->labels[j]);
		ms_stats_release(&cs->stats[j]);
		ms_snapshot_free(cs->snaps[j]);
	}
	free(cs->snaps);
	free(cs->stats);
	free(cs->labels);
	memset(cs, 0, sizeof(*cs));
}
