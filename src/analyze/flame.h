/*
 * A flame graph's tree: the tracebacks of a snapshot merged frame by frame,
 * oldest frame at the root, each node the bytes of every trace whose
 * traceback passes through it. Built from statistics grouped by traceback
 * (of two snapshots for a differential graph); the tree borrows their
 * snapshots and owns its nodes.
 */
#ifndef MEMSNAP_FLAME_H
#define MEMSNAP_FLAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memsnap/error.h"
#include "int128.h"
#include "memsnap/stats.h"

struct ms_flame_node {
	const struct ms_snapshot *snap; /* NULL for the root, which stands for all */
	uint32_t frame;			/* a frame id of snap */
	uint32_t depth;			/* 0 for the root */
	size_t parent;			/* index of the parent; the root's is 0 */
	ms_u128 size, old_size;		/* bytes below this node, new and old */
	uint64_t count, old_count;
	/*
	 * How wide it is drawn, in bytes: its size, or in a differential
	 * tree the larger of each stack's new and old size, so that memory
	 * freed entirely still shows.
	 */
	ms_u128 width;
	ms_u128 x;	   /* where the node starts, in widths from the left */
	ms_u128 cut_size;  /* of size: stacks as deep as the traceback limit, likely cut */
	ms_u128 mark_size; /* of size: in the marked statistics (ms_flame_build_marked()) */
};

struct ms_flame {
	struct ms_flame_node *items; /* depth first, children in frame order */
	size_t nr, alloc;
	uint32_t max_depth;
	bool diff; /* old_size and old_count hold the old snapshot's */
};

/*
 * Builds the tree of new_stats, and with old_stats (may be NULL) the
 * differential tree: nodes of both, widths from the new snapshot. Both
 * lists must be grouped by traceback; their items are sorted by key as a
 * side effect. The caller releases *out.
 */
int ms_flame_build(struct ms_flame *out, struct ms_stats *new_stats, struct ms_stats *old_stats,
		   struct ms_error *err);

/*
 * The same, with marked (may be NULL): statistics of some of new_stats'
 * traces, such as those of other domains than 0, whose bytes each node
 * counts in mark_size.
 */
int ms_flame_build_marked(struct ms_flame *out, struct ms_stats *new_stats,
			  struct ms_stats *old_stats, struct ms_stats *marked,
			  struct ms_error *err);

void ms_flame_release(struct ms_flame *flame);

#endif
