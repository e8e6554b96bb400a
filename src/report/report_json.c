/*
 * The json format: one document with the options used, the totals of the
 * snapshot(s), the statistics shown with Python's attribute names (raw
 * integers, tracebacks oldest frame first) and what the others add up to.
 */
#include "json_emit.h"
#include "report.h"

static void put_filters(struct ms_json *j, const struct ms_filters *filters)
{
	size_t i;

	ms_json_key(j, "filters");
	ms_json_begin_array(j);
	for (i = 0; filters && i < filters->nr; i++) {
		const struct ms_filter *f = &filters->items[i];
		ms_json_begin_object(j);
		ms_json_key_bool(j, "inclusive", f->inclusive);
		if (f->is_domain) {
			ms_json_key_u128(j, "domain", f->domain);
		} else {
			ms_json_key_cstring(j, "filename_pattern", f->pattern);
			ms_json_key(j, "lineno");
			if (f->has_lineno)
				ms_json_u128(j, f->lineno);
			else
				ms_json_null(j);
			ms_json_key_bool(j, "all_frames", f->all_frames);
		}
		ms_json_end_object(j);
	}
	ms_json_end_array(j);
}

static void put_snapshot(struct ms_json *j, const char *key, const char *name,
			 const struct ms_stats *s)
{
	ms_json_key(j, key);
	ms_json_begin_object(j);
	ms_json_key(j, "file");
	ms_json_fsname(j, name);
	ms_json_key_u128(j, "traceback_limit", (ms_u128)ms_snapshot_traceback_limit(s->snap));
	ms_json_key_u128(j, "size", s->trace_size);
	ms_json_key_u128(j, "count", s->trace_count);
	ms_json_end_object(j);
}

static void put_diff_numbers(struct ms_json *j, ms_u128 size, ms_i128 size_diff, uint64_t count,
			     int64_t count_diff)
{
	ms_json_key_u128(j, "size", size);
	ms_json_key_i128(j, "size_diff", size_diff);
	ms_json_key_u128(j, "count", count);
	ms_json_key_i128(j, "count_diff", count_diff);
}

static void put_stats(struct ms_json *j, const struct ms_report *r)
{
	size_t shown = ms_report_shown(r), i;
	const struct ms_stats *s = r->new_stats;

	ms_json_key(j, "stats");
	ms_json_begin_array(j);
	for (i = 0; i < shown; i++) {
		ms_json_begin_object(j);
		if (r->diff) {
			const struct ms_stat_diff *d = &r->diff->items[i];
			put_diff_numbers(j, d->size, d->size_diff, d->count, d->count_diff);
			ms_json_key(j, "traceback");
			ms_json_traceback(j, d->snap, r->diff->key_type, d->key);
		} else {
			ms_json_key_u128(j, "size", s->items[i].size);
			ms_json_key_u128(j, "count", s->items[i].count);
			ms_json_key(j, "traceback");
			ms_json_traceback(j, s->snap, s->key_type, s->items[i].key);
		}
		ms_json_end_object(j);
	}
	ms_json_end_array(j);
}

int ms_write_json(FILE *out, const struct ms_report *r)
{
	const struct ms_stats *o = r->old_stats, *n = r->new_stats;
	struct ms_report_rest rest;
	struct ms_json j;

	ms_json_init(&j, out, 2);
	ms_json_begin_object(&j);
	ms_json_key_cstring(&j, "command", r->diff ? "diff" : "top");
	ms_json_key_cstring(&j, "group_by", ms_key_type_name(n->key_type));
	ms_json_key_bool(&j, "cumulative", n->cumulative);
	ms_json_key_u128(&j, "limit", r->limit);
	put_filters(&j, r->filters);
	if (r->diff) {
		put_snapshot(&j, "old", r->old_name, o);
		put_snapshot(&j, "new", r->new_name, n);
		ms_json_key(&j, "total");
		ms_json_begin_object(&j);
		put_diff_numbers(&j, n->trace_size, (ms_i128)n->trace_size - (ms_i128)o->trace_size,
				 n->trace_count, (int64_t)(n->trace_count - o->trace_count));
		ms_json_end_object(&j);
	} else {
		put_snapshot(&j, "snapshot", r->new_name, n);
	}
	ms_json_key_u128(&j, "groups", r->diff ? r->diff->nr : n->nr);
	put_stats(&j, r);
	ms_report_rest(r, &rest);
	ms_json_key(&j, "other");
	ms_json_begin_object(&j);
	ms_json_key_u128(&j, "groups", rest.groups);
	if (r->diff) {
		put_diff_numbers(&j, rest.size, rest.size_diff, rest.count, rest.count_diff);
	} else {
		ms_json_key_u128(&j, "size", rest.size);
		ms_json_key_u128(&j, "count", rest.count);
	}
	ms_json_end_object(&j);
	ms_json_end_object(&j);
	return ferror(out) ? -1 : 0;
}
