/*
 * linecache for memsnap; see source.h. Files are looked up by name in a
 * small list (a traceback report touches a handful of files), and decoded
 * as tokenize.open() decodes them.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"
#include "source.h"
#include "utf8.h"

/* Python's linecache gives up on nothing, but a source file is not 256 MiB. */
#define MAX_SOURCE (256u << 20)

struct source_file {
	char *name; /* the snapshot's bytes for the file name */
	size_t name_len;
	char *text; /* NULL when unreadable */
	struct line {
		size_t start, end;
	} *lines;
	size_t nlines, lines_alloc;
};

struct path_rule {
	char *from, *to;
};

struct ms_sources {
	struct source_file *files;
	size_t nr, alloc;
	struct path_rule *rules;
	size_t nrules, rules_alloc;
};

struct ms_sources *ms_sources_new(void)
{
	return calloc(1, sizeof(struct ms_sources));
}

void ms_sources_free(struct ms_sources *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nr; i++) {
		free(s->files[i].name);
		free(s->files[i].text);
		free(s->files[i].lines);
	}
	for (i = 0; i < s->nrules; i++) {
		free(s->rules[i].from);
		free(s->rules[i].to);
	}
	free(s->rules);
	free(s->files);
	free(s);
}

int ms_sources_map_path(struct ms_sources *s, const char *from, const char *to)
{
	struct path_rule *r;

	if (MS_GROW(s->rules, s->nrules + 1, s->rules_alloc) < 0)
		return -1;
	r = &s->rules[s->nrules];
	r->from = strdup(from);
	r->to = strdup(to);
	if (!r->from || !r->to) {
		free(r->from);
		free(r->to);
		return -1;
	}
	s->nrules++;
	return 0;
}

/* str.isspace() for a code point. */
static int is_space(uint32_t c)
{
	return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 ||
	       c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202f || c == 0x205f || c == 0x3000;
}

static char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t n = 0;
	ssize_t got;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > MAX_SOURCE)
		goto fail;
	buf = malloc((size_t)st.st_size + 1);
	if (!buf)
		goto fail;
	while (n < (size_t)st.st_size && (got = read(fd, buf + n, (size_t)st.st_size - n)) > 0)
		n += (size_t)got;
	close(fd);
	*len = n;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

enum encoding { ENC_NONE, ENC_UTF8, ENC_LATIN1, ENC_ASCII };

/*
 * The codec of a coding cookie's name, as codecs.lookup() finds it among
 * the UTF-8, Latin-1 and ASCII aliases; ENC_NONE for any other name (an
 * unknown codec makes linecache give up; memsnap decodes no other codec).
 */
static enum encoding codec(const char *name, size_t n)
{
	static const char *const utf8[] = {"utf_8", "utf8", "u8", "utf", "cp65001",
					   "utf8_ucs2", "utf8_ucs4", NULL};
	static const char *const latin1[] = {
		"latin_1", "8859", "cp819", "csisolatin1", "ibm819", "iso8859", "iso8859_1",
		"iso_8859_1", "iso_8859_1_1987", "iso_ir_100", "l1", "latin", "latin1", NULL};
	static const char *const ascii[] = {
		"ascii", "646", "ansi_x3.4_1968", "ansi_x3_4_1968", "ansi_x3.4_1986", "cp367",
		"csascii", "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6", "us", "us_ascii",
		NULL};
	static const char *const *const tables[] = {utf8, latin1, ascii};
	char norm[64];
	size_t i, o = 0;
	bool punct = false;
	int t, k;

	/* encodings.normalize_encoding(), lowercased as codecs.lookup() does */
	for (i = 0; i < n && o < sizeof(norm) - 2; i++) {
		if (isalnum((unsigned char)name[i]) || name[i] == '.') {
			if (punct && o)
				norm[o++] = '_';
			norm[o++] = (char)tolower((unsigned char)name[i]);
			punct = false;
		} else {
			punct = true;
		}
	}
	norm[o] = 0;
	for (t = 0; t < 3; t++)
		for (k = 0; tables[t][k]; k++)
			if (!strcmp(norm, tables[t][k]))
				return (enum encoding)(t + 1);
	return ENC_NONE;
}

