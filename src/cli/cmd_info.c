/*
 * memsnap info: what each snapshot holds (with filters, what
 * filter_traces() keeps of it) and where it likely came from.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "info.h"
#include "cli.h"

#define SYNOPSIS "info [-f text|json] [filters] [-o FILE] SNAPSHOT..."

/*
 * Describes every file into buf, loading one snapshot at a time; false
 * after reporting a file that cannot be read.
 */
static bool describe(FILE *buf, const struct cli_options *opts, bool json)
{
	struct ms_json j;
	struct ms_error err;
	size_t i;

	ms_json_init(&j, buf);
	if (json) {
		ms_json_begin_object(&j);
		ms_json_key(&j, "snapshots");
		ms_json_begin_array(&j);
	}
	for (i = 0; i < opts->nfiles; i++) {
		struct ms_snapshot *snap;
		struct ms_info info;
		if (cli_load_all(opts->files + i, 1, &snap, CLI_KEEP_TRACES)) {
			ms_json_finish(&j);
			return false;
		}
		if (cli_filter(opts, opts->files[i], snap)) {
			ms_snapshot_free(snap);
			ms_json_finish(&j);
			return false;
		}
		if (ms_info_compute(&info, snap, &err)) {
			cli_report(opts->files[i], &err);
			ms_snapshot_free(snap);
			ms_json_finish(&j);
			return false;
		}
		if (json)
			ms_info_write_json(&j, opts->files[i], &info);
		else
			ms_info_write_text(buf, opts->files[i], &info, i > 0);
		ms_info_release(&info);
		ms_snapshot_free(snap);
	}
	if (json) {
		ms_json_end_array(&j);
		ms_json_end_object(&j);
	}
	if (ms_json_finish(&j) < 0) {
		cli_error("out of memory");
		return false;
	}
	if (ms_write_status(buf) < 0) {
		cli_error("cannot write the output: %s", cli_strerror(errno));
		return false;
	}
	return true;
}

int cmd_info(int argc, char **argv)
{
	struct cli_options opts;
	struct cli_output out;
	char *text = NULL;
	size_t len = 0;
	FILE *buf = NULL;
	bool ok = false;
	int ret = EXIT_ERROR, parsed;

	parsed = cli_parse(argc, argv, CLI_CMD_INFO, 1, SIZE_MAX, SYNOPSIS, &opts);
	if (parsed || cli_stdin_once(opts.files, opts.nfiles))
		goto out;
	if (opts.format && strcmp(opts.format, "text") && strcmp(opts.format, "json")) {
		cli_error("--format wants text or json, not '%s'", opts.format);
		goto out;
	}
	/* a few lines per file: kept until all files were read, so that a bad
	 * file leaves no partial output */
	buf = open_memstream(&text, &len);
	if (!buf) {
		cli_error("out of memory");
		goto out;
	}
	ok = describe(buf, &opts, opts.format && !strcmp(opts.format, "json"));
	if (fclose(buf) || !ok)
		goto out;
	if (cli_output_open(&out, opts.output) < 0)
		goto out;
	fwrite(text, 1, len, out.fp);
	ret = cli_output_close(&out, true);
out:
	free(text);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
