/*
 * The restricted pickle reader: turns the bytes of Snapshot.dump() into a
 * snapshot without executing anything. It knows an allowlist of opcodes,
 * exactly two classes and the shapes tracemalloc writes (frame, traceback,
 * trace tuples); everything else is refused with the offending offset.
 * Every length is checked against the bytes left before it is used. As in
 * CPython's Modules/_pickle.c, load() dispatches each opcode (named in
 * pickle_ops.h) to its own load_<opcode>().
 */
#include <assert.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "file_map.h"
#include "grow.h"
#include "pickle_ops.h"
#include "pickle_read.h"
#include "pickle_record.h"
#include "pickle_split.h"
#include "platform.h"
#include "snapshot_internal.h"
#include "utf8.h"
#include "fail.h"

#define FRAMES_SEEN 8192 /* fast_frames()' cache: 96 KB */
#define STRS_SEEN   1024 /* its cache of filenames checked: 4 KB */

/* Deeper than any tracemalloc dump needs (4 marks, one traceback of 65535). */
#define MAX_MARKS 256
#define MAX_STACK (1u << 20)

enum kind {
	K_INT,
	K_STR,
	K_FRAME,
	K_TRACEBACK,
	K_TRACE,
	K_EMPTY_TUPLE,
	K_LIST,
	K_DICT,
	K_CLASS,
	K_OBJECT,
};

static const char *const kind_names[] = {
    "int", "str", "frame", "traceback", "trace", "empty tuple", "list", "dict", "class", "object",
};

/* The two classes, and the objects made from them. */
enum { CLASS_SNAPSHOT, CLASS_TRACES, NCLASSES };
static const char *const class_names[NCLASSES] = {"Snapshot", "_Traces"};

/* The only keys a state dict may hold. */
enum { KEY_TRACES, KEY_TRACEBACK_LIMIT, KEY__TRACES, NKEYS };
static const char *const key_names[NKEYS] = {"traces", "traceback_limit", "_traces"};

/*
 * A value on the stack or in the memo. INT: num holds the value, neg says
 * it is negative (num is then its int64 bit pattern). Other kinds: id.
 */
struct value {
	uint8_t kind;
	uint8_t neg;
	uint32_t id;
	uint64_t num;
};

#define MAX_DICTS 4

struct dict {
	bool has[NKEYS];
	struct value val[NKEYS];
};

struct object {
	bool exists, built;
	struct value state[NKEYS];
};

struct reader {
	const unsigned char *buf;
	size_t len, pos;
	size_t op_pos;
	unsigned char op;
	struct ms_snapshot *snap;
	struct ms_error *err;
	int protocol;

	/*
	 * Room for MAX_STACK items, or for one per byte of a smaller file:
	 * every opcode that pushes takes at least a byte, so a short file
	 * cannot fill more, and one parse of it does not cost 24 MiB.
	 */
	struct value *stack;
	size_t sp, stack_alloc;
	/*
	 * fast_trace()'s traces not yet written to the stack: they stand
	 * above stack[sp - 1] as traces run_first, run_first + 1, ... until
	 * APPENDS takes them; load() writes them out before any other opcode
	 * but MARK, whose fast_trace() may add to the run.
	 */
	uint32_t run_first;
	size_t run_nr;
	size_t marks[MAX_MARKS];
	size_t nmarks;
	size_t fence; /* stack index of the innermost mark, 0 without one */

	/*
	 * The memo: memo_nr entries, read as kind << 56 | id (for ints, an
	 * index into memo_ints). Entry i is memo_narrow[i], (kind + 1) << 28
	 * | id, until an id needs more bits; then all of them move to
	 * memo_wide, (kind + 1) << 56 | id. A dump memoizes every trace and
	 * never refers to one again, and traces are most of its entries: so
	 * the k-th trace memoized, when it is trace k (in a dump, always), is
	 * not written there at all. Its slot stays 0 (the memory is reserved
	 * zeroed, and a stretch of traces leaves its pages untouched, so not
	 * resident); it is a bit in memo_words, 64 entries to a word, beside
	 * the count of such traces before the word, which give its trace id.
	 * 100M traces cost 25 MB of words, not 400 MB of entries.
	 *
	 * elide (the fast paths): a dump memoizes every frame too, a fresh
	 * tuple in each new traceback, and never refers to one again. So a
	 * frame is a bit as well, and the entries written are packed: entry
	 * i is at slot i less the bits before it. A dump's memo is then its
	 * tracebacks and filenames, small enough to stay in the processor's
	 * cache. A reference to an entry kept as a bit reads NOT_WRITTEN:
	 * memo_get() then has the file read again eliding nothing
	 * (WHOLE_MEMO), and the fast paths leave such a reference to it.
	 */
	struct memo_word {
		uint64_t bits;
		uint64_t bits_before;
	} * memo_words;
	size_t memo_nwords; /* reserved: a bit for every byte of the file */
	size_t memo_nr, memo_traces, memo_bits;
	bool memo_elide;
	uint32_t *memo_narrow;
	uint64_t *memo_wide;
	size_t memo_alloc, memo_reserved; /* slots memo_narrow or memo_wide has room for */
	struct value *memo_ints;
	size_t memo_ints_nr, memo_ints_alloc;

	struct dict dicts[MAX_DICTS];
	size_t ndicts;
	struct object objects[NCLASSES];

	/*
	 * The traces list. While it holds traces 0..list_nr-1 in order (what
	 * pickle writes), nothing is stored; list_order appears on the first
	 * append that breaks that.
	 */
	bool list_exists;
	size_t list_nr;
	bool list_order_started;
	uint32_t *list_order;
	size_t list_order_alloc;

	uint32_t *frame_buf;
	size_t frame_buf_alloc;
	/* newest: per frame id, the traceback of that frame alone + 1, 0 before it is made */
	uint32_t *newest_tb;
	size_t newest_tb_alloc;

	/*
	 * fast_frames()'s last frames, by memo index of the filename and
	 * lineno: a new traceback's frames are mostly frames seen before, and
	 * a memo entry never changes once made.
	 */
	struct frame_seen {
		uint32_t name_idx; /* memo index + 1, 0 for none */
		uint32_t lineno, id;
	} frames_seen[FRAMES_SEEN];

	/*
	 * MS_PICKLE_NEWEST_FRAMES, on the eliding pass: fast_frames() leaves
	 * a frame that is not its traceback's newest (another frame is below
	 * it, above the innermost mark) uninterned, its id NOT_NEWEST, once
	 * its filename is found to be a str (strs_seen: memo index + 1 of
	 * those found). Should one be a newest after all (a pickle made by
	 * hand can leave a frame below a traceback), make_traceback() has
	 * the file read again with the whole memo, which interns them all.
	 */
	bool newest_frames;
	uint32_t strs_seen[STRS_SEEN];

	/*
	 * fast_trace() stores a trace's memo index, flagged with DEFERRED,
	 * instead of its traceback id: looking all of them up at STOP, in one
	 * loop, is much faster than one cache miss per trace while parsing.
	 */
	bool fast;
	bool deferred;

	/*
	 * A summed snapshot: traces are queued here (fast_trace()'s with their
	 * memo index, make_trace()'s with their traceback id) and added to
	 * the sums a batch at a time, memo references looked up in one loop as
	 * above, on the summer's thread for a large file. Only a list that
	 * holds every trace once, in the order they were made, can be summed
	 * as they come; anything else is read again whole (RETRY).
	 */
	struct pending_trace {
		uint32_t ref;	 /* memo index, or traceback id | RESOLVED */
		uint32_t domain; /* domain, then its index in snap->sums */
		uint64_t size;
	} * pending;
	size_t npending;
	struct summer *summer; /* NULL: batches are summed by this thread */

	/* MS_PICKLE_MAPPED, unless the summer does it: bytes below dropped are given back */
	bool mapped;
	size_t dropped;

	/*
	 * Reading on several threads (read_chunks()): the header is read
	 * here, then each chunk, scanned on another thread, is replayed here
	 * in file order; the chunks' sums are added after STOP. While a
	 * stretch is replayed, len is where it ends and segment says so:
	 * load() pauses there, and file_len is the file's.
	 */
	bool segment;
	size_t file_len;
	int threads;
};

#define DROP_CHUNK ((size_t)1 << 19)

/*
 * Reading at pos, a chunk and a bit past what was given back: time to give
 * that chunk back (the bit: slack for an opcode that straddles the line;
 * a page read again after all comes back from the file, only slower).
 * Resident: about two chunks of the file, this one and the next.
 */
static inline bool drop_due(size_t pos, size_t dropped)
{
	return pos - dropped >= DROP_CHUNK + DROP_CHUNK / 4;
}

/* Pages behind the reader are due to be given back, which the main loop does. */
static inline bool drop_now(const struct reader *r)
{
	return r->mapped && drop_due(r->pos, r->dropped);
}

#define DEFERRED 0x80000000u
#define RESOLVED 0x80000000u /* a pending trace's traceback id, known when queued */
/* traces in a batch: the summer's ring of four costs 256 KB of peak memory, not 1 MB */
#define PENDING_MAX 4096
#define MEMO_AHEAD  32 /* how far rank_pending() looks ahead, for memo words */

/*
 * What the fast paths or the sums took on trust turned out wrong (a
 * deferred memo index is no traceback, a summed list is out of order, too
 * many domains to sum): the file is read again whole, without them.
 */
#define RETRY (-1)
/* load() reached the end of a stretch it was given (segment). */
#define PAUSED (-3)
/* The chunks could not be read apart: the file is read again on one thread. */
#define SEQUENTIAL (-4)
/*
 * A reference to an entry the memo elided, or a frame left uninterned
 * that is a newest: the file is read again keeping every entry.
 */
#define WHOLE_MEMO (-5)
/* The id of a frame left uninterned (newest_frames). */
#define NOT_NEWEST MS_NO_ID

MS_PRINTF(2, 3) static int fail(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	if (r->err) {
		r->err->status = MS_ERR_FORMAT;
		r->err->offset = r->op_pos;
		r->err->opcode = ms_pickle_op_name(r->op);
		va_start(ap, fmt);
		vsnprintf(r->err->message, sizeof(r->err->message), fmt, ap);
		va_end(ap);
	}
	return MS_ERR_FORMAT;
}

static int nomem(struct reader *r)
{
	return ms_fail(r->err, MS_ERR_NOMEM, "out of memory at offset %zu", r->op_pos);
}

/* Bytes of the argument, or an error naming what was short. */
static int need(struct reader *r, uint64_t n, const char *what)
{
	size_t left = r->len - r->pos;

	if (n > left)
		return fail(r, "%s %llu exceeds %zu remaining bytes", what, (unsigned long long)n,
			    left);
	return 0;
}

/* n (at most 8) little-endian bytes; one load when n is a constant */
static inline uint64_t read_le(const unsigned char *p, int n)
{
	return ms_load_le(p, n);
}

/*
 * Puts v on top of the stack, allocated whole up front (untouched pages
 * cost nothing): under MAX_STACK it has room for all a file can push, as
 * struct reader says.
 */
static inline void stack_put(struct reader *r, struct value v)
{
	assert(r->sp < r->stack_alloc);
	r->stack[r->sp++] = v;
}

static inline int push(struct reader *r, struct value v)
{
	if (r->sp >= MAX_STACK)
		return fail(r, "stack deeper than %u items", MAX_STACK);
	stack_put(r, v);
	return 0;
}

static inline int push_id(struct reader *r, enum kind kind, uint32_t id)
{
	struct value v = {kind, 0, id, 0};
	return push(r, v);
}

static inline int push_int(struct reader *r, uint64_t num, bool neg)
{
	struct value v = {K_INT, neg, 0, num};
	return push(r, v);
}

/* Fails unless n values sit above the innermost mark. */
static int need_items(struct reader *r, size_t n)
{
	assert(r->fence <= r->sp);
	if (r->sp - r->fence < n)
		return fail(r, "needs %zu stack item%s, %zu above the mark", n, n == 1 ? "" : "s",
			    r->sp - r->fence);
	return 0;
}

