/*
 * The reader of memsnap's JSON snapshot form (schema in memsnap(1), JSON
 * SNAPSHOTS), for programs that make snapshots without Python.
 */
#ifndef MEMSNAP_JSON_READ_H
#define MEMSNAP_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "memsnap/error.h"

struct ms_snapshot;

/* Whether the first byte after white space (and a UTF-8 BOM) is '{'. */
bool ms_json_detect(const void *buf, size_t len);

/*
 * Fills an empty snapshot from the JSON in buf. On failure returns
 * MS_ERR_FORMAT (err has the byte offset, the message the JSON path of the
 * value at fault) or MS_ERR_NOMEM; the snapshot then holds a partial
 * result the caller must free, not use.
 */
int ms_json_read(struct ms_snapshot *snap, const void *buf, size_t len, struct ms_error *err);

#endif
