/*
 * Allocation failure on purpose, as sqlite's fault.c does it: linked into
 * the memsnap_fault binary with -Wl,--wrap=NAME for each allocator, it
 * counts the allocations memsnap's own code asks for (libc's and zlib's
 * own stay untouched) and fails the Nth, so that every out-of-memory path
 * can be run by a test (tests/fault/run.sh).
 *
 *   MEMSNAP_FAIL_ALLOC=N     the Nth allocation fails (N from 1)
 *   MEMSNAP_FAIL_ALLOC=N+    the Nth and every later one fail
 *   MEMSNAP_COUNT_ALLOC=FILE the number of allocations is written to FILE
 *                            at exit
 *   MEMSNAP_FAIL_BACKTRACE=1 the call stack of a failed allocation goes to
 *                            stderr (build with -rdynamic to see names)
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, in the portable build too */
#include <errno.h>
#include <execinfo.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__real_aligned_alloc(size_t align, size_t size);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
FILE *__real_open_memstream(char **buf, size_t *len);
ssize_t __real_getline(char **line, size_t *n, FILE *in);
void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);

static atomic_long count;
static long fail_at = -1;
static bool fail_after, backtraces;

static void write_count(void)
{
	const char *path = getenv("MEMSNAP_COUNT_ALLOC");
	FILE *out = path ? fopen(path, "w") : NULL;

	if (out) {
		fprintf(out, "%ld\n", atomic_load(&count));
		fclose(out);
	}
}

/* Read once, before main(): the settings, and the count written at exit. */
__attribute__((constructor)) static void start(void)
{
	const char *s = getenv("MEMSNAP_FAIL_ALLOC");
	char *end;

	if (s && *s) {
		fail_at = strtol(s, &end, 10);
		fail_after = *end == '+';
	}
	backtraces = getenv("MEMSNAP_FAIL_BACKTRACE") != NULL;
	if (getenv("MEMSNAP_COUNT_ALLOC"))
		atexit(write_count);
}

/* Whether this allocation fails; counts it. */
static bool fails(void)
{
	long n = atomic_fetch_add(&count, 1) + 1;

	if (fail_at > 0 && (n == fail_at || (fail_after && n > fail_at))) {
		if (backtraces) {
			void *frames[32];
			backtrace_symbols_fd(frames, backtrace(frames, 32), 2);
		}
		errno = ENOMEM;
		return true;
	}
	return false;
}

void *__wrap_malloc(size_t size)
{
	return fails() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fails() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
	return fails() ? NULL : __real_realloc(p, size);
}

void *__wrap_aligned_alloc(size_t align, size_t size)
{
	return fails() ? NULL : __real_aligned_alloc(align, size);
}

char *__wrap_strdup(const char *s)
{
	return fails() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return fails() ? NULL : __real_strndup(s, n);
}

FILE *__wrap_open_memstream(char **buf, size_t *len)
{
	return fails() ? NULL : __real_open_memstream(buf, len);
}

ssize_t __wrap_getline(char **line, size_t *n, FILE *in)
{
	return fails() ? -1 : __real_getline(line, n, in);
}

/* Anonymous memory only: a file that cannot be mapped is read instead, by design. */
void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	if ((flags & MAP_ANONYMOUS) && fails())
		return MAP_FAILED;
	return __real_mmap(addr, len, prot, flags, fd, off);
}
