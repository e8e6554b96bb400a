/*
 * The restricted pickle reader (src/codec/pickle_read.c through ms_snapshot_parse()):
 * real dumps of every protocol, each allowed opcode in hand-assembled
 * pickles, integers and strings at their edges, memo sharing, and every
 * refusal with the offset and opcode it must name. Python's own dumps and
 * opcode names: expected_pickle.h; hand-made pickles: pickle_asm.h listings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "memsnap/snapshot.h"
#include "load.h"
#include "pickle_asm.h"
#include "unit.h"

#include "expected_pickle.h"

/*
 * pickle.dumps(Snapshot(traces, 5), 2) as Python lays it out, less its
 * memo: OPEN leaves the empty traces list on the stack, CLOSE builds the
 * objects and STOPs.
 */
#define NEW_SNAPSHOT "GLOBAL tracemalloc Snapshot EMPTY_TUPLE NEWOBJ "
#define NEW_TRACES   "GLOBAL tracemalloc _Traces EMPTY_TUPLE NEWOBJ "
#define OPEN                                                                                       \
	NEW_SNAPSHOT "EMPTY_DICT MARK SHORT_BINUNICODE traces " NEW_TRACES                         \
		     "EMPTY_DICT SHORT_BINUNICODE _traces EMPTY_LIST "
#define CLOSE_STATE " SETITEM BUILD SHORT_BINUNICODE traceback_limit BININT1 5 SETITEMS BUILD "
#define CLOSE	    CLOSE_STATE "STOP"

/* Traces (0, 10, (('a.py', 2),), 1) and (3, 30, (('b.py', 3),), 1). */
#define TRACE_A2                                                                                   \
	"MARK BININT1 0 BININT1 10 SHORT_BINUNICODE a.py BININT1 2 TUPLE2 TUPLE1 BININT1 1 TUPLE "
#define TRACE_B3                                                                                   \
	"MARK BININT1 3 BININT1 30 SHORT_BINUNICODE b.py BININT1 3 TUPLE2 TUPLE1 BININT1 1 TUPLE "

static struct ms_snapshot *parse(const void *bytes, size_t len, struct ms_error *err)
{
	struct ms_snapshot *snap = NULL;
	int status = ms_snapshot_parse(bytes, len, &snap, err);

	ck_assert_int_eq(status == MS_OK, snap != NULL);
	if (status != MS_OK)
		ck_assert_int_eq(err->status, status);
	return snap;
}

/*
 * With MEMSNAP_UNIT_PICKLES=dir, load() also writes each listing's bytes to
 * dir/NNN.pickle, so that Python can say what it reads in them:
 *   for name in sorted(os.listdir(dir)):
 *       print(name, pickle.load(open(os.path.join(dir, name), 'rb')).traces._traces)
 */
static void save_for_python(const struct asm_out *out)
{
	static int n;
	const char *dir = getenv("MEMSNAP_UNIT_PICKLES");
	char path[4096];
	FILE *fp;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%03d.pickle", dir, n++);
	fp = fopen(path, "wb");
	ck_assert_msg(fp != NULL, "cannot write %s", path);
	ck_assert_uint_eq(fwrite(out->bytes, 1, out->len, fp), out->len);
	ck_assert_int_eq(fclose(fp), 0);
}

/* The snapshot a listing holds; fails the test if the reader refuses it. */
static struct ms_snapshot *load(const char *listing)
{
	static struct asm_out out;
	struct ms_error err = {0};
	struct ms_snapshot *snap;

	asm_pickle(&out, listing);
	save_for_python(&out);
	snap = parse(out.bytes, out.len, &err);
	ck_assert_msg(snap != NULL, "refused at offset %zu (%s): %s", err.offset,
		      err.opcode ? err.opcode : "-", err.message);
	return snap;
}

/* The reader refuses bytes at offset, naming opcode (NULL: none). */
static void check_refusal(const void *bytes, size_t len, size_t offset, const char *opcode,
			  const char *message)
{
	struct ms_error err = {0};

	ck_assert_ptr_null(parse(bytes, len, &err));
	ck_assert_int_eq(err.status, MS_ERR_FORMAT);
	ck_assert_msg(err.offset == offset, "offset %zu, not %zu (%s)", err.offset, offset,
		      err.message);
	ck_assert_pstr_eq(err.opcode, opcode);
	ck_assert_msg(strstr(err.message, message) != NULL, "message '%s' lacks '%s'", err.message,
		      message);
}

/* The listing is refused at the opcode marked '^'. */
static void refused(const char *listing, const char *opcode, const char *message)
{
	static struct asm_out out;

	asm_pickle(&out, listing);
	ck_assert_msg(out.mark != (size_t)-1, "listing has no '^'");
	check_refusal(out.bytes, out.len, out.mark, opcode, message);
}

/* "a.py:2 b.py:3": a traceback's frames, most recent first. */
static const char *describe(const struct ms_snapshot *snap, uint32_t traceback)
{
	static char buf[512];
	uint32_t frames[64], n, i;
	size_t o = 0, len;
	const char *file;

	n = unit_traceback(snap, traceback, frames, UNIT_NROWS(frames));
	buf[0] = 0;
	for (i = 0; i < n; i++) {
		struct ms_frame f = ms_snapshot_frame(snap, frames[i]);

		file = ms_snapshot_string(snap, f.file, &len);
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%.*s:%u", i ? " " : "", (int)len,
				      file, f.lineno);
		ck_assert_uint_lt(o, sizeof(buf));
	}
	return buf;
}

struct want {
	uint32_t domain;
	uint64_t size;
	uint32_t total_nframe;
	const char *frames; /* as describe() gives them */
};

static void check_trace(const struct ms_snapshot *snap, size_t i, uint32_t domain, uint64_t size,
			uint32_t total_nframe, const char *frames)
{
	struct ms_trace t;

	ck_assert_uint_lt(i, ms_snapshot_trace_count(snap));
	t = ms_snapshot_trace(snap, i);
	ck_assert_uint_eq(t.domain, domain);
	ck_assert_uint_eq(t.size, size);
	ck_assert_uint_eq(t.total_nframe, total_nframe);
	ck_assert_str_eq(describe(snap, t.traceback), frames);
}

/* The snapshot holds exactly these traces, in this order. */
static void check_traces(const struct ms_snapshot *snap, const struct want *want, size_t n)
{
	size_t i;

	ck_assert_uint_eq(ms_snapshot_trace_count(snap), n);
	for (i = 0; i < n; i++)
		check_trace(snap, i, want[i].domain, want[i].size, want[i].total_nframe,
			    want[i].frames);
}

/* The listing loads, and holds exactly these traces. */
#define EXPECT_TRACES(listing, ...)                                                                \
	do {                                                                                       \
		struct ms_snapshot *snap_ = load(listing);                                         \
		CHECK_TRACES(snap_, __VA_ARGS__);                                                  \
		ms_snapshot_free(snap_);                                                           \
	} while (0)

#define CHECK_TRACES(snap, ...)                                                                    \
	do {                                                                                       \
		const struct want want_[] = {__VA_ARGS__};                                         \
		check_traces(snap, want_, sizeof(want_) / sizeof(want_[0]));                       \
	} while (0)

/* ------------------------------------------------------------------ */
/* What Python writes */

START_TEST(test_python_dumps)
{
	const struct python_dump *d = &python_dumps[_i];
	struct ms_error err;
	struct ms_snapshot *snap = parse(d->bytes, d->len, &err);
	size_t i, k;

	ck_assert_ptr_nonnull(snap);
	ck_assert_int_eq(ms_snapshot_origin(snap).protocol, d->protocol);
	ck_assert_int_eq(ms_snapshot_origin(snap).trace_arity, 4);
	ck_assert_int_eq(ms_snapshot_traceback_limit(snap), DUMPED_TRACEBACK_LIMIT);
	ck_assert_uint_eq(ms_snapshot_trace_count(snap), UNIT_NROWS(dumped_traces));
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), DUMPED_FRAMES);
	ck_assert_uint_eq(ms_snapshot_traceback_count(snap), DUMPED_TRACEBACKS);
	for (i = 0; i < ms_snapshot_trace_count(snap); i++) {
		const struct unit_trace *want = &dumped_traces[i];
		struct ms_trace t = ms_snapshot_trace(snap, i);
		uint32_t frames[UNIT_MAX_FRAMES];
		uint32_t n = unit_traceback(snap, t.traceback, frames, UNIT_NROWS(frames));

		ck_assert_uint_eq(t.domain, want->domain);
		ck_assert_uint_eq(t.size, want->size);
		ck_assert_uint_eq(t.total_nframe, dumped_total_nframe[i]);
		ck_assert_uint_eq(n, want->nframe);
		for (k = 0; k < n; k++) {
			struct ms_frame f = ms_snapshot_frame(snap, frames[k]);

			ck_assert(unit_string_is(snap, f.file, want->frames[k].file));
			ck_assert_uint_eq(f.lineno, want->frames[k].lineno);
		}
	}
	ms_snapshot_free(snap);
}
END_TEST

/* Each cut of a real dump is refused where pickletools says it breaks. */
START_TEST(test_python_dump_truncated)
{
	const struct truncation *t = &truncations[_i];
	const char *message = !t->opcode		    ? "file ends before STOP"
			      : strcmp(t->opcode, "GLOBAL") ? "exceeds"
							    : "name has no end of line";

	check_refusal(python_dumps[0].bytes, t->len, t->offset, t->opcode, message);
}
END_TEST

/* Truncated inside its FRAME, a protocol 4+ dump fails at the FRAME. */
START_TEST(test_python_dump_truncated_frame)
{
	const struct python_dump *d = &python_dumps[3];
	size_t cut;

	ck_assert_int_eq(d->protocol, 5);
	for (cut = 3; cut < d->len; cut++)
		check_refusal(d->bytes, cut, 2, "FRAME", "exceeds");
}
END_TEST

/*
 * pickle.load() stops at STOP and leaves what follows unread: the reader
 * does the same, and says how many bytes it left.
 */
START_TEST(test_python_dump_trailing_bytes)
{
	const struct python_dump *d = &python_dumps[_i];
	char *bytes = malloc(d->len + 3);
	struct ms_error err;
	struct ms_snapshot *snap;

	ck_assert_ptr_nonnull(bytes);
	memcpy(bytes, d->bytes, d->len);
	memcpy(bytes + d->len, "\0\x80R", 3);
	snap = parse(bytes, d->len + 3, &err);
	ck_assert_ptr_nonnull(snap);
	ck_assert_uint_eq(ms_snapshot_origin(snap).trailing_bytes, 3);
	ck_assert_uint_eq(ms_snapshot_trace_count(snap), UNIT_NROWS(dumped_traces));
	ms_snapshot_free(snap);
	snap = parse(d->bytes, d->len, &err);
	ck_assert_uint_eq(ms_snapshot_origin(snap).trailing_bytes, 0);
	ms_snapshot_free(snap);
	free(bytes);
}
END_TEST

/* Protocols 0 and 1 have no PROTO opcode: the first byte says so. */
START_TEST(test_old_protocols)
{
	const struct old_dump *d = &old_dumps[_i];
	struct ms_error err;

	ck_assert_ptr_null(parse(d->bytes, d->len, &err));
	ck_assert_int_eq(err.status, MS_ERR_FORMAT);
	ck_assert_uint_eq(err.offset, 0);
	ck_assert_ptr_nonnull(strstr(err.message, "not a pickle of protocol 2 to 5"));
}
END_TEST

/* ------------------------------------------------------------------ */
/* Each allowed opcode */

START_TEST(test_protocols)
{
	char listing[1024];
	struct ms_snapshot *snap;
	int protocol;

	for (protocol = 2; protocol <= 5; protocol++) {
		snprintf(listing, sizeof(listing), "PROTO %d " OPEN TRACE_A2 "APPEND" CLOSE,
			 protocol);
		snap = load(listing);
		ck_assert_int_eq(ms_snapshot_origin(snap).protocol, protocol);
		check_trace(snap, 0, 0, 10, 1, "a.py:2");
		ms_snapshot_free(snap);
	}
}
END_TEST

START_TEST(test_empty_snapshot)
{
	struct ms_snapshot *snap = load("PROTO 2 " OPEN CLOSE);

	ck_assert_uint_eq(ms_snapshot_trace_count(snap), 0);
	ck_assert_int_eq(ms_snapshot_origin(snap).trace_arity, 0);
	ck_assert_int_eq(ms_snapshot_traceback_limit(snap), 5);
	ms_snapshot_free(snap);
}
END_TEST

