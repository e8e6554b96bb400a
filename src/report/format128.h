/*
 * The library's own side of format.h: the same conversions on the
 * compiler's 128-bit integers (int128.h) that the library sums in.
 */
#ifndef MEMSNAP_FORMAT128_H
#define MEMSNAP_FORMAT128_H

#include "int128.h"
#include "memsnap/format.h"

/* The nearest double to num / den (Python's int / int), den > 0. */
double ms_div_round(ms_u128 num, uint64_t den);

/* The nearest double to a (Python's float(int)). */
double ms_u128_to_double(ms_u128 a);
double ms_i128_to_double(ms_i128 a);

/* The English plural ending after a count of n: "" for 1, else "s". */
static inline const char *ms_plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

/* Decimal text of a; buf holds at least 41 bytes. Returns buf. */
char *ms_u128_text(char buf[41], ms_u128 a);
char *ms_i128_text(char buf[42], ms_i128 a, bool sign);

#endif
