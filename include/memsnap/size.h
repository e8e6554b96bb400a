/*
 * Sizes as people write them on a command line, for the growth gates:
 * "4096", "512B", "1.5 MiB", "10M", "200KB". Binary units (K or KiB, M or
 * MiB, G or GiB, T or TiB) are powers of 1024, decimal ones (KB, MB, GB,
 * TB) powers of 1000.
 */
#ifndef MEMSNAP_SIZE_H
#define MEMSNAP_SIZE_H

#include <stdint.h>

#include "memsnap/api.h"
#include "memsnap/error.h"

MS_BEGIN_DECLS

/*
 * Parses text (a decimal number, optionally with a fraction, then an
 * optional unit, any case, optionally after spaces) into whole bytes,
 * rounded down: growth above 1.5 bytes is growth above 1 byte. Returns
 * MS_OK, or MS_ERR_USAGE with err saying what is wrong. Any thread.
 */
MS_API int ms_size_parse(const char *text, uint64_t *bytes, struct ms_error *err);

MS_END_DECLS

#endif
