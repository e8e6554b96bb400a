/*
 * linecache for memsnap; see source.h. Files are looked up by name in a
 * small list (a traceback report touches a handful of files).
 */
#include <fcntl.h>
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

/* Reads and splits the file; leaves text NULL when it cannot be used. */
static void load(struct ms_sources *s, struct source_file *f)
{
	char *path, *text;
	size_t plen, len = 0, i, start, k;

	path = malloc(f->name_len + 1);
	if (!path)
		return;
	plen = ms_utf8_fsencode(path, f->name, f->name_len);
	path[plen] = 0;
	for (k = 0; k < s->nrules; k++) {
		size_t fl = strlen(s->rules[k].from), tl = strlen(s->rules[k].to);
		char *mapped;
		if (plen < fl || memcmp(path, s->rules[k].from, fl))
			continue;
		mapped = malloc(tl + plen - fl + 1);
		if (!mapped)
			break;
		memcpy(mapped, s->rules[k].to, tl);
		memcpy(mapped + tl, path + fl, plen - fl + 1);
		free(path);
		path = mapped;
		break;
	}
	text = read_file(path, &len);
	free(path);
	if (!text)
		return;
	if (ms_utf8_valid_prefix((unsigned char *)text, len) != len) {
		free(text);
		return;
	}
	/* A UTF-8 byte order mark is not part of the first line. */
	i = len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) ? 3 : 0;
	for (start = i; i <= len; i++) {
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
