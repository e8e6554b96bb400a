/*
 * Interning (src/model/intern.c and the snapshot's tables in src/model/snapshot.c):
 * equal content gets one id, different content different ids, ids are
 * dense in first-seen order, and every id stays findable while the tables
 * grow through many rehashes.
 */
#include <stdio.h>

#include "intern.h"
#include "unit.h"

#define MANY 100000u

static uint32_t intern_text(struct ms_snapshot *snap, const char *text)
{
	uint32_t id = ms_snapshot_intern_string(snap, text, (uint32_t)strlen(text));

	if (id == MS_NO_ID)
		ck_abort_msg("out of memory interning %s", text);
	return id;
}

static uint32_t intern_frame(struct ms_snapshot *snap, uint32_t file, uint32_t lineno)
{
	uint32_t id = ms_snapshot_intern_frame(snap, file, lineno);

	if (id == MS_NO_ID)
		ck_abort_msg("out of memory interning a frame");
	return id;
}

static uint32_t intern_traceback(struct ms_snapshot *snap, const uint32_t *frames, uint32_t n)
{
	uint32_t id = ms_snapshot_intern_traceback(snap, frames, n);

	if (id == MS_NO_ID)
		ck_abort_msg("out of memory interning a traceback");
	return id;
}

/* Traceback id reads back as the n frames want. */
static void check_traceback(const struct ms_snapshot *snap, uint32_t id, const uint32_t *want,
			    uint32_t n)
{
	uint32_t frames[8];

	ck_assert_uint_eq(unit_traceback(snap, id, frames, UNIT_NROWS(frames)), n);
	ck_assert_mem_eq(frames, want, n * sizeof(*want));
}

/* Whether every id with this hash, and no other, is on its chain. */
static void check_chain(const struct ms_intern *t, uint32_t hash, const uint32_t *ids, size_t n)
{
	size_t seen = 0, k;
	uint32_t id;

	for (id = ms_intern_first(t, hash); id != MS_NO_ID; id = ms_intern_next(t, id)) {
		for (k = 0; k < n && ids[k] != id; k++)
			;
		ck_assert_msg(k < n, "id %u has another hash than 0x%x", id, hash);
		seen++;
	}
	ck_assert_uint_eq(seen, n);
}

START_TEST(test_index_collisions)
{
	struct ms_intern t = {0};
	uint32_t same[200], other[200], i;

	ck_assert_uint_eq(ms_intern_first(&t, 7), MS_NO_ID);
	/* one hash 200 times, interleaved with hashes that share its bucket */
	for (i = 0; i < 200; i++) {
		same[i] = t.nr;
		ck_assert_int_eq(ms_intern_add(&t, 0x1234), 0);
		other[i] = t.nr;
		ck_assert_int_eq(ms_intern_add(&t, 0x1234 + ((i + 1) << 20)), 0);
	}
	ck_assert_uint_eq(t.nr, 400);
	check_chain(&t, 0x1234, same, 200);
	for (i = 0; i < 200; i++)
		check_chain(&t, 0x1234 + ((i + 1) << 20), &other[i], 1);
	ck_assert_uint_eq(ms_intern_first(&t, 0x1235), MS_NO_ID);
	ms_intern_release(&t);
	ck_assert_uint_eq(t.nr, 0);
	ck_assert_uint_eq(ms_intern_first(&t, 0x1234), MS_NO_ID);
}
END_TEST

START_TEST(test_index_growth)
{
	struct ms_intern t = {0};
	uint32_t i;

	for (i = 0; i < MANY; i++)
		ck_assert_msg(ms_intern_add(&t, i * 2654435761u) == 0 && t.nr == i + 1,
			      "adding id %u", i);
	for (i = 0; i < MANY; i++)
		ck_assert_msg(ms_intern_first(&t, i * 2654435761u) == i &&
				  ms_intern_next(&t, i) == MS_NO_ID,
			      "id %u is not alone on its chain", i);
	ms_intern_release(&t);
}
END_TEST

