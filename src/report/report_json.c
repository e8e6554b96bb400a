/*
 * The json format: one document with the options used, the totals of the
 * snapshot(s), the statistics shown with Python's attribute names (raw
 * integers, tracebacks oldest frame first) and what the others add up to.
 */
#include "escape.h"
#include "json_emit.h"
#include "report.h"

static void put_filters(struct ms_json *j, const struct ms_filters *filters)
{
	size_t i;

	ms_json_key(j, "filters");
	ms_json_begin_array(j);
	for (i = 0; filters && i < filters->nr; i++) {
		const struct ms_filter *f = &filters->items[i];
		cJSON *o = cJSON_CreateObject();
		o = ms_json_add(o, "inclusive", cJSON_CreateBool(f->inclusive));
		if (f->is_domain) {
			o = ms_json_add(o, "domain", ms_json_u128(f->domain));
		} else {
			o = ms_json_add(o, "filename_pattern", ms_json_cstring(f->pattern));
			o = ms_json_add(o, "lineno",
					f->has_lineno ? ms_json_u128(f->lineno)
						      : cJSON_CreateNull());
			o = ms_json_add(o, "all_frames", cJSON_CreateBool(f->all_frames));
		}
		ms_json_put(j, o);
	}
	ms_json_end_array(j);
}

void ms_report_json_snapshot(struct ms_json *j, const char *key, const char *name,
			     const struct ms_stats *s)
{
	ms_json_key(j, key);
	ms_json_begin_object(j);
	ms_json_member(j, "file", ms_json_fsname(name));
	ms_json_member(j, "traceback_limit",
		       ms_json_u128((ms_u128)ms_snapshot_traceback_limit(s->snap)));
	ms_json_member(j, "size", ms_json_u128(ms_u128_from(s->trace_size)));
	ms_json_member(j, "count", ms_json_u128(s->trace_count));
	ms_json_end_object(j);
}

/* The four numbers of a difference, as members of o (NULL: of the document). */
static cJSON *diff_numbers(struct ms_json *j, cJSON *o, ms_u128 size, ms_i128 size_diff,
			   uint64_t count, int64_t count_diff)
{
	static const char *const names[] = {"size", "size_diff", "count", "count_diff"};
	cJSON *v[4];
	int i;

	v[0] = ms_json_u128(size);
	v[1] = ms_json_i128(size_diff);
	v[2] = ms_json_u128(count);
	v[3] = ms_json_i128(count_diff);
	for (i = 0; i < 4; i++) {
		if (o)
			o = ms_json_add(o, names[i], v[i]);
		else
			ms_json_member(j, names[i], v[i]);
	}
	return o;
}

/* --percent: "percent", the share of the total to two places, added to o. */
static cJSON *add_percent(cJSON *o, const struct ms_report *r, ms_u128 size)
{
	char buf[32];

	if (!r->percent)
		return o;
	snprintf(buf, sizeof(buf), "%.2f", ms_report_percent(r, size));
	return ms_json_add(o, "percent", cJSON_CreateRaw(buf));
}

static void put_stats(struct ms_json *j, const struct ms_report *r)
{
	size_t shown = ms_report_shown(r), i;
	const struct ms_stats *s = r->new_stats;

	ms_json_key(j, "stats");
	ms_json_begin_array(j);
	for (i = 0; i < shown; i++) {
		cJSON *o = cJSON_CreateObject();
		if (r->diff) {
			const struct ms_stat_diff *d = &r->diff->items[i];
			o = diff_numbers(j, o, ms_u128_from(d->size), ms_i128_from(d->size_diff), d->count, d->count_diff);
			o = add_percent(o, r, ms_u128_from(d->size));
			o = ms_json_add(o, "traceback",
					ms_json_traceback(d->snap, r->diff->key_type, d->key));
		} else {
			o = ms_json_add(o, "size", ms_json_u128(ms_u128_from(s->items[i].size)));
			o = ms_json_add(o, "count", ms_json_u128(s->items[i].count));
			o = add_percent(o, r, ms_u128_from(s->items[i].size));
			o = ms_json_add(o, "traceback",
					ms_json_traceback(s->snap, s->key_type, s->items[i].key));
		}
		ms_json_put(j, o);
	}
	ms_json_end_array(j);
}

int ms_write_json(FILE *out, const struct ms_report *r)
{
	const struct ms_stats *o = r->old_stats, *n = r->new_stats;
	struct ms_report_rest rest;
	int status;
	struct ms_json j;

	ms_json_init(&j, out);
	ms_json_begin_object(&j);
	ms_json_member(&j, "command", ms_json_cstring(r->diff ? "diff" : "top"));
	ms_json_member(&j, "group_by", ms_json_cstring(ms_key_type_name(n->key_type)));
	ms_json_member(&j, "cumulative", cJSON_CreateBool(n->cumulative));
	ms_json_member(&j, "limit", ms_json_u128(r->limit));
	put_filters(&j, r->filters);
	if (r->diff) {
		ms_report_json_snapshot(&j, "old", r->old_name, o);
		ms_report_json_snapshot(&j, "new", r->new_name, n);
		ms_json_key(&j, "total");
		ms_json_begin_object(&j);
		diff_numbers(&j, NULL, ms_u128_from(n->trace_size),
			     (ms_i128)ms_u128_from(n->trace_size) - (ms_i128)ms_u128_from(o->trace_size),
			     n->trace_count, (int64_t)(n->trace_count - o->trace_count));
		ms_json_end_object(&j);
	} else {
		ms_report_json_snapshot(&j, "snapshot", r->new_name, n);
	}
	ms_json_member(&j, "groups", ms_json_u128(r->diff ? r->diff->nr : n->nr));
	put_stats(&j, r);
	ms_report_rest(r, &rest);
	ms_json_key(&j, "other");
	ms_json_begin_object(&j);
	ms_json_member(&j, "groups", ms_json_u128(rest.groups));
	if (r->diff) {
		diff_numbers(&j, NULL, rest.size, rest.size_diff, rest.count, rest.count_diff);
	} else {
		ms_json_member(&j, "size", ms_json_u128(rest.size));
		ms_json_member(&j, "count", ms_json_u128(rest.count));
	}
	ms_json_end_object(&j);
	ms_json_end_object(&j);
	/* a piece another helper could not get memory for fails the report too */
	status = ms_json_finish(&j);
	return ms_write_status(out) < 0 ? -1 : status;
}
