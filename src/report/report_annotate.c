/*
 * memsnap annotate's output: each file with the memory beside its lines,
 * grouped by the function the lines run in (pyscope.h). text and markdown
 * show the lines with memory and a few around them (every line with
 * all_lines); csv and json list the lines with memory (every line).
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "grow.h"
#include "json_emit.h"
#include "format128.h"
#include "pyscope.h"
#include "report.h"
#include "report_annotate.h"
#include "utf8.h"

/* What one file's output walks: its lines, and the functions they run in. */
struct walk {
	const struct ms_annotate_report *r;
	const struct ms_annotate_file *f;
	const char *name; /* the file's name, a snapshot string */
	size_t name_len;
	struct ms_pyscope *scopes;		     /* NULL: its source could not be read */
	uint32_t nlines;			     /* of its source */
	uint32_t last;				     /* the last line to show */
	struct ms_annotate_numbers *fn_now, *fn_old; /* per scope, module last */
};

static bool has_memory(const struct ms_annotate_line *l)
{
	return l->now.count || l->now.cum_count || l->old.count || l->old.cum_count;
}

static size_t scope_slot(const struct walk *w, uint32_t lineno)
{
	int32_t s = w->scopes ? ms_pyscope_at(w->scopes, lineno) : MS_PYSCOPE_MODULE;

	if (s >= 0)
		return (size_t)s;
	return w->scopes ? ms_pyscope_count(w->scopes) : 0;
}

static void add(struct ms_annotate_numbers *t, const struct ms_annotate_numbers *n)
{
	t->size += n->size;
	t->count += n->count;
	t->cum_size += n->cum_size;
	t->cum_count += n->cum_count;
}

static int walk_init(struct walk *w, const struct ms_annotate_report *r,
		     const struct ms_annotate_file *f)
{
	size_t n, i;

	memset(w, 0, sizeof(*w));
	w->r = r;
	w->f = f;
	w->name = ms_snapshot_string(f->snap, f->file, &w->name_len);
	if (r->sources) {
		w->nlines = ms_sources_count(r->sources, w->name, w->name_len);
		w->scopes = ms_sources_scopes(r->sources, w->name, w->name_len);
	}
	/* the last line with memory, and the context after it, or every line */
	w->last = f->nr ? f->lines[f->nr - 1].lineno : 0;
	if (w->scopes && w->last < w->nlines)
		w->last = w->nlines - w->last > r->context ? w->last + r->context : w->nlines;
	if (r->all_lines && w->nlines > w->last)
		w->last = w->nlines;
	n = (w->scopes ? ms_pyscope_count(w->scopes) : 0) + 1;
	w->fn_now = calloc(n, sizeof(*w->fn_now));
	w->fn_old = calloc(n, sizeof(*w->fn_old));
	if (!w->fn_now || !w->fn_old)
		return -1;
	for (i = 0; i < f->nr; i++) {
		add(&w->fn_now[scope_slot(w, f->lines[i].lineno)], &f->lines[i].now);
		add(&w->fn_old[scope_slot(w, f->lines[i].lineno)], &f->lines[i].old);
	}
	return 0;
}

static void walk_release(struct walk *w)
{
	free(w->fn_now);
	free(w->fn_old);
}

/*
 * Calls put(ctx, walk) for each file in order, after an empty line on
 * blank_out when there is one; -1 on no memory.
 */
static int each_file(const struct ms_annotate_report *r, void (*put)(void *, const struct walk *),
		     void *ctx, FILE *blank_out)
{
	struct walk w;
	size_t i;
	int ret = 0;

	for (i = 0; i < r->annotate->nr && !ret; i++) {
		if (blank_out)
			fputc('\n', blank_out);
		ret = walk_init(&w, r, &r->annotate->files[i]);
		if (!ret)
			put(ctx, &w);
		walk_release(&w);
	}
	return ret;
}

/* The qualified name of a scope slot, and the line its def starts on (0: module). */
static const char *slot_name(const struct walk *w, size_t slot, size_t *len, uint32_t *start)
{
	uint32_t first, last;

	*start = 0;
	if (!w->scopes || slot == ms_pyscope_count(w->scopes)) {
		*len = 8;
		return "<module>";
	}
	ms_pyscope_lines_of(w->scopes, (int32_t)slot, &first, &last, start);
	return ms_pyscope_qualname(w->scopes, (int32_t)slot, len);
}