/* FRAME, SHORT_BINUNICODE, MEMOIZE and STACK_GLOBAL, as protocol 4 writes them. */
START_TEST(test_frame_stack_global)
{
	struct ms_snapshot *snap = load(
	    "PROTO 4 FRAME * SHORT_BINUNICODE tracemalloc MEMOIZE SHORT_BINUNICODE Snapshot "
	    "MEMOIZE STACK_GLOBAL MEMOIZE EMPTY_TUPLE NEWOBJ MEMOIZE EMPTY_DICT MEMOIZE MARK "
	    "SHORT_BINUNICODE traces MEMOIZE BINGET 0 SHORT_BINUNICODE _Traces MEMOIZE "
	    "STACK_GLOBAL MEMOIZE EMPTY_TUPLE NEWOBJ MEMOIZE EMPTY_DICT MEMOIZE "
	    "SHORT_BINUNICODE _traces MEMOIZE EMPTY_LIST MEMOIZE " TRACE_A2 "MEMOIZE APPEND" CLOSE);

	CHECK_TRACES(snap, {0, 10, 1, "a.py:2"});
	ms_snapshot_free(snap);
}
END_TEST

/* MARK ... TUPLE, TUPLE1, TUPLE2 and TUPLE3 make frames and tracebacks alike. */
START_TEST(test_tuples)
{
	struct ms_snapshot *snap =
	    load("PROTO 2 " OPEN "MARK "
		 /* (1, 2, ((a.py, 1), (b.py, 2), (c.py, 3)), 3) */
		 "MARK BININT1 1 BININT1 2 "
		 "MARK SHORT_BINUNICODE a.py BININT1 1 TUPLE SHORT_BINUNICODE b.py BININT1 2 "
		 "TUPLE2 MARK SHORT_BINUNICODE c.py BININT1 3 TUPLE TUPLE3 BININT1 3 TUPLE "
		 /* (1, 3, ((a.py, 1), (b.py, 2), (c.py, 3), (d.py, 4)), 4) */
		 "MARK BININT1 1 BININT1 3 MARK "
		 "SHORT_BINUNICODE a.py BININT1 1 TUPLE2 SHORT_BINUNICODE b.py BININT1 2 TUPLE2 "
		 "SHORT_BINUNICODE c.py BININT1 3 TUPLE2 SHORT_BINUNICODE d.py BININT1 4 TUPLE2 "
		 "TUPLE BININT1 4 TUPLE "
		 /* (1, 4, ((b.py, 2), (a.py, 1)), 2) */
		 "MARK BININT1 1 BININT1 4 SHORT_BINUNICODE b.py BININT1 2 TUPLE2 "
		 "SHORT_BINUNICODE a.py BININT1 1 TUPLE2 TUPLE2 BININT1 2 TUPLE APPENDS" CLOSE);

	CHECK_TRACES(snap, {1, 2, 3, "a.py:1 b.py:2 c.py:3"},
		     {1, 3, 4, "a.py:1 b.py:2 c.py:3 d.py:4"}, {1, 4, 2, "b.py:2 a.py:1"});
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), 4);
	ck_assert_uint_eq(ms_snapshot_traceback_count(snap), 3);
	ms_snapshot_free(snap);
}
END_TEST

/* Python 3.6 to 3.8: (domain, size, traceback), total_nframe is the frame count. */
START_TEST(test_three_item_traces)
{
	struct ms_snapshot *snap =
	    load("PROTO 2 " OPEN "BININT1 7 BININT2 1000 SHORT_BINUNICODE a.py BININT1 1 TUPLE2 "
		 "SHORT_BINUNICODE b.py BININT1 2 TUPLE2 TUPLE2 TUPLE3 APPEND "
		 "MARK BININT1 0 BININT1 1 SHORT_BINUNICODE c.py BININT1 3 TUPLE2 TUPLE1 TUPLE "
		 "APPEND" CLOSE);

	ck_assert_int_eq(ms_snapshot_origin(snap).trace_arity, 3);
	CHECK_TRACES(snap, {7, 1000, 2, "a.py:1 b.py:2"}, {0, 1, 1, "c.py:3"});
	ms_snapshot_free(snap);
}
END_TEST

/* Python 3.9+: total_nframe is kept, whatever the frames. */
START_TEST(test_four_item_traces)
{
	struct ms_snapshot *snap = load("PROTO 2 " OPEN TRACE_A2 "APPEND MARK BININT1 1 BININT1 2 "
					"SHORT_BINUNICODE a.py BININT1 2 TUPLE2 TUPLE1 "
					"BININT 100000 TUPLE APPEND" CLOSE);

	ck_assert_int_eq(ms_snapshot_origin(snap).trace_arity, 4);
	CHECK_TRACES(snap, {0, 10, 1, "a.py:2"}, {1, 2, 100000, "a.py:2"});
	ms_snapshot_free(snap);
}
END_TEST

/* APPEND one, APPENDS many or none: the list keeps its order. */
START_TEST(test_appends)
{
	struct ms_snapshot *snap =
	    load("PROTO 2 " OPEN "MARK APPENDS "
		 "MARK BININT1 0 BININT1 1 SHORT_BINUNICODE a.py BININT1 1 TUPLE2 TUPLE1 "
		 "BININT1 1 TUPLE APPEND MARK "
		 "MARK BININT1 0 BININT1 2 SHORT_BINUNICODE a.py BININT1 2 TUPLE2 TUPLE1 "
		 "BININT1 1 TUPLE "
		 "MARK BININT1 0 BININT1 3 SHORT_BINUNICODE a.py BININT1 3 TUPLE2 TUPLE1 "
		 "BININT1 1 TUPLE APPENDS "
		 "MARK BININT1 0 BININT1 4 SHORT_BINUNICODE a.py BININT1 4 TUPLE2 TUPLE1 "
		 "BININT1 1 TUPLE APPEND MARK APPENDS" CLOSE);

	CHECK_TRACES(snap, {0, 1, 1, "a.py:1"}, {0, 2, 1, "a.py:2"}, {0, 3, 1, "a.py:3"},
		     {0, 4, 1, "a.py:4"});
	ms_snapshot_free(snap);
}
END_TEST

/* SETITEM one by one where Python writes SETITEMS, and the reverse. */
START_TEST(test_setitems)
{
	struct ms_snapshot *snap = load(
	    "PROTO 2 " NEW_SNAPSHOT "EMPTY_DICT "
	    "SHORT_BINUNICODE traceback_limit BININT1 9 SETITEM SHORT_BINUNICODE traces " NEW_TRACES
	    "EMPTY_DICT MARK "
	    "SHORT_BINUNICODE _traces EMPTY_LIST " TRACE_A2 "APPEND SETITEMS BUILD SETITEM BUILD "
	    "STOP");

	ck_assert_int_eq(ms_snapshot_traceback_limit(snap), 9);
	CHECK_TRACES(snap, {0, 10, 1, "a.py:2"});
	ms_snapshot_free(snap);
}
END_TEST

/* Sizes in every integer opcode, up to 2**64 - 1. */
START_TEST(test_integers)
{
	static const struct {
		const char *listing;
		uint64_t size;
	} sizes[] = {
	    {"BININT1 255", 255},
	    {"BININT2 65535", 65535},
	    {"BININT 2147483647", 2147483647},
	    {"BININT 0", 0},
	    {"LONG1 ''", 0},
	    {"LONG1 7f", 127},
	    {"LONG1 ff00", 255},
	    {"LONG1 000000000000008000", UINT64_C(1) << 63},
	    {"LONG1 ffffffffffffffff00", UINT64_MAX},
	    {"LONG1 ffffffffffffff7f", INT64_MAX},
	    {"LONG4 ffffffffffffffff00", UINT64_MAX},
	    {"LONG4 0100", 1},
	    {"LONG4 ''", 0},
	};
	char listing[1024];
	struct ms_snapshot *snap;
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(listing, sizeof(listing),
			 "PROTO 2 " OPEN "MARK BININT1 0 %s SHORT_BINUNICODE a.py BININT1 2 TUPLE2 "
			 "TUPLE1 BININT1 1 TUPLE APPEND" CLOSE,
			 sizes[i].listing);
		snap = load(listing);
		check_trace(snap, 0, 0, sizes[i].size, 1, "a.py:2");
		ms_snapshot_free(snap);
	}
}
END_TEST

/* Domains, linenos and total_nframe up to 2**32 - 1; traceback_limit to 2**63 - 1. */
START_TEST(test_integer_fields)
{
	struct ms_snapshot *snap =
	    load("PROTO 2 " OPEN
		 "MARK LONG1 ffffffff00 BININT1 1 SHORT_BINUNICODE a.py LONG1 ffffffff00 TUPLE2 "
		 "TUPLE1 LONG1 ffffffff00 TUPLE APPEND "
		 "MARK BININT1 0 BININT1 1 SHORT_BINUNICODE a.py BININT1 0 TUPLE2 TUPLE1 BININT1 0 "
		 "TUPLE APPEND SETITEM BUILD SHORT_BINUNICODE traceback_limit "
		 "LONG1 ffffffffffffff7f SETITEMS BUILD STOP");

	CHECK_TRACES(snap, {UINT32_MAX, 1, UINT32_MAX, "a.py:4294967295"}, {0, 1, 0, "a.py:0"});
	ck_assert_int_eq(ms_snapshot_traceback_limit(snap), INT64_MAX);
	ms_snapshot_free(snap);
}
END_TEST

/* The three string opcodes give one string for the same bytes. */
START_TEST(test_strings)
{
	struct ms_snapshot *snap =
	    load("PROTO 2 " OPEN "MARK BININT1 0 BININT1 1 MARK "
		 "SHORT_BINUNICODE x.py BININT1 1 TUPLE2 BINUNICODE x.py BININT1 1 TUPLE2 "
		 "BINUNICODE8 x.py BININT1 1 TUPLE2 BINUNICODE8 '' BININT1 1 TUPLE2 "
		 "TUPLE BININT1 4 TUPLE APPEND" CLOSE);

	CHECK_TRACES(snap, {0, 1, 4, "x.py:1 x.py:1 x.py:1 :1"});
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), 2);
	ck_assert_uint_eq(ms_snapshot_traceback_count(snap), 1);
	ms_snapshot_free(snap);
}
END_TEST

/* Names Python writes with "surrogatepass": UTF-8, lone surrogates included. */
START_TEST(test_filenames)
{
	struct ms_snapshot *snap =
	    load("PROTO 2 " OPEN "MARK BININT1 0 BININT1 1 MARK "
		 /* 'café.py' */
		 "SHORT_BINUNICODE 'caf\xc3\xa9.py' BININT1 1 TUPLE2 "
		 /* os.fsdecode(b'\xff\x80.py') */
		 "BINUNICODE '\xed\xb3\xbf\xed\xb2\x80.py' BININT1 2 TUPLE2 "
		 /* '\U0001f600.py' */
		 "BINUNICODE8 '\xf0\x9f\x98\x80.py' BININT1 3 TUPLE2 "
		 /* '\ud83d\ude00.py': two lone surrogates, not U+1F600 */
		 "SHORT_BINUNICODE '\xed\xa0\xbd\xed\xb8\x80.py' BININT1 3 TUPLE2 "
		 /* U+10FFFF, U+FFFF, U+0800, U+0080, U+D800, U+DFFF */
		 "SHORT_BINUNICODE '\xf4\x8f\xbf\xbf\xef\xbf\xbf\xe0\xa0\x80\xc2\x80\xed\xa0\x80"
		 "\xed\xbf\xbf' BININT1 4 TUPLE2 "
		 "SHORT_BINUNICODE 'a b.py' BININT1 5 TUPLE2 "
		 "TUPLE BININT1 6 TUPLE APPEND" CLOSE);

	CHECK_TRACES(snap,
		     {0, 1, 6,
		      "caf\xc3\xa9.py:1 \xed\xb3\xbf\xed\xb2\x80.py:2 \xf0\x9f\x98\x80.py:3 "
		      "\xed\xa0\xbd\xed\xb8\x80.py:3 "
		      "\xf4\x8f\xbf\xbf\xef\xbf\xbf\xe0\xa0\x80\xc2\x80\xed\xa0\x80\xed\xbf\xbf:4 "
		      "a b.py:5"});
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), 6);
	ms_snapshot_free(snap);
}
END_TEST

