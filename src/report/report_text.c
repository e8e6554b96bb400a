/*
 * The text format: each statistic exactly as Python's str() prints it,
 * traceback frames as Traceback.format() prints them, and every other line
 * (what was read, what was left out) starting with '#'.
 */
#include "escape.h"
#include "format128.h"
#include "report.h"

static void put_size(FILE *out, double size, bool sign)
{
	char buf[MS_SIZE_TEXT_MAX];

	ms_format_size(buf, size, sign);
	fputs(buf, out);
}

/* str(Traceback): the oldest frame as "filename:lineno"; a function as "filename:qualname". */
static void put_key(FILE *out, const struct ms_snapshot *snap, enum ms_key_type kt, uint32_t key)
{
	struct ms_frame f = ms_key_frame(snap, kt, key, 0);
	size_t len;
	const char *qual = ms_key_function(snap, kt, key, &len);

	ms_report_put_filename(out, snap, f.file);
	if (qual) {
		fputc(':', out);
		fwrite(qual, 1, len, out);
	} else {
		fprintf(out, ":%u", f.lineno);
	}
}

static void put_average(FILE *out, ms_u128 size, uint64_t count)
{
	if (!count)
		return;
	fputs(", average=", out);
	put_size(out, ms_div_round(size, count), false);
}

/* --percent: memsnap's own column after Python's. */
static void put_share(FILE *out, const struct ms_report *r, ms_u128 size)
{
	if (r->percent)
		fprintf(out, ", share=%.1f%%", ms_report_percent(r, size));
}

/* What the header's "top" line adds for --sort and --min-size. */
static void put_order(FILE *out, const struct ms_report *r)
{
	char size[MS_SIZE_TEXT_MAX];

	if (r->sort != MS_ORDER_PYTHON)
		fprintf(out, ", sorted by %s", ms_order_name(r->sort));
	if (r->hidden) {
		ms_format_size(size, (double)r->min_size, false);
		fprintf(out, ", %zu under %s%s hidden", r->hidden, r->diff ? "+/-" : "", size);
	}
}

void ms_report_put_frames(FILE *out, struct ms_sources *sources, bool source_lines, bool functions,
			  const struct ms_snapshot *snap, uint32_t key)
{
	uint32_t n = ms_key_nframe(snap, MS_KEY_TRACEBACK, key), i, start;
	const char *line, *name, *qual;
	size_t len, nlen;

	for (i = 0; i < n; i++) {
		struct ms_frame f = ms_key_frame(snap, MS_KEY_TRACEBACK, key, i);
		fputs("  File \"", out);
		ms_report_put_filename(out, snap, f.file);
		fprintf(out, "\", line %u", f.lineno);
		name = ms_snapshot_string(snap, f.file, &nlen);
		if (functions &&
		    (qual = ms_sources_function(sources, name, nlen, f.lineno, &len, &start))) {
			fputs(", in ", out);
			fwrite(qual, 1, len, out);
		}
		fputc('\n', out);
		if (!source_lines || !sources)
			continue;
		line = ms_sources_line(sources, name, nlen, f.lineno, &len);
		if (line) {
			fputs("    ", out);
			fwrite(line, 1, len, out);
			fputc('\n', out);
		}
	}
}

static void put_snapshot_line(FILE *out, const char *label, const char *name,
			      const struct ms_stats *s)
{
	fprintf(out, "# %s: %s: %llu trace%s, size=", label, name,
		(unsigned long long)s->trace_count, ms_plural(s->trace_count));
	put_size(out, ms_u128_to_double(ms_u128_from(s->trace_size)), false);
	fprintf(out, ", traceback_limit=%lld\n", (long long)ms_snapshot_traceback_limit(s->snap));
}