/* ---- text ---- */

#define SIZE_WIDTH  10
#define COUNT_WIDTH 8

/* A cell of the text table: Python's _format_size(), or "." for nothing. */
static void put_size_cell(FILE *out, ms_i128 v, bool sign, int width)
{
	char buf[MS_SIZE_TEXT_MAX] = ".";

	if (v)
		ms_format_size(buf, ms_i128_to_double(v), sign);
	fprintf(out, " %*s", width, buf);
}

static void put_count_cell(FILE *out, int64_t v, bool sign, int width)
{
	if (!v)
		fprintf(out, " %*s", width, ".");
	else
		fprintf(out, sign ? " %+*lld" : " %*lld", width, (long long)v);
}

static void put_cells(FILE *out, bool diff, const struct ms_annotate_numbers *now,
		      const struct ms_annotate_numbers *old)
{
	put_size_cell(out, (ms_i128)now->size, false, SIZE_WIDTH);
	if (diff)
		put_size_cell(out, (ms_i128)now->size - (ms_i128)old->size, true, SIZE_WIDTH);
	put_count_cell(out, (int64_t)now->count, false, COUNT_WIDTH);
	if (diff)
		put_count_cell(out, (int64_t)(now->count - old->count), true, COUNT_WIDTH);
	put_size_cell(out, (ms_i128)now->cum_size, false, SIZE_WIDTH);
	if (diff)
		put_size_cell(out, (ms_i128)now->cum_size - (ms_i128)old->cum_size, true,
			      SIZE_WIDTH);
	put_count_cell(out, (int64_t)now->cum_count, false, COUNT_WIDTH);
	if (diff)
		put_count_cell(out, (int64_t)(now->cum_count - old->cum_count), true, COUNT_WIDTH);
}

/* "size=692 KiB (+575 KiB), count=2401 (+2000)", as str(StatisticDiff) writes numbers. */
static void put_totals(FILE *out, bool diff, const struct ms_annotate_numbers *now,
		       const struct ms_annotate_numbers *old)
{
	char buf[MS_SIZE_TEXT_MAX];

	ms_format_size(buf, ms_u128_to_double(now->size), false);
	fprintf(out, "size=%s", buf);
	if (diff) {
		ms_format_size(buf, ms_i128_to_double((ms_i128)now->size - (ms_i128)old->size),
			       true);
		fprintf(out, " (%s)", buf);
	}
	fprintf(out, ", count=%llu", (unsigned long long)now->count);
	if (diff)
		fprintf(out, " (%+lld)", (long long)(now->count - old->count));
	ms_format_size(buf, ms_u128_to_double(now->cum_size), false);
	fprintf(out, "; cumulative size=%s", buf);
	if (diff) {
		ms_format_size(
		    buf, ms_i128_to_double((ms_i128)now->cum_size - (ms_i128)old->cum_size), true);
		fprintf(out, " (%s)", buf);
	}
	fprintf(out, ", count=%llu", (unsigned long long)now->cum_count);
	if (diff)
		fprintf(out, " (%+lld)", (long long)(now->cum_count - old->cum_count));
}

/*
 * Which lines text and markdown show: with all_lines every one, else
 * those with memory and context lines on each side. lines[k] is the next
 * annotated line at or after lineno; returns whether lineno is shown.
 */
static bool shown(const struct walk *w, uint32_t lineno, size_t k)
{
	const struct ms_annotate_file *f = w->f;
	uint32_t c = w->r->context;

	if (w->r->all_lines)
		return true;
	if (k < f->nr && f->lines[k].lineno - lineno <= c && has_memory(&f->lines[k]))
		return true;
	/* a line with memory before it, within context */
	return k > 0 && lineno - f->lines[k - 1].lineno <= c && has_memory(&f->lines[k - 1]);
}

/*
 * Steps *lineno to the next line the file shows, false past its last:
 * that line's numbers in *l (NULL: it has none), *k following f->lines.
 * Start with *lineno 0 and *k 0.
 */
