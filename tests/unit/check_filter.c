/*
 * Filter and DomainFilter (src/analyze/filter.c) as Snapshot.filter_traces()
 * applies them: include filters (any must match), exclude filters (all
 * must pass), all_frames, lineno, ".pyc" patterns and names, domains.
 * Expected values: expected_filter.h, where trace i has size 2**i so that
 * the bytes a filter list keeps name the traces it keeps.
 */
#include "unit.h"

#include "expected_filter.h"

static const enum ms_key_type key_types[] = {MS_KEY_LINENO, MS_KEY_FILENAME, MS_KEY_TRACEBACK};

START_TEST(test_filter_traces)
{
	const struct filter_case *c = &filter_cases[_i];
	struct ms_snapshot *snap = unit_snapshot(c->traces, c->ntraces);
	struct ms_filters filters = MS_FILTERS_INIT;
	struct ms_error err;
	size_t k, i;

	unit_filters(&filters, c->filters, c->nfilters);
	for (k = 0; k < sizeof(key_types) / sizeof(key_types[0]); k++) {
		struct ms_stats stats;
		ms_u128 size = 0;
		uint64_t count = 0;

		ck_assert_int_eq(
		    ms_stats_compute(&stats, snap, &filters, key_types[k], false, &err), MS_OK);
		ck_assert_msg(stats.trace_size.lo == c->kept && !stats.trace_size.hi,
			      "%s: kept 0x%llx, Python keeps 0x%llx", c->what,
			      (unsigned long long)stats.trace_size.lo, (unsigned long long)c->kept);
		ck_assert_uint_eq(stats.trace_count, (uint64_t)__builtin_popcountll(c->kept));
		/* and the groups hold exactly the traces kept */
		for (i = 0; i < stats.nr; i++) {
			size += ms_u128_from(stats.items[i].size);
			count += stats.items[i].count;
		}
		ck_assert(size == c->kept);
		ck_assert_uint_eq(count, stats.trace_count);
		ms_stats_release(&stats);
	}
	ms_filters_release(&filters);
	ms_snapshot_free(snap);
}
END_TEST

/* The pattern is read as os.fsdecode() reads it, then ".pyc" becomes ".py". */
START_TEST(test_pattern_normalized)
{
	const struct pattern_case *c = &pattern_cases[_i];
	struct ms_filters filters = MS_FILTERS_INIT;
	struct ms_error err;

	ck_assert_int_eq(ms_filters_add_file(&filters, true, c->arg, false, 0, false, &err), MS_OK);
	ck_assert_uint_eq(filters.nr, 1);
	ck_assert_str_eq(filters.items[0].pattern, c->pattern);
	ms_filters_release(&filters);
}
END_TEST

/* Filters keep their order and every field they were given. */
START_TEST(test_filters_list)
{
	struct ms_filters filters = MS_FILTERS_INIT;
	struct ms_error err;
	const struct ms_filter *f;

	ck_assert_int_eq(ms_filters_add_domain(&filters, false, 4294967295u, &err), MS_OK);
	ck_assert_int_eq(ms_filters_add_file(&filters, true, "x.py", true, 7, true, &err), MS_OK);
	ck_assert_int_eq(ms_filters_add_domain(&filters, true, 0, &err), MS_OK);
	ck_assert_uint_eq(filters.nr, 3);
	f = &filters.items[0];
	ck_assert(f->is_domain && !f->inclusive && f->domain == 4294967295u);
	f = &filters.items[1];
	ck_assert(!f->is_domain && f->inclusive && f->has_lineno && f->lineno == 7 &&
		  f->all_frames);
	ck_assert_str_eq(f->pattern, "x.py");
	f = &filters.items[2];
	ck_assert(f->is_domain && f->inclusive && f->domain == 0);
	ms_filters_release(&filters);
	ck_assert_uint_eq(filters.nr, 0);
}
END_TEST

/* Snapshot([], 1).filter_traces([...]) has no traces, and no groups. */
START_TEST(test_empty_snapshot)
{
	static const struct unit_filter specs[] = {
	    {0, 1, "*", 0, 0, 1, 0},
	    {1, 0, NULL, 0, 0, 0, 3},
	    {0, 0, "a.py", 1, 1, 0, 0},
	};
	struct ms_snapshot *snap = unit_snapshot(NULL, 0);
	struct ms_filters filters = MS_FILTERS_INIT;
	struct ms_stats stats;
	struct ms_error err;

	unit_filters(&filters, specs, 3);
	ck_assert_int_eq(ms_stats_compute(&stats, snap, &filters, MS_KEY_LINENO, true, &err),
			 MS_OK);
	ck_assert_uint_eq(stats.nr, 0);
	ck_assert_uint_eq(stats.trace_count, 0);
	ck_assert(!stats.trace_size.lo && !stats.trace_size.hi);
	ms_stats_release(&stats);
	ms_filters_release(&filters);
	ms_snapshot_free(snap);
}
END_TEST

UNIT_MAIN("filter", UNIT_EACH(test_filter_traces, filter_cases),
	  UNIT_EACH(test_pattern_normalized, pattern_cases), UNIT_ONCE(test_filters_list),
	  UNIT_ONCE(test_empty_snapshot))
