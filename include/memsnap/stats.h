/*
 * Snapshot.statistics() and Snapshot.compare_to(): traces grouped by key,
 * summed, and sorted exactly as Python sorts them. A statistics list borrows
 * its snapshot (which must outlive it) and owns its items.
 *
 * Threads: computing statistics only reads the snapshot and the filters,
 * so several threads may compute from one snapshot at once; a list or a
 * diff belongs to one thread at a time (the _top calls and ms_diff_*
 * reorder the lists they are given).
 */
#ifndef MEMSNAP_STATS_H
#define MEMSNAP_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memsnap/api.h"
#include "memsnap/error.h"
#include "memsnap/filter.h"
#include "memsnap/snapshot.h"

MS_BEGIN_DECLS

/*
 * Sums of sizes can pass 2**64 (Python's ints never overflow), so they are
 * 128-bit: the value is hi * 2**64 + lo. format.h converts them to double
 * and to decimal text.
 */
struct ms_uint128 {
	uint64_t lo, hi;
};

/* A signed difference of two sums, two's complement: hi * 2**64 + lo, hi signed. */
struct ms_int128 {
	uint64_t lo;
	int64_t hi;
};

/*
 * Python's three keys, and memsnap's own: the function of the most recent
 * frame, named from source (the snapshot's functions must have been named
 * first: ms_snapshot_name_functions()).
 */
enum ms_key_type { MS_KEY_LINENO, MS_KEY_FILENAME, MS_KEY_TRACEBACK, MS_KEY_FUNCTION };

/*
 * "lineno", "filename", "traceback" or "function" (static storage); parse returns -1
 * on other names. Any thread.
 */
MS_API const char *ms_key_type_name(enum ms_key_type key);
MS_API int ms_key_type_parse(const char *name);

/*
 * A group. key is a frame id (lineno), a string id (filename), a
 * traceback id (traceback) or a function id (function) of the snapshot
 * the group came from.
 */
struct ms_stat {
	struct ms_uint128 size;
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
	struct ms_uint128 trace_size;
};

/*
 * snap.filter_traces(filters).statistics(key_type, cumulative), sorted.
 * filters may be NULL. Fails with MS_ERR_USAGE where Python raises
 * (cumulative with traceback keys). On success the caller releases *out.
 */
MS_API int ms_stats_compute(struct ms_stats *out, const struct ms_snapshot *snap,
			    const struct ms_filters *filters, enum ms_key_type key_type,
			    bool cumulative, struct ms_error *err);

/*
 * The same, ordering only the first sorted statistics (0: none, for a
 * diff's input); the others follow in no order. Showing the first ten of
 * forty thousand costs a selection, not a sort.
 */
MS_API int ms_stats_compute_top(struct ms_stats *out, const struct ms_snapshot *snap,
				const struct ms_filters *filters, enum ms_key_type key_type,
				bool cumulative, size_t sorted, struct ms_error *err);

/* Frees the items of stats (not stats itself, which the caller owns). */
MS_API void ms_stats_release(struct ms_stats *stats);

/* One line of new.compare_to(old); snap/key name the group's traceback. */
struct ms_stat_diff {
	const struct ms_snapshot *snap;
	uint32_t key;
	struct ms_uint128 size;
	struct ms_int128 size_diff;
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
MS_API int ms_diff_compute(struct ms_diff *out, struct ms_stats *old_stats,
			   struct ms_stats *new_stats, struct ms_error *err);

/* The same, ordering only the first sorted differences (see ms_stats_compute_top()). */
MS_API int ms_diff_compute_top(struct ms_diff *out, struct ms_stats *old_stats,
			       struct ms_stats *new_stats, size_t sorted, struct ms_error *err);

/* Frees the items of diff (not diff itself, which the caller owns). */
MS_API void ms_diff_release(struct ms_diff *diff);

/*
 * The group's key as Python's Traceback: frames oldest first. Keys by
 * filename have one frame whose lineno is 0; keys by function one frame
 * whose lineno is where the function starts (0 for "<module>").
 */
MS_API uint32_t ms_key_nframe(const struct ms_snapshot *snap, enum ms_key_type key_type,
			      uint32_t key);
MS_API struct ms_frame ms_key_frame(const struct ms_snapshot *snap, enum ms_key_type key_type,
				    uint32_t key, uint32_t i);

/*
 * A function key's qualified name; NULL for other keys, and for a function
 * whose source could not be read (its frame's line then stands for it).
 * The bytes live as long as the snapshot.
 */
MS_API const char *ms_key_function(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
			    size_t *len);

/*
 * Orders two keys as Python orders Traceback objects (<0, 0, >0); function
 * keys by file, then name, then (source unread) line.
 */
MS_API int ms_key_compare(const struct ms_snapshot *a, uint32_t akey, const struct ms_snapshot *b,
		   uint32_t bkey, enum ms_key_type key_type);

MS_END_DECLS

#endif
