/*
 * The JSON snapshot reader: a pull parser over the bytes that knows the
 * schema, not a general JSON tree. Memory stays a small multiple of what
 * the snapshot holds, integers are exact up to 2**64-1 (a double would
 * round sizes above 2**53), and every error names the byte offset and the
 * JSON path of the value at fault: "traces[3].traceback[0].lineno".
 * Nesting is bounded by the schema, so nothing here recurses on input.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "grow.h"
#include "json_read.h"
#include "platform.h"
#include "snapshot_internal.h"
#include "utf8.h"

#define MAX_PATH 6

struct reader {
	const unsigned char *buf;
	size_t len, pos;
	struct ms_snapshot *snap;
	struct ms_error *err;

	/* Where the value being read sits: member names and array indices. */
	struct {
		const char *key; /* NULL: index */
		size_t index;
	} path[MAX_PATH];
	int depth;

	char *str; /* the string just read, decoded */
	size_t str_len, str_alloc;

	uint32_t *table; /* "tracebacks": JSON index -> traceback id */
	size_t table_nr, table_alloc;
	uint32_t *frames; /* the traceback being read, oldest frame first */
	size_t frames_nr, frames_alloc;

	size_t total_nframe_at; /* offset of the first total_nframe, or 0 */
};

MS_PRINTF(3, 4) static int fail(struct reader *r, size_t offset, const char *fmt, ...)
{
	char where[160] = "";
	size_t o = 0;
	va_list ap;
	int i;

	if (!r->err)
		return MS_ERR_FORMAT;
	for (i = 0; i < r->depth && o < sizeof(where) - 24; i++) {
		int n = r->path[i].key
			    ? snprintf(where + o, sizeof(where) - o, "%s%s", i ? "." : "",
				       r->path[i].key)
			    : snprintf(where + o, sizeof(where) - o, "[%zu]", r->path[i].index);
		o += (size_t)n;
	}
	r->err->status = MS_ERR_FORMAT;
	r->err->offset = offset;
	r->err->opcode = NULL;
	o = (size_t)snprintf(r->err->message, sizeof(r->err->message), "%s%s", where,
			     r->depth ? ": " : "");
	if (o < sizeof(r->err->message)) {
		va_start(ap, fmt);
		vsnprintf(r->err->message + o, sizeof(r->err->message) - o, fmt, ap);
		va_end(ap);
	}
	return MS_ERR_FORMAT;
}

static int nomem(struct reader *r)
{
	return ms_fail(r->err, MS_ERR_NOMEM, "out of memory at offset %zu", r->pos);
}

static void push_key(struct reader *r, const char *key)
{
	r->path[r->depth].key = key;
	r->depth++;
}

static void push_index(struct reader *r, size_t index)
{
	r->path[r->depth].key = NULL;
	r->path[r->depth].index = index;
	r->depth++;
}

static void skip_ws(struct reader *r)
{
	while (r->pos < r->len && (r->buf[r->pos] == ' ' || r->buf[r->pos] == '\t' ||
				   r->buf[r->pos] == '\n' || r->buf[r->pos] == '\r'))
		r->pos++;
}

static int peek(struct reader *r)
{
	skip_ws(r);
	return r->pos < r->len ? r->buf[r->pos] : -1;
}

/* "is a string, not an integer", for the value at the current position. */
static int type_fail(struct reader *r, const char *wanted)
{
	int c = peek(r);
	const char *is = c == '"'			      ? "a string"
			 : c == '{'			      ? "an object"
			 : c == '['			      ? "an array"
			 : c == '-' || (c >= '0' && c <= '9') ? "a number"
			 : c == 't' || c == 'f'		      ? "a boolean"
			 : c == 'n'			      ? "null"
			 : c < 0			      ? "missing (the file ends)"
							      : NULL;

	if (!is)
		return fail(r, r->pos, "is not JSON (byte 0x%02x), not %s", c, wanted);
	return fail(r, r->pos, "is %s, not %s", is, wanted);
}

bool ms_json_detect(const void *buf, size_t len)
{
	const unsigned char *s = buf;
	size_t i = len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3) ? 3 : 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i < len && s[i] == '{';
}

