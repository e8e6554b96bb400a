/*
 * The libFuzzer target for gzip input: the input is read as it is (gzip
 * data as found, the seeds being gzip files) and, compressed here, as the
 * bytes of a snapshot: compressed, it must be refused the same way (the
 * same offset, now in the inflated data, and message) or give the same
 * statistics as read plainly. See README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "int128.h"
#include "memsnap/snapshot.h"
#include "memsnap/stats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* data as one gzip member, malloc'ed. */
static unsigned char *compress_gzip(const uint8_t *data, size_t size, size_t *len)
{
	z_stream z;
	size_t bound = size + size / 8 + 64;
	unsigned char *out = malloc(bound);

	memset(&z, 0, sizeof(z));
	if (!out || deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)size;
	z.next_out = out;
	z.avail_out = (uInt)bound;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	*len = z.total_out;
	deflateEnd(&z);
	return out;
}

static bool same_statistics(const struct ms_snapshot *a, const struct ms_snapshot *b)
{
	struct ms_stats x = {0}, y = {0};
	struct ms_error err;
	bool same;
	size_t i;

	if (ms_stats_compute(&x, a, NULL, MS_KEY_TRACEBACK, false, &err) ||
	    ms_stats_compute(&y, b, NULL, MS_KEY_TRACEBACK, false, &err))
		abort();
	same = x.nr == y.nr && ms_u128_from(x.trace_size) == ms_u128_from(y.trace_size) &&
	       x.trace_count == y.trace_count;
	for (i = 0; same && i < x.nr; i++)
		same = ms_u128_from(x.items[i].size) == ms_u128_from(y.items[i].size) &&
		       x.items[i].count == y.items[i].count;
	ms_stats_release(&x);
	ms_stats_release(&y);
	return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ms_snapshot *plain = NULL, *packed = NULL;
	struct ms_error e1, e2;
	unsigned char *gz;
	size_t len;
	int s1, s2;

	/* as found: gzip data from the seeds, damaged by the fuzzer */
	if (!ms_snapshot_parse(data, size, &plain, &e1))
		ms_snapshot_free(plain);
	else if (e1.status == MS_ERR_FORMAT && !e1.message[0])
		abort();
	/* compressed here (not gzip data again): the same answer as the plain bytes */
	if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
		return 0;
	gz = compress_gzip(data, size, &len);
	s1 = ms_snapshot_parse(data, size, &plain, &e1);
	s2 = ms_snapshot_parse(gz, len, &packed, &e2);
	if (s1 != s2)
		abort();
	if (s1 && s1 == MS_ERR_FORMAT &&
	    (e1.offset != e2.offset || strcmp(e1.message, e2.message) ||
	     e2.inflated != (e2.offset != MS_NO_OFFSET)))
		abort();
	if (!s1 && !same_statistics(plain, packed))
		abort();
	ms_snapshot_free(plain);
	ms_snapshot_free(packed);
	free(gz);
	return 0;
}
