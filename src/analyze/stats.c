/*
 * Snapshot.statistics(): filter, sum per traceback id, fold the sums into
 * the requested key, sort. Per-trace work is one filter lookup and two
 * additions; cumulative mode costs per distinct traceback, not per trace.
 */
#include <stdlib.h>
#include <string.h>

#include "filter_eval.h"
#include "int128.h"
#include "memsnap/stats.h"
#include "view.h"
#include "snapshot_internal.h"
#include "sort.h"
#include "fail.h"

static const char *const key_type_names[] = {"lineno", "filename", "traceback", "function"};

const char *ms_key_type_name(enum ms_key_type key)
{
	return key_type_names[key];
}

int ms_key_type_parse(const char *name)
{
	int k;

	for (k = 0; k < 4; k++)
		if (!strcmp(name, key_type_names[k]))
			return k;
	return -1;
}

uint32_t ms_key_nframe(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key)
{
	return key_type == MS_KEY_TRACEBACK ? snap->tracebacks[key].nframe : 1;
}

struct ms_frame ms_key_frame(const struct ms_snapshot *snap, enum ms_key_type key_type,
			     uint32_t key, uint32_t i)
{
	struct ms_frame f;
	const struct ms_traceback *tb;

	switch (key_type) {
	case MS_KEY_LINENO:
		return snap->frames[key];
	case MS_KEY_FILENAME:
		f.file = key;
		f.lineno = 0;
		return f;
	case MS_KEY_FUNCTION:
		f.file = snap->functions[key].file;
		f.lineno = snap->functions[key].line;
		return f;
	case MS_KEY_TRACEBACK:
		break;
	}
	/* Python's Traceback holds the frames oldest first. */
	tb = &snap->tracebacks[key];
	return snap->frames[ms_traceback_frame(snap, tb, tb->nframe - 1 - i)];
}

