/*
 * memsnap flamegraph: the tracebacks of a snapshot as an interactive SVG
 * flame graph; with --diff OLD, coloured by what grew and shrank since OLD.
 */
#include <stdio.h>

#include "svg.h"
#include "cli.h"

static int write_flame(FILE *out, const void *report)
{
	return ms_write_svg_flame(out, report);
}

int cmd_flamegraph(int argc, char **argv)
{
	struct cli_options opts;
	struct ms_snapshot *snaps[2] = {NULL, NULL}, *old_snap, *new_snap;
	char *files[2];
	struct ms_stats old_stats = {0}, new_stats = {0};
	struct ms_flame flame = {0};
	struct ms_flame_report report = {0};
	struct ms_error err;
	int ret = EXIT_ERROR, parsed;

	parsed = cli_parse(argc, argv, CLI_CMD_FLAMEGRAPH, 1, 1,
			   "flamegraph [options] [--diff OLD] SNAPSHOT [-o FILE.svg]", &opts);
	if (parsed)
		goto out;
	files[0] = opts.files[0];
	files[1] = (char *)opts.diff_old;
	if (cli_load_all(files, opts.diff_old ? 2 : 1, snaps, true))
		goto out;
	new_snap = snaps[0];
	old_snap = snaps[1];
	if ((old_snap && ms_stats_compute(&old_stats, old_snap, &opts.filters, MS_KEY_TRACEBACK,
					  false, &err)) ||
	    ms_stats_compute(&new_stats, new_snap, &opts.filters, MS_KEY_TRACEBACK, false, &err) ||
	    ms_flame_build(&flame, &new_stats, old_snap ? &old_stats : NULL, &err)) {
		cli_report(NULL, &err);
		goto out;
	}
	report.flame = &flame;
	report.new_name = opts.files[0];
	report.old_name = opts.diff_old;
	report.sources = opts.no_source ? NULL : opts.sources;
	report.functions = opts.sources;
	ret = cli_write_file(opts.output, write_flame, &report);
out:
	ms_flame_release(&flame);
	ms_stats_release(&old_stats);
	ms_stats_release(&new_stats);
	ms_snapshot_free(snaps[0]);
	ms_snapshot_free(snaps[1]);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
