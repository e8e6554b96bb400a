/*
 * ms_series_build(), ms_leaks_find() and ms_flame_build() on snapshots
 * built in memory: groups matched by content across snapshots that
 * interned them in different orders, a leak told from churn, and the flame
 * tree's sums and placement.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "flame.h"
#include "series.h"
#include "snapshot_internal.h"

/* One trace of size bytes whose traceback is file:line (one frame). */
static void add(struct ms_snapshot *snap, const char *file, uint32_t line, uint64_t size)
{
	uint32_t s = ms_snapshot_intern_string(snap, file, (uint32_t)strlen(file));
	uint32_t f = ms_snapshot_intern_frame(snap, s, line);
	struct ms_trace t = {size, 0, ms_snapshot_intern_traceback(snap, &f, 1), 1};

	ck_assert_int_eq(ms_snapshot_add_trace(snap, &t), 0);
}

/*
 * Four steps: leak.py:1 keeps 100 more each step, churn.py:2 goes up and
 * down, steady.py:3 never moves, late.py:4 appears at step 2 and grows
 * once, gone.py:5 disappears. Files are added in a different order in
 * every snapshot, so ids differ between them.
 */
static const uint64_t leak[] = {100, 200, 300, 400}, churn[] = {500, 900, 300, 800},
		      steady[] = {50, 50, 50, 50}, late[] = {0, 0, 70, 70}, gone[] = {5, 0, 0, 0};

static struct ms_snapshot *step(int i)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	static const char *const order[][5] = {
	    {"leak.py", "churn.py", "steady.py", "late.py", "gone.py"},
	    {"gone.py", "late.py", "steady.py", "churn.py", "leak.py"}};
	size_t k;

	ck_assert_ptr_nonnull(snap);
	for (k = 0; k < 5; k++) {
		const char *f = order[i % 2][k];
		if (!strcmp(f, "leak.py"))
			add(snap, f, 1, leak[i]);
		else if (!strcmp(f, "churn.py"))
			add(snap, f, 2, churn[i]);
		else if (!strcmp(f, "steady.py"))
			add(snap, f, 3, steady[i]);
		else if (!strcmp(f, "late.py") && late[i])
			add(snap, f, 4, late[i]);
		else if (!strcmp(f, "gone.py") && gone[i])
			add(snap, f, 5, gone[i]);
	}
	return snap;
}

struct fixture {
	struct ms_snapshot *snaps[4];
	struct ms_stats stats[4];
	struct ms_series series;
};

static void build(struct fixture *fx)
{
	struct ms_error err;
	int i;

	for (i = 0; i < 4; i++) {
		fx->snaps[i] = step(i);
		ck_assert_int_eq(
		    ms_stats_compute(&fx->stats[i], fx->snaps[i], NULL, MS_KEY_LINENO, false, &err),
		    MS_OK);
	}
	ck_assert_int_eq(ms_series_build(&fx->series, fx->stats, 4, &err), MS_OK);
}

static void release(struct fixture *fx)
{
	int i;

	ms_series_release(&fx->series);
	for (i = 0; i < 4; i++) {
		ms_stats_release(&fx->stats[i]);
		ms_snapshot_free(fx->snaps[i]);
	}
}

static size_t row_of(const struct ms_series *s, const char *file)
{
	size_t r, len;

	for (r = 0; r < s->nr; r++) {
		struct ms_frame f = ms_key_frame(s->rows[r].snap, s->key_type, s->rows[r].key, 0);
		const char *name = ms_snapshot_string(s->rows[r].snap, f.file, &len);
		if (len == strlen(file) && !memcmp(name, file, len))
			return r;
	}
	ck_abort_msg("%s is not a row", file);
	return 0;
}

START_TEST(test_series_matches_by_content)
{
	struct fixture fx;
	const struct ms_series *s = &fx.series;
	size_t r, j;

	build(&fx);
	ck_assert_uint_eq(s->nr, 5);
	ck_assert_uint_eq(s->nsnap, 4);
	for (j = 0; j < 4; j++) {
		ck_assert(ms_series_at(s, row_of(s, "leak.py"), j).size == leak[j]);
		ck_assert(ms_series_at(s, row_of(s, "churn.py"), j).size == churn[j]);
		ck_assert(ms_series_at(s, row_of(s, "late.py"), j).size == late[j]);
		ck_assert(ms_series_at(s, row_of(s, "gone.py"), j).size == gone[j]);
		ck_assert_uint_eq(ms_series_at(s, row_of(s, "late.py"), j).count, late[j] ? 1 : 0);
		ck_assert(s->total_size[j] == leak[j] + churn[j] + steady[j] + late[j] + gone[j]);
	}
	/* rows are in Python's traceback order: by file name */
	for (r = 1; r < s->nr; r++)
		ck_assert_int_lt(ms_key_compare(s->rows[r - 1].snap, s->rows[r - 1].key,
						s->rows[r].snap, s->rows[r].key, s->key_type),
				 0);
	release(&fx);
}
END_TEST

START_TEST(test_grown_order)
{
	struct fixture fx;
	struct ms_error err;
	size_t *order, n;

	build(&fx);
	ck_assert_int_eq(ms_series_grown(&fx.series, &order, &n, &err), MS_OK);
	/* leak +300, churn +300 (larger at the end: first), late +70 */
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(order[0], row_of(&fx.series, "churn.py"));
	ck_assert_uint_eq(order[1], row_of(&fx.series, "leak.py"));
	ck_assert_uint_eq(order[2], row_of(&fx.series, "late.py"));
	free(order);
	release(&fx);
}
END_TEST

