/*
 * gzip input: one member or several, and the offsets of what is wrong in
 * damaged data. The compressed test data is made here with zlib.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "gzip_read.h"
#include "unit.h"

/* data gzip-compressed into a malloc'ed buffer. */
static unsigned char *gz(const void *data, size_t len, size_t *out_len)
{
	z_stream z;
	unsigned char *out = malloc(len + 64);

	memset(&z, 0, sizeof(z));
	ck_assert_int_eq(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
			 Z_OK);
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)len + 64;
	ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	*out_len = z.total_out;
	deflateEnd(&z);
	return out;
}

static const char text[] = "memsnap reads gzip-compressed snapshots, one member or several";

START_TEST(one_and_two_members)
{
	size_t n1, n2, len;
	unsigned char *a = gz(text, 20, &n1), *b = gz(text + 20, sizeof(text) - 20, &n2);
	unsigned char *both = malloc(n1 + n2);
	char *out;
	bool more;
	struct ms_error err;

	ck_assert(ms_gzip_detect(a, n1));
	ck_assert(!ms_gzip_detect(text, sizeof(text)));
	ck_assert(!ms_gzip_detect(a, 1));
	memcpy(both, a, n1);
	memcpy(both + n1, b, n2);
	ck_assert_int_eq(ms_gzip_inflate(both, n1 + n2, UINT64_MAX, &out, &len, &more, &err),
			 MS_OK);
	ck_assert_uint_eq(len, sizeof(text));
	ck_assert_str_eq(out, text);
	free(out);
	ck_assert_int_eq(ms_gzip_inflate(a, n1, UINT64_MAX, &out, &len, &more, &err), MS_OK);
	ck_assert_uint_eq(len, 20);
	ck_assert(!memcmp(out, text, 20));
	free(out);
	free(a);
	free(b);
	free(both);
}
END_TEST

START_TEST(empty_member)
{
	size_t n, len;
	unsigned char *a = gz("", 0, &n);
	char *out;
	bool more;
	struct ms_error err;

	ck_assert_int_eq(ms_gzip_inflate(a, n, UINT64_MAX, &out, &len, &more, &err), MS_OK);
	ck_assert_uint_eq(len, 0);
	free(out);
	free(a);
}
END_TEST

START_TEST(damage)
{
	size_t n, len;
	unsigned char *a = gz(text, sizeof(text), &n), *b = malloc(n + 4);
	char *out;
	bool more;
	struct ms_error err;

	ck_assert_int_eq(ms_gzip_inflate(a, n - 9, UINT64_MAX, &out, &len, &more, &err),
			 MS_ERR_FORMAT);
	ck_assert_str_eq(err.message, "gzip: file ends inside the compressed data");
	ck_assert_uint_eq(err.offset, n - 9);
	ck_assert_ptr_null(out);

	memcpy(b, a, n);
	memcpy(b + n, "junk", 4);
	ck_assert_int_eq(ms_gzip_inflate(b, n + 4, UINT64_MAX, &out, &len, &more, &err),
			 MS_ERR_FORMAT);
	ck_assert_str_eq(err.message, "gzip: trailing bytes after the compressed data");
	ck_assert_uint_eq(err.offset, n);

	memcpy(b, a, n);
	b[n - 5] ^= 0xff; /* the CRC in the trailer */
	ck_assert_int_eq(ms_gzip_inflate(b, n, UINT64_MAX, &out, &len, &more, &err), MS_ERR_FORMAT);
	ck_assert_str_eq(err.message, "gzip: incorrect data check");

	memcpy(b, a, n);
	b[n - 1] ^= 0xff; /* the length in the trailer */
	ck_assert_int_eq(ms_gzip_inflate(b, n, UINT64_MAX, &out, &len, &more, &err), MS_ERR_FORMAT);
	ck_assert_str_eq(err.message, "gzip: incorrect length check");

	memcpy(b, a, n);
	b[2] = 7; /* not deflate */
	ck_assert_int_eq(ms_gzip_inflate(b, n, UINT64_MAX, &out, &len, &more, &err), MS_ERR_FORMAT);
	ck_assert_str_eq(err.message, "gzip: unknown compression method");
	/* where zlib stopped reading: within the 10-byte header */
	ck_assert_uint_lt(err.offset, 10);
	free(a);
	free(b);
}
END_TEST

