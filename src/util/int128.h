/*
 * 128-bit sums inside the library: sizes summed over many traces can pass
 * 2**64, as Python's ints never overflow. Inside, they are the compiler's
 * 128-bit integers (gcc and clang have them on every 64-bit target); the
 * public headers carry them as {lo, hi} pairs, which these convert.
 */
#ifndef MEMSNAP_INT128_H
#define MEMSNAP_INT128_H

#include <stdint.h>

#include "memsnap/stats.h"

typedef unsigned __int128 ms_u128;
typedef __int128 ms_i128;

static inline ms_u128 ms_u128_from(struct ms_uint128 p)
{
	return (ms_u128)p.hi << 64 | p.lo;
}

static inline struct ms_uint128 ms_uint128_from(ms_u128 v)
{
	struct ms_uint128 p = {(uint64_t)v, (uint64_t)(v >> 64)};
	return p;
}

/* Two's complement both ways: the pair's hi is the top 64 bits, signed. */
static inline ms_i128 ms_i128_from(struct ms_int128 p)
{
	return (ms_i128)((ms_u128)(uint64_t)p.hi << 64 | p.lo);
}

static inline struct ms_int128 ms_int128_from(ms_i128 v)
{
	struct ms_int128 p = {(uint64_t)v, (int64_t)((ms_u128)v >> 64)};
	return p;
}

#endif
