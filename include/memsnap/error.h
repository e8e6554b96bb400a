/*
 * Status codes and the error record every libmemsnap call fills on failure.
 * Library code never prints or exits: it returns a status and describes the
 * problem here; the command layer turns that into one line on stderr.
 */
#ifndef MEMSNAP_ERROR_H
#define MEMSNAP_ERROR_H

#include <stdbool.h>
#include <stddef.h>

#include "memsnap/api.h"

MS_BEGIN_DECLS

enum ms_status {
	MS_OK = 0,
	MS_ERR_IO,      /* the file could not be opened or read */
	MS_ERR_FORMAT,  /* the bytes are not a snapshot memsnap accepts */
	MS_ERR_NOMEM,   /* an allocation failed or a size would overflow */
	MS_ERR_USAGE,   /* the caller asked for something Python refuses too */
};

/*
 * What went wrong. Every call that can fail takes one, owned by the caller
 * (it may be NULL where the reason is not wanted), and fills it when it
 * returns a status other than MS_OK. For MS_ERR_FORMAT, offset is the byte offset of the
 * opcode being read and opcode its name (both unset otherwise: offset is
 * MS_NO_OFFSET and opcode NULL). When the file was gzip-compressed and the
 * fault lies in what it inflated to, inflated is set and offset counts the
 * inflated bytes. message is lowercase, without a period.
 */
struct ms_error {
	enum ms_status status;
	size_t offset;
	const char *opcode;
	bool inflated;
	char message[200];
};

#define MS_NO_OFFSET ((size_t)-1)

/*
 * One short phrase per status, for messages that have nothing better
 * (static storage; any thread).
 */
MS_API const char *ms_status_text(enum ms_status status);

MS_END_DECLS

#endif