static int pop_mark(struct reader *r, size_t *start)
{
	if (!r->nmarks)
		return fail(r, "no MARK before it");
	*start = r->marks[--r->nmarks];
	r->fence = r->nmarks ? r->marks[r->nmarks - 1] : 0;
	return 0;
}

/* "an int", "a str": kind names with their article. */
static const char *const kind_phrases[] = {
    "an int",	      "a str",	"a frame", "a traceback", "a trace",
    "an empty tuple", "a list", "a dict",  "a class",	  "an object",
};

static int expect(struct reader *r, const struct value *v, enum kind kind, const char *what)
{
	if (v->kind != kind)
		return fail(r, "%s is %s, not %s", what, kind_phrases[v->kind], kind_phrases[kind]);
	return 0;
}

/* An int that must lie in 0..max. */
static int unsigned_int(struct reader *r, const struct value *v, uint64_t max, const char *what,
			uint64_t *out)
{
	if (expect(r, v, K_INT, what))
		return MS_ERR_FORMAT;
	if (v->neg)
		return fail(r, "%s %lld is negative", what, (long long)v->num);
	if (v->num > max)
		return fail(r, "%s %llu exceeds %llu", what, (unsigned long long)v->num,
			    (unsigned long long)max);
	*out = v->num;
	return 0;
}

/* Pushes the two's complement little-endian integer of n bytes, within -2**63..2**64-1. */
static int push_long(struct reader *r, const unsigned char *p, uint64_t n)
{
	uint64_t v;

	if (n == 0)
		return push_int(r, 0, false);
	if (n > 9 || (n == 9 && p[8] != 0 && !(p[8] == 0xff && (p[7] & 0x80))))
		return fail(r, "integer of %llu bytes is out of range", (unsigned long long)n);
	if (n == 9)
		return push_int(r, read_le(p, 8), p[8] != 0);
	v = read_le(p, (int)n);
	if (p[n - 1] & 0x80) {
		if (n < 8)
			v |= ~UINT64_C(0) << (8 * n);
		return push_int(r, v, true);
	}
	return push_int(r, v, false);
}

static bool string_is(struct reader *r, uint32_t id, const char *text)
{
	size_t len;
	const char *s = ms_snapshot_string(r->snap, id, &len);

	return len == strlen(text) && !memcmp(s, text, len);
}

static int find_class(struct reader *r, const unsigned char *module, size_t mlen,
		      const unsigned char *name, size_t nlen)
{
	char qm[64], qn[64];
	int c;

	if (mlen == 11 && !memcmp(module, "tracemalloc", 11))
		for (c = 0; c < NCLASSES; c++)
			if (nlen == strlen(class_names[c]) && !memcmp(name, class_names[c], nlen))
				return push_id(r, K_CLASS, (uint32_t)c);
	return fail(r, "class %s.%s is not allowed (only tracemalloc.Snapshot and _Traces)",
		    ms_quote(qm, sizeof(qm), module, mlen), ms_quote(qn, sizeof(qn), name, nlen));
}

#define NARROW_BITS 28

/*
 * Where the memo's entries are, read once by the summer's thread: while
 * it runs, the reader moves none of them, and writes only entries and
 * bits past the ones the summer reads (a word's bits are loaded and
 * stored as relaxed atomics: plain moves, but no data race).
 */
struct memo_view {
	const struct memo_word *words;
	const uint32_t *narrow;
	const uint64_t *wide;
	size_t alloc;
	bool elide;
};

static inline struct memo_view memo_view(const struct reader *r)
{
	return (struct memo_view){r->memo_words, r->memo_narrow, r->memo_wide, r->memo_alloc,
				  r->memo_elide};
}

/* The bits of entry i's word, from i down (i's the lowest). */
static inline uint64_t memo_bits_down(const struct memo_word *w, size_t i)
{
	return __atomic_load_n(&w->bits, __ATOMIC_RELAXED) << (63 - i % 64);
}

/*
 * Where entry i (below memo_nr) of an eliding memo is written; false for
 * one kept as a bit. hw: counting with POPCNT (ms_popcount64_as()).
 */
static MS_ALWAYS_INLINE bool memo_rank(const struct memo_view *m, size_t i, size_t *slot, int hw)
{
	const struct memo_word *w = &m->words[i / 64];
	uint64_t down = memo_bits_down(w, i);

	*slot = i - w->bits_before - ms_popcount64_as(down, hw);
	return !(down >> 63);
}

/* What the entry written at slot holds (kind + 1, id); 0 past the written ones. */
static inline uint64_t memo_written(const struct memo_view *m, size_t slot)
{
	if (slot >= m->alloc)
		return 0;
	if (m->wide)
		return m->wide[slot];
	return (uint64_t)(m->narrow[slot] >> NARROW_BITS) << 56 |
	       (m->narrow[slot] & ((1u << NARROW_BITS) - 1));
}

/* What entry i holds as written (kind + 1, id), 0 for one kept as a bit. */
static inline uint64_t memo_slot(const struct memo_view *m, size_t i)
{
	size_t slot = i;

	if (m->elide && !memo_rank(m, i, &slot, 0))
		return 0;
	return memo_written(m, slot);
}

/* A slot's entry, kind << 56 | id; NOT_WRITTEN for one kept as a bit. */
#define NOT_WRITTEN UINT64_MAX
static inline uint64_t memo_slot_entry(uint64_t slot)
{
	return slot ? slot - ((uint64_t)1 << 56) : NOT_WRITTEN;
}

/* Entry i, kind << 56 | id; NOT_WRITTEN for one an eliding memo kept as a bit. */
static inline uint64_t memo_at(const struct reader *r, size_t i)
{
	struct memo_view m = memo_view(r);
	uint64_t entry = memo_slot_entry(memo_slot(&m, i));
	const struct memo_word *w = &m.words[i / 64];

	assert(i < r->memo_nr);
	if (entry != NOT_WRITTEN || m.elide)
		return entry;
	/* its own bit is set */
	return (uint64_t)K_TRACE << 56 | (w->bits_before + ms_popcount64(memo_bits_down(w, i)) - 1);
}

/* Where the next entry written goes. */
static inline size_t memo_next_slot(const struct reader *r)
{
	return r->memo_elide ? r->memo_nr - r->memo_bits : r->memo_nr;
}

/* How memo_extend() appends entries: written by the caller, or as bits. */
enum memo_as { MEMO_WRITTEN, MEMO_TRACES, MEMO_ELIDED };

/*
 * Appends n entries: all written, which the caller did at
 * memo_next_slot() and on, or all bits: traces, memo_traces and on, or
 * frames an eliding memo keeps no more of. Word by word: the first entry
 * of a word clears it and counts the bits before it. The caller made
 * sure of room.
 */
static void memo_extend(struct reader *r, size_t n, enum memo_as as)
{
	size_t i = r->memo_nr, end = i + n, w, take;
	uint64_t word;

	assert(as != MEMO_ELIDED || r->memo_elide);
	while (i < end) {
		w = i / 64;
		take = 64 - i % 64 < end - i ? 64 - i % 64 : end - i;
		if (i % 64) {
			word = __atomic_load_n(&r->memo_words[w].bits, __ATOMIC_RELAXED);
		} else {
			word = 0;
			r->memo_words[w].bits_before = r->memo_bits;
		}
		if (as != MEMO_WRITTEN) {
			word |= (take == 64 ? ~(uint64_t)0 : (((uint64_t)1 << take) - 1)) << i % 64;
			r->memo_bits += take;
		}
		if (as == MEMO_TRACES)
			r->memo_traces += take;
		__atomic_store_n(&r->memo_words[w].bits, word, __ATOMIC_RELAXED);
		i += take;
	}
	r->memo_nr = end;
}

/*
 * Gives back the chunk of a mapped file the reader has left behind (bytes
 * below *dropped are gone) and maps the one ahead in one call (cheaper
 * than a page fault each, where the system can).
 */
static void drop_behind(const unsigned char *buf, size_t len, size_t *dropped)
{
	size_t ahead = *dropped + 2 * DROP_CHUNK;

	ms_advise_drop(buf + *dropped, DROP_CHUNK);
	*dropped += DROP_CHUNK;
	if (ahead < len)
		ms_advise_populate(buf + ahead,
				   DROP_CHUNK < len - ahead ? DROP_CHUNK : len - ahead);
}

/*
 * Queued traces' memo references to slots, where an eliding memo wrote
 * the entries; RETRY for an entry kept as a bit (no traceback either).
 * The summer does it, unless it is behind the reader (a batch waits that
 * it has not begun): then the reader.
 */
static MS_ALWAYS_INLINE int rank_pending_as(const struct reader *r, struct pending_trace *p,
					    size_t n, int hw)
{
	struct memo_view memo = memo_view(r);
	size_t i, k, slot;

	for (i = 0; memo.elide && i < n; i++) {
		k = i + MEMO_AHEAD;
		if (k < n && !(p[k].ref & RESOLVED))
			MS_PREFETCH(&memo.words[p[k].ref / 64]);
		if (p[i].ref & RESOLVED)
			continue;
		if (!memo_rank(&memo, p[i].ref, &slot, hw))
			return RETRY;
		p[i].ref = (uint32_t)slot;
	}
	return 0;
}

MS_TARGET_POPCNT static int rank_pending_popcnt(const struct reader *r, struct pending_trace *p,
						size_t n)
{
	return rank_pending_as(r, p, n, 1);
}

static int rank_pending(const struct reader *r, struct pending_trace *p, size_t n)
{
	return ms_have_popcnt() ? rank_pending_popcnt(r, p, n) : rank_pending_as(r, p, n, 0);
}

/*
 * Adds a batch of queued traces to a summed snapshot's sums, their memo
 * references made slots by rank_pending() if ranked. Each trace takes
 * three loads that wait on each other (its memo word, its written entry,
 * its cell), so one pass works on four traces SUM_STAGE apart, each at its
 * own step, every load asked for a step before it is used: the word of
 * trace i; the entry of trace i - SUM_STAGE, its slot counted; the cell of
 * trace i - 2 SUM_STAGE, its traceback found; trace i - 3 SUM_STAGE
 * added. Returns 0, RETRY or MS_ERR_NOMEM, and says nothing: it may run on
 * the summer's thread.
 */
#define SUM_STAGE 32
static MS_ALWAYS_INLINE int sum_batch_as(const struct reader *r, struct pending_trace *p, size_t n,
					 bool ranked, int hw)
{
	/* read once: the reader keeps writing the fields next to them */
	struct ms_snapshot *snap = r->snap;
	struct memo_view memo = memo_view(r);
	struct ms_domain_sums *sums = snap->sums;
	struct ms_sum *cells = NULL, *cell; /* the dense cells of the domain last added to */
	size_t alloc = 0, i, k, slot;
	uint32_t domain = 0, ref;
	uint64_t entry;
	bool rank = memo.elide && !ranked;
	int d;

	if (snap->nsums) {
		domain = sums[snap->last_sum].domain;
		cells = sums[snap->last_sum].cells;
		alloc = sums[snap->last_sum].alloc;
	}
	for (i = 0; i < n + 3 * SUM_STAGE; i++) {
		if (rank && i < n && !(p[i].ref & RESOLVED))
			MS_PREFETCH(&memo.words[p[i].ref / 64]);
		k = i - SUM_STAGE;
		if (i >= SUM_STAGE && k < n && !(p[k].ref & RESOLVED)) {
			if (rank) {
				/* a trace kept as a bit is no traceback */
				if (!memo_rank(&memo, p[k].ref, &slot, hw))
					return RETRY;
				p[k].ref = (uint32_t)slot;
			}
			if (p[k].ref < memo.alloc)
				MS_PREFETCH(memo.wide ? (const void *)&memo.wide[p[k].ref]
						      : (const void *)&memo.narrow[p[k].ref]);
		}
		/* the traceback found is written over the reference, without RESOLVED */
		k = i - 2 * SUM_STAGE;
		if (i >= 2 * SUM_STAGE && k < n) {
			ref = p[k].ref & ~RESOLVED;
			if (!(p[k].ref & RESOLVED)) {
				entry = memo_slot_entry(memo_written(&memo, ref));
				if ((enum kind)(entry >> 56) != K_TRACEBACK)
					return RETRY;
				ref = (uint32_t)entry;
			}
			p[k].ref = ref;
			if (p[k].domain == domain && ref < alloc)
				MS_PREFETCH(&cells[ref]);
		}
		k = i - 3 * SUM_STAGE;
		if (i < 3 * SUM_STAGE)
			continue;
		if (p[k].domain == domain && p[k].ref < alloc) {
			ms_sum_add(&cells[p[k].ref], p[k].size);
			continue;
		}
		/* another domain, or a cell to make, which may move the domain's cells */
		d = ms_snapshot_sum_slot_cell(snap, p[k].ref, p[k].domain, &cell);
		if (d < 0)
			return d == -2 ? RETRY : MS_ERR_NOMEM;
		ms_sum_add(cell ? cell : &sums[d].cells[p[k].ref], p[k].size);
		domain = sums[d].domain;
		cells = sums[d].cells;
		alloc = sums[d].alloc;
	}
	return 0;
}

