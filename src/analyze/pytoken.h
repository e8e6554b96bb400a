/*
 * A tokenizer of Python source, as much of one as finding its functions
 * needs: names, numbers, strings of every prefix and quoting, the fields of
 * f-strings read as code (as Python 3.12 reads them), brackets, operators,
 * comments, continuation lines, and the logical lines indentation starts.
 * It borrows its text and allocates nothing.
 */
#ifndef MEMSNAP_PYTOKEN_H
#define MEMSNAP_PYTOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ms_pytok_kind {
	MS_PYTOK_END,	  /* no more text */
	MS_PYTOK_NEWLINE, /* the end of a logical line */
	MS_PYTOK_NAME,	  /* an identifier or keyword */
	MS_PYTOK_NUMBER,
	MS_PYTOK_STRING, /* a whole string, or the closing quote of an f-string */
	MS_PYTOK_FSTART, /* an f-string's prefix and opening quote */
	MS_PYTOK_OP,	 /* an operator or delimiter, an f-string's format spec ':' too */
	MS_PYTOK_OPEN,	 /* ( [ {, and the '{' opening an f-string field */
	MS_PYTOK_CLOSE,	 /* ) ] }, and the '}' closing an f-string field */
};

struct ms_pytok {
	enum ms_pytok_kind kind;
	const char *text; /* its bytes in the source */
	size_t len;
	uint32_t line, end_line; /* 1-based; they differ for multi-line strings */
	bool starts_line;	 /* the first token of a logical line */
	uint32_t indent;	 /* that line's indentation, tabs to multiples of 8 */
};

/* Python refuses f-strings nested deeper than 150; deeper ones read as plain strings. */
#define MS_PYTOK_MAX_NEST 256

struct ms_pytokenizer {
	const char *s;
	size_t len, pos;
	uint32_t line;
	uint32_t depth;	 /* brackets and f-string fields open */
	bool at_bol;	 /* at a physical line's start, outside brackets */
	bool in_logical; /* a token since the last NEWLINE */
	bool line_start; /* the next token starts a logical line */
	uint32_t indent; /* of the logical line being read */
	struct pytok_mode {
		uint8_t field;	 /* 0: the literal text of an f-string; 1: a field in it */
		uint8_t quote;	 /* f-string: its quote character */
		uint8_t triple;	 /* f-string: triple-quoted */
		uint8_t raw;	 /* f-string: raw */
		uint8_t in_spec; /* field: in its format spec, past the ':' */
		uint32_t base;	 /* field: depth inside its '{' */
		uint32_t line;	 /* f-string: the line it starts on */
	} modes[MS_PYTOK_MAX_NEST];
	size_t nmodes;
};

/* Starts reading text (UTF-8; "\n", "\r\n" and "\r" end lines). */
void ms_pytokenizer_init(struct ms_pytokenizer *tz, const char *text, size_t len);

/*
 * The next token. Text Python would refuse is read on as well as it can;
 * every call makes progress, and after the text come NEWLINE (when a
 * logical line is open) and then END, forever.
 */
void ms_pytokenizer_next(struct ms_pytokenizer *tz, struct ms_pytok *tok);

#endif
