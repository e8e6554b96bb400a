/*
 * gzip input through zlib; see gzip_read.h. The output is bounded: a
 * pickle is inflated up to its STOP and no further, and nothing is
 * inflated past the limit, which a compressed bomb would pass long before
 * it cost memory.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fail.h"
#include "gzip_read.h"
#include "memsnap/size.h"
#include "platform.h"

#define LIMIT_FLOOR ((uint64_t)64 << 20)
#define LIMIT_RATIO 128

bool ms_gzip_detect(const void *buf, size_t len)
{
	const unsigned char *s = buf;

	return len >= 2 && s[0] == 0x1f && s[1] == 0x8b;
}

int ms_gzip_limit(size_t compressed, uint64_t *limit, struct ms_error *err)
{
	const char *set = getenv("MEMSNAP_GZIP_LIMIT");
	int status;

	if (set && *set) {
		status = ms_size_parse(set, limit, err);
		if (status && err) {
			char why[sizeof(err->message)];
			memcpy(why, err->message, sizeof(why));
			ms_fail(err, status, "MEMSNAP_GZIP_LIMIT: %s", why);
		}
		return status;
	}
	*limit = compressed > LIMIT_FLOOR / LIMIT_RATIO ? (uint64_t)compressed * LIMIT_RATIO
							: LIMIT_FLOOR;
	return MS_OK;
}

/*
 * Where a pickle ends, found while it is inflated: steps over whole
 * opcodes by their argument lengths, the ones the reader accepts. At STOP,
 * or at an opcode the reader refuses (it stops there too), what follows
 * is of no use to it.
 */
struct pickle_end {
	size_t pos;	  /* the next opcode */
	size_t frame_end; /* where the furthest FRAME says it ends: the reader checks it */
	bool found;	  /* pos is just past STOP or a refused opcode */
	bool frozen;	  /* a line too long to wait for: stop looking */
};

/* How much of the inflated data the reader needs, once the end is found. */
static size_t pickle_end_keep(const struct pickle_end *e)
{
	return e->frame_end > e->pos ? e->frame_end : e->pos;
}

/* How the argument of each opcode the reader accepts is laid out; 0: refused. */
enum arg { REFUSED, NONE, BYTES1, BYTES2, BYTES4, BYTES8, LEN1, LEN4, LEN8, LINES2 };

static const unsigned char arguments[256] = {
    ['('] = NONE,    ['.'] = NONE,   [')'] = NONE,   ['t'] = NONE,   [0x85] = NONE,
    [0x86] = NONE,   [0x87] = NONE,  [']'] = NONE,   ['a'] = NONE,   ['e'] = NONE,
    ['}'] = NONE,    ['s'] = NONE,   ['u'] = NONE,   [0x94] = NONE,  [0x93] = NONE,
    [0x81] = NONE,   ['b'] = NONE,   ['K'] = BYTES1, ['h'] = BYTES1, ['q'] = BYTES1,
    [0x80] = BYTES1, ['M'] = BYTES2, ['J'] = BYTES4, ['j'] = BYTES4, ['r'] = BYTES4,
    [0x95] = BYTES8, /* FRAME: its length; the opcodes inside follow */
    [0x8a] = LEN1,   [0x8c] = LEN1,  [0x8b] = LEN4,  ['X'] = LEN4,   [0x8d] = LEN8,
    ['c'] = LINES2,
};

/* Steps over the whole opcodes in buf[e->pos..len); true once the end is found. */
static bool pickle_end_scan(struct pickle_end *e, const unsigned char *buf, size_t len)
{
	while (!e->found && !e->frozen && e->pos < len) {
		const unsigned char *p = buf + e->pos, *nl;
		size_t left = len - e->pos - 1, size;
		enum arg arg = arguments[*p];
		uint64_t n;

		if (*p == '.' || arg == REFUSED) {
			e->pos++;
			e->found = true;
			break;
		}
		if (arg == LINES2) {
			/* module and class names are short: look at most 512 bytes ahead */
			size_t window = left < 512 ? left : 512;
			nl = memchr(p + 1, '\n', window);
			if (nl)
				nl = memchr(nl + 1, '\n', window - (size_t)(nl - p));
			if (!nl) {
				e->frozen = left >= 512;
				break;
			}
			size = (size_t)(nl - p);
		} else if (arg >= LEN1) {
			int w = arg == LEN1 ? 1 : arg == LEN4 ? 4 : 8;
			if (left < (size_t)w)
				break;
			n = ms_load_le(p + 1, w);
			if (n > SIZE_MAX - 9) {
				e->frozen = true; /* the reader refuses such a length */
				break;
			}
			size = (size_t)w + (size_t)n;
		} else {
			size = arg == NONE ? 0 : (size_t)1 << (arg - BYTES1);
		}
		if (left < size)
			break;
		if (*p == 0x95) {
			/* the reader checks every frame against what is left: the furthest counts
			 */
			n = ms_load_le(p + 1, 8);
			n = n > SIZE_MAX - e->pos - 9 ? SIZE_MAX : e->pos + 9 + (size_t)n;
			e->frame_end = n > e->frame_end ? (size_t)n : e->frame_end;
		}
		e->pos += 1 + size;
	}
	return e->found;
}

