/*
 * The restricted pickle reader for Snapshot.dump() files (protocols 2 to 5).
 */
#ifndef MEMSNAP_PICKLE_H
#define MEMSNAP_PICKLE_H

#include <stddef.h>

#include "memsnap/error.h"

struct ms_snapshot;

/*
 * Fills an empty snapshot from the pickle in buf. On failure returns
 * MS_ERR_FORMAT (err names the offset and opcode) or MS_ERR_NOMEM, and the
 * snapshot holds a partial result the caller must free, not use.
 */
int ms_pickle_read(struct ms_snapshot *snap, const void *buf, size_t len, struct ms_error *err);

/*
 * The same for a private read-only mapping of a file: pages the reader has
 * passed are dropped as it goes (madvise MADV_DONTNEED; they would be read
 * from the file again if needed), so the file's bytes never count whole
 * towards memsnap's memory. buf must be page-aligned.
 */
int ms_pickle_read_mapped(struct ms_snapshot *snap, const void *buf, size_t len,
			  struct ms_error *err);

/* The pickletools name of an opcode byte, or NULL for an unknown byte. */
const char *ms_pickle_opcode_name(unsigned char op);

#endif
