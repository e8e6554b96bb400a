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

/*
 * What is drawn stays bounded whatever the input: nodes narrower than
 * 1 / MS_FLAME_RESOLUTION of the root (a tenth of a pixel across a
 * 1180-pixel graph) are folded into their parent's "other" as the tree is
 * built; frames deeper than MS_FLAME_MAX_DEPTH are left out (the node at
 * that depth counts them); and when the tree would pass MS_FLAME_MAX_NODES
 * nodes, the narrowest (then the deepest) are folded too, down to half as
 * many, and so is every later node that ranks no higher.
 */
#define MS_FLAME_RESOLUTION 11800
#define MS_FLAME_MAX_DEPTH  256
#define MS_FLAME_MAX_NODES  2048

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
	/*
	 * The children folded into one "other" box, after the others: how
	 * many, their sums, and where the box starts.
	 */
	uint64_t other_nodes;
	ms_u128 other_width, other_size, other_old_size;
	uint64_t other_count, other_old_count;
	ms_u128 other_x;
};

struct ms_flame {
	struct ms_flame_node *items; /* depth first, children in frame order */
	size_t nr, alloc;
	uint32_t max_depth; /* of the boxes: nodes and "other" ones */
	bool diff;	    /* old_size and old_count hold the old snapshot's */
};

/*
 * Builds the tree of new_stats, and with old_stats (may be NULL) the
 * differential tree: nodes of both, each as wide as the larger of its new and old size. Both
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
