/* What profiles call a frame; see frame_name.h. */
#include "escape.h"
#include "frame_name.h"

char *ms_frame_name(const struct ms_snapshot *snap, uint32_t frame, struct ms_sources *sources,
		    size_t *len)
{
	(void)sources;
	return ms_key_text(snap, MS_KEY_LINENO, frame, len);
}
