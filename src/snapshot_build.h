/*
 * Inside a snapshot, and the calls readers use to fill one. Interning is by
 * content: equal filenames, frames and tracebacks get one id each however
 * the file spelled them, so grouping can work on ids alone.
 */
#ifndef MEMSNAP_SNAPSHOT_BUILD_H
#define MEMSNAP_SNAPSHOT_BUILD_H

#include "memsnap/snapshot.h"
#include "intern.h"

struct ms_string {
	const char *bytes; /* in the snapshot's arena */
	uint32_t len;
};

struct ms_traceback {
	uint64_t first; /* index into frame_pool */
	uint32_t nframe;
};

struct ms_arena_chunk;

struct ms_snapshot {
	struct ms_arena_chunk *arena;
	uint64_t hash_seed; /* keys every interning table's hashes (intern.h) */

	struct ms_string *strings;
	size_t strings_alloc;
	struct ms_intern string_index;

	struct ms_frame *frames;
	size_t frames_alloc;
	struct ms_intern frame_index;

	struct ms_traceback *tracebacks;
	size_t tracebacks_alloc;
	struct ms_intern traceback_index;
	uint32_t *frame_pool; /* each traceback's frame ids, most recent first */
	size_t frame_pool_nr, frame_pool_alloc;

	/* One entry per trace, as parallel arrays to keep each one dense. */
	uint64_t *trace_size;
	uint32_t *trace_domain;
	uint32_t *trace_traceback;
	uint32_t *trace_nframe;
	size_t traces_nr, traces_alloc;

	int64_t traceback_limit;
	struct ms_snapshot_origin origin;
};

struct ms_snapshot *ms_snapshot_new(void);

/* Empties a snapshot as if it had just been made. */
void ms_snapshot_reset(struct ms_snapshot *snap);

/* The id of a value already interned, or MS_NO_ID. */
uint32_t ms_snapshot_find_string(const struct ms_snapshot *snap, const char *bytes, uint32_t len);
uint32_t ms_snapshot_find_frame(const struct ms_snapshot *snap, uint32_t file, uint32_t lineno);
uint32_t ms_snapshot_find_traceback(const struct ms_snapshot *snap, const uint32_t *frames,
				    uint32_t nframe);

/* Each returns the id of the interned value, or MS_NO_ID on no memory. */
uint32_t ms_snapshot_intern_string(struct ms_snapshot *snap, const char *bytes, uint32_t len);
uint32_t ms_snapshot_intern_frame(struct ms_snapshot *snap, uint32_t file, uint32_t lineno);
uint32_t ms_snapshot_intern_traceback(struct ms_snapshot *snap, const uint32_t *frames,
				      uint32_t nframe);

/* Appends a trace (index traces_nr - 1 after the call); -1 on no memory. */
int ms_snapshot_add_trace(struct ms_snapshot *snap, const struct ms_trace *trace);

/* Keeps the traces at order[0..n-1], in that order (indices may repeat). */
int ms_snapshot_reorder_traces(struct ms_snapshot *snap, const uint32_t *order, size_t n);

#endif
