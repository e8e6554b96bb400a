/*
 * Timeline and leaks in text, JSON, CSV and TSV. Text follows the rule of
 * the other commands: every line that is not a result starts with '#'.
 * The machine formats give raw byte counts; sizes are exact integers.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "escape.h"
#include "json_emit.h"
#include "format128.h"
#include "report.h"
#include "report_series.h"

static const char *const format_names[] = {"text", "json", "csv", "tsv"};

int ms_series_format_parse(const char *name)
{
	int i;

	for (i = 0; i < 4; i++)
		if (!strcmp(name, format_names[i]))
			return i;
	return -1;
}

static const char *size_text(char buf[MS_SIZE_TEXT_MAX], ms_u128 size)
{
	ms_format_size(buf, ms_u128_to_double(size), false);
	return buf;
}

static const char *change_text(char buf[MS_SIZE_TEXT_MAX], ms_i128 change)
{
	ms_format_size(buf, ms_i128_to_double(change), true);
	return buf;
}

static void put_u128(FILE *out, ms_u128 v)
{
	char buf[41];

	fputs(ms_u128_text(buf, v), out);
}

static void put_i128(FILE *out, ms_i128 v)
{
	char buf[42];

	fputs(ms_i128_text(buf, v, false), out);
}

static ms_i128 step_change(const struct ms_series *s, size_t j)
{
	return (ms_i128)s->total_size[j] - (ms_i128)s->total_size[j - 1];
}

static void put_key(FILE *out, const struct ms_series *s, size_t row, ms_put_fn *put)
{
	ms_put_key(out, s->rows[row].snap, s->key_type, s->rows[row].key, put);
}

/* A row's key in a CSV or TSV field: "file:line", or the whole traceback. */
static void put_key_field(FILE *out, const struct ms_series *s, size_t row, char sep)
{
	size_t len;
	char *field;

	if (s->key_type != MS_KEY_TRACEBACK) {
		put_key(out, s, row, sep == ',' ? ms_put_csv : ms_put_tsv);
		return;
	}
	field = ms_traceback_field(s->rows[row].snap, s->key_type, s->rows[row].key, &len);
	if (field)
		ms_put_field_bytes(out, field, len, sep);
	free(field);
}

/* After a row's line in text: its frames, as top -g traceback prints them. */
static void put_frames(FILE *out, const struct ms_series_report *r, size_t row)
{
	const struct ms_series *s = r->series;

	if (s->key_type == MS_KEY_TRACEBACK)
		ms_report_put_frames(out, r->sources, true, false, s->rows[row].snap,
				     s->rows[row].key);
}

/* "key": "file:line", "frames": [...] of a row, oldest frame first, added to o. */
static cJSON *add_key(cJSON *o, const struct ms_series *s, size_t row)
{
	const struct ms_snapshot *snap = s->rows[row].snap;
	size_t len;
	char *text = ms_key_text(snap, s->key_type, s->rows[row].key, &len);

	o = ms_json_add(o, "key", text ? ms_json_string(text, len) : NULL);
	free(text);
	return ms_json_add(o, "frames", ms_json_traceback(snap, s->key_type, s->rows[row].key));
}

/* A row's sizes or counts, one per snapshot. */
static cJSON *row_values(const struct ms_series *s, size_t row, bool sizes)
{
	cJSON *a = cJSON_CreateArray();
	size_t j;

	for (j = 0; j < s->nsnap; j++) {
		struct ms_series_cell c = ms_series_at(s, row, j);
		a = ms_json_add(a, NULL, ms_json_u128(sizes ? c.size : c.count));
	}
	return a;
}

/* What a recording says of a snapshot, added to its object o. */
static cJSON *add_moment(cJSON *o, const struct ms_series_moment *m)
{
	char number[32];

	snprintf(number, sizeof(number), "%.6f", m->time);
	o = ms_json_add(o, "time", cJSON_CreateRaw(number));
	o = ms_json_add(o, "pid", ms_json_i128(m->pid));
	o = ms_json_add(o, "rss", m->rss >= 0 ? ms_json_i128(m->rss) : cJSON_CreateNull());
	return ms_json_add(o, "reason", ms_json_cstring(m->reason));
}