START_TEST(test_strings)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	static const char *const texts[] = {
	    "a.py", "a.p", "a.pyc", "", "A.py", "b.py", "caf\xc3\xa9.py", "\xed\xb3\xbf.py",
	};
	uint32_t i, id;
	size_t len;

	ck_assert_ptr_nonnull(snap);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		ck_assert_uint_eq(intern_text(snap, texts[i]), i);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		ck_assert_uint_eq(intern_text(snap, texts[i]), i);
		ck_assert(unit_string_is(snap, i, texts[i]));
	}
	/* a NUL byte is content like any other */
	id = ms_snapshot_intern_string(snap, "a.py\0x", 6);
	ck_assert_uint_eq(id, 8);
	ck_assert_uint_eq(ms_snapshot_intern_string(snap, "a.py\0y", 6), 9);
	ck_assert_uint_eq(ms_snapshot_intern_string(snap, "a.py\0x", 6), id);
	ck_assert_mem_eq(ms_snapshot_string(snap, id, &len), "a.py\0x", 6);
	ck_assert_uint_eq(len, 6);
	ck_assert_uint_eq(ms_snapshot_string_count(snap), 10);
	ms_snapshot_free(snap);
}
END_TEST

START_TEST(test_frames)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	uint32_t a, b;
	struct ms_frame f;

	ck_assert_ptr_nonnull(snap);
	a = intern_text(snap, "a.py");
	b = intern_text(snap, "b.py");
	ck_assert_uint_eq(intern_frame(snap, a, 1), 0);
	ck_assert_uint_eq(intern_frame(snap, b, 1), 1);
	ck_assert_uint_eq(intern_frame(snap, a, 2), 2);
	ck_assert_uint_eq(intern_frame(snap, a, 0), 3);
	ck_assert_uint_eq(intern_frame(snap, a, UINT32_MAX), 4);
	ck_assert_uint_eq(intern_frame(snap, b, 1), 1);
	ck_assert_uint_eq(intern_frame(snap, a, 1), 0);
	ck_assert_uint_eq(intern_frame(snap, a, UINT32_MAX), 4);
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), 5);
	f = ms_snapshot_frame(snap, 4);
	ck_assert_uint_eq(f.file, a);
	ck_assert_uint_eq(f.lineno, UINT32_MAX);
	ms_snapshot_free(snap);
}
END_TEST

START_TEST(test_tracebacks)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	static const uint32_t ab[] = {0, 1}, ba[] = {1, 0}, aa[] = {0, 0}, abc[] = {0, 1, 2};

	ck_assert_ptr_nonnull(snap);
	ck_assert_uint_eq(intern_traceback(snap, ab, 2), 0);
	ck_assert_uint_eq(intern_traceback(snap, ba, 2), 1);
	ck_assert_uint_eq(intern_traceback(snap, ab, 1), 2);
	ck_assert_uint_eq(intern_traceback(snap, aa, 2), 3);
	ck_assert_uint_eq(intern_traceback(snap, abc, 3), 4);
	ck_assert_uint_eq(intern_traceback(snap, ab, 0), 5);
	ck_assert_uint_eq(intern_traceback(snap, abc, 2), 0);
	ck_assert_uint_eq(intern_traceback(snap, ba, 2), 1);
	ck_assert_uint_eq(intern_traceback(snap, aa, 1), 2);
	ck_assert_uint_eq(intern_traceback(snap, ba, 0), 5);
	ck_assert_uint_eq(ms_snapshot_traceback_count(snap), 6);
	check_traceback(snap, 4, abc, 3);
	check_traceback(snap, 1, ba, 2);
	ck_assert(!snap->frame_pool_wide);
	ms_snapshot_free(snap);
}
END_TEST

/*
 * The frame pool keeps two bytes an id until one does not fit, anywhere in
 * a traceback; the tracebacks stored before then read and match the same.
 */
