/*
 * Several snapshots side by side, for timeline and leaks: the statistics of
 * each, matched group by group by key content (each snapshot interns its
 * own ids), with every group's size and count at every step. A series
 * borrows the snapshots of its statistics and owns its arrays.
 */
#ifndef MEMSNAP_SERIES_H
#define MEMSNAP_SERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memsnap/error.h"
#include "int128.h"
#include "memsnap/stats.h"

/* A group's size and count at one step (snapshot) where it is present. */
struct ms_series_cell {
	ms_u128 size;
	uint64_t count;
	uint32_t step;
};

/*
 * A group of the series, named by a key of one of the snapshots, and its
 * cells: cells[first .. first + ncells), steps ascending, only the steps
 * where it is present (memory in proportion to the groups of all the
 * snapshots, not to groups times snapshots).
 */
struct ms_series_row {
	const struct ms_snapshot *snap;
	uint32_t key;
	uint32_t ncells;
	size_t first;
};

struct ms_series {
	enum ms_key_type key_type;
	bool cumulative;
	size_t nsnap;
	ms_u128 *total_size; /* per snapshot: the traces left after filtering */
	uint64_t *total_count;
	struct ms_series_row *rows; /* sorted by key, as Python orders tracebacks */
	size_t nr;
	struct ms_series_cell *cells; /* row after row */
	size_t ncells;
};

/*
 * Matches the groups of n statistics lists (1 <= n < 2**32, same key type
 * and mode, in snapshot order). On success the caller releases *out.
 */
int ms_series_build(struct ms_series *out, struct ms_stats *stats, size_t n, struct ms_error *err);

void ms_series_release(struct ms_series *s);

/* A row's size and count at a step: zeros where the group is absent. */
struct ms_series_cell ms_series_at(const struct ms_series *s, size_t row, size_t step);

/* How much a row grew from the first snapshot to the last. */
ms_i128 ms_series_growth(const struct ms_series *s, size_t row);

/*
 * The rows that grew from the first snapshot to the last, most growth
 * first (then larger last size, then key order). *order is malloc'd: the
 * caller frees it. Returns MS_OK or MS_ERR_NOMEM.
 */
int ms_series_grown(const struct ms_series *s, size_t **order, size_t *nr, struct ms_error *err);

/* A leak suspect: a row that grew in at least the required steps. */
struct ms_leak {
	size_t row;
	ms_i128 growth;	      /* last size minus first size, > 0 */
	uint32_t steps_grown; /* steps whose size was larger than the step before */
};

struct ms_leaks {
	struct ms_leak *items; /* most growth first */
	size_t nr;
	uint32_t steps;	    /* nsnap - 1 */
	uint32_t min_grown; /* steps a row had to grow in */
};

/*
 * The rows of s (s->nsnap >= 2) that grew in at least min_steps (a
 * fraction in (0, 1], rounded up to whole steps, at least one) of the
 * consecutive steps and are larger at the end than at the start. A line
 * that allocates and frees moves both ways and is left out; a line that
 * keeps a little more each step is kept. The caller releases *out.
 */
int ms_leaks_find(struct ms_leaks *out, const struct ms_series *s, double min_steps,
		  struct ms_error *err);

void ms_leaks_release(struct ms_leaks *leaks);

#endif
