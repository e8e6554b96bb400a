/*
 * What a top or diff run produced, and the output formats that print it:
 * one writer per format, found by name in one table. A report borrows
 * everything it points to.
 */
#ifndef MEMSNAP_REPORT_H
#define MEMSNAP_REPORT_H

#include <stdio.h>

#include "memsnap/filter.h"
#include "int128.h"
#include "memsnap/stats.h"
#include "order.h"
#include "profile.h"
#include "source.h"

struct ms_report {
	const char *old_name;		  /* NULL for top */
	const char *new_name;		  /* the snapshot of top */
	const struct ms_stats *old_stats; /* NULL for top */
	const struct ms_stats *new_stats;
	const struct ms_diff *diff;	  /* NULL for top */
	size_t limit;			  /* how many to show, 0 for all */
	const struct ms_filters *filters; /* as applied, for formats that record them */
	struct ms_sources *sources;	  /* the source files (NULL: none are read) */
	bool source_lines;		  /* source lines under traceback frames */
	bool functions;			  /* traceback frames ", in qualname" (--functions) */
	bool count_blocks;		  /* collapsed: values are counts, not sizes */
	/* memsnap's own (--percent, --sort, --min-size); zero: as Python */
	bool percent;	    /* each statistic's share of the total size */
	enum ms_order sort; /* the order the statistics are in */
	uint64_t min_size;  /* the last hidden statistics are under it */
	size_t hidden;	    /* how many: never shown, summed in "other" */
};

/* The share of the (new) snapshot's total that size is, in percent. */
double ms_report_percent(const struct ms_report *r, ms_u128 size);

/*
 * What a header says under cumulative grouping, whose groups add up to
 * more than the total (a sentence, no final period).
 */
extern const char ms_report_cumulative_note[];

/* How many statistics the report shows. */
size_t ms_report_shown(const struct ms_report *r);

/* What the statistics that are not shown add up to. */
struct ms_report_rest {
	size_t groups;
	ms_u128 size;
	ms_i128 size_diff;
	uint64_t count;
	int64_t count_diff;
};

void ms_report_rest(const struct ms_report *r, struct ms_report_rest *rest);

/* A filename as Python prints it: surrogate escapes back to raw bytes. */
void ms_report_put_filename(FILE *out, const struct ms_snapshot *snap, uint32_t file);

/* What a profile format shows of a report: its snapshot(s), filters, sources. */
void ms_report_profile_input(const struct ms_report *r, struct ms_profile_input *in);

struct ms_json;

/* "key": {"file", "traceback_limit", "size", "count"}: a snapshot as JSON reports describe it. */
void ms_report_json_snapshot(struct ms_json *j, const char *key, const char *name,
			     const struct ms_stats *s);

/*
 * Traceback.format() of a traceback key: each frame, oldest first, as
 * '  File "name", line N' (with functions, then ", in Cache.get" as
 * Python's tracebacks of exceptions name it), then with source_lines its
 * source line indented by four spaces when sources (may be NULL) can
 * read it.
 */
void ms_report_put_frames(FILE *out, struct ms_sources *sources, bool source_lines, bool functions,
			  const struct ms_snapshot *snap, uint32_t key);

/* size / count rounded to the nearest integer, ties to even; count > 0. */
ms_u128 ms_report_average(ms_u128 size, uint64_t count);

/* Each writer returns -1 if writing failed. */
typedef int (*ms_report_writer)(FILE *out, const struct ms_report *r);

int ms_write_text(FILE *out, const struct ms_report *r);
int ms_write_json(FILE *out, const struct ms_report *r);
int ms_write_csv(FILE *out, const struct ms_report *r);
int ms_write_tsv(FILE *out, const struct ms_report *r);
int ms_write_markdown(FILE *out, const struct ms_report *r);
int ms_write_collapsed(FILE *out, const struct ms_report *r);
int ms_write_pprof(FILE *out, const struct ms_report *r);
int ms_write_speedscope(FILE *out, const struct ms_report *r);

/* The writer of a format name (text, json, ...), or NULL. */
ms_report_writer ms_report_writer_find(const char *name);

/* "text, json, ... or collapsed", for messages. */
extern const char ms_report_format_names[];

#endif
