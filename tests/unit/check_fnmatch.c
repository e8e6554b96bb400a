/*
 * Glob matching (src/analyze/fnmatch.c) against Python's fnmatch.fnmatchcase():
 * '*', '?', sets, negation, ranges (empty ones too), ']' first, unclosed
 * '[', backslashes, and code points rather than bytes. Expected values:
 * expected_fnmatch.h.
 */
#include <string.h>

#include "fnmatch.h"
#include "unit.h"

#include "expected_fnmatch.h"

static bool glob_match(const char *pattern, const char *name)
{
	struct ms_glob *glob = ms_glob_compile(pattern, strlen(pattern));
	bool match;

	ck_assert_ptr_nonnull(glob);
	match = ms_glob_match(glob, name, strlen(name));
	ms_glob_free(glob);
	return match;
}

START_TEST(test_fnmatchcase)
{
	const struct fnmatch_case *c = &fnmatch_cases[_i];

	ck_assert_msg(glob_match(c->pattern, c->name) == (bool)c->match,
		      "fnmatchcase(%s, %s) is %s in Python", c->name, c->pattern,
		      c->match ? "True" : "False");
}
END_TEST

/*
 * One compiled pattern serves any number of names. Python:
 * fnmatchcase("a.py", "*[!0-9].py") is True, with "1.py" False.
 */
START_TEST(test_compiled_once)
{
	struct ms_glob *glob = ms_glob_compile("*[!0-9].py", 10);

	ck_assert_ptr_nonnull(glob);
	ck_assert(ms_glob_match(glob, "a.py", 4));
	ck_assert(!ms_glob_match(glob, "1.py", 4));
	ck_assert(ms_glob_match(glob, "a.py", 4));
	ms_glob_free(glob);
}
END_TEST

/*
 * Only len bytes count, of the pattern ("a*" read as "a") and of the name:
 * fnmatchcase("a", "a") is True, fnmatchcase("ab", "a") False.
 */
START_TEST(test_lengths)
{
	struct ms_glob *glob = ms_glob_compile("a*", 1);

	ck_assert_ptr_nonnull(glob);
	ck_assert(ms_glob_match(glob, "ab", 1));
	ck_assert(!ms_glob_match(glob, "ab", 2));
	ms_glob_free(glob);
}
END_TEST

/*
 * Many stars over a long name, which an exponential backtracker would
 * not finish: Python says False, then True.
 */
START_TEST(test_many_stars)
{
	char name[4001];

	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	ck_assert(!glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*b", name));
	ck_assert(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*", name));
}
END_TEST

UNIT_MAIN("fnmatch", UNIT_EACH(test_fnmatchcase, fnmatch_cases), UNIT_ONCE(test_compiled_once),
	  UNIT_ONCE(test_lengths), UNIT_ONCE(test_many_stars))
