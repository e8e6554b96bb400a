/*
 * linecache for memsnap; see source.h. Files are looked up by name in a
 * small list (a traceback report touches a handful of files). A file is
 * decoded the way tokenize.open() decodes it: a UTF-8 byte order mark, or
 * a PEP 263 coding cookie in the first two lines, else UTF-8; encodings
 * other than UTF-8 go through iconv(3).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "escape.h"
#include "grow.h"
#include "pyscope.h"
#include "source.h"
#include "utf8.h"

/* Python's linecache gives up on nothing, but a source file is not 256 MiB. */
#define MAX_SOURCE (256u << 20)

struct source_file {
	char *name; /* the snapshot's bytes for the file name */
	size_t name_len;
	char *text; /* NULL when unreadable */
	size_t text_len;
	struct ms_pyscope *scope; /* its functions, indexed on first use */
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
	size_t last; /* the file found last */
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
		ms_pyscope_free(s->files[i].scope);
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
	/* A snapshot may name a FIFO: opening one must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	char *buf = NULL;
	size_t n = 0;
	ssize_t got;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > MAX_SOURCE)
		goto fail;
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		ms_write_nomem();
		goto fail;
	}
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


/* The line of raw starting at *pos, through its '\n' (binary readline). */
static size_t next_line(const char *raw, size_t len, size_t *pos)
{
	const char *nl = memchr(raw + *pos, '\n', len - *pos);
	size_t start = *pos;

	*pos = nl ? (size_t)(nl - raw) + 1 : len;
	return *pos - start;
}

/*
 * tokenize.cookie_re on one line: '^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)'.
 * Copies the encoding name into name; false when there is no cookie.
 */
static bool find_cookie(const char *line, size_t n, char *name, size_t size)
{
	size_t i = 0, k, o;

	while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f'))
		i++;
	if (i == n || line[i] != '#')
		return false;
	for (k = i + 1; k + 7 <= n && line[k] != '\n' && line[k] != '\r'; k++) {
		size_t j = k + 6;
		if (memcmp(line + k, "coding", 6) || (line[j] != ':' && line[j] != '='))
			continue;
		for (j++; j < n && (line[j] == ' ' || line[j] == '\t'); j++)
			;
		for (o = 0; j < n && o + 1 < size &&
			    (isalnum((unsigned char)line[j]) || strchr("-_.", line[j]));
		     j++)
			name[o++] = line[j];
		name[o] = 0;
		if (o)
			return true;
	}
	return false;
}

/* tokenize._get_normal_name(). */
static void normal_name(char *name)
{
	char low[13];
	size_t i;
	static const char *const latin[] = {"latin-1", "iso-8859-1", "iso-latin-1"};

	for (i = 0; i < 12 && name[i]; i++)
		low[i] = name[i] == '_' ? '-' : (char)tolower((unsigned char)name[i]);
	low[i] = 0;
	if (!strcmp(low, "utf-8") || !strncmp(low, "utf-8-", 6)) {
		strcpy(name, "utf-8");
		return;
	}
	for (i = 0; i < 3; i++) {
		size_t n = strlen(latin[i]);
		if (!strcmp(low, latin[i]) || (!strncmp(low, latin[i], n) && low[n] == '-')) {
			strcpy(name, "iso-8859-1");
			return;
		}
	}
}

/*
 * tokenize.detect_encoding(): the encoding of a source file, "" when there
 * is none to use (Python raises SyntaxError and linecache gives up).
 */
static void detect_encoding(const char *raw, size_t len, bool bom, char *name, size_t size)
{
	size_t pos = 0, n;
	const char *line;
	int k;

	strcpy(name, "utf-8");
	for (k = 0; k < 2 && pos < len; k++) {
		line = raw + pos;
		n = next_line(raw, len, &pos);
		if (!ms_utf8_is_strict((const unsigned char *)line, n)) {
			name[0] = 0;
			return;
		}
		if (find_cookie(line, n, name, size)) {
			normal_name(name);
			if (bom && strcmp(name, "utf-8"))
				name[0] = 0;
			return;
		}
		strcpy(name, "utf-8");
		/* only a blank or comment first line lets the second one speak */
		while (n && (*line == ' ' || *line == '\t' || *line == '\f'))
			line++, n--;
		if (n && *line != '#' && *line != '\r' && *line != '\n')
			return;
	}
}

/*
 * Opens iconv from Python's name of an encoding. C libraries know
 * different aliases (musl has no "l1" or "latin2"): Python's names of the
 * ISO 8859 Latin parts, "lN" and "latinN", are retried as the standard one.
 */
static iconv_t open_decoder(const char *encoding)
{
	static const int part[] = {1, 2, 3, 4, 9, 10, 13, 14, 15, 16}; /* of Latin-1 to 10 */
	iconv_t cd = iconv_open("UTF-8", encoding);
	const char *digits = encoding + (strncasecmp(encoding, "latin", 5) ? 1 : 5);
	char name[16], *end;
	unsigned long n;

	if (cd != (iconv_t)-1 || tolower((unsigned char)*encoding) != 'l' ||
	    !isdigit((unsigned char)*digits))
		return cd;
	n = strtoul(digits, &end, 10);
	if (*end || n < 1 || n > sizeof(part) / sizeof(part[0]))
		return cd;
	snprintf(name, sizeof(name), "ISO-8859-%d", part[n - 1]);
	return iconv_open("UTF-8", name);
}

/* raw decoded from encoding into UTF-8; NULL when it does not decode. */
static char *decode(const char *raw, size_t len, const char *encoding, size_t *out_len)
{
	iconv_t cd;
	char *out, *in = (char *)raw, *o;
	size_t in_left = len, out_size, out_left;

	if (!strcmp(encoding, "utf-8")) {
		if (!ms_utf8_is_strict((const unsigned char *)raw, len))
			return NULL;
		if (!(out = malloc(len + 1))) {
			ms_write_nomem();
			return NULL;
		}
		memcpy(out, raw, len);
		*out_len = len;
		return out;
	}
	cd = open_decoder(encoding);
	if (cd == (iconv_t)-1)
		return NULL;
	out_size = 4 * len + 4;
	out = malloc(out_size);
	o = out;
	out_left = out_size;
	if (!out)
		ms_write_nomem();
	if (!out || iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &o, &out_left) == (size_t)-1) {
		free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*out_len = out_size - out_left;
	return out;
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

	if (!path) {
		ms_write_nomem();
		return NULL;
	}
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
		} else {
			ms_write_nomem();
		}
		free(path);
		return mapped;
	}
	return path;
}

