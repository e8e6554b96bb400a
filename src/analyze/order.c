/*
 * memsnap's own orders of top and diff (--sort, --min-size): a stable
 * sort of statistics already in Python's order, so that ties keep it,
 * with the groups --min-size hides moved after the others.
 */
#include <string.h>

#include "fail.h"
#include "int128.h"
#include "order.h"
#include "sort.h"

static const char *const order_names[] = {"python", "size", "count", "average", "growth", "shrink"};

const char *ms_order_name(enum ms_order order)
{
	return order_names[order];
}

int ms_order_parse(const char *name, bool diff)
{
	int i;

	for (i = MS_ORDER_SIZE; i <= MS_ORDER_SHRINK; i++)
		if (!strcmp(name, order_names[i]))
			return i >= MS_ORDER_GROWTH && !diff ? -1 : i;
	return -1;
}

struct order {
	enum ms_order by;
	uint64_t min_size;
};

/* The sort key of a group: size, count, average or size change. */
struct key {
	bool hidden; /* under --min-size */
	ms_u128 size;
	uint64_t count;
	ms_i128 change;
};

#define CMP(x, y)                                                                                  \
	do {                                                                                       \
		if ((x) != (y))                                                                    \
			return (x) < (y) ? -1 : 1;                                                 \
	} while (0)

/* a->size / a->count against b's, exactly: quotients, then remainders. */
static int compare_averages(const struct key *a, const struct key *b)
{
	ms_u128 qa = a->size / a->count, qb = b->size / b->count;

	CMP(qa, qb);
	/* each remainder is below its count, so neither product overflows */
	CMP(a->size % a->count * b->count, b->size % b->count * a->count);
	return 0;
}

static int compare_keys(const struct key *a, const struct key *b, enum ms_order by)
{
	CMP(a->hidden, b->hidden);
	switch (by) {
	case MS_ORDER_PYTHON:
		return 0;
	case MS_ORDER_SIZE:
		CMP(b->size, a->size);
		return 0;
	case MS_ORDER_COUNT:
		CMP(b->count, a->count);
		return 0;
	case MS_ORDER_AVERAGE:
		if (!a->count || !b->count) /* no average: last */
			return (a->count == 0) - (b->count == 0);
		return compare_averages(b, a);
	case MS_ORDER_GROWTH:
		CMP(b->change, a->change);
		return 0;
	case MS_ORDER_SHRINK:
		CMP(a->change, b->change);
		return 0;
	}
	return 0;
}

static ms_u128 magnitude(ms_i128 v)
{
	return v < 0 ? (ms_u128)0 - (ms_u128)v : (ms_u128)v;
}

static bool stat_hidden(const void *item, uint64_t min_size)
{
	return ms_u128_from(((const struct ms_stat *)item)->size) < min_size;
}

static bool diff_hidden(const void *item, uint64_t min_size)
{
	return magnitude(ms_i128_from(((const struct ms_stat_diff *)item)->size_diff)) < min_size;
}

static int compare_stats(const void *pa, const void *pb, void *ctx)
{
	const struct ms_stat *a = pa, *b = pb;
	const struct order *o = ctx;
	struct key ka = {stat_hidden(a, o->min_size), ms_u128_from(a->size), a->count, 0};
	struct key kb = {stat_hidden(b, o->min_size), ms_u128_from(b->size), b->count, 0};

	return compare_keys(&ka, &kb, o->by);
}

static int compare_diffs(const void *pa, const void *pb, void *ctx)
{
	const struct ms_stat_diff *a = pa, *b = pb;
	const struct order *o = ctx;
	struct key ka = {diff_hidden(a, o->min_size), ms_u128_from(a->size), a->count,
			 ms_i128_from(a->size_diff)};
	struct key kb = {diff_hidden(b, o->min_size), ms_u128_from(b->size), b->count,
			 ms_i128_from(b->size_diff)};

	return compare_keys(&ka, &kb, o->by);
}

/* Sorts n items of size bytes by cmp; *shown: how many lead that hidden() does not take. */
static int order(void *items, size_t n, size_t size, size_t sorted, ms_compare_fn cmp,
		 const struct order *o, bool (*hidden)(const void *item, uint64_t min_size),
		 size_t *shown, struct ms_error *err)
{
	size_t i;

	if (sorted < n)
		return ms_fail(err, MS_ERR_USAGE, "statistics not all in Python's order");
	if (ms_sort(items, n, size, cmp, (void *)o) < 0)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	for (i = 0; i < n && !hidden((const char *)items + i * size, o->min_size); i++)
		;
	*shown = i;
	return MS_OK;
}

int ms_stats_order(struct ms_stats *stats, enum ms_order by, uint64_t min_size, size_t *shown,
		   struct ms_error *err)
{
	struct order o = {by, min_size};

	return order(stats->items, stats->nr, sizeof(*stats->items), stats->sorted, compare_stats,
		     &o, stat_hidden, shown, err);
}

int ms_diff_order(struct ms_diff *diff, enum ms_order by, uint64_t min_size, size_t *shown,
		  struct ms_error *err)
{
	struct order o = {by, min_size};

	return order(diff->items, diff->nr, sizeof(*diff->items), diff->sorted, compare_diffs, &o,
		     diff_hidden, shown, err);
}
