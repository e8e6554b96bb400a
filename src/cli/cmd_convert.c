/*
 * memsnap convert: a snapshot from pickle to JSON or back, without loss, or
 * to a profile (pprof, speedscope) of all its tracebacks; with filters,
 * what filter_traces() keeps of it.
 */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "profile.h"

#define SYNOPSIS "convert [-f json|pickle|pprof|speedscope] [filters] -o OUT SNAPSHOT"

/* The writer of a profile format, or NULL. */
static int (*profile_writer(const char *format))(FILE *, const struct ms_profile_input *)
{
	if (format && !strcmp(format, "pprof"))
		return ms_write_pprof_profile;
	if (format && !strcmp(format, "speedscope"))
		return ms_write_speedscope_profile;
	return NULL;
}

/* Writes the snapshot as format; -1 after reporting a failure. */
static int write_as(FILE *fp, const char *format, const struct ms_snapshot *snap,
		    const struct cli_options *opts)
{
	int (*profile)(FILE *, const struct ms_profile_input *) = profile_writer(format);
	struct ms_profile_input in = {0};
	struct ms_error err;
	const char *where = strcmp(opts->output, "-") ? opts->output : NULL;
	int status;

	if (profile) {
		in.snap = snap;
		in.name = opts->files[0];
		if (profile(fp, &in) == 0)
			return 0;
		cli_error("%s: cannot write: %s", where ? where : "standard output",
			  strerror(errno));
		return -1;
	}
	status = !strcmp(format, "json") ? ms_snapshot_write_json(fp, snap, &err)
					 : ms_snapshot_write_pickle(fp, snap, &err);
	if (!status)
		return 0;
	cli_report(where, &err);
	return -1;
}

int cmd_convert(int argc, char **argv)
{
	struct cli_options opts;
	struct ms_snapshot *snap = NULL;
	struct cli_output out;
	const char *format;
	int ret = EXIT_ERROR, parsed;

	parsed = cli_parse(argc, argv, CLI_CMD_CONVERT, 1, 1, SYNOPSIS, &opts);
	if (parsed)
		goto out;
	if (opts.format && strcmp(opts.format, "json") && strcmp(opts.format, "pickle") &&
	    !profile_writer(opts.format)) {
		cli_error("--format wants json, pickle, pprof or speedscope, not '%s'",
			  opts.format);
		goto out;
	}
	if (!opts.output) {
		cli_error("convert needs -o OUT ('-o -' writes to standard output)");
		goto out;
	}
	/* a profile needs only the sums per traceback and domain */
	if (cli_load_all(opts.files, 1, &snap,
			 profile_writer(opts.format) ? CLI_KEEP_SUMS : CLI_KEEP_TRACES) ||
	    cli_filter(&opts, opts.files[0], snap))
		goto out;
	format = opts.format;
	if (!format)
		format = strcmp(ms_snapshot_origin(snap).format, "json") ? "json" : "pickle";
	if (cli_output_open(&out, opts.output) < 0)
		goto out;
	ret = cli_output_close(&out, write_as(out.fp, format, snap, &opts) == 0);
out:
	ms_snapshot_free(snap);
	cli_options_release(&opts);
	return parsed == -1 ? cli_finish_output() : ret;
}
