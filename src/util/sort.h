/*
 * A stable merge sort with a context pointer for the comparison, so that
 * comparisons can reach the snapshot without globals.
 */
#ifndef MEMSNAP_SORT_H
#define MEMSNAP_SORT_H

#include <stddef.h>

typedef int (*ms_compare_fn)(const void *a, const void *b, void *ctx);

/* Sorts n items of size bytes; -1 on no memory (base untouched). */
int ms_sort(void *base, size_t n, size_t size, ms_compare_fn cmp, void *ctx);

/*
 * Puts the k smallest items first, in order, and the others after them in
 * no order: a heap selection, O(n log k), when k is small next to n.
 * Equal items may not keep their order (memsnap's orders are total).
 */
int ms_sort_prefix(void *base, size_t n, size_t size, size_t k, ms_compare_fn cmp, void *ctx);

#endif
