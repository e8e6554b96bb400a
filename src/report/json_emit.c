/* The streaming JSON writer; see json_emit.h. */
#include <stdlib.h>
#include <string.h>

#include "json_emit.h"
#include "memsnap/format.h"
#include "utf8.h"

void ms_json_init(struct ms_json *j, FILE *out, int inline_depth)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->inline_depth = inline_depth;
}

static void newline_indent(struct ms_json *j, int depth)
{
	fputc('\n', j->out);
	while (depth-- > 0)
		fputs("  ", j->out);
}

/* The separator before a value or a key in the innermost container. */
static void before_value(struct ms_json *j)
{
	int d = j->depth - 1;

	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (d < 0)
		return;
	if (j->count[d]++)
		fputc(',', j->out);
	if (d < j->inline_depth)
		newline_indent(j, j->depth);
	else if (j->count[d] > 1)
		fputc(' ', j->out);
}

static void begin(struct ms_json *j, int c)
{
	before_value(j);
	fputc(c, j->out);
	if (j->depth < MS_JSON_MAX_DEPTH)
		j->count[j->depth] = 0;
	j->depth++;
}

static void end(struct ms_json *j, int c)
{
	int d = --j->depth;

	if (d < j->inline_depth && j->count[d])
		newline_indent(j, d);
	fputc(c, j->out);
	if (!d)
		fputc('\n', j->out);
}

void ms_json_begin_object(struct ms_json *j)
{
	begin(j, '{');
}

void ms_json_end_object(struct ms_json *j)
{
	end(j, '}');
}

void ms_json_begin_array(struct ms_json *j)
{
	begin(j, '[');
}

void ms_json_end_array(struct ms_json *j)
{
	end(j, ']');
}

void ms_json_key(struct ms_json *j, const char *name)
{
	before_value(j);
	fprintf(j->out, "\"%s\": ", name);
	j->after_key = true;
}

void ms_json_string(struct ms_json *j, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0, next;

	before_value(j);
	fputc('"', j->out);
	while (i < len) {
		unsigned char c = s[i];
		const char *esc = NULL;
		uint32_t cp = 0;
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0xed) {
			i++;
			continue;
		}
		if (c == 0xed) {
			next = i;
			cp = ms_utf8_next(s, &next);
			if (cp < 0xd800) {
				i = next;
				continue;
			}
		}
		fwrite(s + run, 1, i - run, j->out);
		switch (c) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\t':
			esc = "\\t";
			break;
		case '\b':
			esc = "\\b";
			break;
		case '\f':
			esc = "\\f";
			break;
		}
		if (esc) {
			fputs(esc, j->out);
			i++;
		} else if (c == 0xed) {
			fprintf(j->out, "\\u%04x", (unsigned)cp);
			i += 3;
		} else {
			fprintf(j->out, "\\u%04x", c);
			i++;
		}
		run = i;
	}
	fwrite(s + run, 1, len - run, j->out);
	fputc('"', j->out);
}

void ms_json_cstring(struct ms_json *j, const char *s)
{
	ms_json_string(j, s, strlen(s));
}

void ms_json_fsname(struct ms_json *j, const char *s)
{
	size_t n = strlen(s);
	char *buf = n <= (SIZE_MAX - 1) / 3 ? malloc(3 * n + 1) : NULL;

	if (!buf) {
		ms_json_string(j, s, n);
		return;
	}
	ms_json_string(j, buf, ms_utf8_fsdecode(buf, s, n));
	free(buf);
}

void ms_json_u128(struct ms_json *j, ms_u128 v)
{
	char buf[41];

	before_value(j);
	fputs(ms_u128_text(buf, v), j->out);
}

void ms_json_i128(struct ms_json *j, ms_i128 v)
{
	char buf[42];

	before_value(j);
	fputs(ms_i128_text(buf, v, false), j->out);
}

void ms_json_bool(struct ms_json *j, bool v)
{
	before_value(j);
	fputs(v ? "true" : "false", j->out);
}

void ms_json_null(struct ms_json *j)
{
	before_value(j);
	fputs("null", j->out);
}

void ms_json_number(struct ms_json *j, const char *text)
{
	before_value(j);
	fputs(text, j->out);
}

void ms_json_key_u128(struct ms_json *j, const char *key, ms_u128 v)
{
	ms_json_key(j, key);
	ms_json_u128(j, v);
}

void ms_json_key_i128(struct ms_json *j, const char *key, ms_i128 v)
{
	ms_json_key(j, key);
	ms_json_i128(j, v);
}

void ms_json_key_cstring(struct ms_json *j, const char *key, const char *s)
{
	ms_json_key(j, key);
	ms_json_cstring(j, s);
}

void ms_json_key_bool(struct ms_json *j, const char *key, bool v)
{
	ms_json_key(j, key);
	ms_json_bool(j, v);
}

void ms_json_traceback(struct ms_json *j, const struct ms_snapshot *snap, enum ms_key_type key_type,
		       uint32_t key)
{
	uint32_t n = ms_key_nframe(snap, key_type, key), i;
	const char *name;
	size_t len;

	ms_json_begin_array(j);
	for (i = 0; i < n; i++) {
		struct ms_frame f = ms_key_frame(snap, key_type, key, i);
		name = ms_snapshot_string(snap, f.file, &len);
		ms_json_begin_object(j);
		ms_json_key(j, "filename");
		ms_json_string(j, name, len);
		ms_json_key_u128(j, "lineno", f.lineno);
		ms_json_end_object(j);
	}
	ms_json_end_array(j);
}
