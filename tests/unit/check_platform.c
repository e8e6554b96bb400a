/*
 * ms_current_cpu() and ms_avoid_cpu(): a thread told to avoid a CPU runs on
 * the others it may use, and one that may use no other keeps the CPU it has.
 * Each test changes the CPUs of a thread of its own, never the runner's.
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU sets: the test reads what the calls did */
#include <check.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

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

UNIT_MAIN("platform", UNIT_ONCE(test_avoid_current_cpu), UNIT_ONCE(test_avoid_only_cpu),
	  UNIT_ONCE(test_avoid_unknown_cpu))
