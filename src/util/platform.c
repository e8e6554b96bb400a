/*
 * The system calls behind platform.h, each with the portable fallback used
 * where the call is missing (or everywhere, with MEMSNAP_PORTABLE_FALLBACKS).
 */
#if defined(__linux__) && !defined(MEMSNAP_PORTABLE_FALLBACKS)
#define _GNU_SOURCE /* mremap, sched_getcpu, CPU sets */
#include <sched.h>
#define HAVE_CPU_AFFINITY 1
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "platform.h"

#ifndef MEMSNAP_PORTABLE_FALLBACKS
#if defined(__linux__)
#include <sys/random.h>
#define HAVE_GETRANDOM 1
#elif defined(__APPLE__)
#include <sys/random.h> /* getentropy, which the BSDs declare in unistd.h */
#define HAVE_GETENTROPY 1
#elif defined(__FreeBSD__) || defined(__OpenBSD__)
#define HAVE_GETENTROPY 1
#endif
#ifdef MAP_ANONYMOUS
#define HAVE_ANONYMOUS_MAP 1
#endif
#ifdef MADV_DONTNEED
#define HAVE_MADV_DONTNEED 1
#endif
#ifdef MADV_POPULATE_READ
#define HAVE_MADV_POPULATE_READ 1
#endif
#if defined(__linux__) && defined(MREMAP_MAYMOVE)
#define HAVE_MREMAP 1
#endif
#ifdef MADV_HUGEPAGE
#define HAVE_MADV_HUGEPAGE 1
#endif
#endif

uint64_t ms_random_seed(const void *salt)
{
	uint64_t seed;

#if defined(HAVE_GETRANDOM)
	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) == (ssize_t)sizeof(seed))
		return seed;
#elif defined(HAVE_GETENTROPY)
	if (getentropy(&seed, sizeof(seed)) == 0)
		return seed;
#endif
	/* different in every process, which is what the hash tables need */
	seed = (uint64_t)(uintptr_t)salt ^ (uint64_t)time(NULL) << 24 ^ (uint64_t)clock() ^
	       (uint64_t)getpid() << 40;
	return seed;
}

void *ms_reserve(size_t size)
{
#ifdef HAVE_ANONYMOUS_MAP
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;
	void *p;

#ifdef MAP_NORESERVE
	flags |= MAP_NORESERVE; /* no swap set aside for pages never touched */
#endif
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	return p;
#else
	/* zeroed, as a mapping is; large blocks come from the system untouched */
	return calloc(size ? size : 1, 1);
#endif
}

void *ms_reserve_grow(void *p, size_t size, size_t new_size)
{
#ifdef HAVE_MREMAP
	void *q = mremap(p, size, new_size, MREMAP_MAYMOVE);

	return q == MAP_FAILED ? NULL : q;
#else
	void *q = ms_reserve(new_size);

	if (q) {
		memcpy(q, p, size < new_size ? size : new_size);
		ms_unreserve(p, size);
	}
	return q;
#endif
}

void ms_unreserve(void *p, size_t size)
{
#ifdef HAVE_ANONYMOUS_MAP
	if (p)
		munmap(p, size);
#else
	(void)size;
	free(p);
#endif
}

void ms_advise_sequential(const void *p, size_t len)
{
	posix_madvise((void *)p, len, POSIX_MADV_SEQUENTIAL); /* POSIX: no fallback needed */
}

void ms_advise_drop(const void *p, size_t len)
{
	/* not posix_madvise(): glibc ignores its POSIX_MADV_DONTNEED */
#ifdef HAVE_MADV_DONTNEED
	madvise((void *)p, len, MADV_DONTNEED);
#else
	(void)p;
	(void)len;
#endif
}

void ms_advise_huge(void *p, size_t len)
{
#ifdef HAVE_MADV_HUGEPAGE
	madvise(p, len, MADV_HUGEPAGE);
#else
	(void)p;
	(void)len;
#endif
}

void ms_advise_populate(const void *p, size_t len)
{
	/* Linux 5.14 and later; older kernels refuse it and fault as usual */
#ifdef HAVE_MADV_POPULATE_READ
	madvise((void *)p, len, MADV_POPULATE_READ);
#else
	(void)p;
	(void)len;
#endif
}

int ms_current_cpu(void)
{
#ifdef HAVE_CPU_AFFINITY
	return sched_getcpu();
#else
	return -1;
#endif
}

void ms_avoid_cpu(int cpu)
{
#ifdef HAVE_CPU_AFFINITY
	cpu_set_t set;

	if (cpu < 0 || cpu >= CPU_SETSIZE || sched_getaffinity(0, sizeof(set), &set))
		return;
	CPU_CLR(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set); /* refused for an empty set: it stays */
#else
	(void)cpu;
#endif
}
