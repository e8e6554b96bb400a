/*
 * A pickle assembler for hand-made test inputs: it turns a listing in the
 * words pickletools.dis() prints ("PROTO 2 BININT1 3 TUPLE1 ...") into
 * bytes, so a hostile or unusual pickle reads as what it is. It knows
 * every opcode pickle_ops.h names, allowed in a snapshot or not.
 */
#ifndef MEMSNAP_PICKLE_ASM_H
#define MEMSNAP_PICKLE_ASM_H

#include <check.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pickle_ops.h"

/* The opcodes as pickletools names them, from pickle_ops.h. */
static const struct asm_opcode {
	const char *name;
	unsigned char code;
	enum ms_pickle_arg arg;
} asm_opcodes[] = {
#define ASM_OPCODE(name, byte, arg) {#name, (byte), (arg)},
    MS_PICKLE_OPCODES(ASM_OPCODE)
#undef ASM_OPCODE
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

/* BINFLOAT's argument: a double, big-endian unlike every other number. */
static inline void asm_double(struct asm_out *out, const char *s, size_t n)
{
	char buf[64];
	char *end;
	double d;
	uint64_t bits;
	unsigned char b[8];
	int i;

	ck_assert_msg(n > 0 && n < sizeof(buf), "missing number in listing");
	memcpy(buf, s, n);
	buf[n] = 0;
	d = strtod(buf, &end);
	ck_assert_msg(*end == 0, "bad number '%s' in listing", buf);
	memcpy(&bits, &d, sizeof(bits));
	for (i = 7; i >= 0; i--, bits >>= 8)
		b[i] = (unsigned char)bits;
	asm_put(out, b, sizeof(b));
}

/* The argument of an opcode of the given shape, from the next words of *src. */
static inline void asm_argument(struct asm_out *out, enum ms_pickle_arg arg, const char **src,
				size_t *frame_at)
{
	static const int width[] = {
	    [ARG_U1] = 1,   [ARG_U2] = 2,   [ARG_I4] = 4,   [ARG_U4] = 4,    [ARG_U8] = 8,
	    [ARG_STR1] = 1, [ARG_STR4] = 4, [ARG_STR8] = 8, [ARG_LONG1] = 1, [ARG_LONG4] = 4};
	const char *s;
	size_t n, hex_len;
	unsigned char *hex;
	int line;

	switch (arg) {
	case ARG_NONE:
		return;
	case ARG_U1:
	case ARG_U2:
	case ARG_I4:
	case ARG_U4:
	case ARG_U8:
		n = asm_word(src, &s);
		if (arg == ARG_U8 && n == 1 && *s == '*') {
			*frame_at = out->len;
			asm_le(out, 0, 8);
		} else {
			asm_le(out, (uint64_t)asm_number(s, n), width[arg]);
		}
		return;
	case ARG_F8:
		n = asm_word(src, &s);
		asm_double(out, s, n);
		return;
	case ARG_STR1:
	case ARG_STR4:
	case ARG_STR8:
		n = asm_word(src, &s);
		asm_le(out, n, width[arg]);
		asm_put(out, s, n);
		return;
	case ARG_LONG1:
	case ARG_LONG4:
		n = asm_word(src, &s);
		hex = asm_hex(s, n, &hex_len);
		asm_le(out, hex_len, width[arg]);
		asm_put(out, hex, hex_len);
		free(hex);
		return;
	case ARG_LINE:
	case ARG_LINE2:
		for (line = 0; line < (arg == ARG_LINE2 ? 2 : 1); line++) {
			n = asm_word(src, &s);
			asm_put(out, s, n);
			asm_put(out, "\n", 1);
		}
		return;
	}
}

/*
 * The assembler's own two words, for bytes no opcode lays out: HEX and
 * hex digits, BYTES and text, each put alone. False for any other word.
 */
static inline bool asm_raw(struct asm_out *out, const char *word, size_t len, const char **src)
{
	const char *s;
	size_t n, hex_len;
	unsigned char *hex;

	if (len == 3 && !memcmp(word, "HEX", 3)) {
		n = asm_word(src, &s);
		hex = asm_hex(s, n, &hex_len);
		asm_put(out, hex, hex_len);
		free(hex);
		return true;
	}
	if (len == 5 && !memcmp(word, "BYTES", 5)) {
		n = asm_word(src, &s);
		asm_put(out, s, n);
		return true;
	}
	return false;
}

/*
 * Assembles listing into out. Words are opcode names followed by their
 * argument; text arguments may be quoted with '; LONG1, LONG4 and HEX take
 * hex digits ('' for none), BINFLOAT a decimal number. A '^' before an
 * opcode records its offset in out->mark. "FRAME *" frames everything
 * after it.
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
		if (asm_raw(out, s, n, &src))
			continue;
		op = asm_find(s, n);
		asm_put(out, &op->code, 1);
		asm_argument(out, op->arg, &src, &frame_at);
	}
	if (frame_at != (size_t)-1) {
		uint64_t len = out->len - frame_at - 8;
		size_t i;

		for (i = 0; i < 8; i++, len >>= 8)
			out->bytes[frame_at + i] = (unsigned char)len;
	}
}

#endif
