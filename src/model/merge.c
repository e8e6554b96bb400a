/*
 * ms_snapshot_merge(): snapshots of several processes (or moments) as one,
 * what Python makes of Snapshot(a.traces._traces + b.traces._traces, limit):
 * every trace, each snapshot's in its order, re-interned into one table of
 * strings, frames and tracebacks. Summed snapshots merge their sums.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fail.h"
#include "snapshot_internal.h"

/* Maps one snapshot's string, frame and traceback ids to the merged ones. */
struct id_maps {
	uint32_t *strings, *frames, *tracebacks;
	uint32_t *scratch; /* a traceback's mapped frames */
};

static void maps_release(struct id_maps *m)
{
	free(m->strings);
	free(m->frames);
	free(m->tracebacks);
	free(m->scratch);
}

static int map_ids(struct ms_snapshot *out, const struct ms_snapshot *in, struct id_maps *m)
{
	size_t i, nstrings = in->string_index.nr, nframes = in->frame_index.nr,
		  ntracebacks = in->traceback_index.nr;
	uint32_t longest = 0, j;

	for (i = 0; i < ntracebacks; i++)
		if (in->tracebacks[i].nframe > longest)
			longest = in->tracebacks[i].nframe;
	m->strings = malloc((nstrings + 1) * sizeof(uint32_t));
	m->frames = malloc((nframes + 1) * sizeof(uint32_t));
	m->tracebacks = malloc((ntracebacks + 1) * sizeof(uint32_t));
	m->scratch = malloc(((size_t)longest + 1) * sizeof(uint32_t));
	if (!m->strings || !m->frames || !m->tracebacks || !m->scratch)
		return -1;
	for (i = 0; i < nstrings; i++) {
		m->strings[i] =
		    ms_snapshot_intern_string(out, in->strings[i].bytes, in->strings[i].len);
		if (m->strings[i] == MS_NO_ID)
			return -1;
	}
	for (i = 0; i < nframes; i++) {
		m->frames[i] = ms_snapshot_intern_frame(out, m->strings[in->frames[i].file],
							in->frames[i].lineno);
		if (m->frames[i] == MS_NO_ID)
			return -1;
	}
	for (i = 0; i < ntracebacks; i++) {
		const struct ms_traceback *tb = &in->tracebacks[i];

		for (j = 0; j < tb->nframe; j++)
			m->scratch[j] = m->frames[ms_traceback_frame(in, tb, j)];
		m->tracebacks[i] = ms_snapshot_intern_traceback(out, m->scratch, tb->nframe);
		if (m->tracebacks[i] == MS_NO_ID)
			return -1;
	}
	return 0;
}

/* Into a summed merge too; -1 on no memory, -2 on too many domains. */
static int add_traces(struct ms_snapshot *out, const struct ms_snapshot *in,
		      const struct id_maps *m)
{
	struct ms_trace t;
	size_t i;
	int ret;

	for (i = 0; i < in->traces_nr; i++) {
		t = ms_snapshot_trace(in, i);
		t.traceback = m->tracebacks[t.traceback];
		ret = ms_snapshot_add_trace(out, &t);
		if (ret)
			return ret;
	}
	return 0;
}

/* An input's cell into out's, for traceback (out's id) and domain; -1, -2 as below. */
static int merge_cell(struct ms_snapshot *out, uint32_t traceback, uint32_t domain,
		      const struct ms_sum *from)
{
	return from->count ? ms_snapshot_sum_merge(out, traceback, domain, from) : 0;
}

/*
 * Every cell of in's sums, dense and sparse; -1 on no memory, -2 on too
 * many domains (summed snapshots hold few).
 */
static int add_sums(struct ms_snapshot *out, const struct ms_snapshot *in, const struct id_maps *m)
{
	const struct ms_domain_sums *d;
	size_t k, i;
	int ret = 0;

	for (k = 0; k < in->nsums && !ret; k++) {
		d = &in->sums[k];
		for (i = 0; i < d->alloc && i < in->traceback_index.nr && !ret; i++)
			ret = merge_cell(out, m->tracebacks[i], d->domain, &d->cells[i]);
		for (i = 0; i < d->sparse_nr && !ret; i++)
			ret = merge_cell(out, m->tracebacks[d->sparse_ids[i]], d->domain,
					 &d->sparse_cells[i]);
	}
	out->traces_nr += in->traces_nr;
	return ret;
}

/*
 * The pickle form a merged snapshot is written in: traces of 4 fields if
 * any has them (total_nframe is the frame count for the others), and then
 * protocol 5; 3 fields otherwise, in the lowest protocol of the inputs, so
 * that every Python that reads one of them reads the merge.
 */
static void merge_origin(struct ms_snapshot *out, const struct ms_snapshot *in, bool first)
{
	struct ms_snapshot_origin *o = &out->origin;

	if (in->origin.trace_arity > o->trace_arity)
		o->trace_arity = in->origin.trace_arity;
	if (first || (in->origin.protocol && in->origin.protocol < o->protocol))
		o->protocol = in->origin.protocol;
	if (in->traceback_limit > out->traceback_limit)
		out->traceback_limit = in->traceback_limit;
}

int ms_snapshot_merge(struct ms_snapshot *const *snaps, size_t n, struct ms_snapshot **out,
		      struct ms_error *err)
{
	struct ms_snapshot *m = ms_snapshot_new();
	struct id_maps maps;
	bool summed = false;
	size_t i;
	int ret = 0;

	*out = NULL;
	if (!m)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	/* one summed input makes the merge summed: whole ones are summed in */
	for (i = 0; i < n; i++) {
		summed = summed || snaps[i]->summed;
		m->newest = m->newest || snaps[i]->newest; /* some tracebacks are cut */
	}
	m->summed = summed;
	for (i = 0; i < n && !ret; i++) {
		struct ms_snapshot *in = snaps[i];

		merge_origin(m, in, i == 0);
		memset(&maps, 0, sizeof(maps));
		ret = map_ids(m, in, &maps);
		if (!ret)
			ret = in->summed ? add_sums(m, in, &maps) : add_traces(m, in, &maps);
		maps_release(&maps);
	}
	if (m->origin.trace_arity == 4)
		m->origin.protocol = 0;
	if (ret) {
		ms_snapshot_free(m);
		if (ret == -2)
			return ms_fail(err, MS_ERR_USAGE, "more than %d allocation domains to sum",
				       MS_MAX_SUMMED_DOMAINS);
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	}
	*out = m;
	return MS_OK;
}
