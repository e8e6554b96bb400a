/*
 * The flame tree: every traceback of one or two snapshots sorted oldest
 * frame first, so that tracebacks sharing a prefix are neighbours, then
 * walked once, each keeping the nodes of the prefix it shares with the one
 * before and opening new nodes for the rest.
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
	uint32_t n;
	const uint32_t *frames = ms_snapshot_traceback(snap, key, &n);

	return frames[n - 1 - i];
}

/* Opens a node at the end of the path; may reallocate the nodes. */
static int open_node(struct ms_flame *f, size_t *path, uint32_t depth,
		     const struct ms_snapshot *snap, uint32_t frame)
{
	struct ms_flame_node *node;

	if (MS_GROW(f->items, f->nr + 1, f->alloc) < 0)
		return -1;
	node = &f->items[f->nr];
	memset(node, 0, sizeof(*node));
	node->snap = snap;
	node->frame = frame;
	node->depth = depth;
	node->parent = path[depth - 1];
	path[depth] = f->nr++;
	if (depth > f->max_depth)
		f->max_depth = depth;
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
	size_t *path = NULL;
	struct entry *e;
	uint32_t depth = 0, d, nframe, longest = 0;
	ms_u128 width;
	int64_t limit;

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
	for (i = 0; i < n; i++) {
		nframe = ms_key_nframe(e[i].snap, MS_KEY_TRACEBACK, e[i].stat->key);
		longest = nframe > longest ? nframe : longest;
	}
	path = malloc(((size_t)longest + 1) * sizeof(*path));
	if (!path || ms_sort(e, n, sizeof(*e), compare_entries, NULL) < 0 ||
	    MS_GROW(out->items, 1, out->alloc) < 0)
		goto nomem;
	path[0] = 0;
	memset(&out->items[0], 0, sizeof(out->items[0]));
	out->nr = 1;
	for (i = 0; i < n; i++) {
		const struct ms_stat *st = e[i].stat;
		nframe = ms_key_nframe(e[i].snap, MS_KEY_TRACEBACK, st->key);
		/* keep the prefix this traceback shares with the path */
		for (d = 1; d <= depth && d <= nframe; d++) {
			const struct ms_flame_node *node = &out->items[path[d]];
			if (!same_frame(node->snap, node->frame, e[i].snap,
					frame_id(e[i].snap, st->key, d - 1)))
				break;
		}
		for (; d <= nframe; d++)
			if (open_node(out, path, d, e[i].snap,
				      frame_id(e[i].snap, st->key, d - 1)) < 0)
				goto nomem;
		depth = nframe;
		width = width_of(e, i);
		limit = ms_snapshot_traceback_limit(e[i].snap);
		for (d = 0; d <= depth; d++) {
			struct ms_flame_node *node = &out->items[path[d]];
			node->width += width;
			if (e[i].kind == MARKED) {
				node->mark_size += ms_u128_from(st->size);
			} else if (e[i].kind == OLD) {
				node->old_size += ms_u128_from(st->size);
				node->old_count += st->count;
			} else {
				node->size += ms_u128_from(st->size);
				node->count += st->count;
				if (limit > 0 && nframe >= limit)
					node->cut_size += ms_u128_from(st->size);
			}
		}
	}
	if (place(out) < 0)
		goto nomem;
	free(path);
	free(e);
	return MS_OK;
nomem:
	free(path);
	free(e);
	ms_flame_release(out);
	return ms_fail(err, MS_ERR_NOMEM, "out of memory");
}

void ms_flame_release(struct ms_flame *flame)
{
	free(flame->items);
	memset(flame, 0, sizeof(*flame));
}
