/*
 * Filter and DomainFilter, and Snapshot._filter_trace(): which traces a
 * filter list keeps. Filename tests run once per distinct filename and
 * frame, never once per trace.
 */
#include <stdlib.h>
#include <string.h>

#include "filter_eval.h"
#include "fnmatch.h"
#include "grow.h"
#include "snapshot_internal.h"
#include "utf8.h"
#include "fail.h"

/* _normalize_filename(): os.path.normcase() is the identity on POSIX. */
static size_t normalized_length(const char *s, size_t len)
{
	if (len >= 4 && !memcmp(s + len - 4, ".pyc", 4))
		return len - 1;
	return len;
}

int ms_filters_add_file(struct ms_filters *filters, bool inclusive, const char *pattern,
			bool has_lineno, uint64_t lineno, bool all_frames, struct ms_error *err)
{
	size_t n = strlen(pattern), len;
	struct ms_filter *f;
	char *text;

	if (n > (SIZE_MAX - 1) / 3 || MS_GROW(filters->items, filters->nr + 1, filters->alloc) < 0)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	text = malloc(3 * n + 1);
	if (!text)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	len = normalized_length(text, ms_utf8_fsdecode(text, pattern, n));
	text[len] = 0;
	f = &filters->items[filters->nr];
	memset(f, 0, sizeof(*f));
	f->inclusive = inclusive;
	f->all_frames = all_frames;
	f->has_lineno = has_lineno;
	f->lineno = lineno;
	f->pattern = text;
	f->glob = ms_glob_compile(text, len);
	if (!f->glob) {
		free(text);
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	}
	filters->nr++;
	return MS_OK;
}

int ms_filters_add_domain(struct ms_filters *filters, bool inclusive, uint64_t domain,
			  struct ms_error *err)
{
	struct ms_filter *f;

	if (MS_GROW(filters->items, filters->nr + 1, filters->alloc) < 0)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	f = &filters->items[filters->nr++];
	memset(f, 0, sizeof(*f));
	f->inclusive = inclusive;
	f->is_domain = true;
	f->domain = domain;
	return MS_OK;
}

void ms_filters_release(struct ms_filters *filters)
{
	size_t i;

	for (i = 0; i < filters->nr; i++) {
		free(filters->items[i].pattern);
		ms_glob_free(filters->items[i].glob);
	}
	free(filters->items);
	memset(filters, 0, sizeof(*filters));
}

int ms_filter_match_frames(const struct ms_filter *f, const struct ms_snapshot *snap,
			   uint8_t *frame_ok)
{
	size_t nstrings = snap->string_index.nr, nframes = snap->frame_index.nr, i;
	uint8_t *file_ok = calloc(nstrings ? nstrings : 1, 1);

	if (!file_ok)
		return -1;
	/* 0: not computed, 1: no match, 2: match */
	for (i = 0; i < nframes; i++) {
		const struct ms_frame *fr = &snap->frames[i];
		const struct ms_string *s = &snap->strings[fr->file];
		if (!file_ok[fr->file])
			file_ok[fr->file] =
				1 + ms_glob_match(f->glob, s->bytes, normalized_length(s->bytes, s->len));
		frame_ok[i] = file_ok[fr->file] == 2 && (!f->has_lineno || fr->lineno == f->lineno);
	}
	free(file_ok);
	return 0;
}

/* Filter._match_traceback() for every traceback: one byte each. */
static int match_tracebacks(const struct ms_filter *f, const struct ms_snapshot *snap, uint8_t *out)
{
	uint8_t *frame_ok = malloc(snap->frame_index.nr ? snap->frame_index.nr : 1);
	size_t i, k;

	if (!frame_ok || ms_filter_match_frames(f, snap, frame_ok) < 0) {
		free(frame_ok);
		return -1;
	}
	for (i = 0; i < snap->traceback_index.nr; i++) {
		const struct ms_traceback *tb = &snap->tracebacks[i];
		bool hit = frame_ok[ms_traceback_frame(snap, tb, 0)];
		if (f->all_frames)
			for (k = 1; k < tb->nframe && !hit; k++)
				hit = frame_ok[ms_traceback_frame(snap, tb, (uint32_t)k)];
		out[i] = hit == f->inclusive;
	}
	free(frame_ok);
	return 0;
}

int ms_filter_eval_init(struct ms_filter_eval *ev, const struct ms_filters *filters,
			const struct ms_snapshot *snap)
{
	size_t ntb = snap->traceback_index.nr, i, k;

	memset(ev, 0, sizeof(*ev));
	ev->filters = filters;
	if (!filters || !filters->nr)
		return 0;
	ev->match = calloc(filters->nr, sizeof(*ev->match));
	if (!ev->match)
		return -1;
	for (i = 0; i < filters->nr; i++) {
		if (filters->items[i].is_domain) {
			ev->by_domain = true;
			continue;
		}
		ev->match[i] = malloc(ntb ? ntb : 1);
		if (!ev->match[i] || match_tracebacks(&filters->items[i], snap, ev->match[i]) < 0)
			return -1;
	}
	if (ev->by_domain)
		return 0;
	/* No domain filter: the verdict depends on the traceback alone. */
	ev->keep = malloc(ntb ? ntb : 1);
	if (!ev->keep)
		return -1;
	for (k = 0; k < ntb; k++)
		ev->keep[k] = ms_filter_eval_slow(ev, 0, (uint32_t)k);
	return 0;
}

