/*
 * The output sink: standard output, or the file of -o written atomically
 * (a temporary file in the same directory, renamed over the target after
 * everything succeeded; removed on failure and on a fatal signal).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_series.h"
#include "cli.h"

#define TMP_SUFFIX ".memsnap-XXXXXX"

/* The temporary file to remove if a signal ends memsnap while it exists. */
static char *volatile pending_tmp;

static void remove_pending(int sig)
{
	if (pending_tmp)
		unlink(pending_tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void watch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], remove_pending);
}

int cli_output_open(struct cli_output *o, const char *path)
{
	struct stat st;
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->fp = stdout;
		return 0;
	}
	o->path = path;
	if (!stat(path, &st) && S_ISDIR(st.st_mode)) {
		cli_error("%s: is a directory", path);
		return -1;
	}
	o->tmp = malloc(strlen(path) + sizeof(TMP_SUFFIX));
	if (!o->tmp) {
		cli_error("out of memory");
		return -1;
	}
	strcpy(o->tmp, path);
	strcat(o->tmp, TMP_SUFFIX);
	/* watched from before it exists: mkstemp() fills in the name in place */
	pending_tmp = o->tmp;
	watch_signals();
	fd = mkstemp(o->tmp);
	o->fp = fd < 0 ? NULL : fdopen(fd, "wb");
	if (!o->fp) {
		cli_error("%s: cannot create a file next to it: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		pending_tmp = NULL;
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	return 0;
}

/* The mode the file would get from open(O_CREAT, 0666), or the old file's. */
static mode_t target_mode(const char *path)
{
	struct stat st;
	mode_t mask;

	if (!stat(path, &st))
		return st.st_mode & 07777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

int cli_output_close(struct cli_output *o, bool ok)
{
	int failed = 0;

	if (!o->fp)
		return ok ? EXIT_OK : EXIT_ERROR;
	if (!o->path) {
		o->fp = NULL;
		return ok ? cli_finish_output() : EXIT_ERROR;
	}
	errno = 0;
	if (ok && (fflush(o->fp) || ferror(o->fp) || fchmod(fileno(o->fp), target_mode(o->path)) ||
		   fsync(fileno(o->fp))))
		failed = errno ? errno : EIO;
	if (fclose(o->fp) && ok && !failed)
		failed = errno;
	o->fp = NULL;
	if (ok && !failed && rename(o->tmp, o->path))
		failed = errno;
	if (!ok || failed)
		unlink(o->tmp);
	pending_tmp = NULL;
	free(o->tmp);
	o->tmp = NULL;
	if (failed) {
		cli_error("%s: cannot write: %s", o->path, strerror(failed));
		return EXIT_ERROR;
	}
	return ok ? EXIT_OK : EXIT_ERROR;
}

ms_report_writer cli_report_writer(const struct cli_options *opts)
{
	const char *name = opts->format ? opts->format : "text";
	ms_report_writer w = ms_report_writer_find(name);

	if (!w) {
		cli_error("--format wants %s, not '%s'", ms_report_format_names, name);
		return NULL;
	}
	if (opts->count_blocks && w != ms_write_collapsed) {
		cli_error("--count applies to --format collapsed only");
		return NULL;
	}
	/* profiles and folded stacks have no place for a share */
	if (opts->percent &&
	    (w == ms_write_collapsed || w == ms_write_pprof || w == ms_write_speedscope)) {
		cli_error("--percent applies to text, json, csv, tsv and markdown only");
		return NULL;
	}
	return w;
}

int cli_series_format(const struct cli_options *opts)
{
	int f = opts->format ? ms_series_format_parse(opts->format) : MS_SERIES_TEXT;

	if (f < 0)
		cli_error("--format wants text, json, csv or tsv, not '%s'", opts->format);
	return f;
}

int cli_write_report(const struct cli_options *opts, const struct ms_report *report)
{
	ms_report_writer w = cli_report_writer(opts);
	struct cli_output out;

	if (!w || cli_output_open(&out, opts->output) < 0)
		return EXIT_ERROR;
	if (w(out.fp, report) < 0) {
		cli_error("%s: cannot write: %s", out.path ? out.path : "standard output",
			  strerror(errno));
		return cli_output_close(&out, false);
	}
	return cli_output_close(&out, true);
}

struct series_table {
	ms_series_writer write;
	const struct ms_series_report *report;
	enum ms_series_format format;
};

static int write_series(FILE *out, const void *table)
{
	const struct series_table *t = table;

	return t->write(out, t->report, t->format);
}

int cli_write_series(const char *path, ms_series_writer write, const struct ms_series_report *r,
		     int format)
{
	struct series_table t = {write, r, (enum ms_series_format)format};

	return cli_write_file(path, write_series, &t);
}

int cli_write_file(const char *path, int (*write)(FILE *out, const void *ctx), const void *ctx)
{
	struct cli_output out;

	if (cli_output_open(&out, path) < 0)
		return EXIT_ERROR;
	return cli_output_close(&out, write(out.fp, ctx) == 0);
}

int cli_snapshot_output_check(const struct cli_options *opts, const char *command)
{
	if (opts->format && strcmp(opts->format, "json") && strcmp(opts->format, "pickle")) {
		cli_error("--format wants json or pickle, not '%s'", opts->format);
		return -1;
	}
	if (!opts->output) {
		cli_error("%s needs -o OUT ('-o -' writes to standard output)", command);
		return -1;
	}
	return 0;
}

int cli_write_snapshot(const char *path, const struct ms_snapshot *snap, bool json)
{
	struct cli_output out;
	struct ms_error err;
	int status;

	if (cli_output_open(&out, path) < 0)
		return EXIT_ERROR;
	status = json ? ms_snapshot_write_json(out.fp, snap, &err)
		      : ms_snapshot_write_pickle(out.fp, snap, &err);
	if (status) {
		cli_report(strcmp(path, "-") ? path : NULL, &err);
		cli_output_close(&out, false);
		return EXIT_ERROR;
	}
	return cli_output_close(&out, true);
}
