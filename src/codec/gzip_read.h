/*
 * gzip input: a snapshot compressed with gzip (snap.bin.gz) is recognised by
 * its magic bytes, not its name, and inflated in memory before parsing, up
 * to the end of the pickle and no further than a limit.
 */
#ifndef MEMSNAP_GZIP_READ_H
#define MEMSNAP_GZIP_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memsnap/error.h"

/* Whether buf starts with the gzip magic bytes 1f 8b. */
bool ms_gzip_detect(const void *buf, size_t len);

/*
 * How many bytes compressed bytes may inflate to: 128 times as many, and
 * at least 64 MiB, or the size MEMSNAP_GZIP_LIMIT gives (MS_ERR_USAGE when
 * it is not one).
 */
int ms_gzip_limit(size_t compressed, uint64_t *limit, struct ms_error *err);

/*
 * Inflates buf: one gzip member or several concatenated, as gzip -d does.
 * Inflating stops at the end of a pickle (its STOP, or an opcode the
 * reader refuses): what follows is not kept, and not inflated beyond the
 * end of its member when that is near (so that its check sum is still
 * verified); *more says whether anything followed. On success *out (malloc'ed, the caller frees it)
 * holds *out_len bytes. On failure returns MS_ERR_FORMAT with the offset in buf where the
 * compressed data went wrong, or without one when it inflates to more than limit, or MS_ERR_NOMEM.
 */
int ms_gzip_inflate(const void *buf, size_t len, uint64_t limit, char **out, size_t *out_len,
		    bool *more, struct ms_error *err);

#endif
