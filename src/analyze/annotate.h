/*
 * memsnap annotate: the memory of each line of source files, as Python
 * counts it for the line's frame: statistics('lineno') (allocated at the
 * line) and statistics('lineno', cumulative=True) (allocated through it),
 * and with an old snapshot the change since. An annotation borrows its
 * snapshots and owns its arrays.
 */
#ifndef MEMSNAP_ANNOTATE_H
#define MEMSNAP_ANNOTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memsnap/error.h"
#include "memsnap/filter.h"
#include "int128.h"
#include "memsnap/stats.h"

struct ms_annotate_numbers {
	ms_u128 size, cum_size; /* at the line; through it (cumulative) */
	uint64_t count, cum_count;
};

struct ms_annotate_line {
	uint32_t lineno;
	struct ms_annotate_numbers now, old; /* old: zero without an old snapshot */
};

struct ms_annotate_file {
	const struct ms_snapshot *snap; /* the snapshot its name is from */
	uint32_t file;			/* a string id of snap */
	struct ms_annotate_line *lines; /* by line number */
	size_t nr;
	struct ms_annotate_numbers total, old_total; /* its lines summed */
};

struct ms_annotate {
	bool diff;
	struct ms_annotate_file *files; /* by total, largest first */
	size_t nr;
	struct ms_annotate_line *pool; /* every file's lines */
};

/*
 * Builds the annotation of the lines in now[0] (statistics('lineno')) and
 * now[1] (the same, cumulative), and, when old is not NULL, of old[0] and
 * old[1] of the old snapshot. Only files that some include filter of files
 * matches are kept (all when files is NULL or empty). Files are ordered by
 * size (with old: by the size of the change, then size), then cumulative
 * size, then name. The caller releases *out.
 */
int ms_annotate_build(struct ms_annotate *out, const struct ms_stats now[2],
		      const struct ms_stats *old, const struct ms_filters *files,
		      struct ms_error *err);

void ms_annotate_release(struct ms_annotate *a);

#endif
