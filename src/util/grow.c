/* The one growth rule for every array in memsnap: 1.5x, overflow-checked. */
#include <stdint.h>
#include <stdlib.h>

#include "grow.h"

size_t ms_grow_alloc(size_t alloc, size_t need)
{
	size_t n = alloc < 16 ? 16 : alloc + alloc / 2;

	return n < need ? need : n;
}

int ms_resize_(void **items, size_t elem_size, size_t n)
{
	void *p;

	if (n > SIZE_MAX / elem_size)
		return -1;
	p = realloc(*items, n * elem_size);
	if (!p)
		return -1;
	*items = p;
	return 0;
}

int ms_grow_(void **items, size_t elem_size, size_t need, size_t *alloc)
{
	size_t n = ms_grow_alloc(*alloc, need);

	if (ms_resize_(items, elem_size, n) < 0)
		return -1;
	*alloc = n;
	return 0;
}
