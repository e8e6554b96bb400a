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

#endif