/* Opens the document: what was grouped and each snapshot's totals. */
static void put_json_head(struct ms_json *json, FILE *out, const struct ms_series_report *r)
{
	const struct ms_series *s = r->series;
	size_t j;

	ms_json_init(json, out);
	ms_json_begin_object(json);
	ms_json_member(json, "key_type", ms_json_cstring(ms_key_type_name(s->key_type)));
	ms_json_member(json, "cumulative", cJSON_CreateBool(s->cumulative));
	ms_json_key(json, "snapshots");
	ms_json_begin_array(json);
	for (j = 0; j < s->nsnap; j++) {
		cJSON *o = cJSON_CreateObject();
		o = ms_json_add(o, "index", ms_json_u128(j));
		o = ms_json_add(o, "label", ms_json_cstring(r->labels[j]));
		o = ms_json_add(o, "size", ms_json_u128(s->total_size[j]));
		o = ms_json_add(o, "count", ms_json_u128(s->total_count[j]));
		o = ms_json_add(o, "change",
				j ? ms_json_i128(step_change(s, j)) : cJSON_CreateNull());
		if (r->moments)
			o = add_moment(o, &r->moments[j]);
		ms_json_put(json, o);
	}
	ms_json_end_array(json);
}

/* A moment in local time to the millisecond, its date first if asked. */
static const char *clock_text(char buf[64], double time, bool date)
{
	time_t secs = (time_t)time;
	struct tm tm;
	size_t n;

	localtime_r(&secs, &tm);
	n = date ? strftime(buf, 40, "%Y-%m-%d %H:%M:%S", &tm) : strftime(buf, 40, "%H:%M:%S", &tm);
	snprintf(buf + n, 64 - n, ".%03d", (int)((time - (double)secs) * 1000));
	return buf;
}

/* Recorded snapshots: when, which process and its resident memory too. */
static void moments_text(FILE *out, const struct ms_series_report *r)
{
	const struct ms_series *s = r->series;
	const struct ms_series_moment *m = r->moments;
	char a[MS_SIZE_TEXT_MAX], b[MS_SIZE_TEXT_MAX], c[MS_SIZE_TEXT_MAX], raw[41], when[64];

	fprintf(out, "# recorded from %s", clock_text(when, m[0].time, true));
	fprintf(out, " to %s\n", clock_text(when, m[s->nsnap - 1].time, false));
	fprintf(out, "# %5s %12s %7s %11s %12s %9s %12s %11s  %s\n", "index", "time", "pid", "size",
		"bytes", "blocks", "change", "rss", "label");
	for (size_t j = 0; j < s->nsnap; j++) {
		fprintf(out, "%7zu %12s %7ld %11s %12s %9llu %12s %11s  ", j,
			clock_text(when, m[j].time, false), m[j].pid,
			size_text(a, s->total_size[j]), ms_u128_text(raw, s->total_size[j]),
			(unsigned long long)s->total_count[j],
			j ? change_text(b, step_change(s, j)) : "-",
			m[j].rss >= 0 ? size_text(c, (ms_u128)m[j].rss) : "-");
		ms_put_raw(out, r->labels[j], strlen(r->labels[j]));
		fprintf(out, " (%s)\n", m[j].reason);
	}
}

static void timeline_text(FILE *out, const struct ms_series_report *r)
{
	const struct ms_series *s = r->series;
	char a[MS_SIZE_TEXT_MAX], b[MS_SIZE_TEXT_MAX], raw[41];
	size_t j, g;

	fprintf(out, "# timeline: %zu snapshot%s, traced memory after filtering%s%s\n", s->nsnap,
		ms_plural(s->nsnap), r->view ? "; " : "", r->view ? r->view : "");
	if (r->moments) {
		moments_text(out, r);
	} else {
		fprintf(out, "# %5s %11s %12s %9s %12s  %s\n", "index", "size", "bytes", "blocks",
			"change", "label");
	}
	for (j = 0; j < s->nsnap && !r->moments; j++) {
		fprintf(out, "%7zu %11s %12s %9llu %12s  ", j, size_text(a, s->total_size[j]),
			ms_u128_text(raw, s->total_size[j]), (unsigned long long)s->total_count[j],
			j ? change_text(b, step_change(s, j)) : "-");
		ms_put_raw(out, r->labels[j], strlen(r->labels[j]));
		fputc('\n', out);
	}
	if (!r->groups)
		return;
	fprintf(out, "# top %zu group%s by %s%s that grew from the first snapshot to the last\n",
		r->ngroups, ms_plural(r->ngroups), ms_key_type_name(s->key_type),
		s->cumulative ? " (cumulative)" : "");
	if (s->cumulative)
		fprintf(out, "# cumulative: %s\n", ms_report_cumulative_note);
	for (g = 0; g < r->ngroups; g++) {
		size_t row = r->groups[g];
		put_key(out, s, row, ms_put_raw);
		fprintf(out, ": %s (", change_text(a, ms_series_growth(s, row)));
		for (j = 0; j < s->nsnap; j++)
			fprintf(out, "%s%s", j ? " -> " : "",
				size_text(b, ms_series_at(s, row, j).size));
		fputs(")\n", out);
		put_frames(out, r, row);
	}
}

