/*
 * A snapshot loaded summed keeps sums, not traces: every call that needs
 * the traces refuses it (an empty trace, MS_ERR_USAGE) where it used to
 * read through a NULL array.
 */
#include <stdio.h>
#include <unistd.h>

#include "info.h"
#include "unit.h"

/* Writes snap, then frees it, as a pickle in a temporary file; its path in path. */
static void save(struct ms_snapshot *snap, int64_t traceback_limit, char *path)
{
	int fd = mkstemp(path);
	FILE *out = fdopen(fd, "wb");
	struct ms_error err;

	ck_assert_ptr_nonnull(out);
	snap->traceback_limit = traceback_limit;
	snap->origin.trace_arity = 4;
	snap->origin.protocol = 5;
	ck_assert_int_eq(ms_snapshot_write_pickle(out, snap, &err), MS_OK);
	ck_assert_int_eq(fclose(out), 0);
	ms_snapshot_free(snap);
}

/* A small pickle of three traces in a temporary file; its path in path. */
static void write_snapshot(char *path)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	uint32_t s, f, i;

	ck_assert_ptr_nonnull(snap);
	s = ms_snapshot_intern_string(snap, "a.py", 4);
	for (i = 0; i < 3; i++) {
		struct ms_trace t = {16 << i, i, 0, 1};
		f = ms_snapshot_intern_frame(snap, s, i + 1);
		t.traceback = ms_snapshot_intern_traceback(snap, &f, 1);
		ck_assert_int_eq(ms_snapshot_add_trace(snap, &t), 0);
	}
	save(snap, 1, path);
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

/*
 * Traces on six tracebacks of three frames: two newest frames (a.py:1 and
 * a.py:2), each under three different callers, in domains 0 and 1.
 */
static void write_deep_snapshot(char *path)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	uint32_t a, b, frames[3], i;

	ck_assert_ptr_nonnull(snap);
	a = ms_snapshot_intern_string(snap, "a.py", 4);
	b = ms_snapshot_intern_string(snap, "b.py", 4);
	for (i = 0; i < 12; i++) {
		struct ms_trace t = {100 + i, i % 2, 0, 3};
		frames[0] = ms_snapshot_intern_frame(snap, a, 1 + i % 2);
		frames[1] = ms_snapshot_intern_frame(snap, b, 10 + i % 3);
		frames[2] = ms_snapshot_intern_frame(snap, b, 20);
		t.traceback = ms_snapshot_intern_traceback(snap, frames, 3);
		ck_assert_int_eq(ms_snapshot_add_trace(snap, &t), 0);
	}
	save(snap, 3, path);
}

/* The same groups, sizes and counts, keys named alike (frame ids may differ). */
static void assert_same_stats(const struct ms_stats *x, const struct ms_stats *y)
{
	size_t i;

	ck_assert_uint_eq(x->nr, y->nr);
	ck_assert_uint_eq(x->trace_count, y->trace_count);
	for (i = 0; i < x->nr; i++) {
		ck_assert_uint_eq(x->items[i].size.lo, y->items[i].size.lo);
		ck_assert_uint_eq(x->items[i].count, y->items[i].count);
		if (x->key_type == MS_KEY_LINENO)
			ck_assert_uint_eq(ms_snapshot_frame(x->snap, x->items[i].key).lineno,
					  ms_snapshot_frame(y->snap, y->items[i].key).lineno);
	}
}

/*
 * A snapshot read with the newest frame of each traceback only gives the
 * statistics by line and by file a summed one gives, from fewer tracebacks,
 * and refuses those that would need the rest of them, merged or not.
 */
