/*
 * memsnap annotate: source files with the memory of each line beside it,
 * as statistics('lineno') and its cumulative form count it, and with
 * --diff the change since an older snapshot.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "annotate.h"
#include "cli.h"
#include "report_annotate.h"

/* How many lines around a line with memory the text and markdown show. */
#define CONTEXT 2

struct job {
	const struct ms_annotate_report *report;
	ms_annotate_writer write;
};

static int write_job(FILE *out, const void *ctx)
{
	const struct job *job = ctx;

	return job->write(out, job->report);
}

/* Statistics by line, at it and through it (cumulative), of one snapshot. */
static int line_stats(struct ms_stats stats[2], const struct ms_snapshot *snap,
		      const struct cli_options *opts)
{
	struct ms_error err;

	if (ms_stats_compute(&stats[0], snap, &opts->filters, MS_KEY_LINENO, false, &err) ||
	    ms_stats_compute(&stats[1], snap, &opts->filters, MS_KEY_LINENO, true, &err)) {
		cli_report(NULL, &err);
		return -1;
	}
	return 0;
}

int cmd_annotate(int argc, char **argv)
{
	struct cli_options opts;
	struct ms_snapshot *snaps[2] = {NULL, NULL};
	struct ms_stats now[2] = {{0}}, old[2] = {{0}};
	struct ms_filters files = MS_FILTERS_INIT;
	struct ms_annotate annotate = {0};
	struct ms_annotate_report report = {0};
	struct job job;
	struct ms_error err;
	char *paths[2];
	int ret = EXIT_ERROR, parsed;
	size_t i;

	parsed = cli_parse(argc, argv, CLI_CMD_ANNOTATE, 1, SIZE_MAX,
			   "annotate [options] [--diff OLD] SNAPSHOT [FILE-PATTERN...]", &opts);
	if (parsed)
		goto out;
	job.write = ms_annotate_writer_find(opts.format ? opts.format : "text");
	if (!job.write) {
		cli_error("unknown format '%s' (text, json, csv or markdown)", opts.format);
		goto out;
	}
	/* the snapshot, then patterns naming the files to show */
	for (i = 1; i < opts.nfiles; i++)
		if (ms_filters_add_file(&files, true, opts.files[i], false, 0, false, &err)) {
			cli_report(NULL, &err);
			goto out;
		}
	paths[0] = opts.files[0];
	paths[1] = (char *)opts.diff_old;
	if (cli_load_all(paths, opts.diff_old ? 2 : 1, snaps, CLI_KEEP_SUMS) ||
	    line_stats(now, snaps[0], &opts) || (snaps[1] && line_stats(old, snaps[1], &opts)))
		goto out;
	if (ms_annotate_build(&annotate, now, snaps[1] ? old : NULL, &files, &err)) {
		cli_report(NULL, &err);
		goto out;
	}
	report.annotate = &annotate;
	report.new_name = opts.files[0];
	report.old_name = opts.diff_old;
	report.new_stats = &now[0];
	report.old_stats = snaps[1] ? &old[0] : NULL;
	report.sources = opts.sources;
	report.all_lines = opts.all_lines;
	report.context = CONTEXT;
	job.report = &report;
	ret = cli_write_file(opts.output, write_job, &job);
out:
	ms_annotate_release(&annotate);
	for (i = 0; i < 2; i++) {
		ms_stats_release(&now[i]);
		ms_stats_release(&old[i]);
		ms_snapshot_free(snaps[i]);
	}
	ms_filters_release(&files);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
