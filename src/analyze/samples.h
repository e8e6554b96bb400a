/*
 * The traces that pass the filters, summed per traceback and domain: the
 * samples of a profile (pprof, speedscope), whole tracebacks with no
 * grouping key. A list borrows its snapshot and owns its items.
 */
#ifndef MEMSNAP_SAMPLES_H
#define MEMSNAP_SAMPLES_H

#include <stddef.h>
#include <stdint.h>

#include "memsnap/error.h"
#include "memsnap/filter.h"
#include "memsnap/snapshot.h"
#include "int128.h"
#include "memsnap/stats.h"

struct ms_sample {
	ms_u128 size;
	uint64_t count;
	uint32_t traceback; /* a traceback id of the list's snapshot */
	uint32_t domain;
};

struct ms_samples {
	const struct ms_snapshot *snap;
	struct ms_sample *items; /* by traceback id, then domain */
	size_t nr;
};

/*
 * The samples of snap.filter_traces(filters) (filters may be NULL), from a
 * snapshot read whole or summed alike. The caller releases *out.
 */
int ms_samples_compute(struct ms_samples *out, const struct ms_snapshot *snap,
		       const struct ms_filters *filters, struct ms_error *err);

void ms_samples_release(struct ms_samples *samples);

#endif
