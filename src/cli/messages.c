/*
 * The message sink: every line memsnap writes to stderr goes through here,
 * "memsnap: FILE: offset N: OPCODE: what is wrong".
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

static const char *display_name(const char *file)
{
	return strcmp(file, "-") ? file : "(standard input)";
}

void cli_report(const char *file, const struct ms_error *err)
{
	char msg[sizeof(err->message)];

	/* strerror() texts start with a capital; our messages do not */
	snprintf(msg, sizeof(msg), "%s", err->message);
	if (err->status == MS_ERR_IO)
		msg[0] = (char)tolower((unsigned char)msg[0]);
	fputs("memsnap: ", stderr);
	if (file)
		fprintf(stderr, "%s: ", display_name(file));
	if (err->offset != MS_NO_OFFSET)
		fprintf(stderr, "offset %zu: ", err->offset);
	if (err->opcode)
		fprintf(stderr, "%s: ", err->opcode);
	fprintf(stderr, "%s\n", msg);
}

struct ms_snapshot *cli_load(const char *file)
{
	struct ms_snapshot *snap;
	struct ms_error err;
	struct ms_snapshot_origin origin;

	if (ms_snapshot_load(file, &snap, &err)) {
		cli_report(file, &err);
		return NULL;
	}
	origin = ms_snapshot_origin(snap);
	if (origin.trailing)
		cli_error("%s: offset %zu: warning: %zu bytes after STOP ignored, as Python ignores them",
			  display_name(file), origin.end, origin.trailing);
	return snap;
}

int cli_finish_output(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		cli_error("cannot write the output: %s", strerror(errno));
		return EXIT_ERROR;
	}
	return EXIT_OK;
}
