/*
 * Getting a snapshot's bytes: a regular file is mapped (file_map.c), a
 * pipe, FIFO or socket (standard input, `<(...)`) is read into memory;
 * directories and devices are refused; gzip data is inflated. The bytes are handed to the
 * reader for their format, told by content, and released after.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <stdbool.h>
#include <unistd.h>

#include "file_map.h"
#include "gzip_read.h"
#include "json_read.h"
#include "load.h"
#include "pickle_read.h"
#include "snapshot_internal.h"
#include "fail.h"

/* A pickle starts with PROTO (0x80); JSON with '{', after white space. */
static int read_any(struct ms_snapshot *snap, const void *buf, size_t len, unsigned flags,
		    struct ms_error *err)
{
	if (ms_json_detect(buf, len)) {
		snap->origin.format = "json";
		snap->summed = false; /* JSON is read whole */
		return ms_json_read(snap, buf, len, err);
	}
	return ms_pickle_read(snap, buf, len, flags, err);
}

/* flags: ms_pickle_read()'s, for the bytes as given */
static int parse(const void *buf, size_t len, bool summed, unsigned flags, struct ms_snapshot **out,
		 struct ms_error *err)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	char *inflated = NULL;
	size_t inflated_len = 0;
	uint64_t limit;
	bool more = false;
	int status;

	*out = NULL;
	if (!snap)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	snap->summed = summed;
	if (ms_gzip_detect(buf, len)) {
		snap->origin.compression = "gzip";
		status = ms_gzip_limit(len, &limit, err);
		if (!status)
			status =
			    ms_gzip_inflate(buf, len, limit, &inflated, &inflated_len, &more, err);
		if (!status) {
			status =
			    read_any(snap, inflated, inflated_len, flags & ~MS_PICKLE_MAPPED, err);
			if (status && err)
				err->inflated = err->offset != MS_NO_OFFSET;
			snap->origin.trailing_compressed = more;
		}
		free(inflated);
	} else {
		status = read_any(snap, buf, len, flags, err);
		if (status && err)
			err->inflated = false;
	}
	if (status) {
		ms_snapshot_free(snap);
		return status;
	}
	*out = snap;
	return MS_OK;
}

int ms_snapshot_parse(const void *buf, size_t len, struct ms_snapshot **out, struct ms_error *err)
{
	return parse(buf, len, false, 0, out, err);
}

/* Why a file of this type cannot hold a snapshot, or NULL if it can. */
static const char *refused_type(mode_t mode)
{
	if (S_ISDIR(mode))
		return "is a directory";
	if (S_ISCHR(mode))
		return "is a character device, not a snapshot file";
	if (S_ISBLK(mode))
		return "is a block device, not a snapshot file";
	return NULL;
}

/*
 * Reads a regular file: mapped when it can be, and refused, whatever the
 * reader made of it, when it changed while it was read.
 */
static int load_file(int fd, const struct stat *st, bool summed, unsigned flags,
		     struct ms_snapshot **out, struct ms_error *err)
{
	struct ms_file_map m;
	int status = ms_file_map(&m, fd, st, err);

	if (status)
		return status;
	ms_file_map_guard(&m);
	status = parse(m.buf, m.len, summed, flags | (m.mapped ? MS_PICKLE_MAPPED : 0), out, err);
	ms_file_map_unguard();
	if (ms_file_map_changed(&m, fd)) {
		ms_snapshot_free(*out);
		*out = NULL;
		status = ms_fail(err, MS_ERR_IO, "the file changed while it was being read");
	}
	ms_file_map_release(&m);
	return status;
}

/* flags: ms_pickle_read()'s but MS_PICKLE_MAPPED, which load_file() adds */
static int load(const char *path, bool summed, unsigned flags, struct ms_snapshot **out,
		struct ms_error *err)
{
	int fd = 0, status;
	struct stat st;
	char *buf;
	size_t len = 0;

	*out = NULL;
	if (strcmp(path, "-") != 0) {
		/* Opening a FIFO nobody writes to must not hang: it reads as empty. */
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		if (fd < 0)
			return ms_fail(err, MS_ERR_IO, "%s", strerror(errno));
		if (fcntl(fd, F_SETFL, 0) < 0) {
			status = ms_fail(err, MS_ERR_IO, "%s", strerror(errno));
			close(fd);
			return status;
		}
	}
	if (fstat(fd, &st) < 0) {
		status = ms_fail(err, MS_ERR_IO, "%s", strerror(errno));
	} else if (refused_type(st.st_mode)) {
		status = ms_fail(err, MS_ERR_IO, "%s", refused_type(st.st_mode));
	} else if (S_ISREG(st.st_mode) && st.st_size > 0) {
		status = load_file(fd, &st, summed, flags, out, err);
	} else {
		status = ms_read_all(fd, &buf, &len, err);
		if (!status && !len && !S_ISREG(st.st_mode)) {
			free(buf);
			status = ms_fail(err, MS_ERR_IO,
					 "nothing to read (a pipe or FIFO nobody wrote to)");
		} else if (!status) {
			status = parse(buf, len, summed, flags, out, err);
			free(buf);
		}
	}
	if (fd != 0)
		close(fd);
	return status;
}

/* The reader's flags for a summed load on up to threads threads. */
static unsigned thread_flags(int threads)
{
	return threads > 1 ? MS_PICKLE_THREAD | MS_PICKLE_THREADS(threads) : 0;
}

int ms_snapshot_load(const char *path, struct ms_snapshot **out, struct ms_error *err)
{
	return load(path, false, 0, out, err);
}

int ms_snapshot_load_summed(const char *path, int threads, struct ms_snapshot **out,
			    struct ms_error *err)
{
	return load(path, true, thread_flags(threads), out, err);
}

int ms_snapshot_load_newest(const char *path, int threads, struct ms_snapshot **out,
			    struct ms_error *err)
{
	return load(path, true, thread_flags(threads) | MS_PICKLE_NEWEST, out, err);
}

int ms_snapshot_load_newest_frames(const char *path, int threads, struct ms_snapshot **out,
				   struct ms_error *err)
{
	return load(path, true, thread_flags(threads) | MS_PICKLE_NEWEST | MS_PICKLE_NEWEST_FRAMES,
		    out, err);
}
