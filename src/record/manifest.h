/*
 * DIR/manifest.jsonl of a recording: one JSON object per snapshot, each
 * appended with one write() by the process that took it, read with cJSON,
 * and read again as it grows while memsnap record runs.
 */
#ifndef MEMSNAP_MANIFEST_H
#define MEMSNAP_MANIFEST_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "memsnap/error.h"

struct ms_manifest_entry {
	char file[64]; /* "<pid>/NNNN.bin", relative to the recording */
	long pid, ppid;
	long seq;		/* -1 for peak.bin */
	double time, monotonic; /* seconds: since the epoch; CLOCK_MONOTONIC */
	char reason[16];	/* interval, exit, signal, growth or peak */
	uint64_t traced, traced_peak;
	int64_t rss; /* bytes; -1 when the process could not tell */
	char python[32];
	long traceback_limit;
};

/*
 * Parses one line (len bytes, no newline needed). Returns MS_OK, or
 * MS_ERR_FORMAT with err saying which field is missing or wrong.
 */
int ms_manifest_parse(const char *line, size_t len, struct ms_manifest_entry *e,
		      struct ms_error *err);

/* The part of a manifest read so far. */
struct ms_manifest_tail {
	off_t offset;
};

/*
 * Calls fn for every line appended to path since the last call (whole
 * lines only; one that does not parse is skipped). Returns the number of
 * lines, or -1 when path cannot be read (it does not exist before the
 * first snapshot).
 */
long ms_manifest_follow(struct ms_manifest_tail *tail, const char *path,
			void (*fn)(const struct ms_manifest_entry *e, void *arg), void *arg);

#endif