static int append(struct reader *r, const void *p, size_t n)
{
	if (MS_GROW(r->str, r->str_len + n, r->str_alloc) < 0)
		return nomem(r);
	memcpy(r->str + r->str_len, p, n);
	r->str_len += n;
	return 0;
}

static int hex4(struct reader *r, size_t at, uint32_t *out)
{
	uint32_t v = 0;
	size_t i;

	if (r->len - at < 4)
		return fail(r, at, "\\u escape ends early");
	for (i = at; i < at + 4; i++) {
		int c = r->buf[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return fail(r, at - 2, "\\u escape with a non-hexadecimal digit");
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return 0;
}

/* A code point as UTF-8; a lone surrogate takes three bytes, as in Python. */
static int append_code_point(struct reader *r, uint32_t c)
{
	unsigned char b[4];
	size_t n;

	if (c < 0x80) {
		b[0] = (unsigned char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (unsigned char)(0xc0 | c >> 6);
		b[1] = (unsigned char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (unsigned char)(0xe0 | c >> 12);
		b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		b[2] = (unsigned char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | c >> 18);
		b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
		b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		b[3] = (unsigned char)(0x80 | (c & 0x3f));
		n = 4;
	}
	return append(r, b, n);
}

static int read_escape(struct reader *r)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	size_t at = r->pos;
	uint32_t c, lo;
	const char *p;

	if (at + 1 >= r->len)
		return fail(r, at, "string ends inside an escape");
	p = strchr(from, r->buf[at + 1]);
	if (p && r->buf[at + 1]) {
		r->pos += 2;
		return append(r, &to[p - from], 1);
	}
	if (r->buf[at + 1] != 'u')
		return fail(r, at, "invalid escape '\\%c' in a string", r->buf[at + 1]);
	if (hex4(r, at + 2, &c))
		return MS_ERR_FORMAT;
	r->pos += 6;
	/* A high surrogate followed by a low one is one code point, as in Python. */
	if (c >= 0xd800 && c <= 0xdbff && r->len - r->pos >= 6 && r->buf[r->pos] == '\\' &&
	    r->buf[r->pos + 1] == 'u') {
		if (hex4(r, r->pos + 2, &lo))
			return MS_ERR_FORMAT;
		if (lo >= 0xdc00 && lo <= 0xdfff) {
			c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
			r->pos += 6;
		}
	}
	return append_code_point(r, c);
}

/* Reads a string into r->str; bytes must be UTF-8 (surrogates escaped). */
static int read_string(struct reader *r, const char *what)
{
	size_t start = r->pos, run, valid;

	if (peek(r) != '"')
		return type_fail(r, what);
	start = r->pos++;
	r->str_len = 0;
	for (;;) {
		if (r->pos >= r->len)
			return fail(r, start, "string has no closing quote");
		if (r->buf[r->pos] == '"')
			break;
		if (r->buf[r->pos] < 0x20)
			return fail(r, r->pos,
				    "control character 0x%02x in a string must be escaped",
				    r->buf[r->pos]);
		if (r->buf[r->pos] == '\\') {
			if (read_escape(r))
				return MS_ERR_FORMAT;
			continue;
		}
		for (run = r->pos; run < r->len && r->buf[run] != '"' && r->buf[run] != '\\' &&
				   r->buf[run] >= 0x20;
		     run++)
			;
		valid = ms_utf8_strict_prefix(r->buf + r->pos, run - r->pos);
		if (valid < run - r->pos)
			return fail(r, r->pos + valid, "invalid UTF-8 in a string");
		if (append(r, r->buf + r->pos, run - r->pos))
			return MS_ERR_NOMEM;
		r->pos = run;
	}
	r->pos++;
	if (r->str_len > UINT32_MAX)
		return fail(r, start, "string of %zu bytes is too long", r->str_len);
	return 0;
}

/* A JSON number that must be an integer in 0..max. */
static int read_uint(struct reader *r, uint64_t max, uint64_t *out)
{
	size_t start;
	uint64_t v = 0;
	int c = peek(r);

	start = r->pos;
	if (c == '-')
		return fail(r, start, "is negative, not an integer from 0 to %llu",
			    (unsigned long long)max);
	if (c < '0' || c > '9')
		return type_fail(r, "an integer");
	if (c == '0' && r->pos + 1 < r->len && r->buf[r->pos + 1] >= '0' &&
	    r->buf[r->pos + 1] <= '9')
		return fail(r, start, "number has a leading zero");
	for (; r->pos < r->len && r->buf[r->pos] >= '0' && r->buf[r->pos] <= '9'; r->pos++) {
		unsigned d = r->buf[r->pos] - '0';
		if (v > max / 10 || (v == max / 10 && d > max % 10)) {
			while (r->pos < r->len && r->buf[r->pos] >= '0' && r->buf[r->pos] <= '9')
				r->pos++;
			return fail(r, start, "%.*s exceeds %llu", (int)(r->pos - start),
				    (const char *)r->buf + start, (unsigned long long)max);
		}
		v = v * 10 + d;
	}
	if (r->pos < r->len &&
	    (r->buf[r->pos] == '.' || r->buf[r->pos] == 'e' || r->buf[r->pos] == 'E'))
		return fail(r, start, "is not an integer");
	*out = v;
	return 0;
}

/* Container walking: *n counts the items read so far. */
static int open_container(struct reader *r, int c, const char *what, size_t *n)
{
	if (peek(r) != c)
		return type_fail(r, what);
	r->pos++;
	*n = 0;
	return 0;
}

/*
 * Before the next item of an array or object: past its ',' (none before
 * the first), or past the closing character, *more then being false.
 */
static int next_item(struct reader *r, int close, size_t *n, bool *more)
{
	int c = peek(r);

	*more = c != close;
	if (!*more) {
		r->pos++;
		return 0;
	}
	if ((*n)++) {
		if (c != ',')
			return fail(r, r->pos, "expected ',' or '%c' after %s", close,
				    close == ']' ? "an array element" : "an object member");
		r->pos++;
	}
	return 0;
}

/* Reads an array, calling each() on every element with its index on the path. */
static int read_array(struct reader *r, const char *what, int (*each)(struct reader *r, void *ctx),
		      void *ctx)
{
	size_t n;
	bool more;
	int status;

	if (open_container(r, '[', what, &n))
		return MS_ERR_FORMAT;
	for (;;) {
		if (next_item(r, ']', &n, &more))
			return MS_ERR_FORMAT;
		if (!more)
			return 0;
		push_index(r, n - 1);
		status = each(r, ctx);
		if (status)
			return status;
		r->depth--;
	}
}

/* An object being read, whose members must be among names. */
struct object {
	const char *const *names;
	int nnames;
	unsigned seen; /* one bit per name */
	size_t n;      /* members so far */
	size_t at;     /* offset of its '{' */
};

static int open_object(struct reader *r, struct object *o, const char *const *names, int nnames,
		       const char *what)
{
	o->names = names;
	o->nnames = nnames;
	o->seen = 0;
	if (open_container(r, '{', what, &o->n))
		return MS_ERR_FORMAT;
	o->at = r->pos - 1;
	return 0;
}

/*
 * Past the next member's name and ':': returns its index in names, having
 * pushed the name on the path (the caller pops it after reading the
 * value); -1 past the closing '}'; -2 after an error, an unknown or
 * repeated name among them.
 */
static int next_member(struct reader *r, struct object *o)
{
	size_t key_at;
	bool more;
	char q[48];
	int k;

	if (next_item(r, '}', &o->n, &more))
		return -2;
	if (!more)
		return -1;
	if (peek(r) != '"') {
		fail(r, r->pos, "expected a member name in double quotes");
		return -2;
	}
	key_at = r->pos;
	if (read_string(r, "a member name"))
		return -2;
	if (peek(r) != ':') {
		fail(r, r->pos, "expected ':' after a member name");
		return -2;
	}
	r->pos++;
	for (k = 0; k < o->nnames; k++) {
		if (r->str_len != strlen(o->names[k]) || memcmp(r->str, o->names[k], r->str_len))
			continue;
		if (o->seen & 1u << k) {
			fail(r, key_at, "member \"%s\" appears twice", o->names[k]);
			return -2;
		}
		o->seen |= 1u << k;
		push_key(r, o->names[k]);
		skip_ws(r);
		return k;
	}
	/* a key from the file: escaped, so the message stays one plain line */
	ms_quote(q, sizeof(q), r->str, r->str_len);
	fail(r, key_at, "unknown member \"%s\"", q);
	return -2;
}

/* After the '}': an error naming the first of the required members missing. */
static int check_required(struct reader *r, const struct object *o, unsigned required)
{
	int k;

	for (k = 0; k < o->nnames; k++)
		if ((required & 1u << k) && !(o->seen & 1u << k))
			return fail(r, o->at, "object lacks member \"%s\"", o->names[k]);
	return 0;
}

enum { F_FILENAME, F_LINENO, NFRAME_KEYS };
static const char *const frame_keys[] = {"filename", "lineno"};

static int read_frame(struct reader *r, uint32_t *out)
{
	struct object o;
	uint32_t file = 0;
	uint64_t lineno = 0;
	int k = -1, status = 0;

	if (open_object(r, &o, frame_keys, NFRAME_KEYS, "a frame object"))
		return MS_ERR_FORMAT;
	while (!status && (k = next_member(r, &o)) >= 0) {
		if (k == F_FILENAME) {
			status = read_string(r, "a string");
			if (!status) {
				file = ms_snapshot_intern_string(r->snap, r->str,
								 (uint32_t)r->str_len);
				if (file == MS_NO_ID)
					status = nomem(r);
			}
		} else {
			status = read_uint(r, UINT32_MAX, &lineno);
		}
		r->depth--;
	}
	if (status || k == -2 || check_required(r, &o, 1u << F_FILENAME | 1u << F_LINENO))
		return status ? status : MS_ERR_FORMAT;
	*out = ms_snapshot_intern_frame(r->snap, file, (uint32_t)lineno);
	return *out == MS_NO_ID ? nomem(r) : 0;
}

static int frame_element(struct reader *r, void *ctx)
{
	uint32_t id;

	(void)ctx;
	if (read_frame(r, &id))
		return MS_ERR_FORMAT;
	if (MS_GROW(r->frames, r->frames_nr + 1, r->frames_alloc) < 0)
		return nomem(r);
	r->frames[r->frames_nr++] = id;
	return 0;
}

/* A traceback: frames oldest first, interned most recent first. */
static int read_traceback(struct reader *r, uint32_t *out)
{
	size_t at, i;
	uint32_t id;

	peek(r);
	at = r->pos;
	r->frames_nr = 0;
	if (read_array(r, "an array of frames or an index into \"tracebacks\"", frame_element,
		       NULL))
		return MS_ERR_FORMAT;
	if (!r->frames_nr)
		return fail(r, at, "traceback has no frames");
	if (r->frames_nr > UINT32_MAX)
		return fail(r, at, "traceback of %zu frames is too deep", r->frames_nr);
	for (i = 0; i < r->frames_nr / 2; i++) {
		id = r->frames[i];
		r->frames[i] = r->frames[r->frames_nr - 1 - i];
		r->frames[r->frames_nr - 1 - i] = id;
	}
	*out = ms_snapshot_intern_traceback(r->snap, r->frames, (uint32_t)r->frames_nr);
	return *out == MS_NO_ID ? nomem(r) : 0;
}

/* An entry of "tracebacks", which traces refer to by its index. */
static int table_element(struct reader *r, void *ctx)
{
	uint32_t id;

	(void)ctx;
	if (read_traceback(r, &id))
		return MS_ERR_FORMAT;
	if (MS_GROW(r->table, r->table_nr + 1, r->table_alloc) < 0)
		return nomem(r);
	r->table[r->table_nr++] = id;
	return 0;
}

enum { T_DOMAIN, T_SIZE, T_TRACEBACK, T_TOTAL_NFRAME, NTRACE_KEYS };
static const char *const trace_keys[] = {"domain", "size", "traceback", "total_nframe"};

static int read_trace(struct reader *r, void *ctx)
{
	struct object o;
	uint64_t domain = 0, size = 0, total = 0, index;
	struct ms_trace t;
	size_t at;
	int k = -1, c, status = 0;

	(void)ctx;
	if (open_object(r, &o, trace_keys, NTRACE_KEYS, "a trace object"))
		return MS_ERR_FORMAT;
	t.traceback = MS_NO_ID;
	while (!status && (k = next_member(r, &o)) >= 0) {
		switch (k) {
		case T_DOMAIN:
			status = read_uint(r, UINT32_MAX, &domain);
			break;
		case T_SIZE:
			status = read_uint(r, UINT64_MAX, &size);
			break;
		case T_TOTAL_NFRAME:
			if (!r->total_nframe_at)
				r->total_nframe_at = r->pos;
			status = read_uint(r, UINT32_MAX, &total);
			break;
		case T_TRACEBACK:
			c = peek(r);
			if (c != '-' && (c < '0' || c > '9')) {
				status = read_traceback(r, &t.traceback);
				break;
			}
			at = r->pos;
			status = read_uint(r, UINT32_MAX, &index);
			if (!status && index >= r->table_nr)
				status = fail(r, at,
					      "index %llu, but \"tracebacks\" has %zu entries "
					      "before \"traces\"",
					      (unsigned long long)index, r->table_nr);
			if (!status)
				t.traceback = r->table[index];
			break;
		}
		r->depth--;
	}
	if (status || k == -2 || check_required(r, &o, 1u << T_SIZE | 1u << T_TRACEBACK))
		return status ? status : MS_ERR_FORMAT;
	t.size = size;
	t.domain = (uint32_t)domain;
	t.total_nframe = o.seen & 1u << T_TOTAL_NFRAME ? (uint32_t)total
						       : r->snap->tracebacks[t.traceback].nframe;
	if (r->snap->traces_nr >= UINT32_MAX - 1)
		return fail(r, o.at, "more than %u traces", UINT32_MAX - 1);
	return ms_snapshot_add_trace(r->snap, &t) < 0 ? nomem(r) : 0;
}

enum { S_VERSION, S_LIMIT, S_FIELDS, S_TRACEBACKS, S_TRACES, NSNAP_KEYS };
static const char *const snap_keys[] = {"memsnap_snapshot", "traceback_limit", "trace_fields",
					"tracebacks", "traces"};

static int read_snapshot(struct reader *r)
{
	struct object o;
	uint64_t v, fields = 0;
	size_t at;
	int k = -1, status = 0;

	if (open_object(r, &o, snap_keys, NSNAP_KEYS, "an object"))
		return MS_ERR_FORMAT;
	while (!status && (k = next_member(r, &o)) >= 0) {
		at = r->pos;
		switch (k) {
		case S_VERSION:
			status = read_uint(r, UINT64_MAX, &v);
			if (!status && v != 1)
				status = fail(r, at, "version %llu is not supported (1 is)",
					      (unsigned long long)v);
			break;
		case S_LIMIT:
			status = read_uint(r, INT64_MAX, &v);
			r->snap->traceback_limit = (int64_t)v;
			break;
		case S_FIELDS:
			status = read_uint(r, UINT64_MAX, &fields);
			if (!status && fields != 3 && fields != 4)
				status =
				    fail(r, at, "is %llu, not 3 or 4", (unsigned long long)fields);
			break;
		case S_TRACEBACKS:
			status = read_array(r, "an array of tracebacks", table_element, NULL);
			break;
		case S_TRACES:
			status = read_array(r, "an array of traces", read_trace, NULL);
			break;
		}
		r->depth--;
	}
	if (status || k == -2 ||
	    check_required(r, &o, 1u << S_VERSION | 1u << S_LIMIT | 1u << S_TRACES))
		return status ? status : MS_ERR_FORMAT;
	if (fields == 3 && r->total_nframe_at) {
		r->depth = 0;
		return fail(r, r->total_nframe_at,
			    "total_nframe given, but \"trace_fields\" is 3 (traces of Python "
			    "3.6 to 3.8 have none)");
	}
	/* without "trace_fields", traces have 4 fields (if there are any) */
	r->snap->origin.trace_arity = fields ? (int)fields : r->snap->traces_nr ? 4 : 0;
	return 0;
}

int ms_json_read(struct ms_snapshot *snap, const void *buf, size_t len, struct ms_error *err)
{
	struct reader r;
	int status;

	memset(&r, 0, sizeof(r));
	r.buf = buf;
	r.len = len;
	r.snap = snap;
	r.err = err;
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		r.pos = 3;
	status = read_snapshot(&r);
	if (!status && peek(&r) >= 0)
		status = fail(&r, r.pos, "more data after the snapshot object");
	free(r.str);
	free(r.table);
	free(r.frames);
	return status;
}
