/*
 * memsnap timeline: total traced memory of each snapshot, in order, and
 * with --top the groups that grew most from the first to the last, as a
 * table and, with --svg, a line chart.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_series.h"
#include "cli.h"

#define SYNOPSIS "timeline [options] SNAPSHOT...|RECORDING"

static int write_chart(FILE *out, const void *report)
{
	return ms_write_svg_timeline(out, report);
}

int cmd_timeline(int argc, char **argv)
{
	struct cli_options opts;
	struct cli_series cs = {0};
	struct ms_series_report report = {0};
	struct ms_error err;
	size_t *grown = NULL, ngrown = 0;
	int ret = EXIT_ERROR, parsed, format = 0;
	bool to_stdout;

	parsed = cli_parse(argc, argv, CLI_CMD_TIMELINE, 1, SIZE_MAX, SYNOPSIS, &opts);
	if (parsed || (format = cli_series_format(&opts)) < 0)
		goto out;
	if (cli_series_load(&cs, &opts, opts.top > 0, 1, SYNOPSIS))
		goto out;
	if (cli_notes_print(&cs.notes, opts.key_type == MS_KEY_TRACEBACK) < 0)
		goto out;
	report.series = &cs.series;
	report.labels = cs.labels;
	cli_series_report_recording(&report, &cs);
	report.sources = opts.no_source ? NULL : opts.sources;
	if (opts.top) {
		if (ms_series_grown(&cs.series, &grown, &ngrown, &err)) {
			cli_report(NULL, &err);
			goto out;
		}
		report.groups = grown;
		report.ngroups = ngrown < opts.top ? ngrown : opts.top;
	}
	if (opts.svg && cli_write_file(opts.svg, write_chart, &report))
		goto out;
	/* the chart on stdout takes the table's place there, not in a file */
	to_stdout = !opts.output || !strcmp(opts.output, "-");
	ret = opts.svg && !strcmp(opts.svg, "-") && to_stdout
		  ? cli_finish_output()
		  : cli_write_series(opts.output, ms_write_timeline, &report, format);
out:
	free(grown);
	cli_series_release(&cs);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
