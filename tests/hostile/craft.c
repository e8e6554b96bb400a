/*
 * craft: writes snapshots shaped to make a careless reader or analysis
 * costly, for tests/hostile/bounds.sh. Each is a pickle Python's
 * Snapshot.load() would read, built in memory and written by memsnap's
 * pickle writer, except "memo", whose bytes are written here.
 *
 *   craft domains N OUT      N one-frame tracebacks in domain 0, and one
 *                            trace in each of 15 more domains on the last ids
 *   craft deep T D OUT       T tracebacks of D frames, no frame shared
 *   craft names T L OUT      T traces whose file names are L bytes of '&<'
 *   craft wide N OUT         one traceback of N frames, each in a file of its
 *                            own name: srcN.py, line 1
 *   craft frames OUT FILE:LINE...  one trace of one frame for each argument,
 *                            sizes 1000, 999, ... in that order
 *   craft pairs F OUT        F * F tracebacks, every pair of F frames, one
 *                            trace each: the most ids for the fewest bytes
 *   craft twice F OUT        the F * F tracebacks of pairs, one trace each, then
 *                            one more each: a record for each, by reference
 *   craft series S G DIR     S snapshots DIR/NNN.bin of G groups each, no
 *                            group in two of them
 *   craft memo MB OUT        a pickle of MB megabytes of trace tuples of one
 *                            traceback: much to read, little to keep
 *   craft chunks MB OUT      the same memoized, in frames of about 64 KiB as
 *                            a dump's: a file memsnap can read in chunks
 *   craft bomb MB OUT [SNAP] gzip: the snapshot file SNAP (if given), then MB
 *                            MiB of zeros, in one member
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "snapshot_internal.h"

static void die(const char *what)
{
	fprintf(stderr, "craft: %s\n", what);
	exit(2);
}

static uint32_t frame(struct ms_snapshot *snap, const char *file, uint32_t len, uint32_t line)
{
	uint32_t s = ms_snapshot_intern_string(snap, file, len);

	return ms_snapshot_intern_frame(snap, s, line);
}

static void trace(struct ms_snapshot *snap, uint32_t domain, uint64_t size, const uint32_t *frames,
		  uint32_t n)
{
	struct ms_trace t = {size, domain, ms_snapshot_intern_traceback(snap, frames, n), n};

	if (t.traceback == MS_NO_ID || ms_snapshot_add_trace(snap, &t) < 0)
		die("out of memory");
}

static void save(struct ms_snapshot *snap, const char *path)
{
	FILE *out = fopen(path, "wb");
	struct ms_error err;

	snap->traceback_limit = 1000;
	snap->origin.trace_arity = 4;
	snap->origin.protocol = 4;
	if (!out || ms_snapshot_write_pickle(out, snap, &err) || fclose(out))
		die("cannot write");
	ms_snapshot_free(snap);
}

static struct ms_snapshot *new_snapshot(void)
{
	struct ms_snapshot *snap = ms_snapshot_new();

	if (!snap)
		die("out of memory");
	return snap;
}

static void domains(uint32_t n, const char *path)
{
	struct ms_snapshot *snap = new_snapshot();
	uint32_t i, f;

	for (i = 0; i < n; i++) {
		f = frame(snap, "a.py", 4, i + 1);
		trace(snap, 0, 16, &f, 1);
	}
	for (i = 1; i < 16; i++) {
		f = frame(snap, "a.py", 4, n - i);
		trace(snap, i, 32, &f, 1);
	}
	save(snap, path);
}

static void deep(uint32_t t, uint32_t d, const char *path)
{
	struct ms_snapshot *snap = new_snapshot();
	uint32_t *frames = malloc(d * sizeof(*frames)), i, k;
	char name[32];

	if (!frames)
		die("out of memory");
	for (i = 0; i < t; i++) {
		int len = snprintf(name, sizeof(name), "deep%u.py", i);
		for (k = 0; k < d; k++)
			frames[k] = frame(snap, name, (uint32_t)len, k + 1);
		trace(snap, 0, 1000 + i, frames, d);
	}
	free(frames);
	save(snap, path);
}

static void names(uint32_t t, uint32_t l, const char *path)
{
	struct ms_snapshot *snap = new_snapshot();
	char *name = malloc(l + 16);
	uint32_t i, k, f;

	if (!name)
		die("out of memory");
	for (k = 0; k < l; k++)
		name[k] = "&<"[k % 2];
	for (i = 0; i < t; i++) {
		int len = snprintf(name + l, 16, "%u", i);
		f = frame(snap, name, l + (uint32_t)len, 1);
		trace(snap, 0, 100, &f, 1);
	}
	free(name);
	save(snap, path);
}

/* pairs and twice: the F * F tracebacks, one trace each, rounds times over */
static void pairs(uint32_t n, int rounds, const char *path)
{
	struct ms_snapshot *snap = new_snapshot();
	uint32_t i, k, f[2];
	int round;

	for (round = 0; round < rounds; round++)
		for (i = 0; i < n; i++)
			for (k = 0; k < n; k++) {
				f[0] = frame(snap, "a.py", 4, i + 1);
				f[1] = frame(snap, "b.py", 4, k + 1);
				trace(snap, 0, 16, f, 2);
			}
	save(snap, path);
}

