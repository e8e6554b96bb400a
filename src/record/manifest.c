/* Reading manifest.jsonl: one entry per line, with cJSON. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fail.h"
#include "manifest.h"

static int get_number(const cJSON *o, const char *key, double *out, struct ms_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v))
		return ms_fail(err, MS_ERR_FORMAT, "\"%s\" is not a number", key);
	*out = v->valuedouble;
	return MS_OK;
}

static int get_string(const cJSON *o, const char *key, char *out, size_t size, struct ms_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(v) || strlen(v->valuestring) >= size)
		return ms_fail(err, MS_ERR_FORMAT, "\"%s\" is not a string of fewer than %zu bytes",
			       key, size);
	memcpy(out, v->valuestring, strlen(v->valuestring) + 1);
	return MS_OK;
}

/* Counts and sizes: whole, not negative, exact in a double. */
static int get_count(const cJSON *o, const char *key, double *out, struct ms_error *err)
{
	if (get_number(o, key, out, err))
		return MS_ERR_FORMAT;
	if (*out < 0 || *out > 9007199254740992.0 || *out != (double)(int64_t)*out)
		return ms_fail(err, MS_ERR_FORMAT, "\"%s\" is not a count", key);
	return MS_OK;
}

int ms_manifest_parse(const char *line, size_t len, struct ms_manifest_entry *e,
		      struct ms_error *err)
{
	double pid = 0, ppid = 0, seq = -1, traced = 0, peak = 0, rss = -1, limit = 0; /* -O3 */
	const cJSON *v;
	cJSON *o = cJSON_ParseWithLength(line, len);
	int ret = MS_ERR_FORMAT;

	memset(e, 0, sizeof(*e));
	if (!cJSON_IsObject(o)) {
		ms_fail(err, MS_ERR_FORMAT, "not a JSON object");
		goto out;
	}
	if (get_string(o, "file", e->file, sizeof(e->file), err) ||
	    get_count(o, "pid", &pid, err) || get_count(o, "ppid", &ppid, err) ||
	    get_number(o, "time", &e->time, err) ||
	    get_number(o, "monotonic", &e->monotonic, err) ||
	    get_string(o, "reason", e->reason, sizeof(e->reason), err) ||
	    get_count(o, "traced", &traced, err) || get_count(o, "traced_peak", &peak, err) ||
	    get_string(o, "python", e->python, sizeof(e->python), err) ||
	    get_count(o, "traceback_limit", &limit, err))
		goto out;
	v = cJSON_GetObjectItemCaseSensitive(o, "seq");
	if (!cJSON_IsNull(v) && get_count(o, "seq", &seq, err))
		goto out;
	v = cJSON_GetObjectItemCaseSensitive(o, "rss");
	if (!cJSON_IsNull(v) && get_count(o, "rss", &rss, err))
		goto out;
	e->pid = (long)pid;
	e->ppid = (long)ppid;
	e->seq = (long)seq;
	e->traced = (uint64_t)traced;
	e->traced_peak = (uint64_t)peak;
	e->rss = (int64_t)rss;
	e->traceback_limit = (long)limit;
	ret = MS_OK;
out:
	cJSON_Delete(o);
	return ret;
}

long ms_manifest_follow(struct ms_manifest_tail *tail, const char *path,
			void (*fn)(const struct ms_manifest_entry *e, void *arg), void *arg)
{
	struct ms_manifest_entry e;
	struct stat st;
	char *buf, *line, *end;
	long lines = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || st.st_size <= tail->offset) {
		close(fd);
		return 0;
	}
	buf = malloc((size_t)(st.st_size - tail->offset));
	n = buf ? pread(fd, buf, (size_t)(st.st_size - tail->offset), tail->offset) : -1;
	close(fd);
	if (n <= 0) {
		free(buf);
		return n < 0 ? -1 : 0;
	}
	for (line = buf; (end = memchr(line, '\n', (size_t)(buf + n - line))); line = end + 1) {
		if (!ms_manifest_parse(line, (size_t)(end - line), &e, NULL))
			fn(&e, arg);
		lines++;
	}
	tail->offset += line - buf;
	free(buf);
	return lines;
}
