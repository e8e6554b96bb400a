/*
 * The JSON snapshot reader. cJSON parses the snapshot an element at a
 * time, each traceback of "tracebacks" and each trace of "traces", so that
 * memory holds one element's tree beside the snapshot however long the
 * file; each tree is checked against the schema and freed. What cJSON
 * cannot do is json_token.h's: exact integers, the strings Python writes
 * for undecodable file names, checking raw string bytes, and the byte
 * offset of each value, which every error names with the JSON path of the
 * value at fault: "traces[3].traceback[0].lineno". The few lines of the
 * snapshot object around the two lists are read here, as a stream.
 * Nesting is bounded by the schema, so nothing here recurses on input.
 */
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "grow.h"
#include "json_read.h"
#include "platform.h"
#include "json_token.h"
#include "snapshot_internal.h"
#include "fail.h"

#define MAX_PATH 6

/*
 * cJSON allocates every node and member name of a tree separately, which
 * made a million small trees cost more in malloc() and free() than in
 * parsing. While a reader parses and walks an element its thread hands
 * cJSON pieces of one arena instead, all given back at once after the
 * element; the hooks are installed once, and outside a reader (the JSON
 * writer, another thread) they are malloc() and free().
 */
struct arena {
	struct arena_chunk {
		struct arena_chunk *next;
		size_t used, size;
		_Alignas(max_align_t) unsigned char data[];
	} * chunks;
	struct arena_chunk *current;
	bool failed; /* an allocation failed: cJSON's NULL means no memory, not bad JSON */
};

static _Thread_local struct arena *thread_arena;

static void *arena_malloc(size_t n)
{
	struct arena *a = thread_arena;
	struct arena_chunk *c;
	size_t size;

	if (!a)
		return malloc(n);
	n = (n + _Alignof(max_align_t) - 1) & ~(_Alignof(max_align_t) - 1);
	for (c = a->current; c; c = c->next) {
		if (c->size - c->used >= n) {
			a->current = c;
			c->used += n;
			return c->data + c->used - n;
		}
	}
	size = n > 65536 ? n : 65536;
	c = malloc(sizeof(*c) + size);
	if (!c) {
		a->failed = true;
		return NULL;
	}
	c->next = a->chunks;
	c->used = n;
	c->size = size;
	a->chunks = a->current = c;
	return c->data;
}

static void arena_free(void *p)
{
	if (!thread_arena)
		free(p);
}

/* Every piece given back; the chunks are kept for the next element. */
static void arena_reset(struct arena *a)
{
	struct arena_chunk *c;

	for (c = a->chunks; c; c = c->next)
		c->used = 0;
	a->current = a->chunks;
}

static void arena_release(struct arena *a)
{
	while (a->chunks) {
		struct arena_chunk *next = a->chunks->next;
		free(a->chunks);
		a->chunks = next;
	}
	a->current = NULL;
}

static void install_hooks(void)
{
	cJSON_Hooks hooks = {arena_malloc, arena_free};

	cJSON_InitHooks(&hooks);
}

struct reader {
	struct ms_json_text text; /* the bytes, and the cursor in them */
	struct ms_snapshot *snap;
	struct ms_error *err;

	/* Where the value being read sits: member names and array indices. */
	struct {
		const char *key; /* NULL: index */
		size_t index;
	} path[MAX_PATH];
	int depth;

	uint32_t *table; /* "tracebacks": JSON index -> traceback id */
	size_t table_nr, table_alloc;
	uint32_t *frames; /* the traceback being read, oldest frame first */
	size_t frames_nr, frames_alloc;

	size_t total_nframe_at; /* offset of the first total_nframe, or 0 */
	struct arena arena;	/* for cJSON's trees */
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
	return ms_fail(r->err, MS_ERR_NOMEM, "out of memory at offset %zu", r->text.pos);
}

/* A status of json_token.c's, its error given the path. */
static int text_failed(struct reader *r, int status)
{
	if (status == MS_ERR_NOMEM)
		return nomem(r);
	return status ? fail(r, r->text.error_at, "%s", r->text.error) : 0;
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

static int peek(struct reader *r)
{
	return ms_json_text_peek(&r->text);
}

/* "is a string, not an integer", for the value at the cursor. */
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
		return fail(r, r->text.pos, "is not JSON (byte 0x%02x), not %s", c, wanted);
	return fail(r, r->text.pos, "is %s, not %s", is, wanted);
}