START_TEST(test_traceback_wide_frame)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	static const uint32_t narrow[] = {65535, 0, 7}, wide[] = {3, 65536, 65535},
			      wider[] = {UINT32_MAX - 1};

	ck_assert_ptr_nonnull(snap);
	ck_assert_uint_eq(intern_traceback(snap, narrow, 3), 0);
	ck_assert(!snap->frame_pool_wide);
	ck_assert_uint_eq(intern_traceback(snap, narrow, 2), 1);
	ck_assert_uint_eq(intern_traceback(snap, wide, 3), 2);
	ck_assert(snap->frame_pool_wide);
	ck_assert_uint_eq(intern_traceback(snap, wider, 1), 3);
	ck_assert_uint_eq(intern_traceback(snap, narrow, 3), 0);
	ck_assert_uint_eq(intern_traceback(snap, narrow, 2), 1);
	ck_assert_uint_eq(intern_traceback(snap, wide, 3), 2);
	ck_assert_uint_eq(intern_traceback(snap, wide, 2), 4);
	check_traceback(snap, 0, narrow, 3);
	check_traceback(snap, 1, narrow, 2);
	check_traceback(snap, 2, wide, 3);
	check_traceback(snap, 3, wider, 1);
	check_traceback(snap, 4, wide, 2);
	ms_snapshot_free(snap);
}
END_TEST

/*
 * Content whose hashes are equal under seed 0: "a.py" and "a.pyMEpBba"
 * (seeded FNV-1a), the tracebacks (1) and (1, 4262354564), each a prefix of
 * the other, found by brute force for intern.h's and snapshot.c's hashes.
 * The first assertions say when those hashes change and new pairs are
 * needed.
 */
START_TEST(test_colliding_content)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	static const uint32_t longer[] = {1, 4262354564u};
	uint32_t a, b;

	ck_assert_ptr_nonnull(snap);
	snap->hash_seed = 0; /* the pairs collide for this seed */
	/* the longer first, so that a prefix compare would find it for the shorter */
	b = intern_text(snap, "a.pyMEpBba");
	a = intern_text(snap, "a.py");
	ck_assert_msg(snap->string_index.ents[a].hash == snap->string_index.ents[b].hash,
		      "the string hash changed: find a new colliding pair");
	ck_assert_uint_ne(a, b);
	ck_assert_uint_eq(ms_snapshot_find_string(snap, "a.py", 4), a);
	ck_assert_uint_eq(ms_snapshot_find_string(snap, "a.pyMEpBba", 10), b);
	ck_assert(unit_string_is(snap, a, "a.py"));
	b = intern_traceback(snap, longer, 2);
	a = intern_traceback(snap, longer, 1);
	ck_assert_msg(snap->traceback_index.ents[a].hash == snap->traceback_index.ents[b].hash,
		      "the traceback hash changed: find a new colliding pair");
	ck_assert_uint_ne(a, b);
	ck_assert_uint_eq(ms_snapshot_find_traceback(snap, longer, 1), a);
	ck_assert_uint_eq(ms_snapshot_find_traceback(snap, longer, 2), b);
	ms_snapshot_free(snap);
}
END_TEST

/* Finding never adds: absent content has no id, present content its own. */
START_TEST(test_find)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	static const uint32_t frames[] = {0, 1};
	uint32_t a, b;

	ck_assert_ptr_nonnull(snap);
	ck_assert_uint_eq(ms_snapshot_find_string(snap, "a.py", 4), MS_NO_ID);
	ck_assert_uint_eq(ms_snapshot_find_frame(snap, 0, 1), MS_NO_ID);
	ck_assert_uint_eq(ms_snapshot_find_traceback(snap, frames, 2), MS_NO_ID);
	a = intern_text(snap, "a.py");
	b = intern_text(snap, "b.py");
	ck_assert_uint_eq(ms_snapshot_find_string(snap, "a.py", 4), a);
	ck_assert_uint_eq(ms_snapshot_find_string(snap, "b.py", 4), b);
	ck_assert_uint_eq(ms_snapshot_find_string(snap, "a.py", 3), MS_NO_ID);
	ck_assert_uint_eq(ms_snapshot_find_string(snap, "", 0), MS_NO_ID);
	ck_assert_uint_eq(intern_frame(snap, a, 1), 0);
	ck_assert_uint_eq(intern_frame(snap, b, 1), 1);
	ck_assert_uint_eq(ms_snapshot_find_frame(snap, a, 1), 0);
	ck_assert_uint_eq(ms_snapshot_find_frame(snap, b, 1), 1);
	ck_assert_uint_eq(ms_snapshot_find_frame(snap, a, 2), MS_NO_ID);
	ck_assert_uint_eq(ms_snapshot_find_frame(snap, 1, 0), MS_NO_ID);
	ck_assert_uint_eq(intern_traceback(snap, frames, 2), 0);
	ck_assert_uint_eq(ms_snapshot_find_traceback(snap, frames, 2), 0);
	ck_assert_uint_eq(ms_snapshot_find_traceback(snap, frames, 1), MS_NO_ID);
	ck_assert_uint_eq(ms_snapshot_find_traceback(snap, frames + 1, 1), MS_NO_ID);
	ck_assert_uint_eq(ms_snapshot_string_count(snap), 2);
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), 2);
	ck_assert_uint_eq(ms_snapshot_traceback_count(snap), 1);
	ms_snapshot_free(snap);
}
END_TEST

