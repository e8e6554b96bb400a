/*
 * Snapshot.statistics() and Snapshot.compare_to(): traces grouped by key,
 * summed, and sorted exactly as Python sorts them. A statistics list borrows
 * its snapshot (which must outlive it) and owns its items.
 */
#ifndef MEMSNAP_STATS_H
#define MEMSNAP_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memsnap/error.h"
#include "memsnap/filter.h"
#include "memsnap/snapshot.h"

/* Sums of sizes can pass 2**64 (Python's ints never overflow). */
typedef unsigned __int128 ms_u128;
typedef __int128 ms_i128;

/*
 * Python's three keys, and memsnap's own: the function of the most recent
 * frame, named from source (the snapshot's functions must have been named
 * first: ms_snapshot_name_functions()).
 */
enum ms_key_type { MS_KEY_LINENO, MS_KEY_FILENAME, MS_KEY_TRACEBACK, MS_KEY_FUNCTION };

/* "lineno", "filename", "traceback" or "function"; parse returns -1 on other names. */
const char *ms_key_type_name(enum ms_key_type key);
int ms_key_type_parse(const char *name);

/*
 * A group. key is a frame id (lineno), a string id (filename), a
 * traceback id (traceback) or a function id (function) of the snapshot
 * the group came from.
 */
struct ms_stat {
	ms_u128 size;
	uint64_t count;
	uint32_t key;
};

struct ms_stats {
	const struct ms_snapshot *snap;
	enum ms_key_type key_type;
	bool cumulative;
	struct ms_stat *items;
	size_t nr;
	size_t sorted; /* items[0..sorted) are in Python's order; the rest in none */
	/* The traces left after filtering, as if grouped by nothing. */
	uint64_t trace_count;
	ms_u128 trace_size;
};

/*
 * snap.filter_traces(filters).statistics(key_type, cumulative), sorted.
 * filters may be NULL. Fails with MS_ERR_USAGE where Python raises
 * (cumulative with traceback keys). On success the caller releases *out.
 */
int ms_stats_compute(struct ms_stats *out, const struct ms_snapshot *snap,
		     const struct ms_filters *filters, enum ms_key_type key_type, bool cumulative,
		     struct ms_error *err);

/*
 * The same, ordering only the first sorted statistics (0: none, for a
 * diff's input); the others follow in no order. Showing the first ten of
 * forty thousand costs a selection, not a sort.
 */
int ms_stats_compute_top(struct ms_stats *out, const struct ms_snapshot *snap,
			 const struct ms_filters *filters, enum ms_key_type key_type,
			 bool cumulative, size_t sorted, struct ms_error *err);

void ms_stats_release(struct ms_stats *stats);

/* One line of new.compare_to(old); snap/key name the group's traceback. */
struct ms_stat_diff {
	const struct ms_snapshot *snap;
	uint32_t key;
	ms_u128 size;
	ms_i128 size_diff;
	uint64_t count;
	int64_t count_diff;
};

struct ms_diff {
	enum ms_key_type key_type;
	struct ms_stat_diff *items;
	size_t nr;
	size_t sorted; /* items[0..sorted) are in Python's order; the rest in none */
};

/*
 * new.compare_to(old, key_type, cumulative), sorted as Python sorts it,
 * from two statistics lists of the same key type and mode. The caller
 * releases *out.
 */
int ms_diff_compute(struct ms_diff *out, struct ms_stats *old_stats, struct ms_stats *new_stats,
		    struct ms_error *err);

/* The same, ordering only the first sorted differences (see ms_stats_compute_top()). */
int ms_diff_compute_top(struct ms_diff *out, struct ms_stats *old_stats,
			struct ms_stats *new_stats, size_t sorted, struct ms_error *err);

void ms_diff_release(struct ms_diff *diff);

/*
 * The group's key as Python's Traceback: frames oldest first. Keys by
 * filename have one frame whose lineno is 0; keys by function one frame
 * whose lineno is where the function starts (0 for "<module>").
 */
uint32_t ms_key_nframe(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key);
struct ms_frame ms_key_frame(const struct ms_snapshot *snap, enum ms_key_type key_type,
			     uint32_t key, uint32_t i);

/*
 * A function key's qualified name; NULL for other keys, and for a function
 * whose source could not be read (its frame's line then stands for it).
 * The bytes live as long as the snapshot.
 */
const char *ms_key_function(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
			    size_t *len);

/*
 * Orders two keys as Python orders Traceback objects (<0, 0, >0); function
 * keys by file, then name, then (source unread) line.
 */
int ms_key_compare(const struct ms_snapshot *a, uint32_t akey, const struct ms_snapshot *b,
		   uint32_t bkey, enum ms_key_type key_type);

#endif
