/*
 * What the unit suites share: the runner each suite's main() calls, 128-bit
 * constants written as 64-bit halves, and snapshots built straight from a
 * table of traces through the interning calls (no pickle involved).
 */
#ifndef MEMSNAP_UNIT_H
#define MEMSNAP_UNIT_H

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "int128.h"
#include "memsnap/stats.h"
#include "snapshot_internal.h"

/* Rows of a table, as tcase_add_loop_test() counts them. */
#define UNIT_NROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* got_len bytes at got equal want_len bytes at want. */
#define ck_assert_bytes_eq(got, got_len, want, want_len)                                           \
	do {                                                                                       \
		ck_assert_uint_eq((got_len), (want_len));                                          \
		ck_assert_mem_eq((got), (want), (want_len));                                       \
	} while (0)

/* A test run once (rows 0) or once per row of a table (_i is the row). */
struct unit_test {
	const TTest *test;
	int rows;
};

/* main() of a suite: UNIT_MAIN("name", UNIT_ONCE(test_a), UNIT_EACH(test_b, rows)) */
#define UNIT_MAIN(name, ...)                                                                       \
	int main(void)                                                                             \
	{                                                                                          \
		const struct unit_test tests_[] = {__VA_ARGS__};                                   \
		return unit_run(name, tests_, sizeof(tests_) / sizeof(tests_[0]));                 \
	}

#define UNIT_ONCE(test)                                                                            \
	{                                                                                          \
		test, 0                                                                            \
	}
#define UNIT_EACH(test, table)                                                                     \
	{                                                                                          \
		test, UNIT_NROWS(table)                                                            \
	}

/* Runs the tests as one suite; main() returns what this returns. */
static inline int unit_run(const char *name, const struct unit_test *tests, size_t n)
{
	Suite *suite = suite_create(name);
	TCase *tcase = tcase_create(name);
	SRunner *runner;
	size_t i;
	int failed;

	for (i = 0; i < n; i++)
		if (tests[i].rows)
			tcase_add_loop_test(tcase, tests[i].test, 0, tests[i].rows);
		else
			tcase_add_test(tcase, tests[i].test);
	suite_add_tcase(suite, tcase);
	runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

static inline ms_u128 unit_u128(uint64_t hi, uint64_t lo)
{
	return (ms_u128)hi << 64 | lo;
}

/* -(hi * 2**64 + lo) when neg, else +(...). */
static inline ms_i128 unit_i128(int neg, uint64_t hi, uint64_t lo)
{
	ms_u128 mag = unit_u128(hi, lo);

	return neg ? (ms_i128)((ms_u128)0 - mag) : (ms_i128)mag;
}

#define UNIT_MAX_FRAMES 8

/* A frame as Python holds it; file is UTF-8 with surrogates ("surrogatepass"). */
struct unit_frame {
	const char *file;
	uint32_t lineno;
};

/* A trace as Python's Snapshot() receives it: frames most recent first. */
struct unit_trace {
	uint32_t domain;
	uint64_t size;
	uint32_t nframe;
	struct unit_frame frames[UNIT_MAX_FRAMES];
};

/* The snapshot Snapshot(traces, 1) would be; the caller frees it. */
static inline struct ms_snapshot *unit_snapshot(const struct unit_trace *traces, size_t n)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	uint32_t frames[UNIT_MAX_FRAMES];
	size_t i, k;

	ck_assert_ptr_nonnull(snap);
	for (i = 0; i < n; i++) {
		struct ms_trace t = {traces[i].size, traces[i].domain, 0, traces[i].nframe};

		ck_assert_uint_le(traces[i].nframe, UNIT_MAX_FRAMES);
		for (k = 0; k < traces[i].nframe; k++) {
			const struct unit_frame *f = &traces[i].frames[k];
			uint32_t file =
			    ms_snapshot_intern_string(snap, f->file, (uint32_t)strlen(f->file));

			ck_assert_uint_ne(file, MS_NO_ID);
			frames[k] = ms_snapshot_intern_frame(snap, file, f->lineno);
			ck_assert_uint_ne(frames[k], MS_NO_ID);
		}
		t.traceback = ms_snapshot_intern_traceback(snap, frames, traces[i].nframe);
		ck_assert_uint_ne(t.traceback, MS_NO_ID);
		ck_assert_int_eq(ms_snapshot_add_trace(snap, &t), 0);
	}
	snap->traceback_limit = 1;
	return snap;
}

#define UNIT_MAX_FILTERS 4

/* Filter(inclusive, pattern, lineno, all_frames) or DomainFilter(inclusive, domain). */
struct unit_filter {
	int is_domain;
	int inclusive;
	const char *pattern; /* as a command line gives it: os.fsencode() bytes */
	int has_lineno;
	uint32_t lineno;
	int all_frames;
	uint32_t domain;
};

static inline void unit_filters(struct ms_filters *out, const struct unit_filter *specs, size_t n)
{
	struct ms_error err;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct unit_filter *f = &specs[i];
		int status = f->is_domain
				 ? ms_filters_add_domain(out, f->inclusive, f->domain, &err)
				 : ms_filters_add_file(out, f->inclusive, f->pattern, f->has_lineno,
						       f->lineno, f->all_frames, &err);

		ck_assert_int_eq(status, MS_OK);
	}
}

/* A Statistic: its Traceback's frames oldest first, as Python holds them. */
struct unit_stat {
	uint64_t size_hi, size_lo;
	uint64_t count;
	uint32_t nframe;
	struct unit_frame frames[UNIT_MAX_FRAMES];
};

/* A StatisticDiff. */
struct unit_stat_diff {
	uint64_t size_hi, size_lo;
	int diff_neg;
	uint64_t diff_hi, diff_lo;
	uint64_t count;
	int64_t count_diff;
	uint32_t nframe;
	struct unit_frame frames[UNIT_MAX_FRAMES];
};

/* Whether string id of snap holds exactly the bytes of text. */
static inline int unit_string_is(const struct ms_snapshot *snap, uint32_t id, const char *text)
{
	size_t len;
	const char *s = ms_snapshot_string(snap, id, &len);

	return len == strlen(text) && !memcmp(s, text, len);
}

/* A traceback's frame ids, most recent first, into frames (room for room); its nframe. */
static inline uint32_t unit_traceback(const struct ms_snapshot *snap, uint32_t id, uint32_t *frames,
				      uint32_t room)
{
	uint32_t n = ms_snapshot_traceback_nframe(snap, id), i;

	ck_assert_uint_le(n, room);
	for (i = 0; i < n; i++)
		frames[i] = ms_snapshot_traceback_frame(snap, id, i);
	return n;
}

#endif
