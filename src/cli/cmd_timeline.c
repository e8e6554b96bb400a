/*
 * memsnap timeline: total traced memory of each snapshot, in order, and
 * with --top the groups that grew most from the first to the last, as a
 * table and, with --svg, a line chart.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../series_report.h"
#include "cli.h"

/* Writes the chart to path ("-": stdout); EXIT_ERROR after reporting. */
static int write_svg(const char *path, const struct ms_series_report *r)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
	int failed;

	if (!f) {
		cli_error("%s: cannot write: %s", path, strerror(errno));
		return EXIT_ERROR;
	}
	failed = ms_write_svg_timeline(f, r) < 0;
	if (f == stdout)
		return failed ? cli_finish_output() : EXIT_OK;
	failed |= fclose(f) != 0;
	if (failed) {
		cli_error("%s: cannot write: %s", path, strerror(errno));
		return EXIT_ERROR;
	}
	return EXIT_OK;
}

int cmd_timeline(int argc, char **argv)
{
	struct cli_options opts;
	struct cli_series cs = {0};
	struct ms_series_report report = {0};
	struct ms_error err;
	size_t *grown = NULL, ngrown = 0;
	int ret = EXIT_ERROR, parsed, format = 0;

	parsed = cli_parse(argc, argv, CLI_CMD_TIMELINE, 1, SIZE_MAX,
			   "timeline [options] SNAPSHOT...", &opts);
	if (parsed || (format = cli_series_format(&opts.series)) < 0)
		goto out;
	if (cli_series_load(&cs, &opts, opts.series.top > 0))
		goto out;
	report.series = &cs.series;
	report.labels = cs.labels;
	if (opts.series.top) {
		if (ms_series_grown(&cs.series, &grown, &ngrown, &err)) {
			cli_report(NULL, &err);
			goto out;
		}
		report.groups = grown;
		report.ngroups = ngrown < opts.series.top ? ngrown : opts.series.top;
	}
	if (opts.series.svg && write_svg(opts.series.svg, &report))
		goto out;
	if (!opts.series.svg || strcmp(opts.series.svg, "-"))
		ms_write_timeline(stdout, &report, (enum ms_series_format)format);
	ret = cli_finish_output();
out:
	free(grown);
	cli_series_release(&cs);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