static bool next_line(const struct walk *w, uint32_t *lineno, size_t *k,
		      const struct ms_annotate_line **l)
{
	const struct ms_annotate_file *f = w->f;

	while (++*lineno && *lineno <= w->last) {
		while (*k < f->nr && f->lines[*k].lineno < *lineno)
			(*k)++;
		*l = *k < f->nr && f->lines[*k].lineno == *lineno ? &f->lines[*k] : NULL;
		/* without the source only lines with memory: there is nothing around them */
		if (w->scopes ? shown(w, *lineno, *k) : *l != NULL)
			return true;
	}
	return false;
}

static void text_file(void *ctx, const struct walk *w)
{
	FILE *out = ctx;
	const struct ms_annotate_file *f = w->f;
	bool diff = w->r->annotate->diff;
	static const struct ms_annotate_numbers zero;
	const struct ms_annotate_line *l;
	size_t k = 0, slot, prev_slot = SIZE_MAX, len;
	uint32_t lineno = 0, prev = 0, start;
	const char *text, *qual;
	int width = snprintf(NULL, 0, "%u", w->last);
	int cells = (diff ? 2 : 1) * 2 * (SIZE_WIDTH + 1 + COUNT_WIDTH + 1);

	fputs("# ", out);
	ms_put_raw(out, w->name, w->name_len);
	fputs(": ", out);
	put_totals(out, diff, &f->total, &f->old_total);
	fputs(w->scopes ? "\n" : " (source not found)\n", out);
	fprintf(out, "%*s", SIZE_WIDTH + 1, "size");
	if (diff)
		fprintf(out, "%*s", SIZE_WIDTH + 1, "change");
	fprintf(out, "%*s", COUNT_WIDTH + 1, "count");
	if (diff)
		fprintf(out, "%*s", COUNT_WIDTH + 1, "change");
	fprintf(out, "%*s", SIZE_WIDTH + 1, "cumulative");
	if (diff)
		fprintf(out, "%*s", SIZE_WIDTH + 1, "change");
	fprintf(out, "%*s", COUNT_WIDTH + 1, "count");
	if (diff)
		fprintf(out, "%*s", COUNT_WIDTH + 1, "change");
	fprintf(out, "  %*s\n", width, "line");
	while (next_line(w, &lineno, &k, &l)) {
		if (prev && lineno != prev + 1)
			fprintf(out, "%*s\n", cells + 2 + width, "...");
		slot = scope_slot(w, lineno);
		/* a function's lines start under its totals; lines of none without memory do not */
		if (w->scopes && slot != prev_slot &&
		    (w->fn_now[slot].count || w->fn_now[slot].cum_count || w->fn_old[slot].count ||
		     w->fn_old[slot].cum_count)) {
			qual = slot_name(w, slot, &len, &start);
			fputs("# ", out);
			fwrite(qual, 1, len, out);
			if (start)
				fprintf(out, " (line %u)", start);
			fputs(": ", out);
			put_totals(out, diff, &w->fn_now[slot], &w->fn_old[slot]);
			fputc('\n', out);
		}
		prev_slot = slot;
		put_cells(out, diff, l ? &l->now : &zero, l ? &l->old : &zero);
		fprintf(out, "  %*u", width, lineno);
		text = ms_sources_text(w->r->sources, w->name, w->name_len, lineno, &len);
		if (text && len) {
			fputs("  ", out);
			fwrite(text, 1, len, out);
		}
		fputc('\n', out);
		prev = lineno;
	}
}

static void put_header(FILE *out, const char *label, const char *name, const struct ms_stats *s)
{
	char buf[MS_SIZE_TEXT_MAX];

	ms_format_size(buf, ms_u128_to_double(ms_u128_from(s->trace_size)), false);
	fprintf(out, "# %s: %s: %llu traces, size=%s, traceback_limit=%lld\n", label, name,
		(unsigned long long)s->trace_count, buf,
		(long long)ms_snapshot_traceback_limit(s->snap));
}

