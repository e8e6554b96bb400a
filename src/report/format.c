/*
 * Numbers as Python prints them: _format_size(), float(int) and int / int
 * rounded once to the nearest double, and 128-bit decimal text.
 */
#include <math.h>
#include <stdio.h>

#include "format128.h"

void ms_format_size(char buf[MS_SIZE_TEXT_MAX], double size, bool sign)
{
	static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
	int u;

	for (u = 0;; u++) {
		if (fabs(size) < 100 && u > 0) {
			snprintf(buf, MS_SIZE_TEXT_MAX, sign ? "%+.1f %s" : "%.1f %s", size, units[u]);
			return;
		}
		if (fabs(size) < 10 * 1024 || u == 4) {
			snprintf(buf, MS_SIZE_TEXT_MAX, sign ? "%+.0f %s" : "%.0f %s", size, units[u]);
			return;
		}
		/* exact: dividing by a power of two only moves the exponent */
		size /= 1024;
	}
}

static int bit_length(ms_u128 v)
{
	int n = 0;

	while (v) {
		v >>= 1;
		n++;
	}
	return n;
}

/*
 * Long division until the quotient has 54 significant bits (53 and a
 * rounding bit), the remainder and the dropped bits making the sticky bit,
 * then round half to even: what Python's int / int does.
 */
double ms_div_round(ms_u128 num, uint64_t den)
{
	ms_u128 q = num / den, r = num % den;
	int shift = 0, drop;
	uint64_t m, mant;
	bool sticky;

	if (!num)
		return 0.0;
	while (q < ((ms_u128)1 << 54)) {
		r <<= 1;
		q <<= 1;
		if (r >= den) {
			r -= den;
			q |= 1;
		}
		shift++;
	}
	drop = bit_length(q) - 54;
	sticky = r != 0 || (q & (((ms_u128)1 << drop) - 1)) != 0;
	m = (uint64_t)(q >> drop);
	mant = m >> 1;
	if ((m & 1) && (sticky || (mant & 1)))
		mant++;
	return ldexp((double)mant, drop + 1 - shift);
}

double ms_u128_to_double(ms_u128 a)
{
	return ms_div_round(a, 1);
}

double ms_i128_to_double(ms_i128 a)
{
	return a < 0 ? -ms_div_round((ms_u128)0 - (ms_u128)a, 1) : ms_div_round((ms_u128)a, 1);
}

char *ms_u128_text(char buf[41], ms_u128 a)
{
	char tmp[41];
	int n = 0, i = 0;

	do {
		tmp[n++] = (char)('0' + (int)(a % 10));
		a /= 10;
	} while (a);
	while (n)
		buf[i++] = tmp[--n];
	buf[i] = 0;
	return buf;
}

char *ms_i128_text(char buf[42], ms_i128 a, bool sign)
{
	ms_u128 mag = a < 0 ? (ms_u128)0 - (ms_u128)a : (ms_u128)a;
	char *p = buf;

	if (a < 0)
		*p++ = '-';
	else if (sign)
		*p++ = '+';
	ms_u128_text(p, mag);
	return buf;
}

double ms_uint128_to_double(struct ms_uint128 a)
{
	return ms_u128_to_double(ms_u128_from(a));
}

double ms_int128_to_double(struct ms_int128 a)
{
	return ms_i128_to_double(ms_i128_from(a));
}

double ms_uint128_div(struct ms_uint128 num, uint64_t den)
{
	return ms_div_round(ms_u128_from(num), den);
}

char *ms_uint128_text(char buf[41], struct ms_uint128 a)
{
	return ms_u128_text(buf, ms_u128_from(a));
}

char *ms_int128_text(char buf[42], struct ms_int128 a, bool sign)
{
	return ms_i128_text(buf, ms_i128_from(a), sign);
}
