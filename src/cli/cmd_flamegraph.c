/*
 * memsnap flamegraph: the tracebacks of a snapshot (several merged with
 * --merge, a recording's last step) as an interactive SVG flame graph;
 * with --diff OLD, coloured by what grew and shrank since OLD (a
 * recording's first step).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fail.h"
#include "inputs.h"
#include "svg.h"

#define SYNOPSIS "flamegraph [options] [--diff OLD] SNAPSHOT|RECORDING [-o FILE.svg]"

static int write_flame(FILE *out, const void *report)
{
	return ms_write_svg_flame(out, report);
}

/*
 * The statistics of the traces in other domains than 0 (C extensions'
 * own allocators), which the graph marks: the filters and a
 * DomainFilter(False, 0) after them.
 */
static int other_domains(const struct cli_options *opts, struct ms_snapshot *snap,
			 struct ms_stats *out, struct ms_error *err)
{
	struct ms_filters filters = MS_FILTERS_INIT;
	size_t n = opts->filters.nr;
	int status;

	/* the options' filters, shared (not copied), then one of its own */
	filters.items = malloc((n + 1) * sizeof(*filters.items));
	if (!filters.items)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	if (n) /* with no filters their items are NULL, which memcpy() may not take */
		memcpy(filters.items, opts->filters.items, n * sizeof(*filters.items));
	memset(&filters.items[n], 0, sizeof(filters.items[n]));
	filters.items[n].is_domain = true;
	filters.nr = n + 1;
	status = ms_stats_compute_view(out, snap, &filters, &opts->view, MS_KEY_TRACEBACK, false,
				       SIZE_MAX, err);
	free(filters.items);
	return status;
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
	struct ms_stats old_stats = {0}, new_stats = {0}, others = {0};
	struct ms_flame flame = {0};
	struct ms_flame_report report = {0};
	struct cli_notes notes;
	struct ms_error err;
	int ret = EXIT_ERROR, parsed;

	parsed = cli_parse(argc, argv, CLI_CMD_FLAMEGRAPH, 1, SIZE_MAX, SYNOPSIS, &opts);
	if (parsed || (!opts.merge && cli_check_operands(&opts, 1, 1, SYNOPSIS)))
		goto out;
	old_file = (char *)opts.diff_old;
	/* OLD and the snapshots are resolved apart: '-' in both is refused here */
	if (old_file && stdin_twice(&opts, old_file))
		goto out;
	if (cli_inputs_resolve(&in, &opts, opts.files, opts.nfiles, CLI_PICK_LAST, CLI_KEEP_SUMS) ||
	    (old_file &&
	     cli_inputs_resolve(&in_old, &opts, &old_file, 1, CLI_PICK_FIRST, CLI_KEEP_SUMS)) ||
	    cli_inputs_load(&in, 0) || (old_file && cli_inputs_load(&in_old, 0)) ||
	    cli_notes_init(&notes, &opts))
		goto out;
	new_snap = in.items[0].snap;
	if (old_file)
		old_snap = in_old.items[0].snap;
	if (old_snap)
		cli_notes_add(&notes, in_old.items[0].name, old_snap);
	cli_notes_add(&notes, in.items[0].name, new_snap);
	if (cli_notes_print(&notes, true) < 0)
		goto out;
	if ((old_snap && ms_stats_compute_view(&old_stats, old_snap, &opts.filters, &opts.view,
					       MS_KEY_TRACEBACK, false, SIZE_MAX, &err)) ||
	    ms_stats_compute_view(&new_stats, new_snap, &opts.filters, &opts.view, MS_KEY_TRACEBACK,
				  false, SIZE_MAX, &err) ||
	    other_domains(&opts, new_snap, &others, &err) ||
	    ms_flame_build_marked(&flame, &new_stats, old_snap ? &old_stats : NULL,
				  others.nr ? &others : NULL, &err)) {
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
	ms_stats_release(&others);
	cli_inputs_release(&in);
	cli_inputs_release(&in_old);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
