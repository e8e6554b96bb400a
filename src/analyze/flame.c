/*
 * The flame tree: every traceback of one or two snapshots sorted oldest
 * frame first, so that tracebacks sharing a prefix are neighbours, then
 * walked once, each keeping the nodes of the prefix it shares with the one
 * before and opening new nodes for the rest. A node is complete when the
 * walk leaves it: a narrow one is then folded into its parent's "other",
 * so that the tree never holds more than what can be drawn.
 */
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "flame.h"
#include "sort.h"
#include "fail.h"

/* In this order among entries of one traceback: new's first, for widths. */
enum kind { NEW, OLD, MARKED };

struct entry {
	const struct ms_snapshot *snap;
	const struct ms_stat *stat;
	enum kind kind;
	ms_u128 width; /* what it adds to its nodes' widths: width_of(), once sorted */
};

/* Which nodes to keep when there are too many: the widest, then the shallowest. */
struct rank {
	ms_u128 width;
	uint32_t depth;
};

struct builder {
	struct ms_flame *f;
	size_t path[MS_FLAME_MAX_DEPTH + 1]; /* the open node at each depth */
	uint32_t depth;			     /* of the deepest open node */
	ms_u128 total;			     /* the root's width */
	bool over_budget;		     /* nodes ranked at or below cut are folded */
	struct rank cut;
};

static int compare_entries(const void *pa, const void *pb, void *ctx)
{
	const struct entry *a = pa, *b = pb;
	int c = ms_key_compare(a->snap, a->stat->key, b->snap, b->stat->key, MS_KEY_TRACEBACK);

	(void)ctx;
	return c ? c : (int)a->kind - (int)b->kind;
}

static bool same_frame(const struct ms_snapshot *a, uint32_t fa, const struct ms_snapshot *b,
		       uint32_t fb)
{
	struct ms_frame x, y;
	const char *sx, *sy;
	size_t lx, ly;

	if (a == b)
		return fa == fb;
	x = ms_snapshot_frame(a, fa);
	y = ms_snapshot_frame(b, fb);
	if (x.lineno != y.lineno)
		return false;
	sx = ms_snapshot_string(a, x.file, &lx);
	sy = ms_snapshot_string(b, y.file, &ly);
	return lx == ly && !memcmp(sx, sy, lx);
}

static int add_entries(struct entry *e, size_t *n, const struct ms_stats *stats, enum kind kind)
{
	size_t i;

	if (stats->key_type != MS_KEY_TRACEBACK || stats->cumulative)
		return -1;
	for (i = 0; i < stats->nr; i++) {
		e[*n].snap = stats->snap;
		e[*n].stat = &stats->items[i];
		e[(*n)++].kind = kind;
	}
	return 0;
}

/* The frame id of frame i (oldest first) of a traceback key. */
static uint32_t frame_id(const struct ms_snapshot *snap, uint32_t key, uint32_t i)
{
	return ms_snapshot_traceback_frame(snap, key,
					   ms_snapshot_traceback_nframe(snap, key) - 1 - i);
}

/* Whether a ranks above b. A node ranks above its children: they are kept first. */
static bool ranks_above(struct rank a, struct rank b)
{
	return a.width > b.width || (a.width == b.width && a.depth < b.depth);
}

static int compare_ranks(const void *pa, const void *pb, void *ctx)
{
	const struct rank *a = pa, *b = pb;

	(void)ctx;
	return ranks_above(*a, *b) ? -1 : ranks_above(*b, *a);
}

static bool narrow(const struct builder *b, const struct ms_flame_node *n)
{
	struct rank r = {n->width, n->depth};

	return !n->width || n->width * MS_FLAME_RESOLUTION < b->total ||
	       (b->over_budget && !ranks_above(r, b->cut));
}

/* Counts node n in the "other" of parent. */
static void fold(struct ms_flame_node *parent, const struct ms_flame_node *n)
{
	parent->other_nodes++;
	parent->other_width += n->width;
	parent->other_size += n->size;
	parent->other_old_size += n->old_size;
	parent->other_count += n->count;
	parent->other_old_count += n->old_count;
}

