/*
 * linecache for memsnap; see source.h. Names are found through a hash
 * table, and the files they lead to are kept by identity (device and
 * inode), so that forty spellings of one file read it once. A file is
 * decoded the way tokenize.open() decodes it: a UTF-8 byte order mark, or
 * a PEP 263 coding cookie in the first two lines, else UTF-8; encodings
 * other than UTF-8 go through iconv(3). What is kept is bounded: past
 * MS_SOURCES_BUDGET bytes, every file is dropped and no more are read.
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
#include <time.h>
#include <unistd.h>

#include "escape.h"
#include "grow.h"
#include "intern.h"
#include "pyscope.h"
#include "source.h"
#include "utf8.h"

/* Lines are found from a mark every LINE_STEP lines: 8 bytes per 64 lines. */
#define LINE_STEP 64
#define NO_FILE	  SIZE_MAX

/* A file read once, however many names lead to it. */
struct source_file {
	dev_t dev;
	ino_t ino;
	char *text; /* decoded; NULL when it cannot be used */
	size_t text_len;
	size_t nlines;
	size_t *marks;		  /* marks[k]: where line k * LINE_STEP + 1 starts */
	struct ms_pyscope *scope; /* its functions, indexed on first use */
};

/* A name as the snapshot spells it, and the file it leads to. */
struct source_name {
	char *bytes;
	size_t len;
	uint32_t hash;
	size_t file; /* index in files, or NO_FILE */
	struct source_name *next;
};

struct path_rule {
	char *from, *to;
};

struct ms_sources {
	struct source_name **buckets;
	size_t nbuckets, nnames;
	uint64_t seed;
	struct source_file *files;
	size_t nfiles, files_alloc;
	size_t kept;  /* bytes of text and marks held */
	bool dropped; /* the budget ran out: nothing is read any more */
	char cut[MS_SOURCES_LINE_MAX + sizeof(MS_SOURCES_CUT)];
	struct path_rule *rules;
	size_t nrules, rules_alloc;
};

struct ms_sources *ms_sources_new(void)
{
	struct ms_sources *s = calloc(1, sizeof(struct ms_sources));

	/* names come from the snapshot: a seed it cannot be written against */
	if (s)
		s->seed = (uint64_t)(uintptr_t)s ^ (uint64_t)time(NULL) << 24 ^ (uint64_t)clock();
	return s;
}

static void release_files(struct ms_sources *s)
{
	size_t i;

	for (i = 0; i < s->nfiles; i++) {
		free(s->files[i].text);
		free(s->files[i].marks);
		ms_pyscope_free(s->files[i].scope);
		s->files[i].text = NULL;
		s->files[i].marks = NULL;
		s->files[i].scope = NULL;
	}
	s->kept = 0;
}

void ms_sources_free(struct ms_sources *s)
{
	struct source_name *n, *next;
	size_t i;

	if (!s)
		return;
	release_files(s);
	for (i = 0; i < s->nbuckets; i++)
		for (n = s->buckets[i]; n; n = next) {
			next = n->next;
			free(n->bytes);
			free(n);
		}
	for (i = 0; i < s->nrules; i++) {
		free(s->rules[i].from);
		free(s->rules[i].to);
	}
	free(s->buckets);
	free(s->rules);
	free(s->files);
	free(s);
}

