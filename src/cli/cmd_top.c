/* memsnap top: Snapshot.statistics() of one snapshot. */
#include <stdint.h>
#include <stdio.h>

#include "cli.h"

int cmd_top(int argc, char **argv)
{
	struct cli_options opts;
	struct ms_snapshot *snap = NULL;
	struct ms_stats stats = {0};
	struct ms_report report = {0};
	struct ms_error err;
	int ret = EXIT_ERROR, parsed;

	parsed = cli_parse(argc, argv, CLI_CMD_TOP, 1, 1, "top [options] SNAPSHOT", &opts);
	if (parsed || !cli_report_writer(&opts))
		goto out;
	if (cli_load_all(opts.files, 1, &snap, true) ||
	    cli_name_functions(&opts, snap, opts.sources))
		goto out;
	if (ms_stats_compute_top(&stats, snap, &opts.filters, opts.key_type, opts.cumulative,
				 opts.limit ? opts.limit : SIZE_MAX, &err)) {
		cli_report(NULL, &err);
		goto out;
	}
	report.new_name = opts.files[0];
	report.new_stats = &stats;
	report.limit = opts.limit;
	report.sources = opts.sources;
	report.source_lines = !opts.no_source;
	report.functions = opts.functions;
	report.filters = &opts.filters;
	report.count_blocks = opts.count_blocks;
	ret = cli_write_report(&opts, &report);
out:
	ms_stats_release(&stats);
	ms_snapshot_free(snap);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
