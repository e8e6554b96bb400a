/*
 * What cJSON cannot read in memsnap's JSON snapshots, read here from the
 * text itself: integers, exactly (cJSON keeps a double, which rounds sizes
 * above 2**53, and reads 1.0 or 01 as 1); strings holding the escapes
 * Python's json writes for undecodable file names (\udcXX: cJSON refuses
 * the whole element) or a NUL (\u0000: cJSON's string ends there); and the
 * raw bytes of every string, which cJSON does not check (UTF-8, control
 * characters). A cursor steps through an element's tokens in the order of
 * its cJSON tree, so that each value is read, and each error placed, at
 * its own byte offset.
 */
#ifndef MEMSNAP_JSON_TOKEN_H
#define MEMSNAP_JSON_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ms_json_text {
	const unsigned char *buf;
	size_t len;
	size_t pos; /* the cursor */
	char *str;  /* the string ms_json_text_read_string() decoded */
	size_t str_len, str_alloc;
	size_t error_at; /* after MS_ERR_FORMAT: where, and what */
	char error[120];
};

void ms_json_text_release(struct ms_json_text *t);

/* Past white space; the byte there, or -1 at the end. */
int ms_json_text_peek(struct ms_json_text *t);

/*
 * Moves the cursor to the next token of an element, past white space and
 * the punctuation between tokens (, : ] }), and returns its offset.
 */
size_t ms_json_text_next(struct ms_json_text *t);

/*
 * Past the string at the cursor, which cJSON read already (a member
 * name); whether it holds escapes (else its bytes are what it says).
 */
bool ms_json_text_skip_string(struct ms_json_text *t);

/*
 * Past the string at the cursor, checking its bytes (UTF-8, no control
 * character) and escapes; *special is set when cJSON cannot decode it
 * (a NUL or a lone surrogate): ms_json_text_read_string() then must.
 */
int ms_json_text_check_string(struct ms_json_text *t, bool *special);

/*
 * Decodes the string at the cursor into t->str, as Python's json reads it:
 * UTF-8 in which a lone surrogate takes three bytes.
 */
int ms_json_text_read_string(struct ms_json_text *t);

/* The integer at the cursor, which must be one from 0 to max. */
int ms_json_text_read_uint(struct ms_json_text *t, uint64_t max, uint64_t *out);

/*
 * For an element cJSON refused: finds where the one at the cursor ends
 * (leaving the cursor there), checking its strings; *special says whether
 * any of them is one cJSON cannot read. Its structure is cJSON's to check.
 */
int ms_json_text_scan(struct ms_json_text *t, bool *special);

/*
 * A copy of buf[start..end) for cJSON: each string it cannot read replaced
 * by "" (the cursor reads those from the text). malloc'd, NUL-terminated,
 * its length in *n; NULL on no memory.
 */
char *ms_json_text_plain_copy(struct ms_json_text *t, size_t start, size_t end, size_t *n);

#endif