MS_TARGET_POPCNT static int sum_batch_popcnt(const struct reader *r, struct pending_trace *p,
					     size_t n, bool ranked)
{
	return sum_batch_as(r, p, n, ranked, 1);
}

static int sum_batch(const struct reader *r, struct pending_trace *p, size_t n, bool ranked)
{
	return ms_have_popcnt() ? sum_batch_popcnt(r, p, n, ranked)
				: sum_batch_as(r, p, n, ranked, 0);
}

/*
 * The summer: on a large file a second thread sums the batches while this
 * one reads on. Batches go round a ring of SUM_BATCHES buffers, the reader
 * filling the one at head, the summer emptying the ones from tail; while
 * it runs, nothing but the summer touches the snapshot's sums, and the
 * memo only grows past what the queued batches refer to.
 */
#define SUM_BATCHES	 4
#define SUMMER_MIN_BYTES ((size_t)8 << 20)

struct summer {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct pending_trace *batch[SUM_BATCHES];
	size_t batch_nr[SUM_BATCHES];
	size_t batch_pos[SUM_BATCHES]; /* how far the reader had read */
	bool batch_ranked[SUM_BATCHES]; /* rank_pending() done, else the summer's to do */
	size_t head, tail;	       /* batches handed over, and summed */
	/* a mapped file's pages are given back and mapped ahead here, off the reader's way */
	bool mapped;
	size_t dropped;
	int reader_cpu; /* where the reader ran when it started the summer */
	bool quit;
	int status; /* the first batch's failure, as sum_batch() says */
};

static void *summer_main(void *arg)
{
	struct reader *r = arg;
	struct summer *s = r->summer;
	size_t i;
	int status;

	ms_avoid_cpu(s->reader_cpu);
	pthread_mutex_lock(&s->lock);
	for (;;) {
		while (s->tail == s->head && !s->quit)
			pthread_cond_wait(&s->changed, &s->lock);
		if (s->quit)
			break;
		i = s->tail % SUM_BATCHES;
		pthread_mutex_unlock(&s->lock);
		status =
		    s->status ? 0 : sum_batch(r, s->batch[i], s->batch_nr[i], s->batch_ranked[i]);
		while (s->mapped && drop_due(s->batch_pos[i], s->dropped))
			drop_behind(r->buf, r->len, &s->dropped);
		pthread_mutex_lock(&s->lock);
		if (status)
			s->status = status;
		s->tail++;
		pthread_cond_broadcast(&s->changed);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

static void summer_free(struct summer *s)
{
	size_t i;

	for (i = 0; i < SUM_BATCHES; i++)
		free(s->batch[i]);
	free(s);
}

/* Starts a summer for r if one is worth it and can be had; else none. */
static void summer_start(struct reader *r)
{
	struct summer *s;
	size_t i;

	if (!r->snap->summed || r->len < SUMMER_MIN_BYTES || !(s = calloc(1, sizeof(*s))))
		return;
	for (i = 0; i < SUM_BATCHES; i++) {
		if (!(s->batch[i] = malloc(PENDING_MAX * sizeof(*s->batch[i])))) {
			summer_free(s);
			return;
		}
	}
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->changed, NULL);
	s->mapped = r->mapped;
	s->dropped = r->dropped;
	s->reader_cpu = ms_current_cpu();
	r->summer = s;
	if (pthread_create(&s->thread, NULL, summer_main, r)) {
		r->summer = NULL;
		summer_free(s);
		return;
	}
	free(r->pending);
	r->pending = s->batch[0];
	r->mapped = false;
}

/* Stops r's summer, if it has one, summed batches or not. */
static void summer_stop(struct reader *r)
{
	struct summer *s = r->summer;

	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->quit = true;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->changed);
	r->pending = NULL;
	r->summer = NULL;
	summer_free(s);
}

/* Waits until the summer has summed what it was handed; its status. */
static int summer_wait(struct summer *s)
{
	int status;

	pthread_mutex_lock(&s->lock);
	while (s->tail != s->head && !s->status)
		pthread_cond_wait(&s->changed, &s->lock);
	status = s->status;
	pthread_mutex_unlock(&s->lock);
	return status;
}

/*
 * Sums the queued traces, or hands them to the summer and takes a free
 * buffer (waiting for one if the summer is behind); all: and waits until
 * everything queued is summed.
 */
static int flush_pending(struct reader *r, bool all)
{
	struct summer *s = r->summer;
	bool behind;
	int status;

	if (!s) {
		status = sum_batch(r, r->pending, r->npending, false);
	} else {
		pthread_mutex_lock(&s->lock);
		behind = s->head - s->tail >= 2;
		pthread_mutex_unlock(&s->lock);
		status = behind ? rank_pending(r, r->pending, r->npending) : 0;
		if (status) {
			r->npending = 0;
			return status;
		}
		pthread_mutex_lock(&s->lock);
		if (r->npending) {
			s->batch_ranked[s->head % SUM_BATCHES] = behind;
			s->batch_nr[s->head % SUM_BATCHES] = r->npending;
			s->batch_pos[s->head % SUM_BATCHES] = r->pos;
			s->head++;
			pthread_cond_broadcast(&s->changed);
		}
		while (s->head - s->tail == SUM_BATCHES && !s->status)
			pthread_cond_wait(&s->changed, &s->lock);
		status = s->status;
		pthread_mutex_unlock(&s->lock);
		r->pending = s->batch[s->head % SUM_BATCHES];
		if (all && !status)
			status = summer_wait(s);
	}
	r->npending = 0;
	return status == MS_ERR_NOMEM ? nomem(r) : status;
}

/*
 * Queues a trace of a summed snapshot, its traceback either a memo index
 * or a traceback id | RESOLVED. The caller flushes a full queue.
 */
static inline void queue_trace(struct reader *r, uint32_t ref, uint32_t domain, uint64_t size)
{
	assert(r->npending < PENDING_MAX);
	r->pending[r->npending].ref = ref;
	r->pending[r->npending].domain = domain;
	r->pending[r->npending++].size = size;
	r->snap->traces_nr++;
}

/* Widens the entries to 64 bits; the summer, if any, must not be reading them. */
static int memo_widen(struct reader *r)
{
	uint64_t *wide = calloc(r->memo_alloc ? r->memo_alloc : 1, sizeof(*wide));
	struct memo_view m;
	size_t i;

	if (!wide)
		return -1;
	if (r->summer)
		summer_wait(r->summer); /* a failure is kept for the next flush */
	m = memo_view(r);
	m.elide = false; /* slot by slot */
	for (i = 0; i < memo_next_slot(r) && i < r->memo_alloc; i++)
		wide[i] = memo_slot(&m, i);
	ms_unreserve(r->memo_narrow, r->memo_reserved);
	r->memo_narrow = NULL;
	r->memo_wide = wide;
	return 0;
}

/*
 * Room for entries is reserved in proportion to the file, and grown to
 * twice as many or to what is needed, up to one entry per byte (every PUT
 * takes one): a large file with a small memo does not reserve four times
 * its size, and pages no entry was written to are never resident.
 */
static size_t memo_first_reserve(size_t len)
{
	/* a dump memoizes about one value per 11 bytes: room for most at once */
	return len / 8 + 4096 < len + 1 ? len / 8 + 4096 : len + 1;
}

/* Room for entry need - 1; the summer, if any, must not be reading the entries. */
static int memo_grow(struct reader *r, size_t need)
{
	size_t alloc = r->memo_alloc * 2 > need ? r->memo_alloc * 2 : need;
	uint32_t *narrow;
	uint64_t *wide;

	alloc = alloc < r->len + 1 ? alloc : r->len + 1;
	if (alloc < need)
		return -1;
	if (r->summer)
		summer_wait(r->summer); /* a failure is kept for the next flush */
	if (r->memo_wide) {
		wide = realloc(r->memo_wide, alloc * sizeof(*wide));
		if (!wide)
			return -1;
		memset(wide + r->memo_alloc, 0, (alloc - r->memo_alloc) * sizeof(*wide));
		r->memo_wide = wide;
	} else {
		narrow = ms_reserve_grow(r->memo_narrow, r->memo_reserved, alloc * sizeof(*narrow));
		if (!narrow)
			return -1;
		if (!r->memo_elide)
			ms_advise_huge(narrow, alloc * sizeof(*narrow)); /* looked up at random */
		r->memo_narrow = narrow;
		r->memo_reserved = alloc * sizeof(*narrow);
	}
	r->memo_alloc = alloc;
	return 0;
}

/* Appends an entry; may reallocate the memo; -1 on no memory. */
static inline int memo_append(struct reader *r, enum kind kind, uint64_t id)
{
	size_t slot;

	if (r->memo_nr / 64 >= r->memo_nwords)
		return -1; /* more entries than bytes: cannot be */
	if (kind == K_TRACE && id == r->memo_traces) {
		memo_extend(r, 1, MEMO_TRACES);
		return 0;
	}
	if (kind == K_FRAME && r->memo_elide) {
		memo_extend(r, 1, MEMO_ELIDED);
		return 0;
	}
	if (!r->memo_wide && id >> NARROW_BITS && memo_widen(r) < 0)
		return -1;
	slot = memo_next_slot(r);
	if (slot >= r->memo_alloc && memo_grow(r, slot + 1) < 0)
		return -1;
	if (r->memo_wide)
		r->memo_wide[slot] = (uint64_t)(kind + 1) << 56 | id;
	else
		r->memo_narrow[slot] = (uint32_t)(kind + 1) << NARROW_BITS | (uint32_t)id;
	memo_extend(r, 1, MEMO_WRITTEN);
	return 0;
}

static int memo_put(struct reader *r, uint64_t index)
{
	struct value *v, *last;

	if (need_items(r, 1))
		return MS_ERR_FORMAT;
	if (index != r->memo_nr)
		return fail(r, "memo index %llu is not the next one (%zu)",
			    (unsigned long long)index, r->memo_nr);
	if (r->memo_nr >= UINT32_MAX)
		return fail(r, "more than %u memo entries", UINT32_MAX);
	v = &r->stack[r->sp - 1];
	if (v->kind == K_INT) {
		/* The same int memoized over and over costs one slot. */
		last = r->memo_ints_nr ? &r->memo_ints[r->memo_ints_nr - 1] : NULL;
		if (!last || last->num != v->num || last->neg != v->neg) {
			if (MS_GROW(r->memo_ints, r->memo_ints_nr + 1, r->memo_ints_alloc) < 0)
				return nomem(r);
			r->memo_ints[r->memo_ints_nr++] = *v;
		}
		if (memo_append(r, K_INT, r->memo_ints_nr - 1) < 0)
			return nomem(r);
		return 0;
	}
	if (memo_append(r, (enum kind)v->kind, v->id) < 0)
		return nomem(r);
	return 0;
}

static int memo_get(struct reader *r, uint64_t index)
{
	uint64_t entry;
	enum kind kind;

	if (index >= r->memo_nr)
		return fail(r, "memo index %llu is not defined", (unsigned long long)index);
	entry = memo_at(r, index);
	if (entry == NOT_WRITTEN)
		return WHOLE_MEMO;
	kind = (enum kind)(entry >> 56);
	if (kind == K_INT) {
		assert((entry & 0xffffffffu) < r->memo_ints_nr);
		return push(r, r->memo_ints[entry & 0xffffffffu]);
	}
	return push_id(r, kind, (uint32_t)entry);
}

