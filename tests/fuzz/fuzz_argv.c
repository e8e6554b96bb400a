/*
 * The libFuzzer target for the command line: the input is an argument
 * list, each argument ended by a NUL, run through memsnap's own main() in
 * a sandbox directory that holds a pickle, a JSON and a gzip snapshot and
 * two source files, with standard input on /dev/null. Every run must end
 * with status 0, 1 or 2 and leave no temporary file; the sandbox is put
 * back as it was before the next. Only the analysis commands run, and no
 * argument may hold a '/': nothing outside the sandbox is read or
 * written. See README.md.
 */
#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* main() of src/cli/main.c, renamed for this target (see tests/CMakeLists.txt) */
int memsnap_main(int argc, char **argv);

#define MAX_ARGS 32

/* tests/golden/fixtures/cpython_1.bin: four traces in a.py, b.py and <unknown> */
static const char pickle[] =
    "\x80\x05\x95\xc8\x00\x00\x00\x00\x00\x00\x00\x8c\x0b\x74\x72\x61\x63\x65\x6d\x61\x6c\x6c"
    "\x6f\x63\x94\x8c\x08\x53\x6e\x61\x70\x73\x68\x6f\x74\x94\x93\x94\x29\x81\x94\x7d\x94\x28"
    "\x8c\x06\x74\x72\x61\x63\x65\x73\x94\x68\x00\x8c\x07\x5f\x54\x72\x61\x63\x65\x73\x94\x93"
    "\x94\x29\x81\x94\x7d\x94\x8c\x07\x5f\x74\x72\x61\x63\x65\x73\x94\x5d\x94\x28\x28\x4b\x00"
    "\x4b\x0a\x8c\x04\x61\x2e\x70\x79\x94\x4b\x02\x86\x94\x8c\x04\x62\x2e\x70\x79\x94\x4b\x04"
    "\x86\x94\x86\x94\x4b\x03\x74\x94\x68\x11\x68\x11\x28\x4b\x01\x4b\x02\x68\x0c\x4b\x05\x86"
    "\x94\x68\x0f\x86\x94\x4b\x03\x74\x94\x28\x4b\x02\x4b\x42\x68\x0e\x4b\x01\x86\x94\x85\x94"
    "\x4b\x01\x74\x94\x28\x4b\x03\x4b\x07\x8c\x09\x3c\x75\x6e\x6b\x6e\x6f\x77\x6e\x3e\x94\x4b"
    "\x00\x86\x94\x85\x94\x4b\x01\x74\x94\x65\x73\x62\x8c\x0f\x74\x72\x61\x63\x65\x62\x61\x63"
    "\x6b\x5f\x6c\x69\x6d\x69\x74\x94\x4b\x02\x75\x62\x2e";

static const char json[] =
    "{\"memsnap_snapshot\": 1, \"traceback_limit\": 2, \"traces\": ["
    "{\"size\": 10, \"traceback\": [{\"filename\": \"a.py\", \"lineno\": 2}]},"
    "{\"domain\": 3, \"size\": 700, \"traceback\": [{\"filename\": \"b.py\", \"lineno\": 1},"
    " {\"filename\": \"a.py\", \"lineno\": 1}]}]}";

#define TEXT(s) s, sizeof(s) - 1

static struct file {
	const char *name;
	const char *data;
	size_t len;
} files[] = {
    {"a.bin", TEXT(pickle)},
    {"b.json", TEXT(json)},
    {"c.bin.gz", NULL, 0}, /* the pickle, compressed at start-up */
    {"a.py", TEXT("import os\nx = [os] * 2\n")},
    {"b.py", TEXT("# -*- coding: latin-1 -*-\ny = '\xe9t\xe9'\n")},
};

static const char *const commands[] = {"top",	   "diff",  "convert",	 "info",
				       "timeline", "leaks", "flamegraph"};

static int null_fd = -1;
static char sandbox[] = "/tmp/memsnap-fuzz-argv-XXXXXX";

static void fail(const char *what)
{
	perror(what);
	abort();
}

