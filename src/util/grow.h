/*
 * Growable arrays in the items / nr / alloc style, and the one rule they
 * grow by. MS_GROW may reallocate items; it fails (returns -1, items
 * untouched) on overflow or no memory. Arrays indexed alike share one
 * alloc: ms_grow_alloc() gives the new count, MS_RESIZE() applies it to
 * each. (Hash tables double instead, to stay a power of two in size.)
 */
#ifndef MEMSNAP_GROW_H
#define MEMSNAP_GROW_H

#include <stddef.h>

/* The count an array of alloc items grows to when it needs need. */
size_t ms_grow_alloc(size_t alloc, size_t need);

int ms_grow_(void **items, size_t elem_size, size_t need, size_t *alloc);
int ms_resize_(void **items, size_t elem_size, size_t n);

#define MS_GROW(items, need, alloc)                                                                \
	((size_t)(need) <= (alloc) ? 0 : ms_grow_((void **)&(items), sizeof(*(items)), (need), &(alloc)))

/* items reallocated to exactly n elements; -1 (items untouched) on overflow or no memory */
#define MS_RESIZE(items, n) ms_resize_((void **)&(items), sizeof(*(items)), (n))

#endif
