/*
 * Inside a snapshot, and the calls readers use to fill one. Interning is by
 * content: equal filenames, frames and tracebacks get one id each however
 * the file spelled them, so grouping can work on ids alone.
 */
#ifndef MEMSNAP_SNAPSHOT_INTERNAL_H
#define MEMSNAP_SNAPSHOT_INTERNAL_H

#include "memsnap/snapshot.h"
#include "intern.h"

struct ms_string {
	const char *bytes; /* in the snapshot's arena */
	uint32_t len;
};

struct ms_traceback {
	uint32_t first; /* index into the frame pool */
	uint32_t nframe;
};

/*
 * A function frames run in (-g function): named from its source file, or,
 * when that could not be read, standing for one line of it (name NULL).
 * Functions are interned by (file, name), unnamed ones by (file, line).
 */
struct ms_function {
	uint32_t file;	  /* a string id */
	uint32_t line;	  /* where it starts, 0 for a module's top level; an unnamed one's line */
	const char *name; /* its qualified name, in the arena; NULL: unnamed */
	uint32_t name_len;
};

struct ms_arena_chunk;

/* A summed snapshot with more domains than this is read whole instead. */
#define MS_MAX_SUMMED_DOMAINS 16

/*
 * Frames are looked up once per frame tuple in a dump (hundreds of
 * thousands), so their index holds the whole key in each slot: open
 * addressing with linear probing, at most half full, one cache line per
 * lookup where a chained index takes three dependent loads.
 */
struct ms_frame_index {
	struct ms_frame_slot {
		uint64_t key; /* file << 32 | lineno */
		uint32_t id;  /* MS_NO_ID: empty */
	} * slots;
	size_t mask; /* slots - 1, a power of two less one; 0 before the first */
	uint32_t nr;
};

struct ms_snapshot {
	struct ms_arena_chunk *arena;
	uint64_t hash_seed; /* keys every interning table's hashes (intern.h) */

	struct ms_string *strings;
	size_t strings_alloc;
	struct ms_intern string_index;

	struct ms_frame *frames;
	size_t frames_alloc;
	struct ms_frame_index frame_index;

	struct ms_traceback *tracebacks;
	size_t tracebacks_alloc;
	struct ms_intern traceback_index;
	/*
	 * Each traceback's frame ids, most recent first, in one array: two
	 * bytes an id while every id stored fits (a snapshot of fewer than
	 * 65,536 frames, as nearly all are), four from the first that does
	 * not. Read whole, a snapshot's largest table (664,000 ids for 1M
	 * traces): ms_pool_frame() reads it either way.
	 */
	void *frame_pool;
	size_t frame_pool_nr, frame_pool_alloc; /* in ids */
	bool frame_pool_wide;

	/* Filled on request by ms_snapshot_name_functions() (function.h). */
	uint32_t *frame_function; /* per frame id: a function id; NULL before */
	struct ms_function *functions;
	size_t functions_alloc;
	struct ms_intern function_index;

	/* One entry per trace, as parallel arrays to keep each one dense. */
	uint64_t *trace_size;
	uint32_t *trace_domain;
	uint32_t *trace_traceback;
	uint32_t *trace_nframe;
	size_t traces_nr, traces_alloc;

	/*
	 * A summed snapshot (ms_snapshot_load_summed()) keeps no trace, only
	 * sums per traceback and domain, which is all statistics need: one
	 * slot per distinct domain, each with a dense array for the traceback
	 * ids below its alloc and a sparse table for the few above
	 * (snapshot_sums.c). traces_nr still counts the traces. On a line of
	 * their own: the reader's summer (pickle_read.c) adds to them on
	 * another thread while the reader writes the fields around them.
	 */
	_Alignas(64) bool summed;
	/*
	 * Summed, each traceback cut to its newest frame when read
	 * (ms_snapshot_load_newest()): all that statistics by line, file or
	 * function look at. Every frame is still interned, so filters' notes
	 * see them, unless read by ms_snapshot_load_newest_frames() (load.h).
	 */
	bool newest;
	struct ms_domain_sums {
		uint32_t domain;
		/*
		 * 16 bytes, four to a cache line: fewer than 2**32 traces
		 * each below 2**64 sum to less than 2**96.
		 */
		struct ms_sum {
			uint64_t size_lo;
			uint32_t size_hi;
			uint32_t count;
		} * cells;		/* per traceback id below alloc, zeroed */
		size_t alloc, capacity; /* capacity: cells allocated */
		/* ids at or above alloc: cells in the order first seen */
		struct ms_sum *sparse_cells;
		uint32_t *sparse_ids;
		size_t sparse_nr, sparse_alloc;
		uint32_t *sparse_slots; /* hash of the ids: cell index + 1, 0 empty */
		size_t sparse_mask;
		uint64_t seed;
		/* dense cells in use when last counted, and when that was */
		size_t dense_used, counted_alloc, counted_sparse;
	} sums[MS_MAX_SUMMED_DOMAINS];
	size_t nsums, last_sum;

