/* ms_duration_parse(): a decimal number and a unit, in seconds. */
#include <string.h>

#include "fail.h"
#include "duration.h"

static const struct unit {
	const char *name;
	double seconds;
} units[] = {
    {"", 1}, {"us", 1e-6}, {"ms", 1e-3}, {"s", 1}, {"m", 60}, {"h", 3600},
};

/* A week: longer is a typo, and a number that big loses its fraction. */
#define MAX_SECONDS (7 * 24 * 3600.0)

int ms_duration_parse(const char *text, double *seconds, struct ms_error *err)
{
	const char *p = text;
	double value = 0, scale = 1;
	int ndigits = 0;
	int fraction = 0;
	size_t i;

	for (; (*p >= '0' && *p <= '9') || (*p == '.' && !fraction); p++) {
		if (*p == '.') {
			fraction = 1;
			continue;
		}
		if (++ndigits > 15)
			return ms_fail(err, MS_ERR_USAGE, "duration '%s' has too many digits",
				       text);
		value = value * 10 + (*p - '0');
		if (fraction)
			scale *= 10;
	}
	if (!ndigits)
		return ms_fail(err, MS_ERR_USAGE, "duration '%s' does not start with a number",
			       text);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(p, units[i].name)) {
			value = value / scale * units[i].seconds;
			if (value > MAX_SECONDS)
				return ms_fail(err, MS_ERR_USAGE,
					       "duration '%s' is longer than a week", text);
			*seconds = value;
			return MS_OK;
		}
	return ms_fail(err, MS_ERR_USAGE,
		       "duration '%s' has an unknown unit (use us, ms, s, m or h)", text);
}