int ms_write_annotate_text(FILE *out, const struct ms_annotate_report *r)
{
	const struct ms_annotate *a = r->annotate;
	int ret = 0;

	if (a->diff) {
		put_header(out, "old", r->old_name, r->old_stats);
		put_header(out, "new", r->new_name, r->new_stats);
	} else {
		put_header(out, "snapshot", r->new_name, r->new_stats);
	}
	fprintf(out,
		"# %zu file%s by size; size and count: allocated at the line "
		"(statistics('lineno')); cumulative: through it (cumulative=True)\n",
		a->nr, a->nr == 1 ? "" : "s");
	ret = each_file(r, text_file, out, out);
	return ret || ferror(out) ? -1 : 0;
}

/* ---- csv ---- */

static void csv_number(FILE *out, ms_u128 v)
{
	char buf[42];

	fputc(',', out);
	fputs(ms_u128_text(buf, v), out);
}

static void csv_change(FILE *out, ms_u128 now, ms_u128 old)
{
	char buf[42];

	fputc(',', out);
	fputs(ms_i128_text(buf, (ms_i128)now - (ms_i128)old, false), out);
}

int ms_write_annotate_csv(FILE *out, const struct ms_annotate_report *r)
{
	const struct ms_annotate *a = r->annotate;
	struct walk w;
	size_t i, k, len;
	uint32_t start;
	const char *text;
	int ret = 0;

	fputs("filename,lineno,function,size,count,cumulative_size,cumulative_count", out);
	if (a->diff)
		fputs(",size_diff,count_diff,cumulative_size_diff,cumulative_count_diff", out);
	fputs(",source\n", out);
	for (i = 0; i < a->nr && !ret; i++) {
		ret = walk_init(&w, r, &a->files[i]);
		for (k = 0; !ret && k < w.f->nr; k++) {
			const struct ms_annotate_line *l = &w.f->lines[k];
			ms_put_csv(out, w.name, w.name_len);
			fprintf(out, ",%u,", l->lineno);
			if (w.scopes && l->lineno <= w.nlines) {
				text = slot_name(&w, scope_slot(&w, l->lineno), &len, &start);
				ms_put_field_bytes(out, text, len, ',');
			}
			csv_number(out, l->now.size);
			csv_number(out, l->now.count);
			csv_number(out, l->now.cum_size);
			csv_number(out, l->now.cum_count);
			if (a->diff) {
				csv_change(out, l->now.size, l->old.size);
				csv_change(out, l->now.count, l->old.count);
				csv_change(out, l->now.cum_size, l->old.cum_size);
				csv_change(out, l->now.cum_count, l->old.cum_count);
			}
			fputc(',', out);
			text = ms_sources_text(r->sources, w.name, w.name_len, l->lineno, &len);
			if (text)
				ms_put_field_bytes(out, text, len, ',');
			fputc('\n', out);
		}
		walk_release(&w);
	}
	return ret || ferror(out) ? -1 : 0;
}

/* ---- json ---- */

/* The numbers of a line, function or file, added to o (NULL: written as members). */
static cJSON *json_numbers(struct ms_json *j, cJSON *o, bool diff,
			   const struct ms_annotate_numbers *now,
			   const struct ms_annotate_numbers *old)
{
	static const char *const names[] = {
	    "size",	 "count",      "cumulative_size",      "cumulative_count",
	    "size_diff", "count_diff", "cumulative_size_diff", "cumulative_count_diff"};
	cJSON *v[8];
	int i, n = diff ? 8 : 4;

	v[0] = ms_json_u128(now->size);
	v[1] = ms_json_u128(now->count);
	v[2] = ms_json_u128(now->cum_size);
	v[3] = ms_json_u128(now->cum_count);
	if (diff) {
		v[4] = ms_json_i128((ms_i128)now->size - (ms_i128)old->size);
		v[5] = ms_json_i128((ms_i128)now->count - (ms_i128)old->count);
		v[6] = ms_json_i128((ms_i128)now->cum_size - (ms_i128)old->cum_size);
		v[7] = ms_json_i128((ms_i128)now->cum_count - (ms_i128)old->cum_count);
	}
	for (i = 0; i < n; i++) {
		if (o)
			o = ms_json_add(o, names[i], v[i]);
		else
			ms_json_member(j, names[i], v[i]);
	}
	return o;
}

/* A line's function, null where the source could not be read. */
static cJSON *json_function(const struct walk *w, uint32_t lineno)
{
	size_t len;
	uint32_t start;
	const char *name;

	if (!w->scopes || lineno > w->nlines)
		return cJSON_CreateNull();
	name = slot_name(w, scope_slot(w, lineno), &len, &start);
	return ms_json_string(name, len);
}