/* Reads and splits the file; leaves text NULL when it cannot be used. */
static void load(struct ms_sources *s, struct source_file *f)
{
	char *path, *text, *raw, encoding[64];
	size_t len = 0, raw_len = 0, i, start;
	bool bom;

	path = map_path(s, f->name, f->name_len);
	if (!path)
		return;
	raw = read_file(path, &raw_len);
	free(path);
	if (!raw)
		return;
	/* A UTF-8 byte order mark is not part of the first line. */
	bom = raw_len >= 3 && !memcmp(raw, "\xef\xbb\xbf", 3);
	detect_encoding(raw + 3 * bom, raw_len - 3 * bom, bom, encoding, sizeof(encoding));
	text = encoding[0] ? decode(raw + 3 * bom, raw_len - 3 * bom, encoding, &len) : NULL;
	free(raw);
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
	f->text_len = len;
	return;
fail:
	ms_write_nomem();
	free(text);
	f->nlines = 0;
}

/* The file of that name, read on first use; NULL when it cannot be read. */
static struct source_file *find(struct ms_sources *s, const char *filename, size_t flen)
{
	struct source_file *f;
	size_t i;

	/* linecache skips names like "<string>" and "<frozen os>". */
	if (!flen || (filename[0] == '<' && filename[flen - 1] == '>'))
		return NULL;
	/* callers ask for many lines of one file in a row */
	if (s->last < s->nr && s->files[s->last].name_len == flen &&
	    !memcmp(s->files[s->last].name, filename, flen))
		return s->files[s->last].text ? &s->files[s->last] : NULL;
	for (i = 0; i < s->nr; i++)
		if (s->files[i].name_len == flen && !memcmp(s->files[i].name, filename, flen)) {
			s->last = i;
			return s->files[i].text ? &s->files[i] : NULL;
		}
	if (memchr(filename, 0, flen))
		return NULL;
	if (MS_GROW(s->files, s->nr + 1, s->alloc) < 0) {
		ms_write_nomem();
		return NULL;
	}
	f = &s->files[s->nr];
	memset(f, 0, sizeof(*f));
	f->name = malloc(flen);
	if (!f->name) {
		ms_write_nomem();
		return NULL;
	}
	memcpy(f->name, filename, flen);
	f->name_len = flen;
	s->last = s->nr++;
	load(s, f);
	return f->text ? f : NULL;
}

uint32_t ms_sources_count(struct ms_sources *s, const char *filename, size_t flen)
{
	struct source_file *f = find(s, filename, flen);

	return f ? (uint32_t)(f->nlines > UINT32_MAX ? UINT32_MAX : f->nlines) : 0;
}

const char *ms_sources_text(struct ms_sources *s, const char *filename, size_t flen,
			    uint32_t lineno, size_t *len)
{
	struct source_file *f = find(s, filename, flen);

	if (!f || lineno < 1 || lineno > f->nlines)
		return NULL;
	*len = f->lines[lineno - 1].end - f->lines[lineno - 1].start;
	return f->text + f->lines[lineno - 1].start;
}

struct ms_pyscope *ms_sources_scopes(struct ms_sources *s, const char *filename, size_t flen)
{
	struct source_file *f = find(s, filename, flen);

	if (f && !f->scope && !(f->scope = ms_pyscope_new(f->text, f->text_len)))
		ms_write_nomem();
	return f ? f->scope : NULL;
}

const char *ms_sources_function(struct ms_sources *s, const char *filename, size_t flen,
				uint32_t lineno, size_t *len, uint32_t *start)
{
	struct ms_pyscope *scopes = ms_sources_scopes(s, filename, flen);
	const char *name;
	uint32_t first, last;
	int32_t scope;

	if (!scopes || lineno < 1 || lineno > ms_pyscope_lines(scopes))
		return NULL;
	scope = ms_pyscope_at(scopes, lineno);
	*start = 0;
	if (scope != MS_PYSCOPE_MODULE)
		ms_pyscope_lines_of(scopes, scope, &first, &last, start);
	name = ms_pyscope_qualname(scopes, scope, len);
	if (!name)
		ms_write_nomem();
	return name;
}

const char *ms_sources_line(struct ms_sources *s, const char *filename, size_t flen,
			    uint32_t lineno, size_t *len)
{
	struct source_file *f = find(s, filename, flen);
	const unsigned char *t;
	size_t i, a, b, next;

	if (!f || lineno < 1 || lineno > f->nlines)
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
