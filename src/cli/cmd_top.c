/*
 * memsnap top: Snapshot.statistics() of one snapshot; of several merged
 * with --merge; of a recording's last step (or its peak.bin).
 */
#include <stdint.h>
#include <stdio.h>

#include "inputs.h"

#define SYNOPSIS "top [options] SNAPSHOT|RECORDING"

int cmd_top(int argc, char **argv)
{
	struct cli_options opts;
	struct cli_inputs in = {0};
	struct ms_stats stats = {0};
	struct ms_report report = {0};
	struct cli_notes notes;
	struct ms_error err;
	int ret = EXIT_ERROR, parsed;
	size_t eligible;
	bool reorder;

	parsed = cli_parse(argc, argv, CLI_CMD_TOP, 1, SIZE_MAX, SYNOPSIS, &opts);
	if (parsed || !cli_report_writer(&opts) ||
	    (!opts.merge && cli_check_operands(&opts, 1, 1, SYNOPSIS)))
		goto out;
	if (cli_inputs_resolve(&in, &opts, opts.files, opts.nfiles, CLI_PICK_LAST,
			       cli_stats_keep(&opts)) ||
	    cli_inputs_load(&in, 0) || cli_name_functions(&opts, in.items[0].snap, opts.sources) ||
	    cli_notes_init(&notes, &opts))
		goto out;
	cli_notes_add(&notes, in.items[0].name, in.items[0].snap);
	if (cli_notes_print(&notes, opts.key_type == MS_KEY_TRACEBACK) < 0)
		goto out;
	reorder = opts.sort != MS_ORDER_PYTHON || opts.min_size.given;
	if (ms_stats_compute_view(&stats, in.items[0].snap, &opts.filters, &opts.view,
				  opts.key_type, opts.cumulative,
				  opts.limit && !reorder ? opts.limit : SIZE_MAX, &err) ||
	    (reorder && ms_stats_order(&stats, opts.sort, opts.min_size.bytes, &eligible, &err))) {
		cli_report(NULL, &err);
		goto out;
	}
	report.hidden = reorder ? stats.nr - eligible : 0;
	report.new_name = in.items[0].name;
	report.new_stats = &stats;
	report.limit = opts.limit;
	report.sources = opts.sources;
	report.source_lines = !opts.no_source;
	report.functions = opts.functions;
	report.filters = &opts.filters;
	report.count_blocks = opts.count_blocks;
	report.percent = opts.percent;
	report.sort = opts.sort;
	report.min_size = opts.min_size.bytes;
	ret = cli_write_report(&opts, &report);
out:
	ms_stats_release(&stats);
	cli_inputs_release(&in);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
