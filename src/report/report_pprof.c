/*
 * The pprof format: a gzip-compressed perftools.profiles.Profile as go tool
 * pprof and Pyroscope read it, packed by protobuf-c (profile.proto). Values
 * are inuse_objects/count and inuse_space/bytes, the names of Go's heap
 * profiles, inuse_space the default; each sample carries its domain as the
 * numeric label "domain". A diff is the new snapshot's samples with the
 * old one's negated and labelled pprof::base=true, which is what
 * go tool pprof -diff_base makes of two profiles.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "profile.h"
#include "profile.pb-c.h"
#include "report.h"
#include "utf8.h"

typedef Perftools__Profiles__Profile Profile;
typedef Perftools__Profiles__ValueType ValueType;
typedef Perftools__Profiles__Sample Sample;
typedef Perftools__Profiles__Label Label;
typedef Perftools__Profiles__Mapping Mapping;
typedef Perftools__Profiles__Location Location;
typedef Perftools__Profiles__Line Line;
typedef Perftools__Profiles__Function Function;

/* A protobuf-c output buffer that deflates into a FILE as gzip. */
struct gzip_sink {
	ProtobufCBuffer base;
	z_stream z;
	FILE *out;
	bool failed;
};

static void deflate_into(struct gzip_sink *s, const uint8_t *data, size_t len, int flush)
{
	unsigned char buf[16384];
	int ret;

	s->z.next_in = (Bytef *)data;
	s->z.avail_in = (uInt)len;
	do {
		s->z.next_out = buf;
		s->z.avail_out = sizeof(buf);
		ret = deflate(&s->z, flush);
		if (ret == Z_STREAM_ERROR) {
			s->failed = true;
			return;
		}
		if (fwrite(buf, 1, sizeof(buf) - s->z.avail_out, s->out) !=
		    sizeof(buf) - s->z.avail_out)
			s->failed = true;
	} while (s->z.avail_out == 0 || (flush == Z_FINISH && ret != Z_STREAM_END));
}

static void sink_append(ProtobufCBuffer *buffer, size_t len, const uint8_t *data)
{
	struct gzip_sink *s = (struct gzip_sink *)buffer;

	/* protobuf-c hands over pieces of any length; deflate takes uInt ones */
	while (len && !s->failed) {
		size_t n = len < (1u << 30) ? len : (1u << 30);
		deflate_into(s, data, n, Z_NO_FLUSH);
		data += n;
		len -= n;
	}
}

/* v as a pprof value: int64, saturated. */
static int64_t value_of(ms_u128 v, bool negate)
{
	int64_t x = v > (ms_u128)INT64_MAX ? INT64_MAX : (int64_t)v;

	return negate ? -x : x;
}

/* Everything the packed message points to, allocated in one go each. */
struct message {
	Profile profile;
	ValueType types[2];
	Mapping mapping;
	Mapping *mapping_ptr;
	ValueType *type_ptrs[2];
	ProtobufCBinaryData *strings;
	Function *functions;
	Function **function_ptrs;
	Location *locations;
	Location **location_ptrs;
	Line *lines;
	Line **line_ptrs;
	Sample *samples;
	Sample **sample_ptrs;
	uint64_t *location_ids;
	int64_t *values;
	Label *labels; /* the domain of each sample, then pprof::base */
	Label **label_ptrs;
};

static void message_release(struct message *m, size_t nstrings)
{
	size_t i;

	for (i = 0; m->strings && i < nstrings; i++)
		free(m->strings[i].data);
	free(m->strings);
	free(m->functions);
	free(m->function_ptrs);
	free(m->locations);
	free(m->location_ptrs);
	free(m->lines);
	free(m->line_ptrs);
	free(m->samples);
	free(m->sample_ptrs);
	free(m->location_ids);
	free(m->values);
	free(m->labels);
	free(m->label_ptrs);
}