/* Describes the kinds of n values, "(str, int)", for error messages. */
static const char *describe(char *buf, size_t size, const struct value *v, size_t n)
{
	size_t o = 0, i;

	o += (size_t)snprintf(buf, size, "(");
	for (i = 0; i < n && o + 16 < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ", " : "",
				      kind_names[v[i].kind]);
	snprintf(buf + o, size - o, "%s)", i < n ? ", ..." : "");
	return buf;
}

static int make_frame(struct reader *r, const struct value *v)
{
	uint64_t lineno = 0; /* set unless unsigned_int() fails; -O3 cannot tell */
	uint32_t id;

	if (expect(r, &v[0], K_STR, "frame filename") ||
	    unsigned_int(r, &v[1], UINT32_MAX, "frame lineno", &lineno))
		return MS_ERR_FORMAT;
	id = ms_snapshot_intern_frame(r->snap, v[0].id, (uint32_t)lineno);
	if (id == MS_NO_ID)
		return nomem(r);
	return push_id(r, K_FRAME, id);
}

/* The traceback of frame alone, a newest snapshot's, made once; MS_NO_ID on no memory. */
static uint32_t newest_traceback(struct reader *r, uint32_t frame)
{
	size_t had = r->newest_tb_alloc;
	uint32_t id;

	if (frame < r->newest_tb_alloc && r->newest_tb[frame])
		return r->newest_tb[frame] - 1;
	id = ms_snapshot_intern_traceback(r->snap, &frame, 1);
	if (id == MS_NO_ID || MS_GROW(r->newest_tb, (size_t)frame + 1, r->newest_tb_alloc) < 0)
		return MS_NO_ID;
	memset(r->newest_tb + had, 0, (r->newest_tb_alloc - had) * sizeof(*r->newest_tb));
	r->newest_tb[frame] = id + 1;
	return id;
}

/* A traceback of n frames, or of the newest alone (v[0]) for a snapshot that keeps no more. */
static int make_traceback(struct reader *r, const struct value *v, size_t n)
{
	size_t i;
	uint32_t id;

	if (v[0].id == NOT_NEWEST)
		return WHOLE_MEMO;
	if (r->snap->newest) {
		id = newest_traceback(r, v[0].id);
	} else {
		if (MS_GROW(r->frame_buf, n, r->frame_buf_alloc) < 0)
			return nomem(r);
		for (i = 0; i < n; i++)
			r->frame_buf[i] = v[i].id;
		id = ms_snapshot_intern_traceback(r->snap, r->frame_buf, (uint32_t)n);
	}
	if (id == MS_NO_ID)
		return nomem(r);
	return push_id(r, K_TRACEBACK, id);
}

static int make_trace(struct reader *r, const struct value *v, size_t n)
{
	struct ms_trace t;
	uint64_t domain = 0, size = 0, nframe = 0; /* as lineno in make_frame() */
	int arity = r->snap->origin.trace_arity, status;

	if (arity && arity != (int)n)
		return fail(r, "trace of %zu items after traces of %d", n, arity);
	r->snap->origin.trace_arity = (int)n;
	if (unsigned_int(r, &v[0], UINT32_MAX, "trace domain", &domain) ||
	    unsigned_int(r, &v[1], UINT64_MAX, "trace size", &size))
		return MS_ERR_FORMAT;
	if (v[2].kind == K_EMPTY_TUPLE)
		return fail(r, "trace has an empty traceback");
	if (expect(r, &v[2], K_TRACEBACK, "trace traceback"))
		return MS_ERR_FORMAT;
	t.domain = (uint32_t)domain;
	t.size = size;
	t.traceback = v[2].id;
	if (n == 4) {
		if (unsigned_int(r, &v[3], UINT32_MAX, "trace total_nframe", &nframe))
			return MS_ERR_FORMAT;
		t.total_nframe = (uint32_t)nframe;
	} else {
		t.total_nframe = r->snap->tracebacks[t.traceback].nframe;
	}
	if (r->snap->traces_nr >= UINT32_MAX - 1)
		return fail(r, "more than %u traces", UINT32_MAX - 2);
	if (r->snap->summed) {
		if (t.traceback < RESOLVED) {
			queue_trace(r, t.traceback | RESOLVED, t.domain, t.size);
			status = r->npending == PENDING_MAX ? flush_pending(r, false) : 0;
			return status ? status
				      : push_id(r, K_TRACE, (uint32_t)(r->snap->traces_nr - 1));
		}
		/* too big to flag: summed here, once the summer (if any) is done with the sums */
		status = flush_pending(r, true);
		if (status)
			return status;
	}
	switch (ms_snapshot_add_trace(r->snap, &t)) {
	case 0:
		break;
	case -2:
		return RETRY;
	default:
		return nomem(r);
	}
	return push_id(r, K_TRACE, (uint32_t)(r->snap->traces_nr - 1));
}

/* Pops the n values at stack[start..] and pushes the tuple they make. */
static int make_tuple(struct reader *r, size_t start)
{
	struct value *v;
	size_t n = r->sp - start, i;
	char kinds[120];

	r->sp = start;
	if (n == 0)
		return push_id(r, K_EMPTY_TUPLE, 0);
	v = &r->stack[start];
	for (i = 0; i < n && v[i].kind == K_FRAME; i++)
		;
	if (i == n)
		return make_traceback(r, v, n);
	/* Past a traceback, only a frame has 2 items and only a trace 3 or 4. */
	if (n == 2 && v[0].kind == K_STR)
		return make_frame(r, v);
	if (n == 3 || n == 4)
		return make_trace(r, v, n);
	return fail(r, "tuple %s is not a frame, traceback or trace",
		    describe(kinds, sizeof(kinds), v, n));
}

/* What every dump appends: to the list, the next trace in order, stored as nothing. */
static inline bool next_in_list(const struct reader *r, const struct value *list, uint32_t trace)
{
	return list->kind == K_LIST && !r->list_order_started && trace == r->list_nr;
}

static int list_append(struct reader *r, const struct value *list, const struct value *item)
{
	size_t i;

	if (expect(r, list, K_LIST, "target of append") || expect(r, item, K_TRACE, "list item"))
		return MS_ERR_FORMAT;
	if (next_in_list(r, list, item->id)) {
		r->list_nr++;
		return 0;
	}
	if (r->snap->summed)
		return RETRY;
	if (MS_GROW(r->list_order, r->list_nr + 1, r->list_order_alloc) < 0)
		return nomem(r);
	if (!r->list_order_started) {
		for (i = 0; i < r->list_nr; i++)
			r->list_order[i] = (uint32_t)i;
		r->list_order_started = true;
	}
	r->list_order[r->list_nr++] = item->id;
	return 0;
}

static int dict_set(struct reader *r, const struct value *dict, const struct value *key,
		    const struct value *val)
{
	char q[64];
	size_t len;
	const char *s;
	int k;

	if (expect(r, dict, K_DICT, "target of SETITEM") || expect(r, key, K_STR, "dict key"))
		return MS_ERR_FORMAT;
	assert(dict->id < r->ndicts);
	for (k = 0; k < NKEYS; k++)
		if (string_is(r, key->id, key_names[k])) {
			r->dicts[dict->id].has[k] = true;
			r->dicts[dict->id].val[k] = *val;
			return 0;
		}
	s = ms_snapshot_string(r->snap, key->id, &len);
	return fail(r, "unexpected key '%s' in a state dict", ms_quote(q, sizeof(q), s, len));
}

/*
 * A small non-negative int opcode (BININT1, BININT2, BININT, LONG1 of at
 * most 8 bytes) at *p; false for anything else, or too few bytes.
 */
static inline bool fast_uint(const unsigned char **pp, const unsigned char *end, uint64_t *v)
{
	const unsigned char *p = *pp;
	size_t left = (size_t)(end - p), n;

	if (left < 2)
		return false;
	switch (p[0]) {
	case OP_BININT1:
		*v = p[1];
		*pp = p + 2;
		return true;
	case OP_BININT2:
		if (left < 3)
			return false;
		*v = read_le(p + 1, 2);
		*pp = p + 3;
		return true;
	case OP_BININT:
		if (left < 5 || (p[4] & 0x80))
			return false;
		*v = read_le(p + 1, 4);
		*pp = p + 5;
		return true;
	case OP_LONG1:
		n = p[1];
		if (n == 0 || n > 8 || left < 2 + n || (p[1 + n] & 0x80))
			return false;
		*v = read_le(p + 2, (int)n);
		*pp = p + 2 + n;
		return true;
	}
	return false;
}

/*
 * After a value the fast paths built: if the next opcode memoizes it (at
 * the next index, as every pickler writes), do that too and return the
 * bytes it took; 0 leaves it to the general path.
 */
static size_t fast_memoize(struct reader *r, const unsigned char *p, enum kind kind, uint32_t id)
{
	const unsigned char *end = r->buf + r->len;
	size_t len;

	if (p >= end || r->memo_nr >= UINT32_MAX)
		return 0;
	if (p[0] == OP_MEMOIZE)
		len = 1;
	else if (p[0] == OP_BINPUT && end - p >= 2 && p[1] == r->memo_nr)
		len = 2;
	else if (p[0] == OP_LONG_BINPUT && end - p >= 5 && read_le(p + 1, 4) == r->memo_nr)
		len = 5;
	else
		return 0;
	return memo_append(r, kind, id) < 0 ? 0 : len;
}

/* A BINGET or LONG_BINGET at *p: its memo index; false for anything else. */
static inline bool fast_memo_ref(const unsigned char **pp, const unsigned char *end, uint64_t *idx)
{
	const unsigned char *p = *pp;

	if (end - p >= 2 && p[0] == OP_BINGET) {
		*idx = p[1];
		*pp = p + 2;
		return true;
	}
	if (end - p >= 5 && p[0] == OP_LONG_BINGET) {
		*idx = read_le(p + 1, 4);
		*pp = p + 5;
		return true;
	}
	return false;
}

/*
 * The end of a value a fast path read, with p at its TUPLE opcode: the PUT
 * that usually follows, the position moved on. The caller stacks the value.
 */
static inline void fast_finish(struct reader *r, const unsigned char *p, enum kind kind,
			       uint32_t id)
{
	p++;
	p += fast_memoize(r, p, kind, id);
	r->pos = (size_t)(p - r->buf);
}

/* The same, the value pushed. */
static bool fast_done(struct reader *r, const unsigned char *p, enum kind kind, uint32_t id)
{
	fast_finish(r, p, kind, id);
	stack_put(r, (struct value){kind, 0, id, 0});
	return true;
}

/*
 * Where records read by their bytes must start before: RECORD_MAX short
 * of the end, and no later than the main loop would give back the chunk
 * behind; NULL when too few bytes are left.
 */
static const unsigned char *record_stop(const struct reader *r)
{
	size_t stop;

	if (r->len - r->op_pos < RECORD_MAX)
		return NULL;
	stop = r->len - RECORD_MAX;
	if (r->mapped && r->dropped + DROP_CHUNK + DROP_CHUNK / 4 < stop)
		stop = r->dropped + DROP_CHUNK + DROP_CHUNK / 4;
	return r->buf + stop;
}

/*
 * A frame whose filename is a memo reference: BINGET, lineno, TUPLE2
 * (then usually MEMOIZE). Called at the BINGET; false changes nothing.
 */
static bool fast_frame(struct reader *r)
{
	const unsigned char *p = r->buf + r->op_pos, *end = r->buf + r->len;
	uint64_t idx, lineno;
	uint32_t id;

	if (!fast_memo_ref(&p, end, &idx))
		return false;
	if (idx >= r->memo_nr || (enum kind)(memo_at(r, idx) >> 56) != K_STR ||
	    !fast_uint(&p, end, &lineno) || lineno > UINT32_MAX || p >= end || *p != OP_TUPLE2 ||
	    r->sp >= MAX_STACK)
		return false;
	id = ms_snapshot_intern_frame(r->snap, (uint32_t)memo_at(r, idx), (uint32_t)lineno);
	if (id == MS_NO_ID)
		return false;
	return fast_done(r, p, K_FRAME, id);
}