/*
 * ms_snapshot_find_tracebacks() finds what ms_snapshot_find_traceback()
 * finds, for every place in a batch: in an empty snapshot, among
 * colliding hashes, with a pool of two and of four bytes an id or none,
 * and for tracebacks present and absent (a frame more, one changed).
 */
static void check_batch(const struct ms_snapshot *snap, const uint32_t *frames, const size_t *start,
			const uint32_t *nframe, size_t n)
{
	uint32_t found[MS_FIND_BATCH];
	size_t i;

	ms_snapshot_find_tracebacks(snap, n, frames, start, nframe, found);
	for (i = 0; i < n; i++)
		ck_assert_msg(found[i] ==
				  ms_snapshot_find_traceback(snap, frames + start[i], nframe[i]),
			      "lookup %zu of %zu found %u", i, n, found[i]);
}

START_TEST(test_find_batch)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	static const uint32_t longer[] = {1, 4262354564u};
	uint32_t frames[MS_FIND_BATCH * 4], nframe[MS_FIND_BATCH], i, k, round;
	size_t start[MS_FIND_BATCH], at, n;

	ck_assert_ptr_nonnull(snap);
	snap->hash_seed = 0; /* longer's prefix collides with it */
	start[0] = 0;
	start[1] = 0;
	nframe[0] = 2;
	nframe[1] = 1;
	check_batch(snap, longer, start, nframe, 2);
	intern_traceback(snap, longer, 2);
	check_batch(snap, longer, start, nframe, 2);
	intern_traceback(snap, longer, 1);
	check_batch(snap, longer, start, nframe, 2);
	ck_assert_uint_ne(ms_snapshot_find_traceback(snap, longer, 1), MS_NO_ID);
	/* narrow ids, then wide ones from the second round on */
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 5000; i++) {
			frames[0] = i + round * 70000;
			frames[1] = i % 13;
			frames[2] = i % 7;
			intern_traceback(snap, frames, 1 + i % 3);
		}
		for (i = 0; i + MS_FIND_BATCH <= 6000; i += MS_FIND_BATCH) {
			for (k = 0, at = 0, n = 0; k < MS_FIND_BATCH; k++, n++) {
				frames[at] = i + k + round * 70000;
				frames[at + 1] = (i + k) % 13;
				frames[at + 2] = (i + k) % (k % 4 == 3 ? 11 : 7);
				start[n] = at;
				/* every fifth a frame more than was interned */
				nframe[n] = 1 + (i + k) % 3 + (k % 5 == 4);
				at += 4;
			}
			check_batch(snap, frames, start, nframe, n);
		}
	}
	ck_assert(snap->frame_pool_wide);
	ms_snapshot_free(snap);
	/* only the empty traceback: no frame pool at all */
	snap = ms_snapshot_new();
	ck_assert_ptr_nonnull(snap);
	intern_traceback(snap, longer, 0);
	start[0] = 0;
	start[1] = 0;
	nframe[0] = 1;
	nframe[1] = 0;
	check_batch(snap, longer, start, nframe, 2);
	ck_assert_uint_eq(ms_snapshot_find_traceback(snap, longer, 0), 0);
	ms_snapshot_free(snap);
}
END_TEST

