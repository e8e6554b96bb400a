/*
 * Python's tracemalloc.Filter and DomainFilter, as an ordered list that
 * Snapshot.filter_traces() would receive. The list owns its patterns.
 * Threads: a list is built by one thread; once built, any number of
 * threads may compute statistics with it at once (it is only read).
 */
#ifndef MEMSNAP_FILTER_H
#define MEMSNAP_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memsnap/api.h"
#include "memsnap/error.h"

MS_BEGIN_DECLS

struct ms_glob;
struct ms_snapshot;

struct ms_filter {
	bool inclusive;
	bool is_domain;   /* DomainFilter: only domain is used */
	bool all_frames;  /* Filter: look at every frame, not the most recent */
	bool has_lineno;  /* Filter: lineno is not None */
	uint64_t lineno; /* may exceed any frame's: then nothing matches, as in Python */
	uint64_t domain;
	char *pattern;    /* normalized as Python does (".pyc" -> ".py") */
	struct ms_glob *glob;
};

struct ms_filters {
	struct ms_filter *items;
	size_t nr, alloc;
};

#define MS_FILTERS_INIT {NULL, 0, 0}

/*
 * Appends Filter(inclusive, pattern, lineno, all_frames). pattern holds the
 * bytes as given on a command line: undecodable bytes are read the way
 * Python's os.fsdecode() reads them, so they match surrogate-escaped names.
 */
MS_API int ms_filters_add_file(struct ms_filters *filters, bool inclusive, const char *pattern,
			       bool has_lineno, uint64_t lineno, bool all_frames,
			       struct ms_error *err);

/* Appends DomainFilter(inclusive, domain). Both may reallocate items. */
MS_API int ms_filters_add_domain(struct ms_filters *filters, bool inclusive, uint64_t domain,
				 struct ms_error *err);

/*
 * Frees what the list owns and empties it (filters itself is the
 * caller's, usually on its stack, started as MS_FILTERS_INIT).
 */
MS_API void ms_filters_release(struct ms_filters *filters);

MS_END_DECLS

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
