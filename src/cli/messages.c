/*
 * The message sink: every line memsnap writes to stderr goes through here,
 * "memsnap: FILE: offset N: OPCODE: what is wrong".
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "format128.h"
#include "cli.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("memsnap: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_report(const char *file, const struct ms_error *err)
{
	char msg[sizeof(err->message)], *p;

	/* strerror() texts start with a capital; our messages do not */
	snprintf(msg, sizeof(msg), "%s", err->message);
	if (err->status == MS_ERR_IO)
		msg[0] = (char)tolower((unsigned char)msg[0]);
	/* one line, and no terminal controls, whatever a file made it say */
	for (p = msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	fputs("memsnap: ", stderr);
	if (file)
		fprintf(stderr, "%s: ", strcmp(file, "-") ? file : "(standard input)");
	if (err->offset != MS_NO_OFFSET)
		fprintf(stderr, "offset %zu%s: ", err->offset,
			err->inflated ? " of the inflated data" : "");
	if (err->opcode)
		fprintf(stderr, "%s: ", err->opcode);
	fprintf(stderr, "%s\n", msg);
}

void cli_warn_trailing(const char *file, const struct ms_snapshot *snap)
{
	size_t trailing = ms_snapshot_origin(snap).trailing_bytes;

	if (trailing)
		cli_error("%s: warning: %zu byte%s after the end of the pickle ignored (as Python "
			  "ignores them)",
			  strcmp(file, "-") ? file : "(standard input)", trailing,
			  ms_plural(trailing));
}

int cli_finish_output(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		cli_error("cannot write the output: %s", strerror(errno));
		return EXIT_ERROR;
	}
	return EXIT_OK;
}

void cli_error_key(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
		   const char *fmt, ...)
{
	va_list ap;
	size_t len;
	char *text = ms_key_text(snap, key_type, key, &len);

	fputs("memsnap: ", stderr);
	if (text)
		ms_put_raw(stderr, text, len);
	free(text);
	fputs(": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
