/*
 * Python's text for a statistic: _format_size(), str(Statistic) and
 * str(StatisticDiff). Functions here write into a caller's buffer.
 */
#ifndef MEMSNAP_FORMAT_H
#define MEMSNAP_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "memsnap/stats.h"

/* Large enough for any size text, including "%+.0f TiB" of 2**127. */
#define MS_SIZE_TEXT_MAX 64

/* tracemalloc._format_size(size, sign) for a float size. */
void ms_format_size(char buf[MS_SIZE_TEXT_MAX], double size, bool sign);

/* The nearest double to num / den (Python's int / int), den > 0. */
double ms_div_round(ms_u128 num, uint64_t den);

/* The nearest double to a (Python's float(int)). */
double ms_u128_to_double(ms_u128 a);
double ms_i128_to_double(ms_i128 a);

/* Decimal text of a; buf holds at least 41 bytes. Returns buf. */
char *ms_u128_text(char buf[41], ms_u128 a);
char *ms_i128_text(char buf[42], ms_i128 a, bool sign);

#endif
