/*
 * Snapshot.statistics() and compare_to() (src/analyze/stats.c, src/analyze/diff.c): groups
 * by lineno, filename and traceback, cumulative mode with repeated frames,
 * sizes summed past 2**64, Python's order with ties broken by traceback
 * (code point order, oldest frame first, a prefix first), the refusal of
 * cumulative traceback groups, and diffs of new, removed and changed
 * groups. Expected values: expected_stats.h.
 */
#include "sort.h"
#include "unit.h"

#include "expected_stats.h"

/* The key is the Traceback Python built: these frames, oldest first. */
static void check_key(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
		      uint32_t nframe, const struct unit_frame *frames, size_t row)
{
	uint32_t i;

	ck_assert_msg(ms_key_nframe(snap, key_type, key) == nframe, "row %zu: %u frames, not %u",
		      row, ms_key_nframe(snap, key_type, key), nframe);
	for (i = 0; i < nframe; i++) {
		struct ms_frame f = ms_key_frame(snap, key_type, key, i);

		ck_assert_msg(
		    unit_string_is(snap, f.file, frames[i].file) && f.lineno == frames[i].lineno,
		    "row %zu frame %u: Python has %s:%u", row, i, frames[i].file, frames[i].lineno);
	}
}

START_TEST(test_statistics)
{
	const struct group_case *c = &group_cases[_i];
	struct ms_snapshot *snap = unit_snapshot(c->traces, c->ntraces);
	struct ms_filters filters = MS_FILTERS_INIT;
	struct ms_stats stats;
	struct ms_error err;
	int status;
	size_t i;

	unit_filters(&filters, c->filters, c->nfilters);
	status = ms_stats_compute(&stats, snap, &filters, c->key_type, c->cumulative, &err);
	if (c->refused) {
		ck_assert_int_eq(status, MS_ERR_USAGE);
		ck_assert_int_eq(err.status, MS_ERR_USAGE);
	} else {
		ck_assert_int_eq(status, MS_OK);
		ck_assert_uint_eq(stats.nr, c->nstats);
		for (i = 0; i < stats.nr; i++) {
			const struct unit_stat *want = &c->stats[i];

			check_key(snap, c->key_type, stats.items[i].key, want->nframe, want->frames,
				  i);
			ck_assert(stats.items[i].size.hi == want->size_hi &&
				  stats.items[i].size.lo == want->size_lo);
			ck_assert_uint_eq(stats.items[i].count, want->count);
		}
		ms_stats_release(&stats);
	}
	ms_filters_release(&filters);
	ms_snapshot_free(snap);
}
END_TEST

START_TEST(test_compare_to)
{
	const struct diff_case *c = &diff_cases[_i];
	struct ms_snapshot *old_snap = unit_snapshot(c->old_traces, c->old_ntraces);
	struct ms_snapshot *new_snap = unit_snapshot(c->new_traces, c->new_ntraces);
	struct ms_stats old_stats, new_stats;
	struct ms_diff diff;
	struct ms_error err;
	size_t i;

	ck_assert_int_eq(
	    ms_stats_compute(&old_stats, old_snap, NULL, c->key_type, c->cumulative, &err), MS_OK);
	ck_assert_int_eq(
	    ms_stats_compute(&new_stats, new_snap, NULL, c->key_type, c->cumulative, &err), MS_OK);
	ck_assert_int_eq(ms_diff_compute(&diff, &old_stats, &new_stats, &err), MS_OK);
	ck_assert_uint_eq(diff.nr, c->ndiffs);
	for (i = 0; i < diff.nr; i++) {
		const struct ms_stat_diff *d = &diff.items[i];
		const struct unit_stat_diff *want = &c->diffs[i];

		ck_assert(d->snap == old_snap || d->snap == new_snap);
		check_key(d->snap, c->key_type, d->key, want->nframe, want->frames, i);
		ck_assert(d->size.hi == want->size_hi && d->size.lo == want->size_lo);
		ck_assert(ms_i128_from(d->size_diff) ==
			  unit_i128(want->diff_neg, want->diff_hi, want->diff_lo));
		ck_assert_uint_eq(d->count, want->count);
		ck_assert_int_eq(d->count_diff, want->count_diff);
	}
	ms_diff_release(&diff);
	ms_stats_release(&old_stats);
	ms_stats_release(&new_stats);
	ms_snapshot_free(old_snap);
	ms_snapshot_free(new_snap);
}
END_TEST

/* The key_type strings statistics() accepts, and nothing else. */
START_TEST(test_key_type_names)
{
	ck_assert_int_eq(ms_key_type_parse("lineno"), MS_KEY_LINENO);
	ck_assert_int_eq(ms_key_type_parse("filename"), MS_KEY_FILENAME);
	ck_assert_int_eq(ms_key_type_parse("traceback"), MS_KEY_TRACEBACK);
	ck_assert_int_eq(ms_key_type_parse("line"), -1);
	ck_assert_int_eq(ms_key_type_parse("Lineno"), -1);
	ck_assert_int_eq(ms_key_type_parse(""), -1);
	ck_assert_str_eq(ms_key_type_name(MS_KEY_LINENO), "lineno");
	ck_assert_str_eq(ms_key_type_name(MS_KEY_FILENAME), "filename");
	ck_assert_str_eq(ms_key_type_name(MS_KEY_TRACEBACK), "traceback");
}
END_TEST

/* The sort under statistics(): ordered, and stable as Python's sort is. */
struct record {
	uint32_t key, seq;
};

static int compare_records(const void *a, const void *b, void *ctx)
{
	const struct record *x = a, *y = b;

	(void)ctx;
	return (x->key > y->key) - (x->key < y->key);
}

START_TEST(test_sort_stable)
{
	static const size_t sizes[] = {0, 1, 2, 3, 7, 64, 1000, 4097};
	struct record *r = malloc(4097 * sizeof(*r));
	uint32_t state = 12345;
	size_t s, i;

	ck_assert_ptr_nonnull(r);
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		for (i = 0; i < sizes[s]; i++) {
			state = state * 1103515245u + 12345u;
			r[i].key = (state >> 16) % 5;
			r[i].seq = (uint32_t)i;
		}
		ck_assert_int_eq(ms_sort(r, sizes[s], sizeof(*r), compare_records, NULL), 0);
		for (i = 1; i < sizes[s]; i++)
			ck_assert_msg(r[i - 1].key < r[i].key ||
					  (r[i - 1].key == r[i].key && r[i - 1].seq < r[i].seq),
				      "%zu items: out of order at %zu", sizes[s], i);
	}
	free(r);
}
END_TEST

UNIT_MAIN("group", UNIT_EACH(test_statistics, group_cases), UNIT_ONCE(test_key_type_names),
	  UNIT_EACH(test_compare_to, diff_cases), UNIT_ONCE(test_sort_stable))
