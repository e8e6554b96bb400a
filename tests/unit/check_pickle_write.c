/*
 * The pickle writer, read back by memsnap's own restricted reader: every
 * trace, traceback and string survives; APPEND for one trace and APPENDS
 * batches of 1000; the protocol and trace arity rules. (Byte identity with
 * Python's Snapshot.dump() is checked on Python's own dumps by
 * tests/formats/io.sh.)
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include "pickle_ops.h"
#include "pickle_read.h"
#include "snapshot_internal.h"
#include "unit.h"

/* A snapshot of n traces over a few tracebacks, sizes up to 2**64-1. */
static struct ms_snapshot *make(size_t n, int arity, int protocol)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	uint32_t a = ms_snapshot_intern_string(snap, "a.py", 4);
	uint32_t b = ms_snapshot_intern_string(snap, "b\xed\xb2\x80.py", 7);
	uint32_t frames[3] = {ms_snapshot_intern_frame(snap, a, 1),
			      ms_snapshot_intern_frame(snap, b, UINT32_MAX),
			      ms_snapshot_intern_frame(snap, a, 1)};
	uint32_t tb[2] = {ms_snapshot_intern_traceback(snap, frames, 3),
			  ms_snapshot_intern_traceback(snap, frames + 1, 1)};
	size_t i;

	for (i = 0; i < n; i++) {
		struct ms_trace t = {i % 3 ? i * 977 : UINT64_MAX - i, (uint32_t)(i % 5), tb[i % 2],
				     (uint32_t)(i % 2 ? 1 : 3 + i % 4)};
		if (arity == 3)
			t.total_nframe = snap->tracebacks[t.traceback].nframe;
		ck_assert_int_eq(ms_snapshot_add_trace(snap, &t), 0);
	}
	snap->traceback_limit = 5;
	snap->origin.trace_arity = n ? arity : 0;
	snap->origin.protocol = protocol;
	return snap;
}

static unsigned char *write_pickle(const struct ms_snapshot *snap, size_t *len)
{
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);
	struct ms_error err;

	ck_assert_int_eq(ms_snapshot_write_pickle(out, snap, &err), MS_OK);
	fclose(out);
	return (unsigned char *)buf;
}

static void same_snapshots(const struct ms_snapshot *a, const struct ms_snapshot *b)
{
	size_t i, la, lb;
	uint32_t k, na, nb;

	ck_assert_int_eq(ms_snapshot_traceback_limit(a), ms_snapshot_traceback_limit(b));
	ck_assert_uint_eq(ms_snapshot_trace_count(a), ms_snapshot_trace_count(b));
	for (i = 0; i < ms_snapshot_trace_count(a); i++) {
		struct ms_trace x = ms_snapshot_trace(a, i), y = ms_snapshot_trace(b, i);
		uint32_t fx[64], fy[64];
		na = unit_traceback(a, x.traceback, fx, UNIT_NROWS(fx));
		nb = unit_traceback(b, y.traceback, fy, UNIT_NROWS(fy));
		ck_assert(x.size == y.size);
		ck_assert_uint_eq(x.domain, y.domain);
		ck_assert_uint_eq(x.total_nframe, y.total_nframe);
		ck_assert_uint_eq(na, nb);
		for (k = 0; k < na; k++) {
			struct ms_frame p = ms_snapshot_frame(a, fx[k]),
					q = ms_snapshot_frame(b, fy[k]);
			const char *sa = ms_snapshot_string(a, p.file, &la);
			const char *sb = ms_snapshot_string(b, q.file, &lb);
			ck_assert_uint_eq(p.lineno, q.lineno);
			ck_assert_uint_eq(la, lb);
			ck_assert(!memcmp(sa, sb, la));
		}
	}
}

static void round_trip(size_t n, int arity, int protocol, int want_protocol)
{
	struct ms_snapshot *snap = make(n, arity, protocol), *back = ms_snapshot_new();
	size_t len;
	unsigned char *buf = write_pickle(snap, &len);
	struct ms_error err;

	ck_assert_uint_eq(buf[1], want_protocol);
	ck_assert_int_eq(ms_pickle_read(back, buf, len, 0, &err), MS_OK);
	ck_assert_int_eq(back->origin.trace_arity, snap->origin.trace_arity);
	same_snapshots(snap, back);
	free(buf);
	ms_snapshot_free(snap);
	ms_snapshot_free(back);
}

START_TEST(round_trips)
{
	static const size_t counts[] = {0, 1, 2, 999, 1000, 1001, 2000, 2001, 5003};
	size_t i;

	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		round_trip(counts[i], 4, 0, counts[i] ? 5 : 4);
		round_trip(counts[i], 3, 0, 4);
		round_trip(counts[i], 4, 4, 4);
		round_trip(counts[i], 3, 5, 5);
	}
}
END_TEST

/* How the traces list ends: APPEND for one trace, APPENDS for more. */
static void list_ends_with(size_t n, enum ms_pickle_op op)
{
	struct ms_snapshot *snap = make(n, 4, 5);
	size_t len;
	unsigned char *buf = write_pickle(snap, &len);
	char tail[] = "?sb\x8c\x0ftraceback_limit\x94";

	tail[0] = (char)op;
	ck_assert_ptr_nonnull(memmem(buf, len, tail, sizeof(tail) - 1));
	free(buf);
	ms_snapshot_free(snap);
}

START_TEST(one_trace_is_appended)
{
	list_ends_with(1, OP_APPEND);
	list_ends_with(2, OP_APPENDS);
	list_ends_with(1001, OP_APPENDS);
}
END_TEST

UNIT_MAIN("pickle_write", UNIT_ONCE(round_trips), UNIT_ONCE(one_trace_is_appended))