static void wide(uint32_t n, const char *path)
{
	struct ms_snapshot *snap = new_snapshot();
	uint32_t *frames = malloc(n * sizeof(*frames)), i;
	char name[32];

	if (!frames)
		die("out of memory");
	for (i = 0; i < n; i++) {
		int len = snprintf(name, sizeof(name), "src%u.py", i);
		frames[i] = frame(snap, name, (uint32_t)len, 1);
	}
	trace(snap, 0, 100, frames, n);
	free(frames);
	save(snap, path);
}

static void frames(char **args, int n, const char *path)
{
	struct ms_snapshot *snap = new_snapshot();
	uint32_t f;
	int i;

	for (i = 0; i < n; i++) {
		const char *colon = strrchr(args[i], ':');
		if (!colon)
			die("frames wants FILE:LINE");
		f = frame(snap, args[i], (uint32_t)(colon - args[i]), (uint32_t)atol(colon + 1));
		trace(snap, 0, 1000 - (uint64_t)i, &f, 1);
	}
	save(snap, path);
}

static void series(uint32_t s, uint32_t g, const char *dir)
{
	char path[4096], name[32];
	uint32_t i, k, f;

	for (i = 0; i < s; i++) {
		struct ms_snapshot *snap = new_snapshot();
		for (k = 0; k < g; k++) {
			int len = snprintf(name, sizeof(name), "s%u_%u.py", i, k);
			f = frame(snap, name, (uint32_t)len, 1);
			trace(snap, 0, 100 + i, &f, 1);
		}
		snprintf(path, sizeof(path), "%s/%03u.bin", dir, i);
		save(snap, path);
	}
}

/*
 * The opcodes of memo() and chunks() before their trace list's first
 * batch, up to its first trace (one of a frame a.py:1, memo index 2), and
 * after the list.
 */
static const char list_head[] =
    "\x8c\x0btracemalloc\x94\x8c\x08Snapshot\x93)\x81}(\x8c\x06tracesh\x00"
    "\x8c\x07_Traces\x93)\x81}\x8c\x07_traces]((K\x00K\x10\x8c\x04"
    "a.py\x94K\x01\x86\x85\x94K\x01t";
static const char list_tail[] = "sb\x8c\x0ftraceback_limitK\x01ub.";

/* One traceback, memo 2; then MB megabytes of (0, 16, memo 2, 1) tuples. */
static void memo(uint32_t mb, const char *path)
{
	static char batch[1 + 1000 * 10 + 1];
	FILE *out = fopen(path, "wb");
	size_t written = 0, i;

	if (!out)
		die("cannot write");
	batch[0] = '(';
	for (i = 0; i < 1000; i++)
		memcpy(batch + 1 + 10 * i, "(K\x00K\x10h\x02K\x01t", 10);
	batch[sizeof(batch) - 1] = 'e';
	fwrite("\x80\x04", 1, 2, out);
	fwrite(list_head, 1, sizeof(list_head) - 1, out);
	fwrite("e", 1, 1, out);
	while (written < (size_t)mb << 20) {
		fwrite(batch, 1, sizeof(batch), out);
		written += sizeof(batch);
	}
	fwrite(list_tail, 1, sizeof(list_tail) - 1, out);
	if (fclose(out))
		die("cannot write");
}

static void put_frame(FILE *out, const void *bytes, size_t n)
{
	unsigned char head[9] = {0x95};
	int i;

	for (i = 0; i < 8; i++)
		head[1 + i] = (unsigned char)((uint64_t)n >> 8 * i);
	fwrite(head, 1, sizeof(head), out);
	fwrite(bytes, 1, n, out);
}

/* memo()'s traces, each memoized as dumps do, the trace list in frames of six batches. */
static void chunks(uint32_t mb, const char *path)
{
	static char head[sizeof(list_head) + 1], batches[6 * (1 + 1000 * 11 + 1)];
	FILE *out = fopen(path, "wb");
	size_t written = 0, i, b;

	if (!out)
		die("cannot write");
	for (b = 0; b < 6; b++) {
		char *batch = batches + b * (1 + 1000 * 11 + 1);

		batch[0] = '(';
		for (i = 0; i < 1000; i++)
			memcpy(batch + 1 + 11 * i, "(K\x00K\x10h\x02K\x01t\x94", 11);
		batch[1 + 1000 * 11] = 'e';
	}
	/* the first trace memoized too, and the list's first batch ended */
	memcpy(head, list_head, sizeof(list_head) - 1);
	head[sizeof(list_head) - 1] = '\x94';
	head[sizeof(list_head)] = 'e';
	fwrite("\x80\x04", 1, 2, out);
	put_frame(out, head, sizeof(head));
	while (written < (size_t)mb << 20) {
		put_frame(out, batches, sizeof(batches));
		written += sizeof(batches);
	}
	put_frame(out, list_tail, sizeof(list_tail) - 1);
	if (fclose(out))
		die("cannot write");
}

