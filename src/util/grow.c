/* The one growth rule for every array in memsnap: 1.5x, overflow-checked. */
#include <stdint.h>
#include <stdlib.h>

#include "grow.h"

int ms_grow_(void **items, size_t elem_size, size_t need, size_t *alloc)
{
	size_t n = *alloc < 16 ? 16 : *alloc + *alloc / 2;
	void *p;

	if (n < need)
		n = need;
	if (n > SIZE_MAX / elem_size)
		return -1;
	p = realloc(*items, n * elem_size);
	if (!p)
		return -1;
	*items = p;
	*alloc = n;
	return 0;
}
