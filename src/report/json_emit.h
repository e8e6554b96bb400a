/*
 * The JSON writer: every JSON byte memsnap writes goes through it. Values
 * are cJSON trees, each a small one printed on one line and freed as soon
 * as it is written, so a report of millions of statistics costs no more
 * memory than one of them; the containers around them (the document, its
 * lists) are written here as they open and close, a member per line,
 * indented two spaces per level:
 *
 *   {
 *     "stats": [
 *       {"size": 1, "traceback": [{"filename": "a.py", "lineno": 3}]}
 *     ]
 *   }
 *
 * Integers are exact up to 128 bits (sums of sizes pass 2**64): cJSON
 * holds them as raw number text, never as doubles. Strings are snapshot
 * bytes and come out as Python's json.dumps(ensure_ascii=False) writes
 * them, a lone surrogate as \udcXX (json_string.h). A value that could not
 * be built (NULL: no memory) fails the writer.
 */
#ifndef MEMSNAP_JSON_EMIT_H
#define MEMSNAP_JSON_EMIT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "int128.h"
#include "memsnap/stats.h"

#define MS_JSON_MAX_DEPTH 16

struct ms_json {
	FILE *out;
	int depth;
	bool after_key;
	bool failed;			   /* a value was NULL: no memory */
	uint64_t count[MS_JSON_MAX_DEPTH]; /* values written in each open container */
	char *buf;			   /* where cJSON prints a value */
	int alloc;
};

void ms_json_init(struct ms_json *j, FILE *out);

/* Frees the writer; -1 with errno set if a value failed or writing did. */
int ms_json_finish(struct ms_json *j);

/* Containers written a member per line. */
void ms_json_begin_object(struct ms_json *j);
void ms_json_end_object(struct ms_json *j);
void ms_json_begin_array(struct ms_json *j);
void ms_json_end_array(struct ms_json *j);

/* An object key; name is ASCII without characters that need escaping. */
void ms_json_key(struct ms_json *j, const char *name);

/* Writes value on one line and frees it. */
void ms_json_put(struct ms_json *j, cJSON *value);

/* "name": value. */
void ms_json_member(struct ms_json *j, const char *name, cJSON *value);

/*
 * Values to put or to add to a tree; NULL on no memory (which put and add
 * pass on). Strings are the snapshot's bytes (see above).
 */
cJSON *ms_json_string(const char *s, size_t len);
cJSON *ms_json_cstring(const char *s);
cJSON *ms_json_fsname(const char *s); /* command-line bytes, read as os.fsdecode() */
cJSON *ms_json_u128(ms_u128 v);
cJSON *ms_json_i128(ms_i128 v);

/*
 * Adds item to container, under name for an object (a string literal: it
 * is not copied), and returns container; on a NULL among them frees both
 * and returns NULL, so that building a tree passes no memory on.
 */
cJSON *ms_json_add(cJSON *container, const char *name, cJSON *item);

/*
 * A traceback as Python's Traceback iterates it, oldest frame first:
 * [{"filename": ..., "lineno": ...}, ...].
 */
cJSON *ms_json_traceback(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key);

#endif
