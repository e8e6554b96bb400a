/*
 * UTF-8 as memsnap keeps Python's str (src/util/utf8.c): validation with
 * surrogates allowed and strict, decoding to code points, and os.fsdecode() and
 * os.fsencode(). Expected values: expected_utf8.h.
 */
#include <string.h>

#include "unit.h"
#include "utf8.h"

#include "expected_utf8.h"

START_TEST(test_valid_prefix)
{
	const struct utf8_case *c = &utf8_cases[_i];

	ck_assert_uint_eq(ms_utf8_valid_prefix((const unsigned char *)c->bytes, c->len), c->valid);
}
END_TEST

START_TEST(test_is_strict)
{
	const struct utf8_case *c = &utf8_cases[_i];

	ck_assert_int_eq(ms_utf8_is_strict((const unsigned char *)c->bytes, c->len), c->strict);
}
END_TEST

START_TEST(test_fsdecode)
{
	const struct utf8_case *c = &utf8_cases[_i];
	char *text = malloc(3 * c->len + 1);

	ck_assert_ptr_nonnull(text);
	ck_assert_bytes_eq(text, ms_utf8_fsdecode(text, c->bytes, c->len), c->text, c->text_len);
	free(text);
}
END_TEST

/* os.fsencode(os.fsdecode(b)) == b, and the decoded text is valid. */
START_TEST(test_fs_round_trip)
{
	const struct utf8_case *c = &utf8_cases[_i];
	char *text = malloc(3 * c->len + 1), *back = malloc(3 * c->len + 1);
	size_t n;

	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(back);
	n = ms_utf8_fsdecode(text, c->bytes, c->len);
	ck_assert_uint_eq(ms_utf8_valid_prefix((const unsigned char *)text, n), n);
	ck_assert_bytes_eq(back, ms_utf8_fsencode(back, text, n), c->bytes, c->len);
	free(text);
	free(back);
}
END_TEST

START_TEST(test_code_points)
{
	const struct str_case *c = &str_cases[_i];
	size_t i = 0, n = 0;

	ck_assert_uint_eq(ms_utf8_valid_prefix((const unsigned char *)c->text, c->len), c->len);
	while (i < c->len) {
		ck_assert_uint_lt(n, c->npoints);
		ck_assert_uint_eq(ms_utf8_next((const unsigned char *)c->text, &i), c->points[n]);
		n++;
	}
	ck_assert_uint_eq(i, c->len);
	ck_assert_uint_eq(n, c->npoints);
}
END_TEST

/*
 * os.fsencode(); where Python raises (a surrogate that is no escaped
 * byte) memsnap keeps the three bytes.
 */
START_TEST(test_fsencode)
{
	const struct str_case *c = &str_cases[_i];
	char *bytes = malloc(c->len + 1);

	ck_assert_ptr_nonnull(bytes);
	if (c->bytes)
		ck_assert_bytes_eq(bytes, ms_utf8_fsencode(bytes, c->text, c->len), c->bytes,
				   c->bytes_len);
	else
		ck_assert_bytes_eq(bytes, ms_utf8_fsencode(bytes, c->text, c->len), c->text,
				   c->len);
	free(bytes);
}
END_TEST

UNIT_MAIN("utf8", UNIT_EACH(test_valid_prefix, utf8_cases), UNIT_EACH(test_is_strict, utf8_cases),
	  UNIT_EACH(test_fsdecode, utf8_cases), UNIT_EACH(test_fs_round_trip, utf8_cases),
	  UNIT_EACH(test_code_points, str_cases), UNIT_EACH(test_fsencode, str_cases))