/* The string table: names as Python prints them, surrogate escapes back to bytes. */
static int fill_strings(struct message *m, const struct ms_profile *p)
{
	size_t i;

	m->strings = calloc(p->nstrings, sizeof(*m->strings));
	if (!m->strings)
		return -1;
	for (i = 0; i < p->nstrings; i++) {
		m->strings[i].data = malloc(p->strings[i].len + 1);
		if (!m->strings[i].data)
			return -1;
		m->strings[i].len = ms_utf8_fsencode((char *)m->strings[i].data,
						     p->strings[i].bytes, p->strings[i].len);
	}
	m->profile.n_string_table = p->nstrings;
	m->profile.string_table = m->strings;
	return 0;
}

static int fill_functions(struct message *m, const struct ms_profile *p)
{
	size_t i, n = p->nfunctions ? p->nfunctions : 1;

	m->functions = malloc(n * sizeof(*m->functions));
	m->function_ptrs = malloc(n * sizeof(*m->function_ptrs));
	if (!m->functions || !m->function_ptrs)
		return -1;
	for (i = 0; i < p->nfunctions; i++) {
		Function *f = &m->functions[i];
		perftools__profiles__function__init(f);
		f->id = i + 1;
		/*
		 * No system_name: pprof would "demangle" a system name equal to
		 * the name, cutting <...> out of "<string>:1" as if it were a
		 * C++ template argument.
		 */
		f->name = p->functions[i].name;
		f->filename = p->functions[i].file;
		m->function_ptrs[i] = f;
	}
	m->profile.n_function = p->nfunctions;
	m->profile.function = m->function_ptrs;
	return 0;
}

static int fill_locations(struct message *m, const struct ms_profile *p)
{
	size_t i, n = p->nlocations ? p->nlocations : 1;

	m->locations = malloc(n * sizeof(*m->locations));
	m->location_ptrs = malloc(n * sizeof(*m->location_ptrs));
	m->lines = malloc(n * sizeof(*m->lines));
	m->line_ptrs = malloc(n * sizeof(*m->line_ptrs));
	if (!m->locations || !m->location_ptrs || !m->lines || !m->line_ptrs)
		return -1;
	for (i = 0; i < p->nlocations; i++) {
		Location *l = &m->locations[i];
		perftools__profiles__location__init(l);
		perftools__profiles__line__init(&m->lines[i]);
		m->lines[i].function_id = p->locations[i].function + 1;
		m->lines[i].line = p->locations[i].lineno;
		m->line_ptrs[i] = &m->lines[i];
		l->id = i + 1;
		l->mapping_id = 1;
		l->n_line = 1;
		l->line = &m->line_ptrs[i];
		m->location_ptrs[i] = l;
	}
	m->profile.n_location = p->nlocations;
	m->profile.location = m->location_ptrs;
	return 0;
}

/* The labels' strings. */
struct label_names {
	uint32_t domain, id, base, true_str;
};

static int fill_samples(struct message *m, const struct ms_profile *p, const struct label_names *ln)
{
	size_t i, k, n = p->nsamples ? p->nsamples : 1;
	Label *base_label;

	m->samples = malloc(n * sizeof(*m->samples));
	m->sample_ptrs = malloc(n * sizeof(*m->sample_ptrs));
	m->location_ids = malloc((p->nstack ? p->nstack : 1) * sizeof(*m->location_ids));
	m->values = malloc(2 * n * sizeof(*m->values));
	m->labels = malloc((n + 1) * sizeof(*m->labels));
	m->label_ptrs = malloc(2 * n * sizeof(*m->label_ptrs));
	if (!m->samples || !m->sample_ptrs || !m->location_ids || !m->values || !m->labels ||
	    !m->label_ptrs)
		return -1;
	for (k = 0; k < p->nstack; k++)
		m->location_ids[k] = (uint64_t)p->stack[k] + 1;
	base_label = &m->labels[n];
	perftools__profiles__label__init(base_label);
	base_label->key = ln->base;
	base_label->str = ln->true_str;
	for (i = 0; i < p->nsamples; i++) {
		const struct ms_profile_sample *ps = &p->samples[i];
		Sample *s = &m->samples[i];
		Label *domain = &m->labels[i];
		perftools__profiles__sample__init(s);
		s->n_location_id = ps->nframe;
		s->location_id = m->location_ids + ps->first;
		s->n_value = 2;
		s->value = m->values + 2 * i;
		s->value[0] = value_of(ps->count, ps->base);
		s->value[1] = value_of(ps->size, ps->base);
		perftools__profiles__label__init(domain);
		domain->key = ln->domain;
		domain->num = ps->domain;
		/* pprof drops a numeric label of 0 that has no unit */
		domain->num_unit = ln->id;
		s->label = m->label_ptrs + 2 * i;
		s->label[0] = domain;
		if (ps->base)
			s->label[1] = base_label;
		s->n_label = ps->base ? 2 : 1;
		m->sample_ptrs[i] = s;
	}
	m->profile.n_sample = p->nsamples;
	m->profile.sample = m->sample_ptrs;
	return 0;
}

