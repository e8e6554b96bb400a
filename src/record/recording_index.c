/*
 * Reading a recording: manifest.jsonl into snapshots sorted by the time
 * they were taken (lines are appended as dumps finish, which is nearly
 * but not quite that order across processes), and rss.tsv.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fail.h"
#include "grow.h"
#include "recording_index.h"

bool ms_recording_is(const char *path)
{
	char manifest[4096];
	struct stat st;

	if (stat(path, &st) || !S_ISDIR(st.st_mode))
		return false;
	if ((size_t)snprintf(manifest, sizeof(manifest), "%s/manifest.jsonl", path) >=
	    sizeof(manifest))
		return false;
	return !stat(manifest, &st) && S_ISREG(st.st_mode);
}

static char *join(const char *dir, const char *name)
{
	size_t len = strlen(dir);
	char *path;

	while (len > 1 && dir[len - 1] == '/')
		len--;
	path = malloc(len + strlen(name) + 2);
	if (path)
		sprintf(path, "%.*s/%s", (int)len, dir, name);
	return path;
}

/* A line, without its newline, read whole however long; NULL at the end. */
static char *read_line(FILE *f, char **buf, size_t *size)
{
	ssize_t n = getline(buf, size, f);

	if (n < 0)
		return NULL;
	if (n && (*buf)[n - 1] == '\n')
		(*buf)[n - 1] = '\0';
	return *buf;
}

static int add_pid(struct ms_recording_index *ix, long pid)
{
	size_t i;

	for (i = 0; i < ix->npids; i++)
		if (ix->pids[i] == pid)
			return 0;
	if (MS_GROW(ix->pids, ix->npids + 1, ix->pids_alloc))
		return -1;
	ix->pids[ix->npids++] = pid;
	return 0;
}

static int add_entry(struct ms_recording_index *ix, const char *dir,
		     const struct ms_manifest_entry *e)
{
	struct ms_recorded *r;
	size_t i;

	if (e->seq < 0) {
		/* peak.bin is replaced as it grows: its latest line describes it */
		for (i = 0; i < ix->npeaks && ix->peaks[i].entry.pid != e->pid; i++)
			;
		if (i < ix->npeaks) {
			ix->peaks[i].entry = *e;
			return 0;
		}
		if (MS_GROW(ix->peaks, ix->npeaks + 1, ix->peaks_alloc))
			return -1;
		r = &ix->peaks[ix->npeaks++];
	} else {
		if (MS_GROW(ix->snaps, ix->nr + 1, ix->alloc))
			return -1;
		r = &ix->snaps[ix->nr++];
	}
	r->entry = *e;
	r->path = join(dir, e->file);
	return r->path ? 0 : -1;
}

static int by_time(const void *a, const void *b)
{
	const struct ms_recorded *x = a, *y = b;

	if (x->entry.monotonic != y->entry.monotonic)
		return x->entry.monotonic < y->entry.monotonic ? -1 : 1;
	if (x->entry.pid != y->entry.pid)
		return x->entry.pid < y->entry.pid ? -1 : 1;
	return (x->entry.seq > y->entry.seq) - (x->entry.seq < y->entry.seq);
}

static int load_manifest(struct ms_recording_index *ix, const char *dir, struct ms_error *err)
{
	struct ms_manifest_entry e;
	struct ms_error why;
	char *path = join(dir, "manifest.jsonl"), *buf = NULL, *line;
	size_t size = 0, lineno = 0, i;
	int ret = MS_OK;
	FILE *f;

	if (!path)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	f = fopen(path, "r");
	if (!f) {
		ret = ms_fail(err, MS_ERR_IO, "%s: %s", path, strerror(errno));
		free(path);
		return ret;
	}
	while (!ret && (line = read_line(f, &buf, &size))) {
		lineno++;
		if (!*line)
			continue;
		if (ms_manifest_parse(line, strlen(line), &e, &why)) {
			ret = ms_fail(err, MS_ERR_FORMAT, "%s: line %zu: %s", path, lineno,
				      why.message);
		} else if (add_entry(ix, dir, &e)) {
			ret = ms_fail(err, MS_ERR_NOMEM, "out of memory");
		}
	}
	if (!ret && ferror(f))
		ret = ms_fail(err, MS_ERR_IO, "%s: %s", path, strerror(errno));
	fclose(f);
	free(buf);
	free(path);
	if (ret)
		return ret;
	qsort(ix->snaps, ix->nr, sizeof(*ix->snaps), by_time);
	for (i = 0; i < ix->nr; i++)
		if (add_pid(ix, ix->snaps[i].entry.pid))
			return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	return MS_OK;
}

static int parse_rss(const char *line, struct ms_rss_sample *s)
{
	char *end;
	unsigned long long rss, processes;

	s->time = strtod(line, &end);
	if (*end != '\t')
		return -1;
	s->monotonic = strtod(end + 1, &end);
	if (*end != '\t')
		return -1;
	rss = strtoull(end + 1, &end, 10);
	if (*end != '\t')
		return -1;
	processes = strtoull(end + 1, &end, 10);
	if (*end || processes > UINT32_MAX)
		return -1;
	s->rss = rss;
	s->processes = (uint32_t)processes;
	return 0;
}

/* rss.tsv, when there is one. */
static int load_rss(struct ms_recording_index *ix, const char *dir, struct ms_error *err)
{
	char *path = join(dir, "rss.tsv"), *buf = NULL, *line;
	size_t size = 0, lineno = 0;
	int ret = MS_OK;
	FILE *f;

	if (!path)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	f = fopen(path, "r");
	if (!f) {
		if (errno != ENOENT)
			ret = ms_fail(err, MS_ERR_IO, "%s: %s", path, strerror(errno));
		free(path);
		return ret;
	}
	while (!ret && (line = read_line(f, &buf, &size))) {
		if (!lineno++ && !strcmp(line, "time\tmonotonic\trss\tprocesses"))
			continue;
		if (MS_GROW(ix->rss, ix->nrss + 1, ix->rss_alloc))
			ret = ms_fail(err, MS_ERR_NOMEM, "out of memory");
		else if (parse_rss(line, &ix->rss[ix->nrss]))
			ret =
			    ms_fail(err, MS_ERR_FORMAT, "%s: line %zu: not a sample", path, lineno);
		else
			ix->nrss++;
	}
	fclose(f);
	free(buf);
	free(path);
	return ret;
}

int ms_recording_index_load(struct ms_recording_index *ix, const char *dir, struct ms_error *err)
{
	int ret;

	memset(ix, 0, sizeof(*ix));
	ret = load_manifest(ix, dir, err);
	return ret ? ret : load_rss(ix, dir, err);
}

void ms_recording_index_release(struct ms_recording_index *ix)
{
	size_t i;

	for (i = 0; i < ix->nr; i++)
		free(ix->snaps[i].path);
	for (i = 0; i < ix->npeaks; i++)
		free(ix->peaks[i].path);
	free(ix->snaps);
	free(ix->peaks);
	free(ix->pids);
	free(ix->rss);
	memset(ix, 0, sizeof(*ix));
}
