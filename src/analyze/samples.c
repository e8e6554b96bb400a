/*
 * Profile samples: filtered traces summed per (traceback, domain). A
 * summed snapshot holds these sums already; a snapshot read whole is
 * summed here through a hash of the pairs, one lookup per trace.
 */
#include <stdlib.h>
#include <string.h>

#include "filter_eval.h"
#include "grow.h"
#include "samples.h"
#include "snapshot_internal.h"
#include "sort.h"
#include "fail.h"

struct pairs {
	struct ms_intern index;
	size_t alloc;
};

static uint32_t pair_hash(const struct ms_snapshot *snap, uint32_t traceback, uint32_t domain)
{
	return ms_hash_u64(snap->hash_seed, (uint64_t)traceback << 32 | domain);
}

/* The sample of (traceback, domain), added with zero sums when new; NULL on no memory. */
static struct ms_sample *find_or_add(struct ms_samples *s, struct pairs *p, uint32_t traceback,
				     uint32_t domain)
{
	uint32_t hash = pair_hash(s->snap, traceback, domain), id;
	struct ms_sample *item;

	for (id = ms_intern_first(&p->index, hash); id != MS_NO_ID;
	     id = ms_intern_next(&p->index, id))
		if (s->items[id].traceback == traceback && s->items[id].domain == domain)
			return &s->items[id];
	if (MS_GROW(s->items, s->nr + 1, p->alloc) < 0 || ms_intern_add(&p->index, hash) < 0)
		return NULL;
	item = &s->items[s->nr++];
	memset(item, 0, sizeof(*item));
	item->traceback = traceback;
	item->domain = domain;
	return item;
}

static int compare_samples(const void *pa, const void *pb, void *ctx)
{
	const struct ms_sample *a = pa, *b = pb;

	(void)ctx;
	if (a->traceback != b->traceback)
		return a->traceback < b->traceback ? -1 : 1;
	return (a->domain > b->domain) - (a->domain < b->domain);
}

int ms_samples_compute(struct ms_samples *out, const struct ms_snapshot *snap,
		       const struct ms_filters *filters, struct ms_error *err)
{
	struct ms_filter_eval ev;
	struct pairs p = {0};
	struct ms_sample *item;
	size_t i, d;
	int status = MS_ERR_NOMEM;

	memset(out, 0, sizeof(*out));
	out->snap = snap;
	if (ms_filter_eval_init(&ev, filters, snap) < 0)
		goto out;
	if (snap->summed) {
		for (d = 0; d < snap->nsums; d++) {
			const struct ms_domain_sums *ds = &snap->sums[d];
			for (i = 0; i < ds->alloc && i < snap->traceback_index.nr; i++) {
				const struct ms_sum *c = &ds->cells[i];
				if (!c->count || !ms_filter_eval(&ev, ds->domain, (uint32_t)i))
					continue;
				if (MS_GROW(out->items, out->nr + 1, p.alloc) < 0)
					goto out;
				item = &out->items[out->nr++];
				item->size = (ms_u128)c->size_hi << 64 | c->size_lo;
				item->count = c->count;
				item->traceback = (uint32_t)i;
				item->domain = ds->domain;
			}
		}
	} else {
		for (i = 0; i < snap->traces_nr; i++) {
			uint32_t t = snap->trace_traceback[i], dom = snap->trace_domain[i];
			if (!ms_filter_eval(&ev, dom, t))
				continue;
			item = find_or_add(out, &p, t, dom);
			if (!item)
				goto out;
			item->size += snap->trace_size[i];
			item->count++;
		}
	}
	if (ms_sort(out->items, out->nr, sizeof(*out->items), compare_samples, NULL) < 0)
		goto out;
	status = MS_OK;
out:
	ms_filter_eval_release(&ev);
	ms_intern_release(&p.index);
	if (status) {
		ms_samples_release(out);
		return ms_fail(err, status, "out of memory");
	}
	return MS_OK;
}

void ms_samples_release(struct ms_samples *samples)
{
	free(samples->items);
	samples->items = NULL;
	samples->nr = 0;
}