/* Opens a node at depth, below the open one above it; may reallocate the nodes. */
static int open_node(struct builder *b, uint32_t depth, const struct ms_snapshot *snap,
		     uint32_t frame)
{
	struct ms_flame *f = b->f;
	struct ms_flame_node *node;

	if (MS_GROW(f->items, f->nr + 1, f->alloc) < 0)
		return -1;
	node = &f->items[f->nr];
	memset(node, 0, sizeof(*node));
	node->snap = snap;
	node->frame = frame;
	node->depth = depth;
	node->parent = b->path[depth - 1];
	b->path[depth] = f->nr++;
	b->depth = depth;
	return 0;
}

/*
 * Closes the open node at the deepest depth: its sums are final, and a
 * narrow one goes into its parent's "other" with its subtree, which is
 * every node after it.
 */
static void close_node(struct builder *b)
{
	size_t i = b->path[b->depth--];
	struct ms_flame_node *n = &b->f->items[i];

	if (narrow(b, n)) {
		fold(&b->f->items[n->parent], n);
		b->f->nr = i;
	}
}

/*
 * Raises the cut so that at most half the budget of nodes stays, the
 * lowest ranked closed ones folded, in one pass that keeps the order (a
 * node's subtree still follows it).
 */
static int compact(struct builder *b)
{
	struct ms_flame *f = b->f;
	size_t keep = MS_FLAME_MAX_NODES / 2 - (b->depth + 1), i, n = 0, kept = 1;
	struct rank *ranks = malloc(f->nr * sizeof(*ranks));
	size_t *moved = malloc(f->nr * sizeof(*moved));
	uint32_t d = 1;

	if (!ranks || !moved) {
		free(ranks);
		free(moved);
		return -1;
	}
	for (i = 1; i < f->nr; i++) {
		if (d <= b->depth && b->path[d] == i) {
			d++;
			continue;
		}
		ranks[n].width = f->items[i].width;
		ranks[n++].depth = f->items[i].depth;
	}
	if (n > keep) {
		if (ms_sort(ranks, n, sizeof(*ranks), compare_ranks, NULL) < 0) {
			free(ranks);
			free(moved);
			return -1;
		}
		b->cut = ranks[keep];
		b->over_budget = true;
	}
	free(ranks);
	moved[0] = 0;
	for (i = 1, d = 1; i < f->nr; i++) {
		struct ms_flame_node node = f->items[i];
		bool open = d <= b->depth && b->path[d] == i;

		moved[i] = SIZE_MAX;
		d += open;
		if (moved[node.parent] == SIZE_MAX)
			continue; /* in the subtree of a folded node */
		node.parent = moved[node.parent];
		if (!open && narrow(b, &node)) {
			fold(&f->items[node.parent], &node);
			continue;
		}
		f->items[kept] = node;
		moved[i] = kept++;
	}
	for (d = 1; d <= b->depth; d++)
		b->path[d] = moved[b->path[d]];
	f->nr = kept;
	free(moved);
	return 0;
}

/* Children follow their parent in order: each starts where the last ended. */
static int place(struct ms_flame *f)
{
	ms_u128 *cursor = malloc(f->nr * sizeof(*cursor));
	size_t i;

	if (!cursor)
		return -1;
	cursor[0] = 0;
	for (i = 1; i < f->nr; i++) {
		struct ms_flame_node *n = &f->items[i];
		n->x = cursor[n->parent];
		cursor[n->parent] += n->width;
		cursor[i] = n->x;
	}
	for (i = 0; i < f->nr; i++) {
		struct ms_flame_node *n = &f->items[i];
		uint32_t depth = n->depth + (n->other_nodes > 0);
		n->other_x = cursor[i];
		f->max_depth = depth > f->max_depth ? depth : f->max_depth;
	}
	free(cursor);
	return 0;
}

/*
 * What entry i adds to the width of its nodes: a new stack its size, an
 * old one what it had more than the new one (just before it, if any).
 */
static ms_u128 width_of(const struct entry *e, size_t i)
{
	ms_u128 size = ms_u128_from(e[i].stat->size), before;

	if (e[i].kind == NEW)
		return size;
	if (e[i].kind == MARKED)
		return 0;
	before = i && e[i - 1].kind == NEW &&
			 !ms_key_compare(e[i - 1].snap, e[i - 1].stat->key, e[i].snap,
					 e[i].stat->key, MS_KEY_TRACEBACK)
		     ? ms_u128_from(e[i - 1].stat->size)
		     : 0;
	return size > before ? size - before : 0;
}

