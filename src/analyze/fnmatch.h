/*
 * fnmatch.fnmatchcase() of Python 3.10 and later, on code points: a
 * pattern is compiled once into tokens (literal, ?, *, set) that mean what
 * fnmatch.translate()'s regular expression means, bracket corner cases
 * included, and matched against whole strings.
 */
#ifndef MEMSNAP_FNMATCH_H
#define MEMSNAP_FNMATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ms_glob;

/* Compiles a valid UTF-8 pattern; NULL on no memory. Free with ms_glob_free(). */
struct ms_glob *ms_glob_compile(const char *pattern, size_t len);
void ms_glob_free(struct ms_glob *glob);

/* Whether all of the valid UTF-8 string s matches. */
bool ms_glob_match(const struct ms_glob *glob, const char *s, size_t len);

#endif
