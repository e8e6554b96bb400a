/*
 * Functions of frames: each frame's file and line through the source
 * cache, which indexes each file once; frames are taken file by file so
 * that the cache finds the file it found last.
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "fail.h"
#include "function.h"
#include "snapshot_internal.h"
#include "sort.h"

static int by_file(const void *pa, const void *pb, void *ctx)
{
	const struct ms_snapshot *snap = ctx;
	uint32_t a = snap->frames[*(const uint32_t *)pa].file;
	uint32_t b = snap->frames[*(const uint32_t *)pb].file;

	return (a > b) - (a < b);
}

int ms_snapshot_name_functions(struct ms_snapshot *snap, struct ms_sources *sources,
			       struct ms_error *err)
{
	size_t n = snap->frame_index.nr, i, len;
	uint32_t *order = malloc((n ? n : 1) * sizeof(*order)), id, start;
	const char *file, *name;
	size_t flen;

	free(snap->frame_function);
	snap->frame_function = malloc((n ? n : 1) * sizeof(*snap->frame_function));
	if (!order || !snap->frame_function)
		goto nomem;
	for (i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	if (ms_sort(order, n, sizeof(*order), by_file, snap) < 0)
		goto nomem;
	for (i = 0; i < n; i++) {
		struct ms_frame f = snap->frames[order[i]];
		file = ms_snapshot_string(snap, f.file, &flen);
		name = ms_sources_function(sources, file, flen, f.lineno, &len, &start);
		if (name && len > UINT32_MAX)
			name = NULL;
		id = name ? ms_snapshot_intern_function(snap, f.file, name, (uint32_t)len, start)
			  : ms_snapshot_intern_function(snap, f.file, NULL, 0, f.lineno);
		if (id == MS_NO_ID)
			goto nomem;
		snap->frame_function[order[i]] = id;
	}
	/* a file or a name the cache could not hold is missing: not a name */
	if (ms_write_nomem_pending())
		goto nomem;
	free(order);
	return MS_OK;
nomem:
	free(order);
	free(snap->frame_function);
	snap->frame_function = NULL;
	return ms_fail(err, MS_ERR_NOMEM, "out of memory");
}
