/*
 * --hide and --focus: each traceback rewritten once (not each trace),
 * its frames tested through one table per pattern list, and the result
 * interned in the snapshot beside the tracebacks it came from.
 */
#include <stdlib.h>
#include <string.h>

#include "fail.h"
#include "filter_eval.h"
#include "view.h"
#include "snapshot_internal.h"

bool ms_view_is_identity(const struct ms_view *view)
{
	return !view || (!view->hide.nr && !view->focus.nr);
}

void ms_view_release(struct ms_view *view)
{
	ms_filters_release(&view->hide);
	ms_filters_release(&view->focus);
	view->focus_only = false;
}

/* Whether any pattern of list matches each frame: a table by frame id, NULL on no memory. */
static uint8_t *match_any(const struct ms_filters *list, const struct ms_snapshot *snap)
{
	size_t n = snap->frame_index.nr ? snap->frame_index.nr : 1, i, k;
	uint8_t *any = calloc(n, 1), *one = malloc(n);

	if (!any || !one)
		goto fail;
	for (i = 0; i < list->nr; i++) {
		if (ms_filter_match_frames(&list->items[i], snap, one) < 0)
			goto fail;
		for (k = 0; k < snap->frame_index.nr; k++)
			any[k] |= one[k];
	}
	free(one);
	return any;
fail:
	free(any);
	free(one);
	return NULL;
}

/*
 * The view of frames[0..nframe) (most recent first) into out; returns
 * its length, 0 when the trace is dropped. A traceback left with no
 * frame is the one frame MS_NO_ID, for the caller to name.
 */
static uint32_t view_frames(const struct ms_view *view, const uint8_t *hide, const uint8_t *focus,
			    const uint32_t *frames, uint32_t nframe, uint32_t *out)
{
	uint32_t n = 0, i, start;

	for (i = 0; i < nframe; i++)
		if (!hide || !hide[frames[i]])
			out[n++] = frames[i];
	if (!n) {
		out[n++] = MS_NO_ID;
		return focus && view->focus_only ? 0 : n;
	}
	if (!focus)
		return n;
	for (start = 0; start < n && !focus[out[start]]; start++)
		;
	if (start == n)
		return view->focus_only ? 0 : n;
	memmove(out, out + start, (n - start) * sizeof(*out));
	return n - start;
}

/*
 * The frame <hidden>:0, and when the snapshot's functions were named, its
 * unnamed function too (-g function reads one per frame); MS_NO_ID on no
 * memory.
 */
static uint32_t intern_hidden(struct ms_snapshot *snap)
{
	/* named functions cover every frame there is before this one */
	uint32_t named = snap->frame_index.nr;
	uint32_t file = ms_snapshot_intern_string(snap, MS_VIEW_HIDDEN, sizeof(MS_VIEW_HIDDEN) - 1);
	uint32_t frame = file == MS_NO_ID ? MS_NO_ID : ms_snapshot_intern_frame(snap, file, 0);
	uint32_t *functions;

	if (frame == MS_NO_ID || !snap->frame_function || frame < named)
		return frame;
	functions = realloc(snap->frame_function, ((size_t)frame + 1) * sizeof(*functions));
	if (!functions)
		return MS_NO_ID;
	snap->frame_function = functions;
	functions[frame] = ms_snapshot_intern_function(snap, file, NULL, 0, 0);
	return functions[frame] == MS_NO_ID ? MS_NO_ID : frame;
}

int ms_view_map(const struct ms_view *view, struct ms_snapshot *snap, uint32_t **map, uint32_t *n,
		struct ms_error *err)
{
	uint32_t ntb = snap->traceback_index.nr, longest = 1, hidden = MS_NO_ID, i, len;
	uint8_t *hide = NULL, *focus = NULL;
	uint32_t *frames = NULL, *out = NULL;

	*map = NULL;
	*n = ntb;
	for (i = 0; i < ntb; i++)
		if (snap->tracebacks[i].nframe > longest)
			longest = snap->tracebacks[i].nframe;
	*map = malloc(((size_t)ntb + 1) * sizeof(**map));
	frames = malloc((size_t)longest * sizeof(*frames));
	out = malloc((size_t)longest * sizeof(*out));
	if (!*map || !frames || !out || (view->hide.nr && !(hide = match_any(&view->hide, snap))) ||
	    (view->focus.nr && !(focus = match_any(&view->focus, snap))))
		goto nomem;
	for (i = 0; i < ntb; i++) {
		uint32_t nframe = snap->tracebacks[i].nframe;
		/* interning moves the frame pool: work on a copy */
		ms_snapshot_copy_traceback(snap, (uint32_t)i, frames);
		len = view_frames(view, hide, focus, frames, nframe, out);
		if (len && out[0] == MS_NO_ID) {
			if (hidden == MS_NO_ID && (hidden = intern_hidden(snap)) == MS_NO_ID)
				goto nomem;
			out[0] = hidden;
		}
		(*map)[i] = len ? ms_snapshot_intern_traceback(snap, out, len) : MS_NO_VIEW;
		if (len && (*map)[i] == MS_NO_ID)
			goto nomem;
	}
	free(hide);
	free(focus);
	free(frames);
	free(out);
	return MS_OK;
nomem:
	free(hide);
	free(focus);
	free(frames);
	free(out);
	free(*map);
	*map = NULL;
	return ms_fail(err, MS_ERR_NOMEM, "out of memory");
}
