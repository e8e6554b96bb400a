/* The main() of every Check suite here: run it, exit 1 if anything failed. */
#ifndef MEMSNAP_TESTS_RUN_SUITE_H
#define MEMSNAP_TESTS_RUN_SUITE_H

#include <check.h>

static inline int run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

#endif
