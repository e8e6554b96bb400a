/*
 * The snapshot model: one arena for string bytes, interning tables for
 * strings, frames and tracebacks, and per-trace arrays. Freeing a snapshot
 * frees everything it owns.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fail.h"
#include "grow.h"
#include "platform.h"
#include "snapshot_internal.h"

struct ms_arena_chunk {
	struct ms_arena_chunk *prev;
	size_t used, size;
	char data[];
};

#define ARENA_CHUNK (64 * 1024)

static char *arena_alloc(struct ms_snapshot *snap, size_t n)
{
	struct ms_arena_chunk *c = snap->arena;

	if (!c || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		if (size > SIZE_MAX - sizeof(*c))
			return NULL;
		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->prev = snap->arena;
		c->used = 0;
		c->size = size;
		snap->arena = c;
	}
	c->used += n;
	return c->data + c->used - n;
}

struct ms_snapshot *ms_snapshot_new(void)
{
	/*
	 * Not calloc(): the struct keeps the summing thread's fields on cache
	 * lines of their own (_Alignas(64)), and the compiler may use aligned
	 * 64-byte stores on them, which calloc's 16-byte alignment would fault.
	 * sizeof is a multiple of the alignment, as aligned_alloc() requires.
	 */
	struct ms_snapshot *snap = aligned_alloc(_Alignof(struct ms_snapshot), sizeof(*snap));

	if (snap) {
		memset(snap, 0, sizeof(*snap));
		snap->origin.format = "pickle";
		snap->hash_seed = ms_hash_seed(snap);
	}
	return snap;
}

void ms_snapshot_reset(struct ms_snapshot *snap)
{
	struct ms_snapshot_origin origin = snap->origin;
	uint64_t seed = snap->hash_seed;
	size_t i;

	while (snap->arena) {
		struct ms_arena_chunk *prev = snap->arena->prev;
		free(snap->arena);
		snap->arena = prev;
	}
	free(snap->strings);
	ms_intern_release(&snap->string_index);
	free(snap->frames);
	free(snap->frame_index.slots);
	free(snap->tracebacks);
	ms_intern_release(&snap->traceback_index);
	free(snap->frame_pool);
	free(snap->frame_function);
	free(snap->functions);
	ms_intern_release(&snap->function_index);
	free(snap->trace_size);
	free(snap->trace_domain);
	free(snap->trace_traceback);
	free(snap->trace_nframe);
	for (i = 0; i < snap->nsums; i++)
		ms_domain_sums_release(&snap->sums[i]);
	memset(snap, 0, sizeof(*snap));
	/* what the caller knew before the read */
	snap->origin.format = origin.format;
	snap->origin.compression = origin.compression;
	snap->hash_seed = seed;
}

void ms_snapshot_free(struct ms_snapshot *snap)
{
	if (!snap)
		return;
	ms_snapshot_reset(snap);
	free(snap);
}

/*
 * Tracebacks are long: one multiply per pair of frame ids, then the full
 * avalanche, keeps hashing them from costing more than looking them up.
 */
