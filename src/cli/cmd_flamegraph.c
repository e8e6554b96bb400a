/*
 * memsnap flamegraph: the tracebacks of a snapshot (several merged with
 * --merge, a recording's last step) as an interactive SVG flame graph;
 * with --diff OLD, coloured by what grew and shrank since OLD (a
 * recording's first step).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "svg.h"

#define SYNOPSIS "flamegraph [options] [--diff OLD] SNAPSHOT|RECORDING [-o FILE.svg]"

static int write_flame(FILE *out, const void *report)
{
	return ms_write_svg_flame(out, report);
}

/* Whether OLD and the snapshots name standard input twice, said if so. */
static bool stdin_twice(const struct cli_options *opts, char *old_file)
{
	char **all = malloc((opts->nfiles + 1) * sizeof(*all));
	bool twice;

	if (!all) {
		cli_error("out of memory");
		return true;
	}
	memcpy(all, opts->files, opts->nfiles * sizeof(*all));
	all[opts->nfiles] = old_file;
	twice = cli_stdin_once(all, opts->nfiles + 1) != EXIT_OK;
	free(all);
	return twice;
}

int cmd_flamegraph(int argc, char **argv)
{
	struct cli_options opts;
	struct cli_inputs in = {0}, in_old = {0};
	struct ms_snapshot *old_snap = NULL, *new_snap;
	char *old_file;
	struct ms_stats old_stats = {0}, new_stats = {0};
	struct ms_flame flame = {0};
	struct ms_flame_report report = {0};
	struct ms_error err;
	int ret = EXIT_ERROR, parsed;

	parsed = cli_parse(argc, argv, CLI_CMD_FLAMEGRAPH, 1, SIZE_MAX, SYNOPSIS, &opts);
	if (parsed || (!opts.merge && cli_check_operands(&opts, 1, 1, SYNOPSIS)))
		goto out;
	old_file = (char *)opts.diff_old;
	/* OLD and the snapshots are resolved apart: '-' in both is refused here */
	if (old_file && stdin_twice(&opts, old_file))
		goto out;
	if (cli_inputs_resolve(&in, &opts, opts.files, opts.nfiles, CLI_PICK_LAST, true) ||
	    (old_file && cli_inputs_resolve(&in_old, &opts, &old_file, 1, CLI_PICK_FIRST, true)) ||
	    cli_inputs_load(&in, 0) || (old_file && cli_inputs_load(&in_old, 0)))
		goto out;
	new_snap = in.items[0].snap;
	if (old_file)
		old_snap = in_old.items[0].snap;
	if ((old_snap && ms_stats_compute(&old_stats, old_snap, &opts.filters, MS_KEY_TRACEBACK,
					  false, &err)) ||
	    ms_stats_compute(&new_stats, new_snap, &opts.filters, MS_KEY_TRACEBACK, false, &err) ||
	    ms_flame_build(&flame, &new_stats, old_snap ? &old_stats : NULL, &err)) {
		cli_report(NULL, &err);
		goto out;
	}
	report.flame = &flame;
	report.new_name = in.items[0].name;
	report.old_name = old_file ? in_old.items[0].name : NULL;
	report.sources = opts.no_source ? NULL : opts.sources;
	report.functions = opts.sources;
	ret = cli_write_file(opts.output, write_flame, &report);
	cli_warn_sources(report.sources);
out:
	ms_flame_release(&flame);
	ms_stats_release(&old_stats);
	ms_stats_release(&new_stats);
	cli_inputs_release(&in);
	cli_inputs_release(&in_old);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