/*
 * Shared objects: BINPUT/BINGET a filename, LONG_BINPUT/LONG_BINGET a
 * frame, MEMOIZE/BINGET a traceback, as pickle writes what it has seen.
 */
START_TEST(test_memo)
{
	struct ms_snapshot *snap =
	    load("PROTO 2 " OPEN "MARK "
		 "MARK BININT1 0 BININT1 1 SHORT_BINUNICODE a.py BINPUT 0 BININT1 2 TUPLE2 "
		 "LONG_BINPUT 1 BINGET 0 BININT1 3 TUPLE2 TUPLE2 MEMOIZE BININT1 2 TUPLE "
		 "MARK BININT1 0 BININT1 2 BINGET 2 BININT1 2 TUPLE "
		 "MARK BININT1 0 BININT1 3 LONG_BINGET 1 TUPLE1 BININT1 1 TUPLE "
		 "MARK BININT1 0 BININT1 4 BINGET 0 BININT1 3 TUPLE2 TUPLE1 BININT1 1 TUPLE "
		 "APPENDS" CLOSE);
	struct ms_trace t[4];
	size_t i;

	ck_assert_uint_eq(ms_snapshot_trace_count(snap), 4);
	for (i = 0; i < 4; i++)
		t[i] = ms_snapshot_trace(snap, i);
	CHECK_TRACES(snap, {0, 1, 2, "a.py:2 a.py:3"}, {0, 2, 2, "a.py:2 a.py:3"},
		     {0, 3, 1, "a.py:2"}, {0, 4, 1, "a.py:3"});
	ck_assert_uint_eq(t[0].traceback, t[1].traceback);
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), 2);
	ck_assert_uint_eq(ms_snapshot_traceback_count(snap), 3);
	ms_snapshot_free(snap);
}
END_TEST

/* LONG_BINPUT/LONG_BINGET past 255 memo entries. */
START_TEST(test_long_memo)
{
	static char listing[65536];
	struct ms_snapshot *snap;
	size_t o;
	int i;

	o = (size_t)snprintf(listing, sizeof(listing), "PROTO 2 " OPEN "MARK ");
	for (i = 0; i < 300; i++)
		o += (size_t)snprintf(
		    listing + o, sizeof(listing) - o,
		    "MARK BININT1 0 BININT2 %d SHORT_BINUNICODE f%d.py LONG_BINPUT %d "
		    "BININT1 1 TUPLE2 TUPLE1 BININT1 1 TUPLE ",
		    i, i, i);
	/* and one more trace naming the file of memo entry 299 */
	snprintf(listing + o, sizeof(listing) - o,
		 "MARK BININT1 0 BININT2 300 LONG_BINGET 299 BININT1 2 TUPLE2 TUPLE1 BININT1 1 "
		 "TUPLE APPENDS" CLOSE);
	snap = load(listing);

	ck_assert_uint_eq(ms_snapshot_trace_count(snap), 301);
	check_trace(snap, 0, 0, 0, 1, "f0.py:1");
	check_trace(snap, 299, 0, 299, 1, "f299.py:1");
	check_trace(snap, 300, 0, 300, 1, "f299.py:2");
	ms_snapshot_free(snap);
}
END_TEST

/*
 * Memoized traces are bits in the reader's memo, 64 to a word, the other
 * entries kept whole: references across words to both, and a trace
 * memoized a second time (not the next trace: kept whole), read right.
 */
START_TEST(test_memo_of_traces)
{
	static char listing[16384];
	struct ms_snapshot *snap;
	size_t o;
	int i;

	/* memo 0 'a.py', 1 its frame, 2 the traceback, 3 trace 0 */
	o = (size_t)snprintf(
	    listing, sizeof(listing),
	    "PROTO 4 " OPEN "MARK MARK BININT1 0 BININT1 0 SHORT_BINUNICODE a.py "
	    "MEMOIZE BININT1 1 TUPLE2 MEMOIZE TUPLE1 MEMOIZE BININT1 1 TUPLE MEMOIZE ");
	/* memo 4 to 152: traces 1 to 149 */
	for (i = 1; i < 150; i++)
		o += (size_t)snprintf(listing + o, sizeof(listing) - o,
				      "MARK BININT1 0 BININT2 %d BINGET 2 BININT1 1 TUPLE MEMOIZE ",
				      i);
	/* 153 the frame ('a.py', 7), 154 its traceback, 155 trace 150, 156 trace 151 */
	snprintf(listing + o, sizeof(listing) - o,
		 "MARK BININT1 0 BININT2 150 BINGET 0 BININT1 7 TUPLE2 MEMOIZE TUPLE1 MEMOIZE "
		 "BININT1 1 TUPLE MEMOIZE "
		 "MARK BININT1 0 BININT2 151 LONG_BINGET 154 BININT1 1 TUPLE MEMOIZE "
		 /* trace 67 again, memoized again as 157, and again from there */
		 "BINGET 70 MEMOIZE LONG_BINGET 157 APPENDS" CLOSE);
	snap = load(listing);

	ck_assert_uint_eq(ms_snapshot_trace_count(snap), 154);
	for (i = 0; i < 150; i++)
		check_trace(snap, (size_t)i, 0, (uint64_t)i, 1, "a.py:1");
	check_trace(snap, 150, 0, 150, 1, "a.py:7");
	check_trace(snap, 151, 0, 151, 1, "a.py:7");
	check_trace(snap, 152, 0, 67, 1, "a.py:1");
	check_trace(snap, 153, 0, 67, 1, "a.py:1");
	ms_snapshot_free(snap);
}
END_TEST

/* One trace object appended twice is two traces, as in Python's list. */
START_TEST(test_trace_appended_twice)
{
	struct ms_snapshot *snap =
	    load("PROTO 2 " OPEN TRACE_A2 "BINPUT 0 APPEND BINGET 0 APPEND" CLOSE);

	CHECK_TRACES(snap, {0, 10, 1, "a.py:2"}, {0, 10, 1, "a.py:2"});
	ms_snapshot_free(snap);
}
END_TEST

/*
 * A trace made before the list, parked as a state value that a later
 * 'traces' key replaces, then appended after another: the list's order
 * counts, and pickle.loads() gives the same list.
 */
START_TEST(test_traces_out_of_order)
{
	struct ms_snapshot *snap =
	    load("PROTO 2 " NEW_SNAPSHOT "EMPTY_DICT MARK "
		 "SHORT_BINUNICODE traces " TRACE_A2 "BINPUT 0 "
		 "SHORT_BINUNICODE traces " NEW_TRACES "EMPTY_DICT "
		 "SHORT_BINUNICODE _traces EMPTY_LIST " TRACE_B3 "APPEND BINGET 0 APPEND" CLOSE);

	CHECK_TRACES(snap, {3, 30, 1, "b.py:3"}, {0, 10, 1, "a.py:2"});
	ms_snapshot_free(snap);
}
END_TEST

/* The same, but the parked trace is never appended: it is no trace. */
START_TEST(test_trace_never_appended)
{
	struct ms_snapshot *snap =
	    load("PROTO 2 " NEW_SNAPSHOT "EMPTY_DICT MARK "
		 "SHORT_BINUNICODE traces " NEW_TRACES "EMPTY_DICT "
		 "SHORT_BINUNICODE _traces EMPTY_LIST " TRACE_B3
		 "APPEND SETITEM BUILD SHORT_BINUNICODE traceback_limit " TRACE_A2
		 "SHORT_BINUNICODE traceback_limit BININT1 5 SETITEMS BUILD STOP");

	CHECK_TRACES(snap, {3, 30, 1, "b.py:3"});
	ms_snapshot_free(snap);
}
END_TEST

/* ------------------------------------------------------------------ */
/*
 * The reader's shortcuts for the shapes Python writes most (a trace whose
 * traceback is a memo reference, a frame whose filename is one) must read
 * and refuse exactly what the general path reads and refuses.
 */

/* Memo 0: 'a.py', 1: frame ('a.py', 2), 2: traceback of it; one trace. */
#define MEMO_ABC                                                                                   \
	"MARK BININT1 0 BININT1 1 SHORT_BINUNICODE a.py BINPUT 0 BININT1 2 TUPLE2 BINPUT 1 "       \
	"TUPLE1 BINPUT 2 BININT1 1 TUPLE APPEND "

START_TEST(test_fast_traces)
{
	struct ms_snapshot *snap =
	    load("PROTO 4 " OPEN MEMO_ABC
		 /* every small int opcode, each memo opcode after */
		 "MARK BININT2 65535 BININT 2147483647 BINGET 2 LONG1 ffff00 TUPLE MEMOIZE APPEND "
		 "MARK LONG1 ffffffff00 LONG1 ffffffffffffff7f LONG_BINGET 2 BININT1 0 TUPLE "
		 "BINPUT 4 APPEND "
		 "MARK BININT1 3 LONG1 0100000000000000 BINGET 2 BININT2 7 TUPLE LONG_BINPUT 5 "
		 "APPEND "
		 /* sizes past 2**63 - 1 and negative-looking bytes take the general path */
		 "MARK BININT1 4 LONG1 ffffffffffffffff00 BINGET 2 BININT1 1 TUPLE APPEND "
		 /* the memo references still work */
		 "BINGET 3 APPEND BINGET 4 APPEND" CLOSE);

	CHECK_TRACES(snap, {0, 1, 1, "a.py:2"}, {65535, 2147483647, 65535, "a.py:2"},
		     {UINT32_MAX, INT64_MAX, 0, "a.py:2"}, {3, 1, 7, "a.py:2"},
		     {4, UINT64_MAX, 1, "a.py:2"}, {65535, 2147483647, 65535, "a.py:2"},
		     {UINT32_MAX, INT64_MAX, 0, "a.py:2"});
	ck_assert_uint_eq(ms_snapshot_traceback_count(snap), 1);
	ms_snapshot_free(snap);
}
END_TEST

/* A fast-path trace of MEMO_ABC's traceback (memo 2): domain, size, total_nframe 1. */
#define FAST(d, size) "MARK BININT1 " #d " BININT1 " #size " BINGET 2 BININT1 1 TUPLE "

/*
 * The fast path keeps a run of traces off the stack until APPENDS takes
 * them; every other way of using them must see them as they were read.
 */
START_TEST(test_fast_trace_runs)
{
	struct ms_snapshot *snap =
	    load("PROTO 4 " OPEN MEMO_ABC
		 /* a run, appended in order */
		 "MARK " FAST(1, 10) "MEMOIZE " FAST(
		     2, 20) "APPENDS "
			    /* out of order: the list keeps its order from here on */
			    "BINGET 3 APPEND "
			    /* a run appended after that */
			    "MARK " FAST(3, 30) FAST(4, 40) "APPENDS "
							    /* a trace of the general path on the
							       stack, then a run, in one APPENDS */
							    "MARK " TRACE_B3 FAST(6, 60) "APPENDS "
		 /* one trace, APPEND */
		 FAST(7, 70) "APPEND "
			     /* a run, then another opcode before APPENDS */
			     "MARK " FAST(8, 80) FAST(9, 90) "BINPUT 4 BINGET 4 APPENDS" CLOSE);

	CHECK_TRACES(snap, {0, 1, 1, "a.py:2"}, {1, 10, 1, "a.py:2"}, {2, 20, 1, "a.py:2"},
		     {1, 10, 1, "a.py:2"}, {3, 30, 1, "a.py:2"}, {4, 40, 1, "a.py:2"},
		     {3, 30, 1, "b.py:3"}, {6, 60, 1, "a.py:2"}, {7, 70, 1, "a.py:2"},
		     {8, 80, 1, "a.py:2"}, {9, 90, 1, "a.py:2"}, {9, 90, 1, "a.py:2"});
	ms_snapshot_free(snap);
	/* a run where no trace may be: refused as the general path refuses it */
	refused("PROTO 4 " OPEN MEMO_ABC "MARK " FAST(1, 10) FAST(2, 20) "^TUPLE" CLOSE, "TUPLE",
		"tuple (trace, trace) is not a frame, traceback or trace");
}
END_TEST

