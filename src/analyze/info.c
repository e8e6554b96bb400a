/* Counting what a snapshot holds, and printing it; see info.h. */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "grow.h"
#include "info.h"
#include "format128.h"
#include "snapshot_internal.h"
#include "sort.h"
#include "fail.h"

static int compare_domains(const void *pa, const void *pb, void *ctx)
{
	const struct ms_info_domain *a = pa, *b = pb;

	(void)ctx;
	return (a->domain > b->domain) - (a->domain < b->domain);
}

/* Sums per domain through an interning table keyed by the domain. */
static int count_domains(struct ms_info *info, const struct ms_snapshot *snap)
{
	struct ms_intern index = {0};
	size_t alloc = 0, i;
	int ret = -1;

	for (i = 0; i < snap->traces_nr; i++) {
		uint32_t d = snap->trace_domain[i], h = ms_hash_mix(0, d);
		uint32_t id = ms_intern_first(&index, h);
		while (id != MS_NO_ID && info->domains[id].domain != d)
			id = ms_intern_next(&index, id);
		if (id == MS_NO_ID) {
			id = index.nr;
			if (MS_GROW(info->domains, (size_t)id + 1, alloc) < 0 ||
			    ms_intern_add(&index, h) < 0)
				goto out;
			memset(&info->domains[id], 0, sizeof(info->domains[id]));
			info->domains[id].domain = d;
			info->ndomains++;
		}
		info->domains[id].count++;
		info->domains[id].size += snap->trace_size[i];
	}
	ret = ms_sort(info->domains, info->ndomains, sizeof(*info->domains), compare_domains, NULL);
out:
	ms_intern_release(&index);
	return ret;
}

/* Marks what the traces use: tracebacks, then their frames, then files. */
static int count_used(struct ms_info *info, const struct ms_snapshot *snap)
{
	size_t ntb = snap->traceback_index.nr, i;
	char *tb = calloc(ntb + 1, 1), *frame = calloc(snap->frame_index.nr + 1, 1);
	char *file = calloc(snap->string_index.nr + 1, 1);
	uint32_t k;
	int ret = -1;

	if (!tb || !frame || !file)
		goto out;
	for (i = 0; i < snap->traces_nr; i++) {
		uint32_t t = snap->trace_traceback[i];
		uint32_t n = snap->tracebacks[t].nframe;
		if (snap->trace_nframe[i] > n)
			info->truncated++;
		if (snap->trace_nframe[i] > info->max_total_nframe)
			info->max_total_nframe = snap->trace_nframe[i];
		if (tb[t])
			continue;
		tb[t] = 1;
		info->tracebacks++;
		if (n > info->max_nframe) {
			info->max_nframe = n;
			info->deepest = t;
		}
		for (k = 0; k < n; k++) {
			uint32_t f = ms_traceback_frame(snap, &snap->tracebacks[t], (uint32_t)k);
			info->frames += !frame[f];
			frame[f] = 1;
			info->files += !file[snap->frames[f].file];
			file[snap->frames[f].file] = 1;
		}
	}
	ret = 0;
out:
	free(tb);
	free(frame);
	free(file);
	return ret;
}

int ms_info_compute(struct ms_info *info, const struct ms_snapshot *snap, struct ms_error *err)
{
	size_t i;

	memset(info, 0, sizeof(*info));
	if (ms_snapshot_need_traces(snap, err))
		return MS_ERR_USAGE;
	info->snap = snap;
	info->count = snap->traces_nr;
	for (i = 0; i < snap->traces_nr; i++)
		info->size += snap->trace_size[i];
	if (count_domains(info, snap) < 0 || count_used(info, snap) < 0) {
		ms_info_release(info);
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	}
	return MS_OK;
}

void ms_info_release(struct ms_info *info)
{
	free(info->domains);
	info->domains = NULL;
	info->ndomains = 0;
}

const char *ms_info_python(const struct ms_snapshot_origin *o)
{
	bool pickle = !strcmp(o->format, "pickle");

	if (o->trace_arity == 4)
		return "3.9 or later";
	if (o->trace_arity == 3)
		return !pickle ? "3.6 to 3.8" : o->protocol == 5 ? "3.8" : "3.6 or 3.7";
	if (pickle && o->protocol == 5)
		return "3.8 or later";
	if (pickle && o->protocol == 4)
		return "3.6 or 3.7";
	return "unknown";
}

