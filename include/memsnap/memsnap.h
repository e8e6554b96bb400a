/*
 * libmemsnap: Python's tracemalloc snapshots read without Python, and
 * Snapshot.statistics() and compare_to() computed exactly as Python does.
 * Includes every public header; pkg-config --cflags --libs memsnap, or
 * find_package(memsnap) and the target memsnap::memsnap, build with it.
 *
 *   struct ms_snapshot *snap;  struct ms_stats stats;  struct ms_error err;
 *   ms_snapshot_load("after.bin", &snap, &err);
 *   ms_stats_compute(&stats, snap, NULL, MS_KEY_LINENO, false, &err);
 *   ... stats.items[0 .. stats.nr) ...
 *   ms_stats_release(&stats);  ms_snapshot_free(snap);
 *
 * examples/c/top.c is a whole program.
 */
#ifndef MEMSNAP_MEMSNAP_H
#define MEMSNAP_MEMSNAP_H

#include "memsnap/error.h"
#include "memsnap/filter.h"
#include "memsnap/format.h"
#include "memsnap/size.h"
#include "memsnap/snapshot.h"
#include "memsnap/stats.h"
#include "memsnap/version.h"

#endif
