/*
 * ms_bootstrap_create() and ms_bootstrap_remove(): the private directory
 * that carries the recorder's Python files to the recorded processes.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fail.h"
#include "bootstrap.h"

static int write_file(const char *dir, const struct ms_embedded_file *f, struct ms_error *err)
{
	char path[PATH_MAX];
	size_t done = 0;
	ssize_t n;
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, f->name) >= sizeof(path))
		return ms_fail(err, MS_ERR_IO, "%s: path too long", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return ms_fail(err, MS_ERR_IO, "%s: %s", path, strerror(errno));
	while (done < f->size) {
		n = write(fd, f->data + done, f->size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ms_fail(err, MS_ERR_IO, "%s: %s", path,
				n < 0 ? strerror(errno) : "short write");
			close(fd);
			return MS_ERR_IO;
		}
		done += (size_t)n;
	}
	if (close(fd))
		return ms_fail(err, MS_ERR_IO, "%s: %s", path, strerror(errno));
	return MS_OK;
}

int ms_bootstrap_create(char **dir, struct ms_error *err)
{
	const char *tmpdir = getenv("TMPDIR");
	const struct ms_embedded_file *f;
	char template[PATH_MAX], *made;

	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	if ((size_t)snprintf(template, sizeof(template), "%s/memsnap-record-XXXXXX", tmpdir) >=
	    sizeof(template))
		return ms_fail(err, MS_ERR_IO, "%s: path too long", tmpdir);
	if (!mkdtemp(template))
		return ms_fail(err, MS_ERR_IO, "cannot create a directory in %s: %s", tmpdir,
			       strerror(errno));
	/* Python compares sys.path entries as absolute paths */
	made = realpath(template, NULL);
	if (!made) {
		ms_fail(err, MS_ERR_IO, "%s: %s", template, strerror(errno));
		rmdir(template);
		return MS_ERR_IO;
	}
	for (f = ms_record_python; f->name; f++)
		if (write_file(made, f, err)) {
			ms_bootstrap_remove(made);
			free(made);
			return MS_ERR_IO;
		}
	*dir = made;
	return MS_OK;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void ms_bootstrap_remove(const char *dir)
{
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}
