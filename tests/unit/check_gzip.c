/*
 * gzip input: one member or several, and the offsets of what is wrong in
 * damaged data. The compressed test data is made here with zlib.
 */
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
	struct ms_error err;

	ck_assert(ms_gzip_detect(a, n1));
	ck_assert(!ms_gzip_detect(text, sizeof(text)));
	ck_assert(!ms_gzip_detect(a, 1));
	memcpy(both, a, n1);
	memcpy(both + n1, b, n2);
	ck_assert_int_eq(ms_gzip_inflate(both, n1 + n2, &out, &len, &err), MS_OK);
	ck_assert_uint_eq(len, sizeof(text));
	ck_assert_str_eq(out, text);
	free(out);
	ck_assert_int_eq(ms_gzip_inflate(a, n1, &out, &len, &err), MS_OK);
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
	struct ms_error err;

	ck_assert_int_eq(ms_gzip_inflate(a, n, &out, &len, &err), MS_OK);
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
	struct ms_error err;

	ck_assert_int_eq(ms_gzip_inflate(a, n - 9, &out, &len, &err), MS_ERR_FORMAT);
	ck_assert_str_eq(err.message, "gzip: file ends inside the compressed data");
	ck_assert_uint_eq(err.offset, n - 9);
	ck_assert_ptr_null(out);

	memcpy(b, a, n);
	memcpy(b + n, "junk", 4);
	ck_assert_int_eq(ms_gzip_inflate(b, n + 4, &out, &len, &err), MS_ERR_FORMAT);
	ck_assert_str_eq(err.message, "gzip: trailing bytes after the compressed data");
	ck_assert_uint_eq(err.offset, n);

	memcpy(b, a, n);
	b[n - 5] ^= 0xff; /* the CRC in the trailer */
	ck_assert_int_eq(ms_gzip_inflate(b, n, &out, &len, &err), MS_ERR_FORMAT);
	ck_assert_str_eq(err.message, "gzip: incorrect data check");

	memcpy(b, a, n);
	b[n - 1] ^= 0xff; /* the length in the trailer */
	ck_assert_int_eq(ms_gzip_inflate(b, n, &out, &len, &err), MS_ERR_FORMAT);
	ck_assert_str_eq(err.message, "gzip: incorrect length check");

	memcpy(b, a, n);
	b[2] = 7; /* not deflate */
	ck_assert_int_eq(ms_gzip_inflate(b, n, &out, &len, &err), MS_ERR_FORMAT);
	ck_assert_str_eq(err.message, "gzip: unknown compression method");
	/* where zlib stopped reading: within the 10-byte header */
	ck_assert_uint_lt(err.offset, 10);
	free(a);
	free(b);
}
END_TEST

UNIT_MAIN("gzip", UNIT_ONCE(one_and_two_members), UNIT_ONCE(empty_member), UNIT_ONCE(damage))