/*
 * tokenize._get_normal_name(): ENC_UTF8 for "utf-8" and "utf-8-*",
 * ENC_LATIN1 for "latin-1", "iso-8859-1", "iso-latin-1" and their "-*"
 * variants (underscores read as hyphens, case ignored), else ENC_NONE.
 */
static enum encoding normal_name(const char *name, size_t n)
{
	static const char *const latin1[] = {"latin-1", "iso-8859-1", "iso-latin-1"};
	char enc[13];
	size_t i, k, len;

	for (i = 0; i < n && i < 12; i++)
		enc[i] = name[i] == '_' ? '-' : (char)tolower((unsigned char)name[i]);
	enc[i] = 0;
	if (!strncmp(enc, "utf-8", 5) && (!enc[5] || enc[5] == '-'))
		return ENC_UTF8;
	for (k = 0; k < 3; k++) {
		len = strlen(latin1[k]);
		if (!strncmp(enc, latin1[k], len) && (!enc[len] || enc[len] == '-'))
			return ENC_LATIN1;
	}
	return ENC_NONE;
}

/*
 * tokenize's find_cookie() on one line (with its '\n'): -1 if the line is
 * not UTF-8 (a SyntaxError), 0 without a cookie, 1 with *name, *n set to
 * the match of ^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+).
 */
static int find_cookie(const char *line, size_t len, const char **name, size_t *n)
{
	size_t i = 0, k;

	if (ms_utf8_strict_prefix((const unsigned char *)line, len) != len)
		return -1;
	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f'))
		i++;
	if (i >= len || line[i] != '#')
		return 0;
	for (i++; i + 7 <= len && line[i] != '\n'; i++) {
		if (memcmp(line + i, "coding", 6) || (line[i + 6] != ':' && line[i + 6] != '='))
			continue;
		for (k = i + 7; k < len && (line[k] == ' ' || line[k] == '\t'); k++)
			;
		*name = line + k;
		for (*n = 0; k < len && (isalnum((unsigned char)line[k]) || line[k] == '_' ||
					 line[k] == '-' || line[k] == '.');
		     k++)
			(*n)++;
		if (*n)
			return 1;
	}
	return 0;
}

/* ^[ \t\f]*(?:[#\r\n]|$): a blank or comment-only line. */
static bool blank_line(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f'))
		i++;
	return i == len || line[i] == '#' || line[i] == '\r' || line[i] == '\n';
}

/*
 * tokenize.detect_encoding(): a UTF-8 BOM (skipped: *bom is set), or a
 * cookie in the first line, or in the second after a blank or comment
 * line. ENC_NONE where Python raises SyntaxError or knows no such codec.
 */
static enum encoding detect_encoding(const char *text, size_t len, size_t *bom)
{
	const char *line = text, *end, *name;
	enum encoding enc;
	size_t n, llen;
	int pass, found;

	*bom = len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) ? 3 : 0;
	line += *bom;
	for (pass = 0; pass < 2; pass++) {
		llen = len - (size_t)(line - text);
		if (!llen)
			return ENC_UTF8;
		end = memchr(line, '\n', llen);
		if (end)
			llen = (size_t)(end + 1 - line);
		found = find_cookie(line, llen, &name, &n);
		if (found < 0)
			return ENC_NONE;
		if (found) {
			enc = normal_name(name, n);
			if (*bom && enc != ENC_UTF8)
				return ENC_NONE;
			return enc ? enc : codec(name, n);
		}
		if (pass || !blank_line(line, llen))
			return ENC_UTF8;
		line += llen;
	}
	return ENC_UTF8;
}

/* The text as UTF-8 (Latin-1 widened), or NULL when it does not decode. */
static char *decode(char *text, size_t len, size_t *out_len)
{
	size_t bom, i, high = 0, o;
	enum encoding enc = detect_encoding(text, len, &bom);
	char *wide;

	if (enc == ENC_UTF8 || enc == ENC_ASCII) {
		if ((enc == ENC_UTF8 &&
		     ms_utf8_strict_prefix((unsigned char *)text + bom, len - bom) != len - bom) ||
		    (enc == ENC_ASCII && bom)) {
			free(text);
			return NULL;
		}
		for (i = bom; enc == ENC_ASCII && i < len; i++)
			if ((unsigned char)text[i] >= 0x80) {
				free(text);
				return NULL;
			}
		memmove(text, text + bom, len - bom);
		*out_len = len - bom;
		return text;
	}
	if (enc == ENC_NONE) {
		free(text);
		return NULL;
	}
	for (i = 0; i < len; i++)
		high += (unsigned char)text[i] >= 0x80;
	wide = malloc(len + high + 1);
	for (i = 0, o = 0; wide && i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x80) {
			wide[o++] = (char)c;
		} else {
			wide[o++] = (char)(0xc0 | c >> 6);
			wide[o++] = (char)(0x80 | (c & 0x3f));
		}
	}
	free(text);
	*out_len = len + high;
	return wide;
}

