/*
 * Numbers as Python prints them: _format_size() for str(Statistic) and
 * str(StatisticDiff), the 128-bit sums of stats.h as Python's float() and
 * int / int round them, and as decimal text. Every function here writes
 * into a buffer its caller owns, or returns a value; any thread.
 */
#ifndef MEMSNAP_FORMAT_H
#define MEMSNAP_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memsnap/api.h"
#include "memsnap/stats.h"

MS_BEGIN_DECLS

/* Large enough for any size text, including "%+.0f TiB" of 2**127. */
#define MS_SIZE_TEXT_MAX 64

/* tracemalloc._format_size(size, sign) for a float size. */
MS_API void ms_format_size(char buf[MS_SIZE_TEXT_MAX], double size, bool sign);

/* The nearest double to a (Python's float(int)). */
MS_API double ms_uint128_to_double(struct ms_uint128 a);
MS_API double ms_int128_to_double(struct ms_int128 a);

/*
 * The nearest double to num / den (Python's int / int), den > 0: the
 * average of a statistic is ms_uint128_div(st->size, st->count).
 */
MS_API double ms_uint128_div(struct ms_uint128 num, uint64_t den);

/* Decimal text of a into buf, which holds at least 41 bytes (42 signed). Returns buf. */
MS_API char *ms_uint128_text(char buf[41], struct ms_uint128 a);
/* sign: a '+' before values >= 0 too, as "%+d" */
MS_API char *ms_int128_text(char buf[42], struct ms_int128 a, bool sign);

MS_END_DECLS

#endif
