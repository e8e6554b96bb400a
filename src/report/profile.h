/*
 * What the profile formats (pprof, speedscope) write, built once from one
 * snapshot, or two for a diff: whole tracebacks per domain as samples,
 * each distinct frame once as a location, each distinct name once as a
 * function, each distinct string once. A profile owns its tables and
 * borrows nothing after it is built.
 */
#ifndef MEMSNAP_PROFILE_H
#define MEMSNAP_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "int128.h"
#include "intern.h"
#include "memsnap/filter.h"
#include "memsnap/stats.h"
#include "source.h"

/* What to build a profile from; base, base_name and sources may be NULL. */
struct ms_profile_input {
	const struct ms_snapshot *snap;
	const char *name; /* as given on the command line */
	const struct ms_snapshot *base;
	const char *base_name;
	const struct ms_filters *filters;
	struct ms_sources *sources;
};

struct ms_profile_string {
	char *bytes; /* snapshot string bytes (surrogates as three bytes), owned */
	size_t len;
};

struct ms_profile_function {
	uint32_t name; /* string ids */
	uint32_t file;
};

struct ms_profile_location {
	uint32_t function;
	uint32_t file; /* a string id */
	uint32_t lineno;
};

struct ms_profile_sample {
	ms_u128 size;
	uint64_t count;
	uint32_t domain;
	bool base; /* from the base snapshot of a diff */
	uint32_t nframe;
	size_t first; /* its location ids at stack[first..], most recent first */
};

struct ms_profile {
	struct ms_profile_string *strings; /* strings[0] is "" */
	size_t nstrings, strings_alloc;
	struct ms_intern string_index;
	struct ms_profile_function *functions;
	size_t nfunctions, functions_alloc;
	struct ms_intern function_index;
	struct ms_profile_location *locations;
	size_t nlocations, locations_alloc;
	struct ms_intern location_index;
	struct ms_profile_sample *samples;
	size_t nsamples, samples_alloc;
	uint32_t *stack;
	size_t nstack, stack_alloc;
	uint64_t seed; /* of the three indexes */
};

/* -1 on no memory (errno ENOMEM); release the profile in every case. */
int ms_profile_build(struct ms_profile *p, const struct ms_profile_input *in);

/* The id of a string, added when new; MS_NO_ID on no memory. */
uint32_t ms_profile_string(struct ms_profile *p, const char *bytes, size_t len);

/* The same for a name from the command line, read as os.fsdecode() reads it. */
uint32_t ms_profile_fsname(struct ms_profile *p, const char *name);

void ms_profile_release(struct ms_profile *p);

/*
 * The profile formats, for top, diff (through report.h's table) and
 * convert. Each returns -1 if writing failed, errno saying why.
 */
int ms_write_pprof_profile(FILE *out, const struct ms_profile_input *in);
int ms_write_speedscope_profile(FILE *out, const struct ms_profile_input *in);

#endif