/*
 * The path to read for a snapshot's file name: the first --path-map rule
 * whose OLD is the name or a leading part of it ending at a '/' rewrites
 * it. NULL on no memory.
 */
static char *map_path(const struct ms_sources *s, const char *name, size_t name_len)
{
	char *path = malloc(name_len + 1), *mapped;
	size_t plen, k, fl, tl;

	if (!path)
		return NULL;
	plen = ms_utf8_fsencode(path, name, name_len);
	path[plen] = 0;
	for (k = 0; k < s->nrules; k++) {
		fl = strlen(s->rules[k].from);
		tl = strlen(s->rules[k].to);
		if (plen < fl || memcmp(path, s->rules[k].from, fl) ||
		    (fl < plen && path[fl] != '/' && s->rules[k].from[fl - 1] != '/'))
			continue;
		mapped = malloc(tl + plen - fl + 1);
		if (mapped) {
			memcpy(mapped, s->rules[k].to, tl);
			memcpy(mapped + tl, path + fl, plen - fl + 1);
		}
		free(path);
		return mapped;
	}
	return path;
}

/* Reads, decodes and splits the file; leaves text NULL when it cannot. */
static void load(struct ms_sources *s, struct source_file *f)
{
	char *path = map_path(s, f->name, f->name_len), *text;
	size_t len = 0, i, start;

	if (!path)
		return;
	text = read_file(path, &len);
	free(path);
	if (text)
		text = decode(text, len, &len);
	if (!text)
		return;
	for (start = i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n' && text[i] != '\r')
			continue;
		if (i == len && start == len)
			break;
		if (MS_GROW(f->lines, f->nlines + 1, f->lines_alloc) < 0)
			goto fail;
		f->lines[f->nlines].start = start;
		f->lines[f->nlines].end = i;
		f->nlines++;
		if (i + 1 < len && text[i] == '\r' && text[i + 1] == '\n')
			i++;
		start = i + 1;
	}
	f->text = text;
	return;
fail:
	free(text);
	f->nlines = 0;
}

const char *ms_sources_line(struct ms_sources *s, const char *filename, size_t flen,
			    uint32_t lineno, size_t *len)
{
	struct source_file *f = NULL;
	const unsigned char *t;
	size_t i, a, b, next;

	/* linecache skips names like "<string>" and "<frozen os>". */
	if (!flen || (filename[0] == '<' && filename[flen - 1] == '>'))
		return NULL;
	for (i = 0; i < s->nr; i++)
		if (s->files[i].name_len == flen && !memcmp(s->files[i].name, filename, flen))
			f = &s->files[i];
	if (!f) {
		if (memchr(filename, 0, flen) || MS_GROW(s->files, s->nr + 1, s->alloc) < 0)
			return NULL;
		f = &s->files[s->nr];
		memset(f, 0, sizeof(*f));
		f->name = malloc(flen);
		if (!f->name)
			return NULL;
		memcpy(f->name, filename, flen);
		f->name_len = flen;
		s->nr++;
		load(s, f);
	}
	if (!f->text || lineno < 1 || lineno > f->nlines)
		return NULL;
	t = (const unsigned char *)f->text;
	a = f->lines[lineno - 1].start;
	b = f->lines[lineno - 1].end;
	while (a < b) {
		next = a;
		if (!is_space(ms_utf8_next(t, &next)))
			break;
		a = next;
	}
	while (b > a) {
		i = b - 1;
		while (i > a && (t[i] & 0xc0) == 0x80)
			i--;
		next = i;
		if (!is_space(ms_utf8_next(t, &next)))
			break;
		b = i;
	}
	*len = b - a;
	return b > a ? f->text + a : NULL;
}
