/*
 * Notes on stderr where a result is right but may mislead: a filter or
 * view pattern that matched nothing (often a relative pattern against
 * the absolute file names tracemalloc records), snapshots that are not
 * alike, a traceback limit of 1 under a view of whole tracebacks. They
 * change neither the output nor the exit status.
 */
#include <stdlib.h>
#include <string.h>

#include "filter_eval.h"
#include "utf8.h"
#include "cli.h"

/* The index-th pattern of opts: the filters, then --hide, then --focus. */
struct pattern {
	const struct ms_filter *f;
	const char *option;
	bool any_frame; /* it looks at every frame of a traceback */
};

static struct pattern pattern_at(const struct cli_options *opts, size_t i)
{
	const struct ms_filters *lists[] = {&opts->filters, &opts->view.hide, &opts->view.focus};
	struct pattern p;
	size_t l;

	for (l = 0; i >= lists[l]->nr; l++)
		i -= lists[l]->nr;
	p.f = &lists[l]->items[i];
	p.any_frame = l > 0 || p.f->all_frames;
	p.option = l == 1	    ? "--hide"
		   : l == 2	    ? "--focus"
		   : p.f->is_domain ? (p.f->inclusive ? "--include-domain" : "--exclude-domain")
		   : p.f->inclusive ? "--include"
				    : "--exclude";
	return p;
}

int cli_notes_init(struct cli_notes *n, const struct cli_options *opts)
{
	memset(n, 0, sizeof(*n));
	n->opts = opts;
	n->npatterns = opts->filters.nr + opts->view.hide.nr + opts->view.focus.nr;
	n->patterns = calloc(n->npatterns + 1, sizeof(*n->patterns));
	if (!n->patterns) {
		cli_error("out of memory");
		return -1;
	}
	return 0;
}

/* A copy of frame's file name as raw bytes, for a message. */
static char *file_name(const struct ms_snapshot *snap, uint32_t frame)
{
	size_t len;
	const char *s = ms_snapshot_string(snap, ms_snapshot_frame(snap, frame).file, &len);
	char *raw = malloc(len + 1);

	if (raw)
		raw[ms_utf8_fsencode(raw, s, len)] = 0;
	return raw;
}

/* A pattern that cannot match an absolute name, as a relative path is. */
static bool relative(const char *pattern)
{
	return !strchr("/*?[<", pattern[0]);
}

/*
 * For a relative pattern that matched nothing: a file name it was
 * probably meant for (what "*" "/" pattern matches), or failing that an
 * absolute one, to show in the note.
 */
static void find_example(struct cli_notes *n, struct cli_note_pattern *p, const struct ms_filter *f,
			 const struct ms_snapshot *snap)
{
	struct ms_filters anywhere = MS_FILTERS_INIT;
	struct ms_filter_reach reach;
	struct ms_error err;
	size_t len = strlen(f->pattern), i;
	char *pattern = malloc(len + 3);

	if (pattern) {
		memcpy(pattern, "*/", 2);
		memcpy(pattern + 2, f->pattern, len + 1);
		if (ms_filters_add_file(&anywhere, true, pattern, f->has_lineno, f->lineno, false,
					&err) ||
		    ms_filter_reach(&anywhere.items[0], snap, &reach, &err))
			n->nomem = true;
		else if (reach.first != UINT32_MAX) {
			p->example = file_name(snap, reach.first);
			p->suggest = true;
			n->nomem |= !p->example;
		}
		ms_filters_release(&anywhere);
		free(pattern);
	} else {
		n->nomem = true;
	}
	for (i = 0; !p->example && !n->nomem && i < ms_snapshot_frame_count(snap); i++) {
		size_t flen;
		const char *name =
		    ms_snapshot_string(snap, ms_snapshot_frame(snap, (uint32_t)i).file, &flen);
		if (flen && name[0] == '/') {
			p->example = file_name(snap, (uint32_t)i);
			n->nomem |= !p->example;
		}
	}
}

static void add_patterns(struct cli_notes *n, const struct ms_snapshot *snap)
{
	struct ms_filter_reach reach;
	struct ms_error err;
	size_t i;

	for (i = 0; i < n->npatterns; i++) {
		struct cli_note_pattern *p = &n->patterns[i];
		const struct ms_filter *f = pattern_at(n->opts, i).f;
		if (ms_filter_reach(f, snap, &reach, &err)) {
			n->nomem = true; /* no memory */
			continue;
		}
		p->frames += reach.frames;
		p->newest += reach.newest;
		if (!reach.frames && !f->is_domain && !p->example && relative(f->pattern))
			find_example(n, p, f, snap);
	}
}

