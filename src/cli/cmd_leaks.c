/*
 * memsnap leaks: over three or more snapshots, the groups that grew in
 * every step (or in --min-steps of them), most growth first; with
 * --fail-over / --fail-over-each, a CI gate on them. A recording of
 * several processes is read process by process: a pool's workers leak
 * each in its own snapshots, which interleave in time with the others'.
 */
#include <stdint.h>
#include <stdio.h>

#include "recording_index.h"
#include "report_series.h"
#include "cli.h"

#define SYNOPSIS "leaks [options] SNAPSHOT SNAPSHOT SNAPSHOT...|RECORDING"

/* The leaks of opts's snapshots (or of process opts->pid): the exit status. */
static int leaks_of(const struct cli_options *opts, int format)
{
	struct cli_series cs = {0};
	struct ms_leaks leaks = {0};
	struct ms_series_report report = {0};
	struct ms_error err;
	int ret = EXIT_ERROR;

	if (cli_series_load(&cs, opts, true, 3, SYNOPSIS))
		goto out;
	if (cli_notes_print(&cs.notes, opts->key_type == MS_KEY_TRACEBACK) < 0)
		goto out;
	if (ms_leaks_find(&leaks, &cs.series, opts->min_steps, &err)) {
		cli_report(NULL, &err);
		goto out;
	}
	report.series = &cs.series;
	report.labels = cs.labels;
	cli_series_report_recording(&report, &cs);
	report.sources = opts->no_source ? NULL : opts->sources;
	report.leaks = &leaks;
	report.limit = opts->limit;
	ret = cli_write_series(opts->output, ms_write_leaks, &report, format);
	if (ret == EXIT_OK)
		ret = cli_gate_leaks(opts, &cs.series, &leaks);
out:
	ms_leaks_release(&leaks);
	cli_series_release(&cs);
	return ret;
}

/* Each process of a recording with three snapshots or more, in turn. */
static int leaks_of_each(struct cli_options *opts, int format, const struct ms_recording_index *ix)
{
	size_t p, i, n;
	int ret = EXIT_OK, status;

	if (format != MS_SERIES_TEXT) {
		cli_error("%s: %zu processes: --format %s wants one of them (--pid)",
			  opts->files[0], ix->npids, opts->format);
		return EXIT_ERROR;
	}
	printf("# leaks: each of the %zu processes of %s in its own snapshots\n", ix->npids,
	       opts->files[0]);
	for (p = 0; p < ix->npids; p++) {
		for (i = n = 0; i < ix->nr; i++)
			n += ix->snaps[i].entry.pid == ix->pids[p];
		if (n < 3) {
			printf("# process %ld: %zu snapshot%s, too few\n", ix->pids[p], n,
			       n == 1 ? "" : "s");
			continue;
		}
		opts->pid = (size_t)ix->pids[p];
		status = leaks_of(opts, format);
		if (status == EXIT_ERROR)
			return status;
		if (status)
			ret = status;
	}
	return ret == EXIT_OK ? cli_finish_output() : ret;
}

int cmd_leaks(int argc, char **argv)
{
	struct cli_options opts;
	struct ms_recording_index ix = {0};
	struct ms_error err;
	int ret = EXIT_ERROR, parsed, format = 0;

	parsed = cli_parse(argc, argv, CLI_CMD_LEAKS, 1, SIZE_MAX, SYNOPSIS, &opts);
	if (parsed || (format = cli_series_format(&opts)) < 0)
		goto out;
	if (opts.nfiles == 1 && !opts.pid && ms_recording_is(opts.files[0])) {
		if (ms_recording_index_load(&ix, opts.files[0], &err)) {
			cli_report(opts.files[0], &err);
			goto out;
		}
		if (ix.npids > 1) {
			ret = leaks_of_each(&opts, format, &ix);
			goto out;
		}
	}
	ret = leaks_of(&opts, format);
out:
	ms_recording_index_release(&ix);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
