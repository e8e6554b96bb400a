/* memsnap convert: a snapshot from pickle to JSON or back, without loss. */
#include <string.h>

#include "cli.h"

#define SYNOPSIS "convert [-f json|pickle] -o OUT SNAPSHOT"

int cmd_convert(int argc, char **argv)
{
	struct cli_options opts;
	struct ms_snapshot *snap = NULL;
	struct cli_output out;
	struct ms_error err;
	const char *format;
	int ret = EXIT_ERROR, parsed, status;

	parsed = cli_parse(argc, argv, CLI_CMD_CONVERT, 1, 1, SYNOPSIS, &opts);
	if (parsed)
		goto out;
	if (opts.format && strcmp(opts.format, "json") && strcmp(opts.format, "pickle")) {
		cli_error("--format wants json or pickle, not '%s'", opts.format);
		goto out;
	}
	if (!opts.output) {
		cli_error("convert needs -o OUT ('-o -' writes to standard output)");
		goto out;
	}
	if (cli_load_all(opts.files, 1, &snap))
		goto out;
	format = opts.format;
	if (!format)
		format = strcmp(ms_snapshot_origin(snap).format, "json") ? "json" : "pickle";
	if (cli_output_open(&out, opts.output) < 0)
		goto out;
	status = !strcmp(format, "json") ? ms_snapshot_write_json(out.fp, snap, &err)
					 : ms_snapshot_write_pickle(out.fp, snap, &err);
	if (status) {
		cli_report(strcmp(opts.output, "-") ? opts.output : NULL, &err);
		cli_output_close(&out, false);
		goto out;
	}
	ret = cli_output_close(&out, true);
out:
	ms_snapshot_free(snap);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