static void write_top(FILE *out, const struct ms_report *r)
{
	const struct ms_stats *s = r->new_stats;
	size_t shown = ms_report_shown(r), i;
	struct ms_report_rest rest;

	put_snapshot_line(out, "snapshot", r->new_name, s);
	fprintf(out, "# top %zu of %zu group%s by %s%s", shown, s->nr, ms_plural(s->nr),
		ms_key_type_name(s->key_type), s->cumulative ? " (cumulative)" : "");
	put_order(out, r);
	fputc('\n', out);
	if (s->cumulative)
		fprintf(out, "# cumulative: %s\n", ms_report_cumulative_note);
	for (i = 0; i < shown; i++) {
		const struct ms_stat *st = &s->items[i];
		put_key(out, s->snap, s->key_type, st->key);
		fputs(": size=", out);
		put_size(out, ms_u128_to_double(ms_u128_from(st->size)), false);
		fprintf(out, ", count=%llu", (unsigned long long)st->count);
		put_average(out, ms_u128_from(st->size), st->count);
		put_share(out, r, ms_u128_from(st->size));
		fputc('\n', out);
		if (s->key_type == MS_KEY_TRACEBACK)
			ms_report_put_frames(out, r->sources, r->source_lines, r->functions,
					     s->snap, st->key);
	}
	ms_report_rest(r, &rest);
	fprintf(out, "# other: %zu group%s, size=", rest.groups, ms_plural(rest.groups));
	put_size(out, ms_u128_to_double(rest.size), false);
	fprintf(out, ", count=%llu", (unsigned long long)rest.count);
	put_share(out, r, rest.size);
	fputc('\n', out);
}

static void put_diff_numbers(FILE *out, ms_u128 size, ms_i128 size_diff, uint64_t count,
			     int64_t count_diff)
{
	fputs("size=", out);
	put_size(out, ms_u128_to_double(size), false);
	fputs(" (", out);
	put_size(out, ms_i128_to_double(size_diff), true);
	fprintf(out, "), count=%llu (%+lld)", (unsigned long long)count, (long long)count_diff);
}

static void write_diff(FILE *out, const struct ms_report *r)
{
	const struct ms_diff *d = r->diff;
	const struct ms_stats *o = r->old_stats, *n = r->new_stats;
	size_t shown = ms_report_shown(r), i;
	struct ms_report_rest rest;

	put_snapshot_line(out, "old", r->old_name, o);
	put_snapshot_line(out, "new", r->new_name, n);
	fputs("# total: ", out);
	put_diff_numbers(out, ms_u128_from(n->trace_size),
			 (ms_i128)ms_u128_from(n->trace_size) -
			     (ms_i128)ms_u128_from(o->trace_size),
			 n->trace_count, (int64_t)(n->trace_count - o->trace_count));
	fputc('\n', out);
	fprintf(out, "# top %zu of %zu difference%s by %s%s", shown, d->nr, ms_plural(d->nr),
		ms_key_type_name(d->key_type), n->cumulative ? " (cumulative)" : "");
	put_order(out, r);
	fputc('\n', out);
	if (n->cumulative)
		fprintf(out, "# cumulative: %s\n", ms_report_cumulative_note);
	for (i = 0; i < shown; i++) {
		const struct ms_stat_diff *st = &d->items[i];
		put_key(out, st->snap, d->key_type, st->key);
		fputs(": ", out);
		put_diff_numbers(out, ms_u128_from(st->size), ms_i128_from(st->size_diff),
				 st->count, st->count_diff);
		put_average(out, ms_u128_from(st->size), st->count);
		put_share(out, r, ms_u128_from(st->size));
		fputc('\n', out);
		if (d->key_type == MS_KEY_TRACEBACK)
			ms_report_put_frames(out, r->sources, r->source_lines, r->functions,
					     st->snap, st->key);
	}
	ms_report_rest(r, &rest);
	fprintf(out, "# other: %zu group%s, ", rest.groups, ms_plural(rest.groups));
	put_diff_numbers(out, rest.size, rest.size_diff, rest.count, rest.count_diff);
	put_share(out, r, rest.size);
	fputc('\n', out);
}

int ms_write_text(FILE *out, const struct ms_report *r)
{
	if (r->diff)
		write_diff(out, r);
	else
		write_top(out, r);
	return ms_write_status(out);
}
