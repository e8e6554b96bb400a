/* Bottom-up merge sort; see sort.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sort.h"

int ms_sort(void *base, size_t n, size_t size, ms_compare_fn cmp, void *ctx)
{
	char *a = base, *b, *src, *dst, *tmp;
	size_t width, lo, mid, hi, i, j, k;

	if (n < 2)
		return 0;
	if (n > SIZE_MAX / size || !(b = malloc(n * size)))
		return -1;
	src = a;
	dst = b;
	for (width = 1; width < n; width *= 2) {
		for (lo = 0; lo < n; lo += 2 * width) {
			mid = lo + width < n ? lo + width : n;
			hi = lo + 2 * width < n ? lo + 2 * width : n;
			i = lo, j = mid, k = lo;
			while (i < mid && j < hi) {
				if (cmp(src + j * size, src + i * size, ctx) < 0)
					memcpy(dst + size * k++, src + size * j++, size);
				else
					memcpy(dst + size * k++, src + size * i++, size);
			}
			memcpy(dst + size * k, src + size * i, (mid - i) * size);
			k += mid - i;
			memcpy(dst + size * k, src + size * j, (hi - j) * size);
		}
		tmp = src;
		src = dst;
		dst = tmp;
		if (width > SIZE_MAX / 2)
			break;
	}
	if (src != a)
		memcpy(a, src, n * size);
	free(b);
	return 0;
}
