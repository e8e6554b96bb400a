/*
 * The function names of source that Python would refuse, or that is built
 * to be costly: every line still gets a name, nesting is capped, nothing
 * reads outside the text (the sanitizer builds run this). Names of real
 * source are checked against Python's ast in tests/pyscope/.
 */
#include <stdio.h>
#include <string.h>

#include "pyscope.h"
#include "unit.h"

struct hostile {
	const char *name;
	const char *text;
	size_t len; /* 0: strlen(text) */
};

static const struct hostile hostile[] = {
    {"empty", "", 0},
    {"unterminated string", "def f():\n    x = '''abc\n", 0},
    {"unterminated single", "def f():\n    x = 'abc\ny = 2\n", 0},
    {"unterminated f-string field", "def f():\n    x = f'{a[\n", 0},
    {"field never closed", "x = f\"{'{'\"\n", 0},
    {"format spec at end", "x = f'{a:{b:", 0},
    {"backslash at end", "x = 1 \\", 0},
    {"named escape at end", "x = f'\\N{", 0},
    {"def without name", "def (x):\n    pass\nclass :\n    pass\n", 0},
    {"def without colon", "def f(x)\n    pass\ndef g(): pass\n", 0},
    {"lambda without colon", "x = (lambda a, b\n, 3)\ny = lambda", 0},
    {"closing brackets only", ")))]]]}}}\ndef f():\n  )\n  return 1\n", 0},
    {"global at module level", "global a, b\ndef a(): pass\n", 0},
    {"global without names", "def f():\n    global\n    def g(): pass\n", 0},
    {"dedent to no level", "def f():\n        x = 1\n    y = 2\n  z = 3\n", 0},
    {"lone carriage returns", "def f():\r    x = 1\r\r  \rdef g():\r    pass", 0},
    {"nul bytes", "def f():\n    x\0 = 1\n\0\0def g(): pass\n",
     sizeof("def f():\n    x\0 = 1\n\0\0def g(): pass\n") - 1},
    {"form feeds", "\f\fdef f():\n\f    return 1\n", 0},
    {"async alone", "async\nasync = 1\nasync def f(): pass\n", 0},
    {"for outside brackets", "for for in in: for\n(for x in y for)\n", 0},
    {"non-ASCII bytes", "def \xc3\xa9t\xc3\xa9():\n    return '\xe2\x82\xac'\n", 0},
};

START_TEST(test_hostile)
{
	const struct hostile *h = &hostile[_i];
	size_t len = h->len ? h->len : strlen(h->text), n;
	struct ms_pyscope *ps = ms_pyscope_new(h->text, len);
	uint32_t line;

	ck_assert_msg(ps != NULL, "%s", h->name);
	for (line = 1; line <= ms_pyscope_lines(ps); line++)
		ck_assert_msg(ms_pyscope_name(ps, line, &n) != NULL, "%s: line %u", h->name, line);
	ck_assert_ptr_null(ms_pyscope_name(ps, 0, &n));
	ck_assert_ptr_null(ms_pyscope_name(ps, ms_pyscope_lines(ps) + 1, &n));
	ms_pyscope_free(ps);
}
END_TEST

/* The lines linecache counts: a final line without its end counts too. */
START_TEST(test_lines)
{
	static const struct {
		const char *text;
		uint32_t lines;
	} cases[] = {{"", 0},	    {"x", 1},	    {"x\n", 1},	   {"x\r\ny", 2},
		     {"\r\r\n", 2}, {"a\rb\nc", 3}, {"\n\n\n", 3}, {"\f", 1}};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ms_pyscope *ps = ms_pyscope_new(cases[i].text, strlen(cases[i].text));
		ck_assert_ptr_nonnull(ps);
		ck_assert_uint_eq(ms_pyscope_lines(ps), cases[i].lines);
		ms_pyscope_free(ps);
	}
}
END_TEST

/* Appends text to buf at *n, repeated count times. */
static void repeat(char *buf, size_t *n, const char *text, size_t count)
{
	size_t len = strlen(text);

	while (count--) {
		memcpy(buf + *n, text, len);
		*n += len;
	}
}

/*
 * 300 nested defs (Python refuses past 100 blocks): the innermost lines
 * are named by the deepest scope memsnap keeps, at most 256 names long.
 */
START_TEST(test_deep_defs)
{
	enum { DEPTH = 300 };
	static char buf[DEPTH * (DEPTH + 16) + 64];
	size_t n = 0, len, parts = 1, i;
	struct ms_pyscope *ps;
	const char *name;
	int d;

	for (d = 0; d < DEPTH; d++) {
		memset(buf + n, ' ', (size_t)d);
		n += (size_t)d;
		n += (size_t)sprintf(buf + n, "def f%d():\n", d);
	}
	memset(buf + n, ' ', DEPTH);
	n += DEPTH;
	repeat(buf, &n, "pass\n", 1);
	ps = ms_pyscope_new(buf, n);
	ck_assert_ptr_nonnull(ps);
	name = ms_pyscope_name(ps, DEPTH + 1, &len);
	ck_assert_ptr_nonnull(name);
	for (i = 0; i + 10 <= len; i++)
		parts += !memcmp(name + i, ".<locals>.", 10);
	ck_assert_uint_eq(parts, 256);
	name = ms_pyscope_name(ps, 2, &len);
	ck_assert_uint_eq(len, 2);
	ck_assert_mem_eq(name, "f0", 2);
	ms_pyscope_free(ps);
}
END_TEST

/* Brackets and f-strings nested past every limit: still one name per line. */
START_TEST(test_deep_brackets)
{
	static char buf[1 << 20];
	size_t n = 0, len;
	struct ms_pyscope *ps;
	const char *name;

	repeat(buf, &n, "def f():\n    x = ", 1);
	repeat(buf, &n, "(lambda: ", 5000);
	repeat(buf, &n, "\n1", 1);
	repeat(buf, &n, ")", 5000);
	repeat(buf, &n, "\n    y = ", 1);
	repeat(buf, &n, "f'{", 2000);
	repeat(buf, &n, "\ndef g():\n    return 2\n", 1);
	ps = ms_pyscope_new(buf, n);
	ck_assert_ptr_nonnull(ps);
	name = ms_pyscope_name(ps, 3, &len);
	ck_assert_ptr_nonnull(name);
	ck_assert_uint_le(len, 256 * 20);
	ms_pyscope_free(ps);
}
END_TEST

UNIT_MAIN("pyscope", UNIT_EACH(test_hostile, hostile), UNIT_ONCE(test_lines),
	  UNIT_ONCE(test_deep_defs), UNIT_ONCE(test_deep_brackets))
