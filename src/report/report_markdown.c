/*
 * The markdown format: a GitHub-flavoured table fit to paste into a pull
 * request comment, sizes as Python's _format_size() prints them, a line
 * above saying what was read and a line below for the groups not shown.
 * Names go in code spans; bytes that were not UTF-8 and control characters
 * become U+FFFD so that the comment stays valid text.
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "grow.h"
#include "format128.h"
#include "report.h"
#include "utf8.h"

static void put_name(FILE *out, const char *name)
{
	size_t n = strlen(name);
	char *buf = n <= (SIZE_MAX - 1) / 3 ? malloc(3 * n + 1) : NULL;

	if (!buf) {
		ms_write_nomem();
		return;
	}
	ms_put_md_code(out, buf, ms_utf8_fsdecode(buf, name, n));
	free(buf);
}

static void put_size(FILE *out, double size, bool sign)
{
	char buf[MS_SIZE_TEXT_MAX];

	ms_format_size(buf, size, sign);
	fputs(buf, out);
}

/* The location cell: "file:line" spans, a traceback's frames one per line. */
static void put_location(FILE *out, const struct ms_snapshot *snap, enum ms_key_type kt,
			 uint32_t key)
{
	uint32_t n = ms_key_nframe(snap, kt, key), i;
	char *buf = NULL;
	size_t alloc = 0, len;

	if (kt == MS_KEY_FUNCTION) {
		if ((buf = ms_key_text(snap, kt, key, &len)))
			ms_put_md_code(out, buf, len);
		free(buf);
		return;
	}
	for (i = 0; i < n; i++) {
		struct ms_frame f = ms_key_frame(snap, kt, key, i);
		const char *name = ms_snapshot_string(snap, f.file, &len);
		int w;
		if (i)
			fputs("<br>", out);
		if (len > SIZE_MAX - 16 || MS_GROW(buf, len + 16, alloc) < 0) {
			ms_write_nomem();
			break;
		}
		memcpy(buf, name, len);
		w = snprintf(buf + len, 16, ":%u", f.lineno);
		ms_put_md_code(out, buf, len + (size_t)w);
	}
	free(buf);
}

static void put_count(FILE *out, uint64_t count, int64_t diff, bool with_diff)
{
	fprintf(out, "%llu", (unsigned long long)count);
	if (with_diff)
		fprintf(out, " | %+lld", (long long)diff);
}

static void put_row(FILE *out, const struct ms_report *r, const struct ms_snapshot *snap,
		    enum ms_key_type kt, uint32_t key, ms_u128 size, uint64_t count,
		    const struct ms_int128 *size_diff, int64_t count_diff)
{
	fputs("| ", out);
	put_size(out, ms_u128_to_double(size), false);
	if (size_diff) {
		fputs(" | ", out);
		put_size(out, ms_int128_to_double(*size_diff), true);
	}
	fputs(" | ", out);
	put_count(out, count, count_diff, size_diff != NULL);
	fputs(" | ", out);
	if (count)
		put_size(out, ms_div_round(size, count), false);
	if (r->percent)
		fprintf(out, " | %.1f%%", ms_report_percent(r, size));
	fputs(" | ", out);
	put_location(out, snap, kt, key);
	fputs(" |\n", out);
}

int ms_write_markdown(FILE *out, const struct ms_report *r)
{
	const struct ms_stats *o = r->old_stats, *n = r->new_stats;
	size_t shown = ms_report_shown(r), i;
	struct ms_report_rest rest;
	ms_i128 total_diff;

	if (r->diff) {
		total_diff =
		    (ms_i128)ms_u128_from(n->trace_size) - (ms_i128)ms_u128_from(o->trace_size);
		fputs("**memsnap diff** ", out);
		put_name(out, r->old_name);
		fputs(" ", out);
		put_name(out, r->new_name);
		fputs(": ", out);
		put_size(out, ms_u128_to_double(ms_u128_from(n->trace_size)), false);
		fputs(" (", out);
		put_size(out, ms_i128_to_double(total_diff), true);
		fprintf(out, "), %llu trace%s (%+lld)", (unsigned long long)n->trace_count,
			ms_plural(n->trace_count), (long long)(n->trace_count - o->trace_count));
	} else {
		fputs("**memsnap top** ", out);
		put_name(out, r->new_name);
		fputs(": ", out);
		put_size(out, ms_u128_to_double(ms_u128_from(n->trace_size)), false);
		fprintf(out, ", %llu trace%s", (unsigned long long)n->trace_count,
			ms_plural(n->trace_count));
	}
	fprintf(out, ", grouped by %s%s\n\n", ms_key_type_name(n->key_type),
		n->cumulative ? " (cumulative)" : "");
	if (n->cumulative)
		fprintf(out, "_Cumulative: %s._\n\n", ms_report_cumulative_note);
	fprintf(out, "| size%s | count%s | average%s | location |\n", r->diff ? " | size diff" : "",
		r->diff ? " | count diff" : "", r->percent ? " | share" : "");
	fprintf(out, "|---:|---:|---:%s%s|:---|\n", r->diff ? "|---:|---:" : "",
		r->percent ? "|---:" : "");
	for (i = 0; i < shown; i++) {
		if (r->diff) {
			const struct ms_stat_diff *d = &r->diff->items[i];
			put_row(out, r, d->snap, r->diff->key_type, d->key, ms_u128_from(d->size),
				d->count, &d->size_diff, d->count_diff);
		} else {
			const struct ms_stat *s = &n->items[i];
			put_row(out, r, n->snap, n->key_type, s->key, ms_u128_from(s->size),
				s->count, NULL, 0);
		}
	}
	ms_report_rest(r, &rest);
	if (rest.groups) {
		fprintf(out, "\n_and %zu other group%s: ", rest.groups,
			rest.groups == 1 ? "" : "s");
		put_size(out, ms_u128_to_double(rest.size), false);
		if (r->diff) {
			fputs(" (", out);
			put_size(out, ms_i128_to_double(rest.size_diff), true);
			fputc(')', out);
		}
		fprintf(out, ", %llu block%s", (unsigned long long)rest.count,
			ms_plural(rest.count));
		if (r->diff)
			fprintf(out, " (%+lld)", (long long)rest.count_diff);
		fputs("_\n", out);
	}
	return ms_write_status(out);
}
