/*
 * Annotations: every statistic of the four lists becomes an entry (file
 * name, line, numbers); sorting the entries by name and line brings each
 * line's numbers from all lists together, whatever snapshot interned the
 * name, and cuts them into files.
 */
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "fail.h"
#include "fnmatch.h"
#include "snapshot_internal.h"
#include "sort.h"

struct entry {
	const struct ms_snapshot *snap;
	uint32_t file, lineno;
	int list; /* 0: now, 1: now cumulative, 2: old, 3: old cumulative */
	ms_u128 size;
	uint64_t count;
};

static int compare_names(const struct ms_snapshot *a, uint32_t x, const struct ms_snapshot *b,
			 uint32_t y)
{
	const struct ms_string *s = &a->strings[x], *t = &b->strings[y];
	int c = memcmp(s->bytes, t->bytes, s->len < t->len ? s->len : t->len);

	return c ? c : (s->len > t->len) - (s->len < t->len);
}

static int by_line(const void *pa, const void *pb, void *ctx)
{
	const struct entry *a = pa, *b = pb;
	int c = compare_names(a->snap, a->file, b->snap, b->file);

	(void)ctx;
	if (c)
		return c;
	return (a->lineno > b->lineno) - (a->lineno < b->lineno);
}

/* Filter's matching of a file name: the whole name, a final ".pyc" read as ".py". */
static bool wanted(const struct ms_filters *files, const struct ms_snapshot *snap, uint32_t file)
{
	size_t len, i;
	const char *name = ms_snapshot_string(snap, file, &len);

	if (!files || !files->nr)
		return true;
	if (len >= 4 && !memcmp(name + len - 4, ".pyc", 4))
		len--;
	for (i = 0; i < files->nr; i++)
		if (!files->items[i].is_domain && ms_glob_match(files->items[i].glob, name, len))
			return true;
	return false;
}

static void add(struct ms_annotate_numbers *n, const struct entry *e)
{
	if (e->list % 2) {
		n->cum_size += e->size;
		n->cum_count += e->count;
	} else {
		n->size += e->size;
		n->count += e->count;
	}
}

static void sum(struct ms_annotate_numbers *total, const struct ms_annotate_numbers *n)
{
	total->size += n->size;
	total->count += n->count;
	total->cum_size += n->cum_size;
	total->cum_count += n->cum_count;
}

static ms_u128 magnitude(ms_u128 a, ms_u128 b)
{
	return a > b ? a - b : b - a;
}

#define CMP(x, y)                                                                                  \
	do {                                                                                       \
		if ((x) != (y))                                                                    \
			return (x) < (y) ? 1 : -1;                                                 \
	} while (0)

/* Descending by change (with an old snapshot), size, cumulative size; then by name. */
static int by_total(const void *pa, const void *pb, void *ctx)
{
	const struct ms_annotate_file *a = pa, *b = pb;
	const struct ms_annotate *an = ctx;

	if (an->diff)
		CMP(magnitude(a->total.size, a->old_total.size),
		    magnitude(b->total.size, b->old_total.size));
	CMP(a->total.size, b->total.size);
	CMP(a->total.cum_size, b->total.cum_size);
	return compare_names(a->snap, a->file, b->snap, b->file);
}

int ms_annotate_build(struct ms_annotate *out, const struct ms_stats now[2],
		      const struct ms_stats *old, const struct ms_filters *files,
		      struct ms_error *err)
{
	const struct ms_stats *lists[4] = {&now[0], &now[1], old ? &old[0] : NULL,
					   old ? &old[1] : NULL};
	size_t n = 0, i, j, k, l;
	struct entry *e;
	int list;

	memset(out, 0, sizeof(*out));
	out->diff = old != NULL;
	for (list = 0; list < 4; list++)
		n += lists[list] ? lists[list]->nr : 0;
	e = malloc((n ? n : 1) * sizeof(*e));
	out->pool = malloc((n ? n : 1) * sizeof(*out->pool));
	out->files = malloc((n ? n : 1) * sizeof(*out->files));
	if (!e || !out->pool || !out->files)
		goto nomem;
	for (n = 0, list = 0; list < 4; list++) {
		const struct ms_stats *s = lists[list];
		for (i = 0; s && i < s->nr; i++) {
			struct ms_frame f = ms_snapshot_frame(s->snap, s->items[i].key);
			if (!wanted(files, s->snap, f.file))
				continue;
			e[n].snap = s->snap;
			e[n].file = f.file;
			e[n].lineno = f.lineno;
			e[n].list = list;
			e[n].size = ms_u128_from(s->items[i].size);
			e[n].count = s->items[i].count;
			n++;
		}
	}
	if (ms_sort(e, n, sizeof(*e), by_line, NULL) < 0)
		goto nomem;
	for (i = 0, l = 0; i < n; i = k) {
		struct ms_annotate_file *f = &out->files[out->nr++];
		memset(f, 0, sizeof(*f));
		f->snap = e[i].snap;
		f->file = e[i].file;
		f->lines = &out->pool[l];
		for (k = i; k < n && !compare_names(e[k].snap, e[k].file, f->snap, f->file); k++) {
			struct ms_annotate_line *line = &out->pool[l];
			if (k == i || e[k].lineno != line[-1].lineno) {
				memset(line, 0, sizeof(*line));
				line->lineno = e[k].lineno;
				l++;
				f->nr++;
			}
			/* a file the new snapshot has is named by it */
			if (e[k].list < 2 && f->snap != e[k].snap) {
				f->snap = e[k].snap;
				f->file = e[k].file;
			}
			add(e[k].list < 2 ? &out->pool[l - 1].now : &out->pool[l - 1].old, &e[k]);
		}
		for (j = 0; j < f->nr; j++) {
			sum(&f->total, &f->lines[j].now);
			sum(&f->old_total, &f->lines[j].old);
		}
	}
	free(e);
	if (ms_sort(out->files, out->nr, sizeof(*out->files), by_total, out) < 0) {
		e = NULL;
		goto nomem;
	}
	return MS_OK;
nomem:
	free(e);
	ms_annotate_release(out);
	return ms_fail(err, MS_ERR_NOMEM, "out of memory");
}

void ms_annotate_release(struct ms_annotate *a)
{
	free(a->files);
	free(a->pool);
	memset(a, 0, sizeof(*a));
}
