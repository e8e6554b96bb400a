/* ms_size_parse(): the sizes the growth gates accept, and the ones they refuse. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "unit.h"
#include "memsnap/size.h"

static uint64_t parse(const char *text)
{
	struct ms_error err;
	uint64_t v = 0;

	ck_assert_msg(ms_size_parse(text, &v, &err) == MS_OK, "'%s' refused: %s", text,
		      err.message);
	return v;
}

START_TEST(test_units)
{
	ck_assert_uint_eq(parse("0"), 0);
	ck_assert_uint_eq(parse("4096"), 4096);
	ck_assert_uint_eq(parse("512B"), 512);
	ck_assert_uint_eq(parse("1KiB"), 1024);
	ck_assert_uint_eq(parse("1 KiB"), 1024);
	ck_assert_uint_eq(parse("2MiB"), 2u << 20);
	ck_assert_uint_eq(parse("3GiB"), 3ull << 30);
	ck_assert_uint_eq(parse("1TiB"), 1ull << 40);
	ck_assert_uint_eq(parse("1KB"), 1000);
	ck_assert_uint_eq(parse("5MB"), 5000000);
	ck_assert_uint_eq(parse("2GB"), 2000000000);
	ck_assert_uint_eq(parse("1mib"), 1u << 20);
	ck_assert_uint_eq(parse(" 7 kb"), 7000);
	/* a letter alone is the binary unit, as sort -S and ls -h read it */
	ck_assert_uint_eq(parse("10M"), 10u << 20);
	ck_assert_uint_eq(parse("1 K"), 1024);
	ck_assert_uint_eq(parse("2g"), 2ull << 30);
	ck_assert_uint_eq(parse("1T"), 1ull << 40);
}
END_TEST

START_TEST(test_fractions_round_down)
{
	ck_assert_uint_eq(parse("1.5MiB"), 1572864);
	ck_assert_uint_eq(parse("0.1KiB"), 102); /* 102.4: growth above it is above 102 */
	ck_assert_uint_eq(parse("1.5"), 1);
	ck_assert_uint_eq(parse(".5KiB"), 512);
	ck_assert_uint_eq(parse("2."), 2);
	ck_assert_uint_eq(parse("0.000001GB"), 1000);
}
END_TEST

START_TEST(test_limits)
{
	ck_assert_uint_eq(parse("18446744073709551615"), UINT64_MAX);
	ck_assert_uint_eq(parse("16777215.999999TiB"), 18446744073708452104ull);
}
END_TEST

START_TEST(test_refused)
{
	static const char *const bad[] = {"",
					  "KiB",
					  "-1",
					  "1e3",
					  "1..2",
					  "1.2.3",
					  "10XB",
					  "1 Ki",
					  "1KBi",
					  "1KiBs",
					  "1iB",
					  "1 2",
					  "0x10",
					  "18446744073709551616",
					  "16777216TiB",
					  "1000000000000000000000000000KB"};
	struct ms_error err;
	uint64_t v = 42;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(ms_size_parse(bad[i], &v, &err) == MS_ERR_USAGE, "'%s' accepted",
			      bad[i]);
		ck_assert_uint_eq(v, 42);
		ck_assert_ptr_nonnull(strstr(err.message, "size '"));
	}
}
END_TEST

/* Both refusals, of the number and of the unit, list the same units. */
START_TEST(test_refusals_list_units)
{
	static const char units[] = "(B; K, M, G, T or KiB, MiB, GiB, TiB: powers of 1024; KB, MB, "
				    "GB, TB: of 1000)";
	struct ms_error err;
	uint64_t v;

	ck_assert_int_eq(ms_size_parse("ten", &v, &err), MS_ERR_USAGE);
	ck_assert_ptr_nonnull(strstr(err.message, units));
	ck_assert_int_eq(ms_size_parse("10X", &v, &err), MS_ERR_USAGE);
	ck_assert_ptr_nonnull(strstr(err.message, units));
}
END_TEST

UNIT_MAIN("size", UNIT_ONCE(test_units), UNIT_ONCE(test_fractions_round_down),
	  UNIT_ONCE(test_limits), UNIT_ONCE(test_refused), UNIT_ONCE(test_refusals_list_units))
