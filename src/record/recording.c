/*
 * The recording directory: choosing, checking and locking it, the files
 * memsnap record writes there, and tidying it at the end. The layout is
 * the recorded processes' (python/_memsnap_record.py): <pid>/NNNN.bin,
 * <pid>/peak.bin, hidden <pid>/.NAME.tmp while one is written, and
 * manifest.jsonl.
 */
#define _XOPEN_SOURCE 700 /* realpath() where only POSIX is asked for */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fail.h"
#include "recording.h"

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool temporary_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] == '.' && len > 5 && !strcmp(name + len - 4, ".tmp");
}

/* What a recorded process writes in its directory. */
static bool snapshot_name(const char *name)
{
	size_t len = strlen(name);
	char digits[NAME_MAX + 1];

	if (!strcmp(name, "peak.bin") || temporary_name(name))
		return true;
	if (len <= 4 || strcmp(name + len - 4, ".bin"))
		return false;
	memcpy(digits, name, len - 4);
	digits[len - 4] = '\0';
	return all_digits(digits);
}

static bool own_file(const char *name)
{
	return !strcmp(name, "manifest.jsonl") || !strcmp(name, "rss.tsv") ||
	       !strcmp(name, ".dump-requests");
}

/*
 * Calls fn(dirfd, name, arg) for each entry of the directory at fd (".",
 * ".." left out); stops at the first nonzero return and returns it, or -1
 * with errno when the directory cannot be read.
 */
static int each_entry(int fd, const char *sub, int (*fn)(int, const char *, void *), void *arg)
{
	struct dirent *d;
	DIR *dir;
	int dfd, ret = 0;

	dfd = openat(fd, sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (dfd < 0)
		return -1;
	dir = fdopendir(dfd);
	if (!dir) {
		close(dfd);
		return -1;
	}
	while (!ret && (d = readdir(dir)))
		if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
			ret = fn(dirfd(dir), d->d_name, arg);
	closedir(dir);
	return ret;
}

struct survey {
	size_t entries;
	bool ours;    /* a file only memsnap record writes */
	bool foreign; /* something it does not write */
};

static int survey_snapshot(int fd, const char *name, void *arg)
{
	struct survey *s = arg;
	struct stat st;

	if (!snapshot_name(name) || fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) ||
	    !S_ISREG(st.st_mode))
		s->foreign = true;
	return 0;
}

static int survey_entry(int fd, const char *name, void *arg)
{
	struct survey *s = arg;
	struct stat st;

	s->entries++;
	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW)) {
		s->foreign = true;
	} else if (S_ISDIR(st.st_mode) && all_digits(name)) {
		if (each_entry(fd, name, survey_snapshot, s) < 0)
			s->foreign = true;
	} else if (S_ISREG(st.st_mode) && own_file(name)) {
		s->ours = true;
	} else {
		s->foreign = true;
	}
	return 0;
}

static int remove_file(int fd, const char *name, void *arg)
{
	(void)arg;
	return unlinkat(fd, name, 0) && errno != ENOENT ? -1 : 0;
}

static int remove_entry(int fd, const char *name, void *arg)
{
	(void)arg;
	if (own_file(name))
		return remove_file(fd, name, NULL);
	if (each_entry(fd, name, remove_file, NULL))
		return -1;
	return unlinkat(fd, name, AT_REMOVEDIR) && errno != ENOENT ? -1 : 0;
}

/* An empty directory, or an earlier recording (emptied); -1 otherwise. */
static int take_existing(struct ms_recording *rec, struct ms_error *err)
{
	struct survey s = {0};

	if (each_entry(rec->fd, ".", survey_entry, &s) < 0)
		return ms_fail(err, MS_ERR_IO, "%s", strerror(errno));
	if (!s.entries)
		return MS_OK;
	if (s.foreign || !s.ours)
		return ms_fail(err, MS_ERR_USAGE,
			       "exists and is not a recording: memsnap record writes into a new "
			       "or empty directory, or over an earlier recording");
	if (each_entry(rec->fd, ".", remove_entry, NULL))
		return ms_fail(err, MS_ERR_IO, "cannot remove the earlier recording: %s",
			       strerror(errno));
	return MS_OK;
}

/* Closes and unlocks the directory; removes it if made here and empty. */
static void release(struct ms_recording *rec)
{
	if (rec->fd >= 0)
		close(rec->fd);
	if (rec->made)
		rmdir(rec->dir); /* only when empty */
	free(rec->dir);
	free(rec->path);
	memset(rec, 0, sizeof(*rec));
}