static void compress_pickle(struct file *f)
{
	static unsigned char out[sizeof(pickle) + 64];
	z_stream z;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = (Bytef *)pickle;
	z.avail_in = sizeof(pickle) - 1;
	z.next_out = out;
	z.avail_out = sizeof(out);
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	f->data = (const char *)out;
	f->len = z.total_out;
	deflateEnd(&z);
}

static void restore(char *const *argv);

/* At exit: the sandbox goes (a temporary file found in it still aborts). */
static void remove_sandbox(void)
{
	size_t i;

	restore(NULL);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		unlink(files[i].name);
	if (chdir("/") == 0)
		rmdir(sandbox);
}

/* Once: the sandbox, made the current directory, and stdin on /dev/null. */
static void start(void)
{
	compress_pickle(&files[2]);
	if (!mkdtemp(sandbox) || chdir(sandbox) < 0)
		fail("sandbox");
	atexit(remove_sandbox);
	null_fd = open("/dev/null", O_RDWR);
	if (null_fd < 0 || dup2(null_fd, 0) < 0)
		fail("/dev/null");
}

/*
 * Whether the command line argv named the file name: an argument that is
 * it, or ends with it (--output=NAME, -oNAME). Such a file is the
 * output asked for, whatever its name; a temporary file's name, random,
 * ends no argument.
 */
static int named(char *const *argv, const char *name)
{
	size_t n = strlen(name), len;

	for (; argv && *argv; argv++) {
		len = strlen(*argv);
		if (len >= n && !strcmp(*argv + len - n, name))
			return 1;
	}
	return 0;
}

/*
 * Puts the sandbox back: the files above as they were, nothing else;
 * argv: the command line just run, NULL before one.
 */
static void restore(char *const *argv)
{
	DIR *d = opendir(".");
	struct dirent *e;
	size_t i;

	if (!d)
		fail("opendir");
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		/* a temporary file of -o left behind is a finding (an output named so is not) */
		if (!strncmp(e->d_name, ".memsnap-", 9) && !named(argv, e->d_name)) {
			fprintf(stderr, "fuzz_argv: %s left behind\n", e->d_name);
			abort();
		}
		if (unlink(e->d_name) < 0 && rmdir(e->d_name) < 0)
			fail(e->d_name);
	}
	closedir(d);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		FILE *f = fopen(files[i].name, "wb");
		if (!f || fwrite(files[i].data, 1, files[i].len, f) != files[i].len || fclose(f))
			fail(files[i].name);
	}
}

/* The arguments, or 0 when the input is not a list this target runs. */
static int split(const uint8_t *data, size_t size, char *buf, char **argv)
{
	int argc = 1;
	size_t i, k;

	argv[0] = "memsnap";
	if (!size || data[size - 1] != 0)
		return 0;
	memcpy(buf, data, size);
	for (i = 0; i < size; i = k + 1) {
		k = i + strlen(buf + i);
		if (argc == MAX_ARGS || memchr(buf + i, '/', k - i))
			return 0;
		argv[argc++] = buf + i;
	}
	argv[argc] = NULL;
	for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
		if (argc > 1 && !strcmp(argv[1], commands[k]))
			return argc;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *dummy[] = {"memsnap", NULL};
	char *argv[MAX_ARGS + 1], *buf;
	int argc, status, out, err;

	if (null_fd < 0)
		start();
	buf = malloc(size ? size : 1);
	if (!buf)
		abort();
	argc = split(data, size, buf, argv);
	if (argc) {
		restore(NULL);
		/*
		 * memsnap parses its options once per process; here main() runs
		 * again and again, so getopt's state is reset first (optind 0).
		 */
		optind = 0;
		getopt(1, dummy, "");
		fflush(stdout);
		out = dup(1);
		err = dup(2);
		if (out < 0 || err < 0 || dup2(null_fd, 1) < 0 || dup2(null_fd, 2) < 0)
			fail("dup");
		status = memsnap_main(argc, argv);
		fflush(stdout);
		fflush(stderr);
		if (dup2(out, 1) < 0 || dup2(err, 2) < 0)
			fail("dup2");
		close(out);
		close(err);
		if (status < 0 || status > 2)
			abort();
		restore(argv);
	}
	free(buf);
	return 0;
}