START_TEST(newest_only)
{
	char path[] = "/tmp/memsnap-newest-XXXXXX";
	struct ms_snapshot *summed, *newest, *merged, *pair[2];
	struct ms_filters filters = MS_FILTERS_INIT, all_frames = MS_FILTERS_INIT;
	struct ms_stats x, y;
	struct ms_error err;
	enum ms_key_type keys[] = {MS_KEY_LINENO, MS_KEY_FILENAME};
	size_t k;

	write_deep_snapshot(path);
	ck_assert_int_eq(ms_snapshot_load_summed(path, 1, &summed, &err), MS_OK);
	ck_assert_int_eq(ms_snapshot_load_newest(path, 1, &newest, &err), MS_OK);
	unlink(path);
	ck_assert_uint_eq(ms_snapshot_traceback_count(summed), 6);
	ck_assert_uint_eq(ms_snapshot_traceback_count(newest), 2);
	ck_assert_uint_eq(ms_snapshot_frame_count(newest), ms_snapshot_frame_count(summed));
	ck_assert_uint_eq(ms_snapshot_trace_count(newest), 12);

	ck_assert_int_eq(ms_filters_add_file(&filters, false, "a.py", true, 2, false, &err), MS_OK);
	ck_assert_int_eq(ms_filters_add_domain(&filters, true, 0, &err), MS_OK);
	ck_assert_int_eq(ms_filters_add_file(&all_frames, true, "b.py", false, 0, true, &err),
			 MS_OK);
	for (k = 0; k < 2; k++) {
		ck_assert_int_eq(ms_stats_compute(&x, summed, NULL, keys[k], false, &err), MS_OK);
		ck_assert_int_eq(ms_stats_compute(&y, newest, NULL, keys[k], false, &err), MS_OK);
		assert_same_stats(&x, &y);
		ms_stats_release(&x);
		ms_stats_release(&y);
		ck_assert_int_eq(ms_stats_compute(&x, summed, &filters, keys[k], false, &err),
				 MS_OK);
		ck_assert_int_eq(ms_stats_compute(&y, newest, &filters, keys[k], false, &err),
				 MS_OK);
		assert_same_stats(&x, &y);
		ck_assert_uint_eq(y.trace_count, 6); /* a.py:1, all in domain 0 */
		ms_stats_release(&x);
		ms_stats_release(&y);
		ck_assert_int_eq(ms_stats_compute(&y, newest, NULL, keys[k], true, &err),
				 MS_ERR_USAGE);
		ck_assert_int_eq(ms_stats_compute(&y, newest, &all_frames, keys[k], false, &err),
				 MS_ERR_USAGE);
	}
	ck_assert_int_eq(ms_stats_compute(&y, newest, NULL, MS_KEY_TRACEBACK, false, &err),
			 MS_ERR_USAGE);
	ck_assert_str_eq(err.message,
			 "the snapshot was read with the newest frame of each traceback only");
	ck_assert_int_eq(ms_stats_compute(&x, summed, NULL, MS_KEY_TRACEBACK, false, &err), MS_OK);
	ck_assert_uint_eq(x.nr, 6);
	ms_stats_release(&x);

	/* a merge with one is cut too, where it came from that one */
	pair[0] = summed;
	pair[1] = newest;
	ck_assert_int_eq(ms_snapshot_merge(pair, 2, &merged, &err), MS_OK);
	ck_assert_int_eq(ms_stats_compute(&y, merged, NULL, MS_KEY_TRACEBACK, false, &err),
			 MS_ERR_USAGE);
	ck_assert_int_eq(ms_stats_compute(&y, merged, NULL, MS_KEY_LINENO, false, &err), MS_OK);
	ck_assert_uint_eq(y.trace_count, 24);
	ck_assert_uint_eq(y.nr, 2);
	ms_stats_release(&y);

	ms_snapshot_free(merged);
	ms_filters_release(&filters);
	ms_filters_release(&all_frames);
	ms_snapshot_free(summed);
	ms_snapshot_free(newest);
}
END_TEST

/*
 * A domain's dense sums are zeroed one step (4096 cells) ahead of the
 * highest traceback summed, not a growth by half ahead: the pages past the
 * step are never touched, so never resident.
 */
START_TEST(dense_step)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	struct ms_domain_sums *d = NULL;
	struct ms_sum *cell;
	bool too_many = false;
	uint32_t id;

	ck_assert_ptr_nonnull(snap);
	for (id = 0; id < 50000; id++) {
		d = ms_snapshot_domain_sums(snap, 3, id, &too_many, &cell);
		ck_assert(d && cell && !too_many);
		ms_sum_add(cell, id);
	}
	ck_assert_uint_eq(d->sparse_nr, 0);
	ck_assert_uint_ge(d->alloc, 50000);
	ck_assert_uint_le(d->alloc, 50000 + 4096);
	ck_assert_uint_ge(d->capacity, d->alloc);
	for (id = 0; id < d->alloc; id++)
		ck_assert_msg(d->cells[id].count == (id < 50000) &&
				  d->cells[id].size_lo == (id < 50000 ? id : 0) &&
				  !d->cells[id].size_hi,
			      "cell %u", id);
	ms_snapshot_free(snap);
}
END_TEST

UNIT_MAIN("summed", UNIT_ONCE(summed_refused), UNIT_ONCE(newest_only), UNIT_ONCE(dense_step))