/*
 * The frame of the filename at memo index idx and lineno, by way of
 * frames_seen (a memo entry never changes once made); MS_NO_ID if that
 * entry is no str, or on no memory.
 */
static inline uint32_t frame_at(struct reader *r, uint64_t idx, uint64_t lineno)
{
	struct frame_seen *seen = &r->frames_seen[(idx * 0x9e3779b1u + lineno) % FRAMES_SEEN];
	uint64_t entry;
	uint32_t id;

	if (seen->name_idx == idx + 1 && seen->lineno == lineno)
		return seen->id;
	entry = memo_at(r, idx);
	if (entry >> 56 != K_STR)
		return MS_NO_ID;
	id = ms_snapshot_intern_frame(r->snap, (uint32_t)entry, (uint32_t)lineno);
	if (id != MS_NO_ID)
		*seen = (struct frame_seen){(uint32_t)idx + 1, (uint32_t)lineno, id};
	return id;
}

/* Whether memo entry idx is a str, by way of strs_seen. */
static inline bool str_at(struct reader *r, uint64_t idx)
{
	if (r->strs_seen[idx % STRS_SEEN] == idx + 1)
		return true;
	if (memo_at(r, idx) >> 56 != K_STR)
		return false;
	r->strs_seen[idx % STRS_SEEN] = (uint32_t)idx + 1;
	return true;
}

/*
 * A frame record at p, as a new traceback has them: BINGET or LONG_BINGET
 * of a filename (idx), lineno, TUPLE2, MEMOIZE. The next record's
 * address, or NULL for anything else.
 */
static inline const unsigned char *frame_record(const struct reader *r, const unsigned char *p,
						uint64_t *idx, uint64_t *lineno)
{
	unsigned bad = 0;

	p = record_field_likely(p, record_get_len, OP_BINGET, idx, &bad);
	p = record_field(p, record_uint_len, lineno, &bad);
	bad |= (p[0] != OP_TUPLE2) | (p[1] != OP_MEMOIZE) | (*idx >= r->memo_nr);
	return bad ? NULL : p + 2;
}

/*
 * Frame records read by their bytes, as fast_frame() reads one: BINGET or
 * LONG_BINGET of a filename, lineno, TUPLE2, MEMOIZE, again and again (a
 * new traceback's frames). Starts at the BINGET at r->op_pos, stops as
 * fast_records() does, and pushes the frames; returns how many, 0
 * changing nothing.
 */
static size_t fast_frames(struct reader *r)
{
	const unsigned char *p = r->buf + r->op_pos, *q, *stop = record_stop(r);
	size_t next = memo_next_slot(r), room = MAX_STACK - r->sp, n = 0;
	uint32_t *slots = NULL, id;
	uint64_t idx, lineno;

	if (!stop || r->memo_wide || r->sp >= MAX_STACK)
		return 0;
	if (!r->memo_elide) { /* an eliding memo writes no slot */
		if (next >= r->memo_alloc)
			return 0;
		slots = r->memo_narrow + next;
		room = room < r->memo_alloc - next ? room : r->memo_alloc - next;
	}
	room = room < r->memo_nwords * 64 - r->memo_nr ? room : r->memo_nwords * 64 - r->memo_nr;
	for (; n < room && p < stop && (q = frame_record(r, p, &idx, &lineno)); n++, p = q) {
		if (r->newest_frames && r->sp > r->fence && r->stack[r->sp - 1].kind == K_FRAME) {
			if (!str_at(r, idx))
				break;
			id = NOT_NEWEST;
		} else {
			id = frame_at(r, idx, lineno);
			if (id == MS_NO_ID || id >> NARROW_BITS)
				break;
		}
		if (slots)
			slots[n] = (uint32_t)(K_FRAME + 1) << NARROW_BITS | id;
		stack_put(r, (struct value){K_FRAME, 0, id, 0});
	}
	memo_extend(r, n, r->memo_elide ? MEMO_ELIDED : MEMO_WRITTEN);
	if (n)
		r->pos = (size_t)(p - r->buf);
	return n;
}

/*
 * Almost every trace in a 3.9+ dump is MARK, domain, size, a memo reference
 * to a traceback built earlier, total_nframe, TUPLE. That shape is read
 * here without going through the stack, and the memo entry is looked up
 * later (see DEFERRED); for anything else this returns false having changed
 * nothing, and the general path reads, or refuses, the same bytes.
 */
static bool fast_trace(struct reader *r)
{
	const unsigned char *p = r->buf + r->pos, *end = r->buf + r->len;
	uint64_t domain, size, nframe, idx;
	struct ms_trace t;

	if (!r->fast || !fast_uint(&p, end, &domain) || domain > UINT32_MAX ||
	    !fast_uint(&p, end, &size) || !fast_memo_ref(&p, end, &idx))
		return false;
	if (idx >= r->memo_nr || idx >= DEFERRED || !fast_uint(&p, end, &nframe) ||
	    nframe > UINT32_MAX || p >= end || *p != OP_TUPLE || r->snap->origin.trace_arity == 3 ||
	    r->sp + r->run_nr >= MAX_STACK || r->snap->traces_nr >= UINT32_MAX - 1 ||
	    r->npending >= PENDING_MAX) /* >=, not ==: queue_trace()'s assert is then free */
		return false;
	if (r->snap->summed) {
		queue_trace(r, (uint32_t)idx, (uint32_t)domain, size);
	} else {
		t.domain = (uint32_t)domain;
		t.size = size;
		t.traceback = (uint32_t)idx | DEFERRED;
		t.total_nframe = (uint32_t)nframe;
		if (ms_snapshot_add_trace(r->snap, &t) < 0)
			return false;
	}
	r->snap->origin.trace_arity = 4;
	r->deferred = true;
	if (!r->run_nr)
		r->run_first = (uint32_t)(r->snap->traces_nr - 1);
	r->run_nr++;
	fast_finish(r, p, K_TRACE, (uint32_t)(r->snap->traces_nr - 1));
	return true;
}

/*
 * How many trace records fast_records() may read without checking room
 * in the memo, the queue, the stack, the traces or the id bits: 0 when
 * one of them is full (the general path then grows it, or refuses).
 */
static size_t record_limits(const struct reader *r)
{
	const struct ms_snapshot *snap = r->snap;
	size_t room = r->memo_nwords * 64 - r->memo_nr, limit;

	if (r->memo_nr >= DEFERRED || snap->traces_nr >= DEFERRED ||
	    snap->traces_nr != r->memo_traces || r->sp + r->run_nr + 1 >= MAX_STACK)
		return 0;
	limit = DEFERRED - r->memo_nr;
	room = room < limit ? room : limit;
	limit = DEFERRED - snap->traces_nr;
	room = room < limit ? room : limit;
	limit = MAX_STACK - 1 - r->sp - r->run_nr;
	return room < limit ? room : limit;
}

/* The same, and the room in the queue or the traces. */
static size_t record_room(struct reader *r)
{
	struct ms_snapshot *snap = r->snap;
	size_t room = record_limits(r), limit;

	if (snap->summed) {
		limit = PENDING_MAX - r->npending;
	} else {
		if (snap->traces_nr >= snap->traces_alloc && ms_snapshot_grow_traces(snap) < 0)
			return 0;
		limit = snap->traces_alloc - snap->traces_nr;
	}
	return room < limit ? room : limit;
}

/*
 * n trace records of arity just read by their bytes, whose fields the
 * caller stored or queued (or a scanning thread summed) at traces_nr and
 * on: memoized, counted and added to the run as fast_trace() adds one;
 * the reader goes on at end.
 */
static void take_records(struct reader *r, size_t n, int arity, size_t end)
{
	struct ms_snapshot *snap = r->snap;

	memo_extend(r, n, MEMO_TRACES);
	if (!r->run_nr)
		r->run_first = (uint32_t)snap->traces_nr;
	r->run_nr += n;
	snap->traces_nr += n;
	snap->origin.trace_arity = arity;
	r->deferred = true;
	r->pos = end;
}

/*
 * The frames of a traceback pickled for the first time, read by their
 * bytes from p: each BINGET or LONG_BINGET of a filename, lineno, TUPLE2,
 * MEMOIZE; then the TUPLE, or TUPLE1 to TUPLE3 for as many frames
 * without the MARK (marked), that makes them a traceback, and MEMOIZE.
 * The newest frame is made, and the others too unless newest_frames
 * (their filenames are checked to be strs); at most room of them.
 * Returns the traceback and the end in *end, or MS_NO_ID for anything
 * else, the memo and the stack left as they were.
 */
static uint32_t fast_traceback(struct reader *r, const unsigned char *p, bool marked, size_t room,
			       size_t *nframes, const unsigned char **end)
{
	const unsigned char *q, *stop = record_stop(r);
	uint64_t idx, lineno;
	size_t n = 0;
	uint32_t id, newest = MS_NO_ID;

	for (; n < room && p < stop && (q = frame_record(r, p, &idx, &lineno)); n++, p = q) {
		if (n && r->newest_frames) {
			if (!str_at(r, idx))
				return MS_NO_ID;
			continue;
		}
		id = frame_at(r, idx, lineno);
		if (id == MS_NO_ID)
			return MS_NO_ID;
		newest = n ? newest : id;
		if (!r->snap->newest) {
			if (MS_GROW(r->frame_buf, n + 1, r->frame_buf_alloc) < 0)
				return MS_NO_ID;
			r->frame_buf[n] = id;
		}
	}
	if (!n || (marked ? p[0] != OP_TUPLE : n > 3 || p[0] != OP_TUPLE1 + n - 1) ||
	    p[1] != OP_MEMOIZE)
		return MS_NO_ID;
	*nframes = n;
	*end = p + 2;
	if (r->snap->newest)
		return newest_traceback(r, newest);
	return ms_snapshot_intern_traceback(r->snap, r->frame_buf, (uint32_t)n);
}

/*
 * A trace whose traceback is pickled for the first time, in a summed
 * dump, of arity 4 (3.9 and later): MARK, domain, size, the traceback's
 * frames as fast_traceback() reads them, total_nframe, TUPLE, MEMOIZE;
 * of arity 3 (3.6 to 3.8): domain, size, the frames, TUPLE3, MEMOIZE.
 * Read whole at its first byte, without the stack: its frames memoized
 * as bits, the traceback written, the trace queued with its traceback's
 * id and taken as fast_records() takes one.
 * False for anything else, having changed nothing but what the general
 * path makes again of the same bytes (frames and tracebacks interned).
 */
static bool fast_new_trace(struct reader *r, int arity)
{
	struct ms_snapshot *snap = r->snap;
	const unsigned char *p = r->buf + r->op_pos + (arity == 4), *q;
	size_t room = r->memo_nwords * 64 - r->memo_nr, n = 0, slot = memo_next_slot(r);
	uint64_t domain, size, nframe = 0;
	unsigned bad = 0;
	uint32_t tb;
	bool marked;

	/* room: the stack and marks the general path would take, the memo's three entries more */
	if (!r->fast || !snap->summed || !r->memo_elide || r->memo_wide || !record_stop(r) ||
	    snap->origin.trace_arity == 7 - arity || snap->traces_nr != r->memo_traces ||
	    snap->traces_nr >= UINT32_MAX - 2 || r->npending >= PENDING_MAX ||
	    r->nmarks + 2 > MAX_MARKS || slot >= r->memo_alloc || room < 3 ||
	    r->memo_nr >= UINT32_MAX - 3 || r->sp + r->run_nr + 4 >= MAX_STACK)
		return false;
	room -= 3;
	room = room < UINT32_MAX - 3 - r->memo_nr ? room : UINT32_MAX - 3 - r->memo_nr;
	room = room < MAX_STACK - 4 - r->sp - r->run_nr ? room : MAX_STACK - 4 - r->sp - r->run_nr;
	q = record_field(p, record_uint_len, &domain, &bad);
	q = record_field(q, record_uint_len, &size, &bad);
	if (bad)
		return false;
	marked = q[0] == OP_MARK;
	tb = fast_traceback(r, q + marked, marked, room, &n, &q);
	if (tb == MS_NO_ID || tb >> NARROW_BITS)
		return false;
	if (arity == 4)
		q = record_field(q, record_uint_len, &nframe, &bad);
	if (bad || q[0] != (arity == 4 ? OP_TUPLE : OP_TUPLE3) || q[1] != OP_MEMOIZE)
		return false;
	memo_extend(r, n, MEMO_ELIDED);
	/* cannot fail: its slot was there, and the id is narrow */
	(void)memo_append(r, K_TRACEBACK, tb);
	/* queued as queue_trace() would, counted with the others by take_records() */
	r->pending[r->npending++] = (struct pending_trace){tb | RESOLVED, (uint32_t)domain, size};
	take_records(r, 1, arity, (size_t)(q + 2 - r->buf));
	return true;
}