static int pack(FILE *out, const Profile *profile)
{
	struct gzip_sink sink = {{NULL}, {0}, out, false};

	sink.base.append = sink_append;
	/*
	 * 15 + 16: a gzip wrapper (with no name and no time: the same bytes
	 * each run); the fastest level, as Go's runtime/pprof writes them
	 */
	if (deflateInit2(&sink.z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK) {
		errno = ENOMEM;
		return -1;
	}
	perftools__profiles__profile__pack_to_buffer(profile, &sink.base);
	if (!sink.failed)
		deflate_into(&sink, NULL, 0, Z_FINISH);
	deflateEnd(&sink.z);
	return sink.failed || ferror(out) ? -1 : 0;
}

int ms_write_pprof_profile(FILE *out, const struct ms_profile_input *in)
{
	struct ms_profile p;
	struct message m;
	struct label_names ln;
	uint32_t objects, count, space, bytes, file;
	size_t nstrings = 0;
	int ret = -1;

	memset(&m, 0, sizeof(m));
	if (ms_profile_build(&p, in) < 0)
		goto out;
	objects = ms_profile_string(&p, "inuse_objects", 13);
	count = ms_profile_string(&p, "count", 5);
	space = ms_profile_string(&p, "inuse_space", 11);
	bytes = ms_profile_string(&p, "bytes", 5);
	ln.domain = ms_profile_string(&p, "domain", 6);
	ln.id = ms_profile_string(&p, "id", 2);
	ln.base = ms_profile_string(&p, "pprof::base", 11);
	ln.true_str = ms_profile_string(&p, "true", 4);
	file = ms_profile_fsname(&p, in->name);
	if (objects == MS_NO_ID || count == MS_NO_ID || space == MS_NO_ID || bytes == MS_NO_ID ||
	    ln.domain == MS_NO_ID || ln.id == MS_NO_ID || ln.base == MS_NO_ID ||
	    ln.true_str == MS_NO_ID || file == MS_NO_ID)
		goto nomem;
	nstrings = p.nstrings;
	perftools__profiles__profile__init(&m.profile);
	perftools__profiles__value_type__init(&m.types[0]);
	perftools__profiles__value_type__init(&m.types[1]);
	m.types[0].type = objects;
	m.types[0].unit = count;
	m.types[1].type = space;
	m.types[1].unit = bytes;
	m.type_ptrs[0] = &m.types[0];
	m.type_ptrs[1] = &m.types[1];
	m.profile.n_sample_type = 2;
	m.profile.sample_type = m.type_ptrs;
	m.profile.default_sample_type = space;
	/* one mapping, the snapshot, that says the names are known: nothing to symbolize */
	perftools__profiles__mapping__init(&m.mapping);
	m.mapping.id = 1;
	m.mapping.filename = file;
	m.mapping.has_functions = m.mapping.has_filenames = m.mapping.has_line_numbers = 1;
	m.mapping_ptr = &m.mapping;
	m.profile.n_mapping = 1;
	m.profile.mapping = &m.mapping_ptr;
	if (fill_strings(&m, &p) < 0 || fill_functions(&m, &p) < 0 || fill_locations(&m, &p) < 0 ||
	    fill_samples(&m, &p, &ln) < 0)
		goto nomem;
	ret = pack(out, &m.profile);
	goto out;
nomem:
	errno = ENOMEM;
out:
	message_release(&m, nstrings);
	ms_profile_release(&p);
	return ret;
}

int ms_write_pprof(FILE *out, const struct ms_report *r)
{
	struct ms_profile_input in;

	ms_report_profile_input(r, &in);
	return ms_write_pprof_profile(out, &in);
}
