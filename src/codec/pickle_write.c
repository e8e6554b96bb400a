/*
 * The pickle writer: a snapshot as Python's Snapshot.dump() writes it, so
 * that tracemalloc.Snapshot.load() reads it on Python 3.6 to 3.13. It
 * emits what CPython's C pickler emits for the objects _tracemalloc builds
 * (filenames and tracebacks shared, each frame a new tuple), opcode for
 * opcode, memo and 64 KiB framing included: a snapshot taken by Python
 * comes out byte for byte as Python wrote it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "memsnap/snapshot.h"
#include "pickle_ops.h"
#include "snapshot_internal.h"
#include "fail.h"

#define FRAME_HEADER 9
#define FRAME_TARGET (64 * 1024)
#define FRAME_MIN    4
#define BATCH	     1000

struct writer {
	FILE *out;
	unsigned char *buf;
	size_t len, alloc;
	size_t frame_start; /* offset of the open frame's header, or SIZE_MAX */
	bool framing;
	bool failed; /* writing failed */
	bool nomem;  /* the buffer could not grow */
	uint64_t memo_nr;
	uint32_t *string_memo; /* per string id: memo index + 1, 0 if not yet */
	uint32_t *traceback_memo;
	uint32_t memo_module; /* the "tracemalloc" string */
};

static void flush(struct writer *w)
{
	if (w->len && fwrite(w->buf, 1, w->len, w->out) != w->len)
		w->failed = true;
	w->len = 0;
}

