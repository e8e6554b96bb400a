/* Output quoting of snapshot strings, one function per format; see escape.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "utf8.h"

#define ESCAPED_BYTE(c) ((c) >= 0xdc80 && (c) <= 0xdcff)

static _Thread_local bool nomem;

void ms_write_nomem(void)
{
	nomem = true;
}

bool ms_write_nomem_pending(void)
{
	return nomem;
}

int ms_write_status(FILE *out)
{
	bool missing = nomem;

	nomem = false;
	if (missing) {
		errno = ENOMEM;
		return -1;
	}
	return ferror(out) ? -1 : 0;
}

const char *ms_quote(char *dst, size_t size, const void *bytes, size_t n)
{
	const unsigned char *s = bytes;
	size_t o = 0, i;

	for (i = 0; i < n && o + 5 < size; i++)
		o += (size_t)snprintf(dst + o, size - o, s[i] >= 0x20 && s[i] < 0x7f ? "%c" : "\\x%02x",
				      s[i]);
	if (i < n && o + 4 < size)
		o += (size_t)snprintf(dst + o, size - o, "...");
	dst[o] = 0;
	return dst;
}

void ms_put_message(FILE *out, const void *bytes, size_t n)
{
	const unsigned char *s = bytes;
	size_t i = 0, valid, start;
	uint32_t c;

	while (i < n) {
		valid = i + ms_utf8_strict_prefix(s + i, n - i);
		while (i < valid) {
			start = i;
			c = ms_utf8_next(s, &i);
			if (c < 0x20 || (c >= 0x7f && c < 0xa0))
				for (; start < i; start++)
					fprintf(out, "\\x%02x", s[start]);
			else
				fwrite(s + start, 1, i - start, out);
		}
		if (i < n)
			fprintf(out, "\\x%02x", s[i++]);
	}
}

void ms_put_raw(FILE *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s, *e;
	size_t run = 0, i = 0;

	/* only a 0xed byte starts U+DC80..U+DCFF: the runs between go out whole */
	while ((e = memchr(u + i, 0xed, len - i))) {
		size_t at = (size_t)(e - u);
		uint32_t c;
		i = at;
		c = ms_utf8_next(u, &i);
		if (ESCAPED_BYTE(c)) {
			fwrite(s + run, 1, at - run, out);
			fputc((int)(c - 0xdc00), out);
			run = i;
		}
	}
	fwrite(s + run, 1, len - run, out);
}

void ms_put_xml_text(FILE *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t start = i;
		uint32_t c = ms_utf8_next((const unsigned char *)s, &i);
		if (c == '&')
			fputs("&amp;", out);
		else if (c == '<')
			fputs("&lt;", out);
		else if (c == '>')
			fputs("&gt;", out);
		else if (c == '"')
			fputs("&quot;", out);
		else if (c < 0x20 || ESCAPED_BYTE(c))
			fprintf(out, "\\x%02x", (unsigned)(c < 0x20 ? c : c - 0xdc00));
		else if ((c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff)
			fputs("\xef\xbf\xbd", out);
		else
			fwrite(s + start, 1, i - start, out);
	}
}

void ms_put_field_bytes(FILE *out, const char *raw, size_t n, char sep)
{
	size_t i;

	if (sep == ',') {
		bool quote = memchr(raw, ',', n) || memchr(raw, '"', n) || memchr(raw, '\n', n) ||
			     memchr(raw, '\r', n);
		if (quote)
			fputc('"', out);
		for (i = 0; i < n; i++) {
			if (raw[i] == '"')
				fputc('"', out);
			fputc(raw[i], out);
		}
		if (quote)
			fputc('"', out);
	} else {
		for (i = 0; i < n; i++) {
			const char *esc = raw[i] == '\t'   ? "\\t"
					  : raw[i] == '\n' ? "\\n"
					  : raw[i] == '\r' ? "\\r"
					  : raw[i] == '\\' ? "\\\\"
							   : NULL;
			if (esc)
				fputs(esc, out);
			else
				fputc(raw[i], out);
		}
	}
}

