/* Hash chains for the interning tables; see intern.h. */
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "intern.h"
#include "platform.h"

void ms_intern_release(struct ms_intern *t)
{
	free(t->heads);
	free(t->ents);
	memset(t, 0, sizeof(*t));
}

static int rehash(struct ms_intern *t, uint32_t nbuckets)
{
	uint32_t *heads = malloc((size_t)nbuckets * sizeof(*heads));
	uint32_t id;

	if (!heads)
		return -1;
	memset(heads, 0xff, (size_t)nbuckets * sizeof(*heads));
	for (id = 0; id < t->nr; id++) {
		uint32_t b = t->ents[id].hash & (nbuckets - 1);
		t->ents[id].next = heads[b];
		heads[b] = id;
	}
	free(t->heads);
	t->heads = heads;
	t->nbuckets = nbuckets;
	return 0;
}

int ms_intern_add(struct ms_intern *t, uint32_t hash)
{
	uint32_t id = t->nr, b;

	if (id == MS_NO_ID || MS_GROW(t->ents, (size_t)id + 1, t->alloc) < 0)
		return -1;
	t->ents[id].hash = hash;
	if (id + 1 > t->nbuckets && t->nbuckets < (1u << 31)) {
		t->nr = id + 1;
		if (rehash(t, t->nbuckets ? t->nbuckets * 2 : 64) < 0) {
			t->nr = id;
			return -1;
		}
		return 0;
	}
	b = hash & (t->nbuckets - 1);
	t->ents[id].next = t->heads[b];
	t->heads[b] = id;
	t->nr = id + 1;
	return 0;
}

uint64_t ms_hash_seed(const void *salt)
{
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	return ms_random_seed(salt);
#else
	(void)salt;
	return 0;
#endif
}