static void put(struct writer *w, const void *p, size_t n)
{
	size_t header = w->framing && w->frame_start == SIZE_MAX ? FRAME_HEADER : 0;

	if (MS_GROW(w->buf, w->len + header + n, w->alloc) < 0) {
		w->nomem = true;
		return;
	}
	if (header) {
		w->frame_start = w->len;
		memset(w->buf + w->len, 0, header);
		w->len += header;
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static void put_op(struct writer *w, int op)
{
	unsigned char c = (unsigned char)op;

	put(w, &c, 1);
}

static void le(unsigned char *p, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* _Pickler_CommitFrame(): a frame under FRAME_MIN bytes loses its header. */
static void commit_frame(struct writer *w)
{
	size_t n;

	if (w->frame_start == SIZE_MAX)
		return;
	n = w->len - w->frame_start - FRAME_HEADER;
	if (n >= FRAME_MIN) {
		w->buf[w->frame_start] = OP_FRAME;
		le(w->buf + w->frame_start + 1, n, 8);
	} else {
		memmove(w->buf + w->frame_start, w->buf + w->frame_start + FRAME_HEADER, n);
		w->len -= FRAME_HEADER;
	}
	w->frame_start = SIZE_MAX;
}

/*
 * The start of saving any object, as in pickle's save(): a frame that has
 * reached 64 KiB is committed and written out first.
 */
static void save_start(struct writer *w)
{
	if (w->frame_start != SIZE_MAX && w->len - w->frame_start - FRAME_HEADER >= FRAME_TARGET) {
		commit_frame(w);
		flush(w);
	}
}

static uint32_t memoize(struct writer *w)
{
	put_op(w, OP_MEMOIZE);
	return (uint32_t)++w->memo_nr;
}

/* An object saved before: BINGET or LONG_BINGET of its memo entry. */
static void put_get(struct writer *w, uint32_t memo_plus_one)
{
	unsigned char b[5];
	uint32_t i = memo_plus_one - 1;

	if (i < 256) {
		b[0] = OP_BINGET;
		b[1] = (unsigned char)i;
		put(w, b, 2);
	} else {
		b[0] = OP_LONG_BINGET;
		le(b + 1, i, 4);
		put(w, b, 5);
	}
}

/* save_long(): BININT1, BININT2 or BININT when it fits, else LONG1. */
static void save_int(struct writer *w, uint64_t v)
{
	unsigned char b[11];
	int n = 0, bits = 0;

	save_start(w);
	if (v <= 0x7fffffff) {
		n = v <= 0xff ? 1 : v <= 0xffff ? 2 : 4;
		b[0] = n == 1 ? OP_BININT1 : n == 2 ? OP_BININT2 : OP_BININT;
		le(b + 1, v, n);
		put(w, b, (size_t)n + 1);
		return;
	}
	/* two's complement, so one byte more than the bits need */
	while (bits < 64 && v >> bits)
		bits++;
	n = bits / 8 + 1;
	b[0] = OP_LONG1;
	b[1] = (unsigned char)n;
	memset(b + 2, 0, 9);
	le(b + 2, v, 8);
	put(w, b, (size_t)n + 2);
}

/*
 * save_unicode() of a string not in the memo. Strings of 64 KiB or more
 * are written outside frames, as _Pickler_write_bytes() does.
 */
static uint32_t put_new_string(struct writer *w, const char *s, size_t n)
{
	unsigned char h[9];
	size_t hn;

	if (n <= 0xff) {
		h[0] = OP_SHORT_BINUNICODE;
		h[1] = (unsigned char)n;
		hn = 2;
	} else if (n <= 0xffffffff) {
		h[0] = OP_BINUNICODE;
		le(h + 1, n, 4);
		hn = 5;
	} else {
		h[0] = OP_BINUNICODE8;
		le(h + 1, n, 8);
		hn = 9;
	}
	if (n >= FRAME_TARGET) {
		commit_frame(w);
		w->framing = false;
		put(w, h, hn);
		flush(w);
		if (fwrite(s, 1, n, w->out) != n)
			w->failed = true;
		w->framing = true;
	} else {
		put(w, h, hn);
		put(w, s, n);
	}
	return memoize(w);
}

static uint32_t save_new_string(struct writer *w, const char *s)
{
	save_start(w);
	return put_new_string(w, s, strlen(s));
}

static void save_string(struct writer *w, const struct ms_snapshot *snap, uint32_t id)
{
	save_start(w);
	if (w->string_memo[id])
		put_get(w, w->string_memo[id]);
	else
		w->string_memo[id] =
		    put_new_string(w, snap->strings[id].bytes, snap->strings[id].len);
}

/* The end of a tuple of n saved items (after a MARK when n > 3). */
static uint32_t end_tuple(struct writer *w, uint32_t n)
{
	_Static_assert(OP_TUPLE2 == OP_TUPLE1 + 1 && OP_TUPLE3 == OP_TUPLE1 + 2,
		       "TUPLE1, TUPLE2 and TUPLE3 are consecutive bytes");

	put_op(w, n > 3 ? OP_TUPLE : OP_TUPLE1 + (int)n - 1);
	return memoize(w);
}

static void save_traceback(struct writer *w, const struct ms_snapshot *snap, uint32_t id)
{
	const struct ms_traceback *tb = &snap->tracebacks[id];
	uint32_t i;

	save_start(w);
	if (w->traceback_memo[id]) {
		put_get(w, w->traceback_memo[id]);
		return;
	}
	if (tb->nframe > 3)
		put_op(w, OP_MARK);
	for (i = 0; i < tb->nframe; i++) {
		const struct ms_frame *f = &snap->frames[ms_traceback_frame(snap, tb, i)];
		save_start(w);
		save_string(w, snap, f->file);
		save_int(w, f->lineno);
		end_tuple(w, 2);
	}
	w->traceback_memo[id] = end_tuple(w, tb->nframe);
}

static void save_trace(struct writer *w, const struct ms_snapshot *snap, size_t i, int arity)
{
	save_start(w);
	if (arity > 3)
		put_op(w, OP_MARK);
	save_int(w, snap->trace_domain[i]);
	save_int(w, snap->trace_size[i]);
	save_traceback(w, snap, snap->trace_traceback[i]);
	if (arity > 3)
		save_int(w, snap->trace_nframe[i]);
	end_tuple(w, (uint32_t)arity);
}

/*
 * save_reduce() of an object of class tracemalloc.NAME up to its state:
 * the class (save_global()), the empty arguments tuple, NEWOBJ.
 */
static void start_object(struct writer *w, const char *name)
{
	/* saving the object starts with saving its class and module name */
	save_start(w);
	if (w->memo_module)
		put_get(w, w->memo_module);
	else
		w->memo_module = save_new_string(w, "tracemalloc");
	save_new_string(w, name);
	put_op(w, OP_STACK_GLOBAL);
	memoize(w);
	save_start(w);
	put_op(w, OP_EMPTY_TUPLE);
	put_op(w, OP_NEWOBJ);
	memoize(w);
}

/* save_dict() of a state dict, up to its items. */
static void start_state(struct writer *w)
{
	save_start(w);
	put_op(w, OP_EMPTY_DICT);
	memoize(w);
}

static void save_traces(struct writer *w, const struct ms_snapshot *snap, int arity)
{
	size_t i, batch;

	start_object(w, "_Traces");
	start_state(w);
	save_new_string(w, "_traces");
	save_start(w);
	put_op(w, OP_EMPTY_LIST);
	memoize(w);
	/* batch_list_exact(): one item is APPENDed, more go in MARK ... APPENDS */
	if (snap->traces_nr == 1) {
		save_trace(w, snap, 0, arity);
		put_op(w, OP_APPEND);
	}
	for (i = 0; snap->traces_nr > 1 && i < snap->traces_nr;) {
		put_op(w, OP_MARK);
		for (batch = 0; batch < BATCH && i < snap->traces_nr; batch++, i++)
			save_trace(w, snap, i, arity);
		put_op(w, OP_APPENDS);
	}
	put_op(w, OP_SETITEM);
	put_op(w, OP_BUILD);
}

int ms_snapshot_pickle_protocol(const struct ms_snapshot *snap)
{
	struct ms_snapshot_origin origin = ms_snapshot_origin(snap);
	int from = origin.protocol ? origin.protocol : origin.pickle_protocol;

	return from >= 4 ? from : origin.trace_arity == 4 ? 5 : 4;
}

int ms_snapshot_write_pickle(FILE *out, const struct ms_snapshot *snap, struct ms_error *err)
{
	struct writer w;
	struct ms_snapshot_origin origin = ms_snapshot_origin(snap);
	int arity = origin.trace_arity == 3 ? 3 : 4;
	int protocol = ms_snapshot_pickle_protocol(snap);
	unsigned char proto[2] = {OP_PROTO, (unsigned char)protocol};
	size_t nmemo = snap->traces_nr * 2 + snap->frame_pool_nr + snap->string_index.nr + 32;

	memset(&w, 0, sizeof(w));
	w.out = out;
	w.frame_start = SIZE_MAX;
	if (ms_snapshot_need_traces(snap, err))
		return MS_ERR_USAGE;
	if (nmemo > UINT32_MAX)
		return ms_fail(err, MS_ERR_USAGE, "too many objects for one pickle memo");
	w.string_memo = calloc(snap->string_index.nr + 1, sizeof(uint32_t));
	w.traceback_memo = calloc(snap->traceback_index.nr + 1, sizeof(uint32_t));
	if (!w.string_memo || !w.traceback_memo) {
		free(w.string_memo);
		free(w.traceback_memo);
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	}
	put(&w, proto, 2);
	w.framing = true;
	start_object(&w, "Snapshot");
	start_state(&w);
	put_op(&w, OP_MARK);
	save_new_string(&w, "traces");
	save_traces(&w, snap, arity);
	save_new_string(&w, "traceback_limit");
	save_int(&w, (uint64_t)snap->traceback_limit);
	put_op(&w, OP_SETITEMS);
	put_op(&w, OP_BUILD);
	put_op(&w, OP_STOP);
	commit_frame(&w);
	flush(&w);
	free(w.buf);
	free(w.string_memo);
	free(w.traceback_memo);
	if (w.nomem)
		return ms_fail(err, MS_ERR_NOMEM, "out of memory");
	if (w.failed || ferror(out))
		return ms_fail(err, MS_ERR_IO, "%s", strerror(errno ? errno : EIO));
	return MS_OK;
}
