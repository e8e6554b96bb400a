/*
 * Trace records read by their bytes: the fields of the shape almost every
 * trace of a dump has (MARK, domain, size, traceback reference,
 * total_nframe, TUPLE, MEMOIZE), each a fixed-width compare and a masked
 * load. The reader's fast path and the chunk scanner (pickle_split.c)
 * accept exactly the same records because both read them with
 * record_read().
 */
#ifndef MEMSNAP_PICKLE_RECORD_H
#define MEMSNAP_PICKLE_RECORD_H

#include <stdint.h>

#include "pickle_ops.h"
#include "platform.h"

/*
 * Per opcode byte, what a trace record read by its bytes may hold in a field of a trace
 * record: the opcode's length with its argument, 0 for any other opcode.
 * An int field is BININT1, BININT2 or a non-negative BININT; a traceback,
 * BINGET or LONG_BINGET.
 */
static const uint8_t record_uint_len[256] = {[OP_BININT1] = 2, [OP_BININT2] = 3, [OP_BININT] = 5};
static const uint8_t record_get_len[256] = {[OP_BINGET] = 2, [OP_LONG_BINGET] = 5};
/*
 * By that length: the argument's bits, and the least value that does not
 * fit (a negative BININT, an index that could not be DEFERRED, or any
 * value at all after an opcode that does not fit, read as 0).
 */
static const uint64_t record_mask[6] = {0, 0, 0xff, 0xffff, 0, 0xffffffff};
static const uint64_t record_limit[6] = {0, 0, 0x100, 0x10000, 0, 0x80000000};
/* The bytes a record may span, and the reader may load past its start: 8 past its last field's
 * opcode */
#define RECORD_MAX 32

/*
 * One field of a record at p, by the table lens: its value in *v and the
 * next field's address, or *bad set. Branch-free, so that records of
 * mixed shapes (a size of one, two or four bytes) cost no misprediction:
 * an opcode that does not fit moves p on by 0, and the record is dropped
 * whole once all of it was read.
 */
static inline const unsigned char *record_field(const unsigned char *p, const uint8_t *lens,
						uint64_t *v, unsigned *bad)
{
	unsigned n = lens[p[0]];

	*v = ms_load_le(p + 1, 8) & record_mask[n];
	*bad |= *v >= record_limit[n];
	return p + n;
}

/*
 * The same, guessing the opcode dumps nearly always have in this place:
 * a right guess is a predicted branch, and the processor reads on to the
 * next field without waiting for this one's byte, where the table makes
 * every field wait for the one before (a chain of loads that costs more
 * than the rare wrong guess).
 */
static inline const unsigned char *record_field_likely(const unsigned char *p, const uint8_t *lens,
						       unsigned char likely, uint64_t *v,
						       unsigned *bad)
{
	if (p[0] == likely) {
		*v = ms_load_le(p + 1, 8) & record_mask[lens[likely]];
		*bad |= *v >= record_limit[lens[likely]];
		return p + lens[likely];
	}
	return record_field(p, lens, v, bad);
}

/*
 * The bytes after the size of the record of arity 4 a big dump mostly
 * has (a memo of more than 256 entries, a total_nframe below 256):
 * LONG_BINGET, 4 bytes of index, BININT1, 1 byte of total_nframe, TUPLE,
 * then MEMOIZE. In one little-endian load of 8 bytes, the opcodes kept by
 * TAIL_MASK must be TAIL's.
 */
#define TAIL_MASK 0xff00ff00000000ffu
#define TAIL	  ((uint64_t)OP_TUPLE << 56 | (uint64_t)OP_BININT1 << 40 | OP_LONG_BINGET)

/*
 * A trace record at p, its fields in v (domain, size, memo index of the
 * traceback, total_nframe; 0 for arity 3): its length, or 0 for anything
 * else. Of arity 4 (3.9 and later), MARK, domain, size, traceback
 * reference, total_nframe, TUPLE, MEMOIZE; of arity 3 (3.6 to 3.8),
 * domain, size, traceback reference, TUPLE3, MEMOIZE. p must have
 * RECORD_MAX bytes after it.
 *
 * The usual record (MARK, BININT1 domain, any size, then TAIL) is tried
 * first: two compares and the one table lookup of its size's width, where
 * field by field each field's place waits on the width of the one before.
 * Anything else, or a value out of range, is read field by field, which
 * accepts the same records with the same fields.
 */
static inline size_t record_read(const unsigned char *p, int arity, uint64_t v[4])
{
	const unsigned char *q = p + (arity == 4);
	unsigned bad = arity == 4 && p[0] != OP_MARK, n;
	uint64_t tail;

	if (arity == 4 && ms_load_le(p, 2) == (OP_MARK | OP_BININT1 << 8)) {
		n = record_uint_len[p[3]];
		tail = ms_load_le(p + 3 + n, 8); /* the usual record's, after its size */
		if (n && (tail & TAIL_MASK) == TAIL && p[3 + n + 8] == OP_MEMOIZE) {
			v[0] = p[2];
			v[1] = ms_load_le(p + 4, 8) & record_mask[n];
			v[2] = tail >> 8 & 0xffffffff;
			v[3] = tail >> 48 & 0xff;
			if (v[1] < record_limit[n] && v[2] < record_limit[5])
				return 3 + n + 9;
		}
	}

	v[3] = 0;
	q = record_field_likely(q, record_uint_len, OP_BININT1, &v[0], &bad);
	q = record_field(q, record_uint_len, &v[1], &bad);
	q = record_field_likely(q, record_get_len, OP_LONG_BINGET, &v[2], &bad);
	if (arity == 4)
		q = record_field_likely(q, record_uint_len, OP_BININT1, &v[3], &bad);
	bad |= (q[0] != (arity == 4 ? OP_TUPLE : OP_TUPLE3)) | (q[1] != OP_MEMOIZE);
	return bad ? 0 : (size_t)(q + 2 - p);
}

#endif
