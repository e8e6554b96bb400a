/*
 * The speedscope format: speedscope's file format (a JSON document under
 * its $schema), as speedscope.app and its command line open it. Frames
 * are the profile's locations; each value type is a "sampled" profile
 * whose samples are stacks of frame indices, oldest frame first, weighted
 * by bytes (unit "bytes") or blocks (unit "none"). A diff gives the new
 * snapshot's two profiles, then the old one's: speedscope has no negative
 * weights to show growth with.
 */
#include <stdlib.h>
#include <string.h>

#include "json_emit.h"
#include "profile.h"
#include "report.h"

#define SCHEMA "https://www.speedscope.app/file-format-schema.json"

static void put_frames(struct ms_json *j, const struct ms_profile *p)
{
	size_t i;

	ms_json_key(j, "shared");
	ms_json_begin_object(j);
	ms_json_key(j, "frames");
	ms_json_begin_array(j);
	for (i = 0; i < p->nlocations; i++) {
		const struct ms_profile_location *l = &p->locations[i];
		const struct ms_profile_string *name = &p->strings[p->functions[l->function].name];
		const struct ms_profile_string *file = &p->strings[l->file];
		cJSON *o = cJSON_CreateObject();
		o = ms_json_add(o, "name", ms_json_string(name->bytes, name->len));
		o = ms_json_add(o, "file", ms_json_string(file->bytes, file->len));
		o = ms_json_add(o, "line", ms_json_u128(l->lineno));
		ms_json_put(j, o);
	}
	ms_json_end_array(j);
	ms_json_end_object(j);
}

static ms_u128 weight(const struct ms_profile_sample *s, bool bytes)
{
	return bytes ? s->size : s->count;
}

/* The profile of one value type of the base snapshot's samples or the others. */
static void put_profile(struct ms_json *j, const struct ms_profile *p, const char *snapshot,
			bool base, bool bytes)
{
	const char *type = bytes ? ": inuse_space" : ": inuse_objects";
	size_t i, k, n = strlen(snapshot);
	char *name = malloc(n + strlen(type) + 1);
	ms_u128 total = 0;

	if (name) {
		memcpy(name, snapshot, n);
		strcpy(name + n, type);
	}
	for (i = 0; i < p->nsamples; i++)
		if (p->samples[i].base == base)
			total += weight(&p->samples[i], bytes);
	ms_json_begin_object(j);
	ms_json_member(j, "type", ms_json_cstring("sampled"));
	ms_json_member(j, "name", name ? ms_json_fsname(name) : NULL);
	ms_json_member(j, "unit", ms_json_cstring(bytes ? "bytes" : "none"));
	ms_json_member(j, "startValue", ms_json_u128(0));
	ms_json_member(j, "endValue", ms_json_u128(total));
	ms_json_key(j, "samples");
	ms_json_begin_array(j);
	for (i = 0; i < p->nsamples; i++) {
		const struct ms_profile_sample *s = &p->samples[i];
		cJSON *stack;
		if (s->base != base)
			continue;
		stack = cJSON_CreateArray();
		for (k = s->nframe; k-- > 0;)
			stack = ms_json_add(stack, NULL, ms_json_u128(p->stack[s->first + k]));
		ms_json_put(j, stack);
	}
	ms_json_end_array(j);
	ms_json_key(j, "weights");
	ms_json_begin_array(j);
	for (i = 0; i < p->nsamples; i++)
		if (p->samples[i].base == base)
			ms_json_put(j, ms_json_u128(weight(&p->samples[i], bytes)));
	ms_json_end_array(j);
	ms_json_end_object(j);
	free(name);
}

int ms_write_speedscope_profile(FILE *out, const struct ms_profile_input *in)
{
	struct ms_profile p;
	struct ms_json j;

	if (ms_profile_build(&p, in) < 0) {
		ms_profile_release(&p);
		return -1;
	}
	ms_json_init(&j, out);
	ms_json_begin_object(&j);
	ms_json_member(&j, "$schema", ms_json_cstring(SCHEMA));
	ms_json_member(&j, "exporter", ms_json_cstring("memsnap"));
	ms_json_member(&j, "name", ms_json_fsname(in->name));
	ms_json_member(&j, "activeProfileIndex", ms_json_u128(0));
	put_frames(&j, &p);
	ms_json_key(&j, "profiles");
	ms_json_begin_array(&j);
	put_profile(&j, &p, in->name, false, true);
	put_profile(&j, &p, in->name, false, false);
	if (in->base) {
		put_profile(&j, &p, in->base_name, true, true);
		put_profile(&j, &p, in->base_name, true, false);
	}
	ms_json_end_array(&j);
	ms_json_end_object(&j);
	ms_profile_release(&p);
	return ms_json_finish(&j);
}

int ms_write_speedscope(FILE *out, const struct ms_report *r)
{
	struct ms_profile_input in;

	ms_report_profile_input(r, &in);
	return ms_write_speedscope_profile(out, &in);
}
