/*
 * Snapshot.compare_to(): pair the groups of two statistics lists by key,
 * and sort the differences as Python does: descending (|size_diff|, size,
 * |count_diff|, count, traceback). Keys are paired by translating the old
 * snapshot's ids into the new one's through its interning tables, so no
 * string is compared.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "int128.h"
#include "memsnap/stats.h"
#include "snapshot_internal.h"
#include "sort.h"
#include "fail.h"

/* Old string, frame and function ids as new ones (MS_NO_ID: the new one lacks it). */
struct key_map {
	uint32_t *strings;
	uint32_t *frames;
	uint32_t *functions;
	uint32_t *tracebacks; /* only the old stats' */
};

static void key_map_release(struct key_map *m)
{
	free(m->strings);
	free(m->frames);
	free(m->functions);
	free(m->tracebacks);
}

static int key_map_init(struct key_map *m, const struct ms_snapshot *from,
			const struct ms_snapshot *to)
{
	size_t i, n = from->string_index.nr, nf = from->frame_index.nr;

	memset(m, 0, sizeof(*m));
	m->strings = malloc((n ? n : 1) * sizeof(uint32_t));
	m->frames = malloc((nf ? nf : 1) * sizeof(uint32_t));
	if (!m->strings || !m->frames)
		return -1;
	for (i = 0; i < n; i++)
		m->strings[i] =
			ms_snapshot_find_string(to, from->strings[i].bytes, from->strings[i].len);
	for (i = 0; i < nf; i++) {
		uint32_t file = m->strings[from->frames[i].file];
		m->frames[i] = file == MS_NO_ID
				       ? MS_NO_ID
				       : ms_snapshot_find_frame(to, file, from->frames[i].lineno);
	}
	return 0;
}

/* Functions are matched by file and name: a function whose lines moved is still itself. */
static int map_functions(struct key_map *m, const struct ms_snapshot *from,
			 const struct ms_snapshot *to)
{
	size_t i, n = from->function_index.nr;

	m->functions = malloc((n ? n : 1) * sizeof(uint32_t));
	if (!m->functions)
		return -1;
	for (i = 0; i < n; i++) {
		const struct ms_function *f = &from->functions[i];
		uint32_t file = m->strings[f->file];
		m->functions[i] =
		    file == MS_NO_ID
			? MS_NO_ID
			: ms_snapshot_find_function(to, file, f->name, f->name_len, f->line);
	}
	return 0;
}

/*
 * A block of the old tracebacks to look up: their ids, and their frames
 * as the new snapshot's, one after the other in frames.
 */
struct lookups {
	size_t n;
	uint32_t id[MS_FIND_BATCH], nframe[MS_FIND_BATCH];
	size_t start[MS_FIND_BATCH];
	uint32_t *frames;
	size_t frames_nr, frames_alloc;
};

/* Looks the block up in the new snapshot, and empties it. */
static void look_up(struct key_map *m, const struct ms_snapshot *to, struct lookups *l)
{
	uint32_t found[MS_FIND_BATCH];
	size_t i;

	ms_snapshot_find_tracebacks(to, l->n, l->frames, l->start, l->nframe, found);
	for (i = 0; i < l->n; i++)
		m->tracebacks[l->id[i]] = found[i];
	l->n = 0;
	l->frames_nr = 0;
}

/*
 * Old traceback id into the block, or straight to MS_NO_ID when one of
 * its frames is not in the new snapshot; -1 on no memory.
 */
static int add_lookup(struct key_map *m, const struct ms_snapshot *from, struct lookups *l,
		      uint32_t id)
{
	const struct ms_traceback *tb = &from->tracebacks[id];
	uint32_t i;

	if (MS_GROW(l->frames, l->frames_nr + tb->nframe, l->frames_alloc) < 0)
		return -1;
	for (i = 0; i < tb->nframe; i++) {
		l->frames[l->frames_nr + i] = m->frames[ms_traceback_frame(from, tb, i)];
		if (l->frames[l->frames_nr + i] == MS_NO_ID) {
			m->tracebacks[id] = MS_NO_ID;
			return 0;
		}
	}
	l->id[l->n] = id;
	l->start[l->n] = l->frames_nr;
	l->nframe[l->n++] = tb->nframe;
	l->frames_nr += tb->nframe;
	return 0;
}

/*
 * The old stats' tracebacks as new ones, looked up by increasing old id
 * (the order the old file defined them in, much the order the new one
 * did) and MS_FIND_BATCH at a time, so that their cache misses overlap.
 * One by one in the order of the stats (by size), each lookup waited on
 * its four misses in turn, and pairing took twice the time.
 */
#define WANTED (MS_NO_ID - 1)
static int map_tracebacks(struct key_map *m, const struct ms_snapshot *from,
			  const struct ms_snapshot *to, const struct ms_stats *stats)
{
	size_t i, n = from->traceback_index.nr;
	struct lookups l = {0};
	int status = 0;

	m->tracebacks = malloc((n ? n : 1) * sizeof(uint32_t));
	if (!m->tracebacks)
		return -1;
	memset(m->tracebacks, 0xff, (n ? n : 1) * sizeof(uint32_t));
	for (i = 0; i < stats->nr; i++)
		m->tracebacks[stats->items[i].key] = WANTED;
	for (i = 0; i < n && status == 0; i++) {
		if (m->tracebacks[i] != WANTED)
			continue;
		status = add_lookup(m, from, &l, (uint32_t)i);
		if (l.n == MS_FIND_BATCH)
			look_up(m, to, &l);
	}
	if (status == 0)
		look_up(m, to, &l);
	free(l.frames);
	return status;
}