bool ms_json_detect(const void *buf, size_t len)
{
	const unsigned char *s = buf;
	size_t i = len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3) ? 3 : 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i < len && s[i] == '{';
}

/* The integer at the cursor, from 0 to max. */
static int read_uint(struct reader *r, uint64_t max, uint64_t *out)
{
	int c = peek(r);

	if (c != '-' && (c < '0' || c > '9'))
		return type_fail(r, "an integer");
	return text_failed(r, ms_json_text_read_uint(&r->text, max, out));
}

/*
 * cJSON's tree of the element at the cursor, in *tree; the cursor is left
 * at its start and *end is where it ends.
 */
static int parse_element(struct reader *r, const char *what, cJSON **tree, size_t *end)
{
	struct ms_json_text *t = &r->text;
	const char *stop = NULL, *text;
	char *copy;
	size_t start, n;
	bool special;
	int c = peek(r);

	if (c != '{' && c != '[' && c != '"' && c != '-' && (c < '0' || c > '9') && c != 't' &&
	    c != 'f' && c != 'n')
		return type_fail(r, what);
	start = t->pos;
	text = (const char *)t->buf + start;
	*tree = cJSON_ParseWithLengthOpts(text, t->len - start, &stop, false);
	if (*tree) {
		*end = start + (size_t)(stop - text);
		return 0;
	}
	if (thread_arena && thread_arena->failed)
		return nomem(r);
	/* cJSON stopped where the JSON is wrong, or at what only json_token.c reads */
	c = text_failed(r, ms_json_text_scan(t, &special));
	if (c)
		return c;
	*end = t->pos;
	if (!special) {
		t->pos = stop ? start + (size_t)(stop - text) : start;
		c = peek(r);
		return c < 0 ? fail(r, t->pos, "the file ends inside it")
			     : fail(r, t->pos, "invalid JSON at byte 0x%02x", c);
	}
	copy = ms_json_text_plain_copy(t, start, *end, &n);
	t->pos = start;
	if (!copy)
		return nomem(r);
	*tree = cJSON_ParseWithLength(copy, n);
	free(copy);
	if (!*tree && thread_arena && thread_arena->failed)
		return nomem(r);
	return *tree ? 0 : fail(r, start, "invalid JSON");
}

/* Container walking in the text: *n counts the items read so far. */
static int open_container(struct reader *r, int c, const char *what, size_t *n)
{
	if (peek(r) != c)
		return type_fail(r, what);
	r->text.pos++;
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
		r->text.pos++;
		return 0;
	}
	if ((*n)++) {
		if (c != ',')
			return fail(r, r->text.pos, "expected ',' or '%c' after %s", close,
				    close == ']' ? "an array element" : "an object member");
		r->text.pos++;
	}
	return 0;
}

/* Reads an array, calling each() on every element with its index on the path. */
static int read_array(struct reader *r, const char *what, int (*each)(struct reader *r))
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
		status = each(r);
		if (status)
			return status;
		r->depth--;
	}
}

/* A member name the schema knows, with its length. */
struct name {
	const char *name;
	size_t len;
};

#define NAME(s)                                                                                    \
	{                                                                                          \
		s, sizeof(s) - 1                                                                   \
	}

/* An object being read, whose members must be among names. */
struct object {
	const struct name *names;
	int nnames;
	unsigned seen; /* one bit per name */
	size_t n;      /* members so far */
	size_t at;     /* offset of its '{' */
};

static void object_init(struct object *o, const struct name *names, int nnames, size_t at)
{
	o->names = names;
	o->nnames = nnames;
	o->seen = 0;
	o->n = 0;
	o->at = at;
}

/*
 * The index in o->names of a member's name (len bytes, at key_at), pushed
 * on the path (the caller pops it after reading the value); -1 after an
 * error: an unknown or repeated name.
 */
