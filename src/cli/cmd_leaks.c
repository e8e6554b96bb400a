/*
 * memsnap leaks: over three or more snapshots, the groups that grew in
 * every step (or in --min-steps of them), most growth first; with
 * --fail-over / --fail-over-each, a CI gate on them.
 */
#include <stdint.h>
#include <stdio.h>

#include "report_series.h"
#include "cli.h"

int cmd_leaks(int argc, char **argv)
{
	struct cli_options opts;
	struct cli_series cs = {0};
	struct ms_leaks leaks = {0};
	struct ms_series_report report = {0};
	struct ms_error err;
	int ret = EXIT_ERROR, parsed, format = 0, gate;

	parsed =
	    cli_parse(argc, argv, CLI_CMD_LEAKS, 3, SIZE_MAX, "leaks [options] SNAPSHOT...", &opts);
	if (parsed || (format = cli_series_format(&opts)) < 0)
		goto out;
	if (cli_series_load(&cs, &opts, true))
		goto out;
	if (ms_leaks_find(&leaks, &cs.series, opts.min_steps, &err)) {
		cli_report(NULL, &err);
		goto out;
	}
	report.series = &cs.series;
	report.labels = cs.labels;
	report.leaks = &leaks;
	report.limit = opts.limit;
	ms_write_leaks(stdout, &report, (enum ms_series_format)format);
	ret = cli_finish_output();
	gate = cli_gate_leaks(&opts, &cs.series, &leaks);
	if (ret == EXIT_OK)
		ret = gate;
out:
	ms_leaks_release(&leaks);
	cli_series_release(&cs);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
