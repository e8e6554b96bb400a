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

static void swap(char *a, char *b, char *tmp, size_t size)
{
	memcpy(tmp, a, size);
	memcpy(a, b, size);
	memcpy(b, tmp, size);
}

/* Restores the max-heap order of heap[0..n) below position i. */
static void sift_down(char *heap, size_t i, size_t n, size_t size, ms_compare_fn cmp, void *ctx,
		      char *tmp)
{
	size_t child;

	for (; (child = 2 * i + 1) < n; i = child) {
		if (child + 1 < n && cmp(heap + (child + 1) * size, heap + child * size, ctx) > 0)
			child++;
		if (cmp(heap + child * size, heap + i * size, ctx) <= 0)
			return;
		swap(heap + i * size, heap + child * size, tmp, size);
	}
}

int ms_sort_prefix(void *base, size_t n, size_t size, size_t k, ms_compare_fn cmp, void *ctx)
{
	char *a = base, *tmp;
	size_t i;

	if (k == 0 || n < 2)
		return 0;
	if (k >= n / 8)
		return ms_sort(base, n, size, cmp, ctx);
	if (!(tmp = malloc(size)))
		return -1;
	/* a[0..k): a max-heap of the k smallest items seen so far */
	for (i = k / 2; i-- > 0;)
		sift_down(a, i, k, size, cmp, ctx, tmp);
	for (i = k; i < n; i++) {
		if (cmp(a + i * size, a, ctx) >= 0)
			continue;
		swap(a + i * size, a, tmp, size);
		sift_down(a, 0, k, size, cmp, ctx, tmp);
	}
	free(tmp);
	return ms_sort(base, k, size, cmp, ctx);
}
