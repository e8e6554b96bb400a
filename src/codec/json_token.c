/*
 * The text-level reading of JSON snapshots that cJSON cannot do for
 * memsnap: see json_token.h for why each job is here and not cJSON's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "json_token.h"
#include "memsnap/error.h"
#include "utf8.h"

__attribute__((format(printf, 3, 4))) static int fail(struct ms_json_text *t, size_t at,
						      const char *fmt, ...)
{
	va_list ap;

	t->error_at = at;
	va_start(ap, fmt);
	vsnprintf(t->error, sizeof(t->error), fmt, ap);
	va_end(ap);
	return MS_ERR_FORMAT;
}

void ms_json_text_release(struct ms_json_text *t)
{
	free(t->str);
	t->str = NULL;
	t->str_len = t->str_alloc = 0;
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Byte classes, looked up once per byte: a million traces are tens of
 * megabytes of text stepped over here.
 */
enum { PLAIN = 0, STOP = 1, BETWEEN = 2 };

/* STOP: what ends a run of plain string bytes; BETWEEN: what lies between tokens. */
static const unsigned char byte_class[256] = {
    [0 ... 8] = STOP,	     ['\t'] = STOP | BETWEEN,
    ['\n'] = STOP | BETWEEN, [0x0b ... 0x0c] = STOP,
    ['\r'] = STOP | BETWEEN, [0x0e ... 0x1f] = STOP,
    [' '] = BETWEEN,	     ['"'] = STOP,
    ['\\'] = STOP,	     [','] = BETWEEN,
    [':'] = BETWEEN,	     [']'] = BETWEEN,
    ['}'] = BETWEEN,
};

int ms_json_text_peek(struct ms_json_text *t)
{
	while (t->pos < t->len && is_space(t->buf[t->pos]))
		t->pos++;
	return t->pos < t->len ? t->buf[t->pos] : -1;
}

size_t ms_json_text_next(struct ms_json_text *t)
{
	while (t->pos < t->len && byte_class[t->buf[t->pos]] & BETWEEN)
		t->pos++;
	return t->pos;
}

bool ms_json_text_skip_string(struct ms_json_text *t)
{
	bool escapes = false;

	for (t->pos++; t->pos < t->len; t->pos++) {
		while (t->pos < t->len && !(byte_class[t->buf[t->pos]] & STOP))
			t->pos++;
		if (t->pos >= t->len || t->buf[t->pos] == '"')
			break;
		if (t->buf[t->pos] == '\\') {
			escapes = true;
			t->pos++;
		}
	}
	t->pos++;
	return escapes;
}

