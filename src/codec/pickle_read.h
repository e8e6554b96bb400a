/*
 * The restricted pickle reader for Snapshot.dump() files (protocols 2 to 5).
 */
#ifndef MEMSNAP_PICKLE_READ_H
#define MEMSNAP_PICKLE_READ_H

#include <stddef.h>

#include "memsnap/error.h"

struct ms_snapshot;

/* How ms_pickle_read() may go about it. */
enum ms_pickle_flags {
	/*
	 * buf is a private read-only mapping of a file, page-aligned: pages
	 * the reader has passed are dropped as it goes (madvise
	 * MADV_DONTNEED; they would be read from the file again if needed),
	 * so the file's bytes never count whole towards memsnap's memory.
	 */
	MS_PICKLE_MAPPED = 1 << 0,
	/* a summed snapshot of several MB may be summed on a second thread */
	MS_PICKLE_THREAD = 1 << 1,
	/* a summed snapshot keeps only the newest frame of each traceback */
	MS_PICKLE_NEWEST = 1 << 2,
	/* with MS_PICKLE_NEWEST, it interns no other frame either */
	MS_PICKLE_NEWEST_FRAMES = 1 << 3,
};

/*
 * flags | MS_PICKLE_THREADS(n): a summed snapshot of a large protocol 4
 * or 5 dump may be read by up to n threads, each a chunk of the file
 * (pickle_split.h); the result is the same as on one.
 */
#define MS_PICKLE_THREADS(n) ((unsigned)(n) << 8)

static inline int ms_pickle_threads(unsigned flags)
{
	return flags >> 8 ? (int)(flags >> 8) : 1;
}

/*
 * Fills an empty snapshot from the pickle in buf. On failure returns
 * MS_ERR_FORMAT (err names the offset and opcode) or MS_ERR_NOMEM, and the
 * snapshot holds a partial result the caller must free, not use.
 */
int ms_pickle_read(struct ms_snapshot *snap, const void *buf, size_t len, unsigned flags,
		   struct ms_error *err);

#endif