/* A reset snapshot is empty, and interns from id 0 again. */
START_TEST(test_reset)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	struct ms_trace t = {1, 2, 0, 1};
	uint32_t frame;

	ck_assert_ptr_nonnull(snap);
	intern_text(snap, "a.py");
	frame = intern_frame(snap, intern_text(snap, "b.py"), 3);
	intern_traceback(snap, &frame, 1);
	ck_assert_int_eq(ms_snapshot_add_trace(snap, &t), 0);
	ms_snapshot_reset(snap);
	ck_assert_uint_eq(ms_snapshot_string_count(snap), 0);
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), 0);
	ck_assert_uint_eq(ms_snapshot_traceback_count(snap), 0);
	ck_assert_uint_eq(ms_snapshot_trace_count(snap), 0);
	ck_assert_uint_eq(ms_snapshot_find_string(snap, "a.py", 4), MS_NO_ID);
	ck_assert_uint_eq(intern_text(snap, "b.py"), 0);
	ck_assert(unit_string_is(snap, 0, "b.py"));
	ck_assert_str_eq(ms_snapshot_origin(snap).format, "pickle");
	ms_snapshot_free(snap);
}
END_TEST

/*
 * Strings, frames and tracebacks interned together, far past the first
 * table sizes: each id comes back for its content, and its content for it.
 */
START_TEST(test_growth)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	char text[32];
	uint32_t i, n, frames[3], got[3];

	ck_assert_ptr_nonnull(snap);
	for (i = 0; i < MANY; i++) {
		snprintf(text, sizeof(text), "f%u.py", i);
		frames[0] = i;
		frames[1] = i / 2;
		frames[2] = i / 3;
		ck_assert_msg(intern_text(snap, text) == i && intern_frame(snap, i, i % 7) == i &&
				  intern_traceback(snap, frames, 1 + i % 3) == i,
			      "new content %u did not get id %u", i, i);
	}
	for (i = MANY; i-- > 0;) {
		snprintf(text, sizeof(text), "f%u.py", i);
		frames[0] = i;
		frames[1] = i / 2;
		frames[2] = i / 3;
		n = unit_traceback(snap, i, got, UNIT_NROWS(got));
		ck_assert_msg(intern_text(snap, text) == i && unit_string_is(snap, i, text) &&
				  intern_frame(snap, i, i % 7) == i &&
				  ms_snapshot_frame(snap, i).file == i &&
				  intern_traceback(snap, frames, 1 + i % 3) == i &&
				  n == 1 + i % 3 && !memcmp(got, frames, n * sizeof(*frames)),
			      "content %u lost its id", i);
	}
	ck_assert_uint_eq(ms_snapshot_string_count(snap), MANY);
	ck_assert_uint_eq(ms_snapshot_frame_count(snap), MANY);
	ck_assert_uint_eq(ms_snapshot_traceback_count(snap), MANY);
	ck_assert(snap->frame_pool_wide);
	ms_snapshot_free(snap);
}
END_TEST

/* Traces keep what they were given, in order. */
START_TEST(test_traces)
{
	struct ms_snapshot *snap = ms_snapshot_new();
	struct ms_trace in = {UINT64_MAX, UINT32_MAX, 0, 7}, out;
	uint32_t i;

	ck_assert_ptr_nonnull(snap);
	for (i = 0; i < 3000; i++) {
		in.domain = i;
		ck_assert_int_eq(ms_snapshot_add_trace(snap, &in), 0);
	}
	ck_assert_uint_eq(ms_snapshot_trace_count(snap), 3000);
	for (i = 0; i < 3000; i++) {
		out = ms_snapshot_trace(snap, i);
		ck_assert_uint_eq(out.size, UINT64_MAX);
		ck_assert_uint_eq(out.domain, i);
		ck_assert_uint_eq(out.traceback, 0);
		ck_assert_uint_eq(out.total_nframe, 7);
	}
	ms_snapshot_free(snap);
}
END_TEST

UNIT_MAIN("intern", UNIT_ONCE(test_index_collisions), UNIT_ONCE(test_index_growth),
	  UNIT_ONCE(test_strings), UNIT_ONCE(test_frames), UNIT_ONCE(test_tracebacks),
	  UNIT_ONCE(test_traceback_wide_frame), UNIT_ONCE(test_colliding_content),
	  UNIT_ONCE(test_find), UNIT_ONCE(test_find_batch), UNIT_ONCE(test_reset),
	  UNIT_ONCE(test_growth), UNIT_ONCE(test_traces))
