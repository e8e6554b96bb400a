/*
 * Every difference between systems and compilers, in one place: little-endian
 * loads, the hash seed's entropy, memory reservations and paging advice,
 * prefetching, bit counts, printf-format checking. Linux gets the calls it
 * has, macOS and the BSDs portable equivalents, anything else plain C and
 * POSIX.
 * MEMSNAP_PORTABLE_FALLBACKS forces the plain fallbacks everywhere, so that
 * a Linux build can test them (cmake -DMEMSNAP_PORTABLE=ON).
 */
#ifndef MEMSNAP_PLATFORM_H
#define MEMSNAP_PLATFORM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if (defined(__GNUC__) || defined(__clang__)) && !defined(MEMSNAP_PORTABLE_FALLBACKS)
#define MS_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
/* A hint: the cache line at p is read soon. */
#define MS_PREFETCH(p) __builtin_prefetch(p)
#else
#define MS_PRINTF(fmt, first)
#define MS_PREFETCH(p) ((void)(p))
#endif

/* The bits set in x. */
static inline unsigned ms_popcount64(uint64_t x)
{
	/* the instruction where the target has one; else not libgcc's call, which costs more */
#if defined(__GNUC__) && defined(__POPCNT__) && !defined(MEMSNAP_PORTABLE_FALLBACKS)
	return (unsigned)__builtin_popcountll(x);
#else
	x -= x >> 1 & 0x5555555555555555u;
	x = (x & 0x3333333333333333u) + (x >> 2 & 0x3333333333333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
	return (unsigned)(x * 0x0101010101010101u >> 56);
#endif
}

/*
 * x86-64's POPCNT, which the build's target may lack (Debian builds for
 * the first x86-64 processors) while the processor it runs on has it. A
 * hot loop is then compiled twice: once into a function marked
 * MS_TARGET_POPCNT, which runs only where ms_have_popcnt(), counting with
 * ms_popcount64_as(x, 1); once as it is, with 0. hw is a constant
 * in each, so each keeps only its own count. Elsewhere ms_have_popcnt() is
 * false, and the first copy is never called.
 */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(__POPCNT__) &&    \
    !defined(MEMSNAP_PORTABLE_FALLBACKS)
#define MS_POPCNT_DISPATCH 1
#define MS_TARGET_POPCNT   __attribute__((target("popcnt")))
#define MS_ALWAYS_INLINE   inline __attribute__((always_inline))
static inline int ms_have_popcnt(void)
{
	return __builtin_cpu_supports("popcnt");
}
static MS_ALWAYS_INLINE unsigned ms_popcount64_as(uint64_t x, int hw)
{
	return hw ? (unsigned)__builtin_popcountll(x) : ms_popcount64(x);
}
#else
#define MS_POPCNT_DISPATCH 0
#define MS_TARGET_POPCNT
#define MS_ALWAYS_INLINE inline
static inline int ms_have_popcnt(void)
{
	return 0;
}
static inline unsigned ms_popcount64_as(uint64_t x, int hw)
{
	(void)hw;
	return ms_popcount64(x);
}
#endif

/* The n (at most 8) little-endian bytes at p, as a number. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ &&                        \
    !defined(MEMSNAP_PORTABLE_FALLBACKS)
static inline uint64_t ms_load_le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	memcpy(&v, p, (size_t)n); /* one load when n is a constant */
	return v;
}
#else
/* byte by byte: right on any byte order, a few instructions more */
static inline uint64_t ms_load_le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}
#endif

/*
 * 64 bits no input file can predict: from the system's random source
 * (getrandom on Linux, getentropy on macOS and the BSDs), else a mix of the
 * clocks and the address of salt.
 */
uint64_t ms_random_seed(const void *salt);

/*
 * size bytes of readable, writable, zeroed memory whose pages cost nothing
 * until touched (an anonymous mapping, else calloc). NULL on no memory;
 * ms_unreserve() frees it. ms_reserve_grow() moves it to new_size bytes,
 * the new ones zero, without touching its pages where the system can
 * (Linux's mremap; elsewhere a copy); NULL leaves p as it was.
 */
void *ms_reserve(size_t size);
void *ms_reserve_grow(void *p, size_t size, size_t new_size);
void ms_unreserve(void *p, size_t size);

/*
 * Paging advice on a mapped file; each does nothing where the system has no
 * such advice. sequential: read ahead of the reader. drop: the pages of
 * [p, p + len) of a private read-only mapping can go, they would be read
 * from the file again if needed. populate: map [p, p + len) now, in one
 * call instead of a page fault each.
 */
void ms_advise_sequential(const void *p, size_t len);
/* huge: [p, p + len) of a reservation is read at random; fewer TLB misses in large pages */
void ms_advise_huge(void *p, size_t len);
void ms_advise_drop(const void *p, size_t len);
void ms_advise_populate(const void *p, size_t len);

/*
 * Keeping two busy threads on two CPUs. ms_current_cpu(): the CPU the
 * calling thread runs on now, -1 where the system cannot say.
 * ms_avoid_cpu(): the calling thread no longer runs on that CPU, if it may
 * run on another; nothing where the system sets no CPU affinity. Linux can
 * wake a thread on the CPU of the thread that woke it, and then keep both
 * there while another CPU idles.
 */
int ms_current_cpu(void);
void ms_avoid_cpu(int cpu);

#endif