static int timeline_json(FILE *out, const struct ms_series_report *r)
{
	const struct ms_series *s = r->series;
	struct ms_json json;
	size_t g;

	put_json_head(&json, out, r);
	ms_json_key(&json, "groups");
	ms_json_begin_array(&json);
	for (g = 0; g < r->ngroups; g++) {
		size_t row = r->groups[g];
		cJSON *o = add_key(cJSON_CreateObject(), s, row);
		o = ms_json_add(o, "growth", ms_json_i128(ms_series_growth(s, row)));
		o = ms_json_add(o, "sizes", row_values(s, row, true));
		o = ms_json_add(o, "counts", row_values(s, row, false));
		ms_json_put(&json, o);
	}
	ms_json_end_array(&json);
	ms_json_end_object(&json);
	return ms_json_finish(&json);
}

/* One row per snapshot; each shown group adds a column of its sizes. */
static void timeline_table(FILE *out, const struct ms_series_report *r, char sep)
{
	const struct ms_series *s = r->series;
	size_t j, g;

	fprintf(out, "index%clabel%csize%ccount%cchange", sep, sep, sep, sep);
	if (r->moments)
		fprintf(out, "%ctime%cpid%crss%creason", sep, sep, sep, sep);
	for (g = 0; g < r->ngroups; g++) {
		fputc(sep, out);
		put_key_field(out, s, r->groups[g], sep);
	}
	fputc('\n', out);
	for (j = 0; j < s->nsnap; j++) {
		fprintf(out, "%zu%c", j, sep);
		ms_put_field(out, r->labels[j], strlen(r->labels[j]), sep);
		fputc(sep, out);
		put_u128(out, s->total_size[j]);
		fprintf(out, "%c%llu%c", sep, (unsigned long long)s->total_count[j], sep);
		if (j)
			put_i128(out, step_change(s, j));
		if (r->moments) {
			const struct ms_series_moment *m = &r->moments[j];
			fprintf(out, "%c%.6f%c%ld%c", sep, m->time, sep, m->pid, sep);
			if (m->rss >= 0)
				fprintf(out, "%lld", (long long)m->rss);
			fprintf(out, "%c%s", sep, m->reason);
		}
		for (g = 0; g < r->ngroups; g++) {
			fputc(sep, out);
			put_u128(out, ms_series_at(s, r->groups[g], j).size);
		}
		fputc('\n', out);
	}
}

int ms_write_timeline(FILE *out, const struct ms_series_report *r, enum ms_series_format format)
{
	if (format == MS_SERIES_TEXT)
		timeline_text(out, r);
	else if (format == MS_SERIES_JSON)
		return timeline_json(out, r);
	else
		timeline_table(out, r, format == MS_SERIES_CSV ? ',' : '\t');
	return ms_write_status(out);
}

static size_t leaks_shown(const struct ms_series_report *r)
{
	return r->limit && r->limit < r->leaks->nr ? r->limit : r->leaks->nr;
}

/* Growth per step, the nearest double to growth / steps. */
static double per_step(const struct ms_leaks *l, const struct ms_leak *k)
{
	return ms_div_round((ms_u128)k->growth, l->steps);
}

static ms_i128 count_change(const struct ms_series *s, size_t row)
{
	return (ms_i128)ms_series_at(s, row, s->nsnap - 1).count -
	       (ms_i128)ms_series_at(s, row, 0).count;
}