/*
 * Trace records read by their bytes, as fast_trace() reads one but
 * without the opcode-by-opcode checks, each field a fixed-width compare
 * and a masked load: of arity 4 (3.9 and later), MARK, domain, size,
 * traceback reference, total_nframe, TUPLE, MEMOIZE; of arity 3 (3.6 to
 * 3.8), domain, size, traceback reference, TUPLE3, MEMOIZE; again and
 * again. Starts at r->op_pos and stops before the first record that does
 * not fit exactly, the end of room or of the bytes safe to load, or the
 * next chunk to drop; the records read are queued or stored, memoized
 * and added to the run as fast_trace() does (a total_nframe of arity 3
 * is the traceback's, known at STOP). Returns how many; 0 changes
 * nothing, and the general path reads, or refuses, the same bytes.
 */
static size_t fast_records(struct reader *r, int arity)
{
	struct ms_snapshot *snap = r->snap;
	const unsigned char *p = r->buf + r->op_pos, *stop;
	size_t room, n = 0, len, memo_nr = r->memo_nr;
	uint64_t v[4]; /* domain, size, memo index of the traceback, total_nframe */
	struct pending_trace *pending;
	uint64_t *size;
	uint32_t *domain, *traceback, *nframe;

	if (!r->fast || snap->origin.trace_arity == 7 - arity || !(stop = record_stop(r)))
		return 0;
	if (!(room = record_room(r)))
		return 0;
	/* where the loops write, in locals (their stores could change r's and snap's fields) */
	if (snap->summed) {
		pending = r->pending + r->npending;
		for (; n < room && p < stop; n++, p += len) {
			len = record_read(p, arity, v);
			if (!len || v[2] >= memo_nr)
				break;
			pending[n] = (struct pending_trace){(uint32_t)v[2], (uint32_t)v[0], v[1]};
		}
		r->npending += n;
	} else {
		size = snap->trace_size + snap->traces_nr;
		domain = snap->trace_domain + snap->traces_nr;
		traceback = snap->trace_traceback + snap->traces_nr;
		nframe = snap->trace_nframe + snap->traces_nr;
		for (; n < room && p < stop; n++, p += len) {
			len = record_read(p, arity, v);
			if (!len || v[2] >= memo_nr)
				break;
			size[n] = v[1];
			domain[n] = (uint32_t)v[0];
			traceback[n] = (uint32_t)v[2] | DEFERRED;
			nframe[n] = (uint32_t)v[3];
		}
	}
	if (n)
		take_records(r, n, arity, (size_t)(p - r->buf));
	return n;
}

/* Writes fast_trace()'s run of traces to the stack, for an opcode that reads it. */
static void run_to_stack(struct reader *r)
{
	size_t i;

	assert(r->sp + r->run_nr <= r->stack_alloc);
	for (i = 0; i < r->run_nr; i++)
		r->stack[r->sp++] = (struct value){K_TRACE, 0, r->run_first + (uint32_t)i, 0};
	r->run_nr = 0;
}

/*
 * Replaces the memo indices fast_trace() stored by traceback ids, and
 * gives traces of 3 items their traceback's frame count.
 */
static int resolve_deferred(struct reader *r)
{
	struct ms_snapshot *snap = r->snap;
	uint32_t *tb = snap->trace_traceback;
	size_t i, n = snap->traces_nr;
	uint64_t entry;

	for (i = 0; i < n; i++) {
		if (!(tb[i] & DEFERRED))
			continue;
		entry = memo_at(r, tb[i] & ~DEFERRED);
		if ((enum kind)(entry >> 56) != K_TRACEBACK)
			return RETRY;
		tb[i] = (uint32_t)entry;
		if (snap->origin.trace_arity == 3)
			snap->trace_nframe[i] = snap->tracebacks[tb[i]].nframe;
	}
	return 0;
}

/*
 * At an int: in a dump of 3-item traces, most start a run of them, which
 * fast_records() reads. True when it did (status then says how queuing
 * them went), false to read the int.
 */
static bool int_starts_records(struct reader *r, int *status)
{
	if (r->snap->origin.trace_arity == 4 || (!fast_records(r, 3) && !fast_new_trace(r, 3)))
		return false;
	*status = r->npending == PENDING_MAX ? flush_pending(r, false) : 0;
	return true;
}

/*
 * The opcodes a snapshot holds, one load_<opcode>() each, run by load()
 * below. Each reads its argument at r->pos (the opcode is r->op, at
 * r->op_pos), checks it, and leaves the stack as pickle's own load()
 * would, or refuses; a refusal names r->op_pos.
 */

/* The argument of width (1, 2 or 4) bytes, little-endian; r->pos moves past it. */
static inline int fixed_arg(struct reader *r, int width, uint64_t *v)
{
	if (need(r, width, "argument size"))
		return MS_ERR_FORMAT;
	*v = read_le(r->buf + r->pos, width);
	r->pos += width;
	return 0;
}

/* FRAME: nothing to a reader of the whole file, but the frame must fit in it. */
static int load_frame(struct reader *r)
{
	uint64_t n;

	if (need(r, 8, "length field size"))
		return MS_ERR_FORMAT;
	n = read_le(r->buf + r->pos, 8);
	r->pos += 8;
	if (r->segment && n <= r->file_len - r->pos)
		return 0; /* a frame that goes on past the stretch being read */
	return need(r, n, "frame length");
}

static int load_binint1(struct reader *r)
{
	uint64_t v;
	int status;

	if (int_starts_records(r, &status))
		return status;
	if (fixed_arg(r, 1, &v))
		return MS_ERR_FORMAT;
	return push_int(r, v, false);
}

static int load_binint2(struct reader *r)
{
	uint64_t v;
	int status;

	if (int_starts_records(r, &status))
		return status;
	if (fixed_arg(r, 2, &v))
		return MS_ERR_FORMAT;
	return push_int(r, v, false);
}

/* BININT: 4 bytes, signed. */
static int load_binint(struct reader *r)
{
	uint64_t v;
	int status;

	if (int_starts_records(r, &status))
		return status;
	if (fixed_arg(r, 4, &v))
		return MS_ERR_FORMAT;
	return push_long(r, r->buf + r->pos - 4, 4);
}

/* LONG1, LONG4: a length of size bytes (LONG4's signed), then the integer. */
static int load_counted_long(struct reader *r, int size)
{
	uint64_t n;

	if (need(r, size, "length field size"))
		return MS_ERR_FORMAT;
	n = read_le(r->buf + r->pos, size);
	r->pos += size;
	if (size == 4 && n > INT32_MAX)
		return fail(r, "negative length %lld", (long long)(int32_t)n);
	if (need(r, n, "length"))
		return MS_ERR_FORMAT;
	r->pos += n;
	return push_long(r, r->buf + r->pos - n, n);
}

/* SHORT_BINUNICODE, BINUNICODE, BINUNICODE8: a length of size bytes, then UTF-8. */
static int load_counted_binunicode(struct reader *r, int size)
{
	uint64_t n;
	size_t valid;
	uint32_t id;

	if (need(r, size, "length field size"))
		return MS_ERR_FORMAT;
	n = read_le(r->buf + r->pos, size);
	r->pos += size;
	if (need(r, n, "length"))
		return MS_ERR_FORMAT;
	if (n > UINT32_MAX)
		return fail(r, "string of %llu bytes is too long", (unsigned long long)n);
	valid = ms_utf8_valid_prefix(r->buf + r->pos, n);
	if (valid < n)
		return fail(r, "invalid UTF-8 at byte %zu of the string (offset %zu)", valid,
			    r->pos + valid);
	id = ms_snapshot_intern_string(r->snap, (const char *)r->buf + r->pos, (uint32_t)n);
	if (id == MS_NO_ID)
		return nomem(r);
	r->pos += n;
	return push_id(r, K_STR, id);
}

/* MARK: most start a trace, which fast_trace() reads whole, and the ones after it. */
static int load_mark(struct reader *r)
{
	int status;

	while (fast_records(r, 4) || fast_trace(r) || fast_new_trace(r, 4)) {
		if (r->npending == PENDING_MAX && (status = flush_pending(r, false)) != 0)
			return status;
		/* traces come in runs: on to the next MARK without the main loop */
		if (r->pos >= r->len || r->buf[r->pos] != OP_MARK || drop_now(r))
			return 0;
		r->op_pos = r->pos++;
	}
	run_to_stack(r);
	if (r->nmarks == MAX_MARKS)
		return fail(r, "more than %d nested MARKs", MAX_MARKS);
	r->marks[r->nmarks++] = r->fence = r->sp;
	return 0;
}

static int load_empty_tuple(struct reader *r)
{
	return push_id(r, K_EMPTY_TUPLE, 0);
}

static int load_tuple(struct reader *r)
{
	size_t start = 0;

	if (pop_mark(r, &start))
		return MS_ERR_FORMAT;
	return make_tuple(r, start);
}

/* TUPLE1, TUPLE2, TUPLE3: the top n items. */
static int load_counted_tuple(struct reader *r, size_t n)
{
	if (need_items(r, n))
		return MS_ERR_FORMAT;
	return make_tuple(r, r->sp - n);
}

/* EMPTY_LIST: the traces list, the only one. */
static int load_empty_list(struct reader *r)
{
	if (r->list_exists)
		return fail(r, "more than one list");
	r->list_exists = true;
	return push_id(r, K_LIST, 0);
}

static int load_append(struct reader *r)
{
	if (need_items(r, 2))
		return MS_ERR_FORMAT;
	r->sp--;
	return list_append(r, &r->stack[r->sp - 1], &r->stack[r->sp]);
}

/* The items at stack[start..], appended to the list below them and popped. */
static int append_items(struct reader *r, size_t start)
{
	const struct value *list = &r->stack[start - 1];
	size_t i = start, nr;
	int status;

	/* list_append()'s first case, without its checks: most items take it */
	if (next_in_list(r, list, (uint32_t)r->list_nr)) {
		for (nr = r->list_nr; i < r->sp && r->stack[i].kind == K_TRACE &&
				      r->stack[i].id == nr && nr < UINT32_MAX;
		     i++)
			nr++;
		r->list_nr = nr;
	}
	for (; i < r->sp; i++) {
		status = list_append(r, list, &r->stack[i]);
		if (status)
			return status;
	}
	r->sp = start;
	return 0;
}

/* APPENDS: the items above the mark, then fast_trace()'s run, if any. */
static int load_appends(struct reader *r)
{
	size_t start = 0;
	int status;

	if (pop_mark(r, &start))
		return MS_ERR_FORMAT;
	if (start == 0 || start - 1 < r->fence)
		return fail(r, "no list below the MARK");
	status = append_items(r, start);
	if (status || !r->run_nr)
		return status;
	if (next_in_list(r, &r->stack[start - 1], r->run_first)) {
		r->list_nr += r->run_nr;
		r->run_nr = 0;
		return 0;
	}
	run_to_stack(r);
	return append_items(r, start);
}

/* EMPTY_DICT: a state dict, of which a snapshot has two. */
static int load_empty_dict(struct reader *r)
{
	if (r->ndicts == MAX_DICTS)
		return fail(r, "more than %d dicts", MAX_DICTS);
	memset(&r->dicts[r->ndicts], 0, sizeof(r->dicts[0]));
	return push_id(r, K_DICT, (uint32_t)r->ndicts++);
}

