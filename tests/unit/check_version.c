/* ms_version(): the run-time version agrees with the header's macros. */
#include <check.h>
#include <stdio.h>

#include "unit.h"
#include "memsnap/version.h"

START_TEST(test_run_time_is_compile_time)
{
	unsigned major, minor, patch;
	char end;

	ck_assert_str_eq(ms_version(), MEMSNAP_VERSION_STRING);
	ck_assert_int_eq(sscanf(ms_version(), "%u.%u.%u%c", &major, &minor, &patch, &end), 3);
	ck_assert_uint_eq(major, MEMSNAP_VERSION_MAJOR);
	ck_assert_uint_eq(minor, MEMSNAP_VERSION_MINOR);
	ck_assert_uint_eq(patch, MEMSNAP_VERSION_PATCH);
	ck_assert_uint_eq(ms_version_number(), major * 10000 + minor * 100 + patch);
	ck_assert_uint_eq(ms_version_number(), MEMSNAP_VERSION_NUMBER);
}
END_TEST

UNIT_MAIN("version", UNIT_ONCE(test_run_time_is_compile_time))
