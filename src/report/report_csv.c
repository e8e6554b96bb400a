/*
 * The csv and tsv formats: a header row, then one row per statistic shown,
 * raw integers. CSV quotes a field as RFC 4180 says (when it holds a comma,
 * a quote or a line break, doubling quotes); TSV never quotes but writes
 * backslash, tab, newline and carriage return as \\, \t, \n and \r.
 * Filenames are their original bytes, as in the text format.
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "grow.h"
#include "format128.h"
#include "report.h"
#include "utf8.h"

struct table {
	FILE *out;
	char sep;
	/* the row being built: one field's bytes at a time */
	char *field;
	size_t len, alloc;
};

static void put_field(struct table *t, const char *s, size_t n, bool first)
{
	if (!first)
		fputc(t->sep, t->out);
	ms_put_field_bytes(t->out, s, n, t->sep);
}

static void put_number(struct table *t, const char *text)
{
	fputc(t->sep, t->out);
	fputs(text, t->out);
}

/* Appends a snapshot string's original bytes to the field being built. */
static int append_name(struct table *t, const struct ms_snapshot *snap, uint32_t file)
{
	size_t len;
	const char *s = ms_snapshot_string(snap, file, &len);

	if (MS_GROW(t->field, t->len + len, t->alloc) < 0)
		return -1;
	t->len += ms_utf8_fsencode(t->field + t->len, s, len);
	return 0;
}

/*
 * filename,lineno for one-frame keys, then the function's name for
 * functions (empty when its source could not be read); one traceback
 * field for tracebacks.
 */
static int put_key(struct table *t, const struct ms_snapshot *snap, enum ms_key_type kt,
		   uint32_t key)
{
	struct ms_frame f;
	const char *qual;
	char num[16], *field;
	size_t len = 0;

	if (kt == MS_KEY_TRACEBACK) {
		field = ms_traceback_field(snap, kt, key, &len);
		if (!field)
			return -1;
		put_field(t, field, len, false);
		free(field);
		return 0;
	}
	t->len = 0;
	f = ms_key_frame(snap, kt, key, 0);
	if (append_name(t, snap, f.file) < 0)
		return -1;
	put_field(t, t->field, t->len, false);
	snprintf(num, sizeof(num), "%u", f.lineno);
	put_number(t, num);
	if (kt == MS_KEY_FUNCTION) {
		qual = ms_key_function(snap, kt, key, &len);
		put_field(t, qual ? qual : "", len, false);
	}
	return 0;
}

static void put_header(struct table *t, const struct ms_report *r)
{
	const char *names[] = {"size", "count", "average", "size_diff", "count_diff"};
	size_t i;

	for (i = 0; i < (r->diff ? 5u : 3u); i++)
		put_field(t, names[i], strlen(names[i]), i == 0);
	if (r->percent)
		put_field(t, "percent", 7, false);
	if ((r->diff ? r->diff->key_type : r->new_stats->key_type) == MS_KEY_TRACEBACK) {
		put_field(t, "traceback", 9, false);
	} else {
		put_field(t, "filename", 8, false);
		put_field(t, "lineno", 6, false);
	}
	if ((r->diff ? r->diff->key_type : r->new_stats->key_type) == MS_KEY_FUNCTION)
		put_field(t, "function", 8, false);
	fputc('\n', t->out);
}

static void put_sizes(struct table *t, ms_u128 size, uint64_t count)
{
	char buf[42];

	fputs(ms_u128_text(buf, size), t->out);
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)count);
	put_number(t, buf);
	fputc(t->sep, t->out);
	if (count)
		fputs(ms_u128_text(buf, ms_report_average(size, count)), t->out);
}

/* --percent: the share of the total, to two places. */
static void put_percent(struct table *t, const struct ms_report *r, ms_u128 size)
{
	char buf[32];

	if (!r->percent)
		return;
	snprintf(buf, sizeof(buf), "%.2f", ms_report_percent(r, size));
	put_number(t, buf);
}

static int write_table(FILE *out, const struct ms_report *r, char sep)
{
	struct table t = {out, sep, NULL, 0, 0};
	size_t shown = ms_report_shown(r), i;
	char buf[42];
	int ret = 0;

	put_header(&t, r);
	for (i = 0; i < shown && !ret; i++) {
		if (r->diff) {
			const struct ms_stat_diff *d = &r->diff->items[i];
			put_sizes(&t, ms_u128_from(d->size), d->count);
			put_number(&t, ms_i128_text(buf, ms_i128_from(d->size_diff), false));
			put_number(&t, ms_i128_text(buf, d->count_diff, false));
			put_percent(&t, r, ms_u128_from(d->size));
			ret = put_key(&t, d->snap, r->diff->key_type, d->key);
		} else {
			const struct ms_stat *s = &r->new_stats->items[i];
			put_sizes(&t, ms_u128_from(s->size), s->count);
			put_percent(&t, r, ms_u128_from(s->size));
			ret = put_key(&t, r->new_stats->snap, r->new_stats->key_type, s->key);
		}
		fputc('\n', out);
	}
	free(t.field);
	if (ret)
		ms_write_nomem();
	return ms_write_status(out);
}

int ms_write_csv(FILE *out, const struct ms_report *r)
{
	return write_table(out, r, ',');
}

int ms_write_tsv(FILE *out, const struct ms_report *r)
{
	return write_table(out, r, '\t');
}
