/*
 * The collapsed format: folded stacks for flamegraph.pl, speedscope and
 * inferno. One line per statistic shown, its frames oldest first as
 * "file:line" ("file:qualname" for a function) joined by ';', a space,
 * and the size in bytes (the number of blocks with count_blocks). For a
 * diff, two values: the old one and the new one, the form difffolded.pl
 * writes for differential flame graphs.
 * The grammar has no quoting, so ';' and control characters in a filename
 * become '?'; other bytes are written as they are, as in the text format.
 */
#include <stdlib.h>

#include "escape.h"
#include "format128.h"
#include "report.h"
#include "utf8.h"

static void put_frame_name(FILE *out, const struct ms_snapshot *snap, uint32_t file)
{
	size_t len, i, n;
	const char *s = ms_snapshot_string(snap, file, &len);
	char stack[256], *buf = len <= sizeof(stack) ? stack : malloc(len);

	if (!buf) {
		ms_write_nomem();
		return;
	}
	n = ms_utf8_fsencode(buf, s, len);
	for (i = 0; i < n; i++)
		if (buf[i] == ';' || (unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = '?';
	fwrite(buf, 1, n, out);
	if (buf != stack)
		free(buf);
}

static void put_stack(FILE *out, const struct ms_snapshot *snap, enum ms_key_type kt, uint32_t key)
{
	uint32_t n = ms_key_nframe(snap, kt, key), i;

	const char *qual;
	size_t len;

	for (i = 0; i < n; i++) {
		struct ms_frame f = ms_key_frame(snap, kt, key, i);
		if (i)
			fputc(';', out);
		put_frame_name(out, snap, f.file);
		if ((qual = ms_key_function(snap, kt, key, &len))) {
			fputc(':', out);
			fwrite(qual, 1, len, out);
		} else {
			fprintf(out, ":%u", f.lineno);
		}
	}
}

int ms_write_collapsed(FILE *out, const struct ms_report *r)
{
	size_t shown = ms_report_shown(r), i;
	char buf[42];

	for (i = 0; i < shown; i++) {
		if (r->diff) {
			const struct ms_stat_diff *d = &r->diff->items[i];
			ms_u128 old_size =
			    (ms_u128)((ms_i128)ms_u128_from(d->size) - ms_i128_from(d->size_diff));
			uint64_t old_count = (uint64_t)((int64_t)d->count - d->count_diff);
			put_stack(out, d->snap, r->diff->key_type, d->key);
			if (r->count_blocks) {
				fprintf(out, " %llu %llu", (unsigned long long)old_count,
					(unsigned long long)d->count);
			} else {
				fprintf(out, " %s", ms_u128_text(buf, old_size));
				fprintf(out, " %s", ms_u128_text(buf, ms_u128_from(d->size)));
			}
		} else {
			const struct ms_stat *s = &r->new_stats->items[i];
			put_stack(out, r->new_stats->snap, r->new_stats->key_type, s->key);
			if (r->count_blocks)
				fprintf(out, " %llu", (unsigned long long)s->count);
			else
				fprintf(out, " %s", ms_u128_text(buf, ms_u128_from(s->size)));
		}
		fputc('\n', out);
	}
	return ms_write_status(out);
}
