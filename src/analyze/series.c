/*
 * Groups matched across snapshots: each statistics list is sorted by key,
 * the keys are merged into one sorted union, then each list is walked
 * beside the union to fill its column. Work is O(snapshots x groups) key
 * comparisons after the sorts.
 */
#include <stdlib.h>
#include <string.h>

#include "series.h"
#include "sort.h"
#include "fail.h"

static int compare_stat_keys(const void *pa, const void *pb, void *ctx)
{
	const struct ms_stat *a = pa, *b = pb;
	const struct ms_stats *stats = ctx;

	return ms_key_compare(stats->snap, a->key, stats->snap, b->key, stats->key_type);
}

/* Merges the keys of stats (sorted) into rows (sorted); may reallocate. */
static int merge_keys(struct ms_series *s, const struct ms_stats *stats)
{
	struct ms_series_row *merged;
	size_t i = 0, j = 0, n = 0;

	if (s->nr > SIZE_MAX / sizeof(*merged) - stats->nr)
		return -1;
	merged = malloc((s->nr + stats->nr + 1) * sizeof(*merged));
	if (!merged)
		return -1;
	while (i < s->nr || j < stats->nr) {
		int c = i == s->nr ? 1
			: j == stats->nr
			    ? -1
			    : ms_key_compare(s->rows[i].snap, s->rows[i].key, stats->snap,
					     stats->items[j].key, s->key_type);
		if (c <= 0) {
			merged[n++] = s->rows[i++];
			j += c == 0;
		} else {
			merged[n].snap = stats->snap;
			merged[n++].key = stats->items[j++].key;
		}
	}
	free(s->rows);
	s->rows = merged;
	s->nr = n;
	return 0;
}

/* Every key of stats is in rows, both sorted: one walk fills the column. */
static void fill_column(struct ms_series *s, const struct ms_stats *stats, size_t step)
{
	size_t i = 0, j;

	for (j = 0; j < stats->nr; j++) {
		while (ms_key_compare(s->rows[i].snap, s->rows[i].key, stats->snap,
				      stats->items[j].key, s->key_type))
			i++;
		s->size[i * s->nsnap + step] = ms_u128_from(stats->items[j].size);
		s->count[i * s->nsnap + step] = stats->items[j].count;
	}
}

int ms_series_build(struct ms_series *out, struct ms_stats *stats, size_t n, struct ms_error *err)
{
	size_t j;

	memset(out, 0, sizeof(*out));
	out->key_type = stats[0].key_type;
	out->cumulative = stats[0].cumulative;
	out->nsnap = n;
	out->total_size = calloc(n, sizeof(*out->total_size));
	out->total_count = calloc(n, sizeof(*out->total_count));
	if (!out->total_size || !out->total_count)
		goto nomem;
	for (j = 0; j < n; j++) {
		out->total_size[j] = ms_u128_from(stats[j].trace_size);
		out->total_count[j] = stats[j].trace_count;
		if (ms_sort(stats[j].items, stats[j].nr, sizeof(struct ms_stat), compare_stat_keys,
			    &stats[j]) < 0 ||
		    merge_keys(out, &stats[j]) < 0)
			goto nomem;
	}
	if (out->nr && n > SIZE_MAX / sizeof(ms_u128) / out->nr)
		goto nomem;
	out->size = calloc(out->nr * n + 1, sizeof(*out->size));
	out->count = calloc(out->nr * n + 1, sizeof(*out->count));
	if (!out->size || !out->count)
		goto nomem;
	for (j = 0; j < n; j++)
		fill_column(out, &stats[j], j);
	return MS_OK;
nomem:
	ms_series_release(out);
	return ms_fail(err, MS_ERR_NOMEM, "out of memory");
}

void ms_series_release(struct ms_series *s)
{
	free(s->total_size);
	free(s->total_count);
	free(s->rows);
	free(s->size);
	free(s->count);
	memset(s, 0, sizeof(*s));
}

ms_i128 ms_series_growth(const struct ms_series *s, size_t row)
{
	const ms_u128 *size = s->size + row * s->nsnap;

	return (ms_i128)size[s->nsnap - 1] - (ms_i128)size[0];
}

/* Descending growth, then descending last size, then ascending key. */
static int compare_growth(const void *pa, const void *pb, void *ctx)
{
	const struct ms_series *s = ctx;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb, last = s->nsnap - 1;
	ms_i128 ga = ms_series_growth(s, a), gb = ms_series_growth(s, b);

	if (ga != gb)
		return ga > gb ? -1 : 1;
	if (s->size[a * s->nsnap + last] != s->size[b * s->nsnap + last])
		return s->size[a * s->nsnap + last] > s->size[b * s->nsnap + last] ? -1 : 1;
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
