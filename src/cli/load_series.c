/*
 * Loading the snapshots of timeline and leaks as a series: each one's
 * statistics and label, their groups matched across snapshots.
 */
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "cli.h"

/* A label as a snapshot string, so that every writer quotes it alike. */
static char *decode_label(const char *arg)
{
	size_t n = strlen(arg);
	char *s = malloc(3 * n + 1);

	if (s)
		s[ms_utf8_fsdecode(s, arg, n)] = 0;
	return s;
}

int cli_series_load(struct cli_series *cs, const struct cli_options *opts, bool keep_groups)
{
	const struct cli_strings *labels = &opts->labels;
	struct ms_error err;
	size_t j;

	memset(cs, 0, sizeof(*cs));
	if (labels->nr && labels->nr != opts->nfiles) {
		cli_error("--label was given %zu times for %zu snapshots", labels->nr,
			  opts->nfiles);
		return EXIT_ERROR;
	}
	cs->snaps = calloc(opts->nfiles, sizeof(*cs->snaps));
	cs->stats = calloc(opts->nfiles, sizeof(*cs->stats));
	cs->labels = calloc(opts->nfiles, sizeof(*cs->labels));
	if (!cs->snaps || !cs->stats || !cs->labels) {
		cli_error("out of memory");
		return EXIT_ERROR;
	}
	cs->n = opts->nfiles;
	for (j = 0; j < cs->n; j++) {
		const char *file = opts->files[j];
		cs->labels[j] = decode_label(labels->nr		 ? labels->items[j]
					     : strcmp(file, "-") ? file
								 : "(standard input)");
		if (!cs->labels[j]) {
			cli_error("out of memory");
			return EXIT_ERROR;
		}
		/* all at once (in parallel) when kept, else one at a time */
		if (keep_groups ? !j && cli_load_all(opts->files, cs->n, cs->snaps, true)
				: cli_load_all(&opts->files[j], 1, &cs->snaps[j], true))
			return EXIT_ERROR;
		if (cli_name_functions(opts, cs->snaps[j], opts->sources))
			return EXIT_ERROR;
		if (ms_stats_compute(&cs->stats[j], cs->snaps[j], &opts->filters, opts->key_type,
				     opts->cumulative, &err)) {
			cli_report(file, &err);
			return EXIT_ERROR;
		}
		if (!keep_groups) {
			/* the totals stay; the groups and the snapshot go */
			ms_stats_release(&cs->stats[j]);
			ms_snapshot_free(cs->snaps[j]);
			cs->snaps[j] = NULL;
			cs->stats[j].snap = NULL;
		}
	}
	if (ms_series_build(&cs->series, cs->stats, cs->n, &err)) {
		cli_report(NULL, &err);
		return EXIT_ERROR;
	}
	return 0;
}

void cli_series_release(struct cli_series *cs)
{
	size_t j;

	ms_series_release(&cs->series);
	for (j = 0; j < cs->n; j++) {
		free(cs->labels[j]);
		ms_stats_release(&cs->stats[j]);
		ms_snapshot_free(cs->snaps[j]);
	}
	free(cs->snaps);
	free(cs->stats);
	free(cs->labels);
	memset(cs, 0, sizeof(*cs));
}
