/*
 * Applying a filter list to one snapshot: what filter_traces() keeps. The
 * evaluator owns its per-traceback tables and borrows the filters.
 */
#ifndef MEMSNAP_FILTER_EVAL_H
#define MEMSNAP_FILTER_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "memsnap/filter.h"
#include "memsnap/snapshot.h"

struct ms_filter_eval {
	const struct ms_filters *filters;
	uint8_t **match; /* per filename filter: Filter._match() per traceback */
	uint8_t *keep;   /* without domain filters: the verdict per traceback */
	bool by_domain;
};

/*
 * Filter._match_frame_impl() for every frame id of snap (the pattern and
 * line number, whatever inclusive says): frame_ok[id] is 1 or 0. -1 on
 * no memory.
 */
int ms_filter_match_frames(const struct ms_filter *f, const struct ms_snapshot *snap,
			   uint8_t *frame_ok);

/* Precomputes the tables; -1 on no memory (release it all the same). */
int ms_filter_eval_init(struct ms_filter_eval *ev, const struct ms_filters *filters,
			const struct ms_snapshot *snap);

/* Snapshot._filter_trace() for a trace of this domain and traceback. */
bool ms_filter_eval_slow(const struct ms_filter_eval *ev, uint32_t domain, uint32_t traceback);

static inline bool ms_filter_eval(const struct ms_filter_eval *ev, uint32_t domain,
				  uint32_t traceback)
{
	if (!ev->filters || !ev->filters->nr)
		return true;
	if (ev->keep)
		return ev->keep[traceback];
	return ms_filter_eval_slow(ev, domain, traceback);
}

void ms_filter_eval_release(struct ms_filter_eval *ev);

/*
 * Snapshot.filter_traces(filters) in place: keeps the traces the filters
 * keep, in their order, so that info and the writers see only those (of
 * a summed snapshot, the sums of the tracebacks and domains they keep).
 */
int ms_filters_apply(const struct ms_filters *filters, struct ms_snapshot *snap,
		     struct ms_error *err);

/*
 * Where a filter meets a snapshot, to tell a filter that cannot select
 * anything (a mistyped or relative pattern) from one that does: how many
 * distinct frames its pattern and line number match, how many of those
 * are the most recent frame of some traceback (what a Filter without
 * all_frames looks at), and the first of them (a frame id, or UINT32_MAX
 * for none). For a DomainFilter, frames and newest are the number of
 * traces of its domain, first UINT32_MAX.
 */
struct ms_filter_reach {
	size_t frames, newest;
	uint32_t first;
};

int ms_filter_reach(const struct ms_filter *f, const struct ms_snapshot *snap,
		    struct ms_filter_reach *out, struct ms_error *err);

#endif
