/*
 * The output sink: standard output, or the file of -o. A regular file (or
 * the one a symlink leads to) is written as a new file in its directory
 * and put in place only after everything succeeded; a device, FIFO, socket
 * or standard stream is opened and written into, never replaced.
 */
#define _GNU_SOURCE /* O_TMPFILE, AT_EMPTY_PATH */
#include <errno.h>
#ifdef __GLIBC__
#include <stdio_ext.h> /* __fpurge() */
#endif
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "report_series.h"
#include "cli.h"

/* Short and fixed, so that a name of NAME_MAX bytes still gets one. */
#define TMP_NAME  ".memsnap-XXXXXX"
#define MAX_LINKS 40 /* Linux's limit on symlinks followed in one lookup */

/* The named temporary file to remove if a signal ends memsnap while it exists. */
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

/*
 * The descriptor a name stands for when it names one of this process's
 * open files (/dev/stdout, /dev/fd/N, /proc/self/fd/N), or -1. Such a
 * name is written through a duplicate of the descriptor, so that what the
 * shell set up (appending, a pipe) is what memsnap writes into.
 */
static int stream_alias(const char *name)
{
	static const char *const dirs[] = {"/dev/fd/", "/proc/self/fd/"};
	static const char *const streams[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
	size_t i;

	for (i = 0; i < sizeof(streams) / sizeof(streams[0]); i++)
		if (!strcmp(name, streams[i]))
			return (int)i;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		const char *s = name + strlen(dirs[i]);
		char *end;
		long fd;

		if (strncmp(name, dirs[i], strlen(dirs[i])) || *s < '0' || *s > '9')
			continue;
		errno = 0;
		fd = strtol(s, &end, 10);
		if (!*end && !errno && fd <= INT_MAX)
			return (int)fd;
	}
	return -1;
}

/* dir of path + "/" + name, malloc'ed; dir is "." for a bare name. */
static char *beside(const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	char *s = malloc(dirlen + strlen(name) + 1);

	if (s) {
		memcpy(s, path, dirlen);
		strcpy(s + dirlen, name);
	}
	return s;
}

/*
 * Follows path through symlinks to the name of the file they lead to,
 * malloc'ed (that file may not exist yet: a dangling link creates it), or
 * sets *alias to the descriptor of a stream_alias() met on the way.
 * NULL with errno set on failure.
 */
static char *follow_links(const char *path, int *alias)
{
	char *name = strdup(path), *link = NULL, *next;
	struct stat st;
	int hops;

	*alias = -1;
	for (hops = 0; name; hops++) {
		ssize_t n;

		*alias = stream_alias(name);
		if (*alias >= 0 || lstat(name, &st) || !S_ISLNK(st.st_mode))
			return name;
		if (hops == MAX_LINKS) {
			errno = ELOOP;
			break;
		}
		link = malloc(PATH_MAX);
		n = link ? readlink(name, link, PATH_MAX - 1) : -1;
		if (n < 0)
			break;
		link[n] = '\0';
		next = link[0] == '/' ? strdup(link) : beside(name, link);
		free(link);
		link = NULL;
		free(name);
		name = next;
	}
	free(link);
	free(name);
	return NULL;
}

/* A unix-domain socket file: memsnap connects and writes its output. */
static int connect_socket(const char *path)
{
	struct sockaddr_un sa;
	int fd, saved;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/* Opens a file that is written into where it is: a device, FIFO, socket or stream. */
static int open_in_place(struct cli_output *o, int alias, const struct stat *st)
{
	int fd;

	if (alias >= 0)
		fd = fcntl(alias, F_DUPFD_CLOEXEC, 3);
	else if (S_ISSOCK(st->st_mode))
		fd = connect_socket(o->target);
	else
		fd = open(o->target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	o->fp = fd < 0 ? NULL : fdopen(fd, "wb");
	if (!o->fp) {
		cli_error("%s: cannot open: %s", o->path, cli_strerror(errno));
		if (fd >= 0)
			close(fd);
		cli_output_close(o, false);
		return -1;
	}
	free(o->target);
	o->target = NULL;
	return 0;
}

/*
 * A new file in the target's directory: unnamed where the system can (so
 * that nothing is left behind however memsnap ends), else under a
 * temporary name removed on failure and on a fatal signal.
 */
static int create_beside(struct cli_output *o)
{
	int fd = -1;

#ifdef O_TMPFILE
	char *dir = beside(o->target, ".");

	/* linkat() names the file at the end through /proc when unprivileged */
	if (dir && !access("/proc/self/fd", X_OK)) {
		fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
		o->unnamed = fd >= 0;
		/* file systems without O_TMPFILE: a named file instead */
		if (fd < 0 && errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
			free(dir);
			return -1;
		}
	}
	free(dir);
#endif
	if (!o->unnamed) {
		o->tmp = beside(o->target, TMP_NAME);
		if (!o->tmp)
			return -1;
		/* watched from before it exists: mkstemp() fills in the name in place */
		pending_tmp = o->tmp;
		watch_signals();
		fd = mkstemp(o->tmp);
		if (fd < 0) {
			pending_tmp = NULL;
			free(o->tmp);
			o->tmp = NULL;
			return -1;
		}
	}
	o->fp = fdopen(fd, "wb");
	if (!o->fp)
		close(fd);
	return o->fp ? 0 : -1;
}

int cli_output_open(struct cli_output *o, const char *path)
{
	struct stat st;
	int alias;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->fp = stdout;
		return 0;
	}
	o->path = path;
	o->target = follow_links(path, &alias);
	if (!o->target) {
		cli_error("%s: %s", path, cli_strerror(errno));
		return -1;
	}
	if (alias >= 0)
		return open_in_place(o, alias, NULL);
	if (!stat(o->target, &st)) {
		if (S_ISDIR(st.st_mode)) {
			cli_error("%s: is a directory", path);
			cli_output_close(o, false);
			return -1;
		}
		if (!S_ISREG(st.st_mode))
			return open_in_place(o, -1, &st);
		o->replaces = true;
		o->mode = st.st_mode;
		o->uid = st.st_uid;
		o->gid = st.st_gid;
	}
	if (create_beside(o) < 0) {
		cli_error("%s: cannot create a file next to it: %s", path, cli_strerror(errno));
		cli_output_close(o, false);
		return -1;
	}
	return 0;
}

/*
 * Gives the new file the replaced one's owner (where memsnap may: as root,
 * or the group alone for one of the user's groups) and mode, or the mode
 * open(O_CREAT, 0666) would give.
 */
static int take_attributes(const struct cli_output *o, int fd)
{
	mode_t mask;

	if (o->replaces) {
		if (fchown(fd, o->uid, o->gid) < 0 && fchown(fd, (uid_t)-1, o->gid) < 0)
			errno = 0; /* not permitted: the file stays memsnap's, as a new one would */
		return fchmod(fd, o->mode & 07777);
	}
	mask = umask(0);
	umask(mask);
	return fchmod(fd, 0666 & ~mask);
}

#ifdef O_TMPFILE
/* Gives the unnamed file fd the name name; fails with EEXIST if it is taken. */
static int link_fd(int fd, const char *name)
{
	char proc[64];

	if (!linkat(fd, "", AT_FDCWD, name, AT_EMPTY_PATH))
		return 0;
	if (errno == EEXIST)
		return -1;
	/* AT_EMPTY_PATH needs a capability; the /proc link does not */
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW);
}

