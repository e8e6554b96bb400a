/*
 * The libFuzzer target for the readers: parses the input in memory (a
 * pickle, JSON or gzip of either, as ms_snapshot_parse() tells them) and,
 * when it is a snapshot, runs the cheap rest of the pipeline on it (filters,
 * the three groupings, a diff, the text writer). A pickle is also read
 * summed, as the CLI reads it for statistics, on one thread and in chunks
 * on three (MEMSNAP_SPLIT_MIN=0 cuts any dump with frames), keeping whole
 * tracebacks, only their newest frames, or those without interning any
 * other frame: each read must refuse it the same way or give the same
 * statistics. Deterministic and silent; a crash,
 * a hang, a sanitizer report or a difference is a finding. See README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <string.h>

#include "memsnap/snapshot.h"
#include "memsnap/stats.h"
#include "pickle_ops.h"
#include "pickle_read.h"
#include "report.h"
#include "snapshot_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A refused input must say where: an offset inside it and a message. */
static void check_error(const struct ms_error *err, size_t size)
{
	if (err->status == MS_ERR_FORMAT && (err->offset > size || !err->message[0]))
		abort();
}

static void report(FILE *out, struct ms_stats *stats)
{
	struct ms_diff diff = {0};
	struct ms_report r = {0};
	struct ms_error err;

	r.new_name = "fuzz";
	r.new_stats = stats;
	r.limit = 5;
	ms_write_text(out, &r);
	if (!ms_diff_compute(&diff, stats, stats, &err)) {
		r.old_name = "fuzz";
		r.old_stats = stats;
		r.diff = &diff;
		ms_write_text(out, &r);
	}
	ms_diff_release(&diff);
}

/*
 * The pickle read summed (a summed snapshot keeps sums, not traces, and
 * reads the file again whole when it cannot) agrees with the whole read:
 * same refusal, or same statistics by traceback; by line when it keeps
 * only each traceback's newest frame (MS_PICKLE_NEWEST, top and diff).
 */
static void check_summed(const uint8_t *data, size_t size, const struct ms_snapshot *whole,
			 const struct ms_error *whole_err, unsigned flags)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	struct ms_stats a = {0}, b = {0};
	struct ms_error err;
	enum ms_key_type key = flags & MS_PICKLE_NEWEST ? MS_KEY_LINENO : MS_KEY_TRACEBACK;
	size_t i;
	int status;

	if (!snap)
		abort();
	snap->summed = true;
	status = ms_pickle_read(snap, data, size, flags, &err);
	if (!whole != !!status)
		abort();
	if (status) {
		if (status != (int)whole_err->status ||
		    (status == MS_ERR_FORMAT &&
		     (err.offset != whole_err->offset || strcmp(err.message, whole_err->message))))
			abort();
	} else {
		if (ms_stats_compute(&a, whole, NULL, key, false, &err) ||
		    ms_stats_compute(&b, snap, NULL, key, false, &err) || a.nr != b.nr ||
		    memcmp(&a.trace_size, &b.trace_size, sizeof(a.trace_size)) ||
		    a.trace_count != b.trace_count ||
		    ms_snapshot_trace_count(whole) != ms_snapshot_trace_count(snap))
			abort();
		for (i = 0; i < a.nr; i++)
			if (a.items[i].size.lo != b.items[i].size.lo ||
			    a.items[i].size.hi != b.items[i].size.hi ||
			    a.items[i].count != b.items[i].count)
				abort();
		ms_stats_release(&a);
		ms_stats_release(&b);
	}
	ms_snapshot_free(snap);
}

/*
 * On one thread, and in chunks on three (MEMSNAP_SPLIT_MIN=0 here only:
 * sweep.c runs memsnap too), each keeping whole tracebacks, only their
 * newest frames, and those without interning any other frame.
 */
static void check_summed_both(const uint8_t *data, size_t size, const struct ms_snapshot *whole,
			      const struct ms_error *whole_err)
{
	static const unsigned keep[] = {0, MS_PICKLE_NEWEST,
					MS_PICKLE_NEWEST | MS_PICKLE_NEWEST_FRAMES};
	size_t k;

	for (k = 0; k < sizeof(keep) / sizeof(keep[0]); k++) {
		check_summed(data, size, whole, whole_err, keep[k]);
		setenv("MEMSNAP_SPLIT_MIN", "0", 1);
		check_summed(data, size, whole, whole_err, keep[k] | MS_PICKLE_THREADS(3));
		unsetenv("MEMSNAP_SPLIT_MIN");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct ms_filters none = MS_FILTERS_INIT, some = MS_FILTERS_INIT;
	struct ms_snapshot *snap;
	struct ms_stats stats;
	struct ms_error err;
	int k;

	if (ms_snapshot_parse(data, size, &snap, &err)) {
		check_error(&err, size);
		if (size && data[0] == OP_PROTO)
			check_summed_both(data, size, NULL, &err);
		return 0;
	}
	if (size && data[0] == OP_PROTO)
		check_summed_both(data, size, snap, &err);
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	if (ms_filters_add_file(&some, false, "*<*>*", false, 0, true, &err) ||
	    ms_filters_add_file(&some, true, "*[!a-c]?.py", true, 1, false, &err))
		abort();
	for (k = 0; k < 4; k++) {
		struct ms_stats zero = {0};
		stats = zero;
		/* lineno, filename (cumulative, filtered), traceback, lineno (filtered) */
		if (!ms_stats_compute(&stats, snap, k & 1 ? &some : &none,
				      k == 2   ? MS_KEY_TRACEBACK
				      : k == 1 ? MS_KEY_FILENAME
					       : MS_KEY_LINENO,
				      k == 1, &err) &&
		    devnull)
			report(devnull, &stats);
		ms_stats_release(&stats);
	}
	ms_filters_release(&some);
	ms_filters_release(&none);
	ms_snapshot_free(snap);
	return 0;
}
