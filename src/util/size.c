/*
 * ms_size_parse(): the number is read as an exact decimal (digits and a
 * count of fraction digits) and scaled by the unit in 128-bit integers,
 * so "0.1 KiB" is 102 bytes, not whatever a double makes of it.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "memsnap/size.h"
#include "fail.h"

typedef unsigned __int128 u128;

static const struct unit {
	const char *name;
	uint64_t bytes;
} units[] = {
    {"", 1},
    {"b", 1},
    {"k", 1024},
    {"kib", 1024},
    {"kb", 1000},
    {"m", 1048576},
    {"mib", 1048576},
    {"mb", 1000000},
    {"g", 1073741824},
    {"gib", 1073741824},
    {"gb", 1000000000},
    {"t", 1099511627776},
    {"tib", 1099511627776},
    {"tb", 1000000000000},
};

/* What both refusals list, so that they never disagree. */
#define UNITS "B; K, M, G, T or KiB, MiB, GiB, TiB: powers of 1024; KB, MB, GB, TB: of 1000"

/* More digits than this could overflow 128 bits once scaled by a unit. */
#define MAX_DIGITS 24

int ms_size_parse(const char *text, uint64_t *bytes, struct ms_error *err)
{
	const char *p = text;
	u128 digits = 0, scale = 1, value;
	int ndigits = 0;
	bool fraction = false;
	size_t i;

	while (*p == ' ')
		p++;
	for (; (*p >= '0' && *p <= '9') || (*p == '.' && !fraction); p++) {
		if (*p == '.') {
			fraction = true;
			continue;
		}
		if (++ndigits > MAX_DIGITS)
			return ms_fail(err, MS_ERR_USAGE, "size '%s' has too many digits", text);
		digits = digits * 10 + (u128)(*p - '0');
		if (fraction)
			scale *= 10;
	}
	if (!ndigits)
		return ms_fail(err, MS_ERR_USAGE,
			       "size '%s' is not a number with an optional unit (" UNITS ")", text);
	while (*p == ' ')
		p++;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcasecmp(p, units[i].name))
			break;
	if (i == sizeof(units) / sizeof(units[0]))
		return ms_fail(err, MS_ERR_USAGE, "size '%s' has an unknown unit '%s' (" UNITS ")",
			       text, p);
	value = digits * units[i].bytes / scale;
	if (value > UINT64_MAX)
		return ms_fail(err, MS_ERR_USAGE, "size '%s' is too large", text);
	*bytes = (uint64_t)value;
	return MS_OK;
}
