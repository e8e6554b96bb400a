/*
 * Every truncation and every single-byte change of small valid snapshots
 * (pickles, and JSON and gzip through the same entry point).
 * In process, through the fuzz target's pipeline: each prefix must be
 * refused with an offset inside it, and each of the 255 other values of
 * each byte must give a snapshot or a format error with an offset and a
 * one-line message. Through the command: each prefix, and two changes of
 * each byte, must end memsnap with status 2 and one line on stderr naming
 * the file (or 0 and no stderr), never by a signal or sanitizer report.
 *
 *   sweep MEMSNAP WORKDIR SNAPSHOT...
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memsnap/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *memsnap, *workdir;
static unsigned long passed, failed;

__attribute__((format(printf, 1, 2))) static void failure(const char *fmt, ...)
{
	va_list ap;

	/* the first few are enough to go on; the count says the rest */
	if (failed++ < 20) {
		fputs("FAIL ", stdout);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		putchar('\n');
	}
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(buf = malloc((size_t)n + 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Parses in process; returns the status after checking the error record. */
static int parse(const char *what, const unsigned char *buf, size_t len)
{
	struct ms_snapshot *snap;
	struct ms_error err;
	int status = ms_snapshot_parse(buf, len, &snap, &err);

	if (status == MS_OK) {
		ms_snapshot_free(snap);
		LLVMFuzzerTestOneInput(buf, len);
		passed++;
	} else if (status != MS_ERR_FORMAT) {
		failure("%s: status %d (%s), not a format error", what, status, err.message);
	} else if (err.offset > len || !err.message[0] || strchr(err.message, '\n')) {
		failure("%s: bad error record: offset %zu of %zu, message '%s'", what, err.offset,
			len, err.message);
	} else {
		passed++;
	}
	return status;
}

static char *read_text(const char *path)
{
	size_t len;
	char *text = (char *)slurp(path, &len);

	text[len] = 0;
	return text;
}

/*
 * Runs memsnap top on buf written to a file; want is 2 for "must be
 * refused", -1 for "0 or 2".
 */
static void run(const char *what, const unsigned char *buf, size_t len, int want)
{
	char input[4096], out[4096], errpath[4096], prefix[4200];
	char *text, *errtext;
	int fd, status, code;
	pid_t pid;

	snprintf(input, sizeof(input), "%s/input.bin", workdir);
	snprintf(out, sizeof(out), "%s/stdout", workdir);
	snprintf(errpath, sizeof(errpath), "%s/stderr", workdir);
	fd = open(input, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, buf, len) != (ssize_t)len || close(fd)) {
		perror(input);
		exit(2);
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (!freopen(out, "w", stdout) || !freopen(errpath, "w", stderr))
			_exit(99);
		execl(memsnap, memsnap, "top", input, (char *)NULL);
		_exit(98);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		perror("fork");
		exit(2);
	}
	if (WIFSIGNALED(status)) {
		failure("%s: killed by signal %d", what, WTERMSIG(status));
		return;
	}
	code = WEXITSTATUS(status);
	text = read_text(out);
	errtext = read_text(errpath);
	snprintf(prefix, sizeof(prefix), "memsnap: %s: ", input);
	if (code != 2 && (want == 2 || code != 0))
		failure("%s: exit status %d", what, code);
	else if (strstr(errtext, "Sanitizer") || strstr(errtext, "runtime error"))
		failure("%s: sanitizer report: %.300s", what, errtext);
	else if (code == 2 && (text[0] || strncmp(errtext, prefix, strlen(prefix)) ||
			       strchr(errtext, '\n') != errtext + strlen(errtext) - 1))
		failure("%s: status 2 without exactly one 'memsnap: FILE: ' line: %.300s", what,
			errtext);
	else if (code == 0 && (!text[0] || errtext[0]))
		failure("%s: status 0 with stderr '%.300s' or no output", what, errtext);
	else
		passed++;
	free(text);
	free(errtext);
}

/* Whether the bytes are JSON white space (what may follow a JSON value). */
static int blank(const unsigned char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, n--;
	return !n;
}

static void sweep(const char *path, int cli)
{
	size_t len, i;
	unsigned char *buf = slurp(path, &len), *copy = malloc(len ? len : 1);
	char what[4200];
	unsigned v;

	if (parse(path, buf, len) != MS_OK) {
		failure("%s: not a valid snapshot to start from", path);
		return;
	}
	for (i = 0; i < len; i++) {
		/* a strict prefix lacks the final STOP, '}' or gzip trailer */
		snprintf(what, sizeof(what), "%s cut to %zu bytes", path, i);
		if (parse(what, buf, i) == MS_OK && !blank(buf + i, len - i))
			failure("%s: accepted", what);
		if (cli)
			run(what, buf, i, 2);
	}
	memcpy(copy, buf, len);
	for (i = 0; i < len; i++) {
		for (v = 0; v < 256; v++) {
			if (v == buf[i])
				continue;
			copy[i] = (unsigned char)v;
			snprintf(what, sizeof(what), "%s with byte %zu set to 0x%02x", path, i, v);
			parse(what, copy, len);
			if (cli && (v == (buf[i] ^ 0xffu) || v == ((buf[i] + 1u) & 0xffu)))
				run(what, copy, len, -1);
		}
		copy[i] = buf[i];
	}
	free(copy);
	free(buf);
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 4) {
		fprintf(stderr, "usage: %s MEMSNAP WORKDIR SNAPSHOT...\n", argv[0]);
		return 2;
	}
	memsnap = argv[1];
	workdir = argv[2];
	mkdir(workdir, 0755);
	/* the command runs on the first snapshot only: a spawn costs more */
	for (i = 3; i < argc; i++)
		sweep(argv[i], i == 3);
	printf("sweep: %lu passed, %lu failed\n", passed, failed);
	return failed != 0;
}