START_TEST(test_fast_frames)
{
	struct ms_snapshot *snap = load(
	    "PROTO 4 " OPEN MEMO_ABC "MARK BININT1 0 BININT1 2 MARK BINGET 0 BININT1 5 TUPLE2 "
	    "MEMOIZE LONG_BINGET 0 BININT2 65535 TUPLE2 BINPUT 4 BINGET 0 LONG1 ffffffff00 TUPLE2 "
	    "LONG_BINPUT 5 BINGET 4 BINGET 0 BININT 7 TUPLE2 TUPLE BININT1 5 TUPLE APPEND" CLOSE);

	CHECK_TRACES(snap, {0, 1, 1, "a.py:2"},
		     {0, 2, 5, "a.py:5 a.py:65535 a.py:4294967295 a.py:65535 a.py:7"});
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), 5);
	ms_snapshot_free(snap);
}
END_TEST

START_TEST(test_fast_refusals)
{
	/* a trace's traceback is a memo reference to a str, a frame, an int */
	refused("PROTO 4 " OPEN MEMO_ABC "MARK BININT1 0 BININT1 1 BINGET 0 BININT1 1 ^TUPLE "
		"APPEND" CLOSE,
		"TUPLE", "trace traceback is a str, not a traceback");
	refused("PROTO 4 " OPEN MEMO_ABC "MARK BININT1 0 BININT1 1 LONG_BINGET 1 BININT1 1 ^TUPLE "
		"APPEND" CLOSE,
		"TUPLE", "trace traceback is a frame, not a traceback");
	refused("PROTO 4 " OPEN MEMO_ABC "MARK BININT1 0 BININT1 9 BINPUT 3 BINGET 2 BININT1 1 "
		"TUPLE APPEND MARK BININT1 0 BININT1 1 BINGET 3 BININT1 1 ^TUPLE APPEND" CLOSE,
		"TUPLE", "trace traceback is an int, not a traceback");
	/* ... or to nothing yet */
	refused("PROTO 4 " OPEN MEMO_ABC "MARK BININT1 0 BININT1 1 ^BINGET 3 BININT1 1 TUPLE "
		"APPEND" CLOSE,
		"BINGET", "memo index 3 is not defined");
	/* out-of-range values in the fast shape */
	refused("PROTO 4 " OPEN MEMO_ABC "MARK BININT -1 BININT1 1 BINGET 2 BININT1 1 ^TUPLE "
		"APPEND" CLOSE,
		"TUPLE", "trace domain -1 is negative");
	refused("PROTO 4 " OPEN MEMO_ABC "MARK LONG1 0000000001 BININT1 1 BINGET 2 BININT1 1 "
		"^TUPLE APPEND" CLOSE,
		"TUPLE", "trace domain 4294967296 exceeds");
	refused("PROTO 4 " OPEN MEMO_ABC "MARK BININT1 0 BININT1 1 BINGET 2 LONG1 0000000001 "
		"^TUPLE APPEND" CLOSE,
		"TUPLE", "trace total_nframe 4294967296 exceeds");
	/* 3.8 and 3.9 traces mixed, either way round */
	refused("PROTO 4 " OPEN "BININT1 0 BININT1 1 SHORT_BINUNICODE a.py BINPUT 0 BININT1 2 "
		"TUPLE2 TUPLE1 BINPUT 1 TUPLE3 APPEND MARK BININT1 0 BININT1 1 BINGET 1 BININT1 1 "
		"^TUPLE APPEND" CLOSE,
		"TUPLE", "trace of 4 items after traces of 3");
	refused("PROTO 4 " OPEN MEMO_ABC "MARK BININT1 0 BININT1 1 BINGET 2 BININT1 1 TUPLE "
		"APPEND BININT1 0 BININT1 1 BINGET 2 ^TUPLE3" CLOSE,
		"TUPLE3", "trace of 3 items after traces of 4");
	/* a frame whose filename is a memo reference to a traceback; a lineno past 2**32 - 1 */
	refused("PROTO 4 " OPEN MEMO_ABC "BINGET 2 BININT1 1 ^TUPLE2", "TUPLE2",
		"tuple (traceback, int) is not");
	refused("PROTO 4 " OPEN MEMO_ABC "BINGET 0 LONG1 0000000001 ^TUPLE2", "TUPLE2",
		"frame lineno 4294967296 exceeds 4294967295");
	/* memo indices after a shortcut must still be the next ones */
	refused("PROTO 4 " OPEN MEMO_ABC "BINGET 0 BININT1 1 TUPLE2 ^BINPUT 7", "BINPUT",
		"memo index 7 is not the next one (3)");
	refused("PROTO 4 " OPEN MEMO_ABC "MARK BININT1 0 BININT1 1 BINGET 2 BININT1 1 TUPLE "
		"^LONG_BINPUT 2",
		"LONG_BINPUT", "memo index 2 is not the next one (3)");
}
END_TEST

/*
 * A bad trace in the shortcut's shape is refused where it stands even
 * when the file goes wrong again later (here: it ends before STOP), as
 * the general path refuses it.
 */
START_TEST(test_fast_refusal_first_error)
{
	refused("PROTO 4 " OPEN MEMO_ABC "MARK BININT1 0 BININT1 1 BINGET 0 BININT1 1 ^TUPLE "
		"APPEND",
		"TUPLE", "trace traceback is a str, not a traceback");
	refused("PROTO 4 " OPEN MEMO_ABC "MARK BININT1 0 BININT1 1 BINGET 0 BININT1 1 ^TUPLE "
		"APPEND HEX ff" CLOSE,
		"TUPLE", "trace traceback is a str, not a traceback");
}
END_TEST

/*
 * Runs of records as Python writes them (each memoized) are read by their
 * bytes; a record that almost fits, in the middle of a run, must be read
 * or refused exactly as the general path reads or refuses it.
 */
#define REC(d, size) "MARK BININT1 " #d " BININT2 " #size " BINGET 2 BININT1 1 TUPLE MEMOIZE "
#define RUN	     REC(1, 300) REC(2, 301) REC(3, 302) REC(4, 303)
/* clang-format off */
#define RUN_WANT {1, 300, 1, "a.py:2"}, {2, 301, 1, "a.py:2"}, {3, 302, 1, "a.py:2"}, {4, 303, 1, "a.py:2"}
/* clang-format on */

/* Memo 0: 'a.py', 1: frame ('a.py', 2), 2: traceback of it; one trace of 3 items. */
#define MEMO3                                                                                      \
	"BININT1 0 BININT1 1 SHORT_BINUNICODE a.py BINPUT 0 BININT1 2 TUPLE2 BINPUT 1 TUPLE1 "     \
	"BINPUT 2 TUPLE3 APPEND "
#define REC3(d, size) "BININT1 " #d " BININT2 " #size " BINGET 2 TUPLE3 MEMOIZE "
#define RUN3	      REC3(1, 300) REC3(2, 301) REC3(3, 302) REC3(4, 303)

/*
 * Runs with records that almost fit between them, of traces of 4 items
 * and of 3 (as Python 3.6 to 3.8 write them, total_nframe then being the
 * traceback's): every field at its widest, a size past BININT's, memoized
 * by index or not at all, split by a FRAME (memo 7 and 26: the first two).
 */
static const struct record_run {
	const char *listing;
	uint32_t wide_nframe; /* the total_nframe of the record of widest fields */
} record_runs[] = {
    {"PROTO 4 " OPEN MEMO_ABC "MARK " RUN
     "MARK BININT 389047 BININT 2147483647 LONG_BINGET 2 BININT 70000 TUPLE MEMOIZE " RUN
     "MARK BININT1 5 LONG1 0000008000 BINGET 2 BININT1 1 TUPLE MEMOIZE " RUN
     "MARK BININT1 6 BININT1 60 BINGET 2 BININT1 1 TUPLE BINPUT 17 " RUN
     "MARK BININT1 7 BININT1 70 BINGET 2 BININT1 1 TUPLE " RUN
     "MARK BININT1 8 BININT1 80 FRAME 9 BINGET 2 BININT1 1 TUPLE MEMOIZE " RUN
     "APPENDS BINGET 7 APPEND BINGET 26 APPEND" CLOSE,
     70000},
    {"PROTO 4 " OPEN MEMO3 "MARK " RUN3
     "BININT 389047 BININT 2147483647 LONG_BINGET 2 TUPLE3 MEMOIZE " RUN3
     "BININT1 5 LONG1 0000008000 BINGET 2 TUPLE3 MEMOIZE " RUN3
     "BININT1 6 BININT1 60 BINGET 2 TUPLE3 BINPUT 17 " RUN3
     "BININT1 7 BININT1 70 BINGET 2 TUPLE3 " RUN3
     "BININT1 8 BININT1 80 FRAME 6 BINGET 2 TUPLE3 MEMOIZE " RUN3
     "APPENDS BINGET 7 APPEND BINGET 26 APPEND" CLOSE,
     1},
};

START_TEST(test_record_runs)
{
	uint32_t wide = record_runs[_i].wide_nframe;
	struct ms_snapshot *snap = load(record_runs[_i].listing);

	CHECK_TRACES(snap, {0, 1, 1, "a.py:2"}, RUN_WANT, {389047, 2147483647, wide, "a.py:2"},
		     RUN_WANT, {5, 2147483648u, 1, "a.py:2"}, RUN_WANT, {6, 60, 1, "a.py:2"},
		     RUN_WANT, {7, 70, 1, "a.py:2"}, RUN_WANT, {8, 80, 1, "a.py:2"}, RUN_WANT,
		     {389047, 2147483647, wide, "a.py:2"}, {8, 80, 1, "a.py:2"});
	ms_snapshot_free(snap);
}
END_TEST

/*
 * In a run of traces of 4 items (REC) or of 3 (REC3, after MEMO3): a
 * record with a wrong opcode in each place, or a wrong memo index.
 */
static const struct bad_record {
	int arity;
	const char *record, *opcode, *message;
} bad_records[] = {
    {3, "BININT -5 BININT2 300 BINGET 2 ^TUPLE3 MEMOIZE ", "TUPLE3", "trace domain -5 is negative"},
    {3, "BININT1 0 BININT2 300 BINGET 1 ^TUPLE3 MEMOIZE ", "TUPLE3",
     "trace traceback is a frame, not a traceback"},
    {3, "BININT1 0 BININT2 300 BINGET 2 BININT1 1 ^TUPLE3 MEMOIZE ", "TUPLE3",
     "trace size is a traceback, not an int"},
    {3, "MARK BININT1 0 BININT2 300 BINGET 2 BININT1 1 ^TUPLE MEMOIZE ", "TUPLE",
     "trace of 4 items after traces of 3"},
    {3, "BININT1 0 BININT2 300 BINGET 2 TUPLE3 ^BINPUT 99 ", "BINPUT",
     "memo index 99 is not the next one (7)"},
};

START_TEST(test_record_refusals)
{
	const struct bad_record *b = &bad_records[_i];
	char listing[1024];

	if (b->arity == 4)
		snprintf(listing, sizeof(listing),
			 "PROTO 4 " OPEN MEMO_ABC "MARK " RUN "%s" RUN "APPENDS" CLOSE, b->record);
	else
		snprintf(listing, sizeof(listing),
			 "PROTO 4 " OPEN MEMO3 "MARK " RUN3 "%s" RUN3 "APPENDS" CLOSE, b->record);
	refused(listing, b->opcode, b->message);
}
END_TEST

/* A run cut inside its last record: refused where the record breaks. */
START_TEST(test_record_truncated)
{
	static struct asm_out out;
	/* where the record's opcodes start, and its end */
	static const size_t starts[] = {0, 1, 3, 6, 11, 13, 14, 15};
	size_t cut, i;

	asm_pickle(&out, "PROTO 4 " OPEN MEMO_ABC "MARK " RUN RUN RUN
			 "^MARK BININT1 0 BININT2 300 LONG_BINGET 2 BININT1 1 TUPLE MEMOIZE");
	ck_assert_uint_eq(out.len, out.mark + 15);
	for (cut = 0; cut <= 15; cut++) {
		for (i = 0; i + 1 < sizeof(starts) / sizeof(starts[0]) && starts[i + 1] <= cut; i++)
			;
		if (starts[i] == cut)
			check_refusal(out.bytes, out.mark + cut, out.mark + cut, NULL,
				      "file ends before STOP");
		else
			check_refusal(out.bytes, out.mark + cut, out.mark + starts[i],
				      ms_pickle_op_name(out.bytes[out.mark + starts[i]]),
				      "exceeds");
	}
}
END_TEST

/* A new traceback's frames, memoized: read by their bytes, and what almost fits. */
#define FR(lineno) "BINGET 0 BININT1 " #lineno " TUPLE2 MEMOIZE "

