/*
 * Hash flooding: a snapshot whose 20,000 frames were chosen so that, with
 * an unkeyed frame hash (seed 0), they all fall in one bucket of the
 * interning table, which makes reading it quadratic. With the random seed
 * the snapshot draws, it must read about as fast as the same snapshot
 * with ordinary line numbers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "intern.h"
#include "memsnap/snapshot.h"

#define NFRAMES	    20000
#define BUCKET_BITS 15 /* the table has 2**15 buckets at 20,000 frames */
#define FILE_ID	    5  /* 'a.py', after the five names every dump starts with */

static const char head[] = "\x80\x04\x8c\x0btracemalloc\x94\x8c\x08Snapshot\x93)\x81}("
			   "\x8c\x06tracesh\x00\x8c\x07_Traces\x93)\x81}\x8c\x07_traces]"
			   /* the first trace names the file, as memo 1 */
			   "(K\x00K\x10\x8c\x04"
			   "a.py\x94K\x00\x86\x85K\x01ta";
static const char tail[] = "sb\x8c\x0ftraceback_limitK\x01ub.";

/* A snapshot of one trace per line number, each (0, 16, (('a.py', l),), 1). */
static unsigned char *build(const uint32_t *linenos, size_t *len)
{
	unsigned char *buf = malloc(sizeof(head) + 18 * NFRAMES + sizeof(tail)), *p = buf;
	size_t i;

	memcpy(p, head, sizeof(head) - 1);
	p += sizeof(head) - 1;
	for (i = 0; i < NFRAMES; i++) {
		/* MARK 0 16 (BINGET 1, BININT lineno) TUPLE2 TUPLE1 1 TUPLE APPEND */
		memcpy(p, "(K\x00K\x10h\x01J", 8);
		p[8] = linenos[i] & 255;
		p[9] = linenos[i] >> 8 & 255;
		p[10] = linenos[i] >> 16 & 255;
		p[11] = linenos[i] >> 24 & 255;
		memcpy(p + 12, "\x86\x85K\x01ta", 6);
		p += 18;
	}
	memcpy(p, tail, sizeof(tail) - 1);
	*len = (size_t)(p - buf) + sizeof(tail) - 1;
	return buf;
}

/* The best of three parses, in seconds. */
static double parse_time(const unsigned char *buf, size_t len)
{
	double best = 1e9;
	int k;

	for (k = 0; k < 3; k++) {
		struct timespec a, b;
		struct ms_snapshot *snap;
		struct ms_error err;
		double t;

		clock_gettime(CLOCK_MONOTONIC, &a);
		if (ms_snapshot_parse(buf, len, &snap, &err)) {
			printf("FAIL refused: offset %zu: %s\n", err.offset, err.message);
			exit(1);
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (ms_snapshot_frame_count(snap) != NFRAMES + 1) {
			printf("FAIL %zu frames, not %d\n", ms_snapshot_frame_count(snap),
			       NFRAMES + 1);
			exit(1);
		}
		ms_snapshot_free(snap);
		t = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
		if (t < best)
			best = t;
	}
	return best;
}

int main(void)
{
	static uint32_t flood[NFRAMES], plain[NFRAMES];
	const uint32_t mask = (1u << BUCKET_BITS) - 1;
	unsigned char *fbuf, *pbuf;
	size_t flen, plen, n = 0;
	uint32_t l;
	double tf, tp;

	/* what an attacker computes offline against an unkeyed hash */
	for (l = 1; n < NFRAMES && l < INT32_MAX; l++)
		if (!(ms_hash_u64(0, (uint64_t)FILE_ID << 32 | l) & mask))
			flood[n++] = l;
	for (n = 0; n < NFRAMES; n++)
		plain[n] = (uint32_t)n + 1;
	fbuf = build(flood, &flen);
	pbuf = build(plain, &plen);
	tf = parse_time(fbuf, flen);
	tp = parse_time(pbuf, plen);
	printf("%d frames in one bucket of an unkeyed hash: %.3f s; ordinary: %.3f s\n", NFRAMES,
	       tf, tp);
	free(fbuf);
	free(pbuf);
	if (tf > 5 * tp + 0.1) {
		printf("FAIL quadratic: the interning hashes are not keyed\n0 passed, 1 failed\n");
		return 1;
	}
	printf("1 passed, 0 failed\n");
	return 0;
}