	_Alignas(64) int64_t traceback_limit;
	struct ms_snapshot_origin origin;
	size_t read_chunks; /* the chunks the pickle was read in on several threads, or 0 */
};

struct ms_snapshot *ms_snapshot_new(void);

/* Empties a snapshot as if it had just been made. */
void ms_snapshot_reset(struct ms_snapshot *snap);

/* Id k of the frame pool. */
static inline uint32_t ms_pool_frame(const struct ms_snapshot *snap, size_t k)
{
	return snap->frame_pool_wide ? ((const uint32_t *)snap->frame_pool)[k]
				     : ((const uint16_t *)snap->frame_pool)[k];
}

/* Frame i of a traceback, most recent first. */
static inline uint32_t ms_traceback_frame(const struct ms_snapshot *snap,
					  const struct ms_traceback *tb, uint32_t i)
{
	return ms_pool_frame(snap, (size_t)tb->first + i);
}

/* A traceback's frame ids, into room for its nframe. */
void ms_snapshot_copy_traceback(const struct ms_snapshot *snap, uint32_t id, uint32_t *frames);

/* The id of a value already interned, or MS_NO_ID. */
uint32_t ms_snapshot_find_string(const struct ms_snapshot *snap, const char *bytes, uint32_t len);
uint32_t ms_snapshot_find_frame(const struct ms_snapshot *snap, uint32_t file, uint32_t lineno);
uint32_t ms_snapshot_find_traceback(const struct ms_snapshot *snap, const uint32_t *frames,
				    uint32_t nframe);
/*
 * The same for n tracebacks at once (at most MS_FIND_BATCH), the frames
 * of the i-th at frames + start[i], nframe[i] of them, its id in out[i].
 * Each step of a lookup (the chain's head, its entry, the traceback, its
 * frames) is asked for, for all n, a step before it is read: the cache
 * misses of n lookups then overlap, where one by one each waits on the
 * last.
 */
#define MS_FIND_BATCH 64
void ms_snapshot_find_tracebacks(const struct ms_snapshot *snap, size_t n, const uint32_t *frames,
				 const size_t *start, const uint32_t *nframe, uint32_t *out);

uint32_t ms_snapshot_find_function(const struct ms_snapshot *snap, uint32_t file, const char *name,
				   uint32_t name_len, uint32_t line);

/* Each returns the id of the interned value, or MS_NO_ID on no memory. */
uint32_t ms_snapshot_intern_string(struct ms_snapshot *snap, const char *bytes, uint32_t len);
uint32_t ms_snapshot_intern_frame(struct ms_snapshot *snap, uint32_t file, uint32_t lineno);
uint32_t ms_snapshot_intern_traceback(struct ms_snapshot *snap, const uint32_t *frames,
				      uint32_t nframe);
/* name NULL: the unnamed function of that line. A named one keeps the least line given. */
uint32_t ms_snapshot_intern_function(struct ms_snapshot *snap, uint32_t file, const char *name,
				     uint32_t name_len, uint32_t line);

/* Room for one more trace (below UINT32_MAX of them); -1 on no memory. */
int ms_snapshot_grow_traces(struct ms_snapshot *snap);

/*
 * The sums of a domain, with a cell for traceback made if needed (which
 * may reallocate the domain's cells) and put in *cell; NULL on no memory
 * or when it would be one domain too many (*too_many then says which:
 * read the file whole).
 */
struct ms_domain_sums *ms_snapshot_domain_sums(struct ms_snapshot *snap, uint32_t domain,
					       uint32_t traceback, bool *too_many,
					       struct ms_sum **cell);

/* A domain's cell for traceback, or NULL when it has none. */
struct ms_sum *ms_domain_sums_find(const struct ms_domain_sums *d, uint32_t traceback);

/* The cell for traceback, which the domain has: dense, or found in its table. */
static inline struct ms_sum *ms_domain_sums_cell(const struct ms_domain_sums *d, uint32_t traceback)
{
	return traceback < d->alloc ? &d->cells[traceback] : ms_domain_sums_find(d, traceback);
}

void ms_domain_sums_release(struct ms_domain_sums *d);