START_TEST(test_frame_runs)
{
	struct ms_snapshot *snap = load(
	    "PROTO 4 " OPEN MEMO_ABC "MARK BININT1 0 BININT1 2 MARK " FR(5) FR(6) FR(7)
		FR(8) "LONG_BINGET 0 BININT 100000 TUPLE2 MEMOIZE " FR(
		    9) "BINGET 0 LONG1 ffffffff00 TUPLE2 MEMOIZE " FR(10) "BINGET 0 BININT1 11 "
									  "TUPLE2 " FR(
									      12) "BINGET "
										  "0 "
										  "BININT1"
										  " 13 "
										  "FRAME "
										  "4 "
										  "TUPLE2 "
										  "MEMOIZE"
										  " " FR(14) FR(
										      15) FR(16)
										      FR(17) "TUPLE"
											     " "
											     "MEMOI"
											     "ZE "
											     "BININ"
											     "T1 "
											     "20 "
											     "TUPLE"
											     " "
											     "APPEN"
											     "D" CLOSE);

	CHECK_TRACES(snap, {0, 1, 1, "a.py:2"},
		     {0, 2, 20,
		      "a.py:5 a.py:6 a.py:7 a.py:8 a.py:100000 a.py:9 a.py:4294967295 a.py:10 "
		      "a.py:11 a.py:12 a.py:13 a.py:14 a.py:15 a.py:16 a.py:17"});
	ms_snapshot_free(snap);
#define BAD(frame) "PROTO 4 " OPEN MEMO_ABC "MARK " FR(5) FR(6) FR(7) frame FR(8) FR(9) CLOSE
	refused(BAD("BINGET 1 BININT1 1 ^TUPLE2 MEMOIZE "), "TUPLE2",
		"tuple (frame, int) is not a frame, traceback or trace");
	refused(BAD("BINGET 0 BININT -1 ^TUPLE2 MEMOIZE "), "TUPLE2",
		"frame lineno -1 is negative");
	refused(BAD("BINGET 0 BININT1 1 TUPLE2 ^BINPUT 3 "), "BINPUT",
		"memo index 3 is not the next one (6)");
	refused(BAD("^BINGET 50 BININT1 1 TUPLE2 MEMOIZE "), "BINGET",
		"memo index 50 is not defined");
#undef BAD
}
END_TEST

/*
 * A file of many MB read through ms_snapshot_load() or one of the summed
 * loads by mode (big enough for the reader's summing thread), which map
 * it and give pages back behind the reader: OPEN MEMO_ABC, then head (if
 * not NULL: early, where the reader takes records by their bytes), NBIG
 * traces of the fast shape (domain i % ndomains, size i % 256, traceback
 * memo 2) in APPENDS batches of 1000, then bad (if not NULL) and CLOSE.
 * The offset of the '^' in head or bad goes in *mark.
 */
#define NBIG 900000

enum big_mode { BIG_WHOLE, BIG_SUMMED, BIG_NEWEST, BIG_NEWEST_FRAMES };

/* The file at path read whole, or summed, or for the newest frames, by mode; NULL if refused. */
static struct ms_snapshot *load_path(const char *path, enum big_mode mode, struct ms_error *err)
{
	struct ms_snapshot *snap = NULL;

	switch (mode) {
	case BIG_WHOLE:
		ms_snapshot_load(path, &snap, err);
		break;
	case BIG_SUMMED:
		ms_snapshot_load_summed(path, 2, &snap, err);
		break;
	case BIG_NEWEST:
		ms_snapshot_load_newest(path, 2, &snap, err);
		break;
	case BIG_NEWEST_FRAMES:
		ms_snapshot_load_newest_frames(path, 2, &snap, err);
		break;
	}
	return snap;
}

static struct ms_snapshot *load_big_file(const char *head, const char *bad, size_t *mark,
					 struct ms_error *err, enum big_mode mode,
					 unsigned ndomains)
{
	static struct asm_out part;
	char path[] = "/tmp/memsnap-unit-XXXXXX";
	size_t i, off = 0, cap = 16 * NBIG;
	unsigned char *buf = malloc(cap);
	struct ms_snapshot *snap = NULL;
	int fd = mkstemp(path);

	ck_assert_ptr_nonnull(buf);
	ck_assert_int_ge(fd, 0);
	asm_pickle(&part, "PROTO 4 " OPEN MEMO_ABC);
	memcpy(buf, part.bytes, part.len);
	off = part.len;
	if (head) {
		asm_pickle(&part, head);
		if (part.mark != (size_t)-1)
			*mark = off + part.mark;
		memcpy(buf + off, part.bytes, part.len);
		off += part.len;
	}
	for (i = 0; i < NBIG; i++) {
		const unsigned char trace[] = {OP_MARK,
					       OP_BININT1,
					       (unsigned char)(i % ndomains),
					       OP_BININT1,
					       (unsigned char)(i % 256),
					       OP_BINGET,
					       2,
					       OP_BININT1,
					       1,
					       OP_TUPLE};

		if (i % 1000 == 0)
			buf[off++] = OP_MARK;
		memcpy(buf + off, trace, sizeof(trace));
		off += sizeof(trace);
		if (i % 1000 == 999 || i == NBIG - 1)
			buf[off++] = OP_APPENDS;
	}
	if (bad) {
		asm_pickle(&part, bad);
		if (part.mark != (size_t)-1)
			*mark = off + part.mark;
		memcpy(buf + off, part.bytes, part.len);
		off += part.len;
	}
	asm_pickle(&part, CLOSE);
	memcpy(buf + off, part.bytes, part.len);
	off += part.len;
	ck_assert_uint_le(off, cap);
	ck_assert_uint_eq((size_t)write(fd, buf, off), off);
	ck_assert_int_eq(close(fd), 0);
	snap = load_path(path, mode, err);
	unlink(path);
	free(buf);
	return snap;
}

START_TEST(test_big_file)
{
	struct ms_error err;
	struct ms_snapshot *snap = load_big_file(NULL, NULL, NULL, &err, BIG_WHOLE, 7);
	size_t i;

	ck_assert_msg(snap != NULL, "refused at offset %zu: %s", err.offset, err.message);
	ck_assert_uint_eq(ms_snapshot_trace_count(snap), NBIG + 1);
	for (i = 1; i <= NBIG; i++) {
		struct ms_trace t = ms_snapshot_trace(snap, i);

		if (t.domain != (i - 1) % 7 || t.size != (i - 1) % 256 || t.total_nframe != 1 ||
		    t.traceback != ms_snapshot_trace(snap, 0).traceback)
			ck_abort_msg("trace %zu is not what the file holds", i);
	}
	ms_snapshot_free(snap);
}
END_TEST

/* Refused after pages were given back, the file is read again from the start. */
/* How load_big_file() reads, by _i. */
static const char *const big_file_modes[] = {"whole", "summed"};

START_TEST(test_big_file_refused_late)
{
	struct ms_error err;
	size_t offset = 0;

	ck_assert_msg(!load_big_file(NULL,
				     "MARK BININT1 0 BININT1 1 BINGET 0 BININT1 1 ^TUPLE APPEND",
				     &offset, &err, _i, 7),
		      "read %s", big_file_modes[_i]);
	ck_assert_int_eq(err.status, MS_ERR_FORMAT);
	ck_assert_uint_eq(err.offset, offset);
	ck_assert_pstr_eq(err.opcode, "TUPLE");
	ck_assert_str_eq(err.message, "trace traceback is a str, not a traceback");
}
END_TEST

/* The same when the reader stops first, leaving the summing thread queued batches. */
START_TEST(test_big_file_bad_opcode)
{
	struct ms_error err;
	size_t offset = 0;

	ck_assert_msg(!load_big_file(NULL, "^HEX ff", &offset, &err, _i, 7), "read %s",
		      big_file_modes[_i]);
	ck_assert_int_eq(err.status, MS_ERR_FORMAT);
	ck_assert_uint_eq(err.offset, offset);
	ck_assert_ptr_null(err.opcode);
	ck_assert_str_eq(err.message, "unknown opcode 0xff");
}
END_TEST

/*
 * A frame referred to again, which Python's dumps never do (each new
 * traceback has fresh frames) but a snapshot made by hand may: the
 * reader's memo keeps no frame at first, so it reads the file again
 * keeping them all, summed still when it was asked to sum.
 */
START_TEST(test_big_file_frame_again)
{
	struct ms_error err;
	size_t offset = 0, last = NBIG + 1;
	/* memo 1 is MEMO_ABC's frame ('a.py', 2), in a new traceback */
	struct ms_snapshot *snap =
	    load_big_file(NULL, "MARK BININT1 0 BININT1 5 BINGET 1 TUPLE1 BININT1 1 TUPLE APPEND",
			  &offset, &err, _i, 7);

	ck_assert_msg(snap != NULL, "refused at offset %zu: %s", err.offset, err.message);
	ck_assert_uint_eq(ms_snapshot_trace_count(snap), NBIG + 2);
	ck_assert_int_eq(ms_snapshot_summed(snap), _i);
	ck_assert_uint_eq(ms_snapshot_traceback_count(snap), 1);
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), 1);
	if (!_i) {
		ck_assert_uint_eq(ms_snapshot_trace(snap, last).size, 5);
		ck_assert_str_eq(describe(snap, ms_snapshot_trace(snap, last).traceback), "a.py:2");
	}
	ms_snapshot_free(snap);
}
END_TEST

/* How load_big_file() reads, by _i, in the tests of every mode. */
static const char *const big_file_all_modes[] = {"whole", "summed", "newest", "newest frames"};

/*
 * A new traceback of three frames: read for the newest frames only, the
 * two that are not its newest are never interned, and the statistics by
 * line are those of every other read.
 */
START_TEST(test_big_file_newest_frames)
{
	struct ms_error err;
	struct ms_stats st;
	struct ms_snapshot *snap = load_big_file(
	    "MARK BININT1 0 BININT1 5 MARK BINGET 0 BININT1 7 TUPLE2 MEMOIZE BINGET 0 BININT1 8 "
	    "TUPLE2 MEMOIZE BINGET 0 BININT1 9 TUPLE2 MEMOIZE TUPLE MEMOIZE BININT1 3 TUPLE APPEND",
	    NULL, NULL, &err, _i, 7);
	size_t i;

	ck_assert_msg(snap != NULL, "refused at offset %zu: %s", err.offset, err.message);
	ck_assert_uint_eq(ms_snapshot_trace_count(snap), NBIG + 2);
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), _i == BIG_NEWEST_FRAMES ? 2 : 4);
	ck_assert_int_eq(ms_stats_compute(&st, snap, NULL, MS_KEY_LINENO, false, &err), MS_OK);
	ck_assert_uint_eq(st.nr, 2);
	for (i = 0; i < st.nr; i++) {
		struct ms_frame f = ms_snapshot_frame(snap, st.items[i].key);
		ck_assert(unit_string_is(snap, f.file, "a.py"));
		if (f.lineno == 7)
			ck_assert(st.items[i].size.lo == 5 && st.items[i].count == 1);
		else
			ck_assert(f.lineno == 2 && st.items[i].count == NBIG + 1);
	}
	ms_stats_release(&st);
	ms_snapshot_free(snap);
}
END_TEST

/*
 * A tuple of two frames with a third below it, which the reader for the
 * newest frames only left uninterned as not a newest: it reads the file
 * again with every frame, and refuses it where every other read does.
 */
START_TEST(test_big_file_newest_refused)
{
	struct ms_error err;
	size_t offset = 0;

	ck_assert_msg(!load_big_file("MARK BININT1 0 BININT1 5 BINGET 0 BININT1 6 TUPLE2 MEMOIZE "
				     "BINGET 0 BININT1 7 TUPLE2 MEMOIZE BINGET 0 BININT1 8 TUPLE2 "
				     "MEMOIZE TUPLE2 MEMOIZE BININT1 2 ^TUPLE APPEND",
				     NULL, &offset, &err, _i, 7),
		      "read %s", big_file_all_modes[_i]);
	ck_assert_int_eq(err.status, MS_ERR_FORMAT);
	ck_assert_uint_eq(err.offset, offset);
	ck_assert_pstr_eq(err.opcode, "TUPLE");
	ck_assert_msg(strstr(err.message, "is not a frame, traceback or trace") != NULL, "%s",
		      err.message);
}
END_TEST