/*
 * Puts the unnamed file in place: a new target is linked at once; an old
 * one is replaced by linking a temporary name and renaming it over, with
 * signals held so that only SIGKILL between the two calls can leave it.
 */
static int link_into_place(const struct cli_output *o, int fd)
{
	sigset_t all, saved;
	char *tmp = NULL;
	int attempt, ret = -1, err;

	if (!o->replaces && !link_fd(fd, o->target))
		return 0;
	if (!o->replaces && errno != EEXIST)
		return -1;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &saved);
	for (attempt = 0; attempt < 100; attempt++) {
		char name[sizeof(TMP_NAME) + 32];

		free(tmp);
		snprintf(name, sizeof(name), ".memsnap-%ld-%d", (long)getpid(), attempt);
		tmp = beside(o->target, name);
		if (!tmp)
			break;
		if (!link_fd(fd, tmp)) {
			ret = rename(tmp, o->target);
			err = errno;
			if (ret)
				unlink(tmp);
			errno = err;
			break;
		}
		if (errno != EEXIST)
			break;
	}
	err = errno;
	sigprocmask(SIG_SETMASK, &saved, NULL);
	free(tmp);
	errno = err;
	return ret;
}
#endif

/* Puts the new file in place of the target; -1 with errno set on failure. */
static int commit(const struct cli_output *o)
{
	int fd = fileno(o->fp);

	if (fflush(o->fp) || ferror(o->fp))
		return -1;
	if (!o->target)
		return 0;
	if (take_attributes(o, fd) || fsync(fd))
		return -1;
#ifdef O_TMPFILE
	if (o->unnamed)
		return link_into_place(o, fd);
#endif
	return rename(o->tmp, o->target);
}

int cli_output_close(struct cli_output *o, bool ok)
{
	int failed = 0;

	if (o->fp && !o->path) {
		o->fp = NULL;
		if (!ok)
			cli_drop_output();
		return ok ? cli_finish_output() : EXIT_ERROR;
	}
	if (o->fp) {
		errno = 0;
		if (ok && commit(o))
			failed = errno ? errno : EIO;
		if (fclose(o->fp) && ok && !failed)
			failed = errno;
	}
	if (o->tmp && (!ok || failed))
		unlink(o->tmp);
	o->fp = NULL;
	pending_tmp = NULL;
	free(o->tmp);
	o->tmp = NULL;
	free(o->target);
	o->target = NULL;
	if (failed) {
		cli_error("%s: cannot write: %s", o->path, cli_strerror(failed));
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

enum cli_keep cli_stats_keep(const struct cli_options *opts)
{
	ms_report_writer w = ms_report_writer_find(opts->format ? opts->format : "text");
	/* profiles and folded stacks are made of whole tracebacks */
	bool table =
	    w && w != ms_write_collapsed && w != ms_write_pprof && w != ms_write_speedscope;
	size_t i;

	if (!table || opts->key_type == MS_KEY_TRACEBACK || opts->cumulative || opts->all_frames ||
	    !ms_view_is_identity(&opts->view))
		return CLI_KEEP_SUMS;
	/* a file filter's note says whether it matches frames that are never a newest */
	for (i = 0; i < opts->filters.nr; i++)
		if (!opts->filters.items[i].is_domain)
			return CLI_KEEP_NEWEST;
	return CLI_KEEP_NEWEST_FRAMES;
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
			  cli_strerror(errno));
		return cli_output_close(&out, false);
	}
	cli_warn_sources(report->sources);
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
	if (write(out.fp, ctx) < 0) {
		cli_error("%s: cannot write: %s", out.path ? out.path : "standard output",
			  cli_strerror(errno));
		return cli_output_close(&out, false);
	}
	return cli_output_close(&out, true);
}

void cli_drop_output(void)
{
#ifdef __GLIBC__
	__fpurge(stdout);
#endif
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
