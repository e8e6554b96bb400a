/*
 * How library code fails: it fills the caller's struct ms_error (public,
 * memsnap/error.h) and returns the status, never printing or exiting.
 */
#ifndef MEMSNAP_FAIL_H
#define MEMSNAP_FAIL_H

#include "memsnap/error.h"

/* Fills err (which may be NULL) and returns status: `return ms_fail(...)`. */
int ms_fail(struct ms_error *err, enum ms_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