static int load_setitem(struct reader *r)
{
	struct value *v;

	if (need_items(r, 3))
		return MS_ERR_FORMAT;
	v = &r->stack[r->sp - 3];
	r->sp -= 2;
	return dict_set(r, &v[0], &v[1], &v[2]);
}

static int load_setitems(struct reader *r)
{
	size_t start = 0, i;

	if (pop_mark(r, &start))
		return MS_ERR_FORMAT;
	if (start == 0 || start - 1 < r->fence)
		return fail(r, "no dict below the MARK");
	if ((r->sp - start) % 2)
		return fail(r, "odd number of items (%zu)", r->sp - start);
	for (i = start; i < r->sp; i += 2)
		if (dict_set(r, &r->stack[start - 1], &r->stack[i], &r->stack[i + 1]))
			return MS_ERR_FORMAT;
	r->sp = start;
	return 0;
}

static int load_memoize(struct reader *r)
{
	return memo_put(r, r->memo_nr);
}

/* BINPUT, LONG_BINPUT: the memo index in width bytes. */
static int load_binput(struct reader *r, int width)
{
	uint64_t index;

	if (fixed_arg(r, width, &index))
		return MS_ERR_FORMAT;
	return memo_put(r, index);
}

/*
 * BINGET and LONG_BINGET: most fetch the filename of a new frame, which
 * fast_frame() reads whole, and the frames after it.
 */
static int load_binget(struct reader *r)
{
	uint64_t index;

	while (fast_frames(r) || fast_frame(r)) {
		/* a new traceback's frames come in runs: on to the next one here */
		if (r->pos >= r->len ||
		    (r->buf[r->pos] != OP_BINGET && r->buf[r->pos] != OP_LONG_BINGET) ||
		    drop_now(r))
			return 0;
		r->op_pos = r->pos;
		r->op = r->buf[r->pos++];
	}
	/* the run may have ended at either of the two */
	if (r->op == OP_BINGET ? fixed_arg(r, 1, &index) : fixed_arg(r, 4, &index))
		return MS_ERR_FORMAT;
	return memo_get(r, index);
}

/* GLOBAL: a module and a class name, each ending at a newline. */
static int load_global(struct reader *r)
{
	const unsigned char *module = r->buf + r->pos, *name, *end;
	size_t left = r->len - r->pos;

	end = memchr(module, '\n', left);
	if (!end)
		return fail(r, "module name has no end of line");
	name = end + 1;
	end = memchr(name, '\n', left - (size_t)(name - module));
	if (!end)
		return fail(r, "class name has no end of line");
	r->pos = (size_t)(end + 1 - r->buf);
	return find_class(r, module, (size_t)(name - 1 - module), name, (size_t)(end - name));
}

/* STACK_GLOBAL: the module and class names are the two strs on the stack. */
static int load_stack_global(struct reader *r)
{
	struct value *v;
	const char *module, *name;
	size_t mlen, nlen;

	if (need_items(r, 2))
		return MS_ERR_FORMAT;
	v = &r->stack[r->sp - 2];
	if (expect(r, &v[0], K_STR, "module name") || expect(r, &v[1], K_STR, "class name"))
		return MS_ERR_FORMAT;
	module = ms_snapshot_string(r->snap, v[0].id, &mlen);
	name = ms_snapshot_string(r->snap, v[1].id, &nlen);
	r->sp -= 2;
	return find_class(r, (const unsigned char *)module, mlen, (const unsigned char *)name,
			  nlen);
}

/* NEWOBJ: an object of a class, made once, with no arguments. */
static int load_newobj(struct reader *r)
{
	struct value *v;

	if (need_items(r, 2))
		return MS_ERR_FORMAT;
	v = &r->stack[r->sp - 2];
	if (expect(r, &v[0], K_CLASS, "NEWOBJ class"))
		return MS_ERR_FORMAT;
	if (v[1].kind != K_EMPTY_TUPLE)
		return fail(r, "NEWOBJ arguments are %s, not an empty tuple",
			    kind_phrases[v[1].kind]);
	assert(v[0].id < NCLASSES);
	if (r->objects[v[0].id].exists)
		return fail(r, "more than one %s object", class_names[v[0].id]);
	r->objects[v[0].id].exists = true;
	r->sp -= 2;
	return push_id(r, K_OBJECT, v[0].id);
}

/* BUILD: an object gets its state, from a dict of exactly its keys. */
static int load_build(struct reader *r)
{
	struct value *v;
	struct object *obj;
	struct dict *state;
	int expected[NCLASSES][NKEYS] = {{1, 1, 0}, {0, 0, 1}};
	int k;

	if (need_items(r, 2))
		return MS_ERR_FORMAT;
	v = &r->stack[r->sp - 2];
	if (expect(r, &v[0], K_OBJECT, "target of BUILD") || expect(r, &v[1], K_DICT, "state"))
		return MS_ERR_FORMAT;
	assert(v[0].id < NCLASSES && v[1].id < r->ndicts);
	obj = &r->objects[v[0].id];
	state = &r->dicts[v[1].id];
	if (obj->built)
		return fail(r, "%s object built twice", class_names[v[0].id]);
	for (k = 0; k < NKEYS; k++) {
		if (state->has[k] != expected[v[0].id][k])
			return fail(r, "%s state %s key '%s'", class_names[v[0].id],
				    state->has[k] ? "has an unexpected" : "lacks the",
				    key_names[k]);
		obj->state[k] = state->val[k];
	}
	obj->built = true;
	r->sp--;
	return 0;
}

/* STOP: the one value left must be a whole Snapshot. */
static int load_stop(struct reader *r)
{
	struct object *snap = &r->objects[CLASS_SNAPSHOT];
	struct object *traces = &r->objects[CLASS_TRACES];
	const struct value *top;
	uint64_t limit = 0; /* as lineno in make_frame() */
	int status;

	if (r->nmarks)
		return fail(r, "%zu MARK%s left open", r->nmarks, r->nmarks == 1 ? "" : "s");
	if (r->sp != 1)
		return fail(r, "stack holds %zu items, not 1", r->sp);
	top = &r->stack[0];
	if (top->kind != K_OBJECT || top->id != CLASS_SNAPSHOT)
		return fail(r, "result is %s, not a Snapshot object", kind_phrases[top->kind]);
	if (!snap->built)
		return fail(r, "Snapshot object has no state");
	if (snap->state[KEY_TRACES].kind != K_OBJECT || snap->state[KEY_TRACES].id != CLASS_TRACES)
		return fail(r, "Snapshot traces is %s, not a _Traces object",
			    kind_phrases[snap->state[KEY_TRACES].kind]);
	if (!traces->built)
		return fail(r, "_Traces object has no state");
	if (expect(r, &traces->state[KEY__TRACES], K_LIST, "_Traces _traces"))
		return MS_ERR_FORMAT;
	if (unsigned_int(r, &snap->state[KEY_TRACEBACK_LIMIT], INT64_MAX,
			 "Snapshot traceback_limit", &limit))
		return MS_ERR_FORMAT;
	r->snap->traceback_limit = (int64_t)limit;
	/* pickle.load() stops at STOP and ignores what follows; so do we */
	r->snap->origin.trailing_bytes = r->file_len - r->pos;
	if (r->snap->summed) {
		status = flush_pending(r, true);
		if (status)
			return status;
		/* a trace made but never appended: read it again whole */
		return r->list_nr == r->snap->traces_nr ? 0 : RETRY;
	}
	if (r->deferred && resolve_deferred(r))
		return RETRY;
	if (r->list_order_started) {
		if (ms_snapshot_reorder_traces(r->snap, r->list_order, r->list_nr) < 0)
			return nomem(r);
	} else {
		r->snap->traces_nr = r->list_nr;
	}
	return 0;
}

/* PROTO: only as the first opcode, which read_pickle() reads. */
static int load_proto(struct reader *r)
{
	return fail(r, "second PROTO");
}

/* Any other byte: an opcode a snapshot never holds, or none at all. */
static int refuse_opcode(struct reader *r)
{
	if (ms_pickle_op_name(r->op))
		return fail(r, "opcode not allowed in a tracemalloc snapshot");
	return fail(r, "unknown opcode 0x%02x", r->op);
}

/* A row of load()'s switch: the opcode op runs load_op(r), or load_op(r, arg). */
#define OP(op, load_op)                                                                            \
	case OP_##op:                                                                              \
		status = load_op(r);                                                               \
		break
#define OP_ARG(op, load_op, arg)                                                                   \
	case OP_##op:                                                                              \
		status = load_op(r, arg);                                                          \
		break

/*
 * The main loop, as in pickle's load(): the opcode at r->pos runs its
 * load_<opcode>(), until STOP or a failure. The switch is the allowlist:
 * any opcode without a row is refused.
 */
static int load(struct reader *r)
{
	int status;

	for (;;) {
		if (r->pos >= r->len) {
			if (r->segment)
				return PAUSED;
			r->op_pos = r->pos;
			status = ms_fail(r->err, MS_ERR_FORMAT, "file ends before STOP");
			if (r->err)
				r->err->offset = r->pos;
			return status;
		}
		if (drop_now(r))
			drop_behind(r->buf, r->len, &r->dropped);
		r->op_pos = r->pos;
		r->op = r->buf[r->pos++];
		if (r->run_nr && r->op != OP_MARK && r->op != OP_APPENDS)
			run_to_stack(r);
		/* clang-format off: one row per opcode */
		switch ((enum ms_pickle_op)r->op) {
			OP(PROTO, load_proto);
			OP(FRAME, load_frame);
			OP(BININT1, load_binint1);
			OP(BININT2, load_binint2);
			OP(BININT, load_binint);
			OP_ARG(LONG1, load_counted_long, 1);
			OP_ARG(LONG4, load_counted_long, 4);
			OP_ARG(SHORT_BINUNICODE, load_counted_binunicode, 1);
			OP_ARG(BINUNICODE, load_counted_binunicode, 4);
			OP_ARG(BINUNICODE8, load_counted_binunicode, 8);
			OP(MARK, load_mark);
			OP(EMPTY_TUPLE, load_empty_tuple);
			OP(TUPLE, load_tuple);
			OP_ARG(TUPLE1, load_counted_tuple, 1);
			OP_ARG(TUPLE2, load_counted_tuple, 2);
			OP_ARG(TUPLE3, load_counted_tuple, 3);
			OP(EMPTY_LIST, load_empty_list);
			OP(APPEND, load_append);
			OP(APPENDS, load_appends);
			OP(EMPTY_DICT, load_empty_dict);
			OP(SETITEM, load_setitem);
			OP(SETITEMS, load_setitems);
			OP(MEMOIZE, load_memoize);
			OP_ARG(BINPUT, load_binput, 1);
			OP_ARG(LONG_BINPUT, load_binput, 4);
			OP(BINGET, load_binget);
			OP(LONG_BINGET, load_binget);
			OP(GLOBAL, load_global);
			OP(STACK_GLOBAL, load_stack_global);
			OP(NEWOBJ, load_newobj);
			OP(BUILD, load_build);
		/* clang-format on */
		case OP_STOP:
			return load_stop(r);
		default:
			return refuse_opcode(r);
		}
		if (status)
			return status;
	}
}

#undef OP
#undef OP_ARG

/*
 * A chunk's run of trace records of arity, taken here as fast_records()
 * would have read them at its first byte, a MARK for 4, an int for 3
 * (memoized, added to the run; their sums are in the table of the thread
 * that scanned them); false where it would not have.
 */
static bool replay_run(struct reader *r, const struct ms_chunk_piece *piece, int arity)
{
	struct ms_snapshot *snap = r->snap;

	if (r->pos != piece->start || snap->origin.trace_arity == 7 - arity ||
	    (int64_t)r->memo_nr <= piece->excess || piece->records > record_limits(r))
		return false;
	take_records(r, piece->records, arity, piece->end);
	return true;
}

/*
 * Reads from r->pos to end; last: the file's end. 0 when that reached
 * STOP, PAUSED at end; anything else is SEQUENTIAL.
 */