static void put_size(FILE *out, ms_u128 size)
{
	char num[41], text[MS_SIZE_TEXT_MAX];

	ms_format_size(text, ms_u128_to_double(size), false);
	fprintf(out, "%s B (%s)", ms_u128_text(num, size), text);
}

int ms_info_write_text(FILE *out, const char *name, const struct ms_info *info, bool blank)
{
	struct ms_snapshot_origin o = ms_snapshot_origin(info->snap);
	size_t i;

	fprintf(out, "%sfile: %s\n", blank ? "\n" : "", name);
	fprintf(out, "format: %s", o.format);
	if (o.protocol)
		fprintf(out, ", protocol %d", o.protocol);
	fprintf(out, "%s\n", o.compression ? ", gzip-compressed" : "");
	fprintf(out, "python: %s", ms_info_python(&o));
	if (o.trace_arity)
		fprintf(out, " (traces of %d fields)", o.trace_arity);
	fprintf(out, "\ntraceback_limit: %lld\n",
		(long long)ms_snapshot_traceback_limit(info->snap));
	fprintf(out, "traces: %llu\nsize: ", (unsigned long long)info->count);
	put_size(out, info->size);
	fprintf(out, "\ndomains: %zu\n", info->ndomains);
	for (i = 0; i < info->ndomains; i++) {
		fprintf(out, "  domain %u: %llu trace%s, ", info->domains[i].domain,
			(unsigned long long)info->domains[i].count,
			ms_plural(info->domains[i].count));
		put_size(out, info->domains[i].size);
		fputc('\n', out);
	}
	fprintf(out, "files: %zu\nframes: %zu\ntracebacks: %zu\n", info->files, info->frames,
		info->tracebacks);
	fprintf(out, "deepest traceback: %u frame%s\n", info->max_nframe,
		ms_plural(info->max_nframe));
	fprintf(out, "truncated: %llu trace%s", (unsigned long long)info->truncated,
		ms_plural(info->truncated));
	if (info->truncated)
		fprintf(out, " (total_nframe up to %u)", info->max_total_nframe);
	fputc('\n', out);
	return ms_write_status(out);
}

void ms_info_write_json(struct ms_json *j, const char *name, const struct ms_info *info)
{
	struct ms_snapshot_origin o = ms_snapshot_origin(info->snap);
	size_t i;

	ms_json_begin_object(j);
	ms_json_member(j, "file", ms_json_fsname(name));
	ms_json_member(j, "format", ms_json_cstring(o.format));
	ms_json_member(j, "protocol",
		       o.protocol ? ms_json_u128((ms_u128)o.protocol) : cJSON_CreateNull());
	ms_json_member(j, "compression",
		       o.compression ? ms_json_cstring(o.compression) : cJSON_CreateNull());
	ms_json_member(j, "python", ms_json_cstring(ms_info_python(&o)));
	ms_json_member(j, "trace_fields",
		       o.trace_arity ? ms_json_u128((ms_u128)o.trace_arity) : cJSON_CreateNull());
	ms_json_member(j, "traceback_limit",
		       ms_json_u128((ms_u128)ms_snapshot_traceback_limit(info->snap)));
	ms_json_member(j, "traces", ms_json_u128(info->count));
	ms_json_member(j, "size", ms_json_u128(info->size));
	ms_json_key(j, "domains");
	ms_json_begin_array(j);
	for (i = 0; i < info->ndomains; i++) {
		cJSON *d = cJSON_CreateObject();
		d = ms_json_add(d, "domain", ms_json_u128(info->domains[i].domain));
		d = ms_json_add(d, "traces", ms_json_u128(info->domains[i].count));
		d = ms_json_add(d, "size", ms_json_u128(info->domains[i].size));
		ms_json_put(j, d);
	}
	ms_json_end_array(j);
	ms_json_member(j, "files", ms_json_u128(info->files));
	ms_json_member(j, "frames", ms_json_u128(info->frames));
	ms_json_member(j, "tracebacks", ms_json_u128(info->tracebacks));
	ms_json_key(j, "deepest_traceback");
	ms_json_begin_object(j);
	ms_json_member(j, "nframe", ms_json_u128(info->max_nframe));
	ms_json_member(j, "traceback",
		       info->max_nframe
			   ? ms_json_traceback(info->snap, MS_KEY_TRACEBACK, info->deepest)
			   : cJSON_CreateNull());
	ms_json_end_object(j);
	ms_json_member(j, "truncated_traces", ms_json_u128(info->truncated));
	ms_json_member(j, "max_total_nframe", ms_json_u128(info->max_total_nframe));
	ms_json_end_object(j);
}
