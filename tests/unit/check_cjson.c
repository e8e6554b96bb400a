/*
 * The static build's own cJSON (src/static/cjson.c) against the cJSON it
 * stands in for, Debian's libcjson: the same texts parse to the same trees
 * and stop at the same byte, the same trees print the same text, and the
 * hooks see every allocation given back.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>

#include "unit.h"

/* The own cJSON, compiled here under other names beside the real one. */
#define cJSON_InitHooks			 own_InitHooks
#define cJSON_ParseWithLengthOpts	 own_ParseWithLengthOpts
#define cJSON_ParseWithLength		 own_ParseWithLength
#define cJSON_PrintPreallocated		 own_PrintPreallocated
#define cJSON_Delete			 own_Delete
#define cJSON_CreateNull		 own_CreateNull
#define cJSON_CreateTrue		 own_CreateTrue
#define cJSON_CreateFalse		 own_CreateFalse
#define cJSON_CreateBool		 own_CreateBool
#define cJSON_CreateNumber		 own_CreateNumber
#define cJSON_CreateString		 own_CreateString
#define cJSON_CreateRaw			 own_CreateRaw
#define cJSON_CreateArray		 own_CreateArray
#define cJSON_CreateObject		 own_CreateObject
#define cJSON_AddItemToArray		 own_AddItemToArray
#define cJSON_AddItemToObjectCS		 own_AddItemToObjectCS
#define cJSON_GetObjectItemCaseSensitive own_GetObjectItemCaseSensitive
#define cJSON_IsNull			 own_IsNull
#define cJSON_IsNumber			 own_IsNumber
#define cJSON_IsString			 own_IsString
#define cJSON_IsObject			 own_IsObject
#include "../../src/static/cjson.c"
#undef cJSON_InitHooks
#undef cJSON_ParseWithLengthOpts
#undef cJSON_ParseWithLength
#undef cJSON_PrintPreallocated
#undef cJSON_Delete
#undef cJSON_CreateNull
#undef cJSON_CreateTrue
#undef cJSON_CreateFalse
#undef cJSON_CreateBool
#undef cJSON_CreateNumber
#undef cJSON_CreateString
#undef cJSON_CreateRaw
#undef cJSON_CreateArray
#undef cJSON_CreateObject
#undef cJSON_AddItemToArray
#undef cJSON_AddItemToObjectCS
#undef cJSON_GetObjectItemCaseSensitive
#undef cJSON_IsNull
#undef cJSON_IsNumber
#undef cJSON_IsString
#undef cJSON_IsObject

static uint64_t rng = 0x9e3779b97f4a7c15u;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11) % n;
}

static void same_tree(const cJSON *a, const cJSON *b)
{
	for (; a || b; a = a->next, b = b->next) {
		ck_assert(a && b);
		ck_assert_int_eq(a->type & 0xff, b->type & 0xff);
		if (!isnan(a->valuedouble)) /* (int)NaN is undefined: cJSON's is the CPU's */
			ck_assert_int_eq(a->valueint, b->valueint);
		ck_assert(a->valuedouble == b->valuedouble ||
			  (isnan(a->valuedouble) && isnan(b->valuedouble)));
		ck_assert(!a->valuestring == !b->valuestring);
		if (a->valuestring)
			ck_assert_str_eq(a->valuestring, b->valuestring);
		ck_assert(!a->string == !b->string);
		if (a->string)
			ck_assert_str_eq(a->string, b->string);
		same_tree(a->child, b->child);
	}
}

static char real_text[1 << 16], own_text[1 << 16];

/* Both print what they hold alike: the same text, or both fail. */
static void same_print(cJSON *real, cJSON *own)
{
	cJSON_bool r = cJSON_PrintPreallocated(real, real_text, sizeof(real_text), 0);
	cJSON_bool o = own_PrintPreallocated(own, own_text, sizeof(own_text), 0);

	ck_assert_int_eq(r, o);
	if (r)
		ck_assert_str_eq(real_text, own_text);
}

