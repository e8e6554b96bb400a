/*
 * record_read(), the trace records the reader and the chunk scanner read by
 * their bytes, against a decoder written here from the pickle opcodes'
 * definitions (Python's pickletools): for records of each shape, every
 * byte of the record and the two after it set to each of its 256 values,
 * both must accept the same bytes, with the same length and fields.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pickle_record.h"
#include "unit.h"

/* The opcodes, as pickletools lists them. */
enum {
	MARK = '(',
	BININT = 'J',
	BININT1 = 'K',
	BININT2 = 'M',
	BINGET = 'h',
	LONG_BINGET = 'j',
	TUPLE = 't',
	TUPLE3 = 0x87,
	MEMOIZE = 0x94,
};

static uint64_t le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

/*
 * An int a record may hold at p: BININT1, BININT2, or a BININT that is not
 * negative; the index of a BINGET, or a LONG_BINGET's below 2**31 (the
 * reader marks later indices). Its length, 0 for anything else.
 */
static size_t want_field(const unsigned char *p, bool get, uint64_t *v)
{
	switch (p[0]) {
	case BININT1:
	case BINGET:
		*v = p[1];
		return (p[0] == BINGET) == get ? 2 : 0;
	case BININT2:
		*v = le(p + 1, 2);
		return get ? 0 : 3;
	case BININT:
	case LONG_BINGET:
		*v = le(p + 1, 4);
		return (p[0] == LONG_BINGET) == get && *v < 0x80000000u ? 5 : 0;
	}
	return 0;
}

/* A trace record of arity 4 (MARK, domain, size, traceback, total_nframe, TUPLE) or 3. */
static size_t want_record(const unsigned char *p, int arity, uint64_t v[4])
{
	size_t i = 0, n;
	int f;

	if (arity == 4 && p[i++] != MARK)
		return 0;
	v[3] = 0;
	for (f = 0; f < arity; f++) {
		if (!(n = want_field(p + i, f == 2, &v[f])))
			return 0;
		i += n;
	}
	if (p[i] != (arity == 4 ? TUPLE : TUPLE3) || p[i + 1] != MEMOIZE)
		return 0;
	return i + 2;
}

/*
 * The records changed a byte at a time: the usual shape (one of them all
 * zeros, so that a byte a wrong mask would compare with 0 shows), and others
 * around it.
 */
static const struct shape {
	int arity;
	unsigned char bytes[24];
} shapes[] = {
    {4, {MARK, BININT1, 0, BININT1, 0, LONG_BINGET, 0, 0, 0, 0, BININT1, 0, TUPLE, MEMOIZE, 0}},
    {4,
     {MARK, BININT1, 0, BININT1, 48, LONG_BINGET, 0x34, 0x12, 0, 0, BININT1, 3, TUPLE, MEMOIZE,
      MARK}},
    {4,
     {MARK, BININT1, 7, BININT2, 0x10, 0x27, LONG_BINGET, 0x34, 0x12, 0, 0, BININT1, 25, TUPLE,
      MEMOIZE, MARK}},
    {4,
     {MARK, BININT1, 0, BININT, 0xff, 0xff, 0xff, 0x7f, LONG_BINGET, 0xff, 0xff, 0xff, 0x7f,
      BININT1, 1, TUPLE, MEMOIZE, MARK}},
    {4,
     {MARK, BININT, 0xb7, 0xef, 5, 0, BININT2, 0, 1, BINGET, 2, BININT2, 0x70, 0x11, TUPLE,
      MEMOIZE}},
    {4, {MARK, BININT1, 1, BININT1, 2, BINGET, 3, BININT1, 4, TUPLE, MEMOIZE, MARK}},
    {3, {BININT1, 0, BININT2, 0x10, 0x27, LONG_BINGET, 0x34, 0x12, 0, 0, TUPLE3, MEMOIZE, BININT1}},
    {3, {BININT, 0xb7, 0xef, 5, 0, BININT, 0, 0, 0, 1, BINGET, 2, TUPLE3, MEMOIZE}},
};

START_TEST(test_every_byte)
{
	const struct shape *s = &shapes[_i];
	unsigned char p[RECORD_MAX + 8];
	uint64_t want[4], got[4];
	size_t len = want_record(s->bytes, s->arity, want), at, accepted = 0, want_len, got_len;
	int b, arity;

	ck_assert_uint_ne(len, 0); /* the shape itself is a record */
	for (at = 0; at < len + 2; at++) {
		for (b = 0; b < 256; b++) {
			for (arity = 3; arity <= 4; arity++) {
				memset(p, MARK, sizeof(p));
				memcpy(p, s->bytes, sizeof(s->bytes));
				p[at] = (unsigned char)b;
				want_len = want_record(p, arity, want);
				got_len = record_read(p, arity, got);

				if (got_len != want_len)
					ck_abort_msg("shape %d, byte %zu = 0x%02x, arity %d: "
						     "length %zu, want %zu",
						     _i, at, (unsigned)b, arity, got_len, want_len);
				if (want_len)
					ck_assert_mem_eq(got, want, sizeof(want));
				accepted += want_len != 0;
			}
		}
	}
	/* each byte at its own value is the record itself; a changed value is often another */
	ck_assert_uint_gt(accepted, len + 2);
}
END_TEST

UNIT_MAIN("record", UNIT_EACH(test_every_byte, shapes))
