/*
 * What a snapshot holds, for `memsnap info`: where it came from, its
 * totals per domain, how many distinct files, frames and tracebacks its
 * traces use, and how deep and how truncated their tracebacks are. An info
 * owns its domain list and borrows its snapshot.
 */
#ifndef MEMSNAP_INFO_H
#define MEMSNAP_INFO_H

#include <stdio.h>

#include "json_emit.h"
#include "memsnap/snapshot.h"
#include "int128.h"
#include "memsnap/stats.h"

struct ms_info_domain {
	uint32_t domain;
	uint64_t count;
	ms_u128 size;
};

struct ms_info {
	const struct ms_snapshot *snap;
	uint64_t count;
	ms_u128 size;
	struct ms_info_domain *domains; /* by domain, ascending */
	size_t ndomains;
	size_t files, frames, tracebacks; /* distinct, among those traces use */
	uint32_t deepest;		  /* traceback id with the most frames */
	uint32_t max_nframe;
	uint64_t truncated; /* traces whose total_nframe exceeds their frames */
	uint32_t max_total_nframe;
};

int ms_info_compute(struct ms_info *info, const struct ms_snapshot *snap, struct ms_error *err);
void ms_info_release(struct ms_info *info);

/* "3.9 or later", "3.8", ...: the Python versions that write such a file. */
const char *ms_info_python(const struct ms_snapshot_origin *origin);

/*
 * name is the file as given on the command line; blank puts an empty line
 * first (between files). -1 if writing failed.
 */
int ms_info_write_text(FILE *out, const char *name, const struct ms_info *info, bool blank);

/* One object of the json format's "snapshots" array. */
void ms_info_write_json(struct ms_json *j, const char *name, const struct ms_info *info);

#endif
