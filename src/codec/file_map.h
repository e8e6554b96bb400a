/*
 * A snapshot file's bytes in memory: a regular file mapped (read instead
 * when it cannot be), with a guard that turns a file changed or cut short
 * under the reader into an error instead of SIGBUS.
 */
#ifndef MEMSNAP_FILE_MAP_H
#define MEMSNAP_FILE_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "memsnap/error.h"

struct ms_file_map {
	const void *buf;
	size_t len;
	bool mapped;	   /* buf is a private read-only mapping of the file */
	volatile bool cut; /* a page of the file was gone when it was read */
	struct stat st;	   /* the file as it was when mapped or read */
};

/*
 * Fills m with the bytes of the regular file fd, st its fstat(): mapped,
 * or read when mmap() is refused. Release with ms_file_map_release().
 */
int ms_file_map(struct ms_file_map *m, int fd, const struct stat *st, struct ms_error *err);

/*
 * Between ms_file_map_guard() and ms_file_map_unguard(), on this thread, a
 * page of the mapping that is no longer in the file (SIGBUS) reads as
 * zeros and sets m->cut: the reader goes on over zeros to a failure, and
 * ms_file_map_changed() tells the caller to report the change instead.
 */
void ms_file_map_guard(struct ms_file_map *m);
void ms_file_map_unguard(void);
/* The mapping this thread guards, or NULL: a thread that reads it for this one guards it too. */
struct ms_file_map *ms_file_map_guarded(void);

/* Whether the file fd was cut short, resized or rewritten since it was mapped or read. */
bool ms_file_map_changed(const struct ms_file_map *m, int fd);

void ms_file_map_release(struct ms_file_map *m);

/* Reads all of fd into *buf (malloc'ed, the caller frees it). */
int ms_read_all(int fd, char **buf, size_t *len, struct ms_error *err);

#endif
