/*
 * Python's str as memsnap keeps it: UTF-8 in which a lone surrogate takes
 * three bytes ("surrogatepass"), so byte order is code point order. Python
 * writes undecodable filename bytes as U+DC80..U+DCFF (surrogateescape);
 * fsdecode/fsencode convert between that and raw bytes.
 */
#ifndef MEMSNAP_UTF8_H
#define MEMSNAP_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of the valid prefix of s; n when all of s is valid. */
size_t ms_utf8_valid_prefix(const unsigned char *s, size_t n);

/* The same for strict UTF-8, where a surrogate is invalid (Python's codec). */
size_t ms_utf8_strict_prefix(const unsigned char *s, size_t n);

/* Whether all of s is strict UTF-8 (no surrogates), as Python's codec wants. */
bool ms_utf8_is_strict(const unsigned char *s, size_t n);

/* Decodes the code point at s[*i] of a valid string and advances *i. */
uint32_t ms_utf8_next(const unsigned char *s, size_t *i);

/*
 * os.fsdecode(): bytes to a string, each byte that is not part of strict
 * UTF-8 becoming U+DC80..U+DCFF. dst holds 3 * n bytes; returns its length.
 */
size_t ms_utf8_fsdecode(char *dst, const char *bytes, size_t n);

/*
 * os.fsencode(): U+DC80..U+DCFF back to single bytes, everything else kept.
 * dst holds n bytes; returns its length.
 */
size_t ms_utf8_fsencode(char *dst, const char *s, size_t n);

#endif
