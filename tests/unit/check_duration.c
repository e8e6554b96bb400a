/* ms_duration_parse(): the durations memsnap record accepts, and the ones it refuses. */
#include <check.h>
#include <string.h>

#include "unit.h"
#include "duration.h"

static double parse(const char *text)
{
	struct ms_error err;
	double v = -1;

	ck_assert_msg(ms_duration_parse(text, &v, &err) == MS_OK, "'%s' refused: %s", text,
		      err.message);
	return v;
}

START_TEST(test_units)
{
	ck_assert_double_eq(parse("0"), 0);
	ck_assert_double_eq(parse("10"), 10);
	ck_assert_double_eq(parse("10s"), 10);
	ck_assert_double_eq(parse("100ms"), 0.1);
	ck_assert_double_eq(parse("250us"), 0.00025);
	ck_assert_double_eq(parse("1.5m"), 90);
	ck_assert_double_eq(parse("2h"), 7200);
	ck_assert_double_eq(parse(".5s"), 0.5);
	ck_assert_double_eq(parse("0ms"), 0);
	ck_assert_double_eq(parse("168h"), 7 * 24 * 3600);
}
END_TEST

START_TEST(test_refused)
{
	static const char *const bad[] = {"",	"s",   "-1s",  "1x",   "10 s", "1.2.3s",
					  "1S", "1e3", "169h", "1sec", "0x10", "1234567890123456"};
	struct ms_error err;
	double v = 42;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(ms_duration_parse(bad[i], &v, &err) == MS_ERR_USAGE, "'%s' accepted",
			      bad[i]);
		ck_assert_double_eq(v, 42);
		ck_assert_ptr_nonnull(strstr(err.message, "duration '"));
	}
}
END_TEST

UNIT_MAIN("duration", UNIT_ONCE(test_units), UNIT_ONCE(test_refused))
