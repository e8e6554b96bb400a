/*
 * A snapshot loaded summed keeps sums, not traces: every call that needs
 * the traces refuses it (an empty trace, MS_ERR_USAGE) where it used to
 * read through a NULL array.
 */
#include <stdio.h>
#include <unistd.h>

#include "info.h"
#include "unit.h"

/* A small pickle of three traces in a temporary file; its path in path. */
static void write_snapshot(char *path)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	int fd = mkstemp(path);
	FILE *out = fdopen(fd, "wb");
	uint32_t s, f, i;
	struct ms_error err;

	ck_assert_ptr_nonnull(snap);
	ck_assert_ptr_nonnull(out);
	s = ms_snapshot_intern_string(snap, "a.py", 4);
	for (i = 0; i < 3; i++) {
		struct ms_trace t = {16 << i, i, 0, 1};
		f = ms_snapshot_intern_frame(snap, s, i + 1);
		t.traceback = ms_snapshot_intern_traceback(snap, &f, 1);
		ck_assert_int_eq(ms_snapshot_add_trace(snap, &t), 0);
	}
	snap->traceback_limit = 1;
	snap->origin.trace_arity = 4;
	snap->origin.protocol = 5;
	ck_assert_int_eq(ms_snapshot_write_pickle(out, snap, &err), MS_OK);
	ck_assert_int_eq(fclose(out), 0);
	ms_snapshot_free(snap);
}

START_TEST(summed_refused)
{
	char path[] = "/tmp/memsnap-summed-XXXXXX";
	struct ms_snapshot *whole, *summed;
	struct ms_info info;
	struct ms_error err;
	struct ms_trace t;
	FILE *sink = fopen("/dev/null", "w");

	write_snapshot(path);
	ck_assert_int_eq(ms_snapshot_load(path, &whole, &err), MS_OK);
	ck_assert_int_eq(ms_snapshot_load_summed(path, 1, &summed, &err), MS_OK);
	unlink(path);
	ck_assert(!ms_snapshot_summed(whole));
	ck_assert(ms_snapshot_summed(summed));
	ck_assert_uint_eq(ms_snapshot_trace_count(summed), 3);

	t = ms_snapshot_trace(whole, 2);
	ck_assert(t.size == 64 && t.domain == 2 && t.traceback != MS_NO_TRACEBACK);
	ck_assert_uint_eq(ms_snapshot_trace(whole, 3).traceback, MS_NO_TRACEBACK);
	t = ms_snapshot_trace(summed, 0);
	ck_assert(t.size == 0 && t.traceback == MS_NO_TRACEBACK);

	ck_assert_int_eq(ms_snapshot_write_pickle(sink, whole, &err), MS_OK);
	ck_assert_int_eq(ms_snapshot_write_json(sink, whole, &err), MS_OK);
	ck_assert_int_eq(ms_snapshot_write_pickle(sink, summed, &err), MS_ERR_USAGE);
	ck_assert_str_eq(err.message, "the snapshot was loaded summed, without its traces");
	ck_assert_int_eq(ms_snapshot_write_json(sink, summed, &err), MS_ERR_USAGE);

	ck_assert_int_eq(ms_info_compute(&info, whole, &err), MS_OK);
	ms_info_release(&info);
	ck_assert_int_eq(ms_info_compute(&info, summed, &err), MS_ERR_USAGE);
	ms_info_release(&info);

	fclose(sink);
	ms_snapshot_free(whole);
	ms_snapshot_free(summed);
}
END_TEST

UNIT_MAIN("summed", UNIT_ONCE(summed_refused))