bool ms_filter_eval_slow(const struct ms_filter_eval *ev, uint32_t domain, uint32_t traceback)
{
	const struct ms_filters *fs = ev->filters;
	bool any_include = false, included = false;
	size_t i;

	for (i = 0; i < fs->nr; i++) {
		const struct ms_filter *f = &fs->items[i];
		bool match = f->is_domain ? (domain == f->domain) == f->inclusive
					  : ev->match[i][traceback];
		if (f->inclusive) {
			any_include = true;
			included |= match;
		} else if (!match) {
			return false;
		}
	}
	return !any_include || included;
}

void ms_filter_eval_release(struct ms_filter_eval *ev)
{
	size_t i;

	if (ev->match)
		for (i = 0; i < ev->filters->nr; i++)
			free(ev->match[i]);
	free(ev->match);
	free(ev->keep);
	memset(ev, 0, sizeof(*ev));
}

static size_t domain_traces(const struct ms_snapshot *snap, uint64_t domain)
{
	size_t n = 0, i, k;

	if (!snap->summed) {
		for (i = 0; i < snap->traces_nr; i++)
			n += snap->trace_domain[i] == domain;
		return n;
	}
	for (i = 0; i < snap->nsums; i++)
		if (snap->sums[i].domain == domain)
			for (k = 0; k < snap->sums[i].alloc; k++)
				n += snap->sums[i].cells[k].count;
	return n;
}

int ms_filter_reach(const struct ms_filter *f, const struct ms_snapshot *snap,
		    struct ms_filter_reach *out, struct ms_error *err)
{
	size_t nframes = snap->frame_index.nr, i;
	uint8_t *ok;

	memset(out, 0, sizeof(*out));
	out->first = MS_NO_ID;
	if (f->is_domain) {
		out->frames = out->newest = domain_traces(snap, f->domain);
		return MS_OK;
	}
	ok = malloc(nframes ? nframes : 1);
	if (!ok || ms_filter_match_frames(f, snap, ok) < 0) {
		free(ok);
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < nframes; i++) {
		if (!ok[i])
			continue;
		if (out->first == MS_NO_ID)
			out->first = (uint32_t)i;
		out->frames++;
		ok[i] = 2; /* counted once, however many tracebacks it ends */
	}
	for (i = 0; i < snap->traceback_index.nr; i++) {
		uint32_t newest = ms_traceback_frame(snap, &snap->tracebacks[i], 0);
		if (ok[newest] == 2) {
			out->newest++;
			ok[newest] = 3;
		}
	}
	free(ok);
	return MS_OK;
}

/* A summed snapshot keeps the sums of the tracebacks and domains the filters keep. */
static void apply_to_sums(const struct ms_filter_eval *ev, struct ms_snapshot *snap)
{
	size_t d, i;

	for (d = 0; d < snap->nsums; d++) {
		struct ms_domain_sums *ds = &snap->sums[d];
		for (i = 0; i < ds->alloc; i++) {
			if (!ds->cells[i].count || ms_filter_eval(ev, ds->domain, (uint32_t)i))
				continue;
			snap->traces_nr -= ds->cells[i].count;
			memset(&ds->cells[i], 0, sizeof(ds->cells[i]));
		}
	}
}

int ms_filters_apply(const struct ms_filters *filters, struct ms_snapshot *snap,
		     struct ms_error *err)
{
	struct ms_filter_eval ev;
	uint32_t *order = snap->summed ? NULL : malloc((snap->traces_nr + 1) * sizeof(*order));
	size_t i, n = 0;
	int ret = ms_filter_eval_init(&ev, filters, snap);

	if (ret < 0 || (!snap->summed && !order)) {
		ms_filter_eval_release(&ev);
		free(order);
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	}
	if (snap->summed) {
		apply_to_sums(&ev, snap);
	} else {
		for (i = 0; i < snap->traces_nr; i++)
			if (ms_filter_eval(&ev, snap->trace_domain[i], snap->trace_traceback[i]))
				order[n++] = (uint32_t)i;
		ret = n == snap->traces_nr ? 0 : ms_snapshot_reorder_traces(snap, order, n);
	}
	ms_filter_eval_release(&ev);
	free(order);
	return ret ? ms_fail(err, MS_ERR_NOMEM, "out of memory") : MS_OK;
}