void ms_put_field(FILE *out, const char *s, size_t len, char sep)
{
	char *raw = malloc(len + 1);

	if (!raw) {
		ms_write_nomem();
		return;
	}
	ms_put_field_bytes(out, raw, ms_utf8_fsencode(raw, s, len), sep);
	free(raw);
}

char *ms_key_text(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
		  size_t *len)
{
	struct ms_frame f = ms_key_frame(snap, key_type, key, 0);
	size_t flen, qlen = 0;
	const char *name = ms_snapshot_string(snap, f.file, &flen);
	const char *qual = ms_key_function(snap, key_type, key, &qlen);
	char *text = flen + qlen > SIZE_MAX - 13 ? NULL : malloc(flen + qlen + 13);

	if (!text)
		return NULL;
	memcpy(text, name, flen);
	if (qual) {
		text[flen] = ':';
		memcpy(text + flen + 1, qual, qlen);
		*len = flen + 1 + qlen;
		text[*len] = 0;
	} else {
		*len = flen + (size_t)snprintf(text + flen, 12, ":%u", f.lineno);
	}
	return text;
}

/*
 * Writes each ';' and '%' of field[start..end) as %3B and %25, in place
 * from the end (the buffer has room); returns the new end.
 */
static size_t escape_separators(char *field, size_t start, size_t end)
{
	size_t n = 0, i = end, o;

	for (o = start; o < end; o++)
		n += field[o] == ';' || field[o] == '%';
	if (!n)
		return end;
	for (o = end + 2 * n; i > start;) {
		char c = field[--i];
		if (c == ';' || c == '%') {
			o -= 3;
			memcpy(field + o, c == ';' ? "%3B" : "%25", 3);
		} else {
			field[--o] = c;
		}
	}
	return end + 2 * n;
}

char *ms_traceback_field(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
			 size_t *len)
{
	uint32_t n = ms_key_nframe(snap, key_type, key), i;
	size_t size = 1, o = 0, flen;
	char *field;

	for (i = 0; i < n; i++) {
		ms_snapshot_string(snap, ms_key_frame(snap, key_type, key, i).file, &flen);
		size += 3 * flen + 12; /* each byte escaped at worst; ";", ":" and 10 digits */
	}
	field = malloc(size);
	if (!field)
		return NULL;
	for (i = 0; i < n; i++) {
		struct ms_frame f = ms_key_frame(snap, key_type, key, i);
		const char *name = ms_snapshot_string(snap, f.file, &flen);
		if (i)
			field[o++] = ';';
		o = escape_separators(field, o, o + ms_utf8_fsencode(field + o, name, flen));
		o += (size_t)snprintf(field + o, size - o, ":%u", f.lineno);
	}
	*len = o;
	return field;
}

void ms_put_csv(FILE *out, const char *s, size_t len)
{
	ms_put_field(out, s, len, ',');
}

void ms_put_tsv(FILE *out, const char *s, size_t len)
{
	ms_put_field(out, s, len, '\t');
}

void ms_put_key(FILE *out, const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
		ms_put_fn *put)
{
	size_t len;
	char *text = ms_key_text(snap, key_type, key, &len);

	if (text)
		put(out, text, len);
	else
		ms_write_nomem();
	free(text);
}

#define REPLACEMENT "\xef\xbf\xbd"

/* A code span of s (UTF-8 with lone surrogates), safe inside a table cell. */
void ms_put_md_code(FILE *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, run = 0, longest = 0, next;
	bool pad;
	int k;

	for (i = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	pad = len && (s[0] == '`' || s[len - 1] == '`');
	for (k = 0; k <= (int)longest; k++)
		fputc('`', out);
	if (pad)
		fputc(' ', out);
	for (i = 0; i < len; i = next) {
		uint32_t c;
		next = i;
		c = ms_utf8_next(s, &next);
		if (c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff))
			fputs(REPLACEMENT, out);
		else if (c == '|')
			fputs("\\|", out);
		else
			fwrite(s + i, 1, next - i, out);
	}
	if (pad)
		fputc(' ', out);
	for (k = 0; k <= (int)longest; k++)
		fputc('`', out);
}