static int member(struct reader *r, struct object *o, const char *name, size_t len, size_t key_at)
{
	char q[48];
	int k;

	for (k = 0; k < o->nnames; k++) {
		if (len != o->names[k].len || memcmp(name, o->names[k].name, len))
			continue;
		if (o->seen & 1u << k) {
			fail(r, key_at, "member \"%s\" appears twice", o->names[k].name);
			return -1;
		}
		o->seen |= 1u << k;
		push_key(r, o->names[k].name);
		return k;
	}
	/* a key from the file: escaped, so the message stays one plain line */
	ms_quote(q, sizeof(q), name, len);
	fail(r, key_at, "unknown member \"%s\"", q);
	return -1;
}

/* After the '}': an error naming the first of the required members missing. */
static int check_required(struct reader *r, const struct object *o, unsigned required)
{
	int k;

	for (k = 0; k < o->nnames; k++)
		if ((required & 1u << k) && !(o->seen & 1u << k))
			return fail(r, o->at, "object lacks member \"%s\"", o->names[k].name);
	return 0;
}

/*
 * Element trees are walked in the order of their text, the cursor moving
 * to each node's token: a container's bracket, a member's name, a value.
 */

/* Past the bracket of a node of this cJSON type, its offset in *at. */
static int open_node(struct reader *r, const cJSON *node, int type, const char *what, size_t *at)
{
	*at = ms_json_text_next(&r->text);
	if ((node->type & 0xff) != type)
		return type_fail(r, what);
	r->text.pos++;
	return 0;
}

/*
 * Past a member's name to its value: member()'s index of the name, read
 * from the text (cJSON's copy ends at a \u0000 and is "" where it could
 * not read the name).
 */
static int node_member(struct reader *r, struct object *o)
{
	struct ms_json_text *t = &r->text;
	size_t key_at = ms_json_text_next(t);
	int k;

	if (!ms_json_text_skip_string(t)) {
		k = member(r, o, (const char *)t->buf + key_at + 1, t->pos - key_at - 2, key_at);
	} else {
		t->pos = key_at;
		if (text_failed(r, ms_json_text_read_string(t)))
			return -1;
		k = member(r, o, t->str, t->str_len, key_at);
	}
	ms_json_text_next(t);
	return k;
}

static int node_uint(struct reader *r, const cJSON *node, uint64_t max, uint64_t *out)
{
	ms_json_text_next(&r->text);
	if (!cJSON_IsNumber(node))
		return type_fail(r, "an integer");
	return text_failed(r, ms_json_text_read_uint(&r->text, max, out));
}

/* A string node: cJSON's value, or the text's where cJSON cannot read it. */
static int node_string(struct reader *r, const cJSON *node, const char **s, size_t *len)
{
	struct ms_json_text *t = &r->text;
	size_t at = ms_json_text_next(t);
	bool special;
	int status;

	if (!cJSON_IsString(node))
		return type_fail(r, "a string");
	status = text_failed(r, ms_json_text_check_string(t, &special));
	if (status)
		return status;
	if (special) {
		t->pos = at;
		status = text_failed(r, ms_json_text_read_string(t));
		if (status)
			return status;
		*s = t->str;
		*len = t->str_len;
	} else {
		*s = node->valuestring;
		*len = strlen(*s);
	}
	if (*len > UINT32_MAX)
		return fail(r, at, "string of %zu bytes is too long", *len);
	return 0;
}

enum { F_FILENAME, F_LINENO, NFRAME_KEYS };
static const struct name frame_keys[] = {NAME("filename"), NAME("lineno")};

