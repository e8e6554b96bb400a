/*
 * gzip input: a snapshot compressed with gzip (snap.bin.gz) is recognised by
 * its magic bytes, not its name, and inflated in memory before parsing.
 */
#ifndef MEMSNAP_GZIP_READ_H
#define MEMSNAP_GZIP_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "memsnap/error.h"

/* Whether buf starts with the gzip magic bytes 1f 8b. */
bool ms_gzip_detect(const void *buf, size_t len);

/*
 * Inflates all of buf: one gzip member or several concatenated, as gzip -d
 * does. On success *out (malloc'ed, the caller frees it) holds *out_len
 * bytes. On failure returns MS_ERR_FORMAT with the offset in buf where the
 * compressed data went wrong, or MS_ERR_NOMEM.
 */
int ms_gzip_inflate(const void *buf, size_t len, char **out, size_t *out_len, struct ms_error *err);

#endif