/* Adds an entry, one traceback's statistic, to the tree. */
static int add(struct builder *b, const struct entry *e)
{
	const struct ms_stat *st = e->stat;
	uint32_t full = ms_key_nframe(e->snap, MS_KEY_TRACEBACK, st->key), nframe = full, d;
	int64_t limit = ms_snapshot_traceback_limit(e->snap);
	struct ms_flame *f = b->f;

	if (nframe > MS_FLAME_MAX_DEPTH)
		nframe = MS_FLAME_MAX_DEPTH;
	/* keep the prefix this traceback shares with the path */
	for (d = 1; d <= b->depth && d <= nframe; d++) {
		const struct ms_flame_node *node = &f->items[b->path[d]];
		if (!same_frame(node->snap, node->frame, e->snap,
				frame_id(e->snap, st->key, d - 1)))
			break;
	}
	while (b->depth >= d)
		close_node(b);
	for (; d <= nframe; d++)
		if (open_node(b, d, e->snap, frame_id(e->snap, st->key, d - 1)) < 0)
			return -1;
	for (d = 0; d <= b->depth; d++) {
		struct ms_flame_node *node = &f->items[b->path[d]];
		node->width += e->width;
		if (e->kind == MARKED) {
			node->mark_size += ms_u128_from(st->size);
		} else if (e->kind == OLD) {
			node->old_size += ms_u128_from(st->size);
			node->old_count += st->count;
		} else {
			node->size += ms_u128_from(st->size);
			node->count += st->count;
			if (limit > 0 && full >= limit)
				node->cut_size += ms_u128_from(st->size);
		}
	}
	/* down to half the budget, so that compacting stays rare */
	return f->nr > MS_FLAME_MAX_NODES ? compact(b) : 0;
}

int ms_flame_build(struct ms_flame *out, struct ms_stats *new_stats, struct ms_stats *old_stats,
		   struct ms_error *err)
{
	return ms_flame_build_marked(out, new_stats, old_stats, NULL, err);
}

int ms_flame_build_marked(struct ms_flame *out, struct ms_stats *new_stats,
			  struct ms_stats *old_stats, struct ms_stats *marked, struct ms_error *err)
{
	size_t n = 0, i,
	       total = new_stats->nr + (old_stats ? old_stats->nr : 0) + (marked ? marked->nr : 0);
	struct builder *b = NULL;
	struct entry *e;

	memset(out, 0, sizeof(*out));
	out->diff = old_stats != NULL;
	e = malloc((total + 1) * sizeof(*e));
	if (!e)
		goto nomem;
	if (add_entries(e, &n, new_stats, NEW) < 0 ||
	    (old_stats && add_entries(e, &n, old_stats, OLD) < 0) ||
	    (marked && add_entries(e, &n, marked, MARKED) < 0)) {
		free(e);
		return ms_fail(err, MS_ERR_USAGE, "a flame graph needs statistics by traceback");
	}
	b = calloc(1, sizeof(*b));
	if (!b || ms_sort(e, n, sizeof(*e), compare_entries, NULL) < 0 ||
	    MS_GROW(out->items, 1, out->alloc) < 0)
		goto nomem;
	b->f = out;
	for (i = 0; i < n; i++) {
		e[i].width = width_of(e, i);
		b->total += e[i].width;
	}
	memset(&out->items[0], 0, sizeof(out->items[0]));
	out->nr = 1;
	for (i = 0; i < n; i++)
		if (add(b, &e[i]) < 0)
			goto nomem;
	while (b->depth > 0)
		close_node(b);
	if (place(out) < 0)
		goto nomem;
	free(b);
	free(e);
	return MS_OK;
nomem:
	free(b);
	free(e);
	ms_flame_release(out);
	return ms_fail(err, MS_ERR_NOMEM, "out of memory");
}

void ms_flame_release(struct ms_flame *flame)
{
	free(flame->items);
	memset(flame, 0, sizeof(*flame));
}