static int hex4(struct ms_json_text *t, size_t at, uint32_t *out)
{
	uint32_t v = 0;
	size_t i;

	if (t->len - at < 4)
		return fail(t, at, "\\u escape ends early");
	for (i = at; i < at + 4; i++) {
		int c = t->buf[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return fail(t, at - 2, "\\u escape with a non-hexadecimal digit");
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return 0;
}

/*
 * The escape at the cursor, past it: its code point, a high surrogate and
 * the low one after it joined into one, as Python joins them.
 */
static int escape(struct ms_json_text *t, uint32_t *cp)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	size_t at = t->pos;
	uint32_t lo;
	const char *p;

	if (at + 1 >= t->len)
		return fail(t, at, "string ends inside an escape");
	p = strchr(from, t->buf[at + 1]);
	if (p && t->buf[at + 1]) {
		t->pos += 2;
		*cp = (unsigned char)to[p - from];
		return 0;
	}
	if (t->buf[at + 1] != 'u')
		return fail(t, at, "invalid escape '\\%c' in a string", t->buf[at + 1]);
	if (hex4(t, at + 2, cp))
		return MS_ERR_FORMAT;
	t->pos += 6;
	if (*cp >= 0xd800 && *cp <= 0xdbff && t->len - t->pos >= 6 && t->buf[t->pos] == '\\' &&
	    t->buf[t->pos + 1] == 'u') {
		if (hex4(t, t->pos + 2, &lo))
			return MS_ERR_FORMAT;
		if (lo >= 0xdc00 && lo <= 0xdfff) {
			*cp = 0x10000 + ((*cp - 0xd800) << 10) + (lo - 0xdc00);
			t->pos += 6;
		}
	}
	return 0;
}

/*
 * Past the bytes of the string at the cursor, checking them; each escape
 * goes to each_escape (when not NULL) and each run of plain bytes to
 * each_run, with ctx.
 */
static int walk_string(struct ms_json_text *t, int (*each_escape)(void *ctx, uint32_t cp),
		       int (*each_run)(void *ctx, const unsigned char *s, size_t n), void *ctx)
{
	size_t start = t->pos++, run, valid;
	unsigned char high;
	uint32_t cp;
	int status;

	for (;;) {
		if (t->pos >= t->len)
			return fail(t, start, "string has no closing quote");
		if (t->buf[t->pos] == '"')
			break;
		if (t->buf[t->pos] < 0x20)
			return fail(t, t->pos,
				    "control character 0x%02x in a string must be escaped",
				    t->buf[t->pos]);
		if (t->buf[t->pos] == '\\') {
			if (escape(t, &cp))
				return MS_ERR_FORMAT;
			if (each_escape && (status = each_escape(ctx, cp)))
				return status;
			continue;
		}
		high = 0;
		for (run = t->pos; run < t->len && !(byte_class[t->buf[run]] & STOP); run++)
			high |= t->buf[run];
		/* ASCII is UTF-8: only a run with other bytes needs checking */
		valid = high & 0x80 ? ms_utf8_strict_prefix(t->buf + t->pos, run - t->pos)
				    : run - t->pos;
		if (valid < run - t->pos)
			return fail(t, t->pos + valid, "invalid UTF-8 in a string");
		if (each_run && (status = each_run(ctx, t->buf + t->pos, run - t->pos)))
			return status;
		t->pos = run;
	}
	t->pos++;
	return 0;
}

static int note_special(void *ctx, uint32_t cp)
{
	bool *special = ctx;

	*special |= cp == 0 || (cp >= 0xd800 && cp <= 0xdfff);
	return 0;
}

int ms_json_text_check_string(struct ms_json_text *t, bool *special)
{
	*special = false;
	return walk_string(t, note_special, NULL, special);
}

static int append(void *ctx, const unsigned char *p, size_t n)
{
	struct ms_json_text *t = ctx;

	if (MS_GROW(t->str, t->str_len + n, t->str_alloc) < 0)
		return MS_ERR_NOMEM;
	memcpy(t->str + t->str_len, p, n);
	t->str_len += n;
	return 0;
}

/* A code point as UTF-8; a lone surrogate takes three bytes, as in Python. */
static int append_code_point(void *ctx, uint32_t c)
{
	unsigned char b[4];
	size_t n;

	if (c < 0x80) {
		b[0] = (unsigned char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (unsigned char)(0xc0 | c >> 6);
		b[1] = (unsigned char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (unsigned char)(0xe0 | c >> 12);
		b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		b[2] = (unsigned char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | c >> 18);
		b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
		b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		b[3] = (unsigned char)(0x80 | (c & 0x3f));
		n = 4;
	}
	return append(ctx, b, n);
}

int ms_json_text_read_string(struct ms_json_text *t)
{
	t->str_len = 0;
	return walk_string(t, append_code_point, append, t);
}

int ms_json_text_read_uint(struct ms_json_text *t, uint64_t max, uint64_t *out)
{
	int c = ms_json_text_peek(t);
	size_t start = t->pos;
	uint64_t v = 0;

	if (c == '-')
		return fail(t, start, "is negative, not an integer from 0 to %llu",
			    (unsigned long long)max);
	if (c < '0' || c > '9')
		return fail(t, start, "is not an integer");
	if (c == '0' && t->pos + 1 < t->len && t->buf[t->pos + 1] >= '0' &&
	    t->buf[t->pos + 1] <= '9')
		return fail(t, start, "number has a leading zero");
	for (; t->pos < t->len && t->buf[t->pos] >= '0' && t->buf[t->pos] <= '9'; t->pos++) {
		unsigned d = t->buf[t->pos] - '0';
		if (v > max / 10 || (v == max / 10 && d > max % 10)) {
			while (t->pos < t->len && t->buf[t->pos] >= '0' && t->buf[t->pos] <= '9')
				t->pos++;
			return fail(t, start, "%.*s exceeds %llu", (int)(t->pos - start),
				    (const char *)t->buf + start, (unsigned long long)max);
		}
		v = v * 10 + d;
	}
	if (t->pos < t->len &&
	    (t->buf[t->pos] == '.' || t->buf[t->pos] == 'e' || t->buf[t->pos] == 'E'))
		return fail(t, start, "is not an integer");
	*out = v;
	return 0;
}

static bool in_number_or_word(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '-' || c == '+' || c == '.';
}

int ms_json_text_scan(struct ms_json_text *t, bool *special)
{
	int depth = 0, c;
	bool sp;

	*special = false;
	do {
		c = ms_json_text_peek(t);
		if (c < 0)
			return fail(t, t->pos, "the file ends inside it");
		if (c == '{' || c == '[' || c == '}' || c == ']') {
			depth += c == '{' || c == '[' ? 1 : -1;
			t->pos++;
		} else if (c == ',' || c == ':') {
			t->pos++;
		} else if (c == '"') {
			if (ms_json_text_check_string(t, &sp))
				return MS_ERR_FORMAT;
			*special |= sp;
		} else if (in_number_or_word(c)) {
			while (t->pos < t->len && in_number_or_word(t->buf[t->pos]))
				t->pos++;
		} else {
			return fail(t, t->pos, "is not JSON (byte 0x%02x)", c);
		}
	} while (depth > 0);
	return 0;
}

char *ms_json_text_plain_copy(struct ms_json_text *t, size_t start, size_t end, size_t *n)
{
	/* "" is shorter than any string it replaces: at least \u0000 */
	char *copy = malloc(end - start + 1), *o = copy;
	size_t at;
	bool special;

	if (!copy)
		return NULL;
	t->pos = start;
	while (t->pos < end) {
		if (t->buf[t->pos] != '"') {
			*o++ = (char)t->buf[t->pos++];
			continue;
		}
		at = t->pos;
		if (ms_json_text_check_string(t, &special) || special) {
			memcpy(o, "\"\"", 2);
			o += 2;
		} else {
			memcpy(o, t->buf + at, t->pos - at);
			o += t->pos - at;
		}
	}
	*o = '\0';
	*n = (size_t)(o - copy);
	return copy;
}
