/* gzip input through zlib; see gzip_read.h. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "grow.h"
#include "gzip_read.h"
#include "fail.h"

bool ms_gzip_detect(const void *buf, size_t len)
{
	const unsigned char *s = buf;

	return len >= 2 && s[0] == 0x1f && s[1] == 0x8b;
}

static int bad_data(struct ms_error *err, size_t offset, const char *what)
{
	ms_fail(err, MS_ERR_FORMAT, "gzip: %s", what);
	if (err)
		err->offset = offset;
	return MS_ERR_FORMAT;
}

int ms_gzip_inflate(const void *buf, size_t len, char **out, size_t *out_len, struct ms_error *err)
{
	z_stream z;
	char *dst = NULL;
	size_t alloc = 0, nr = 0, done = 0; /* input bytes of finished members */
	int status = MS_OK, zs = Z_OK;

	*out = NULL;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory starting zlib");
	z.next_in = (Bytef *)buf;
	for (;;) {
		size_t before_in = z.total_in;
		/* zlib counts in uInt: feed and take at most 1 GiB per call */
		z.avail_in = (uInt)(len - done - z.total_in < (1u << 30) ? len - done - z.total_in
									 : (1u << 30));
		if (nr == alloc && MS_GROW(dst, nr + (len < 65536 ? 65536 : len), alloc) < 0) {
			status = ms_fail(err, MS_ERR_NOMEM, "out of memory inflating gzip data");
			break;
		}
		z.next_out = (Bytef *)dst + nr;
		z.avail_out = (uInt)(alloc - nr < (1u << 30) ? alloc - nr : (1u << 30));
		zs = inflate(&z, Z_NO_FLUSH);
		nr = (size_t)(z.next_out - (Bytef *)dst);
		if (zs == Z_STREAM_END) {
			done += z.total_in;
			if (done == len)
				break;
			if (!ms_gzip_detect((const char *)buf + done, len - done)) {
				status =
				    bad_data(err, done, "trailing bytes after the compressed data");
				break;
			}
			inflateReset(&z);
			z.next_in = (Bytef *)buf + done;
			continue;
		}
		if (zs == Z_MEM_ERROR) {
			status = ms_fail(err, MS_ERR_NOMEM, "out of memory inflating gzip data");
			break;
		}
		if (zs != Z_OK && zs != Z_BUF_ERROR) {
			status = bad_data(err, done + z.total_in, z.msg ? z.msg : "invalid data");
			break;
		}
		if (done + z.total_in == len && z.total_in == before_in && z.avail_out) {
			status = bad_data(err, len, "file ends inside the compressed data");
			break;
		}
	}
	inflateEnd(&z);
	if (status) {
		free(dst);
		return status;
	}
	*out = dst;
	*out_len = nr;
	return MS_OK;
}