/* Both parse text[0..len) alike: the same tree and end, or a failure at the same byte. */
static void same_parse(const char *text, size_t len)
{
	/* a byte past the text for cJSON, which may look at one */
	char *copy = malloc(len + 1);
	const char *real_end = NULL, *own_end = NULL;
	cJSON *real, *own;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, text, len);
	copy[len] = '\0';
	real = cJSON_ParseWithLengthOpts(copy, len, &real_end, 0);
	own = own_ParseWithLengthOpts(copy, len, &own_end, 0);
	if (!real != !own || real_end != own_end)
		ck_abort_msg("\"%.*s\": cJSON %s at %td, own %s at %td", (int)len, text,
			     real ? "parsed" : "failed", real_end - copy, own ? "parsed" : "failed",
			     own_end - copy);
	same_tree(real, own);
	if (real)
		same_print(real, own);
	cJSON_Delete(real);
	own_Delete(own);
	/* and without return_parse_end, as the manifest reader calls it */
	real = cJSON_ParseWithLength(copy, len);
	own = own_ParseWithLength(copy, len);
	ck_assert(!real == !own);
	cJSON_Delete(real);
	own_Delete(own);
	free(copy);
}

#define SAME_PARSE(s) same_parse(s, sizeof(s) - 1)

START_TEST(parses_what_cjson_parses)
{
	static const char *const texts[] = {
	    "",
	    " ",
	    "\t\n\r ",
	    "null",
	    "nul",
	    "nulll",
	    "true",
	    "false",
	    "fals",
	    "tru",
	    "x",
	    "0",
	    "-0",
	    "-",
	    "+1",
	    "01",
	    "1.",
	    ".5",
	    "-.5",
	    "1e",
	    "1e+",
	    "1e5",
	    "1E-5",
	    "1.5e3.2",
	    "123456789012345678901234567890",
	    "1e400",
	    "-1e400",
	    "2147483647",
	    "2147483648",
	    "-2147483648",
	    "-2147483649",
	    "4.9e-324",
	    "0.1",
	    "1,",
	    "1 ",
	    "1 2",
	    "  7  ",
	    "9007199254740993",
	    "1-2",
	    "1+2",
	    "1ee2",
	    "0x10",
	    "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
	    "\"\"",
	    "\"abc\"",
	    "\"abc",
	    "\"a\\\"",
	    "\"\\",
	    "\"\\\"",
	    "\"a\\\"b\"",
	    "\"\\/\\b\\f\\n\\r\\t\"",
	    "\"\\x\"",
	    "\"\\u\"",
	    "\"\\u12\"",
	    "\"\\u0041\"",
	    "\"\\u00e9\\u20AC\"",
	    "\"\\u0000x\"",
	    "\"\\uZZZZ\"",
	    "\"\\u00zz\"",
	    "\"\\ud83d\\ude00\"",
	    "\"\\ud83d\"",
	    "\"\\ud83dx\"",
	    "\"\\ud83d\\u0041\"",
	    "\"\\ude00\"",
	    "\"\\ud83d\\ud83d\"",
	    "\"\\ud83d\\ude0\"",
	    "\"\\udbff\\udfff\"",
	    "\"tab\there\"",
	    "\"\x01\x1f\x7f\xff\xc3\xa9\"",
	    "\"\\u12\\\"",
	    "\"\\u1\\\"\"",
	    "\"\\ud83d\\\"abcde\"",
	    "[",
	    "[ ",
	    "[]",
	    "[ ]",
	    "[1]",
	    "[1,]",
	    "[,1]",
	    "[1 2]",
	    "[1,2",
	    "[1,2 ",
	    "[[[]]]",
	    "[null,true,false,\"s\",1.5,{}]",
	    "]",
	    "[1]]",
	    "[\"a\\\"]",
	    "[1,2]xyz",
	    "{",
	    "{ ",
	    "{}",
	    "{ }",
	    "{\"a\":1}",
	    "{\"a\" : 1 , \"b\":[2]}",
	    "{\"a\"}",
	    "{\"a\":}",
	    "{\"a\":1,}",
	    "{1:2}",
	    "{\"a\" 1}",
	    "{\"a\":1",
	    "{\"a\":1 ",
	    "{\"a\":1,\"a\":2}",
	    "{\"\":\"\"}",
	    "{\"a\\u0000b\":1}",
	    "{\"a\":1}}",
	    "{\"k\":{\"k\":{\"k\":[]}}}",
	    "\xef\xbb\xbf",
	    "\xef\xbb\xbf[1]",
	    "\xef\xbb\xbf"
	    "1",
	    "\xef\xbb\xbf"
	    "12",
	    "\xef\xbb[1]",
	    "{\"size\": 3, \"traceback\": [{\"filename\": \"a.py\", \"lineno\": 1}]}",
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		same_parse(texts[i], strlen(texts[i]));
	SAME_PARSE("\"a\0b\"");
	SAME_PARSE("[1,\0]");
	SAME_PARSE("\0");
	SAME_PARSE("1\0");
}
END_TEST

/* Texts made of the bytes and words JSON is made of, most of them wrong. */
START_TEST(parses_random_texts_as_cjson_does)
{
	static const char *const pieces[] = {
	    "{",    "}",       "[",	   "]",	    ",",	":",	"\"",	 "\\",
	    "\\u",  "\\ud83d", "\\ude00",  "\\u00", "0",	"1",	"9",	 "-",
	    "+",    ".",       "e",	   "E",	    "null",	"true", "false", "nu",
	    " ",    "\n",      "\t",	   "\"a\"", "\"key\":", "12.5", "-3e2",	 "x",
	    "\x01", "\xff",    "\xc3\xa9", "\0",    "/",	"n",
	};
	char text[96];
	int k;

	for (k = 0; k < 200000; k++) {
		size_t len = 0, n = 1 + rnd(12);

		while (n--) {
			const char *p = pieces[rnd(sizeof(pieces) / sizeof(pieces[0]))];
			size_t m = *p ? strlen(p) : 1;

			if (len + m > sizeof(text))
				break;
			memcpy(text + len, p, m);
			len += m;
		}
		same_parse(text, len);
	}
}
END_TEST

START_TEST(nests_1000_deep_and_no_deeper)
{
	static char text[2 * 1002 + 16];
	int depth;

	for (depth = 998; depth <= 1002; depth++) {
		memset(text, '[', (size_t)depth);
		memset(text + depth, ']', (size_t)depth);
		same_parse(text, 2 * (size_t)depth);
		memset(text, '{', 1);
		same_parse(text, 2 * (size_t)depth);
	}
}
END_TEST

/* A random value built with each library's calls alike. */
static void build(cJSON **real, cJSON **own, int depth)
{
	static const char *const keys[] = {"size", "a\"b", "tab\t", "", "\xc3\xa9"};
	static const double numbers[] = {0.0,		-0.0,
					 1.0,		-1.0,
					 0.1,		1.0 / 3,
					 1e300,		-1e-300,
					 2147483647.0,	2147483648.0,
					 -2147483648.0, -2147483649.0,
					 1e21,		123456789012345678.0,
					 5e-324,	0.30000000000000004};
	char s[24];
	double d;
	int i, n;

	switch (rnd(depth > 4 ? 7 : 9)) {
	case 0:
		*real = cJSON_CreateNull(), *own = own_CreateNull();
		break;
	case 1:
		*real = cJSON_CreateBool(1), *own = own_CreateBool(1);
		break;
	case 2:
		*real = cJSON_CreateFalse(), *own = own_CreateFalse();
		break;
	case 3:
		d = rnd(2) ? numbers[rnd(sizeof(numbers) / sizeof(numbers[0]))]
			   : ldexp((double)rnd(1u << 30) - (1 << 29), (int)rnd(200) - 100);
		if (!rnd(20))
			d = rnd(2) ? NAN : -INFINITY;
		*real = cJSON_CreateNumber(d), *own = own_CreateNumber(d);
		break;
	case 4:
	case 5:
		for (i = 0, n = (int)rnd(sizeof(s)); i < n; i++)
			s[i] = (char)(1 + rnd(255));
		s[n] = '\0';
		if (rnd(3))
			*real = cJSON_CreateString(s), *own = own_CreateString(s);
		else
			*real = cJSON_CreateRaw(s), *own = own_CreateRaw(s);
		break;
	case 6:
	case 7:
		*real = cJSON_CreateArray(), *own = own_CreateArray();
		for (n = (int)rnd(5); n > 0; n--) {
			cJSON *r, *o;

			build(&r, &o, depth + 1);
			ck_assert_int_eq(cJSON_AddItemToArray(*real, r),
					 own_AddItemToArray(*own, o));
		}
		break;
	default:
		*real = cJSON_CreateObject(), *own = own_CreateObject();
		for (n = (int)rnd(5); n > 0; n--) {
			const char *key = keys[rnd(sizeof(keys) / sizeof(keys[0]))];
			cJSON *r, *o;

			build(&r, &o, depth + 1);
			ck_assert_int_eq(cJSON_AddItemToObjectCS(*real, key, r),
					 own_AddItemToObjectCS(*own, key, o));
		}
	}
	ck_assert_ptr_nonnull(*real);
	ck_assert_ptr_nonnull(*own);
}

START_TEST(prints_what_cjson_prints)
{
	int k;

	for (k = 0; k < 20000; k++) {
		cJSON *real, *own;

		build(&real, &own, 0);
		same_tree(real, own);
		same_print(real, own);
		/* and what it printed reads back alike */
		if (cJSON_PrintPreallocated(real, real_text, sizeof(real_text), 0))
			same_parse(real_text, strlen(real_text));
		cJSON_Delete(real);
		own_Delete(own);
	}
}
END_TEST

START_TEST(finds_members_and_types)
{
	const char *text = "{\"a\":1,\"b\":null,\"a\":\"x\",\"c\":{}}";
	cJSON *real = cJSON_ParseWithLength(text, strlen(text));
	cJSON *own = own_ParseWithLength(text, strlen(text));
	const char *names[] = {"a", "b", "c", "A", "", NULL};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(real, names[i]);
		const cJSON *o = own_GetObjectItemCaseSensitive(own, names[i]);

		ck_assert(!r == !o);
		ck_assert_int_eq(cJSON_IsNull(r), own_IsNull(o));
		ck_assert_int_eq(cJSON_IsNumber(r), own_IsNumber(o));
		ck_assert_int_eq(cJSON_IsString(r), own_IsString(o));
		ck_assert_int_eq(cJSON_IsObject(r), own_IsObject(o));
		if (r)
			same_tree(r->child, o->child);
	}
	ck_assert_int_eq(cJSON_IsObject(real), own_IsObject(own));
	ck_assert_ptr_null(own_GetObjectItemCaseSensitive(NULL, "a"));
	ck_assert_int_eq(own_IsObject(NULL), 0);
	/* not into itself, nor NULL */
	ck_assert_int_eq(own_AddItemToArray(own, own), cJSON_AddItemToArray(real, real));
	ck_assert_int_eq(own_AddItemToArray(own, NULL), cJSON_AddItemToArray(real, NULL));
	ck_assert_int_eq(own_AddItemToObjectCS(own, NULL, own),
			 cJSON_AddItemToObjectCS(real, NULL, real));
	cJSON_Delete(real);
	own_Delete(own);
}
END_TEST

