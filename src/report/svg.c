/* The SVG frame and text helpers every picture uses; see svg.h. */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "format128.h"
#include "svg.h"
#include "utf8.h"

void ms_svg_begin(FILE *out, int width, int height, int max_width, const char *style)
{
	fprintf(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"100%%\" "
		"viewBox=\"0 0 %d %d\" style=\"height: auto",
		width, height);
	if (max_width)
		fprintf(out, "; max-width: %dpx", max_width);
	fprintf(out, "\">\n<style type=\"text/css\"><![CDATA[\n%s]]></style>\n", style);
}

void ms_svg_end(FILE *out)
{
	fputs("</svg>\n", out);
}

const char *ms_svg_colour(size_t i)
{
	static const char *const colours[] = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e",
					      "#9467bd", "#8c564b", "#e377c2", "#17becf",
					      "#bcbd22", "#7f7f7f"};

	return colours[i % (sizeof(colours) / sizeof(colours[0]))];
}

void ms_svg_put_arg(FILE *out, const char *arg)
{
	size_t n = strlen(arg);
	char *s = malloc(3 * n + 1);

	if (!s) {
		ms_write_nomem();
		return;
	}
	ms_put_xml_text(out, s, ms_utf8_fsdecode(s, arg, n));
	free(s);
}

void ms_svg_put_size(FILE *out, ms_u128 size)
{
	char buf[MS_SIZE_TEXT_MAX];

	ms_format_size(buf, ms_u128_to_double(size), false);
	fputs(buf, out);
}

/* Where needle first occurs in s[0..len), or NULL (memmem() is not C11). */
static const char *find(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (!memcmp(s + i, needle, n))
			return s + i;
	return NULL;
}

static bool is_library(const char *name, size_t len)
{
	static const char *const dirs[] = {"/site-packages/", "/dist-packages/", "\\Lib\\"};
	const char *p = name, *end = name + len;
	size_t i;

	if (len && name[0] == '<')
		return true;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (find(name, len, dirs[i]))
			return true;
	while ((p = find(p, (size_t)(end - p), "/lib/python"))) {
		p += 11;
		if (p < end && *p >= '0' && *p <= '9')
			return true;
	}
	return false;
}

uint32_t ms_svg_own_frame(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key)
{
	uint32_t n = ms_key_nframe(snap, key_type, key), i;
	const char *name;
	size_t len;

	for (i = n; i-- > 0;) {
		name = ms_snapshot_string(snap, ms_key_frame(snap, key_type, key, i).file, &len);
		if (!is_library(name, len))
			return i;
	}
	return n - 1;
}

void ms_svg_put_stack(FILE *out, const struct ms_snapshot *snap, enum ms_key_type key_type,
		      uint32_t key)
{
	uint32_t n = ms_key_nframe(snap, key_type, key), i;
	const char *name;
	size_t len;

	for (i = 0; i < n; i++) {
		struct ms_frame f = ms_key_frame(snap, key_type, key, i);
		name = ms_snapshot_string(snap, f.file, &len);
		if (i)
			fputc('\n', out);
		ms_put_xml_text(out, name, len);
		fprintf(out, ":%u", f.lineno);
	}
}

/* Where the last parts components of name start (0 if it has no more). */
static size_t tail_start(const char *name, size_t len, unsigned parts)
{
	size_t i = len;

	while (i > 0) {
		if (name[i - 1] == '/' && !--parts)
			return i;
		i--;
	}
	return 0;
}

void ms_svg_tails(char *const *names, size_t n, size_t *starts)
{
	unsigned *parts = malloc((n + 1) * sizeof(*parts));
	bool changed = true;
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		starts[i] = 0;
		if (parts) {
			parts[i] = 2;
			starts[i] = tail_start(names[i], strlen(names[i]), 2);
		}
	}
	while (parts && changed) {
		changed = false;
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++) {
				const char *a = names[i] + starts[i], *b = names[j] + starts[j];
				size_t ends[2] = {i, j};
				/* equal names stay as short as any */
				if (strcmp(a, b) || !strcmp(names[i], names[j]))
					continue;
				for (k = 0; k < 2; k++) {
					size_t e = ends[k];
					if (!starts[e])
						continue;
					starts[e] =
					    tail_start(names[e], strlen(names[e]), ++parts[e]);
					changed = true;
				}
			}
	}
	free(parts);
}

size_t ms_svg_common_dir(char *const *names, size_t n)
{
	size_t len, i, k;

	if (n < 2)
		return 0;
	len = strlen(names[0]);
	for (i = 1; i < n; i++) {
		for (k = 0; k < len && names[i][k] == names[0][k]; k++)
			;
		len = k;
	}
	while (len && names[0][len - 1] != '/')
		len--;
	return len;
}

double ms_svg_text_width(const char *s, size_t len)
{
	size_t i = 0, chars = 0;

	while (i < len) {
		ms_utf8_next((const unsigned char *)s, &i);
		chars++;
	}
	return 7.2 * (double)chars;
}

void ms_svg_put_tail(FILE *out, const char *s, size_t len, size_t start)
{
	if (start)
		fputs("\xe2\x80\xa6", out);
	ms_put_xml_text(out, s + start, len - start);
}
