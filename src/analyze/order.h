/*
 * memsnap's own orders of top and diff (--sort, --min-size), beside
 * Python's: statistics already in Python's order sorted again, stably,
 * so that ties keep it.
 */
#ifndef MEMSNAP_ANALYZE_ORDER_H
#define MEMSNAP_ANALYZE_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memsnap/error.h"
#include "memsnap/stats.h"

/*
 * The orders (--sort): Python's, or by size, count or average
 * size (descending), and for differences by growth (size_diff descending)
 * or shrinkage (ascending). Ties keep Python's order.
 */
enum ms_order {
	MS_ORDER_PYTHON,
	MS_ORDER_SIZE,
	MS_ORDER_COUNT,
	MS_ORDER_AVERAGE,
	MS_ORDER_GROWTH,
	MS_ORDER_SHRINK
};

/* "size", "count", "average", and for a diff "growth" or "shrink"; -1 for others. */
int ms_order_parse(const char *name, bool diff);
const char *ms_order_name(enum ms_order order);

/*
 * Reorders statistics that are all in Python's order (sorted == nr) by
 * by, the groups under min_size (bytes; for a diff, of |size_diff|) moved
 * last; *shown receives how many are not under it. A diff's size and
 * count are the new snapshot's.
 */
int ms_stats_order(struct ms_stats *stats, enum ms_order by, uint64_t min_size, size_t *shown,
		   struct ms_error *err);
int ms_diff_order(struct ms_diff *diff, enum ms_order by, uint64_t min_size, size_t *shown,
		  struct ms_error *err);

#endif
