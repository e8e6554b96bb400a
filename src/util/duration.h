/*
 * Durations as people write them on a command line, for memsnap record:
 * "10s", "100ms", "1.5m", "2h", "0"; a bare number is seconds.
 */
#ifndef MEMSNAP_DURATION_H
#define MEMSNAP_DURATION_H

#include "memsnap/error.h"

/*
 * Parses text (a decimal number, optionally with a fraction, then an
 * optional unit us, ms, s, m or h) into seconds. Returns MS_OK, or
 * MS_ERR_USAGE with err saying what is wrong.
 */
int ms_duration_parse(const char *text, double *seconds, struct ms_error *err);

#endif
