/*
 * Loads the library keeps to itself (memsnap's commands use them); the
 * ones it exports are in memsnap/snapshot.h.
 */
#ifndef MEMSNAP_LOAD_H
#define MEMSNAP_LOAD_H

#include "memsnap/snapshot.h"

/*
 * Same as ms_snapshot_load_newest(), interning no frame but the newest of
 * each traceback: the snapshot's frames (their count, what a filter can
 * be found to match) are those alone. Statistics are the same; the read
 * takes less time and memory.
 */
int ms_snapshot_load_newest_frames(const char *path, int threads, struct ms_snapshot **out,
				   struct ms_error *err);

#endif
