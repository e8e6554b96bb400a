/*
 * memsnap annotate's output formats (text, json, csv, markdown): an
 * annotation (annotate.h) with the source lines and functions of its
 * files. A report borrows everything it points to.
 */
#ifndef MEMSNAP_REPORT_ANNOTATE_H
#define MEMSNAP_REPORT_ANNOTATE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "annotate.h"
#include "source.h"

struct ms_annotate_report {
	const struct ms_annotate *annotate;
	const char *new_name, *old_name; /* command-line names; old NULL without --diff */
	const struct ms_stats *new_stats, *old_stats; /* their totals */
	struct ms_sources *sources;		      /* the source files */
	bool all_lines;				      /* every line, not those with memory */
	uint32_t context;			      /* lines shown around those with memory */
};

typedef int (*ms_annotate_writer)(FILE *out, const struct ms_annotate_report *r);

/* Each returns -1 if writing failed. */
int ms_write_annotate_text(FILE *out, const struct ms_annotate_report *r);
int ms_write_annotate_json(FILE *out, const struct ms_annotate_report *r);
int ms_write_annotate_csv(FILE *out, const struct ms_annotate_report *r);
int ms_write_annotate_markdown(FILE *out, const struct ms_annotate_report *r);

/* The writer of a format name, or NULL. */
ms_annotate_writer ms_annotate_writer_find(const char *name);

#endif