void cli_notes_add(struct cli_notes *n, const char *file, const struct ms_snapshot *snap)
{
	int64_t limit = ms_snapshot_traceback_limit(snap);
	int arity = ms_snapshot_origin(snap).trace_arity;

	add_patterns(n, snap);
	if (strcmp(file, "-") == 0)
		file = "(standard input)";
	if (!n->nsnap) {
		n->first_file = file;
		n->first_limit = limit;
	} else if (!n->limit_file && limit != n->first_limit) {
		n->limit_file = file;
		n->other_limit = limit;
	}
	if (arity && !n->arity_file) {
		if (!n->first_arity) {
			n->first_arity = arity;
			n->first_arity_file = file;
		} else if (arity != n->first_arity) {
			n->arity_file = file;
		}
	}
	if (limit == 1 && !n->limit1_file)
		n->limit1_file = file;
	n->nsnap++;
}

static const char *python_of(int arity)
{
	return arity == 3 ? "3.6 to 3.8" : "3.9 or later";
}

static void print_pattern(const struct cli_notes *n, size_t i)
{
	const struct cli_note_pattern *p = &n->patterns[i];
	const char *where = n->nsnap > 1 ? "any snapshot" : "the snapshot";
	struct pattern pat = pattern_at(n->opts, i);
	const struct ms_filter *f = pat.f;
	const char *option = pat.option;
	const char *raw = p->raw;
	char line[24] = "";

	if (f->is_domain) {
		if (!p->frames)
			cli_error("note: %s %llu matches no trace in %s", option,
				  (unsigned long long)f->domain, where);
		return;
	}
	if (f->has_lineno)
		snprintf(line, sizeof(line), ":%llu", (unsigned long long)f->lineno);
	if (!p->frames && p->suggest)
		cli_error("note: %s '%s%s' matches no file in %s, whose names are absolute (such "
			  "as '%s'): did you mean '*/%s%s'?",
			  option, raw, line, where, p->example, raw, line);
	else if (!p->frames && p->example)
		cli_error("note: %s '%s%s' matches no file in %s, whose names are absolute (such "
			  "as '%s')",
			  option, raw, line, where, p->example);
	else if (!p->frames)
		cli_error("note: %s '%s%s' matches no file in %s", option, raw, line, where);
	else if (!p->newest && !pat.any_frame)
		cli_error("note: %s '%s%s' matches only frames that are never the most recent "
			  "one, which is all it looks at: add -a to look at every frame",
			  option, raw, line);
}

int cli_notes_print(struct cli_notes *n, bool whole_tracebacks)
{
	size_t i;

	/* the patterns' own bytes, all made before any note is printed */
	for (i = 0; i < n->npatterns && !n->nomem; i++) {
		const struct ms_filter *f = pattern_at(n->opts, i).f;
		size_t len = f->is_domain ? 0 : strlen(f->pattern);
		char *raw = f->is_domain ? NULL : malloc(len + 1);
		if (!f->is_domain && !raw)
			n->nomem = true;
		else if (raw)
			raw[ms_utf8_fsencode(raw, f->pattern, len)] = 0;
		n->patterns[i].raw = raw;
	}
	if (n->nomem) {
		cli_notes_release(n);
		cli_error("out of memory");
		return -1;
	}
	for (i = 0; i < n->npatterns; i++)
		print_pattern(n, i);
	if (n->limit_file)
		cli_error("note: %s has traceback_limit %lld and %s %lld: tracebacks, and groups "
			  "by traceback or cumulative, differ in depth, not only in memory",
			  n->first_file, (long long)n->first_limit, n->limit_file,
			  (long long)n->other_limit);
	if (n->arity_file)
		cli_error("note: %s comes from Python %s and %s from Python %s, whose "
			  "interpreters allocate differently",
			  n->first_arity_file, python_of(n->first_arity), n->arity_file,
			  python_of(n->first_arity == 3 ? 4 : 3));
	if (whole_tracebacks && n->limit1_file)
		cli_error("note: %s has traceback_limit 1: every traceback is its most recent "
			  "frame alone (capture with tracemalloc.start(25) for whole stacks)",
			  n->limit1_file);
	cli_notes_release(n);
	return 0;
}

void cli_notes_release(struct cli_notes *n)
{
	size_t i;

	for (i = 0; n->patterns && i < n->npatterns; i++) {
		free(n->patterns[i].example);
		free(n->patterns[i].raw);
	}
	free(n->patterns);
	n->patterns = NULL;
	n->npatterns = 0;
}

int cli_filter(const struct cli_options *opts, const char *file, struct ms_snapshot *snap)
{
	struct cli_notes notes;
	struct ms_error err;

	if (!opts->filters.nr)
		return EXIT_OK;
	if (cli_notes_init(&notes, opts) < 0)
		return EXIT_ERROR;
	cli_notes_add(&notes, file, snap);
	if (cli_notes_print(&notes, false) < 0)
		return EXIT_ERROR;
	if (ms_filters_apply(&opts->filters, snap, &err)) {
		cli_report(file, &err);
		return EXIT_ERROR;
	}
	return EXIT_OK;
}
