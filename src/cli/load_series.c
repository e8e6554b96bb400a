/*
 * Loading the snapshots of timeline and leaks as a series: each one's
 * statistics and label, their groups matched across snapshots; from a
 * recording, when each was taken too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "recording_index.h"
#include "utf8.h"
#include "format128.h"

/* A label as a snapshot string, so that every writer quotes it alike. */
static char *decode_label(const char *arg)
{
	size_t n = strlen(arg);
	char *s = malloc(3 * n + 1);

	if (s)
		s[ms_utf8_fsdecode(s, arg, n)] = 0;
	return s;
}

static int load_stats(struct cli_series *cs, const struct cli_options *opts, bool keep_groups)
{
	struct cli_inputs *in = cs->in;
	struct ms_error err;
	size_t j;

	/* all at once (in parallel) when kept, else one at a time */
	if (keep_groups && cli_inputs_load_all(in))
		return EXIT_ERROR;
	for (j = 0; j < cs->n; j++) {
		if (!keep_groups && cli_inputs_load(in, j))
			return EXIT_ERROR;
		if (cli_name_functions(opts, in->items[j].snap, opts->sources))
			return EXIT_ERROR;
		cli_notes_add(&cs->notes, in->items[j].name, in->items[j].snap);
		if (ms_stats_compute_view(&cs->stats[j], in->items[j].snap, &opts->filters,
					  &opts->view, opts->key_type, opts->cumulative, SIZE_MAX,
					  &err)) {
			cli_report(in->items[j].name, &err);
			return EXIT_ERROR;
		}
		if (!keep_groups) {
			/* the totals stay; the groups and the snapshot go */
			ms_stats_release(&cs->stats[j]);
			cs->stats[j].snap = NULL;
			cli_inputs_done(in, j);
		}
	}
	return 0;
}

int cli_series_load(struct cli_series *cs, const struct cli_options *opts, bool keep_groups,
		    size_t min, const char *synopsis)
{
	const struct cli_strings *labels = &opts->labels;
	bool recording = opts->nfiles == 1 && ms_recording_is(opts->files[0]);
	struct ms_error err;
	size_t j;

	memset(cs, 0, sizeof(*cs));
	if (cli_notes_init(&cs->notes, opts) < 0)
		return EXIT_ERROR;
	cs->in = calloc(1, sizeof(*cs->in));
	if (!cs->in) {
		cli_error("out of memory");
		return EXIT_ERROR;
	}
	if ((!recording && cli_check_operands(opts, min, SIZE_MAX, synopsis)) ||
	    cli_inputs_resolve(cs->in, opts, opts->files, opts->nfiles, CLI_PICK_ALL,
			       CLI_KEEP_SUMS))
		return EXIT_ERROR;
	cs->n = cs->in->nr;
	if (cs->n < min) {
		cli_error("%s: %zu step%s, fewer than the %zu this command needs", opts->files[0],
			  cs->n, ms_plural(cs->n), min);
		return EXIT_ERROR;
	}
	if (labels->nr && labels->nr != cs->n) {
		cli_error("--label was given %zu time%s for %zu snapshot%s", labels->nr,
			  ms_plural(labels->nr), cs->n, ms_plural(cs->n));
		return EXIT_ERROR;
	}
	cs->stats = calloc(cs->n, sizeof(*cs->stats));
	cs->labels = calloc(cs->n, sizeof(*cs->labels));
	cs->moments = recording ? calloc(cs->n, sizeof(*cs->moments)) : NULL;
	if (!cs->stats || !cs->labels || (recording && !cs->moments)) {
		cli_error("out of memory");
		return EXIT_ERROR;
	}
	for (j = 0; j < cs->n; j++) {
		cs->labels[j] =
		    decode_label(labels->nr ? labels->items[j] : cs->in->items[j].label);
		if (!cs->labels[j]) {
			cli_error("out of memory");
			return EXIT_ERROR;
		}
		if (cs->moments)
			cs->moments[j] = cs->in->items[j].moment;
	}
	if (load_stats(cs, opts, keep_groups))
		return EXIT_ERROR;
	if (ms_series_build(&cs->series, cs->stats, cs->n, &err)) {
		cli_report(NULL, &err);
		return EXIT_ERROR;
	}
	return 0;
}

/* A series report's fields that come from a recording. */
void cli_series_report_recording(struct ms_series_report *r, const struct cli_series *cs)
{
	r->moments = cs->moments;
	r->view = cs->in ? cs->in->view : NULL;
	r->rss = cs->in ? cs->in->rss : NULL;
	r->nrss = cs->in ? cs->in->nrss : 0;
	r->rss_label = cs->in ? cs->in->rss_label : NULL;
}

void cli_series_release(struct cli_series *cs)
{
	size_t j;

	ms_series_release(&cs->series);
	cli_notes_release(&cs->notes);
	for (j = 0; j < cs->n; j++) {
		if (cs->labels)
			free(cs->labels[j]);
		if (cs->stats)
			ms_stats_release(&cs->stats[j]);
	}
	if (cs->in)
		cli_inputs_release(cs->in);
	free(cs->in);
	free(cs->stats);
	free(cs->labels);
	free(cs->moments);
	memset(cs, 0, sizeof(*cs));
}
