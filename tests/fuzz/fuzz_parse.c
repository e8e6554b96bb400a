/*
 * The libFuzzer target for the readers: parses the input in memory (a
 * pickle, JSON or gzip of either, as ms_snapshot_parse() tells them) and,
 * when it is a snapshot, runs the cheap rest of the pipeline on it (filters,
 * the three groupings, a diff, the text writer). Deterministic and silent;
 * a crash, a hang or a sanitizer report is a finding. See README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "memsnap/snapshot.h"
#include "memsnap/stats.h"
#include "report.h"

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
		return 0;
	}
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
				      k == 2 ? MS_KEY_TRACEBACK : k == 1 ? MS_KEY_FILENAME : MS_KEY_LINENO,
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
