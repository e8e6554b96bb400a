/*
 * A recording directory while memsnap record writes it: chosen or checked,
 * locked against a second recorder, and the files memsnap record itself
 * writes there (rss.tsv, .dump-requests). The recorded processes write
 * <pid>/NNNN.bin, <pid>/peak.bin and manifest.jsonl.
 */
#ifndef MEMSNAP_RECORDING_H
#define MEMSNAP_RECORDING_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "memsnap/error.h"

struct ms_recording {
	char *dir;  /* as given, or the name chosen; malloc'd */
	char *path; /* absolute, for the recorded processes; malloc'd */
	int fd;	    /* the directory, locked while recording */
	FILE *rss;  /* rss.tsv, NULL until the first sample */
	bool made;  /* memsnap record created the directory */
};

/*
 * Opens dir for a new recording, or a new memsnap-YYYYMMDD-HHMMSS in the
 * current directory when dir is NULL. dir may not exist yet, be empty, or
 * hold an earlier recording, which is removed; anything else is refused.
 * Fails too while another memsnap record writes there. On success the
 * caller calls ms_recording_close().
 */
int ms_recording_open(struct ms_recording *rec, const char *dir, struct ms_error *err);

/*
 * Asks every recorded process for a snapshot now: appends a byte to
 * .dump-requests, whose size each recorder polls.
 */
int ms_recording_request_dumps(struct ms_recording *rec, struct ms_error *err);

/* One line of rss.tsv: the times (seconds) and the tree's resident memory. */
int ms_recording_log_rss(struct ms_recording *rec, double wall, double monotonic, uint64_t rss,
			 size_t processes, struct ms_error *err);

/*
 * Ends the recording: removes what interrupted dumps left (hidden
 * temporary files) and process directories without a snapshot, closes
 * rss.tsv and unlocks; a directory it made and nothing was written to
 * goes too. Returns MS_OK or MS_ERR_IO if rss.tsv could not be
 * written; frees rec's contents in either case.
 */
int ms_recording_close(struct ms_recording *rec, struct ms_error *err);

#endif