static uint32_t hash_traceback(const struct ms_snapshot *snap, const uint32_t *frames,
			       uint32_t nframe)
{
	uint64_t h = nframe * 0x9e3779b97f4a7c15ull, w;
	uint32_t i;

	for (i = 0; i < nframe; i += 2) {
		w = frames[i] | (i + 1 < nframe ? (uint64_t)frames[i + 1] << 32 : 0);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	return ms_hash_u64(snap->hash_seed, h);
}

static uint32_t hash_string(const struct ms_snapshot *snap, const char *bytes, uint32_t len)
{
	return ms_hash_bytes(snap->hash_seed, bytes, len);
}

static uint32_t hash_frame(const struct ms_snapshot *snap, uint32_t file, uint32_t lineno)
{
	return ms_hash_u64(snap->hash_seed, (uint64_t)file << 32 | lineno);
}

/*
 * The lookups take the hash, so that interning a new value hashes it once
 * for the lookup and the insertion both.
 */
static uint32_t find_string(const struct ms_snapshot *snap, const char *bytes, uint32_t len,
			    uint32_t hash)
{
	uint32_t id = ms_intern_first(&snap->string_index, hash);

	for (; id != MS_NO_ID; id = ms_intern_next(&snap->string_index, id))
		if (snap->strings[id].len == len && !memcmp(snap->strings[id].bytes, bytes, len))
			return id;
	return MS_NO_ID;
}

static uint32_t find_frame(const struct ms_snapshot *snap, uint64_t key, uint32_t hash)
{
	const struct ms_frame_index *fi = &snap->frame_index;
	size_t i;

	if (!fi->slots)
		return MS_NO_ID;
	for (i = hash & fi->mask; fi->slots[i].id != MS_NO_ID; i = (i + 1) & fi->mask)
		if (fi->slots[i].key == key)
			return fi->slots[i].id;
	return MS_NO_ID;
}

static void frame_slot_put(struct ms_frame_slot *slots, size_t mask, uint64_t key, uint32_t hash,
			   uint32_t id)
{
	size_t i = hash & mask;

	while (slots[i].id != MS_NO_ID)
		i = (i + 1) & mask;
	slots[i].key = key;
	slots[i].id = id;
}

/* Makes room for one more frame: doubles the slots when half are used. */
static int frame_index_reserve(struct ms_snapshot *snap)
{
	struct ms_frame_index *fi = &snap->frame_index;
	size_t n = fi->slots ? fi->mask + 1 : 0, size = n ? 2 * n : 1024, i;
	struct ms_frame_slot *slots;

	if (n && ((size_t)fi->nr + 1) * 2 <= n)
		return 0;
	if (size > SIZE_MAX / sizeof(*slots) || !(slots = malloc(size * sizeof(*slots))))
		return -1;
	for (i = 0; i < size; i++)
		slots[i].id = MS_NO_ID;
	for (i = 0; i < n; i++)
		if (fi->slots[i].id != MS_NO_ID)
			frame_slot_put(slots, size - 1, fi->slots[i].key,
				       hash_frame(snap, (uint32_t)(fi->slots[i].key >> 32),
						  (uint32_t)fi->slots[i].key),
				       fi->slots[i].id);
	free(fi->slots);
	fi->slots = slots;
	fi->mask = size - 1;
	return 0;
}

static uint32_t find_traceback(const struct ms_snapshot *snap, const uint32_t *frames,
			       uint32_t nframe, uint32_t hash)
{
	uint32_t id = ms_intern_first(&snap->traceback_index, hash);

	for (; id != MS_NO_ID; id = ms_intern_next(&snap->traceback_index, id)) {
		const struct ms_traceback *tb = &snap->tracebacks[id];
		uint32_t i = 0;
		if (tb->nframe != nframe)
			continue;
		while (i < nframe && ms_traceback_frame(snap, tb, i) == frames[i])
			i++;
		if (i == nframe)
			return id;
	}
	return MS_NO_ID;
}

uint32_t ms_snapshot_find_string(const struct ms_snapshot *snap, const char *bytes, uint32_t len)
{
	return find_string(snap, bytes, len, hash_string(snap, bytes, len));
}

uint32_t ms_snapshot_find_frame(const struct ms_snapshot *snap, uint32_t file, uint32_t lineno)
{
	return find_frame(snap, (uint64_t)file << 32 | lineno, hash_frame(snap, file, lineno));
}

uint32_t ms_snapshot_find_traceback(const struct ms_snapshot *snap, const uint32_t *frames,
				    uint32_t nframe)
{
	return find_traceback(snap, frames, nframe, hash_traceback(snap, frames, nframe));
}

void ms_snapshot_find_tracebacks(const struct ms_snapshot *snap, size_t n, const uint32_t *frames,
				 const size_t *start, const uint32_t *nframe, uint32_t *out)
{
	const struct ms_intern *index = &snap->traceback_index;
	uint32_t hash[MS_FIND_BATCH], id[MS_FIND_BATCH], mask = index->nbuckets - 1;
	size_t i, width = snap->frame_pool_wide ? sizeof(uint32_t) : sizeof(uint16_t);

	assert(n <= MS_FIND_BATCH);
	if (!index->nbuckets) {
		for (i = 0; i < n; i++)
			out[i] = MS_NO_ID;
		return;
	}
	/* each step asks for what the next reads */
	for (i = 0; i < n; i++) {
		hash[i] = hash_traceback(snap, frames + start[i], nframe[i]);
		MS_PREFETCH(&index->heads[hash[i] & mask]);
	}
	for (i = 0; i < n; i++)
		if ((id[i] = index->heads[hash[i] & mask]) != MS_NO_ID)
			MS_PREFETCH(&index->ents[id[i]]);
	for (i = 0; i < n; i++)
		if ((id[i] = ms_intern_first(index, hash[i])) != MS_NO_ID)
			MS_PREFETCH(&snap->tracebacks[id[i]]);
	for (i = 0; i < n; i++)
		if (id[i] != MS_NO_ID && snap->frame_pool) /* none while every traceback is empty */
			MS_PREFETCH((const char *)snap->frame_pool +
				    (size_t)snap->tracebacks[id[i]].first * width);
	for (i = 0; i < n; i++)
		out[i] = find_traceback(snap, frames + start[i], nframe[i], hash[i]);
}

uint32_t ms_snapshot_intern_string(struct ms_snapshot *snap, const char *bytes, uint32_t len)
{
	uint32_t hash = hash_string(snap, bytes, len);
	uint32_t id = find_string(snap, bytes, len, hash);
	char *copy;

	if (id != MS_NO_ID)
		return id;
	id = snap->string_index.nr;
	if (MS_GROW(snap->strings, (size_t)id + 1, snap->strings_alloc) < 0)
		return MS_NO_ID;
	copy = arena_alloc(snap, len ? len : 1);
	if (!copy || ms_intern_add(&snap->string_index, hash) < 0)
		return MS_NO_ID;
	memcpy(copy, bytes, len);
	snap->strings[id].bytes = copy;
	snap->strings[id].len = len;
	return id;
}

uint32_t ms_snapshot_intern_frame(struct ms_snapshot *snap, uint32_t file, uint32_t lineno)
{
	uint64_t key = (uint64_t)file << 32 | lineno;
	uint32_t hash = hash_frame(snap, file, lineno);
	uint32_t id = find_frame(snap, key, hash);

	if (id != MS_NO_ID)
		return id;
	id = snap->frame_index.nr;
	if (id == MS_NO_ID || MS_GROW(snap->frames, (size_t)id + 1, snap->frames_alloc) < 0 ||
	    frame_index_reserve(snap) < 0)
		return MS_NO_ID;
	snap->frames[id].file = file;
	snap->frames[id].lineno = lineno;
	frame_slot_put(snap->frame_index.slots, snap->frame_index.mask, key, hash, id);
	snap->frame_index.nr = id + 1;
	return id;
}

/* The frame pool's ids made four bytes each; -1 on no memory (nothing changed). */
static int widen_pool(struct ms_snapshot *snap)
{
	size_t alloc = snap->frame_pool_alloc ? snap->frame_pool_alloc : 1, k;
	uint32_t *wide;

	if (alloc > SIZE_MAX / sizeof(*wide) || !(wide = malloc(alloc * sizeof(*wide))))
		return -1;
	for (k = 0; k < snap->frame_pool_nr; k++)
		wide[k] = ((const uint16_t *)snap->frame_pool)[k];
	free(snap->frame_pool);
	snap->frame_pool = wide;
	snap->frame_pool_alloc = alloc;
	snap->frame_pool_wide = true;
	return 0;
}

/*
 * Room in the frame pool for frames, made four bytes an id by the first
 * that needs it. The pool stays below 2**32 ids, so that a traceback's
 * first fits. -1 on no memory or too many.
 */
static int pool_reserve(struct ms_snapshot *snap, const uint32_t *frames, uint32_t nframe)
{
	size_t need = snap->frame_pool_nr + nframe;
	uint32_t i = 0;

	if (need > UINT32_MAX)
		return -1;
	while (!snap->frame_pool_wide && i < nframe && frames[i] <= UINT16_MAX)
		i++;
	if (!snap->frame_pool_wide && i < nframe && widen_pool(snap) < 0)
		return -1;
	if (need <= snap->frame_pool_alloc)
		return 0;
	return ms_grow_(&snap->frame_pool,
			snap->frame_pool_wide ? sizeof(uint32_t) : sizeof(uint16_t), need,
			&snap->frame_pool_alloc);
}

uint32_t ms_snapshot_intern_traceback(struct ms_snapshot *snap, const uint32_t *frames,
				      uint32_t nframe)
{
	uint32_t hash = hash_traceback(snap, frames, nframe);
	uint32_t id = find_traceback(snap, frames, nframe, hash);
	uint32_t i;

	if (id != MS_NO_ID)
		return id;
	id = snap->traceback_index.nr;
	if (MS_GROW(snap->tracebacks, (size_t)id + 1, snap->tracebacks_alloc) < 0 ||
	    pool_reserve(snap, frames, nframe) < 0 ||
	    ms_intern_add(&snap->traceback_index, hash) < 0)
		return MS_NO_ID;
	snap->tracebacks[id].first = (uint32_t)snap->frame_pool_nr;
	snap->tracebacks[id].nframe = nframe;
	if (snap->frame_pool_wide)
		memcpy((uint32_t *)snap->frame_pool + snap->frame_pool_nr, frames,
		       (size_t)nframe * sizeof(*frames));
	else
		for (i = 0; i < nframe; i++)
			((uint16_t *)snap->frame_pool)[snap->frame_pool_nr + i] =
			    (uint16_t)frames[i];
	snap->frame_pool_nr += nframe;
	return id;
}

static uint32_t hash_function(const struct ms_snapshot *snap, uint32_t file, const char *name,
			      uint32_t name_len, uint32_t line)
{
	if (!name)
		return ms_hash_u64(snap->hash_seed, (uint64_t)file << 32 | line);
	return ms_hash_mix(ms_hash_bytes(snap->hash_seed, name, name_len), file);
}

static uint32_t find_function(const struct ms_snapshot *snap, uint32_t file, const char *name,
			      uint32_t name_len, uint32_t line, uint32_t hash)
{
	uint32_t id = ms_intern_first(&snap->function_index, hash);

	for (; id != MS_NO_ID; id = ms_intern_next(&snap->function_index, id)) {
		const struct ms_function *f = &snap->functions[id];
		if (f->file != file || !f->name != !name)
			continue;
		if (name ? f->name_len == name_len && !memcmp(f->name, name, name_len)
			 : f->line == line)
			return id;
	}
	return MS_NO_ID;
}

uint32_t ms_snapshot_find_function(const struct ms_snapshot *snap, uint32_t file, const char *name,
				   uint32_t name_len, uint32_t line)
{
	return find_function(snap, file, name, name_len, line,
			     hash_function(snap, file, name, name_len, line));
}

uint32_t ms_snapshot_intern_function(struct ms_snapshot *snap, uint32_t file, const char *name,
				     uint32_t name_len, uint32_t line)
{
	uint32_t hash = hash_function(snap, file, name, name_len, line);
	uint32_t id = find_function(snap, file, name, name_len, line, hash);
	char *copy = NULL;

	if (id != MS_NO_ID) {
		/* one name, two defs (a redefinition): the first line names both */
		if (name && line < snap->functions[id].line)
			snap->functions[id].line = line;
		return id;
	}
	id = snap->function_index.nr;
	if (id == MS_NO_ID || MS_GROW(snap->functions, (size_t)id + 1, snap->functions_alloc) < 0 ||
	    (name && !(copy = arena_alloc(snap, name_len ? name_len : 1))) ||
	    ms_intern_add(&snap->function_index, hash) < 0)
		return MS_NO_ID;
	if (name)
		memcpy(copy, name, name_len);
	snap->functions[id].file = file;
	snap->functions[id].line = line;
	snap->functions[id].name = copy;
	snap->functions[id].name_len = name_len;
	return id;
}


/* The four per-trace arrays are indexed alike: one alloc, one growth. */
static int grow_traces(struct ms_snapshot *snap, size_t need)
{
	size_t n;

	if (need <= snap->traces_alloc)
		return 0;
	n = ms_grow_alloc(snap->traces_alloc, need);
	if (MS_RESIZE(snap->trace_size, n) < 0 || MS_RESIZE(snap->trace_domain, n) < 0 ||
	    MS_RESIZE(snap->trace_traceback, n) < 0 || MS_RESIZE(snap->trace_nframe, n) < 0)
		return -1;
	snap->traces_alloc = n;
	return 0;
}

int ms_snapshot_grow_traces(struct ms_snapshot *snap)
{
	if (snap->traces_nr >= UINT32_MAX)
		return -1;
	return grow_traces(snap, snap->traces_nr + 1);
}

#define PERMUTE(type, array)                                                                       \
	do {                                                                                       \
		type *copy = malloc(n * sizeof(type));                                             \
		if (!copy)                                                                         \
			return -1;                                                                 \
		for (i = 0; i < n; i++)                                                            \
			copy[i] = snap->array[order[i]];                                           \
		free(snap->array);                                                                 \
		snap->array = copy;                                                                \
	} while (0)

int ms_snapshot_reorder_traces(struct ms_snapshot *snap, const uint32_t *order, size_t n)
{
	size_t i;

	if (!n) {
		snap->traces_nr = 0;
		return 0;
	}
	PERMUTE(uint64_t, trace_size);
	PERMUTE(uint32_t, trace_domain);
	PERMUTE(uint32_t, trace_traceback);
	PERMUTE(uint32_t, trace_nframe);
	snap->traces_nr = snap->traces_alloc = n;
	return 0;
}

int64_t ms_snapshot_traceback_limit(const struct ms_snapshot *snap)
{
	return snap->traceback_limit;
}

struct ms_snapshot_origin ms_snapshot_origin(const struct ms_snapshot *snap)
{
	return snap->origin;
}

size_t ms_snapshot_trace_count(const struct ms_snapshot *snap)
{
	return snap->traces_nr;
}

bool ms_snapshot_summed(const struct ms_snapshot *snap)
{
	return snap->summed;
}

int ms_snapshot_need_traces(const struct ms_snapshot *snap, struct ms_error *err)
{
	if (snap->summed)
		return ms_fail(err, MS_ERR_USAGE,
			       "the snapshot was loaded summed, without its traces");
	return MS_OK;
}

struct ms_trace ms_snapshot_trace(const struct ms_snapshot *snap, size_t i)
{
	struct ms_trace t = {0, 0, MS_NO_TRACEBACK, 0};

	if (!snap->summed && i < snap->traces_nr) {
		t.size = snap->trace_size[i];
		t.domain = snap->trace_domain[i];
		t.traceback = snap->trace_traceback[i];
		t.total_nframe = snap->trace_nframe[i];
	}
	return t;
}

size_t ms_snapshot_string_count(const struct ms_snapshot *snap)
{
	return snap->string_index.nr;
}

size_t ms_snapshot_frame_count(const struct ms_snapshot *snap)
{
	return snap->frame_index.nr;
}

size_t ms_snapshot_traceback_count(const struct ms_snapshot *snap)
{
	return snap->traceback_index.nr;
}

const char *ms_snapshot_string(const struct ms_snapshot *snap, uint32_t id, size_t *len)
{
	*len = snap->strings[id].len;
	return snap->strings[id].bytes;
}

struct ms_frame ms_snapshot_frame(const struct ms_snapshot *snap, uint32_t id)
{
	return snap->frames[id];
}

uint32_t ms_snapshot_traceback_nframe(const struct ms_snapshot *snap, uint32_t id)
{
	return snap->tracebacks[id].nframe;
}

uint32_t ms_snapshot_traceback_frame(const struct ms_snapshot *snap, uint32_t id, uint32_t i)
{
	return ms_traceback_frame(snap, &snap->tracebacks[id], i);
}

void ms_snapshot_copy_traceback(const struct ms_snapshot *snap, uint32_t id, uint32_t *frames)
{
	const struct ms_traceback *tb = &snap->tracebacks[id];
	uint32_t i;

	for (i = 0; i < tb->nframe; i++)
		frames[i] = ms_traceback_frame(snap, tb, i);
}