static void leaks_text(FILE *out, const struct ms_series_report *r)
{
	const struct ms_series *s = r->series;
	const struct ms_leaks *l = r->leaks;
	size_t shown = leaks_shown(r), i, last = s->nsnap - 1;
	char a[MS_SIZE_TEXT_MAX], b[MS_SIZE_TEXT_MAX], c[MS_SIZE_TEXT_MAX];
	ms_i128 rest = 0;

	fprintf(out,
		"# leaks: %zu snapshot%s, %u step%s, groups by %s%s that grew in at least %u%s%s\n",
		s->nsnap, ms_plural(s->nsnap), l->steps, ms_plural(l->steps),
		ms_key_type_name(s->key_type), s->cumulative ? " (cumulative)" : "", l->min_grown,
		r->view ? "; " : "", r->view ? r->view : "");
	if (s->cumulative)
		fprintf(out, "# cumulative: %s\n", ms_report_cumulative_note);
	fprintf(out, "# total: size=%s (%s), count=%llu (%+lld)\n",
		size_text(a, s->total_size[last]),
		change_text(b, (ms_i128)s->total_size[last] - (ms_i128)s->total_size[0]),
		(unsigned long long)s->total_count[last],
		(long long)((ms_i128)s->total_count[last] - (ms_i128)s->total_count[0]));
	fprintf(out, "# top %zu of %zu suspect%s\n", shown, l->nr, ms_plural(l->nr));
	for (i = 0; i < shown; i++) {
		const struct ms_leak *k = &l->items[i];
		struct ms_series_cell end = ms_series_at(s, k->row, last);
		put_key(out, s, k->row, ms_put_raw);
		fprintf(
		    out,
		    ": size=%s (%s), count=%llu (%+lld), grew in %u of %u step%s, %s per step\n",
		    size_text(a, end.size), change_text(b, k->growth),
		    (unsigned long long)end.count, (long long)count_change(s, k->row),
		    k->steps_grown, l->steps, ms_plural(l->steps),
		    (ms_format_size(c, per_step(l, k), true), c));
		put_frames(out, r, k->row);
	}
	for (; i < l->nr; i++)
		rest += l->items[i].growth;
	fprintf(out, "# other: %zu suspect%s, growth=%s\n", l->nr - shown, ms_plural(l->nr - shown),
		change_text(a, rest));
}

static int leaks_json(FILE *out, const struct ms_series_report *r)
{
	const struct ms_series *s = r->series;
	const struct ms_leaks *l = r->leaks;
	size_t shown = leaks_shown(r), i, last = s->nsnap - 1;
	struct ms_json json;
	char per[48]; /* "%.1f" of a growth below 2**127 */

	put_json_head(&json, out, r);
	ms_json_member(&json, "steps", ms_json_u128(l->steps));
	ms_json_member(&json, "min_steps_grown", ms_json_u128(l->min_grown));
	ms_json_key(&json, "leaks");
	ms_json_begin_array(&json);
	for (i = 0; i < shown; i++) {
		const struct ms_leak *k = &l->items[i];
		struct ms_series_cell end = ms_series_at(s, k->row, last);
		cJSON *o = add_key(cJSON_CreateObject(), s, k->row);
		o = ms_json_add(o, "size", ms_json_u128(end.size));
		o = ms_json_add(o, "growth", ms_json_i128(k->growth));
		o = ms_json_add(o, "count", ms_json_u128(end.count));
		o = ms_json_add(o, "count_change", ms_json_i128(count_change(s, k->row)));
		o = ms_json_add(o, "steps_grown", ms_json_u128(k->steps_grown));
		snprintf(per, sizeof(per), "%.1f", per_step(l, k));
		o = ms_json_add(o, "growth_per_step", cJSON_CreateRaw(per));
		o = ms_json_add(o, "sizes", row_values(s, k->row, true));
		ms_json_put(&json, o);
	}
	ms_json_end_array(&json);
	ms_json_end_object(&json);
	return ms_json_finish(&json);
}

static void leaks_table(FILE *out, const struct ms_series_report *r, char sep)
{
	const struct ms_series *s = r->series;
	const struct ms_leaks *l = r->leaks;
	size_t shown = leaks_shown(r), i;
	const char *cols[] = {"rank",	      "key",	     "size",  "growth",		"count",
			      "count_change", "steps_grown", "steps", "growth_per_step"};

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		fprintf(out, "%s%s", i ? (sep == ',' ? "," : "\t") : "", cols[i]);
	fputc('\n', out);
	for (i = 0; i < shown; i++) {
		const struct ms_leak *k = &l->items[i];
		struct ms_series_cell end = ms_series_at(s, k->row, s->nsnap - 1);
		fprintf(out, "%zu%c", i + 1, sep);
		put_key_field(out, s, k->row, sep);
		fputc(sep, out);
		put_u128(out, end.size);
		fputc(sep, out);
		put_i128(out, k->growth);
		fprintf(out, "%c%llu%c", sep, (unsigned long long)end.count, sep);
		put_i128(out, count_change(s, k->row));
		fprintf(out, "%c%u%c%u%c%.1f\n", sep, k->steps_grown, sep, l->steps, sep,
			per_step(l, k));
	}
}

int ms_write_leaks(FILE *out, const struct ms_series_report *r, enum ms_series_format format)
{
	if (format == MS_SERIES_TEXT)
		leaks_text(out, r);
	else if (format == MS_SERIES_JSON)
		return leaks_json(out, r);
	else
		leaks_table(out, r, format == MS_SERIES_CSV ? ',' : '\t');
	return ms_write_status(out);
}
