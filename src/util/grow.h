/*
 * Growable arrays in the items / nr / alloc style. MS_GROW may reallocate
 * items; it fails (returns -1, items untouched) on overflow or no memory.
 */
#ifndef MEMSNAP_GROW_H
#define MEMSNAP_GROW_H

#include <stddef.h>

int ms_grow_(void **items, size_t elem_size, size_t need, size_t *alloc);

#define MS_GROW(items, need, alloc)                                                                \
	((size_t)(need) <= (alloc) ? 0 : ms_grow_((void **)&(items), sizeof(*(items)), (need), &(alloc)))

#endif