static void json_file(void *ctx, const struct walk *w)
{
	struct ms_json *j = ctx;
	const struct ms_annotate_file *f = w->f;
	bool diff = w->r->annotate->diff, *used;
	size_t k, n = (w->scopes ? ms_pyscope_count(w->scopes) : 0) + 1, slot, len;
	uint32_t start;
	const char *text;
	cJSON *o;

	ms_json_begin_object(j);
	ms_json_member(j, "filename", ms_json_string(w->name, w->name_len));
	ms_json_member(j, "source", cJSON_CreateBool(w->scopes != NULL));
	json_numbers(j, NULL, diff, &f->total, &f->old_total);
	/* the functions with memory, in the order of their first line with it */
	ms_json_key(j, "functions");
	ms_json_begin_array(j);
	used = calloc(n, sizeof(*used));
	for (k = 0; w->scopes && used && k < f->nr; k++) {
		if (f->lines[k].lineno > w->nlines)
			continue;
		slot = scope_slot(w, f->lines[k].lineno);
		if (used[slot])
			continue;
		used[slot] = true;
		text = slot_name(w, slot, &len, &start);
		o = ms_json_add(cJSON_CreateObject(), "function", ms_json_string(text, len));
		o = ms_json_add(o, "lineno", ms_json_u128(start));
		ms_json_put(j, json_numbers(j, o, diff, &w->fn_now[slot], &w->fn_old[slot]));
	}
	free(used);
	ms_json_end_array(j);
	ms_json_key(j, "lines");
	ms_json_begin_array(j);
	for (k = 0; k < f->nr; k++) {
		const struct ms_annotate_line *l = &f->lines[k];
		o = ms_json_add(cJSON_CreateObject(), "lineno", ms_json_u128(l->lineno));
		o = ms_json_add(o, "function", json_function(w, l->lineno));
		o = json_numbers(j, o, diff, &l->now, &l->old);
		text = ms_sources_text(w->r->sources, w->name, w->name_len, l->lineno, &len);
		o = ms_json_add(o, "source", text ? ms_json_string(text, len) : cJSON_CreateNull());
		ms_json_put(j, o);
	}
	ms_json_end_array(j);
	ms_json_end_object(j);
}

int ms_write_annotate_json(FILE *out, const struct ms_annotate_report *r)
{
	const struct ms_annotate *a = r->annotate;
	struct ms_json j;
	int ret = 0;

	ms_json_init(&j, out);
	ms_json_begin_object(&j);
	ms_json_member(&j, "command", ms_json_cstring("annotate"));
	if (a->diff) {
		ms_report_json_snapshot(&j, "old", r->old_name, r->old_stats);
		ms_report_json_snapshot(&j, "new", r->new_name, r->new_stats);
	} else {
		ms_report_json_snapshot(&j, "snapshot", r->new_name, r->new_stats);
	}
	ms_json_key(&j, "files");
	ms_json_begin_array(&j);
	ret = each_file(r, json_file, &j, NULL);
	ms_json_end_array(&j);
	ms_json_end_object(&j);
	return ms_json_finish(&j) || ret ? -1 : 0;
}

/* ---- markdown ---- */

static void md_size(FILE *out, ms_i128 v, bool sign)
{
	char buf[MS_SIZE_TEXT_MAX];

	if (v) {
		ms_format_size(buf, ms_i128_to_double(v), sign);
		fputs(buf, out);
	}
	fputs(" | ", out);
}

static void md_count(FILE *out, int64_t v, bool sign)
{
	if (v)
		fprintf(out, sign ? "%+lld" : "%lld", (long long)v);
	fputs(" | ", out);
}

/*
 * A source line as a code span: its indentation as no-break spaces, which
 * a rendered table keeps, tabs as the spaces they stand for.
 */