static int read_frame(struct reader *r, const cJSON *node, uint32_t *out)
{
	struct object o;
	const cJSON *child;
	uint32_t file = 0;
	uint64_t lineno = 0;
	const char *name = NULL;
	size_t at, len = 0;
	int k, status = 0;

	if (open_node(r, node, cJSON_Object, "a frame object", &at))
		return MS_ERR_FORMAT;
	object_init(&o, frame_keys, NFRAME_KEYS, at);
	for (child = node->child; child && !status; child = child->next) {
		k = node_member(r, &o);
		if (k < 0)
			return MS_ERR_FORMAT;
		if (k == F_FILENAME) {
			status = node_string(r, child, &name, &len);
			if (!status) {
				file = ms_snapshot_intern_string(r->snap, name, (uint32_t)len);
				if (file == MS_NO_ID)
					status = nomem(r);
			}
		} else {
			status = node_uint(r, child, UINT32_MAX, &lineno);
		}
		r->depth--;
	}
	if (status)
		return status;
	if (check_required(r, &o, 1u << F_FILENAME | 1u << F_LINENO))
		return MS_ERR_FORMAT;
	*out = ms_snapshot_intern_frame(r->snap, file, (uint32_t)lineno);
	return *out == MS_NO_ID ? nomem(r) : 0;
}

