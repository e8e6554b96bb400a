/*
 * A pickle assembler for hand-made test inputs: it turns a listing in the
 * words pickletools.dis() prints ("PROTO 2 BININT1 3 TUPLE1 ...") into
 * bytes, so a hostile or unusual pickle reads as what it is.
 */
#ifndef MEMSNAP_PICKLE_ASM_H
#define MEMSNAP_PICKLE_ASM_H

#include <check.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* How an opcode takes its argument. */
enum asm_arg {
	ARG_NONE,
	ARG_U1,	   /* decimal, 1 byte */
	ARG_U2,	   /* decimal, 2 bytes little-endian */
	ARG_I4,	   /* decimal, may be negative, 4 bytes */
	ARG_U4,	   /* decimal, 4 bytes */
	ARG_FRAME, /* decimal, 8 bytes; '*' for "up to the end of the listing" */
	ARG_STR1,  /* text: 1-byte length, then the bytes */
	ARG_STR4,  /* text: 4-byte length, then the bytes */
	ARG_STR8,  /* text: 8-byte length, then the bytes */
	ARG_LONG1, /* hex bytes: 1-byte length, then the bytes */
	ARG_LONG4, /* hex bytes: 4-byte length, then the bytes */
	ARG_LINES, /* two words, each followed by '\n' (GLOBAL) */
	ARG_HEX,   /* pseudo-opcode HEX: the hex bytes alone */
	ARG_BYTES, /* pseudo-opcode BYTES: the text's bytes alone */
};

/* The opcodes as pickletools names them (Lib/pickletools.py). */
static const struct asm_opcode {
	const char *name;
	unsigned char code;
	enum asm_arg arg;
} asm_opcodes[] = {
    {"PROTO", 0x80, ARG_U1},
    {"FRAME", 0x95, ARG_FRAME},
    {"MARK", '(', ARG_NONE},
    {"STOP", '.', ARG_NONE},
    {"EMPTY_TUPLE", ')', ARG_NONE},
    {"TUPLE", 't', ARG_NONE},
    {"TUPLE1", 0x85, ARG_NONE},
    {"TUPLE2", 0x86, ARG_NONE},
    {"TUPLE3", 0x87, ARG_NONE},
    {"EMPTY_LIST", ']', ARG_NONE},
    {"APPEND", 'a', ARG_NONE},
    {"APPENDS", 'e', ARG_NONE},
    {"EMPTY_DICT", '}', ARG_NONE},
    {"SETITEM", 's', ARG_NONE},
    {"SETITEMS", 'u', ARG_NONE},
    {"BININT", 'J', ARG_I4},
    {"BININT1", 'K', ARG_U1},
    {"BININT2", 'M', ARG_U2},
    {"LONG1", 0x8a, ARG_LONG1},
    {"LONG4", 0x8b, ARG_LONG4},
    {"SHORT_BINUNICODE", 0x8c, ARG_STR1},
    {"BINUNICODE", 'X', ARG_STR4},
    {"BINUNICODE8", 0x8d, ARG_STR8},
    {"BINPUT", 'q', ARG_U1},
    {"LONG_BINPUT", 'r', ARG_U4},
    {"MEMOIZE", 0x94, ARG_NONE},
    {"BINGET", 'h', ARG_U1},
    {"LONG_BINGET", 'j', ARG_U4},
    {"GLOBAL", 'c', ARG_LINES},
    {"STACK_GLOBAL", 0x93, ARG_NONE},
    {"NEWOBJ", 0x81, ARG_NONE},
    {"BUILD", 'b', ARG_NONE},
    {"HEX", 0, ARG_HEX},
    {"BYTES", 0, ARG_BYTES},
};

struct asm_out {
	unsigned char bytes[1 << 14];
	size_t len;
	size_t mark; /* offset of the opcode after '^'; (size_t)-1 without one */
};

static inline void asm_put(struct asm_out *out, const void *bytes, size_t n)
{
	ck_assert_uint_le(out->len + n, sizeof(out->bytes));
	memcpy(out->bytes + out->len, bytes, n);
	out->len += n;
}

static inline void asm_le(struct asm_out *out, uint64_t v, int n)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < n; i++, v >>= 8)
		b[i] = (unsigned char)v;
	asm_put(out, b, (size_t)n);
}

/*
 * The next word of *src: text between single quotes (taken as it is, with
 * spaces), or up to the next space.
 */
static inline size_t asm_word(const char **src, const char **start)
{
	const char *s = *src, *end;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\'') {
		end = strchr(s + 1, '\'');
		ck_assert_msg(end != NULL, "unterminated quote in listing");
		*start = s + 1;
		*src = end + 1;
		return (size_t)(end - s - 1);
	}
	for (end = s; *end && !isspace((unsigned char)*end); end++)
		;
	*start = s;
	*src = end;
	return (size_t)(end - s);
}

