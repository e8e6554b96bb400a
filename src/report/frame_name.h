/*
 * The name a profile (pprof, speedscope) gives a frame: the one place that
 * decides it. The function the line runs in, named from its source as
 * Python's __qualname__ names it (pyscope.h), or "filename:lineno" when
 * the source cannot be read.
 */
#ifndef MEMSNAP_FRAME_NAME_H
#define MEMSNAP_FRAME_NAME_H

#include <stddef.h>
#include <stdint.h>

#include "memsnap/snapshot.h"
#include "source.h"

/*
 * The display name of frame id frame of snap, as snapshot string bytes
 * (surrogates as three bytes): malloc'd, NUL-terminated, its length in
 * *len; NULL on no memory. sources (may be NULL) reads the frame's file.
 */
char *ms_frame_name(const struct ms_snapshot *snap, uint32_t frame, struct ms_sources *sources,
		    size_t *len);

#endif