/* The new snapshot's id of an old key, MS_NO_ID when it has none. */
static uint32_t map_key(const struct key_map *m, enum ms_key_type kt, uint32_t key)
{
	switch (kt) {
	case MS_KEY_FILENAME:
		return m->strings[key];
	case MS_KEY_LINENO:
		return m->frames[key];
	case MS_KEY_FUNCTION:
		return m->functions[key];
	case MS_KEY_TRACEBACK:
		break;
	}
	return m->tracebacks[key];
}

static size_t key_space(const struct ms_snapshot *snap, enum ms_key_type kt)
{
	switch (kt) {
	case MS_KEY_LINENO:
		return snap->frame_index.nr;
	case MS_KEY_FILENAME:
		return snap->string_index.nr;
	case MS_KEY_FUNCTION:
		return snap->function_index.nr;
	case MS_KEY_TRACEBACK:
		break;
	}
	return snap->traceback_index.nr;
}

static ms_u128 magnitude(struct ms_int128 p)
{
	ms_i128 v = ms_i128_from(p);

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
	CMP(ms_u128_from(b->size), ms_u128_from(a->size));
	CMP(bc, ac);
	CMP(b->count, a->count);
	return ms_key_compare(b->snap, b->key, a->snap, a->key, diff->key_type);
}

static void set_diff(struct ms_stat_diff *d, const struct ms_stats *s, const struct ms_stat *now,
		     const struct ms_stat *before)
{
	ms_u128 size = now ? ms_u128_from(now->size) : 0;
	ms_u128 size_before = before ? ms_u128_from(before->size) : 0;

	d->snap = s->snap;
	d->key = (now ? now : before)->key;
	d->size = ms_uint128_from(size);
	d->count = now ? now->count : 0;
	d->size_diff = ms_int128_from((ms_i128)size - (ms_i128)size_before);
	d->count_diff = (int64_t)(d->count - (before ? before->count : 0));
}

int ms_diff_compute(struct ms_diff *out, struct ms_stats *old_stats, struct ms_stats *new_stats,
		    struct ms_error *err)
{
	return ms_diff_compute_top(out, old_stats, new_stats, SIZE_MAX, err);
}

int ms_diff_compute_top(struct ms_diff *out, struct ms_stats *old_stats, struct ms_stats *new_stats,
			size_t sorted, struct ms_error *err)
{
	const struct ms_snapshot *from = old_stats->snap, *to = new_stats->snap;
	enum ms_key_type kt = new_stats->key_type;
	size_t n = old_stats->nr + new_stats->nr, space = key_space(to, kt), i;
	uint32_t *slot = malloc((space ? space : 1) * sizeof(uint32_t)), k;
	bool *paired = calloc(new_stats->nr ? new_stats->nr : 1, sizeof(bool));
	struct key_map map;
	int status = MS_ERR_NOMEM;

	/* keys of one kind pair only with keys of the same kind (stats.h) */
	assert(from && to);
	assert(old_stats->key_type == kt && old_stats->cumulative == new_stats->cumulative);
	memset(out, 0, sizeof(*out));
	out->key_type = kt;
	out->items = malloc((n ? n : 1) * sizeof(*out->items));
	if (key_map_init(&map, from, to) < 0 || !slot || !paired || !out->items ||
	    (kt == MS_KEY_FUNCTION && map_functions(&map, from, to) < 0) ||
	    (kt == MS_KEY_TRACEBACK && map_tracebacks(&map, from, to, old_stats) < 0))
		goto out;
	/* slot[new key] = its index in new_stats, or MS_NO_ID */
	memset(slot, 0xff, (space ? space : 1) * sizeof(uint32_t));
	for (i = 0; i < new_stats->nr; i++)
		slot[new_stats->items[i].key] = (uint32_t)i;
	for (i = 0; i < old_stats->nr; i++) {
		const struct ms_stat *o = &old_stats->items[i];
		k = map_key(&map, kt, o->key);
		if (k != MS_NO_ID && slot[k] != MS_NO_ID) {
			set_diff(&out->items[out->nr++], new_stats, &new_stats->items[slot[k]], o);
			paired[slot[k]] = true;
		} else {
			set_diff(&out->items[out->nr++], old_stats, NULL, o);
		}
	}
	for (i = 0; i < new_stats->nr; i++)
		if (!paired[i])
			set_diff(&out->items[out->nr++], new_stats, &new_stats->items[i], NULL);
	if (ms_sort_prefix(out->items, out->nr, sizeof(*out->items), sorted, compare_diffs, out) < 0)
		goto out;
	out->sorted = sorted < out->nr ? sorted : out->nr;
	status = MS_OK;
out:
	key_map_release(&map);
	free(slot);
	free(paired);
	if (status) {
		ms_diff_release(out);
		return ms_fail(err, status, "out of memory");
	}
	return MS_OK;
}

void ms_diff_release(struct ms_diff *diff)
{
	free(diff->items);
	diff->items = NULL;
	diff->nr = 0;
}
