/*
 * The index behind every interning table (strings, frames, tracebacks):
 * hash chains over dense ids 0..nr-1. It stores hashes, not keys: callers
 * walk a chain and compare their own records. Chains are grown by one rule,
 * doubling the buckets when there are more ids than buckets: a chain holds
 * one id on average, and a miss costs one load of a hash beside its next.
 */
#ifndef MEMSNAP_INTERN_H
#define MEMSNAP_INTERN_H

#include <stddef.h>
#include <stdint.h>

#define MS_NO_ID UINT32_MAX

struct ms_intern {
	uint32_t *heads; /* nbuckets chain heads */
	struct ms_intern_ent {
		uint32_t hash;
		uint32_t next; /* next id in the same bucket */
	} *ents;               /* per id */
	uint32_t nbuckets;
	uint32_t nr;
	size_t alloc;
};

void ms_intern_release(struct ms_intern *t);

/* Registers id t->nr with this hash; may reallocate; -1 on no memory. */
int ms_intern_add(struct ms_intern *t, uint32_t hash);

static inline uint32_t ms_intern_first(const struct ms_intern *t, uint32_t hash)
{
	uint32_t id = t->nbuckets ? t->heads[hash & (t->nbuckets - 1)] : MS_NO_ID;

	while (id != MS_NO_ID && t->ents[id].hash != hash)
		id = t->ents[id].next;
	return id;
}

static inline uint32_t ms_intern_next(const struct ms_intern *t, uint32_t id)
{
	uint32_t hash = t->ents[id].hash;

	for (id = t->ents[id].next; id != MS_NO_ID && t->ents[id].hash != hash; id = t->ents[id].next)
		;
	return id;
}

/* Mixing steps shared by the tables' hash functions. */
static inline uint32_t ms_hash_mix(uint32_t h, uint32_t v)
{
	h ^= v;
	h *= 0x9e3779b1u;
	return h ^ (h >> 15);
}

/*
 * The tables' hash functions take a seed the snapshot draws at random:
 * with fixed hashes a file could put every filename, frame or traceback in
 * one chain and make reading it quadratic (50,000 frames took 2 s).
 */

/*
 * A seed no file can be written against, for a table's life (salt: any
 * address of it). Fuzzing builds use 0, so that an input always takes the
 * same path.
 */
uint64_t ms_hash_seed(const void *salt);

/* A full avalanche of 64 bits (MurmurHash3's finalizer) of k ^ seed. */
static inline uint32_t ms_hash_u64(uint64_t seed, uint64_t k)
{
	k ^= seed;
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ull;
	k ^= k >> 33;
	return (uint32_t)k;
}

/* FNV-1a, 64 bits, from a seeded basis, then avalanched. */
static inline uint32_t ms_hash_bytes(uint64_t seed, const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 14695981039346656037ull ^ seed;

	while (n--)
		h = (h ^ *s++) * 1099511628211ull;
	return ms_hash_u64(0, h);
}

#endif