static void md_source(FILE *out, const char *text, size_t len)
{
	char *buf = len <= SIZE_MAX / 16 ? malloc(16 * len + 1) : NULL;
	size_t i, n = 0, col = 0;
	bool indent = true;

	if (!buf)
		return;
	for (i = 0; i < len; i++) {
		indent = indent && (text[i] == ' ' || text[i] == '\t');
		if (text[i] == '\t' || (indent && text[i] == ' ')) {
			do {
				if (indent) {
					memcpy(buf + n, "\xc2\xa0", 2);
					n += 2;
				} else {
					buf[n++] = ' ';
				}
			} while (text[i] == '\t' && ++col % 8);
			col += text[i] == ' ';
			continue;
		}
		buf[n++] = text[i];
		col += ((unsigned char)text[i] & 0xc0) != 0x80;
	}
	if (n)
		ms_put_md_code(out, buf, n);
	free(buf);
}

/* A command-line name (raw bytes) as a code span, read as os.fsdecode() reads it. */
static void md_arg(FILE *out, const char *arg)
{
	size_t n = strlen(arg);
	char *buf = n <= SIZE_MAX / 3 ? malloc(3 * n + 1) : NULL;

	if (buf)
		ms_put_md_code(out, buf, ms_utf8_fsdecode(buf, arg, n));
	free(buf);
}

static void md_file(void *ctx, const struct walk *w)
{
	FILE *out = ctx;
	bool diff = w->r->annotate->diff;
	static const struct ms_annotate_numbers zero;
	const struct ms_annotate_line *l;
	size_t k = 0, len;
	uint32_t lineno = 0, prev = 0, start;
	const char *text;

	fputs("### ", out);
	ms_put_md_code(out, w->name, w->name_len);
	fputs("\n\n", out);
	fputs(diff ? "| line | size | change | count | change | cumulative | change | count | "
		     "change | function | source |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:"
		     "|:---|:---|\n"
		   : "| line | size | count | cumulative | count | function | source |\n"
		     "|---:|---:|---:|---:|---:|:---|:---|\n",
	      out);
	while (next_line(w, &lineno, &k, &l)) {
		const struct ms_annotate_numbers *now, *old;
		if (prev && lineno != prev + 1)
			fputs(diff ? "| \xe2\x80\xa6 | | | | | | | | | | |\n"
				   : "| \xe2\x80\xa6 | | | | | | |\n",
			      out);
		now = l ? &l->now : &zero;
		old = l ? &l->old : &zero;
		fprintf(out, "| %u | ", lineno);
		md_size(out, (ms_i128)now->size, false);
		if (diff)
			md_size(out, (ms_i128)now->size - (ms_i128)old->size, true);
		md_count(out, (int64_t)now->count, false);
		if (diff)
			md_count(out, (int64_t)(now->count - old->count), true);
		md_size(out, (ms_i128)now->cum_size, false);
		if (diff)
			md_size(out, (ms_i128)now->cum_size - (ms_i128)old->cum_size, true);
		md_count(out, (int64_t)now->cum_count, false);
		if (diff)
			md_count(out, (int64_t)(now->cum_count - old->cum_count), true);
		if (w->scopes && lineno <= w->nlines) {
			text = slot_name(w, scope_slot(w, lineno), &len, &start);
			ms_put_md_code(out, text, len);
		}
		fputs(" | ", out);
		text = ms_sources_text(w->r->sources, w->name, w->name_len, lineno, &len);
		if (text)
			md_source(out, text, len);
		fputs(" |\n", out);
		prev = lineno;
	}
}

int ms_write_annotate_markdown(FILE *out, const struct ms_annotate_report *r)
{
	const struct ms_annotate *a = r->annotate;
	int ret = 0;

	fputs("**memsnap annotate** ", out);
	if (a->diff) {
		md_arg(out, r->old_name);
		fputc(' ', out);
	}
	md_arg(out, r->new_name);
	fprintf(out, ": %zu file%s; size and count allocated at each line, cumulative through it\n",
		a->nr, a->nr == 1 ? "" : "s");
	ret = each_file(r, md_file, out, out);
	return ret || ferror(out) ? -1 : 0;
}

static const struct {
	const char *name;
	ms_annotate_writer write;
} formats[] = {
    {"text", ms_write_annotate_text},
    {"json", ms_write_annotate_json},
    {"csv", ms_write_annotate_csv},
    {"markdown", ms_write_annotate_markdown},
};

ms_annotate_writer ms_annotate_writer_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(name, formats[i].name))
			return formats[i].write;
	return NULL;
}
