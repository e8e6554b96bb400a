/*
 * JSON strings as Python's json module writes them, for the jobs cJSON
 * cannot do with memsnap's strings (UTF-8 in which a lone surrogate takes
 * three bytes, utf8.h): cJSON's printer copies a surrogate's three bytes
 * out as they are (invalid UTF-8) and ends a string at a NUL byte; its
 * parser refuses the \udcXX escapes Python writes for undecodable file
 * names and ends a string at \u0000. Everything else stays cJSON's.
 */
#ifndef MEMSNAP_JSON_STRING_H
#define MEMSNAP_JSON_STRING_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s holds a NUL byte or a surrogate: then cJSON cannot write it. */
bool ms_json_string_special(const char *s, size_t len);

/*
 * s as json.dumps(s, ensure_ascii=False) writes it, quotes included, a
 * lone surrogate as \udcXX: malloc'd, NUL-terminated; NULL on no memory.
 */
char *ms_json_string_quote(const char *s, size_t len);

#endif
