/*
 * Numbers as Python prints them (src/report/format.c): _format_size() at every
 * unit boundary and sign, int / int and float(int) rounded as Python
 * rounds them, and 128-bit decimal text. Expected values: expected_format.h.
 */
#include <string.h>

#include "format128.h"
#include "unit.h"

#include "expected_format.h"

/* Bit-for-bit equality, so that a wrong last bit or -0.0 shows. */
#define ck_assert_double_bits(got, want)                                                           \
	do {                                                                                       \
		double got_ = (got), want_ = (want);                                               \
		ck_assert_msg(!memcmp(&got_, &want_, sizeof(double)), "%a != %a", got_, want_);    \
	} while (0)

/* What str(Statistic) does with an int size: float it, then format. */
START_TEST(test_format_size)
{
	const struct size_case *c = &size_cases[_i];
	char buf[MS_SIZE_TEXT_MAX];
	double size = ms_u128_to_double(unit_u128(c->hi, c->lo));

	ms_format_size(buf, c->neg ? -size : size, c->sign);
	ck_assert_str_eq(buf, c->text);
}
END_TEST

START_TEST(test_format_average)
{
	const struct average_case *c = &average_cases[_i];
	char buf[MS_SIZE_TEXT_MAX];

	ms_format_size(buf, ms_div_round(unit_u128(c->hi, c->lo), c->count), false);
	ck_assert_str_eq(buf, c->text);
}
END_TEST

START_TEST(test_div_round)
{
	const struct div_case *c = &div_cases[_i];

	ck_assert_double_bits(ms_div_round(unit_u128(c->hi, c->lo), c->den), c->quotient);
}
END_TEST

/* Whether the row's value is an ms_i128: -2**127 <= value < 2**127. */
static bool fits_i128(const struct int_case *c)
{
	return unit_u128(c->hi, c->lo) < ((ms_u128)1 << 127) + (unsigned)c->neg;
}

START_TEST(test_int_to_double)
{
	const struct int_case *c = &int_cases[_i];

	if (!c->neg)
		ck_assert_double_bits(ms_u128_to_double(unit_u128(c->hi, c->lo)), c->value);
	if (fits_i128(c))
		ck_assert_double_bits(ms_i128_to_double(unit_i128(c->neg, c->hi, c->lo)), c->value);
}
END_TEST

START_TEST(test_int_text)
{
	const struct int_case *c = &int_cases[_i];
	char buf[42];

	if (!c->neg)
		ck_assert_str_eq(ms_u128_text(buf, unit_u128(c->hi, c->lo)), c->text);
	if (fits_i128(c)) {
		ms_i128 v = unit_i128(c->neg, c->hi, c->lo);

		ck_assert_str_eq(ms_i128_text(buf, v, false), c->text);
		ck_assert_str_eq(ms_i128_text(buf, v, true), c->signed_text);
	}
}
END_TEST

UNIT_MAIN("format", UNIT_EACH(test_format_size, size_cases),
	  UNIT_EACH(test_format_average, average_cases), UNIT_EACH(test_div_round, div_cases),
	  UNIT_EACH(test_int_to_double, int_cases), UNIT_EACH(test_int_text, int_cases))