/*
 * Listings of new tracebacks as every dump pickles them: each frame, trace
 * and traceback memoized (so that the reader takes whole traces whose
 * traceback is new at their first byte). Memo 0 is the int 7, 1 'a.py',
 * 2 its frame at line 2, 3 the first trace's traceback. By arity, _i / 4
 * in the tests below: 3-item traces (3.6 to 3.8) or 4-item ones.
 */
#define FRM(lineno) "BINGET 1 BININT1 " #lineno " TUPLE2 MEMOIZE "

struct arity_words {
	const char *start;  /* of a trace: "MARK " or nothing */
	const char *end[5]; /* after its traceback, by total_nframe 0 to 4 */
};

static const struct arity_words arity_words[2] = {
    {"",
     {"TUPLE3 MEMOIZE ", "TUPLE3 MEMOIZE ", "TUPLE3 MEMOIZE ", "TUPLE3 MEMOIZE ",
      "TUPLE3 MEMOIZE "}},
    {"MARK ",
     {"BININT1 0 TUPLE MEMOIZE ", "BININT1 1 TUPLE MEMOIZE ", "BININT1 2 TUPLE MEMOIZE ",
      "BININT1 3 TUPLE MEMOIZE ", "BININT1 4 TUPLE MEMOIZE "}},
};

/* The listing, its '^' in *mark, written to a file and read by mode; NULL if refused. */
static struct ms_snapshot *load_listing(const char *listing, enum big_mode mode, size_t *mark,
					struct ms_error *err)
{
	static struct asm_out out;
	char path[] = "/tmp/memsnap-unit-XXXXXX";
	struct ms_snapshot *snap;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	asm_pickle(&out, listing);
	save_for_python(&out);
	*mark = out.mark;
	ck_assert_uint_eq((size_t)write(fd, out.bytes, out.len), out.len);
	ck_assert_int_eq(close(fd), 0);
	snap = load_path(path, mode, err);
	unlink(path);
	return snap;
}

static char new_listing[4096];

/*
 * The head (memo 0 to 4, a trace at ('a.py', 2) of domain 7 and size 1), then
 * the n / 2 traces, each a->start and two words, then CLOSE.
 */
static const char *new_traces(const struct arity_words *a, const char *const *traces, size_t n)
{
	size_t len, i;

	len =
	    (size_t)snprintf(new_listing, sizeof(new_listing),
			     "PROTO 4 " OPEN "MARK %sBININT1 7 MEMOIZE BININT1 1 SHORT_BINUNICODE "
			     "a.py MEMOIZE BININT1 2 TUPLE2 MEMOIZE TUPLE1 MEMOIZE %s",
			     a->start, a->end[1]);
	for (i = 0; i < n; i += 2)
		len += (size_t)snprintf(new_listing + len, sizeof(new_listing) - len, "%s%s%s",
					a->start, traces[i], traces[i + 1]);
	snprintf(new_listing + len, sizeof(new_listing) - len, "APPENDS%s", CLOSE);
	ck_assert_uint_lt(len + 200, sizeof(new_listing));
	return new_listing;
}

static const char *const new_traceback_reads[] = {
    "3 items, whole", "3 items, summed", "3 items, newest", "3 items, newest frames",
    "4 items, whole", "4 items, summed", "4 items, newest", "4 items, newest frames"};

/*
 * New tracebacks of every shape a dump gives them, after MARK or as one
 * to three frames, then a traceback again by memo reference: every read
 * (by _i % 4, of the arity _i / 4) holds the same traces by line and
 * traceback, and the read for the newest frames interns those alone.
 */
START_TEST(test_new_tracebacks)
{
	const struct arity_words *a = &arity_words[_i / 4];
	/* memo after the head: 3 the traceback, 4 the trace; then each frame, traceback and trace
	 */
	const char *const traces[] = {
	    "BININT1 0 BININT1 10 MARK " FRM(5) FRM(6) FRM(7) FRM(8) "TUPLE MEMOIZE ",
	    a->end[4],
	    "BININT1 0 BININT1 20 " FRM(9) "TUPLE1 MEMOIZE ",
	    a->end[1],
	    "BININT1 1 BININT1 30 " FRM(10) FRM(11) "TUPLE2 MEMOIZE ",
	    a->end[2],
	    "BININT1 0 BININT1 50 " FRM(12) FRM(13) FRM(14) "TUPLE3 MEMOIZE ",
	    a->end[3],
	    "BININT1 0 BININT1 40 LONG_BINGET 9 ",
	    a->end[4],
	    "BININT1 0 BININT1 60 MARK " FRM(2) "TUPLE MEMOIZE ",
	    a->end[1],
	};
	static const struct {
		uint32_t lineno;
		uint64_t size, count;
	} want[] = {{2, 61, 2}, {5, 50, 2}, {9, 20, 1}, {10, 30, 1}, {12, 50, 1}};
	enum big_mode mode = (enum big_mode)(_i % 4);
	struct ms_error err = {0};
	struct ms_snapshot *snap;
	struct ms_stats st;
	size_t mark, i, k;

	snap = load_listing(new_traces(a, traces, sizeof(traces) / sizeof(*traces)), mode, &mark,
			    &err);
	ck_assert_msg(snap != NULL, "%s: refused at offset %zu: %s", new_traceback_reads[_i],
		      err.offset, err.message);
	ck_assert_uint_eq(ms_snapshot_trace_count(snap), 7);
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), mode == BIG_NEWEST_FRAMES ? 5 : 11);
	ck_assert_uint_eq(ms_snapshot_traceback_count(snap), 5);
	if (mode == BIG_WHOLE)
		ck_assert_str_eq(describe(snap, ms_snapshot_trace(snap, 4).traceback),
				 "a.py:12 a.py:13 a.py:14");
	ck_assert_int_eq(ms_stats_compute(&st, snap, NULL, MS_KEY_LINENO, false, &err), MS_OK);
	ck_assert_uint_eq(st.nr, 5);
	for (i = 0; i < st.nr; i++) {
		struct ms_frame f = ms_snapshot_frame(snap, st.items[i].key);

		for (k = 0; want[k].lineno != f.lineno; k++)
			ck_assert_uint_lt(k + 1, 5);
		ck_assert(unit_string_is(snap, f.file, "a.py"));
		ck_assert_msg(
		    st.items[i].size.lo == want[k].size && st.items[i].count == want[k].count,
		    "line %u: %llu B in %llu", f.lineno, (unsigned long long)st.items[i].size.lo,
		    (unsigned long long)st.items[i].count);
	}
	ms_stats_release(&st);
	ms_snapshot_free(snap);
}
END_TEST

/*
 * A new traceback that is not one after all, in a trace whose every
 * opcode is memoized as in a dump: refused where the general path
 * refuses it, naming the same opcode, by every read. By _i / 4: three
 * frames made a TUPLE2 (a traceback below the third); a frame whose
 * filename is the int 7, after the newest; a 4-item trace closed by
 * TUPLE3.
 */
static const struct {
	const char *trace, *opcode, *message;
} not_new_tracebacks[] = {
    {"BININT1 0 BININT1 5 " FRM(6) FRM(7) FRM(8) "TUPLE2 MEMOIZE BININT1 2 ^TUPLE MEMOIZE ",
     "TUPLE", "tuple (int, int, frame, traceback, int) is not a frame, traceback or trace"},
    {"BININT1 0 BININT1 5 MARK " FRM(6) "BINGET 0 BININT1 7 ^TUPLE2 MEMOIZE TUPLE MEMOIZE "
					"BININT1 2 TUPLE MEMOIZE ",
     "TUPLE2", "tuple (int, int) is not a frame, traceback or trace"},
    {"BININT1 0 BININT1 5 MARK " FRM(6) "TUPLE MEMOIZE BININT1 1 ^TUPLE3 MEMOIZE ", "TUPLE3",
     "trace of 3 items after traces of 4"},
};

static const char *const not_new_traceback_reads[] = {
    "TUPLE2 of 3, whole",   "TUPLE2 of 3, summed",
    "TUPLE2 of 3, newest",  "TUPLE2 of 3, newest frames",
    "int filename, whole",  "int filename, summed",
    "int filename, newest", "int filename, newest frames",
    "TUPLE3, whole",	    "TUPLE3, summed",
    "TUPLE3, newest",	    "TUPLE3, newest frames"};

START_TEST(test_not_new_tracebacks)
{
	const char *const traces[] = {not_new_tracebacks[_i / 4].trace, ""};
	struct ms_error err = {0};
	size_t mark;

	ck_assert_msg(!load_listing(new_traces(&arity_words[1], traces, 2), (enum big_mode)(_i % 4),
				    &mark, &err),
		      "read %s", not_new_traceback_reads[_i]);
	ck_assert_int_eq(err.status, MS_ERR_FORMAT);
	ck_assert_uint_eq(err.offset, mark);
	ck_assert_pstr_eq(err.opcode, not_new_tracebacks[_i / 4].opcode);
	ck_assert_msg(strstr(err.message, not_new_tracebacks[_i / 4].message) != NULL, "%s",
		      err.message);
}
END_TEST

/*
 * A dump as Python writes it (through memsnap's byte-identical pickle
 * writer) of NDUMP traces over thousands of tracebacks, big enough for the
 * reader's summing thread: summed, it holds what the whole read holds,
 * per traceback and domain. With more domains than a summed snapshot
 * keeps, the summing thread gives up and the file is read whole again.
 */
#define NDUMP 600000

/* Domains in the dump, by _i: as many as a summed snapshot keeps, and more. */
static const unsigned big_dump_domains[] = {3, MS_MAX_SUMMED_DOMAINS + 1};