static int replay_bytes(struct reader *r, size_t end, bool last)
{
	int status;

	r->len = end;
	r->segment = !last;
	status = load(r);
	r->len = r->file_len;
	r->segment = false;
	if (status == PAUSED && r->pos == end)
		return PAUSED;
	return status == 0 && last ? 0 : SEQUENTIAL;
}

/*
 * Adds the sums of replayed chunks, as sum_batch() would have added
 * their traces, once the summer is done with the sums: each memo index
 * must name a traceback (every one was defined before its record, and
 * an entry never changes), else RETRY.
 */
static int add_chunk_sums(struct reader *r, const struct ms_chunk_sums *c)
{
	struct ms_snapshot *snap = r->snap;
	const struct ms_chunk_cell *cell;
	uint64_t entry;
	size_t k;
	int added, status = flush_pending(r, true);

	for (k = 0; c->cells && k <= c->mask && !status; k++) {
		cell = &c->cells[k];
		if (!cell->sum.count)
			continue;
		entry = memo_at(r, cell->key >> 32);
		if ((enum kind)(entry >> 56) != K_TRACEBACK)
			return RETRY;
		added =
		    ms_snapshot_sum_merge(snap, (uint32_t)entry, (uint32_t)cell->key, &cell->sum);
		if (added < 0)
			return added == -2 ? RETRY : nomem(r);
	}
	return status;
}

/*
 * Replays a scanned chunk's pieces: PAUSED at its end, 0 at STOP in its
 * last piece (the file's last chunk), else SEQUENTIAL.
 */
static int replay_chunk(struct reader *r, const struct ms_chunk *c, bool last_chunk)
{
	const struct ms_chunk_piece *piece;
	int status = c->status ? SEQUENTIAL : PAUSED;
	size_t k;

	for (k = 0; k < c->npieces && status == PAUSED; k++) {
		piece = &c->pieces[k];
		if (r->pos != piece->start)
			return SEQUENTIAL;
		if (piece->records)
			status = replay_run(r, piece, c->arity) ? PAUSED : SEQUENTIAL;
		else
			status =
			    replay_bytes(r, piece->end, last_chunk && piece->end == r->file_len);
		/* a run moves on without load(), which gives back pages as it reads */
		while (r->mapped && drop_due(r->pos, r->dropped))
			drop_behind(r->buf, r->file_len, &r->dropped);
	}
	/* STOP in the last piece, and nowhere else */
	if (status == 0 && (k < c->npieces || !last_chunk))
		return SEQUENTIAL;
	return status;
}

#define MAX_CHUNKS 4096

/*
 * The smallest file cut into chunks on threads threads. Below it,
 * scanning chunks apart and replaying them costs more than the other
 * threads give back, since a dump defines a new traceback every few dozen
 * traces, and replaying those is the reader's (on a 2-core machine,
 * against one thread and the summer: a 19 MB dump reads in 1.8x the time,
 * a 160 MB one in 1.15x; one of 1.45 GB and few tracebacks in 0.81x).
 * With one thread to scan that is where it stays; with two or more the
 * scans are shared. MEMSNAP_SPLIT_MIN sets it (bytes), for any count.
 */
#define SPLIT_MIN     ((size_t)64 << 20)
#define SPLIT_MIN_ONE ((size_t)1 << 30)
#define CHUNK_BYTES   ((size_t)1 << 20) /* a chunk's size, for files of a GB or less */

static size_t split_min(int threads)
{
	const char *s = getenv("MEMSNAP_SPLIT_MIN");
	char *end;
	unsigned long long n;

	if (s && *s) {
		n = strtoull(s, &end, 10);
		if (!*end)
			return (size_t)n;
	}
	return threads > 2 ? SPLIT_MIN : SPLIT_MIN_ONE;
}

/* Replays every chunk in order, as the pool scans them; the last status. */
static int replay_chunks(struct reader *r, struct ms_chunk_pool *p)
{
	int status = PAUSED;
	size_t i;

	for (i = 0; i < p->nchunks && status == PAUSED; i++) {
		ms_chunk_pool_wait(p, i);
		status = replay_chunk(r, &p->chunks[i], i + 1 == p->nchunks);
		ms_chunk_pool_replayed(p, i);
	}
	return status;
}

/*
 * A large protocol 4 or 5 dump, summed, on r->threads threads: the file
 * is cut at frame boundaries into chunks that begin at a trace record
 * (ms_pickle_cuts()), from the first record on; a pool of threads scans
 * them (their trace records read and summed apart) while this one reads
 * the header and then replays each chunk in order: its runs of records
 * as fast_records() would have taken them, everything else through
 * load(). Whatever does not fit is SEQUENTIAL: read again on one thread.
 */
static int read_chunks(struct reader *r)
{
	size_t *cuts, n, nchunks, i, first;
	struct ms_chunk_pool p;
	struct ms_chunk *chunks;
	bool mapped, *done;
	int status, arity;

	if (r->threads < 2 || r->len < split_min(r->threads) || r->protocol < 4 || !r->fast ||
	    !r->snap->summed)
		return load(r);
	n = r->len / CHUNK_BYTES < MAX_CHUNKS ? r->len / CHUNK_BYTES : MAX_CHUNKS;
	n = n < (size_t)r->threads ? (size_t)r->threads : n;
	cuts = malloc(n * sizeof(*cuts));
	chunks = calloc(n, sizeof(*chunks));
	done = calloc(n, sizeof(*done));
	mapped = r->mapped || (r->summer && r->summer->mapped);
	if (!cuts || !chunks || !done ||
	    !(nchunks = ms_pickle_cuts(r->buf, r->len, n, mapped, cuts, &arity))) {
		free(cuts);
		free(chunks);
		free(done);
		return load(r);
	}
	for (i = 0; i < nchunks; i++)
		chunks[i] = (struct ms_chunk){.buf = r->buf,
					      .len = r->len,
					      .start = cuts[i],
					      .end = i + 1 < nchunks ? cuts[i + 1] : r->len,
					      .arity = arity};
	if (r->summer) {
		/* this thread gives back the pages it replayed, not the summer */
		pthread_mutex_lock(&r->summer->lock);
		r->mapped |= r->summer->mapped;
		r->summer->mapped = false;
		pthread_mutex_unlock(&r->summer->lock);
	}
	first = cuts[0];
	free(cuts);
	if (mapped)
		ms_advise_drop(r->buf, r->len); /* what the hops left mapped */
	ms_chunk_pool_start(&p, chunks, done, nchunks, (size_t)r->threads, ms_file_map_guarded());
	/* the header, up to the first chunk */
	status = replay_bytes(r, first, false);
	if (status == PAUSED)
		status = replay_chunks(r, &p);
	ms_chunk_pool_stop(&p);
	for (i = 0; i <= MS_MAX_SCANNERS && status == 0; i++)
		status = add_chunk_sums(r, &p.sums[i]);
	ms_chunk_pool_release(&p);
	if (status == RETRY)
		return RETRY;
	r->snap->read_chunks = nchunks;
	/* the last run ended the file before STOP: load() says so, on one thread */
	return status == 0 ? 0 : SEQUENTIAL;
}

static void reader_release(struct reader *r)
{
	summer_stop(r);
	free(r->stack);
	ms_unreserve(r->memo_words, r->memo_nwords * sizeof(*r->memo_words));
	ms_unreserve(r->memo_narrow, r->memo_reserved);
	free(r->memo_wide);
	free(r->pending);
	free(r->memo_ints);
	free(r->list_order);
	free(r->frame_buf);
	free(r->newest_tb);
}

/*
 * Checks the PROTO every pickle of protocol 2 or more starts with, and
 * gives r its stack, memo and queues; on failure r holds what
 * reader_release() frees.
 */
static int reader_open(struct reader *r, unsigned flags)
{
	if (r->len == 0)
		return fail(r, "empty file"); /* at offset 0, naming no opcode */
	r->op = r->buf[0];
	if (r->op != OP_PROTO) {
		ms_fail(r->err, MS_ERR_FORMAT,
			"not a pickle of protocol 2 to 5 (first byte 0x%02x)", r->op);
		if (r->err)
			r->err->offset = 0;
		return MS_ERR_FORMAT;
	}
	if (r->len < 2)
		return fail(r, "argument size 1 exceeds 0 remaining bytes");
	r->protocol = r->buf[1];
	if (r->protocol < 2 || r->protocol > 5)
		return fail(r, "protocol %d is not supported (2 to 5 are)", r->protocol);
	r->snap->origin.protocol = r->protocol;
	r->stack_alloc = r->len < MAX_STACK ? r->len : MAX_STACK;
	r->stack = malloc(r->stack_alloc * sizeof(*r->stack));
	if (r->snap->summed)
		r->pending = malloc(PENDING_MAX * sizeof(*r->pending));
	if (!r->stack || (r->snap->summed && !r->pending))
		return ms_fail(r->err, MS_ERR_NOMEM, "out of memory");
	r->memo_alloc = memo_first_reserve(r->len);
	r->memo_reserved = r->memo_alloc * sizeof(*r->memo_narrow);
	r->memo_narrow = ms_reserve(r->memo_reserved);
	if (r->memo_narrow && !r->memo_elide)
		ms_advise_huge(r->memo_narrow, r->memo_reserved); /* looked up at random */
	r->memo_nwords = r->len / 64 + 1;
	r->memo_words = ms_reserve(r->memo_nwords * sizeof(*r->memo_words));
	if (!r->memo_narrow || !r->memo_words)
		return ms_fail(r->err, MS_ERR_NOMEM, "out of memory");
	if (r->fast && (flags & MS_PICKLE_THREAD))
		summer_start(r);
	r->pos = 2;
	return 0;
}

/* How a read goes: the fast paths with an eliding memo, with the whole memo, or neither. */
enum pass { PASS_ELIDE, PASS_WHOLE_MEMO, PASS_GENERAL };

static int read_pickle(struct ms_snapshot *snap, const void *buf, size_t len, struct ms_error *err,
		       enum pass pass, unsigned flags)
{
	struct reader r = {0};
	int status;

	/* each attempt: ms_snapshot_reset() before one clears it */
	snap->newest = snap->summed && (flags & MS_PICKLE_NEWEST);
	r.buf = buf;
	r.len = len;
	r.file_len = len;
	r.threads = ms_pickle_threads(flags);
	r.snap = snap;
	r.err = err;
	r.fast = pass != PASS_GENERAL;
	r.memo_elide = pass == PASS_ELIDE;
	r.newest_frames = snap->newest && r.memo_elide && (flags & MS_PICKLE_NEWEST_FRAMES);
	r.mapped = flags & MS_PICKLE_MAPPED;
	status = reader_open(&r, flags);
	if (!status)
		status = read_chunks(&r);
	/*
	 * A deferred trace may be the first thing wrong in a file that fails
	 * later: only the general path knows which error comes first.
	 */
	if (status == MS_ERR_FORMAT && r.deferred)
		status = RETRY;
	reader_release(&r);
	return status;
}

int ms_pickle_read(struct ms_snapshot *snap, const void *buf, size_t len, unsigned flags,
		   struct ms_error *err)
{
	enum pass pass = PASS_ELIDE;
	int status = read_pickle(snap, buf, len, err, pass, flags);
	bool summed;

	/* each at most once: a file is read at most four times */
	while (status == SEQUENTIAL || status == WHOLE_MEMO) {
		/*
		 * read apart, the chunks did not fit together: on one thread;
		 * or a file that refers to a frame again: eliding nothing.
		 * Summed still.
		 */
		if (status == SEQUENTIAL)
			flags &= ~MS_PICKLE_THREADS(ms_pickle_threads(flags));
		else
			pass = PASS_WHOLE_MEMO;
		summed = snap->summed;
		ms_snapshot_reset(snap);
		snap->summed = summed;
		status = read_pickle(snap, buf, len, err, pass, flags);
	}
	if (status != RETRY)
		return status;
	/*
	 * Rare: a file the fast paths or the sums could not take; the general
	 * path reads it, or finds where a malformed one first goes wrong.
	 */
	ms_snapshot_reset(snap);
	return read_pickle(snap, buf, len, err, PASS_GENERAL, flags);
}
