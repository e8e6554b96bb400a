/*
 * Source lines for traceback output, as linecache.getline() finds them:
 * the file is read by its name as given (relative to the current
 * directory), decoded as UTF-8, split on universal newlines, and the line
 * is returned stripped of white space. A cache owns every file it read,
 * within a budget.
 */
#ifndef MEMSNAP_SOURCE_H
#define MEMSNAP_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The most source text a cache keeps (decoded files and their line
 * index): reading past it drops every file, and no more are read.
 */
#define MS_SOURCES_BUDGET ((size_t)256 << 20)

/* A line longer than this many bytes is cut, and MS_SOURCES_CUT appended. */
#define MS_SOURCES_LINE_MAX 4096
#define MS_SOURCES_CUT	    " [...]"

struct ms_sources;

struct ms_sources *ms_sources_new(void);
void ms_sources_free(struct ms_sources *sources);

/* Whether the budget ran out: source lines were left out from then on. */
bool ms_sources_dropped(const struct ms_sources *sources);

/*
 * Rewrites paths that start with from to start with to instead, before
 * reading (the first matching rule wins). Returns -1 on no memory.
 */
int ms_sources_map_path(struct ms_sources *sources, const char *from, const char *to);

/*
 * The stripped line lineno (1-based) of filename (the snapshot's string
 * bytes), or NULL when there is none or it is blank. *len receives its
 * length; the bytes live as long as the cache, but for a line cut at
 * MS_SOURCES_LINE_MAX, which lives until the next call. A file is read
 * once, whatever name leads to it. When memory runs out the
 * line is missing and ms_write_nomem() (escape.h) is marked, so that the
 * report that wanted it fails instead of going out without it.
 */
const char *ms_sources_line(struct ms_sources *sources, const char *filename, size_t flen,
			    uint32_t lineno, size_t *len);

/*
 * The qualified name of the function or class that line lineno of filename
 * runs in, as pyscope.h names it ("<module>" at top level), or NULL when
 * the file cannot be read or has no such line. *start receives the line
 * the function starts on (0 for "<module>"). The bytes are valid until
 * the next call.
 */
const char *ms_sources_function(struct ms_sources *sources, const char *filename, size_t flen,
				uint32_t lineno, size_t *len, uint32_t *start);

/* How many lines filename has; 0 when it cannot be read. */
uint32_t ms_sources_count(struct ms_sources *sources, const char *filename, size_t flen);

/*
 * Line lineno of filename as it is, without its line end (for showing
 * whole files), or NULL when there is none; *len receives its length. A
 * line longer than MS_SOURCES_LINE_MAX is cut as ms_sources_line() cuts it.
 */
const char *ms_sources_text(struct ms_sources *sources, const char *filename, size_t flen,
			    uint32_t lineno, size_t *len);

/* The functions of filename (pyscope.h), indexed on first use; NULL when it cannot be read. */
struct ms_pyscope *ms_sources_scopes(struct ms_sources *sources, const char *filename, size_t flen);

#endif
