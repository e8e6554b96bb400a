/*
 * A recording as the analysis commands read it: its snapshots per process
 * in the order they were taken (from manifest.jsonl), each process's
 * peak.bin, and the resident memory samples of rss.tsv.
 */
#ifndef MEMSNAP_RECORDING_INDEX_H
#define MEMSNAP_RECORDING_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest.h"
#include "memsnap/error.h"
#include "report_series.h" /* struct ms_rss_sample */

struct ms_recorded {
	char *path; /* the snapshot file: the recording's path, '/', entry.file */
	struct ms_manifest_entry entry;
};

struct ms_recording_index {
	struct ms_recorded *snaps; /* numbered snapshots, by time taken */
	size_t nr, alloc;
	struct ms_recorded *peaks; /* the latest peak.bin entry of each process */
	size_t npeaks, peaks_alloc;
	long *pids; /* the processes, in the order of their first snapshot */
	size_t npids, pids_alloc;
	struct ms_rss_sample *rss; /* rss.tsv, empty when there is none */
	size_t nrss, rss_alloc;
};

/* Whether path is a directory holding a recording's manifest.jsonl. */
bool ms_recording_is(const char *path);

/*
 * Reads the recording in dir. A line of the manifest that is not an entry
 * fails with MS_ERR_FORMAT, naming the line; so does a bad rss.tsv. Free
 * with ms_recording_index_release() in every case.
 */
int ms_recording_index_load(struct ms_recording_index *ix, const char *dir, struct ms_error *err);
void ms_recording_index_release(struct ms_recording_index *ix);

#endif