bool ms_sources_dropped(const struct ms_sources *s)
{
	return s->dropped;
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

/* Opens a regular file to read; -1 when it is not one. */
static int open_source(const char *path, struct stat *st)
{
	/* A snapshot may name a FIFO: opening one must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd >= 0 && (fstat(fd, st) < 0 || !S_ISREG(st->st_mode))) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Reads the st_size bytes of fd; NULL on failure (ms_write_nomem() if out of memory). */
static char *read_file(int fd, const struct stat *st, size_t *len)
{
	char *buf = malloc((size_t)st->st_size + 1);
	size_t n = 0;
	ssize_t got;

	if (!buf) {
		ms_write_nomem();
		return NULL;
	}
	while (n < (size_t)st->st_size && (got = read(fd, buf + n, (size_t)st->st_size - n)) > 0)
		n += (size_t)got;
	*len = n;
	return buf;
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

/* raw decoded from encoding (not UTF-8) into UTF-8; NULL when it does not decode. */
static char *decode(const char *raw, size_t len, const char *encoding, size_t *out_len)
{
	iconv_t cd;
	char *out, *in = (char *)raw, *o;
	size_t in_left = len, out_size, out_left;

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

/* Where the line starting at pos ends: at its '\r' or '\n', or at len. */
static size_t line_end(const char *t, size_t len, size_t pos)
{
	while (pos < len && t[pos] != '\n' && t[pos] != '\r')
		pos++;
	return pos;
}

/* Where the line after the one ending at end starts (universal newlines). */
static size_t next_start(const char *t, size_t len, size_t end)
{
	return end + 1 < len && t[end] == '\r' && t[end + 1] == '\n' ? end + 2 : end + 1;
}

/*
 * Counts the lines of the file's text and marks every LINE_STEP-th; -1 on
 * no memory. A last line without an end counts; an empty text has none.
 */
static int index_lines(struct source_file *f)
{
	size_t pos = 0, alloc = 0;

	while (pos < f->text_len) {
		if (f->nlines % LINE_STEP == 0) {
			if (MS_GROW(f->marks, f->nlines / LINE_STEP + 1, alloc) < 0)
				return -1;
			f->marks[f->nlines / LINE_STEP] = pos;
		}
		f->nlines++;
		pos = next_start(f->text, f->text_len, line_end(f->text, f->text_len, pos));
	}
	return 0;
}

/* Drops every file kept: the budget ran out, and no file is read any more. */
static void drop_all(struct ms_sources *s)
{
	release_files(s);
	s->dropped = true;
}

/*
 * Reads and decodes the file fd into f, within the budget (what it would
 * take past it drops every file); leaves text NULL when it cannot be used.
 */
static void load(struct ms_sources *s, struct source_file *f, int fd, const struct stat *st)
{
	char *raw, encoding[64];
	size_t raw_len = 0;
	bool bom;

	if ((uint64_t)st->st_size > MS_SOURCES_BUDGET - s->kept) {
		drop_all(s);
		return;
	}
	raw = read_file(fd, st, &raw_len);
	if (!raw)
		return;
	/* A UTF-8 byte order mark is not part of the first line. */
	bom = raw_len >= 3 && !memcmp(raw, "\xef\xbb\xbf", 3);
	detect_encoding(raw + 3 * bom, raw_len - 3 * bom, bom, encoding, sizeof(encoding));
	if (!encoding[0]) {
		free(raw);
		return;
	}
	if (strcmp(encoding, "utf-8")) {
		/* into UTF-8, a byte takes up to four */
		if (raw_len > (MS_SOURCES_BUDGET - s->kept) / 4) {
			free(raw);
			drop_all(s);
			return;
		}
		f->text = decode(raw + 3 * bom, raw_len - 3 * bom, encoding, &f->text_len);
		free(raw);
	} else if (ms_utf8_is_strict((const unsigned char *)raw + 3 * bom, raw_len - 3 * bom)) {
		/* already UTF-8: kept as read, without its byte order mark */
		memmove(raw, raw + 3 * bom, raw_len - 3 * bom);
		f->text = raw;
		f->text_len = raw_len - 3 * bom;
	} else {
		free(raw);
	}
	if (!f->text)
		return;
	if (index_lines(f) < 0) {
		ms_write_nomem();
		free(f->text);
		f->text = NULL;
		return;
	}
	s->kept += f->text_len + (f->nlines / LINE_STEP + 1) * sizeof(*f->marks);
	if (s->kept > MS_SOURCES_BUDGET)
		drop_all(s);
}

/* The file a name leads to, read if it was not yet (NO_FILE: none to use). */
static size_t open_file(struct ms_sources *s, const char *name, size_t len)
{
	struct source_file *f;
	struct stat st;
	char *path;
	size_t i;
	int fd;

	if (memchr(name, 0, len) || s->dropped)
		return NO_FILE;
	path = map_path(s, name, len);
	if (!path)
		return NO_FILE;
	fd = open_source(path, &st);
	free(path);
	if (fd < 0)
		return NO_FILE;
	for (i = 0; i < s->nfiles; i++)
		if (s->files[i].dev == st.st_dev && s->files[i].ino == st.st_ino)
			break;
	if (i == s->nfiles) {
		if (MS_GROW(s->files, s->nfiles + 1, s->files_alloc) < 0) {
			ms_write_nomem();
			close(fd);
			return NO_FILE;
		}
		f = &s->files[s->nfiles++];
		memset(f, 0, sizeof(*f));
		f->dev = st.st_dev;
		f->ino = st.st_ino;
		load(s, f, fd, &st);
	}
	close(fd);
	return i;
}

/* Doubles the buckets (more names than buckets); -1 on no memory. */
static int grow_names(struct ms_sources *s)
{
	size_t n = s->nbuckets ? 2 * s->nbuckets : 64, i;
	struct source_name **b = calloc(n, sizeof(*b)), *e, *next;

	if (!b)
		return -1;
	for (i = 0; i < s->nbuckets; i++)
		for (e = s->buckets[i]; e; e = next) {
			next = e->next;
			e->next = b[e->hash & (n - 1)];
			b[e->hash & (n - 1)] = e;
		}
	free(s->buckets);
	s->buckets = b;
	s->nbuckets = n;
	return 0;
}

/* The file of a name (the snapshot's bytes), looked up once per name; NULL when none. */
static struct source_file *find(struct ms_sources *s, const char *name, size_t len)
{
	uint32_t hash;
	struct source_name *e;

	/* linecache skips names like "<string>" and "<frozen os>". */
	if (!len || (name[0] == '<' && name[len - 1] == '>'))
		return NULL;
	hash = ms_hash_bytes(s->seed, name, len);
	for (e = s->nbuckets ? s->buckets[hash & (s->nbuckets - 1)] : NULL; e; e = e->next)
		if (e->hash == hash && e->len == len && !memcmp(e->bytes, name, len))
			break;
	if (!e) {
		if ((s->nnames >= s->nbuckets && grow_names(s) < 0) ||
		    !(e = calloc(1, sizeof(*e))) || !(e->bytes = malloc(len ? len : 1))) {
			free(e);
			ms_write_nomem();
			return NULL;
		}
		memcpy(e->bytes, name, len);
		e->len = len;
		e->hash = hash;
		e->file = open_file(s, name, len);
		e->next = s->buckets[hash & (s->nbuckets - 1)];
		s->buckets[hash & (s->nbuckets - 1)] = e;
		s->nnames++;
	}
	return e->file == NO_FILE || s->dropped || !s->files[e->file].text ? NULL
									   : &s->files[e->file];
}

/* Where line lineno (1-based, at most nlines) starts and ends, from its mark. */
static void line_span(const struct source_file *f, size_t lineno, size_t *start, size_t *end)
{
	size_t k = lineno - 1, pos = f->marks[k / LINE_STEP], i;

	for (i = 0; i < k % LINE_STEP; i++)
		pos = next_start(f->text, f->text_len, line_end(f->text, f->text_len, pos));
	*start = pos;
	*end = line_end(f->text, f->text_len, pos);
}

/*
 * The bytes of a line to print: a line longer than MS_SOURCES_LINE_MAX is
 * cut between two characters, marked, and copied to the cache's buffer.
 */
static const char *printable(struct ms_sources *s, const char *line, size_t *len)
{
	const unsigned char *t = (const unsigned char *)line;
	size_t n;

	if (*len <= MS_SOURCES_LINE_MAX)
		return line;
	/* Python prints any length; memsnap cuts */
	for (n = MS_SOURCES_LINE_MAX; (t[n] & 0xc0) == 0x80; n--)
		;
	memcpy(s->cut, line, n);
	memcpy(s->cut + n, MS_SOURCES_CUT, sizeof(MS_SOURCES_CUT) - 1);
	*len = n + sizeof(MS_SOURCES_CUT) - 1;
	return s->cut;
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
	size_t a, b;

	if (!f || lineno < 1 || lineno > f->nlines)
		return NULL;
	line_span(f, lineno, &a, &b);
	*len = b - a;
	return printable(s, f->text + a, len);
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
	line_span(f, lineno, &a, &b);
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
	if (b == a)
		return NULL;
	*len = b - a;
	return printable(s, f->text + a, len);
}