/* A traceback: frames oldest first, interned most recent first. */
static int read_traceback(struct reader *r, const cJSON *node, uint32_t *out)
{
	const cJSON *child;
	size_t at, i;
	uint32_t id;
	int status;

	if (open_node(r, node, cJSON_Array, "an array of frames or an index into \"tracebacks\"",
		      &at))
		return MS_ERR_FORMAT;
	r->frames_nr = 0;
	for (child = node->child; child; child = child->next) {
		push_index(r, r->frames_nr);
		status = read_frame(r, child, &id);
		if (status)
			return status;
		if (MS_GROW(r->frames, r->frames_nr + 1, r->frames_alloc) < 0)
			return nomem(r);
		r->frames[r->frames_nr++] = id;
		r->depth--;
	}
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

/* Parses the element at the cursor with cJSON, walks it, and moves past it. */
static int read_element(struct reader *r, const char *what,
			int (*walk)(struct reader *r, const cJSON *tree, uint32_t *id),
			uint32_t *id)
{
	cJSON *tree;
	size_t end = r->text.pos; /* where a failed parse leaves the cursor */
	int status;

	thread_arena = &r->arena;
	status = parse_element(r, what, &tree, &end);
	if (!status)
		status = walk(r, tree, id);
	/* the tree is the arena's: given back whole, not node by node */
	thread_arena = NULL;
	arena_reset(&r->arena);
	r->text.pos = end;
	return status;
}

/* An entry of "tracebacks", which traces refer to by its index. */
static int table_element(struct reader *r)
{
	uint32_t id;
	int status = read_element(r, "an array of frames or an index into \"tracebacks\"",
				  read_traceback, &id);

	if (status)
		return status;
	if (MS_GROW(r->table, r->table_nr + 1, r->table_alloc) < 0)
		return nomem(r);
	r->table[r->table_nr++] = id;
	return 0;
}

enum { T_DOMAIN, T_SIZE, T_TRACEBACK, T_TOTAL_NFRAME, NTRACE_KEYS };
static const struct name trace_keys[] = {NAME("domain"), NAME("size"), NAME("traceback"),
					 NAME("total_nframe")};

/* The "traceback" of a trace: an index into "tracebacks", or the frames. */
static int trace_traceback(struct reader *r, const cJSON *node, uint32_t *out)
{
	uint64_t index;
	size_t at;
	int status;

	if (!cJSON_IsNumber(node))
		return read_traceback(r, node, out);
	at = ms_json_text_next(&r->text);
	status = node_uint(r, node, UINT32_MAX, &index);
	if (status)
		return status;
	if (index >= r->table_nr)
		return fail(r, at,
			    "index %llu, but \"tracebacks\" has %zu entries before \"traces\"",
			    (unsigned long long)index, r->table_nr);
	*out = r->table[index];
	return 0;
}

static int read_trace(struct reader *r, const cJSON *node, uint32_t *unused)
{
	struct object o;
	const cJSON *child;
	uint64_t domain = 0, size = 0, total = 0;
	struct ms_trace t;
	size_t at;
	int k, status = 0;

	(void)unused;
	if (open_node(r, node, cJSON_Object, "a trace object", &at))
		return MS_ERR_FORMAT;
	object_init(&o, trace_keys, NTRACE_KEYS, at);
	t.traceback = MS_NO_ID;
	for (child = node->child; child && !status; child = child->next) {
		k = node_member(r, &o);
		if (k < 0)
			return MS_ERR_FORMAT;
		switch (k) {
		case T_DOMAIN:
			status = node_uint(r, child, UINT32_MAX, &domain);
			break;
		case T_SIZE:
			status = node_uint(r, child, UINT64_MAX, &size);
			break;
		case T_TOTAL_NFRAME:
			if (!r->total_nframe_at)
				r->total_nframe_at = ms_json_text_next(&r->text);
			status = node_uint(r, child, UINT32_MAX, &total);
			break;
		case T_TRACEBACK:
			status = trace_traceback(r, child, &t.traceback);
			break;
		}
		r->depth--;
	}
	if (status)
		return status;
	if (check_required(r, &o, 1u << T_SIZE | 1u << T_TRACEBACK))
		return MS_ERR_FORMAT;
	t.size = size;
	t.domain = (uint32_t)domain;
	t.total_nframe = o.seen & 1u << T_TOTAL_NFRAME ? (uint32_t)total
						       : r->snap->tracebacks[t.traceback].nframe;
	if (r->snap->traces_nr >= UINT32_MAX - 1)
		return fail(r, o.at, "more than %u traces", UINT32_MAX - 1);
	return ms_snapshot_add_trace(r->snap, &t) < 0 ? nomem(r) : 0;
}

static int trace_element(struct reader *r)
{
	return read_element(r, "a trace object", read_trace, NULL);
}

/*
 * Past the next member's name and ':' of the snapshot object: its index
 * in names, pushed on the path; -1 past the closing '}'; -2 after an error.
 */
static int next_member(struct reader *r, struct object *o)
{
	size_t key_at;
	bool more;
	int k;

	if (next_item(r, '}', &o->n, &more))
		return -2;
	if (!more)
		return -1;
	if (peek(r) != '"') {
		fail(r, r->text.pos, "expected a member name in double quotes");
		return -2;
	}
	key_at = r->text.pos;
	if (text_failed(r, ms_json_text_read_string(&r->text)))
		return -2;
	if (peek(r) != ':') {
		fail(r, r->text.pos, "expected ':' after a member name");
		return -2;
	}
	r->text.pos++;
	k = member(r, o, r->text.str, r->text.str_len, key_at);
	peek(r);
	return k < 0 ? -2 : k;
}

enum { S_VERSION, S_LIMIT, S_FIELDS, S_PROTOCOL, S_TRACEBACKS, S_TRACES, NSNAP_KEYS };
static const struct name snap_keys[] = {NAME("memsnap_snapshot"), NAME("traceback_limit"),
					NAME("trace_fields"),	  NAME("pickle_protocol"),
					NAME("tracebacks"),	  NAME("traces")};

static int read_snapshot(struct reader *r)
{
	struct object o;
	uint64_t v, fields = 0;
	size_t at;
	int k = -1, status = 0;

	if (open_container(r, '{', "an object", &at))
		return MS_ERR_FORMAT;
	object_init(&o, snap_keys, NSNAP_KEYS, r->text.pos - 1);
	while (!status && (k = next_member(r, &o)) >= 0) {
		at = r->text.pos;
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
		case S_PROTOCOL:
			status = read_uint(r, UINT64_MAX, &v);
			if (!status && v != 4 && v != 5)
				status = fail(r, at, "is %llu, not 4 or 5", (unsigned long long)v);
			r->snap->origin.pickle_protocol = (int)v;
			break;
		case S_TRACEBACKS:
			status = read_array(r, "an array of tracebacks", table_element);
			break;
		case S_TRACES:
			status = read_array(r, "an array of traces", trace_element);
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

	static pthread_once_t hooks = PTHREAD_ONCE_INIT;

	pthread_once(&hooks, install_hooks);
	memset(&r, 0, sizeof(r));
	r.text.buf = buf;
	r.text.len = len;
	r.snap = snap;
	r.err = err;
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		r.text.pos = 3;
	status = read_snapshot(&r);
	if (!status && peek(&r) >= 0)
		status = fail(&r, r.text.pos, "more data after the snapshot object");
	ms_json_text_release(&r.text);
	arena_release(&r.arena);
	free(r.table);
	free(r.frames);
	return status;
}
