/*
 * A streaming JSON writer: every value goes straight to a FILE, so a report
 * of millions of statistics costs no memory. Integers are exact up to 128
 * bits (sums of sizes pass 2**64). Strings are snapshot bytes, UTF-8 in
 * which a lone surrogate takes three bytes: those become \udcXX escapes, so
 * the output is valid UTF-8 and Python's json.loads() gives back exactly
 * the str Python had.
 *
 * Layout: two-space indentation, except that a container opened at depth
 * inline_depth or deeper is written on one line ({"a": 1, "b": [2, 3]}).
 * Escapes are Python's json.dumps(ensure_ascii=False) escapes.
 */
#ifndef MEMSNAP_JSON_EMIT_H
#define MEMSNAP_JSON_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "memsnap/stats.h"

#define MS_JSON_MAX_DEPTH 16

struct ms_json {
	FILE *out;
	int depth;
	int inline_depth;
	bool after_key;
	uint64_t count[MS_JSON_MAX_DEPTH]; /* values written in each open container */
};

void ms_json_init(struct ms_json *j, FILE *out, int inline_depth);

void ms_json_begin_object(struct ms_json *j);
void ms_json_end_object(struct ms_json *j);
void ms_json_begin_array(struct ms_json *j);
void ms_json_end_array(struct ms_json *j);

/* An object key; name is ASCII without characters that need escaping. */
void ms_json_key(struct ms_json *j, const char *name);

/* A string of the snapshot's bytes (see above). */
void ms_json_string(struct ms_json *j, const char *s, size_t len);
void ms_json_cstring(struct ms_json *j, const char *s);

/* Bytes from the command line, read as os.fsdecode() reads them. */
void ms_json_fsname(struct ms_json *j, const char *s);

void ms_json_u128(struct ms_json *j, ms_u128 v);
void ms_json_i128(struct ms_json *j, ms_i128 v);
void ms_json_bool(struct ms_json *j, bool v);
void ms_json_null(struct ms_json *j);

/* A number the caller formatted, such as "%.1f" of a double. */
void ms_json_number(struct ms_json *j, const char *text);

/* Shorthands for "key": value. */
void ms_json_key_u128(struct ms_json *j, const char *key, ms_u128 v);
void ms_json_key_i128(struct ms_json *j, const char *key, ms_i128 v);
void ms_json_key_cstring(struct ms_json *j, const char *key, const char *s);
void ms_json_key_bool(struct ms_json *j, const char *key, bool v);

/*
 * A traceback as Python's Traceback iterates it, oldest frame first:
 * [{"filename": ..., "lineno": ...}, ...].
 */
void ms_json_traceback(struct ms_json *j, const struct ms_snapshot *snap, enum ms_key_type key_type,
		       uint32_t key);

#endif