static int bad_data(struct ms_error *err, size_t offset, const char *what)
{
	ms_fail(err, MS_ERR_FORMAT, "gzip: %s", what);
	if (err)
		err->offset = offset;
	return MS_ERR_FORMAT;
}

/* Room for more output, never more than limit + 1 bytes (so that passing it shows). */
static int grow_output(char **dst, size_t *alloc, size_t step, uint64_t limit)
{
	uint64_t n = *alloc + (*alloc / 2 > step ? *alloc / 2 : step);
	char *p;

	if (n > limit + 1)
		n = limit + 1;
	if (n > SIZE_MAX || !(p = realloc(*dst, (size_t)n)))
		return -1;
	*dst = p;
	*alloc = (size_t)n;
	return 0;
}

/*
 * After a pickle's STOP: the rest of its member is inflated into nothing
 * while it is short (a file's end block and trailer, so that its check
 * sum is still verified), and not at all past CHECK_BUDGET bytes (a bomb
 * hidden there costs nothing). *more says whether anything follows.
 */
#define CHECK_BUDGET 65536

static int finish_member(z_stream *z, int zs, size_t done, size_t len, bool *more,
			 struct ms_error *err)
{
	static unsigned char scratch[4096];
	size_t seen = 0;

	while (zs != Z_STREAM_END && seen <= CHECK_BUDGET) {
		size_t before_in = z->total_in;
		z->next_out = scratch;
		z->avail_out = sizeof(scratch);
		zs = inflate(z, Z_NO_FLUSH);
		seen += sizeof(scratch) - z->avail_out;
		if (zs == Z_MEM_ERROR)
			return ms_fail(err, MS_ERR_NOMEM, "out of memory inflating gzip data");
		if (zs != Z_OK && zs != Z_BUF_ERROR && zs != Z_STREAM_END)
			return bad_data(err, done + z->total_in, z->msg ? z->msg : "invalid data");
		if (zs != Z_STREAM_END && done + z->total_in == len && z->total_in == before_in &&
		    z->avail_out)
			return bad_data(err, len, "file ends inside the compressed data");
	}
	*more = *more || seen > 0 || zs != Z_STREAM_END || done + z->total_in < len;
	return MS_OK;
}

int ms_gzip_inflate(const void *buf, size_t len, uint64_t limit, char **out, size_t *out_len,
		    bool *more, struct ms_error *err)
{
	z_stream z;
	char *dst = NULL;
	size_t alloc = 0, nr = 0, done = 0; /* input bytes of finished members */
	struct pickle_end end = {0};
	int status = MS_OK, zs = Z_OK;

	*out = NULL;
	*more = false;
	if (limit > SIZE_MAX - 1)
		limit = SIZE_MAX - 1;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory starting zlib");
	z.next_in = (Bytef *)buf;
	for (;;) {
		size_t before_in = z.total_in;
		/* zlib counts in uInt: feed and take at most 1 GiB per call */
		z.avail_in = (uInt)(len - done - z.total_in < (1u << 30) ? len - done - z.total_in
									 : (1u << 30));
		if (nr == alloc && nr > limit) {
			status =
			    ms_fail(err, MS_ERR_FORMAT,
				    "gzip: inflates to more than %llu bytes, the limit for %zu "
				    "compressed bytes (MEMSNAP_GZIP_LIMIT sets another)",
				    (unsigned long long)limit, len);
			break;
		}
		if (nr == alloc &&
		    grow_output(&dst, &alloc, len < 65536 ? 65536 : len, limit) < 0) {
			status = ms_fail(err, MS_ERR_NOMEM, "out of memory inflating gzip data");
			break;
		}
		z.next_out = (Bytef *)dst + nr;
		z.avail_out = (uInt)(alloc - nr < (1u << 30) ? alloc - nr : (1u << 30));
		zs = inflate(&z, Z_NO_FLUSH);
		nr = (size_t)(z.next_out - (Bytef *)dst);
		if (nr && (unsigned char)dst[0] == 0x80 && !end.found)
			pickle_end_scan(&end, (const unsigned char *)dst, nr);
		if (end.found && nr >= pickle_end_keep(&end)) {
			/* what follows the pickle is not kept, and not inflated unless short */
			*more = nr > pickle_end_keep(&end);
			nr = pickle_end_keep(&end);
			status = finish_member(&z, zs, done, len, more, err);
			break;
		}
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
