/*
 * Strings of a snapshot (UTF-8 in which a lone surrogate takes three
 * bytes, see utf8.h) written out as raw bytes, XML text or CSV and TSV
 * fields (JSON strings are json_emit.h's), and the text of a group's key;
 * and untrusted bytes quoted for an error message. Only ms_key_text()
 * returns memory for the caller to free.
 */
#ifndef MEMSNAP_ESCAPE_H
#define MEMSNAP_ESCAPE_H

#include <stdbool.h>
#include <stdio.h>

#include "memsnap/stats.h"

/*
 * A writer's helper that cannot get the memory a string needs marks it
 * here (for this thread) rather than leave the string out, and the
 * writer's ms_write_status() then fails with errno ENOMEM: a report is
 * never printed with a piece missing.
 */
void ms_write_nomem(void);

/* -1 (errno set) if out has an error or a piece was left out, else 0; clears the mark. */
int ms_write_status(FILE *out);

/* Whether a piece was left out since the last ms_write_status(): the mark, kept. */
bool ms_write_nomem_pending(void);

/* The bytes Python would print: surrogate escapes back to raw bytes. */
void ms_put_raw(FILE *out, const char *s, size_t len);

/*
 * XML character data, also safe inside a double-quoted attribute. Code
 * points XML 1.0 forbids are written visibly: an escaped byte as \xHH,
 * a control character as \xHH, anything else as U+FFFD.
 */
void ms_put_xml_text(FILE *out, const char *s, size_t len);

/*
 * One field of a CSV (sep ',': quoted as RFC 4180 asks when needed) or TSV
 * (sep '\t': tab, newline, carriage return and backslash as \t \n \r \\)
 * row, in raw bytes. ms_put_field_bytes takes bytes that are raw already.
 */
void ms_put_field(FILE *out, const char *s, size_t len, char sep);
void ms_put_field_bytes(FILE *out, const char *raw, size_t n, char sep);

/* Any of the writers above that take no more arguments. */
typedef void ms_put_fn(FILE *out, const char *s, size_t len);
void ms_put_csv(FILE *out, const char *s, size_t len);
void ms_put_tsv(FILE *out, const char *s, size_t len);

/* A Markdown code span of s, safe inside a table cell (control characters as U+FFFD). */
void ms_put_md_code(FILE *out, const char *s, size_t len);

/* A group's key ("filename:lineno") written with put. */
void ms_put_key(FILE *out, const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
		ms_put_fn *put);

/*
 * str(Traceback) of a group's key, "filename:lineno" of its oldest frame
 * ("filename:qualname" for a named function, memsnap's own), as a snapshot
 * string: malloc'd, NUL-terminated, NULL on no memory.
 */
char *ms_key_text(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
		  size_t *len);

/*
 * The traceback field of CSV and TSV rows: the key's frames oldest first,
 * each "filename:lineno" in raw bytes, joined by ';', a ';' or '%' in a
 * file name written as %3B or %25 so that the field splits back
 * unambiguously (on ';', then on the last ':', then percent-decoding).
 * Malloc'd (the caller frees it), NULL on no memory; *len receives its
 * length.
 */
char *ms_traceback_field(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
			 size_t *len);

/*
 * Printable ASCII of untrusted bytes, for an error message that must stay
 * one harmless line: any other byte as \xHH, "..." past what fits. Fills
 * dst (size bytes) and returns it.
 */
const char *ms_quote(char *dst, size_t size, const void *bytes, size_t n);

/*
 * Untrusted bytes in a message line: valid UTF-8 text as it is, every
 * control character (C0, DEL, C1) and every byte that is not UTF-8 as
 * \xHH, so that the line stays one line and no terminal control.
 */
void ms_put_message(FILE *out, const void *bytes, size_t n);

#endif