/* A 1 MiB bomb of zeros and a limit of 64 KiB: refused, naming the limit. */
START_TEST(limit)
{
	size_t n, len;
	char *zeros = calloc(1, 1 << 20), *out;
	unsigned char *a = gz(zeros, 1 << 20, &n);
	uint64_t bound;
	bool more;
	struct ms_error err;

	ck_assert_int_eq(ms_gzip_inflate(a, n, 65536, &out, &len, &more, &err), MS_ERR_FORMAT);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(err.offset, MS_NO_OFFSET);
	ck_assert_ptr_nonnull(strstr(err.message, "inflates to more than 65536 bytes"));
	ck_assert_int_eq(ms_gzip_inflate(a, n, 1 << 20, &out, &len, &more, &err), MS_OK);
	ck_assert_uint_eq(len, 1 << 20);
	free(out);

	unsetenv("MEMSNAP_GZIP_LIMIT");
	ck_assert_int_eq(ms_gzip_limit(1000, &bound, &err), MS_OK);
	ck_assert_uint_eq(bound, 64 << 20);
	ck_assert_int_eq(ms_gzip_limit(1 << 20, &bound, &err), MS_OK);
	ck_assert_uint_eq(bound, (uint64_t)128 << 20);
	setenv("MEMSNAP_GZIP_LIMIT", "2GiB", 1);
	ck_assert_int_eq(ms_gzip_limit(1000, &bound, &err), MS_OK);
	ck_assert_uint_eq(bound, (uint64_t)2 << 30);
	setenv("MEMSNAP_GZIP_LIMIT", "lots", 1);
	ck_assert_int_ne(ms_gzip_limit(1000, &bound, &err), MS_OK);
	ck_assert_ptr_nonnull(strstr(err.message, "MEMSNAP_GZIP_LIMIT: "));
	unsetenv("MEMSNAP_GZIP_LIMIT");
	free(a);
	free(zeros);
}
END_TEST

/*
 * A pickle is inflated up to its STOP: what follows, in the same member or
 * in another, is not; an opcode the reader refuses ends it as well.
 */
START_TEST(pickle_end)
{
	static const char pickle[] = "\x80\x04\x8c\x03"
				     "abcK\x01"
				     "cm\nn\n.";
	size_t n, n2, len, plen = sizeof(pickle) - 1;
	char *big = malloc(plen + (1 << 20)), *out;
	unsigned char *a, *b, *both;
	bool more;
	struct ms_error err;

	/* the pickle alone: all of it, nothing more */
	a = gz(pickle, plen, &n);
	ck_assert_int_eq(ms_gzip_inflate(a, n, UINT64_MAX, &out, &len, &more, &err), MS_OK);
	ck_assert_uint_eq(len, plen);
	ck_assert(!more);
	free(out);
	/* then a MiB of zeros in the same member, then a second member */
	memcpy(big, pickle, plen);
	memset(big + plen, 0, 1 << 20);
	b = gz(big, plen + (1 << 20), &n2);
	ck_assert_int_eq(ms_gzip_inflate(b, n2, 65536, &out, &len, &more, &err), MS_OK);
	ck_assert_uint_eq(len, plen);
	ck_assert(!memcmp(out, pickle, plen));
	ck_assert(more);
	free(out);
	both = malloc(n + n2);
	memcpy(both, a, n);
	memcpy(both + n, b, n2);
	ck_assert_int_eq(ms_gzip_inflate(both, n + n2, 65536, &out, &len, &more, &err), MS_OK);
	ck_assert_uint_eq(len, plen);
	ck_assert(more);
	free(out);
	free(a);
	free(b);
	/* a refused opcode (NONE) ends what the reader can use */
	memcpy(big, "\x80\x04N", 3);
	a = gz(big, 3 + (1 << 20), &n);
	ck_assert_int_eq(ms_gzip_inflate(a, n, 65536, &out, &len, &more, &err), MS_OK);
	ck_assert_uint_eq(len, 3);
	ck_assert(more);
	free(out);
	free(a);
	free(both);
	free(big);
}
END_TEST

UNIT_MAIN("gzip", UNIT_ONCE(one_and_two_members), UNIT_ONCE(empty_member), UNIT_ONCE(damage),
	  UNIT_ONCE(limit), UNIT_ONCE(pickle_end))
