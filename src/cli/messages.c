/*
 * The message sink: every line memsnap writes to stderr goes through here,
 * "memsnap: FILE: offset N: OPCODE: what is wrong", escaped as one line
 * whatever a file name, an argument or a snapshot put into it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "format128.h"
#include "utf8.h"
#include "cli.h"
#include "snapshot_internal.h"

/*
 * A message: in buf while it fits, malloc'ed when longer; with no memory
 * it is cut where buf ends, so that "out of memory" itself still prints.
 */
struct message {
	char buf[512];
	char *text;
	size_t len, alloc;
};

static void message_init(struct message *m)
{
	m->text = m->buf;
	m->len = 0;
	m->alloc = sizeof(m->buf);
}

/* Room for n more bytes and a NUL, or false when the message is cut. */
static bool message_reserve(struct message *m, size_t n)
{
	char *bigger;

	if (m->alloc == 0)
		return false;
	if (n < m->alloc - m->len)
		return true;
	bigger = m->text == m->buf ? malloc(m->len + n + 1) : realloc(m->text, m->len + n + 1);
	if (!bigger) {
		m->alloc = 0;
		return false;
	}
	if (m->text == m->buf)
		memcpy(bigger, m->buf, m->len);
	m->text = bigger;
	m->alloc = m->len + n + 1;
	return true;
}

static void message_bytes(struct message *m, const char *bytes, size_t n)
{
	if (message_reserve(m, n)) {
		memcpy(m->text + m->len, bytes, n);
		m->len += n;
	}
}

static void message_vadd(struct message *m, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
static void message_vadd(struct message *m, const char *fmt, va_list ap)
{
	char cut[sizeof(m->buf)];
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(cut, sizeof(cut), fmt, ap);
	if (n >= 0 && message_reserve(m, (size_t)n)) {
		vsnprintf(m->text + m->len, (size_t)n + 1, fmt, again);
		m->len += (size_t)n;
	} else if (n >= 0 && m->text == m->buf) {
		/* no memory for all of it: what fits in buf */
		size_t room = sizeof(m->buf) - 1 - m->len;
		size_t take = (size_t)n < room ? (size_t)n : room;

		memcpy(m->buf + m->len, cut, take);
		m->len += take;
	}
	va_end(again);
}

static void message_add(struct message *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void message_add(struct message *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message_vadd(m, fmt, ap);
	va_end(ap);
}

/* Writes "memsnap: " and the message as one escaped line, and frees it. */
static void message_put(struct message *m)
{
	fputs("memsnap: ", stderr);
	ms_put_message(stderr, m->text, m->len);
	fputc('\n', stderr);
	if (m->text != m->buf)
		free(m->text);
}

void cli_error(const char *fmt, ...)
{
	struct message m;
	va_list ap;

	message_init(&m);
	va_start(ap, fmt);
	message_vadd(&m, fmt, ap);
	va_end(ap);
	message_put(&m);
}

void cli_report(const char *file, const struct ms_error *err)
{
	struct message m;

	message_init(&m);
	if (file)
		message_add(&m, "%s: ", strcmp(file, "-") ? file : "(standard input)");
	if (err->offset != MS_NO_OFFSET)
		message_add(&m, "offset %zu%s: ", err->offset,
			    err->inflated ? " of the inflated data" : "");
	if (err->opcode)
		message_add(&m, "%s: ", err->opcode);
	/* strerror() texts start with a capital; our messages do not */
	if (err->message[0])
		message_add(&m, "%c%s",
			    err->status == MS_ERR_IO ? tolower((unsigned char)err->message[0])
						     : err->message[0],
			    err->message + 1);
	message_put(&m);
}

void cli_warn_sources(const struct ms_sources *sources)
{
	if (sources && ms_sources_dropped(sources))
		cli_error("warning: source lines left out once source files passed %zu MiB (the "
			  "most memsnap keeps)",
			  MS_SOURCES_BUDGET >> 20);
}

void cli_warn_trailing(const char *file, const struct ms_snapshot *snap)
{
	struct ms_snapshot_origin origin = ms_snapshot_origin(snap);
	const char *name = strcmp(file, "-") ? file : "(standard input)";

	if (origin.trailing_bytes)
		cli_error("%s: warning: %zu byte%s after the end of the pickle ignored (as Python "
			  "ignores them)",
			  name, origin.trailing_bytes, ms_plural(origin.trailing_bytes));
	else if (origin.trailing_compressed)
		cli_error("%s: warning: compressed data after the end of the pickle ignored (as "
			  "Python ignores it), not inflated",
			  name);
}

void cli_note_chunks(const char *file, const struct ms_snapshot *snap)
{
	/* for the tests that hold the chunked reader to the one-thread one */
	if (snap->read_chunks && getenv("MEMSNAP_SPLIT_MIN"))
		cli_error("%s: note: read in %zu chunks",
			  strcmp(file, "-") ? file : "(standard input)", snap->read_chunks);
}

const char *cli_strerror(int e)
{
	return e == ENOMEM ? "out of memory" : strerror(e);
}

int cli_finish_output(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		cli_error("cannot write the output: %s", cli_strerror(errno));
		return EXIT_ERROR;
	}
	return EXIT_OK;
}

int cli_fail_output(void)
{
	cli_error("cannot write the output: %s", cli_strerror(errno));
	cli_drop_output();
	return EXIT_ERROR;
}

void cli_error_key(const struct ms_snapshot *snap, enum ms_key_type key_type, uint32_t key,
		   const char *fmt, ...)
{
	struct message m;
	va_list ap;
	size_t len;
	char *text = ms_key_text(snap, key_type, key, &len);

	message_init(&m);
	if (text) {
		/* the file name's own bytes, as Python would print them, escaped */
		message_bytes(&m, text, ms_utf8_fsencode(text, text, len));
		free(text);
	}
	message_bytes(&m, ": ", 2);
	va_start(ap, fmt);
	message_vadd(&m, fmt, ap);
	va_end(ap);
	message_put(&m);
}
