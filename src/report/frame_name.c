/* What profiles call a frame; see frame_name.h. */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "frame_name.h"

char *ms_frame_name(const struct ms_snapshot *snap, uint32_t frame, struct ms_sources *sources,
		    size_t *len)
{
	struct ms_frame f = ms_snapshot_frame(snap, frame);
	size_t flen, qlen;
	const char *file = ms_snapshot_string(snap, f.file, &flen);
	const char *qual =
	    sources ? ms_sources_function(sources, file, flen, f.lineno, &qlen, &(uint32_t){0})
		    : NULL;
	char *name;

	if (!qual)
		return ms_key_text(snap, MS_KEY_LINENO, frame, len);
	name = malloc(qlen + 1);
	if (name) {
		memcpy(name, qual, qlen);
		name[qlen] = 0;
		*len = qlen;
	}
	return name;
}
