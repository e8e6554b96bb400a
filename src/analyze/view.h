/*
 * memsnap's own views of tracebacks, beyond Python's: --hide removes
 * frames, --focus attributes each trace to its most recent frame in
 * code of interest. A view rewrites tracebacks after the filters and
 * before grouping; with neither, grouping is Python's. A view owns its
 * patterns.
 */
#ifndef MEMSNAP_ANALYZE_VIEW_H
#define MEMSNAP_ANALYZE_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "memsnap/error.h"
#include "memsnap/filter.h"
#include "memsnap/snapshot.h"
#include "memsnap/stats.h"

struct ms_view {
	/* patterns (with optional line numbers) as Filter matches a frame;
	 * inclusive and all_frames are not used */
	struct ms_filters hide;	 /* frames to remove */
	struct ms_filters focus; /* frames to attribute traces to */
	bool focus_only;	 /* drop traces with no focus frame */
};

#define MS_VIEW_INIT                                                                               \
	{                                                                                          \
		MS_FILTERS_INIT, MS_FILTERS_INIT, false                                            \
	}

/* The file name a traceback left with no frame shows (line 0). */
#define MS_VIEW_HIDDEN "<hidden>"

/* Whether the view changes nothing (NULL is such a view). */
bool ms_view_is_identity(const struct ms_view *view);

/*
 * The view of every traceback of snap: frames matching a hide pattern
 * removed (a traceback left empty becomes the one frame <hidden>:0),
 * then, with focus patterns, the frames more recent than the most recent
 * one matching cut off; a traceback with no such frame stays as it is,
 * or is dropped with focus_only. The new tracebacks are interned in snap
 * (ids already given keep their meaning); map[id] is the view of
 * traceback id, MS_NO_VIEW for one dropped, for every id snap had before
 * the call (*n of them). *map is malloc'd: the caller frees it.
 */
int ms_view_map(const struct ms_view *view, struct ms_snapshot *snap, uint32_t **map, uint32_t *n,
		struct ms_error *err);

#define MS_NO_VIEW UINT32_MAX

void ms_view_release(struct ms_view *view);

/*
 * ms_stats_compute_top() through a view (NULL or an identity view: as
 * it): the filters select traces by their tracebacks as Python does, the
 * view then rewrites the tracebacks left, and the statistics group those.
 * The view's tracebacks are interned in snap, which is why it is not
 * const; the totals leave out the traces the view dropped.
 */
int ms_stats_compute_view(struct ms_stats *out, struct ms_snapshot *snap,
			  const struct ms_filters *filters, const struct ms_view *view,
			  enum ms_key_type key_type, bool cumulative, size_t sorted,
			  struct ms_error *err);

#endif