/* Deflates in[0..n) with a full flush (no reference back past it) into out. */
static size_t deflate_chunk(z_stream *z, const void *in, size_t n, unsigned char *out, size_t size,
			    int flush)
{
	z->next_in = (Bytef *)in;
	z->avail_in = (uInt)n;
	z->next_out = out;
	z->avail_out = (uInt)size;
	if (deflate(z, flush) == Z_STREAM_ERROR || z->avail_in || !z->avail_out)
		die("deflate failed");
	return size - z->avail_out;
}

static void put_le32(FILE *out, uint32_t v)
{
	unsigned char b[4] = {v & 255, v >> 8 & 255, v >> 16 & 255, v >> 24 & 255};

	fwrite(b, 1, 4, out);
}

/*
 * A megabyte of zeros deflated once after a full flush is the same bytes
 * every time: written MB times, it inflates to MB MiB in one member, made
 * in milliseconds.
 */
static void bomb(uint32_t mb, const char *path, const char *snap)
{
	static const unsigned char header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
	static unsigned char zeros[1 << 20], chunk[1 << 20], prefix[1 << 20], buf[1 << 20];
	FILE *src = snap ? fopen(snap, "rb") : NULL, *dst = fopen(path, "wb");
	size_t plen = src ? fread(prefix, 1, sizeof(prefix), src) : 0, n, zn;
	uLong crc = crc32(0, prefix, (uInt)plen), zcrc = crc32(0, zeros, sizeof(zeros));
	z_stream z;
	uint32_t i;

	memset(&z, 0, sizeof(z));
	if ((snap && !src) || !dst ||
	    deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		die("cannot write");
	fwrite(header, 1, sizeof(header), dst);
	n = deflate_chunk(&z, prefix, plen, buf, sizeof(buf), Z_FULL_FLUSH);
	fwrite(buf, 1, n, dst);
	zn = deflate_chunk(&z, zeros, sizeof(zeros), chunk, sizeof(chunk), Z_FULL_FLUSH);
	for (i = 0; i < mb; i++) {
		fwrite(chunk, 1, zn, dst);
		crc = crc32_combine(crc, zcrc, sizeof(zeros));
	}
	n = deflate_chunk(&z, NULL, 0, buf, sizeof(buf), Z_FINISH);
	fwrite(buf, 1, n, dst);
	deflateEnd(&z);
	put_le32(dst, (uint32_t)crc);
	put_le32(dst, (uint32_t)(plen + ((uint64_t)mb << 20)));
	if (src)
		fclose(src);
	if (fclose(dst))
		die("cannot write");
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "domains"))
		domains((uint32_t)atol(argv[2]), argv[3]);
	else if (argc == 5 && !strcmp(argv[1], "deep"))
		deep((uint32_t)atol(argv[2]), (uint32_t)atol(argv[3]), argv[4]);
	else if (argc == 5 && !strcmp(argv[1], "names"))
		names((uint32_t)atol(argv[2]), (uint32_t)atol(argv[3]), argv[4]);
	else if (argc == 4 && !strcmp(argv[1], "wide"))
		wide((uint32_t)atol(argv[2]), argv[3]);
	else if (argc >= 4 && !strcmp(argv[1], "frames"))
		frames(argv + 3, argc - 3, argv[2]);
	else if (argc == 4 && !strcmp(argv[1], "pairs"))
		pairs((uint32_t)atol(argv[2]), 1, argv[3]);
	else if (argc == 4 && !strcmp(argv[1], "twice"))
		pairs((uint32_t)atol(argv[2]), 2, argv[3]);
	else if (argc == 5 && !strcmp(argv[1], "series"))
		series((uint32_t)atol(argv[2]), (uint32_t)atol(argv[3]), argv[4]);
	else if ((argc == 4 || argc == 5) && !strcmp(argv[1], "bomb"))
		bomb((uint32_t)atol(argv[2]), argv[3], argc == 5 ? argv[4] : NULL);
	else if (argc == 4 && !strcmp(argv[1], "memo"))
		memo((uint32_t)atol(argv[2]), argv[3]);
	else if (argc == 4 && !strcmp(argv[1], "chunks"))
		chunks((uint32_t)atol(argv[2]), argv[3]);
	else
		die("usage: craft "
		    "domains|deep|names|wide|frames|pairs|twice|series|memo|chunks|bomb "
		    "... (see craft.c)");
	return 0;
}
