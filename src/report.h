/*
 * What a top or diff run produced, handed to one writer per output format.
 * A report borrows everything it points to.
 */
#ifndef MEMSNAP_REPORT_H
#define MEMSNAP_REPORT_H

#include <stdio.h>

#include "memsnap/stats.h"
#include "source.h"

struct ms_report {
	const char *old_name;           /* NULL for top */
	const char *new_name;           /* the snapshot of top */
	const struct ms_stats *old_stats; /* NULL for top */
	const struct ms_stats *new_stats;
	const struct ms_diff *diff;     /* NULL for top */
	size_t limit;                   /* how many to show, 0 for all */
	struct ms_sources *sources;     /* NULL: no source lines */
};

/* How many statistics the report shows. */
size_t ms_report_shown(const struct ms_report *r);

/* Writes the report as text; returns -1 if writing failed. */
int ms_write_text(FILE *out, const struct ms_report *r);

#endif
