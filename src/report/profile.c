/*
 * Building a profile: the samples of each snapshot (samples.h),
 * their frames looked up once per frame id in a per-snapshot map, and the
 * strings, functions and locations interned by content, so that a frame
 * both snapshots of a diff hold is one location.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "frame_name.h"
#include "grow.h"
#include "samples.h"
#include "profile.h"
#include "utf8.h"

static int nomem(void)
{
	errno = ENOMEM;
	return -1;
}

/* Takes bytes (malloc'd) into the table, or frees them if it has them. */
static uint32_t take_string(struct ms_profile *p, char *bytes, size_t len)
{
	uint32_t hash = ms_hash_bytes(p->seed, bytes, len), id;

	for (id = ms_intern_first(&p->string_index, hash); id != MS_NO_ID;
	     id = ms_intern_next(&p->string_index, id))
		if (p->strings[id].len == len && !memcmp(p->strings[id].bytes, bytes, len)) {
			free(bytes);
			return id;
		}
	if (MS_GROW(p->strings, p->nstrings + 1, p->strings_alloc) < 0 ||
	    ms_intern_add(&p->string_index, hash) < 0) {
		free(bytes);
		return MS_NO_ID;
	}
	p->strings[p->nstrings].bytes = bytes;
	p->strings[p->nstrings].len = len;
	return (uint32_t)p->nstrings++;
}

uint32_t ms_profile_string(struct ms_profile *p, const char *bytes, size_t len)
{
	char *copy = malloc(len + 1);

	if (!copy)
		return MS_NO_ID;
	memcpy(copy, bytes, len);
	copy[len] = '\0';
	return take_string(p, copy, len);
}

uint32_t ms_profile_fsname(struct ms_profile *p, const char *name)
{
	size_t n = strlen(name);
	char *buf = n <= (SIZE_MAX - 1) / 3 ? malloc(3 * n + 1) : NULL;

	if (!buf)
		return MS_NO_ID;
	return take_string(p, buf, ms_utf8_fsdecode(buf, name, n));
}

static uint32_t add_function(struct ms_profile *p, uint32_t name, uint32_t file)
{
	uint32_t hash = ms_hash_u64(p->seed, (uint64_t)name << 32 | file), id;
	struct ms_profile_function *f;

	for (id = ms_intern_first(&p->function_index, hash); id != MS_NO_ID;
	     id = ms_intern_next(&p->function_index, id))
		if (p->functions[id].name == name && p->functions[id].file == file)
			return id;
	if (MS_GROW(p->functions, p->nfunctions + 1, p->functions_alloc) < 0 ||
	    ms_intern_add(&p->function_index, hash) < 0)
		return MS_NO_ID;
	f = &p->functions[p->nfunctions];
	f->name = name;
	f->file = file;
	return (uint32_t)p->nfunctions++;
}

/* The location of frame id frame of snap, made when new; MS_NO_ID on no memory. */
static uint32_t add_location(struct ms_profile *p, const struct ms_snapshot *snap, uint32_t frame,
			     struct ms_sources *sources)
{
	struct ms_frame f = ms_snapshot_frame(snap, frame);
	struct ms_profile_location *l;
	const char *file;
	char *name;
	size_t flen, nlen;
	uint32_t file_id, name_id, function, hash, id;

	file = ms_snapshot_string(snap, f.file, &flen);
	name = ms_frame_name(snap, frame, sources, &nlen);
	file_id = ms_profile_string(p, file, flen);
	name_id = name ? take_string(p, name, nlen) : MS_NO_ID;
	if (file_id == MS_NO_ID || name_id == MS_NO_ID)
		return MS_NO_ID;
	function = add_function(p, name_id, file_id);
	if (function == MS_NO_ID)
		return MS_NO_ID;
	hash = ms_hash_mix(ms_hash_u64(p->seed, (uint64_t)file_id << 32 | f.lineno), function);
	for (id = ms_intern_first(&p->location_index, hash); id != MS_NO_ID;
	     id = ms_intern_next(&p->location_index, id))
		if (p->locations[id].function == function && p->locations[id].file == file_id &&
		    p->locations[id].lineno == f.lineno)
			return id;
	if (MS_GROW(p->locations, p->nlocations + 1, p->locations_alloc) < 0 ||
	    ms_intern_add(&p->location_index, hash) < 0)
		return MS_NO_ID;
	l = &p->locations[p->nlocations];
	l->function = function;
	l->file = file_id;
	l->lineno = f.lineno;
	return (uint32_t)p->nlocations++;
}

static int add_snapshot(struct ms_profile *p, const struct ms_snapshot *snap,
			const struct ms_filters *filters, struct ms_sources *sources, bool base)
{
	struct ms_samples samples;
	uint32_t *location_of = NULL; /* per frame id: location + 1, 0 before its first use */
	size_t i, nframes = ms_snapshot_frame_count(snap);
	int ret = -1;

	if (ms_samples_compute(&samples, snap, filters, NULL))
		return nomem();
	location_of = calloc(nframes ? nframes : 1, sizeof(*location_of));
	if (!location_of)
		goto out;
	for (i = 0; i < samples.nr; i++) {
		const struct ms_sample *s = &samples.items[i];
		struct ms_profile_sample *ps;
		uint32_t n = ms_snapshot_traceback_nframe(snap, s->traceback), k;
		if (MS_GROW(p->samples, p->nsamples + 1, p->samples_alloc) < 0 ||
		    MS_GROW(p->stack, p->nstack + n, p->stack_alloc) < 0)
			goto out;
		for (k = 0; k < n; k++) {
			uint32_t frame = ms_snapshot_traceback_frame(snap, s->traceback, k);
			if (!location_of[frame]) {
				uint32_t l = add_location(p, snap, frame, sources);
				if (l == MS_NO_ID)
					goto out;
				location_of[frame] = l + 1;
			}
			p->stack[p->nstack + k] = location_of[frame] - 1;
		}
		ps = &p->samples[p->nsamples++];
		ps->size = s->size;
		ps->count = s->count;
		ps->domain = s->domain;
		ps->base = base;
		ps->nframe = n;
		ps->first = p->nstack;
		p->nstack += n;
	}
	ret = 0;
out:
	free(location_of);
	ms_samples_release(&samples);
	return ret < 0 ? nomem() : 0;
}

int ms_profile_build(struct ms_profile *p, const struct ms_profile_input *in)
{
	memset(p, 0, sizeof(*p));
	p->seed = ms_hash_seed(p);
	if (ms_profile_string(p, "", 0) == MS_NO_ID)
		return nomem();
	if (add_snapshot(p, in->snap, in->filters, in->sources, false) < 0)
		return -1;
	if (in->base && add_snapshot(p, in->base, in->filters, in->sources, true) < 0)
		return -1;
	return 0;
}

void ms_profile_release(struct ms_profile *p)
{
	size_t i;

	for (i = 0; i < p->nstrings; i++)
		free(p->strings[i].bytes);
	free(p->strings);
	ms_intern_release(&p->string_index);
	free(p->functions);
	ms_intern_release(&p->function_index);
	free(p->locations);
	ms_intern_release(&p->location_index);
	free(p->samples);
	free(p->stack);
	memset(p, 0, sizeof(*p));
}
