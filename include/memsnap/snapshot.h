/*
 * A loaded tracemalloc snapshot: interned filenames, frames and tracebacks,
 * and one compact record per trace. The snapshot owns everything reachable
 * from it; ms_snapshot_free() releases it all at once.
 *
 * Threads: loading touches nothing shared, so threads may load snapshots
 * at once. A loaded snapshot is never changed again: any number of threads
 * may read one (the accessors below, statistics) until it is freed.
 */
#ifndef MEMSNAP_SNAPSHOT_H
#define MEMSNAP_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "memsnap/api.h"
#include "memsnap/error.h"

MS_BEGIN_DECLS

struct ms_snapshot;

/* A frame as Python stores it: (filename, lineno); file is a string id. */
struct ms_frame {
	uint32_t file;
	uint32_t lineno;
};

/* One traced memory block. traceback is a traceback id. */
struct ms_trace {
	uint64_t size;
	uint32_t domain;
	uint32_t traceback;
	uint32_t total_nframe; /* equals the frame count for 3-tuple traces */
};

/* What the file looked like, for `memsnap info` and error messages. */
struct ms_snapshot_origin {
	int protocol;            /* pickle protocol, 0 for other formats */
	int pickle_protocol;	 /* JSON: the protocol to write its pickle in (4 or 5), or 0 */
	int trace_arity;         /* 4 (Python 3.9+), 3 (3.6 to 3.8), 0 if no traces */
	const char *format;      /* "pickle" or "json" */
	const char *compression; /* "gzip", or NULL */
	size_t trailing_bytes;   /* after STOP: ignored, as Python ignores them */
	bool trailing_compressed; /* gzip: data after STOP, ignored and not inflated */
};

/*
 * Reads the snapshot in path ("-" for standard input): a pickle as
 * Snapshot.dump() writes it or memsnap's JSON form, either of them possibly
 * gzip-compressed, told apart by content. On success returns MS_OK and
 * sets *out, which the caller frees with ms_snapshot_free(). On failure
 * returns a status, fills err and leaves *out NULL.
 */
MS_API int ms_snapshot_load(const char *path, struct ms_snapshot **out, struct ms_error *err);

/*
 * Same as ms_snapshot_load(), keeping only what statistics need: traces
 * summed per traceback and domain. Faster and smaller, but without the
 * traces: ms_snapshot_summed() says so, and the calls that need them
 * (ms_snapshot_trace(), the writers, ms_info_compute()) refuse such a
 * snapshot; ms_snapshot_trace_count() is still right.
 * With threads of 2 or more, a file of several MB is summed on a second
 * thread while the first reads it; give 1 when the other cores are busy
 * (loading other files, say).
 */
MS_API int ms_snapshot_load_summed(const char *path, int threads, struct ms_snapshot **out,
				   struct ms_error *err);

/*
 * Same as ms_snapshot_load_summed(), each traceback cut to its newest
 * frame as it is read: all that statistics by line, file or function (not
 * cumulative, filters not on all frames) look at, in less time and
 * memory. Statistics that need more of a traceback (by traceback,
 * cumulative, --all-frames filters, a view) refuse such a snapshot, or
 * a merge of one, with MS_ERR_USAGE. A JSON snapshot is read whole.
 */
MS_API int ms_snapshot_load_newest(const char *path, int threads, struct ms_snapshot **out,
				   struct ms_error *err);

/* Same as ms_snapshot_load() for bytes in memory; buf is not kept. */
MS_API int ms_snapshot_parse(const void *buf, size_t len, struct ms_snapshot **out,
			     struct ms_error *err);

/* Frees snap and everything it owns; NULL is allowed. */
MS_API void ms_snapshot_free(struct ms_snapshot *snap);

/*
 * Several snapshots as one, as Python makes it with
 * Snapshot(a.traces._traces + b.traces._traces + ..., limit): every trace of
 * each, in order, under the largest traceback limit of them. Merging is
 * associative, so many snapshots can be reduced in any grouping. Summed
 * (statistics only) when any input is summed, which fails with
 * MS_ERR_USAGE when the inputs hold more allocation domains than a summed
 * snapshot does: merge them whole then. The inputs are left as they
 * were; the caller frees *out.
 */
MS_API int ms_snapshot_merge(struct ms_snapshot *const *snaps, size_t n, struct ms_snapshot **out,
			     struct ms_error *err);

/*
 * Writes the snapshot as the pickle Snapshot.dump() writes: traces of 4
 * fields (Python 3.9+), or 3 when the snapshot came from Python 3.6 to 3.8;
 * the protocol of the pickle it was read from when that was 4 or 5, else 5
 * for 4-field traces and 4 otherwise, so that the Pythons that can use the
 * traces can load it. Returns MS_ERR_IO if writing failed, MS_ERR_USAGE
 * for a summed snapshot (it has no traces to write).
 */
MS_API int ms_snapshot_write_pickle(FILE *out, const struct ms_snapshot *snap,
				    struct ms_error *err);

/* The protocol ms_snapshot_write_pickle() writes the snapshot in: 4 or 5. */
MS_API int ms_snapshot_pickle_protocol(const struct ms_snapshot *snap);

/*
 * Writes the snapshot in memsnap's JSON form (memsnap(1), JSON SNAPSHOTS);
 * MS_ERR_USAGE for a summed snapshot, as above.
 */
MS_API int ms_snapshot_write_json(FILE *out, const struct ms_snapshot *snap, struct ms_error *err);

/*
 * What the snapshot holds. Ids run from 0 to the count less one; an id out
 * of range is the caller's bug, not checked.
 */
MS_API int64_t ms_snapshot_traceback_limit(const struct ms_snapshot *snap);
MS_API struct ms_snapshot_origin ms_snapshot_origin(const struct ms_snapshot *snap);

/* Whether the snapshot keeps sums instead of its traces (see ms_snapshot_load_summed()). */
MS_API bool ms_snapshot_summed(const struct ms_snapshot *snap);

MS_API size_t ms_snapshot_trace_count(const struct ms_snapshot *snap);

/* The traceback of a trace that is not there. */
#define MS_NO_TRACEBACK UINT32_MAX

/*
 * Trace i, oldest first. A summed snapshot has none to give, nor has any
 * snapshot past its count: the trace returned then is empty, its
 * traceback MS_NO_TRACEBACK.
 */
MS_API struct ms_trace ms_snapshot_trace(const struct ms_snapshot *snap, size_t i);

MS_API size_t ms_snapshot_string_count(const struct ms_snapshot *snap);
MS_API size_t ms_snapshot_frame_count(const struct ms_snapshot *snap);
MS_API size_t ms_snapshot_traceback_count(const struct ms_snapshot *snap);

/*
 * A string's bytes as the pickle held them: UTF-8, where a lone surrogate
 * (Python's surrogateescape for undecodable bytes) takes three bytes. The
 * pointer lives as long as the snapshot.
 */
MS_API const char *ms_snapshot_string(const struct ms_snapshot *snap, uint32_t id, size_t *len);

MS_API struct ms_frame ms_snapshot_frame(const struct ms_snapshot *snap, uint32_t id);

/* The number of frames of a traceback. */
MS_API uint32_t ms_snapshot_traceback_nframe(const struct ms_snapshot *snap, uint32_t id);

/*
 * The id of frame i (below its nframe) of a traceback, most recent first
 * as tracemalloc stores them: Python's Traceback object iterates them in
 * the reverse order.
 */
MS_API uint32_t ms_snapshot_traceback_frame(const struct ms_snapshot *snap, uint32_t id,
					    uint32_t i);

MS_END_DECLS

#endif
