/*
 * Snapshot.compare_to(): pair the groups of two statistics lists by key
 * (both sorted by key, then merged), and sort the differences as Python
 * does: descending (|size_diff|, size, |count_diff|, count, traceback).
 */
#include <stdlib.h>
#include <string.h>

#include "memsnap/stats.h"
#include "sort.h"

static int compare_keys(const void *pa, const void *pb, void *ctx)
{
	const struct ms_stat *a = pa, *b = pb;
	const struct ms_stats *stats = ctx;

	return ms_key_compare(stats->snap, a->key, stats->snap, b->key, stats->key_type);
}

static ms_u128 magnitude(ms_i128 v)
{
	return v < 0 ? (ms_u128)0 - (ms_u128)v : (ms_u128)v;
}

#define CMP(x, y)                                                                                  \
	do {                                                                                       \
		if ((x) != (y))                                                                    \
			return (x) < (y) ? -1 : 1;                                                 \
	} while (0)

static int compare_diffs(const void *pa, const void *pb, void *ctx)
{
	const struct ms_stat_diff *a = pa, *b = pb;
	const struct ms_diff *diff = ctx;
	uint64_t ac = a->count_diff < 0 ? 0 - (uint64_t)a->count_diff : (uint64_t)a->count_diff;
	uint64_t bc = b->count_diff < 0 ? 0 - (uint64_t)b->count_diff : (uint64_t)b->count_diff;

	CMP(magnitude(b->size_diff), magnitude(a->size_diff));
	CMP(b->size, a->size);
	CMP(bc, ac);
	CMP(b->count, a->count);
	return ms_key_compare(b->snap, b->key, a->snap, a->key, diff->key_type);
}

static void set_diff(struct ms_stat_diff *d, const struct ms_stats *s, const struct ms_stat *now,
		     const struct ms_stat *before)
{
	d->snap = s->snap;
	d->key = (now ? now : before)->key;
	d->size = now ? now->size : 0;
	d->count = now ? now->count : 0;
	d->size_diff = (ms_i128)d->size - (ms_i128)(before ? before->size : 0);
	d->count_diff = (int64_t)(d->count - (before ? before->count : 0));
}

int ms_diff_compute(struct ms_diff *out, struct ms_stats *old_stats, struct ms_stats *new_stats,
		    struct ms_error *err)
{
	size_t i = 0, j = 0, n = old_stats->nr + new_stats->nr;
	struct ms_stat_diff *d;

	memset(out, 0, sizeof(*out));
	out->key_type = new_stats->key_type;
	if (ms_sort(old_stats->items, old_stats->nr, sizeof(struct ms_stat), compare_keys,
		    old_stats) < 0 ||
	    ms_sort(new_stats->items, new_stats->nr, sizeof(struct ms_stat), compare_keys,
		    new_stats) < 0 ||
	    !(out->items = malloc((n ? n : 1) * sizeof(*out->items))))
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	while (i < old_stats->nr || j < new_stats->nr) {
		const struct ms_stat *o = i < old_stats->nr ? &old_stats->items[i] : NULL;
		const struct ms_stat *w = j < new_stats->nr ? &new_stats->items[j] : NULL;
		int c = !o ? 1
			   : !w ? -1
				: ms_key_compare(old_stats->snap, o->key, new_stats->snap, w->key,
						 out->key_type);
		d = &out->items[out->nr++];
		if (c < 0) {
			set_diff(d, old_stats, NULL, o);
			i++;
		} else if (c > 0) {
			set_diff(d, new_stats, w, NULL);
			j++;
		} else {
			set_diff(d, new_stats, w, o);
			i++;
			j++;
		}
	}
	if (ms_sort(out->items, out->nr, sizeof(*out->items), compare_diffs, out) < 0) {
		ms_diff_release(out);
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	}
	return MS_OK;
}

void ms_diff_release(struct ms_diff *diff)
{
	free(diff->items);
	diff->items = NULL;
	diff->nr = 0;
}
