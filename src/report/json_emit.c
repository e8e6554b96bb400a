/*
 * The JSON writer on cJSON; see json_emit.h. Own code is kept to what
 * cJSON does not do: the containers that are streamed rather than built,
 * the layout (cJSON prints either no spaces at all or tabs with one member
 * per line, where memsnap has always written Python's ", " and ": " on
 * one line), and the strings of json_string.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "json_emit.h"
#include "format128.h"
#include "json_string.h"
#include "utf8.h"

void ms_json_init(struct ms_json *j, FILE *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

int ms_json_finish(struct ms_json *j)
{
	free(j->buf);
	j->buf = NULL;
	if (j->failed) {
		errno = ENOMEM;
		return -1;
	}
	return ferror(j->out) ? -1 : 0;
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
	newline_indent(j, j->depth);
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

	if (j->count[d])
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

/* cJSON's compact text with a space after each ',' and ':' between tokens. */
static void put_spaced(FILE *out, const char *s)
{
	const char *run = s;
	bool in_string = false;

	for (; *s; s++) {
		if (in_string) {
			if (*s == '\\')
				s++; /* an escape is whole: never the end of the text */
			else if (*s == '"')
				in_string = false;
		} else if (*s == '"') {
			in_string = true;
		} else if (*s == ',' || *s == ':') {
			fwrite(run, 1, (size_t)(s + 1 - run), out);
			fputc(' ', out);
			run = s + 1;
		}
	}
	fputs(run, out);
}

void ms_json_put(struct ms_json *j, cJSON *value)
{
	before_value(j);
	if (!value) {
		j->failed = true;
		return;
	}
	/* the buffer grows until the value fits, and serves every value after */
	while (!j->buf || !cJSON_PrintPreallocated(value, j->buf, j->alloc, false)) {
		int alloc = j->alloc ? j->alloc * 2 : 4096;
		char *buf = j->alloc <= INT_MAX / 2 ? realloc(j->buf, (size_t)alloc) : NULL;
		if (!buf) {
			j->failed = true;
			cJSON_Delete(value);
			return;
		}
		j->buf = buf;
		j->alloc = alloc;
	}
	put_spaced(j->out, j->buf);
	cJSON_Delete(value);
}

void ms_json_member(struct ms_json *j, const char *name, cJSON *value)
{
	ms_json_key(j, name);
	ms_json_put(j, value);
}

cJSON *ms_json_string(const char *s, size_t len)
{
	char small[256], *text;
	cJSON *item;

	if (ms_json_string_special(s, len)) {
		text = ms_json_string_quote(s, len);
		item = text ? cJSON_CreateRaw(text) : NULL;
		free(text);
		return item;
	}
	text = len < sizeof(small) ? small : malloc(len + 1);
	if (!text)
		return NULL;
	memcpy(text, s, len);
	text[len] = '\0';
	item = cJSON_CreateString(text);
	if (text != small)
		free(text);
	return item;
}

cJSON *ms_json_cstring(const char *s)
{
	return ms_json_string(s, strlen(s));
}

cJSON *ms_json_fsname(const char *s)
{
	size_t n = strlen(s);
	char *buf = n <= (SIZE_MAX - 1) / 3 ? malloc(3 * n + 1) : NULL;
	cJSON *item;

	if (!buf)
		return NULL;
	item = ms_json_string(buf, ms_utf8_fsdecode(buf, s, n));
	free(buf);
	return item;
}

cJSON *ms_json_u128(ms_u128 v)
{
	char buf[41];

	return cJSON_CreateRaw(ms_u128_text(buf, v));
}

cJSON *ms_json_i128(ms_i128 v)
{
	char buf[42];

	return cJSON_CreateRaw(ms_i128_text(buf, v, false));
}

cJSON *ms_json_add(cJSON *container, const char *name, cJSON *item)
{
	bool added = false;

	if (container && item)
		added = name ? cJSON_AddItemToObjectCS(container, name, item)
			     : cJSON_AddItemToArray(container, item);
	if (added)
		return container;
	cJSON_Delete(container);
	cJSON_Delete(item);
	return NULL;
}

cJSON *ms_json_traceback(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key)
{
	uint32_t n = ms_key_nframe(snap, key_type, key), i;
	cJSON *frames = cJSON_CreateArray();
	const char *name;
	size_t len;

	for (i = 0; i < n && frames; i++) {
		struct ms_frame f = ms_key_frame(snap, key_type, key, i);
		cJSON *frame = cJSON_CreateObject();
		name = ms_snapshot_string(snap, f.file, &len);
		frame = ms_json_add(frame, "filename", ms_json_string(name, len));
		frame = ms_json_add(frame, "lineno", ms_json_u128(f.lineno));
		if (key_type == MS_KEY_FUNCTION) {
			name = ms_key_function(snap, key_type, key, &len);
			frame = ms_json_add(frame, "function",
					    name ? ms_json_string(name, len) : cJSON_CreateNull());
		}
		frames = ms_json_add(frames, NULL, frame);
	}
	return frames;
}
