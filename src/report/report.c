/*
 * The table of report formats, and what their writers share: how many
 * statistics are shown, what the rest add up to, how names are printed.
 */
#include <string.h>

#include "escape.h"
#include "format128.h"
#include "report.h"

static const struct {
	const char *name;
	ms_report_writer write;
} formats[] = {
    {"text", ms_write_text},	     {"json", ms_write_json},
    {"csv", ms_write_csv},	     {"tsv", ms_write_tsv},
    {"markdown", ms_write_markdown}, {"collapsed", ms_write_collapsed},
    {"pprof", ms_write_pprof},	     {"speedscope", ms_write_speedscope},
};

const char ms_report_cumulative_note[] =
    "a trace counts in the group of every frame of its traceback, a repeated "
    "frame each time, as in Python, so the groups add up to more than the total";

const char ms_report_format_names[] =
    "text, json, csv, tsv, markdown, collapsed, pprof or speedscope";

ms_report_writer ms_report_writer_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(name, formats[i].name))
			return formats[i].write;
	return NULL;
}

size_t ms_report_shown(const struct ms_report *r)
{
	size_t nr = (r->diff ? r->diff->nr : r->new_stats->nr) - r->hidden;

	return r->limit && r->limit < nr ? r->limit : nr;
}

double ms_report_percent(const struct ms_report *r, ms_u128 size)
{
	ms_u128 total = ms_u128_from(r->new_stats->trace_size);

	if (!total)
		return 0;
	/* Python's 100 * size / total, rounded once, wherever it can be */
	if (total <= UINT64_MAX && size <= ~(ms_u128)0 / 100)
		return ms_div_round(100 * size, (uint64_t)total);
	return 100 * ms_u128_to_double(size) / ms_u128_to_double(total);
}

void ms_report_rest(const struct ms_report *r, struct ms_report_rest *rest)
{
	size_t i = ms_report_shown(r);

	memset(rest, 0, sizeof(*rest));
	if (r->diff) {
		rest->groups = r->diff->nr - i;
		for (; i < r->diff->nr; i++) {
			rest->size += ms_u128_from(r->diff->items[i].size);
			rest->size_diff += ms_i128_from(r->diff->items[i].size_diff);
			rest->count += r->diff->items[i].count;
			rest->count_diff += r->diff->items[i].count_diff;
		}
		return;
	}
	rest->groups = r->new_stats->nr - i;
	for (; i < r->new_stats->nr; i++) {
		rest->size += ms_u128_from(r->new_stats->items[i].size);
		rest->count += r->new_stats->items[i].count;
	}
}

void ms_report_put_filename(FILE *out, const struct ms_snapshot *snap, uint32_t file)
{
	size_t len;
	const char *s = ms_snapshot_string(snap, file, &len);

	ms_put_raw(out, s, len);
}

void ms_report_profile_input(const struct ms_report *r, struct ms_profile_input *in)
{
	memset(in, 0, sizeof(*in));
	in->snap = r->new_stats->snap;
	in->name = r->new_name;
	in->base = r->diff ? r->old_stats->snap : NULL;
	in->base_name = r->old_name;
	in->filters = r->filters;
	in->sources = r->sources;
}

ms_u128 ms_report_average(ms_u128 size, uint64_t count)
{
	ms_u128 q = size / count, r = size % count;

	if (r > count - r || (r == count - r && (q & 1)))
		q++;
	return q;
}