/* memsnap-YYYYMMDD-HHMMSS, made; -2, -3... after it when taken. */
static char *make_default(struct ms_error *err)
{
	char base[64], name[80];
	time_t now = time(NULL);
	struct tm tm;
	int i;

	localtime_r(&now, &tm);
	strftime(base, sizeof(base), "memsnap-%Y%m%d-%H%M%S", &tm);
	for (i = 1; i < 100; i++) {
		if (i == 1)
			snprintf(name, sizeof(name), "%s", base);
		else
			snprintf(name, sizeof(name), "%s-%d", base, i);
		if (!mkdir(name, 0777))
			return strdup(name);
		if (errno != EEXIST)
			break;
	}
	ms_fail(err, MS_ERR_IO, "%s: cannot create a directory: %s", base, strerror(errno));
	return NULL;
}

int ms_recording_open(struct ms_recording *rec, const char *dir, struct ms_error *err)
{
	int ret;

	memset(rec, 0, sizeof(*rec));
	rec->fd = -1;
	rec->dir = dir ? strdup(dir) : make_default(err);
	if (!rec->dir)
		return dir ? ms_fail(err, MS_ERR_NOMEM, "out of memory") : MS_ERR_IO;
	rec->made = !dir || !mkdir(dir, 0777);
	if (!rec->made && errno != EEXIST)
		goto io;
	rec->fd = open(rec->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rec->fd < 0)
		goto io;
	if (flock(rec->fd, LOCK_EX | LOCK_NB)) {
		ret = ms_fail(err, MS_ERR_USAGE, "another memsnap record is writing there");
		goto fail;
	}
	if (!rec->made && (ret = take_existing(rec, err)))
		goto fail;
	rec->path = realpath(rec->dir, NULL);
	if (rec->path)
		return MS_OK;
io:
	ret = ms_fail(err, MS_ERR_IO, "%s", strerror(errno));
fail:
	release(rec);
	return ret;
}

int ms_recording_request_dumps(struct ms_recording *rec, struct ms_error *err)
{
	int fd = openat(rec->fd, ".dump-requests", O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	ssize_t n;

	if (fd < 0)
		return ms_fail(err, MS_ERR_IO, ".dump-requests: %s", strerror(errno));
	n = write(fd, "\n", 1);
	close(fd);
	if (n != 1)
		return ms_fail(err, MS_ERR_IO, ".dump-requests: %s", strerror(errno));
	return MS_OK;
}

int ms_recording_log_rss(struct ms_recording *rec, double wall, double monotonic, uint64_t rss,
			 size_t processes, struct ms_error *err)
{
	int fd;

	if (!rec->rss) {
		fd = openat(rec->fd, "rss.tsv", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		rec->rss = fd < 0 ? NULL : fdopen(fd, "w");
		if (!rec->rss) {
			if (fd >= 0)
				close(fd);
			return ms_fail(err, MS_ERR_IO, "rss.tsv: %s", strerror(errno));
		}
		fputs("time\tmonotonic\trss\tprocesses\n", rec->rss);
	}
	/* flushed line by line, for whoever reads the recording meanwhile */
	if (fprintf(rec->rss, "%.6f\t%.6f\t%llu\t%zu\n", wall, monotonic, (unsigned long long)rss,
		    processes) < 0 ||
	    fflush(rec->rss))
		return ms_fail(err, MS_ERR_IO, "rss.tsv: %s", strerror(errno));
	return MS_OK;
}

/* A dump's temporary file, unless its process may still be writing it. */
static int remove_abandoned(int fd, const char *name, void *arg)
{
	pid_t pid = *(pid_t *)arg;

	if (temporary_name(name) && kill(pid, 0) && errno == ESRCH)
		unlinkat(fd, name, 0);
	return 0;
}

static int tidy_entry(int fd, const char *name, void *arg)
{
	struct stat st;
	pid_t pid;

	(void)arg;
	if (!all_digits(name) || fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) ||
	    !S_ISDIR(st.st_mode))
		return 0;
	pid = (pid_t)strtol(name, NULL, 10);
	each_entry(fd, name, remove_abandoned, &pid);
	unlinkat(fd, name, AT_REMOVEDIR); /* only when empty */
	return 0;
}

int ms_recording_close(struct ms_recording *rec, struct ms_error *err)
{
	int ret = MS_OK;

	each_entry(rec->fd, ".", tidy_entry, NULL);
	unlinkat(rec->fd, ".dump-requests", 0);
	if (rec->rss && fclose(rec->rss))
		ret = ms_fail(err, MS_ERR_IO, "rss.tsv: %s", strerror(errno));
	release(rec);
	return ret;
}