static int compare_strings(const struct ms_snapshot *a, uint32_t as, const struct ms_snapshot *b,
			   uint32_t bs)
{
	const struct ms_string *x = &a->strings[as], *y = &b->strings[bs];
	int c = memcmp(x->bytes, y->bytes, x->len < y->len ? x->len : y->len);

	if (c)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

const char *ms_key_function(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
			    size_t *len)
{
	if (key_type != MS_KEY_FUNCTION || !snap->functions[key].name)
		return NULL;
	*len = snap->functions[key].name_len;
	return snap->functions[key].name;
}

/* By file, then name (named ones first), then an unnamed one's line. */
static int compare_functions(const struct ms_snapshot *a, uint32_t akey,
			     const struct ms_snapshot *b, uint32_t bkey)
{
	const struct ms_function *x = &a->functions[akey], *y = &b->functions[bkey];
	int c = compare_strings(a, x->file, b, y->file);
	size_t n;

	if (c)
		return c;
	if (!x->name || !y->name)
		return x->name ? -1 : y->name ? 1 : (x->line > y->line) - (x->line < y->line);
	n = x->name_len < y->name_len ? x->name_len : y->name_len;
	c = memcmp(x->name, y->name, n);
	return c ? c : (x->name_len > y->name_len) - (x->name_len < y->name_len);
}

int ms_key_compare(const struct ms_snapshot *a, uint32_t akey, const struct ms_snapshot *b,
		   uint32_t bkey, enum ms_key_type key_type)
{
	uint32_t an, bn, i;
	int c;

	if (a == b && akey == bkey)
		return 0;
	if (key_type == MS_KEY_FUNCTION)
		return compare_functions(a, akey, b, bkey);
	an = ms_key_nframe(a, key_type, akey);
	bn = ms_key_nframe(b, key_type, bkey);
	for (i = 0; i < an && i < bn; i++) {
		struct ms_frame x = ms_key_frame(a, key_type, akey, i);
		struct ms_frame y = ms_key_frame(b, key_type, bkey, i);
		if (a != b || x.file != y.file) {
			c = compare_strings(a, x.file, b, y.file);
			if (c)
				return c;
		}
		if (x.lineno != y.lineno)
			return x.lineno < y.lineno ? -1 : 1;
	}
	return (an > bn) - (an < bn);
}

#define CMP(x, y)                                                                                  \
	do {                                                                                       \
		if ((x) != (y))                                                                    \
			return (x) < (y) ? -1 : 1;                                                 \
	} while (0)

/* Python's order: descending (size, count, traceback). */
static int compare_stats(const void *pa, const void *pb, void *ctx)
{
	const struct ms_stat *a = pa, *b = pb;
	const struct ms_stats *stats = ctx;

	CMP(ms_u128_from(b->size), ms_u128_from(a->size));
	CMP(b->count, a->count);
	return ms_key_compare(stats->snap, b->key, stats->snap, a->key, stats->key_type);
}

static int compute(struct ms_stats *out, const struct ms_snapshot *snap,
		   const struct ms_filters *filters, const uint32_t *map, uint32_t nmap,
		   enum ms_key_type key_type, bool cumulative, size_t sorted, struct ms_error *err);

struct sums {
	ms_u128 *size;
	uint64_t *count;
};

static int sums_init(struct sums *s, size_t n)
{
	s->size = calloc(n ? n : 1, sizeof(*s->size));
	s->count = calloc(n ? n : 1, sizeof(*s->count));
	return s->size && s->count ? 0 : -1;
}

static void sums_release(struct sums *s)
{
	free(s->size);
	free(s->count);
}

/* Adds each traceback's sums to the keys it counts for. */
static void fold(const struct ms_stats *stats, const struct sums *tb, struct sums *key)
{
	const struct ms_snapshot *snap = stats->snap;
	size_t i, k;

	for (i = 0; i < snap->traceback_index.nr; i++) {
		const struct ms_traceback *t = &snap->tracebacks[i];
		size_t n = stats->cumulative ? t->nframe : 1;
		if (!tb->count[i])
			continue;
		for (k = 0; k < n; k++) {
			uint32_t frame = ms_traceback_frame(snap, t, (uint32_t)k);
			uint32_t id = stats->key_type == MS_KEY_LINENO ? frame
				      : stats->key_type == MS_KEY_FUNCTION
					  ? snap->frame_function[frame]
					  : snap->frames[frame].file;
			key->size[id] += tb->size[i];
			key->count[id] += tb->count[i];
		}
	}
}

static int collect(struct ms_stats *stats, const struct sums *key, size_t n)
{
	size_t i, nr = 0;

	for (i = 0; i < n; i++)
		nr += key->count[i] != 0;
	stats->items = malloc((nr ? nr : 1) * sizeof(*stats->items));
	if (!stats->items)
		return -1;
	for (i = 0; i < n; i++) {
		if (!key->count[i])
			continue;
		stats->items[stats->nr].size = ms_uint128_from(key->size[i]);
		stats->items[stats->nr].count = key->count[i];
		stats->items[stats->nr].key = (uint32_t)i;
		stats->nr++;
	}
	return 0;
}

/* Adds a summed snapshot's cell to the sums per traceback, if it passes the filters. */
static void add_sum(struct sums *tb, struct ms_filter_eval *ev, uint32_t domain, uint32_t traceback,
		    const struct ms_sum *c)
{
	if (!c->count || !ms_filter_eval(ev, domain, traceback))
		return;
	tb->size[traceback] += (ms_u128)c->size_hi << 64 | c->size_lo;
	tb->count[traceback] += c->count;
}

int ms_stats_compute(struct ms_stats *out, const struct ms_snapshot *snap,
		     const struct ms_filters *filters, enum ms_key_type key_type, bool cumulative,
		     struct ms_error *err)
{
	return ms_stats_compute_top(out, snap, filters, key_type, cumulative, SIZE_MAX, err);
}

/* Moves each traceback's sums to its view's (map[i], MS_NO_VIEW: dropped). */
static int apply_view(struct sums *tb, size_t ntb, const uint32_t *map, uint32_t nmap)
{
	struct sums viewed;
	size_t i;

	if (sums_init(&viewed, ntb) < 0) {
		sums_release(&viewed);
		return -1;
	}
	for (i = 0; i < nmap; i++) {
		if (map[i] == MS_NO_VIEW || !tb->count[i])
			continue;
		viewed.size[map[i]] += tb->size[i];
		viewed.count[map[i]] += tb->count[i];
	}
	sums_release(tb);
	*tb = viewed;
	return 0;
}

int ms_stats_compute_top(struct ms_stats *out, const struct ms_snapshot *snap,
			 const struct ms_filters *filters, enum ms_key_type key_type,
			 bool cumulative, size_t sorted, struct ms_error *err)
{
	return compute(out, snap, filters, NULL, 0, key_type, cumulative, sorted, err);
}

int ms_stats_compute_view(struct ms_stats *out, struct ms_snapshot *snap,
			  const struct ms_filters *filters, const struct ms_view *view,
			  enum ms_key_type key_type, bool cumulative, size_t sorted,
			  struct ms_error *err)
{
	uint32_t *map = NULL, nmap = 0;
	int status;

	if (ms_view_is_identity(view))
		return compute(out, snap, filters, NULL, 0, key_type, cumulative, sorted, err);
	memset(out, 0, sizeof(*out));
	status = ms_view_map(view, snap, &map, &nmap, err);
	if (!status)
		status = compute(out, snap, filters, map, nmap, key_type, cumulative, sorted, err);
	free(map);
	return status;
}

/* Whether these statistics look at no frame of a traceback but its newest. */
static bool newest_enough(const struct ms_filters *filters, const uint32_t *map,
			  enum ms_key_type key_type, bool cumulative)
{
	size_t i;

	if (map || cumulative || key_type == MS_KEY_TRACEBACK)
		return false;
	for (i = 0; filters && i < filters->nr; i++)
		if (!filters->items[i].is_domain && filters->items[i].all_frames)
			return false;
	return true;
}

/* Statistics of the traces filters keep, seen through map (NULL: as they are). */
static int compute(struct ms_stats *out, const struct ms_snapshot *snap,
		   const struct ms_filters *filters, const uint32_t *map, uint32_t nmap,
		   enum ms_key_type key_type, bool cumulative, size_t sorted, struct ms_error *err)
{
	struct ms_filter_eval ev;
	struct sums tb = {0}, key = {0};
	size_t ntb = snap->traceback_index.nr, nkeys, i, d;
	ms_u128 total = 0;
	int status = MS_ERR_NOMEM;

	memset(out, 0, sizeof(*out));
	if (cumulative && key_type == MS_KEY_TRACEBACK)
		return ms_fail(err, MS_ERR_USAGE,
			       "cumulative mode cannot be used with traceback grouping");
	if (snap->newest && !newest_enough(filters, map, key_type, cumulative))
		return ms_fail(
		    err, MS_ERR_USAGE,
		    "the snapshot was read with the newest frame of each traceback only");
	if (key_type == MS_KEY_FUNCTION && !snap->frame_function)
		return ms_fail(err, MS_ERR_USAGE, "the snapshot's functions were not named");
	out->snap = snap;
	out->key_type = key_type;
	out->cumulative = cumulative;
	if (ms_filter_eval_init(&ev, filters, snap) < 0 || sums_init(&tb, ntb) < 0)
		goto out;
	if (snap->summed) {
		for (d = 0; d < snap->nsums; d++) {
			const struct ms_domain_sums *ds = &snap->sums[d];
			for (i = 0; i < ds->alloc && i < ntb; i++)
				add_sum(&tb, &ev, ds->domain, (uint32_t)i, &ds->cells[i]);
			for (i = 0; i < ds->sparse_nr; i++)
				add_sum(&tb, &ev, ds->domain, ds->sparse_ids[i],
					&ds->sparse_cells[i]);
		}
	} else {
		for (i = 0; i < snap->traces_nr; i++) {
			uint32_t t = snap->trace_traceback[i];
			if (!ms_filter_eval(&ev, snap->trace_domain[i], t))
				continue;
			tb.size[t] += snap->trace_size[i];
			tb.count[t]++;
		}
	}
	if (map && apply_view(&tb, ntb, map, nmap) < 0)
		goto out;
	for (i = 0; i < ntb; i++) {
		total += tb.size[i];
		out->trace_count += tb.count[i];
	}
	out->trace_size = ms_uint128_from(total);
	if (key_type == MS_KEY_TRACEBACK) {
		if (collect(out, &tb, ntb) < 0)
			goto out;
	} else {
		nkeys = key_type == MS_KEY_LINENO     ? snap->frame_index.nr
			: key_type == MS_KEY_FUNCTION ? snap->function_index.nr
						      : snap->string_index.nr;
		if (sums_init(&key, nkeys) < 0)
			goto out;
		fold(out, &tb, &key);
		if (collect(out, &key, nkeys) < 0)
			goto out;
	}
	if (ms_sort_prefix(out->items, out->nr, sizeof(*out->items), sorted, compare_stats, out) <
	    0)
		goto out;
	out->sorted = sorted < out->nr ? sorted : out->nr;
	status = MS_OK;
out:
	ms_filter_eval_release(&ev);
	sums_release(&tb);
	sums_release(&key);
	if (status) {
		ms_stats_release(out);
		return ms_fail(err, status, "out of memory");
	}
	return MS_OK;
}

void ms_stats_release(struct ms_stats *stats)
{
	free(stats->items);
	stats->items = NULL;
	stats->nr = 0;
}