static inline long long asm_number(const char *s, size_t n)
{
	char buf[32];
	char *end;
	long long v;

	ck_assert_msg(n > 0 && n < sizeof(buf), "missing number in listing");
	memcpy(buf, s, n);
	buf[n] = 0;
	v = strtoll(buf, &end, 10);
	ck_assert_msg(*end == 0, "bad number '%s' in listing", buf);
	return v;
}

/* Hex digits to bytes, into a buffer the caller frees. */
static inline unsigned char *asm_hex(const char *s, size_t n, size_t *len)
{
	unsigned char *b = malloc(n / 2 + 1);
	size_t i;

	ck_assert_ptr_nonnull(b);
	ck_assert_msg(n % 2 == 0, "odd hex '%.*s' in listing", (int)n, s);
	for (i = 0; i < n / 2; i++) {
		char digits[3] = {s[2 * i], s[2 * i + 1], 0};
		ck_assert_msg(isxdigit((unsigned char)digits[0]) &&
				  isxdigit((unsigned char)digits[1]),
			      "bad hex '%.*s' in listing", (int)n, s);
		b[i] = (unsigned char)strtoul(digits, NULL, 16);
	}
	*len = n / 2;
	return b;
}

static inline const struct asm_opcode *asm_find(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(asm_opcodes) / sizeof(asm_opcodes[0]); i++)
		if (strlen(asm_opcodes[i].name) == n && !memcmp(asm_opcodes[i].name, s, n))
			return &asm_opcodes[i];
	ck_abort_msg("unknown opcode '%.*s' in listing", (int)n, s);
	return NULL;
}

static inline void asm_argument(struct asm_out *out, const struct asm_opcode *op, const char **src,
				size_t *frame_at)
{
	static const int width[] = {
	    [ARG_U1] = 1,   [ARG_U2] = 2,   [ARG_I4] = 4,    [ARG_U4] = 4,   [ARG_STR1] = 1,
	    [ARG_STR4] = 4, [ARG_STR8] = 8, [ARG_LONG1] = 1, [ARG_LONG4] = 4};
	const char *s, *name;
	size_t n, hex_len;
	unsigned char *hex;

	switch (op->arg) {
	case ARG_NONE:
		return;
	case ARG_U1:
	case ARG_U2:
	case ARG_I4:
	case ARG_U4:
		n = asm_word(src, &s);
		asm_le(out, (uint64_t)asm_number(s, n), width[op->arg]);
		return;
	case ARG_FRAME:
		n = asm_word(src, &s);
		if (n == 1 && *s == '*') {
			*frame_at = out->len;
			asm_le(out, 0, 8);
		} else {
			asm_le(out, (uint64_t)asm_number(s, n), 8);
		}
		return;
	case ARG_STR1:
	case ARG_STR4:
	case ARG_STR8:
	case ARG_BYTES:
		n = asm_word(src, &s);
		if (op->arg != ARG_BYTES)
			asm_le(out, n, width[op->arg]);
		asm_put(out, s, n);
		return;
	case ARG_LONG1:
	case ARG_LONG4:
	case ARG_HEX:
		n = asm_word(src, &s);
		hex = asm_hex(s, n, &hex_len);
		if (op->arg != ARG_HEX)
			asm_le(out, hex_len, width[op->arg]);
		asm_put(out, hex, hex_len);
		free(hex);
		return;
	case ARG_LINES:
		n = asm_word(src, &s);
		asm_put(out, s, n);
		asm_put(out, "\n", 1);
		n = asm_word(src, &name);
		asm_put(out, name, n);
		asm_put(out, "\n", 1);
		return;
	}
}

/*
 * Assembles listing into out. Words are opcode names followed by their
 * argument; text arguments may be quoted with '; LONG1, LONG4 and HEX take
 * hex digits ('' for none). A '^' before an opcode records its offset in
 * out->mark. "FRAME *" frames everything after it.
 */
static inline void asm_pickle(struct asm_out *out, const char *listing)
{
	const char *src = listing, *s;
	const struct asm_opcode *op;
	size_t n, frame_at = (size_t)-1;

	out->len = 0;
	out->mark = (size_t)-1;
	for (;;) {
		while (isspace((unsigned char)*src))
			src++;
		if (!*src)
			break;
		n = asm_word(&src, &s);
		if (*s == '^') {
			out->mark = out->len;
			s++;
			n--;
		}
		op = asm_find(s, n);
		if (op->arg != ARG_HEX && op->arg != ARG_BYTES)
			asm_put(out, &op->code, 1);
		asm_argument(out, op, &src, &frame_at);
	}
	if (frame_at != (size_t)-1) {
		uint64_t len = out->len - frame_at - 8;
		size_t i;

		for (i = 0; i < 8; i++, len >>= 8)
			out->bytes[frame_at + i] = (unsigned char)len;
	}
}

#endif