static long live;

static void *counting_malloc(size_t n)
{
	live++;
	return malloc(n);
}

static void counting_free(void *p)
{
	live--;
	free(p);
}

/* Everything goes through the hooks and comes back, as memsnap's reader arena needs. */
START_TEST(allocates_through_the_hooks)
{
	cJSON_Hooks counting = {counting_malloc, counting_free};
	const char *text = "{\"a\":[1,\"two\",{\"x\":null}],\"b\":\"\\u00e9\"}";
	cJSON *item;

	own_InitHooks(&counting);
	item = own_ParseWithLength(text, strlen(text));
	ck_assert_ptr_nonnull(item);
	ck_assert_int_gt(live, 8);
	own_Delete(item);
	ck_assert_int_eq(live, 0);
	item = own_CreateObject();
	own_AddItemToObjectCS(item, "k", own_CreateString("v"));
	own_AddItemToObjectCS(item, "r", own_CreateRaw("[1]"));
	ck_assert_int_eq(live, 5);
	own_Delete(item);
	ck_assert_int_eq(live, 0);
	own_InitHooks(NULL);
}
END_TEST

UNIT_MAIN("cjson", UNIT_ONCE(parses_what_cjson_parses),
	  UNIT_ONCE(parses_random_texts_as_cjson_does), UNIT_ONCE(nests_1000_deep_and_no_deeper),
	  UNIT_ONCE(prints_what_cjson_prints), UNIT_ONCE(finds_members_and_types),
	  UNIT_ONCE(allocates_through_the_hooks))