START_TEST(test_big_dump_summed)
{
	unsigned ndomains = big_dump_domains[_i];
	struct ms_snapshot *made = ms_snapshot_new(), *whole = NULL, *summed = NULL;
	char path[] = "/tmp/memsnap-unit-XXXXXX";
	int fd = mkstemp(path);
	FILE *out = fdopen(fd, "w");
	uint32_t frames[3], file;
	uint64_t x = 1;
	struct ms_error err;
	struct ms_sum *c;
	size_t i, d, k;
	char name[32];

	ck_assert_ptr_nonnull(out);
	for (i = 0; i < NDUMP; i++) {
		struct ms_trace t;

		x = x * 6364136223846793005ull + 1442695040888963407ull;
		for (k = 0; k < 3; k++) {
			snprintf(name, sizeof(name), "m%u.py", (unsigned)(x >> (40 + 6 * k)) % 50);
			file = ms_snapshot_intern_string(made, name, (uint32_t)strlen(name));
			frames[k] =
			    ms_snapshot_intern_frame(made, file, (uint32_t)(x >> (20 + 4 * k)) % 9);
		}
		t.traceback =
		    ms_snapshot_intern_traceback(made, frames, 1 + (uint32_t)(x >> 60) % 3);
		t.domain = (uint32_t)(i % ndomains);
		t.size = x >> (i % 64);
		t.total_nframe = 7;
		ck_assert_int_eq(ms_snapshot_add_trace(made, &t), 0);
	}
	made->traceback_limit = 3;
	made->origin.trace_arity = 4;
	made->origin.protocol = 4;
	ck_assert_int_eq(ms_snapshot_write_pickle(out, made, &err), MS_OK);
	ck_assert_int_ge(ftell(out), 8 << 20); /* pickle_read.c's SUMMER_MIN_BYTES */
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_int_eq(ms_snapshot_load(path, &whole, &err), MS_OK);
	ck_assert_int_eq(ms_snapshot_load_summed(path, 2, &summed, &err), MS_OK);
	unlink(path);
	ck_assert(summed->summed == !_i);
	ck_assert_uint_eq(ms_snapshot_trace_count(summed), NDUMP);
	ck_assert_uint_gt(whole->tracebacks_alloc, 1000);
	if (summed->summed) {
		/* the whole read's sums per (domain, traceback), taken away from the summed ones */
		for (i = 0; i < NDUMP; i++) {
			for (d = 0; summed->sums[d].domain != whole->trace_domain[i]; d++)
				ck_assert_uint_lt(d + 1, summed->nsums);
			c = ms_domain_sums_find(&summed->sums[d], whole->trace_traceback[i]);
			ck_assert_ptr_nonnull(c);
			c->size_hi -= c->size_lo < whole->trace_size[i];
			c->size_lo -= whole->trace_size[i];
			c->count--;
		}
		for (d = 0; d < summed->nsums; d++) {
			for (k = 0; k < summed->sums[d].alloc; k++)
				ck_assert(!summed->sums[d].cells[k].size_lo &&
					  !summed->sums[d].cells[k].size_hi &&
					  !summed->sums[d].cells[k].count);
			for (k = 0; k < summed->sums[d].sparse_nr; k++)
				ck_assert(!summed->sums[d].sparse_cells[k].size_lo &&
					  !summed->sums[d].sparse_cells[k].size_hi &&
					  !summed->sums[d].sparse_cells[k].count);
		}
	} else {
		for (i = 0; i < NDUMP; i++)
			ck_assert(summed->trace_size[i] == whole->trace_size[i] &&
				  summed->trace_domain[i] == whole->trace_domain[i]);
	}
	ms_snapshot_free(made);
	ms_snapshot_free(whole);
	ms_snapshot_free(summed);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Refusals */

/*
 * pickle_ops.h, which the reader, the writer and the assembler are made
 * from, names each opcode pickletools knows with its byte and the shape of
 * its argument, and nothing else.
 */
START_TEST(test_opcode_table)
{
	static const struct {
		const char *descriptor;
		enum ms_pickle_arg arg;
	} shapes[] = {
	    {"", ARG_NONE},
	    {"uint1", ARG_U1},
	    {"uint2", ARG_U2},
	    {"int4", ARG_I4},
	    {"uint4", ARG_U4},
	    {"uint8", ARG_U8},
	    {"float8", ARG_F8},
	    {"string1", ARG_STR1},
	    {"bytes1", ARG_STR1},
	    {"unicodestring1", ARG_STR1},
	    {"string4", ARG_STR4},
	    {"bytes4", ARG_STR4},
	    {"unicodestring4", ARG_STR4},
	    {"bytes8", ARG_STR8},
	    {"bytearray8", ARG_STR8},
	    {"unicodestring8", ARG_STR8},
	    {"long1", ARG_LONG1},
	    {"long4", ARG_LONG4},
	    {"decimalnl_short", ARG_LINE},
	    {"decimalnl_long", ARG_LINE},
	    {"floatnl", ARG_LINE},
	    {"stringnl", ARG_LINE},
	    {"stringnl_noescape", ARG_LINE},
	    {"unicodestringnl", ARG_LINE},
	    {"stringnl_noescape_pair", ARG_LINE2},
	};
	const struct python_opcode *py = &python_opcodes[_i];
	const struct asm_opcode *op = asm_find(py->name, strlen(py->name));
	size_t i, named = 0;

	ck_assert_uint_eq(op->code, py->code);
	ck_assert_pstr_eq(ms_pickle_op_name(py->code), py->name);
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		if (!strcmp(shapes[i].descriptor, py->arg))
			break;
	ck_assert_msg(i < sizeof(shapes) / sizeof(shapes[0]), "unknown argument %s", py->arg);
	ck_assert_int_eq(op->arg, shapes[i].arg);
	for (i = 0; i < 256; i++)
		named += ms_pickle_op_name((unsigned char)i) != NULL;
	ck_assert_uint_eq(named, UNIT_NROWS(python_opcodes));
	ck_assert_uint_eq(UNIT_NROWS(asm_opcodes), UNIT_NROWS(python_opcodes));
}
END_TEST

START_TEST(test_disallowed_opcodes)
{
	const struct opcode_name *op = &disallowed_opcodes[_i];
	char listing[1024];

	snprintf(listing, sizeof(listing), "PROTO 2 " OPEN TRACE_A2 "^HEX %02x", op->code);
	refused(listing, op->name, "opcode not allowed");
}
END_TEST

START_TEST(test_unknown_opcodes)
{
	char listing[1024], message[32];

	snprintf(listing, sizeof(listing), "PROTO 2 " OPEN "^HEX %02x APPEND" CLOSE,
		 unknown_opcodes[_i]);
	snprintf(message, sizeof(message), "unknown opcode 0x%02x", unknown_opcodes[_i]);
	refused(listing, NULL, message);
}
END_TEST

START_TEST(test_other_classes)
{
	refused("PROTO 2 ^GLOBAL os system", "GLOBAL", "os.system is not allowed");
	refused("PROTO 2 ^GLOBAL tracemalloc Filter", "GLOBAL", "tracemalloc.Filter");
	refused("PROTO 2 ^GLOBAL tracemalloc Snapshot_ EMPTY_TUPLE", "GLOBAL", "Snapshot_");
	refused("PROTO 2 ^GLOBAL tracemalloc Snap EMPTY_TUPLE", "GLOBAL", "tracemalloc.Snap is");
	refused("PROTO 2 ^GLOBAL tracemalloc '' EMPTY_TUPLE", "GLOBAL", "tracemalloc. is");
	refused("PROTO 2 ^GLOBAL tracemallo _Traces", "GLOBAL", "tracemallo._Traces");
	refused("PROTO 4 SHORT_BINUNICODE tracemalloc SHORT_BINUNICODE _Tr ^STACK_GLOBAL",
		"STACK_GLOBAL", "tracemalloc._Tr is");
	refused("PROTO 2 ^GLOBAL tracemalloc_ Snapshot", "GLOBAL", "tracemalloc_.Snapshot");
	refused("PROTO 2 ^GLOBAL tracemalloc.x _Traces", "GLOBAL", "tracemalloc.x._Traces");
	refused("PROTO 2 ^GLOBAL copy_reg _reconstructor", "GLOBAL", "copy_reg._reconstructor");
	refused("PROTO 4 SHORT_BINUNICODE builtins SHORT_BINUNICODE eval ^STACK_GLOBAL",
		"STACK_GLOBAL", "builtins.eval is not allowed");
	refused("PROTO 4 SHORT_BINUNICODE tracemalloc SHORT_BINUNICODE 'Snapshot\xc3\xa9' "
		"^STACK_GLOBAL",
		"STACK_GLOBAL", "tracemalloc.Snapshot\\xc3\\xa9");
	refused("PROTO 4 SHORT_BINUNICODE tracemalloc BININT1 1 ^STACK_GLOBAL", "STACK_GLOBAL",
		"class name is an int");
	refused("PROTO 4 SHORT_BINUNICODE tracemalloc ^STACK_GLOBAL", "STACK_GLOBAL",
		"needs 2 stack items, 1 above the mark");
	refused("PROTO 2 ^BYTES 'ctracemalloc\nSnapshot'", "GLOBAL",
		"class name has no end of line");
	refused("PROTO 2 ^BYTES ctracemalloc", "GLOBAL", "module name has no end of line");
}
END_TEST

START_TEST(test_bad_lengths)
{
	refused("PROTO 2 " OPEN "^HEX 8cc8 BYTES abc", "SHORT_BINUNICODE",
		"length 200 exceeds 3 remaining bytes");
	refused("PROTO 2 ^HEX 8c", "SHORT_BINUNICODE", "length field size 1 exceeds 0 remaining");
	refused("PROTO 2 " OPEN "^HEX 580100", "BINUNICODE",
		"length field size 4 exceeds 2 remaining bytes");
	refused("PROTO 2 ^HEX 58ffffffff BYTES abc", "BINUNICODE",
		"length 4294967295 exceeds 3 remaining bytes");
	refused("PROTO 2 ^HEX 8d00000000000000 HEX 80", "BINUNICODE8",
		"length 9223372036854775808 exceeds 0 remaining bytes");
	refused("PROTO 2 ^HEX 8d000000", "BINUNICODE8", "length field size 8 exceeds 3");
	refused("PROTO 2 ^HEX 8a02ff", "LONG1", "length 2 exceeds 1 remaining bytes");
	refused("PROTO 2 ^HEX 8a", "LONG1", "length field size 1 exceeds 0");
	refused("PROTO 2 ^HEX 8bffffffff", "LONG4", "negative length");
	refused("PROTO 2 ^HEX 8b05000000 HEX 01", "LONG4", "length 5 exceeds 1");
	refused("PROTO 2 ^HEX 4aff", "BININT", "argument size 4 exceeds 1");
	refused("PROTO 2 ^HEX 4d01", "BININT2", "argument size 2 exceeds 1");
	refused("PROTO 2 ^HEX 4b", "BININT1", "argument size 1 exceeds 0");
	refused("PROTO 2 BININT1 1 ^HEX 72000000", "LONG_BINPUT", "argument size 4 exceeds 3");
	refused("PROTO 4 ^FRAME 1000 BININT1 1", "FRAME", "frame length 1000 exceeds 2 remaining");
	refused("PROTO 4 ^HEX 950100", "FRAME", "length field size 8 exceeds 2");
	refused("^HEX 80", "PROTO", "exceeds 0 remaining bytes");
}
END_TEST

START_TEST(test_invalid_utf8)
{
	refused("PROTO 2 ^SHORT_BINUNICODE 'a\xc3('", "SHORT_BINUNICODE",
		"invalid UTF-8 at byte 1 of the string");
	refused("PROTO 2 ^BINUNICODE '\xc0\x80'", "BINUNICODE", "invalid UTF-8 at byte 0");
	refused("PROTO 2 ^BINUNICODE8 'ab\xf4\x90\x80\x80'", "BINUNICODE8",
		"invalid UTF-8 at byte 2");
	refused("PROTO 2 ^SHORT_BINUNICODE 'abc\xe2\x82'", "SHORT_BINUNICODE",
		"invalid UTF-8 at byte 3");
	refused("PROTO 2 ^SHORT_BINUNICODE '\xff'", "SHORT_BINUNICODE", "invalid UTF-8 at byte 0");
}
END_TEST

START_TEST(test_integers_out_of_range)
{
	/* 2**64, a 10-byte long, and negative sizes */
	refused("PROTO 2 ^LONG1 000000000000000001", "LONG1", "integer of 9 bytes is out of range");
	refused("PROTO 2 ^LONG4 00000000000000000000", "LONG4", "integer of 10 bytes");
	refused("PROTO 2 " OPEN "MARK BININT1 0 BININT -1 SHORT_BINUNICODE a.py BININT1 2 TUPLE2 "
		"TUPLE1 BININT1 1 ^TUPLE",
		"TUPLE", "trace size -1 is negative");
	refused("PROTO 2 " OPEN "MARK BININT1 0 LONG1 ff SHORT_BINUNICODE a.py BININT1 2 TUPLE2 "
		"TUPLE1 BININT1 1 ^TUPLE",
		"TUPLE", "trace size -1 is negative");
	refused("PROTO 2 " OPEN "MARK BININT1 0 LONG1 0000000000000080ff SHORT_BINUNICODE a.py "
		"BININT1 2 TUPLE2 TUPLE1 BININT1 1 ^TUPLE",
		"TUPLE", "trace size -9223372036854775808 is negative");
	/* 2**32 where 32 bits are the limit */
	refused("PROTO 2 SHORT_BINUNICODE a.py LONG1 0000000001 ^TUPLE2", "TUPLE2",
		"frame lineno 4294967296 exceeds 4294967295");
	refused("PROTO 2 SHORT_BINUNICODE a.py BININT -2 ^TUPLE2", "TUPLE2",
		"frame lineno -2 is negative");
	refused("PROTO 2 " OPEN "MARK LONG1 0000000001 BININT1 1 SHORT_BINUNICODE a.py BININT1 2 "
		"TUPLE2 TUPLE1 BININT1 1 ^TUPLE",
		"TUPLE", "trace domain 4294967296 exceeds");
	refused("PROTO 2 " OPEN "MARK BININT1 0 BININT1 1 SHORT_BINUNICODE a.py BININT1 2 TUPLE2 "
		"TUPLE1 LONG1 0000000001 ^TUPLE",
		"TUPLE", "trace total_nframe 4294967296 exceeds");
	refused("PROTO 2 " OPEN TRACE_A2 "APPEND SETITEM BUILD SHORT_BINUNICODE traceback_limit "
		"BININT -1 SETITEMS BUILD ^STOP",
		"STOP", "Snapshot traceback_limit -1 is negative");
}
END_TEST

START_TEST(test_bad_tuples)
{
	refused("PROTO 2 " OPEN "MARK BININT1 0 BININT1 1 SHORT_BINUNICODE a.py BININT1 2 TUPLE2 "
		"TUPLE1 BININT1 1 BININT1 0 ^TUPLE",
		"TUPLE",
		"tuple (int, int, traceback, int, int) is not a frame, traceback or trace");
	refused("PROTO 2 BININT1 1 BININT1 2 ^TUPLE2", "TUPLE2", "tuple (int, int) is not");
	refused("PROTO 2 BININT1 1 ^TUPLE1", "TUPLE1", "tuple (int) is not");
	refused("PROTO 2 SHORT_BINUNICODE a.py SHORT_BINUNICODE b.py ^TUPLE2", "TUPLE2",
		"frame lineno is a str, not an int");
	refused("PROTO 2 SHORT_BINUNICODE a.py BININT1 1 TUPLE2 BININT1 1 ^TUPLE2", "TUPLE2",
		"tuple (frame, int) is not");
	refused("PROTO 2 BININT1 0 BININT1 1 BININT1 1 ^TUPLE3", "TUPLE3",
		"trace traceback is an int, not a traceback");
	refused("PROTO 2 BININT1 0 BININT1 1 EMPTY_TUPLE ^TUPLE3", "TUPLE3",
		"trace has an empty traceback");
	refused("PROTO 2 BININT1 0 BININT1 1 MARK ^TUPLE3", "TUPLE3",
		"needs 3 stack items, 0 above the mark");
	refused("PROTO 2 ^TUPLE", "TUPLE", "no MARK before it");
	/* Python 3.8 and 3.9 traces in one file */
	refused("PROTO 2 " OPEN TRACE_A2 "APPEND BININT1 0 BININT1 1 SHORT_BINUNICODE a.py "
		"BININT1 2 TUPLE2 TUPLE1 ^TUPLE3",
		"TUPLE3", "trace of 3 items after traces of 4");
}
END_TEST

START_TEST(test_bad_memo)
{
	refused("PROTO 2 BININT1 1 ^BINGET 0", "BINGET", "memo index 0 is not defined");
	refused("PROTO 2 BININT1 1 BINPUT 0 ^LONG_BINGET 70000", "LONG_BINGET",
		"memo index 70000 is not defined");
	refused("PROTO 2 BININT1 1 ^BINPUT 1", "BINPUT", "memo index 1 is not the next one (0)");
	refused("PROTO 2 BININT1 1 MEMOIZE ^LONG_BINPUT 0", "LONG_BINPUT",
		"memo index 0 is not the next one (1)");
	refused("PROTO 2 ^MEMOIZE", "MEMOIZE", "needs 1 stack item, 0 above the mark");
}
END_TEST

START_TEST(test_bad_structure)
{
	refused("PROTO 2 EMPTY_DICT " TRACE_A2 "^APPEND", "APPEND",
		"target of append is a dict, not a list");
	refused("PROTO 2 EMPTY_LIST BININT1 1 ^APPEND", "APPEND",
		"list item is an int, not a trace");
	refused("PROTO 2 EMPTY_LIST ^APPEND", "APPEND", "needs 2 stack items, 1 above the mark");
	refused("PROTO 2 EMPTY_LIST ^APPENDS", "APPENDS", "no MARK before it");
	refused("PROTO 2 MARK " TRACE_A2 "^APPENDS", "APPENDS", "no list below the MARK");
	refused("PROTO 2 EMPTY_LIST ^EMPTY_LIST", "EMPTY_LIST", "more than one list");
	refused("PROTO 2 EMPTY_DICT BININT1 1 BININT1 2 ^SETITEM", "SETITEM",
		"dict key is an int, not a str");
	refused("PROTO 2 EMPTY_DICT SHORT_BINUNICODE __class__ BININT1 1 ^SETITEM", "SETITEM",
		"unexpected key '__class__' in a state dict");
	refused("PROTO 2 EMPTY_LIST SHORT_BINUNICODE traces BININT1 1 ^SETITEM", "SETITEM",
		"target of SETITEM is a list, not a dict");
	refused("PROTO 2 EMPTY_DICT MARK SHORT_BINUNICODE traces ^SETITEMS", "SETITEMS",
		"odd number of items (1)");
	refused("PROTO 2 MARK SHORT_BINUNICODE traces BININT1 1 ^SETITEMS", "SETITEMS",
		"no dict below the MARK");
	refused("PROTO 2 EMPTY_DICT EMPTY_DICT EMPTY_DICT EMPTY_DICT ^EMPTY_DICT", "EMPTY_DICT",
		"more than 4 dicts");
	refused("PROTO 2 GLOBAL tracemalloc Snapshot BININT1 1 ^NEWOBJ", "NEWOBJ",
		"NEWOBJ arguments are an int, not an empty tuple");
	refused("PROTO 2 BININT1 1 EMPTY_TUPLE ^NEWOBJ", "NEWOBJ",
		"NEWOBJ class is an int, not a class");
	refused("PROTO 2 " NEW_SNAPSHOT "GLOBAL tracemalloc Snapshot EMPTY_TUPLE ^NEWOBJ", "NEWOBJ",
		"more than one Snapshot object");
	refused("PROTO 2 " NEW_TRACES "EMPTY_DICT "
		"SHORT_BINUNICODE traces EMPTY_LIST SETITEM ^BUILD",
		"BUILD", "_Traces state has an unexpected key 'traces'");
	refused("PROTO 2 " NEW_SNAPSHOT "EMPTY_DICT "
		"SHORT_BINUNICODE traces BININT1 1 SETITEM ^BUILD",
		"BUILD", "Snapshot state lacks the key 'traceback_limit'");
	refused("PROTO 2 " NEW_TRACES "EMPTY_DICT "
		"SHORT_BINUNICODE _traces EMPTY_LIST SETITEM BUILD EMPTY_DICT "
		"SHORT_BINUNICODE _traces BININT1 1 SETITEM ^BUILD",
		"BUILD", "_Traces object built twice");
	refused("PROTO 2 BININT1 1 EMPTY_DICT ^BUILD", "BUILD",
		"target of BUILD is an int, not an object");
	refused("PROTO 2 MARK ^HEX 8002", "PROTO", "second PROTO");
	refused("PROTO 2 ^PROTO 2 " OPEN CLOSE, "PROTO", "second PROTO");
}
END_TEST

/* What STOP finds must be one whole Snapshot. */
START_TEST(test_bad_result)
{
	refused("PROTO 2 BININT1 1 ^STOP", "STOP", "result is an int, not a Snapshot object");
	refused("PROTO 2 ^STOP", "STOP", "stack holds 0 items, not 1");
	refused("PROTO 2 BININT1 1 BININT1 1 ^STOP", "STOP", "stack holds 2 items, not 1");
	refused("PROTO 2 MARK ^STOP", "STOP", "1 MARK left open");
	refused("PROTO 2 " NEW_SNAPSHOT "^STOP", "STOP", "Snapshot object has no state");
	refused("PROTO 2 " NEW_TRACES "^STOP", "STOP",
		"result is an object, not a Snapshot object");
	refused("PROTO 2 " NEW_SNAPSHOT "EMPTY_DICT MARK "
		"SHORT_BINUNICODE traces EMPTY_LIST SHORT_BINUNICODE traceback_limit BININT1 1 "
		"SETITEMS BUILD ^STOP",
		"STOP", "Snapshot traces is a list, not a _Traces object");
	refused("PROTO 2 " NEW_SNAPSHOT "EMPTY_DICT MARK "
		"SHORT_BINUNICODE traces " NEW_TRACES
		"SHORT_BINUNICODE traceback_limit BININT1 1 SETITEMS BUILD ^STOP",
		"STOP", "_Traces object has no state");
	refused("PROTO 2 " NEW_SNAPSHOT "EMPTY_DICT MARK "
		"SHORT_BINUNICODE traces " NEW_TRACES "EMPTY_DICT "
		"SHORT_BINUNICODE _traces BININT1 0 SETITEM BUILD SHORT_BINUNICODE traceback_limit "
		"BININT1 1 SETITEMS BUILD ^STOP",
		"STOP", "_Traces _traces is an int, not a list");
}
END_TEST

START_TEST(test_bad_protocols)
{
	refused("^PROTO 0", "PROTO", "protocol 0 is not supported");
	refused("^PROTO 1 " OPEN CLOSE, "PROTO", "protocol 1 is not supported");
	refused("^PROTO 6 " OPEN CLOSE, "PROTO", "protocol 6 is not supported");
	refused("^PROTO 255", "PROTO", "protocol 255 is not supported");
}
END_TEST

START_TEST(test_empty_and_unfinished)
{
	struct ms_error err;

	ck_assert_ptr_null(parse("", 0, &err));
	ck_assert_int_eq(err.status, MS_ERR_FORMAT);
	ck_assert_str_eq(err.message, "empty file");
	refused("^HEX 2e", NULL, "not a pickle of protocol 2 to 5 (first byte 0x2e)");
	check_refusal("\x80\x02", 2, 2, NULL, "file ends before STOP");
	check_refusal("\x80\x02K\x01", 4, 4, NULL, "file ends before STOP");
}
END_TEST

/* A failed parse leaves *out NULL, even when it was set before. */
START_TEST(test_failure_clears_out)
{
	struct ms_snapshot *snap = (struct ms_snapshot *)&snap;
	struct ms_error err;

	ck_assert_int_eq(ms_snapshot_parse("\x80\x02.", 3, &snap, &err), MS_ERR_FORMAT);
	ck_assert_ptr_null(snap);
	/* and err may be NULL */
	ck_assert_int_eq(ms_snapshot_parse("\x80\x02.", 3, &snap, NULL), MS_ERR_FORMAT);
}
END_TEST

UNIT_MAIN(
    "pickle", UNIT_EACH(test_python_dumps, python_dumps),
    UNIT_EACH(test_python_dump_truncated, truncations), UNIT_ONCE(test_python_dump_truncated_frame),
    UNIT_EACH(test_python_dump_trailing_bytes, python_dumps),
    UNIT_EACH(test_old_protocols, old_dumps), UNIT_ONCE(test_protocols),
    UNIT_ONCE(test_empty_snapshot), UNIT_ONCE(test_frame_stack_global), UNIT_ONCE(test_tuples),
    UNIT_ONCE(test_three_item_traces), UNIT_ONCE(test_four_item_traces), UNIT_ONCE(test_appends),
    UNIT_ONCE(test_setitems), UNIT_ONCE(test_integers), UNIT_ONCE(test_integer_fields),
    UNIT_ONCE(test_strings), UNIT_ONCE(test_filenames), UNIT_ONCE(test_memo),
    UNIT_ONCE(test_long_memo), UNIT_ONCE(test_memo_of_traces), UNIT_ONCE(test_trace_appended_twice),
    UNIT_ONCE(test_traces_out_of_order), UNIT_ONCE(test_trace_never_appended),
    UNIT_ONCE(test_fast_traces), UNIT_ONCE(test_fast_trace_runs), UNIT_ONCE(test_fast_frames),
    UNIT_ONCE(test_fast_refusals), UNIT_ONCE(test_fast_refusal_first_error),
    UNIT_EACH(test_record_runs, record_runs), UNIT_EACH(test_record_refusals, bad_records),
    UNIT_ONCE(test_record_truncated), UNIT_ONCE(test_frame_runs), UNIT_ONCE(test_big_file),
    UNIT_EACH(test_big_file_refused_late, big_file_modes),
    UNIT_EACH(test_big_file_bad_opcode, big_file_modes),
    UNIT_EACH(test_big_file_frame_again, big_file_modes),
    UNIT_EACH(test_big_file_newest_frames, big_file_all_modes),
    UNIT_EACH(test_big_file_newest_refused, big_file_all_modes),
    UNIT_EACH(test_new_tracebacks, new_traceback_reads),
    UNIT_EACH(test_not_new_tracebacks, not_new_traceback_reads),
    UNIT_EACH(test_big_dump_summed, big_dump_domains), UNIT_EACH(test_opcode_table, python_opcodes),
    UNIT_EACH(test_disallowed_opcodes, disallowed_opcodes),
    UNIT_EACH(test_unknown_opcodes, unknown_opcodes), UNIT_ONCE(test_other_classes),
    UNIT_ONCE(test_bad_lengths), UNIT_ONCE(test_invalid_utf8),
    UNIT_ONCE(test_integers_out_of_range), UNIT_ONCE(test_bad_tuples), UNIT_ONCE(test_bad_memo),
    UNIT_ONCE(test_bad_structure), UNIT_ONCE(test_bad_result), UNIT_ONCE(test_bad_protocols),
    UNIT_ONCE(test_empty_and_unfinished), UNIT_ONCE(test_failure_clears_out))
