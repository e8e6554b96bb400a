/*
 * Groups matched across snapshots: every group of every snapshot is one
 * entry, the entries are sorted by key (then step) once, and each run of
 * equal keys becomes a row whose cells are its entries, in step order.
 * Memory and work follow the groups of all the snapshots, O(T log T) for
 * T of them, whether or not groups repeat from one snapshot to the next.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "series.h"
#include "sort.h"
#include "fail.h"

/* One group of one snapshot: stats[step].items[item]. */
struct entry {
	uint32_t step;
	uint32_t item;
};

static int compare_keys(const struct entry *a, const struct entry *b, const struct ms_stats *stats)
{
	return ms_key_compare(stats[a->step].snap, stats[a->step].items[a->item].key,
			      stats[b->step].snap, stats[b->step].items[b->item].key,
			      stats[0].key_type);
}

static int compare_entries(const void *pa, const void *pb, void *ctx)
{
	const struct entry *a = pa, *b = pb;
	int c = compare_keys(a, b, ctx);

	if (c)
		return c;
	return a->step < b->step ? -1 : a->step > b->step;
}

/* The rows and cells of the sorted entries e[0..n). */
static int fill_rows(struct ms_series *s, const struct ms_stats *stats, const struct entry *e,
		     size_t n)
{
	struct ms_series_row *row = NULL;
	size_t i;

	s->cells = malloc((n + 1) * sizeof(*s->cells));
	s->rows = malloc((n + 1) * sizeof(*s->rows));
	if (!s->cells || !s->rows)
		return -1;
	for (i = 0; i < n; i++) {
		const struct ms_stat *st = &stats[e[i].step].items[e[i].item];

		if (!i || compare_keys(&e[i - 1], &e[i], stats)) {
			row = &s->rows[s->nr++];
			row->snap = stats[e[i].step].snap;
			row->key = st->key;
			row->first = i;
			row->ncells = 0;
		}
		row->ncells++;
		s->cells[i].size = ms_u128_from(st->size);
		s->cells[i].count = st->count;
		s->cells[i].step = e[i].step;
	}
	s->ncells = n;
	return 0;
}

int ms_series_build(struct ms_series *out, struct ms_stats *stats, size_t n, struct ms_error *err)
{
	struct entry *entries = NULL;
	size_t j, i, total = 0;

	memset(out, 0, sizeof(*out));
	out->key_type = stats[0].key_type;
	out->cumulative = stats[0].cumulative;
	out->nsnap = n;
	if (n > UINT32_MAX)
		return ms_fail(err, MS_ERR_USAGE, "too many snapshots");
	out->total_size = calloc(n, sizeof(*out->total_size));
	out->total_count = calloc(n, sizeof(*out->total_count));
	if (!out->total_size || !out->total_count)
		goto nomem;
	for (j = 0; j < n; j++) {
		out->total_size[j] = ms_u128_from(stats[j].trace_size);
		out->total_count[j] = stats[j].trace_count;
		if (stats[j].nr > SIZE_MAX / sizeof(*entries) - 1 - total)
			goto nomem;
		total += stats[j].nr;
	}
	entries = malloc((total + 1) * sizeof(*entries));
	if (!entries)
		goto nomem;
	total = 0;
	for (j = 0; j < n; j++)
		for (i = 0; i < stats[j].nr; i++) {
			entries[total].step = (uint32_t)j;
			entries[total++].item = (uint32_t)i;
		}
	if (ms_sort(entries, total, sizeof(*entries), compare_entries, stats) < 0 ||
	    fill_rows(out, stats, entries, total) < 0)
		goto nomem;
	free(entries);
	return MS_OK;
nomem:
	free(entries);
	ms_series_release(out);
	return ms_fail(err, MS_ERR_NOMEM, "out of memory");
}

struct ms_series_cell ms_series_at(const struct ms_series *s, size_t row, size_t step)
{
	const struct ms_series_cell *c = s->cells + s->rows[row].first;
	size_t lo = 0, hi = s->rows[row].ncells;
	struct ms_series_cell none = {0, 0, (uint32_t)step};

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c[mid].step == step)
			return c[mid];
		if (c[mid].step < step)
			lo = mid + 1;
		else
			hi = mid;
	}
	return none;
}

void ms_series_release(struct ms_series *s)
{
	free(s->total_size);
	free(s->total_count);
	free(s->rows);
	free(s->cells);
	memset(s, 0, sizeof(*s));
}

ms_i128 ms_series_growth(const struct ms_series *s, size_t row)
{
	return (ms_i128)ms_series_at(s, row, s->nsnap - 1).size -
	       (ms_i128)ms_series_at(s, row, 0).size;
}

/* Descending growth, then descending last size, then ascending key. */
static int compare_growth(const void *pa, const void *pb, void *ctx)
{
	const struct ms_series *s = ctx;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb, last = s->nsnap - 1;
	ms_i128 ga = ms_series_growth(s, a), gb = ms_series_growth(s, b);
	ms_u128 la = ms_series_at(s, a, last).size, lb = ms_series_at(s, b, last).size;

	if (ga != gb)
		return ga > gb ? -1 : 1;
	if (la != lb)
		return la > lb ? -1 : 1;
	return ms_key_compare(s->rows[a].snap, s->rows[a].key, s->rows[b].snap, s->rows[b].key,
			      s->key_type);
}

int ms_series_grown(const struct ms_series *s, size_t **order, size_t *nr, struct ms_error *err)
{
	size_t i, n = 0;

	*order = malloc((s->nr + 1) * sizeof(**order));
	if (!*order)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	for (i = 0; i < s->nr; i++)
		if (ms_series_growth(s, i) > 0)
			(*order)[n++] = i;
	*nr = n;
	if (ms_sort(*order, n, sizeof(**order), compare_growth, (void *)s) < 0) {
		free(*order);
		*order = NULL;
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	}
	return MS_OK;
}