static inline void ms_sum_add(struct ms_sum *c, uint64_t size)
{
	c->size_lo += size;
	c->size_hi += c->size_lo < size;
	c->count++;
}

/* Adds the traces summed in from to c. */
static inline void ms_sum_merge(struct ms_sum *c, const struct ms_sum *from)
{
	c->size_lo += from->size_lo;
	c->size_hi += from->size_hi + (c->size_lo < from->size_lo);
	c->count += from->count;
}

/* The index of domain's sums, nsums if it has none yet: a few domains, looked at in a row. */
static inline size_t ms_snapshot_domain_index(const struct ms_snapshot *snap, uint32_t domain)
{
	size_t i;

	for (i = 0; i < snap->nsums && snap->sums[i].domain != domain; i++)
		;
	return i;
}

/*
 * The index in snap->sums of a domain's sums, with a cell for traceback;
 * -1 on no memory, -2 on too many domains. *cell: the cell where it was
 * looked for in the domain's table (sparse, or dense just grown), which
 * stays where it is until the domain's next cell is made; NULL for the
 * dense cell found without a call.
 */
static inline int ms_snapshot_sum_slot_cell(struct ms_snapshot *snap, uint32_t traceback,
					    uint32_t domain, struct ms_sum **cell)
{
	struct ms_domain_sums *d = &snap->sums[snap->last_sum];
	bool too_many = false;
	size_t i;

	*cell = NULL;
	/* dense ids: no call, even where traces of a few domains come mixed */
	if (snap->nsums && d->domain == domain && traceback < d->alloc)
		return (int)snap->last_sum;
	i = ms_snapshot_domain_index(snap, domain);
	if (i < snap->nsums && traceback < snap->sums[i].alloc) {
		snap->last_sum = i;
		return (int)i;
	}
	/* the rest is found or made in the domain's table */
	d = ms_snapshot_domain_sums(snap, domain, traceback, &too_many, cell);
	if (!d)
		return too_many ? -2 : -1;
	return (int)(d - snap->sums);
}

static inline int ms_snapshot_sum_slot(struct ms_snapshot *snap, uint32_t traceback,
				       uint32_t domain)
{
	struct ms_sum *cell;

	return ms_snapshot_sum_slot_cell(snap, traceback, domain, &cell);
}

/* Adds a trace to a summed snapshot's sums; -1 on no memory, -2 on too many domains. */
static inline int ms_snapshot_sum_trace(struct ms_snapshot *snap, uint32_t traceback,
					uint32_t domain, uint64_t size)
{
	int slot = ms_snapshot_sum_slot(snap, traceback, domain);

	if (slot < 0)
		return slot;
	ms_sum_add(ms_domain_sums_cell(&snap->sums[slot], traceback), size);
	return 0;
}

/* Adds traces summed elsewhere (from) to a summed snapshot's sums; -1, -2 as above. */
static inline int ms_snapshot_sum_merge(struct ms_snapshot *snap, uint32_t traceback,
					uint32_t domain, const struct ms_sum *from)
{
	int slot = ms_snapshot_sum_slot(snap, traceback, domain);

	if (slot < 0)
		return slot;
	ms_sum_merge(ms_domain_sums_cell(&snap->sums[slot], traceback), from);
	return 0;
}

/*
 * Appends a trace (index traces_nr - 1 after the call), or sums it in a
 * summed snapshot; -1 on no memory, -2 as ms_snapshot_sum_trace() says.
 * Inline: a dump adds a million of them.
 */
static inline int ms_snapshot_add_trace(struct ms_snapshot *snap, const struct ms_trace *trace)
{
	size_t i = snap->traces_nr;
	int ret;

	if (snap->summed) {
		if (i >= UINT32_MAX)
			return -1;
		ret = ms_snapshot_sum_trace(snap, trace->traceback, trace->domain, trace->size);
		snap->traces_nr += ret == 0;
		return ret;
	}
	if (i >= snap->traces_alloc && ms_snapshot_grow_traces(snap) < 0)
		return -1;
	snap->trace_size[i] = trace->size;
	snap->trace_domain[i] = trace->domain;
	snap->trace_traceback[i] = trace->traceback;
	snap->trace_nframe[i] = trace->total_nframe;
	snap->traces_nr = i + 1;
	return 0;
}

/* MS_OK, or MS_ERR_USAGE for a summed snapshot, which has no traces to give. */
int ms_snapshot_need_traces(const struct ms_snapshot *snap, struct ms_error *err);

/* Keeps the traces at order[0..n-1], in that order (indices may repeat). */
int ms_snapshot_reorder_traces(struct ms_snapshot *snap, const uint32_t *order, size_t n);

#endif
