/*
 * A summed snapshot's sums per domain and traceback. Each domain keeps a
 * dense array for the traceback ids below its alloc, grown only while it
 * would hold at least one cell in use per four (plus a slack), and a
 * sparse table (cells in the order first seen, found through a hash of
 * the id) for the ids above: a domain of a handful of traces costs a
 * handful of cells, however high their traceback ids.
 */
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "snapshot_internal.h"

/* Cells a dense array may have beyond four per cell in use. */
#define DENSE_SLACK 4096

/*
 * Cells a dense array is zeroed ahead of the id that needs them: its
 * allocation grows by half, but the pages past its last step are never
 * touched, so never resident (a third of the array, at its worst).
 */
#define DENSE_STEP 4096

static bool dense_fits(const struct ms_domain_sums *d, size_t cells)
{
	return cells <= 4 * (d->dense_used + d->sparse_nr + 1) + DENSE_SLACK;
}

static size_t first_slot(const struct ms_domain_sums *d, uint32_t traceback)
{
	return ms_hash_u64(d->seed, traceback) & d->sparse_mask;
}

struct ms_sum *ms_domain_sums_find(const struct ms_domain_sums *d, uint32_t traceback)
{
	size_t h;

	if (traceback < d->alloc)
		return &d->cells[traceback];
	if (!d->sparse_nr)
		return NULL;
	for (h = first_slot(d, traceback); d->sparse_slots[h]; h = (h + 1) & d->sparse_mask)
		if (d->sparse_ids[d->sparse_slots[h] - 1] == traceback)
			return &d->sparse_cells[d->sparse_slots[h] - 1];
	return NULL;
}

/* Puts every sparse cell in the hash, which has room for them. */
static void sparse_index(struct ms_domain_sums *d)
{
	size_t k, h;

	memset(d->sparse_slots, 0, (d->sparse_mask + 1) * sizeof(*d->sparse_slots));
	for (k = 0; k < d->sparse_nr; k++) {
		for (h = first_slot(d, d->sparse_ids[k]); d->sparse_slots[h];
		     h = (h + 1) & d->sparse_mask)
			;
		d->sparse_slots[h] = (uint32_t)k + 1;
	}
}

/* A sparse cell for traceback (at or above alloc, not there yet); -1 on no memory. */
static int sparse_add(struct ms_domain_sums *d, uint32_t traceback)
{
	size_t alloc, slots = d->sparse_mask + 1, h;
	uint32_t *index;

	if (d->sparse_nr >= UINT32_MAX - 1)
		return -1;
	/* at most half full, so that probes stay short */
	if (!d->sparse_slots || 2 * (d->sparse_nr + 1) > slots) {
		slots = d->sparse_slots ? 2 * slots : 16;
		if (slots > SIZE_MAX / sizeof(*index) || !(index = malloc(slots * sizeof(*index))))
			return -1;
		free(d->sparse_slots);
		d->sparse_slots = index;
		d->sparse_mask = slots - 1;
		sparse_index(d);
	}
	alloc = d->sparse_alloc;
	if (MS_GROW(d->sparse_cells, d->sparse_nr + 1, alloc) < 0)
		return -1;
	alloc = d->sparse_alloc;
	if (MS_GROW(d->sparse_ids, d->sparse_nr + 1, alloc) < 0)
		return -1;
	d->sparse_alloc = alloc;
	memset(&d->sparse_cells[d->sparse_nr], 0, sizeof(*d->sparse_cells));
	d->sparse_ids[d->sparse_nr++] = traceback;
	for (h = first_slot(d, traceback); d->sparse_slots[h]; h = (h + 1) & d->sparse_mask)
		;
	d->sparse_slots[h] = (uint32_t)d->sparse_nr;
	return 0;
}

/*
 * Counts the dense cells in use, when that is paid for: O(alloc), once
 * the array grew by an eighth or the sparse cells by alloc / 8 since the
 * last count.
 */
static void count_dense(struct ms_domain_sums *d)
{
	size_t i;

	if (d->alloc <= d->counted_alloc + d->counted_alloc / 8 &&
	    d->sparse_nr < d->counted_sparse + d->alloc / 8 + 64)
		return;
	d->dense_used = 0;
	for (i = 0; i < d->alloc; i++)
		d->dense_used += d->cells[i].count != 0;
	d->counted_alloc = d->alloc;
	d->counted_sparse = d->sparse_nr;
}

/*
 * Grows the dense array to n cells, taking in the sparse cells it now
 * covers; -1 on no memory (nothing changed).
 */
static int dense_grow(struct ms_domain_sums *d, size_t n)
{
	struct ms_sum *cells;
	size_t k, kept = 0;

	if (MS_GROW(d->cells, n, d->capacity) < 0)
		return -1;
	cells = d->cells;
	memset(cells + d->alloc, 0, (n - d->alloc) * sizeof(*cells));
	d->alloc = n;
	for (k = 0; k < d->sparse_nr; k++) {
		if (d->sparse_ids[k] < n) {
			cells[d->sparse_ids[k]] = d->sparse_cells[k];
			d->dense_used++;
		} else {
			d->sparse_cells[kept] = d->sparse_cells[k];
			d->sparse_ids[kept++] = d->sparse_ids[k];
		}
	}
	if (kept != d->sparse_nr) {
		d->sparse_nr = kept;
		sparse_index(d);
	}
	return 0;
}

struct ms_domain_sums *ms_snapshot_domain_sums(struct ms_snapshot *snap, uint32_t domain,
					       uint32_t traceback, bool *too_many,
					       struct ms_sum **cell)
{
	struct ms_domain_sums *d;
	size_t i = ms_snapshot_domain_index(snap, domain), n;

	if (i == MS_MAX_SUMMED_DOMAINS) {
		*too_many = true;
		return NULL;
	}
	d = &snap->sums[i];
	if (i == snap->nsums) {
		memset(d, 0, sizeof(*d));
		d->domain = domain;
		d->seed = snap->hash_seed;
		snap->nsums++;
	}
	snap->last_sum = i;
	if ((*cell = ms_domain_sums_find(d, traceback)))
		return d;
	n = (size_t)traceback + DENSE_STEP;
	if (!dense_fits(d, n))
		count_dense(d);
	if (dense_fits(d, n) ? dense_grow(d, n) < 0 : sparse_add(d, traceback) < 0)
		return NULL;
	*cell = ms_domain_sums_find(d, traceback);
	return d;
}

void ms_domain_sums_release(struct ms_domain_sums *d)
{
	free(d->cells);
	free(d->sparse_cells);
	free(d->sparse_ids);
	free(d->sparse_slots);
}
