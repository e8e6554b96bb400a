/*
 * ms_current_cpu() and ms_avoid_cpu(): a thread told to avoid a CPU runs on
 * the others it may use, and one that may use no other keeps the CPU it has.
 * Each test changes the CPUs of a thread of its own, never the runner's.
 * The bit counts: each way of counting against a count bit by bit, and
 * ms_have_popcnt() against what the system says of the processor.
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU sets: the test reads what the calls did */
#include <check.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "platform.h"

struct cpus {
	cpu_set_t before, after;
	int cpu, now, avoid;
	bool keep_one; /* first keep the thread to the CPU it runs on */
};

static void *avoid_main(void *arg)
{
	struct cpus *c = arg;

	c->cpu = ms_current_cpu();
	if (c->keep_one && c->cpu >= 0) {
		CPU_ZERO(&c->before);
		CPU_SET(c->cpu, &c->before);
		ck_assert_int_eq(sched_setaffinity(0, sizeof(c->before), &c->before), 0);
	}
	ck_assert_int_eq(sched_getaffinity(0, sizeof(c->before), &c->before), 0);
	ms_avoid_cpu(c->avoid == -2 ? c->cpu : c->avoid);
	ck_assert_int_eq(sched_getaffinity(0, sizeof(c->after), &c->after), 0);
	sched_yield();
	c->now = ms_current_cpu();
	return NULL;
}

/* What ms_avoid_cpu(avoid) did on a thread of its own; -2 avoids the CPU it runs on. */
static struct cpus avoid_on_thread(int avoid, bool keep_one)
{
	struct cpus c = {.avoid = avoid, .keep_one = keep_one};
	pthread_t t;

	ck_assert_int_eq(pthread_create(&t, NULL, avoid_main, &c), 0);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	return c;
}

/* Where the system cannot say, both calls do nothing (the portable fallbacks). */
static bool no_affinity(const struct cpus *c)
{
	if (c->cpu >= 0)
		return false;
	ck_assert(CPU_EQUAL(&c->before, &c->after));
	fprintf(stderr, "check_platform: no CPU affinity here; checked that nothing changed\n");
	return true;
}

START_TEST(test_avoid_current_cpu)
{
	struct cpus c = avoid_on_thread(-2, false);

	if (no_affinity(&c))
		return;
	ck_assert(CPU_ISSET(c.cpu, &c.before));
	if (CPU_COUNT(&c.before) < 2) {
		fprintf(stderr, "check_platform: one CPU here; avoiding it is tested below\n");
		ck_assert(CPU_EQUAL(&c.before, &c.after));
		return;
	}
	/* every CPU it had but the one it ran on, and it has moved off that one */
	ck_assert_msg(!CPU_ISSET(c.cpu, &c.after), "CPU %d kept", c.cpu);
	ck_assert_int_eq(CPU_COUNT(&c.after), CPU_COUNT(&c.before) - 1);
	CPU_SET(c.cpu, &c.after);
	ck_assert(CPU_EQUAL(&c.before, &c.after));
	ck_assert_int_ne(c.now, c.cpu);
	ck_assert(CPU_ISSET(c.now, &c.before));
}
END_TEST

START_TEST(test_avoid_only_cpu)
{
	struct cpus c = avoid_on_thread(-2, true);

	if (no_affinity(&c))
		return;
	ck_assert_int_eq(CPU_COUNT(&c.before), 1);
	ck_assert(CPU_EQUAL(&c.before, &c.after));
	ck_assert_int_eq(c.now, c.cpu);
}
END_TEST

START_TEST(test_avoid_unknown_cpu)
{
	/* -1 is what ms_current_cpu() says where it cannot tell; past CPU_SETSIZE no set holds */
	int avoid[] = {-1, CPU_SETSIZE, CPU_SETSIZE + 7};
	size_t i;

	for (i = 0; i < sizeof(avoid) / sizeof(avoid[0]); i++) {
		struct cpus c = avoid_on_thread(avoid[i], false);

		ck_assert_msg(CPU_EQUAL(&c.before, &c.after), "avoiding %d changed the CPUs",
			      avoid[i]);
	}
}
END_TEST

static unsigned bit_by_bit(uint64_t x)
{
	unsigned n = 0;

	for (; x; x >>= 1)
		n += x & 1;
	return n;
}

/* Counted as the copy of a loop marked MS_TARGET_POPCNT counts. */
MS_TARGET_POPCNT static unsigned popcount_hw(uint64_t x)
{
	return ms_popcount64_as(x, 1);
}

START_TEST(test_popcount)
{
	uint64_t x = 0x9e3779b97f4a7c15u;
	unsigned i, want;

	for (i = 0; i < 20000; i++) {
		/* 0, every single bit, every low mask, then scattered bits */
		x = i == 0     ? 0
		    : i <= 64  ? (uint64_t)1 << (i - 1)
		    : i <= 128 ? ~(uint64_t)0 >> (i - 65)
			       : x * 6364136223846793005u + 1442695040888963407u;
		want = bit_by_bit(x);
		ck_assert_uint_eq(ms_popcount64(x), want);
		ck_assert_uint_eq(ms_popcount64_as(x, 0), want);
		if (ms_have_popcnt())
			ck_assert_uint_eq(popcount_hw(x), want);
	}
}
END_TEST

START_TEST(test_have_popcnt)
{
	char line[8192];
	FILE *f = fopen("/proc/cpuinfo", "r");
	int has = -1;

	while (f && has < 0 && fgets(line, sizeof(line), f))
		if (!strncmp(line, "flags", 5))
			has = strstr(line, " popcnt") != NULL;
	if (f)
		fclose(f);
	if (!MS_POPCNT_DISPATCH) {
		ck_assert_int_eq(ms_have_popcnt(), 0);
		fprintf(stderr, "check_platform: POPCNT is not chosen at run time in this build\n");
	} else if (has < 0) {
		fprintf(stderr, "check_platform: no processor flags in /proc/cpuinfo to check "
				"ms_have_popcnt() against\n");
	} else {
		ck_assert_int_eq(ms_have_popcnt() != 0, has);
	}
}
END_TEST

UNIT_MAIN("platform", UNIT_ONCE(test_avoid_current_cpu), UNIT_ONCE(test_avoid_only_cpu),
	  UNIT_ONCE(test_avoid_unknown_cpu), UNIT_ONCE(test_popcount), UNIT_ONCE(test_have_popcnt))
