/*
 * memsnap diff: new.compare_to(old) of two snapshots; of two sets merged
 * with --merge; of a recording's first and last steps (or --from, --to).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "recording_index.h"

#define SYNOPSIS "diff [options] OLD NEW | RECORDING"

int cmd_diff(int argc, char **argv)
{
	struct cli_options opts;
	struct cli_inputs in = {0};
	struct ms_snapshot *old_snap, *new_snap;
	struct ms_stats old_stats = {0}, new_stats = {0};
	struct ms_diff diff = {0}, shown = {0};
	struct ms_report report = {0};
	struct cli_notes notes;
	struct ms_error err;
	int ret = EXIT_ERROR, parsed;
	size_t sorted, eligible;
	bool reorder;

	parsed = cli_parse(argc, argv, CLI_CMD_DIFF, 1, SIZE_MAX, SYNOPSIS, &opts);
	if (parsed || !cli_report_writer(&opts))
		goto out;
	if (!opts.merge && !(opts.nfiles == 1 && ms_recording_is(opts.files[0])) &&
	    cli_check_operands(&opts, 2, 2, SYNOPSIS))
		goto out;
	if (cli_inputs_resolve(&in, &opts, opts.files, opts.nfiles, CLI_PICK_TWO,
			       cli_stats_keep(&opts)) ||
	    cli_inputs_load_all(&in) || cli_notes_init(&notes, &opts))
		goto out;
	old_snap = in.items[0].snap;
	new_snap = in.items[1].snap;
	if (cli_name_functions(&opts, old_snap,
			       opts.old_sources ? opts.old_sources : opts.sources) ||
	    cli_name_functions(&opts, new_snap, opts.sources))
		goto out;
	cli_notes_add(&notes, in.items[0].name, old_snap);
	cli_notes_add(&notes, in.items[1].name, new_snap);
	if (cli_notes_print(&notes, opts.key_type == MS_KEY_TRACEBACK) < 0)
		goto out;
	/* the gates walk every difference in order, a reorder sorts them all; a
	 * report alone only what it shows */
	reorder = opts.sort != MS_ORDER_PYTHON || opts.min_size.given;
	sorted = opts.fail_over.given || opts.fail_over_each.given || !opts.limit || reorder
		     ? SIZE_MAX
		     : opts.limit;
	if (ms_stats_compute_view(&old_stats, old_snap, &opts.filters, &opts.view, opts.key_type,
				  opts.cumulative, 0, &err) ||
	    ms_stats_compute_view(&new_stats, new_snap, &opts.filters, &opts.view, opts.key_type,
				  opts.cumulative, 0, &err) ||
	    ms_diff_compute_top(&diff, &old_stats, &new_stats, sorted, &err)) {
		cli_report(NULL, &err);
		goto out;
	}
	/* the report's order is its own: the gates keep Python's */
	shown = diff;
	if (reorder) {
		shown.items = malloc((diff.nr + 1) * sizeof(*diff.items));
		if (!shown.items) {
			cli_error("out of memory");
			goto out;
		}
		memcpy(shown.items, diff.items, diff.nr * sizeof(*diff.items));
		if (ms_diff_order(&shown, opts.sort, opts.min_size.bytes, &eligible, &err)) {
			cli_report(NULL, &err);
			goto out;
		}
		report.hidden = diff.nr - eligible;
	}
	report.old_name = in.items[0].name;
	report.new_name = in.items[1].name;
	report.old_stats = &old_stats;
	report.new_stats = &new_stats;
	report.diff = &shown;
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
	if (ret == EXIT_OK)
		ret = cli_gate_diff(&opts, &old_stats, &new_stats, &diff);
out:
	if (shown.items != diff.items)
		free(shown.items);
	ms_diff_release(&diff);
	ms_stats_release(&old_stats);
	ms_stats_release(&new_stats);
	cli_inputs_release(&in);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