START_TEST(test_leaks_tell_leak_from_churn)
{
	struct fixture fx;
	struct ms_leaks l;
	struct ms_error err;

	build(&fx);
	ck_assert_int_eq(ms_leaks_find(&l, &fx.series, 1, &err), MS_OK);
	ck_assert_uint_eq(l.steps, 3);
	ck_assert_uint_eq(l.min_grown, 3);
	ck_assert_uint_eq(l.nr, 1);
	ck_assert_uint_eq(l.items[0].row, row_of(&fx.series, "leak.py"));
	ck_assert(l.items[0].growth == 300);
	ck_assert_uint_eq(l.items[0].steps_grown, 3);
	ms_leaks_release(&l);

	/* two of three steps: churn (up, down, up) joins; late grew once only */
	ck_assert_int_eq(ms_leaks_find(&l, &fx.series, 0.6, &err), MS_OK);
	ck_assert_uint_eq(l.min_grown, 2);
	ck_assert_uint_eq(l.nr, 2);
	ck_assert_uint_eq(l.items[0].row, row_of(&fx.series, "churn.py"));
	ck_assert_uint_eq(l.items[0].steps_grown, 2);
	ck_assert_uint_eq(l.items[1].row, row_of(&fx.series, "leak.py"));
	ms_leaks_release(&l);

	ck_assert_int_eq(ms_leaks_find(&l, &fx.series, 0.01, &err), MS_OK);
	ck_assert_uint_eq(l.min_grown, 1);
	ck_assert_uint_eq(l.nr, 3);
	ms_leaks_release(&l);

	ck_assert_int_eq(ms_leaks_find(&l, &fx.series, 0, &err), MS_ERR_USAGE);
	ck_assert_int_eq(ms_leaks_find(&l, &fx.series, 1.01, &err), MS_ERR_USAGE);
	release(&fx);
}
END_TEST

/* A traceback of frames given most recent first, as tracemalloc stores them. */
static void add_tb(struct ms_snapshot *snap, const uint32_t *lines, uint32_t n, uint64_t size)
{
	uint32_t frames[8], s = ms_snapshot_intern_string(snap, "a.py", 4), i;
	struct ms_trace t = {size, 0, 0, n};

	for (i = 0; i < n; i++)
		frames[i] = ms_snapshot_intern_frame(snap, s, lines[i]);
	t.traceback = ms_snapshot_intern_traceback(snap, frames, n);
	ck_assert_int_eq(ms_snapshot_add_trace(snap, &t), 0);
}

START_TEST(test_flame_tree)
{
	struct ms_snapshot *old_snap = ms_snapshot_new(), *new_snap = ms_snapshot_new();
	struct ms_stats old_stats, new_stats;
	struct ms_flame f;
	struct ms_error err;
	static const uint32_t main_a[] = {10, 1}, main_b[] = {20, 1}, main_b_c[] = {30, 20, 1},
			      other[] = {2};

	/* new: 1 -> 10 (100), 1 -> 20 (50), 1 -> 20 -> 30 (25), 2 (5); old lacks 30 */
	add_tb(new_snap, main_a, 2, 100);
	add_tb(new_snap, main_b, 2, 50);
	add_tb(new_snap, main_b_c, 3, 25);
	add_tb(new_snap, other, 1, 5);
	add_tb(old_snap, other, 1, 7);
	add_tb(old_snap, main_a, 2, 40);
	ck_assert_int_eq(
	    ms_stats_compute(&old_stats, old_snap, NULL, MS_KEY_TRACEBACK, false, &err), MS_OK);
	ck_assert_int_eq(
	    ms_stats_compute(&new_stats, new_snap, NULL, MS_KEY_TRACEBACK, false, &err), MS_OK);
	ck_assert_int_eq(ms_flame_build(&f, &new_stats, &old_stats, &err), MS_OK);
	/* all, 1, 10, 20, 30, 2: depth first, children by line */
	ck_assert_uint_eq(f.nr, 6);
	ck_assert_uint_eq(f.max_depth, 3);
	ck_assert(f.items[0].size == 180 && f.items[0].old_size == 47);
	ck_assert_uint_eq(ms_snapshot_frame(f.items[1].snap, f.items[1].frame).lineno, 1);
	ck_assert(f.items[1].size == 175 && f.items[1].old_size == 40 && f.items[1].x == 0);
	ck_assert(f.items[2].size == 100 && f.items[2].old_size == 40 && f.items[2].x == 0);
	ck_assert(f.items[3].size == 75 && f.items[3].old_size == 0 && f.items[3].x == 100);
	ck_assert(f.items[4].size == 25 && f.items[4].x == 100 && f.items[4].depth == 3);
	ck_assert_uint_eq(f.items[4].parent, 3);
	ck_assert(f.items[5].size == 5 && f.items[5].old_size == 7 && f.items[5].x == 175);
	ck_assert_uint_eq(f.items[5].parent, 0);
	ms_flame_release(&f);
	ck_assert_int_eq(ms_flame_build(&f, &old_stats, NULL, &err), MS_OK);
	ck_assert_uint_eq(f.nr, 4);
	ms_flame_release(&f);
	ms_stats_release(&old_stats);
	ms_stats_release(&new_stats);
	ms_snapshot_free(old_snap);
	ms_snapshot_free(new_snap);
}
END_TEST

UNIT_MAIN("series", UNIT_ONCE(test_series_matches_by_content), UNIT_ONCE(test_grown_order),
	  UNIT_ONCE(test_leaks_tell_leak_from_churn), UNIT_ONCE(test_flame_tree))
