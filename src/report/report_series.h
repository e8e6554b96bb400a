/*
 * What a timeline or leaks run produced, handed to the writers of
 * report_series.c (text, JSON, CSV, TSV) and report_svg_timeline.c. A report
 * borrows everything it points to.
 */
#ifndef MEMSNAP_REPORT_SERIES_H
#define MEMSNAP_REPORT_SERIES_H

#include <stdint.h>
#include <stdio.h>

#include "series.h"
#include "source.h"

enum ms_series_format { MS_SERIES_TEXT, MS_SERIES_JSON, MS_SERIES_CSV, MS_SERIES_TSV };

/* "text", "json", "csv" or "tsv"; -1 for other names. */
int ms_series_format_parse(const char *name);

/* What a recording (memsnap record) says of one snapshot of a series. */
struct ms_series_moment {
	double time;	  /* when it was taken: seconds since the epoch */
	double monotonic; /* the same moment on the clock of rss.tsv */
	long pid;	  /* the process that took it */
	int64_t rss;	  /* resident memory then (bytes), -1 when unknown */
	const char *reason;
};

/* A sample of the recorded process tree's resident memory (rss.tsv). */
struct ms_rss_sample {
	double time, monotonic;
	uint64_t rss;
	uint32_t processes;
};

struct ms_series_report {
	const struct ms_series *series;
	char *const *labels;  /* one per snapshot, snapshot strings (see utf8.h) */
	const size_t *groups; /* timeline: the rows to show, in order */
	size_t ngroups;
	const struct ms_leaks *leaks; /* leaks: the suspects */
	size_t limit;		      /* leaks: how many to show, 0 for all */
	/* From a recording, NULL otherwise: */
	const struct ms_series_moment *moments; /* one per snapshot */
	const char *view;			/* what the rows are: "process 42", ... */
	const struct ms_rss_sample *rss;	/* timeline --svg: RSS over time */
	size_t nrss;
	const char *rss_label; /* whose RSS that is */
	struct ms_sources *sources; /* text by traceback: source lines; NULL for none */
};

/* Each returns -1 if writing failed. */
typedef int (*ms_series_writer)(FILE *out, const struct ms_series_report *r,
				enum ms_series_format format);
int ms_write_timeline(FILE *out, const struct ms_series_report *r, enum ms_series_format format);
int ms_write_leaks(FILE *out, const struct ms_series_report *r, enum ms_series_format format);

/* A line chart of total size per snapshot and of the report's groups. */
int ms_write_svg_timeline(FILE *out, const struct ms_series_report *r);

#endif
