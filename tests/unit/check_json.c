/*
 * The JSON snapshot reader (every error names the offset and JSON path of
 * the value at fault) and the streaming JSON writer (escapes, exact
 * integers, layout), through the snapshot model they share.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "json_emit.h"
#include "json_read.h"
#include "snapshot_internal.h"
#include "unit.h"

#define HEAD "{\"memsnap_snapshot\": 1, \"traceback_limit\": 3, "

static struct ms_snapshot *parse(const char *text, struct ms_error *err, int *status)
{
	struct ms_snapshot *snap = ms_snapshot_new();

	*status = ms_json_read(snap, text, strlen(text), err);
	return snap;
}

/* Reading text must fail at offset with message. */
static void refused(const char *text, size_t offset, const char *message)
{
	struct ms_error err;
	int status;
	struct ms_snapshot *snap = parse(text, &err, &status);

	ck_assert_int_eq(status, MS_ERR_FORMAT);
	ck_assert_str_eq(err.message, message);
	ck_assert_uint_eq(err.offset, offset);
	ck_assert_ptr_null(err.opcode);
	ms_snapshot_free(snap);
}

START_TEST(tracebacks_must_come_before_traces)
{
	const char *text =
	    "\xef\xbb\xbf {\"traces\": [{\"size\": 18446744073709551615, \"traceback\": "
	    "0, \"domain\": 4294967295},\r\n{\"traceback\": [{\"lineno\": 7, "
	    "\"filename\": \"b\\udc80\\u00e9\\ud83d\\ude00\"}], \"size\": 0, "
	    "\"total_nframe\": 9}], \"traceback_limit\": 5, \"memsnap_snapshot\": 1, "
	    "\"tracebacks\": []}";
	/* tracebacks after traces cannot be referred to */
	refused(text, 60,
		"traces[0].traceback: index 0, but \"tracebacks\" has 0 entries "
		"before \"traces\"");
}
END_TEST

START_TEST(reads_a_snapshot)
{
	const char *text =
	    HEAD "\"tracebacks\": [[{\"filename\": \"a.py\", \"lineno\": 1}, "
		 "{\"filename\": \"b.py\", \"lineno\": 2}]], \"traces\": ["
		 "{\"size\": 18446744073709551615, \"traceback\": 0, \"domain\": 4294967295},"
		 "{\"traceback\": [{\"lineno\": 7, \"filename\": "
		 "\"b\\udc80\\u00e9\\ud83d\\ude00\\\"\\\\\\/\\b\\f\\n\\r\\t\"}], "
		 "\"size\": 0, \"total_nframe\": 9}]}";
	struct ms_error err;
	int status;
	struct ms_snapshot *snap = parse(text, &err, &status);
	struct ms_trace t;
	uint32_t frames[8];
	uint32_t n;
	size_t len;
	const char *name;

	ck_assert_int_eq(status, MS_OK);
	ck_assert_int_eq(ms_snapshot_traceback_limit(snap), 3);
	ck_assert_uint_eq(ms_snapshot_trace_count(snap), 2);
	ck_assert_int_eq(snap->origin.trace_arity, 4);
	t = ms_snapshot_trace(snap, 0);
	ck_assert(t.size == UINT64_MAX);
	ck_assert_uint_eq(t.domain, UINT32_MAX);
	ck_assert_uint_eq(t.total_nframe, 2);
	n = unit_traceback(snap, t.traceback, frames, UNIT_NROWS(frames));
	ck_assert_uint_eq(n, 2);
	/* stored most recent first: the JSON's last frame */
	name = ms_snapshot_string(snap, ms_snapshot_frame(snap, frames[0]).file, &len);
	ck_assert_int_eq(len, 4);
	ck_assert(!memcmp(name, "b.py", 4));
	t = ms_snapshot_trace(snap, 1);
	ck_assert_uint_eq(t.size, 0);
	ck_assert_uint_eq(t.domain, 0);
	ck_assert_uint_eq(t.total_nframe, 9);
	n = unit_traceback(snap, t.traceback, frames, UNIT_NROWS(frames));
	ck_assert_uint_eq(ms_snapshot_frame(snap, frames[0]).lineno, 7);
	name = ms_snapshot_string(snap, ms_snapshot_frame(snap, frames[0]).file, &len);
	/* a lone surrogate takes three bytes; a pair is one code point */
	ck_assert_int_eq(len, 1 + 3 + 2 + 4 + 8);
	ck_assert(!memcmp(name, "b\xed\xb2\x80\xc3\xa9\xf0\x9f\x98\x80\"\\/\b\f\n\r\t", len));
	ms_snapshot_free(snap);
}
END_TEST

START_TEST(three_fields)
{
	struct ms_error err;
	int status;
	struct ms_snapshot *snap = parse(
	    HEAD "\"trace_fields\": 3, \"traces\": [{\"size\": 1, \"traceback\": "
		 "[{\"filename\": \"a\", \"lineno\": 1}, {\"filename\": \"a\", \"lineno\": 1}]}]}",
	    &err, &status);

	ck_assert_int_eq(status, MS_OK);
	ck_assert_int_eq(snap->origin.trace_arity, 3);
	ck_assert_uint_eq(ms_snapshot_trace(snap, 0).total_nframe, 2);
	ms_snapshot_free(snap);
	snap = parse(HEAD "\"traces\": []}", &err, &status);
	ck_assert_int_eq(status, MS_OK);
	ck_assert_int_eq(snap->origin.trace_arity, 0);
	ms_snapshot_free(snap);
}
END_TEST

START_TEST(errors_name_offset_and_path)
{
	refused("{\"memsnap_snapshot\": 2}", 21,
		"memsnap_snapshot: version 2 is not supported (1 is)");
	refused("{\"traceback_limit\": 1, \"traces\": []}", 0,
		"object lacks member \"memsnap_snapshot\"");
	refused(HEAD "\"traces\": [{\"size\": -1}]}", 66,
		"traces[0].size: is negative, not an integer from 0 to 18446744073709551615");
	refused(HEAD "\"traces\": [{\"size\": 18446744073709551616}]}", 66,
		"traces[0].size: 18446744073709551616 exceeds 18446744073709551615");
	refused(HEAD "\"traces\": [{\"size\": 1e3}]}", 66, "traces[0].size: is not an integer");
	refused(HEAD "\"traces\": [{\"size\": 01}]}", 66,
		"traces[0].size: number has a leading zero");
	refused(HEAD "\"traces\": [{\"size\": \"1\"}]}", 66,
		"traces[0].size: is a string, not an integer");
	refused(HEAD "\"traces\": [{\"size\": 1}]}", 57,
		"traces[0]: object lacks member \"traceback\"");
	refused(HEAD "\"traces\": [{\"size\": 1, \"size\": 2}]}", 69,
		"traces[0]: member \"size\" appears twice");
	refused(HEAD "\"traces\": [{\"sise\": 1}]}", 58, "traces[0]: unknown member \"sise\"");
	refused(HEAD "\"traces\": [{\"size\": 1, \"traceback\": []}]}", 82,
		"traces[0].traceback: traceback has no frames");
	refused(HEAD "\"traces\": [{\"size\": 1, \"traceback\": [{\"filename\": \"a\"}]}]}", 83,
		"traces[0].traceback[0]: object lacks member \"lineno\"");
	refused(HEAD "\"traces\": [{\"size\": 1, \"traceback\": [{\"filename\": \"a\", \"lineno\": "
		     "4294967296}]}]}",
		111, "traces[0].traceback[0].lineno: 4294967296 exceeds 4294967295");
	refused(HEAD "\"traces\": [{\"size\": 1, \"traceback\": [{\"filename\": \"\xc0\xaf\", "
		     "\"lineno\": 1}]}]}",
		97, "traces[0].traceback[0].filename: invalid UTF-8 in a string");
	refused(HEAD "\"traces\": [{\"size\": 1, \"traceback\": [{\"filename\": \"\xed\xa0\x80\", "
		     "\"lineno\": 1}]}]}",
		97, "traces[0].traceback[0].filename: invalid UTF-8 in a string");
	refused(HEAD "\"traces\": [{\"size\": 1, \"traceback\": [{\"filename\": \"a\nb\", "
		     "\"lineno\": 1}]}]}",
		98,
		"traces[0].traceback[0].filename: control character 0x0a in a string must be "
		"escaped");
	refused(HEAD "\"traces\": [{\"size\": 1, \"traceback\": [{\"filename\": \"\\x\", "
		     "\"lineno\": 1}]}]}",
		/* cJSON refused the element: the path stops at it, the offset does not */
		97, "traces[0]: invalid escape '\\x' in a string");
	refused(HEAD "\"traces\": [{\"size\": 1, \"traceback\": [{\"filename\": \"\\u12g4\", "
		     "\"lineno\": 1}]}]}",
		97, "traces[0].traceback[0].filename: \\u escape with a non-hexadecimal digit");
	/* where cJSON stopped */
	refused(HEAD "\"traces\": [{\"size\": 1 \"x\": 2}]}", 68,
		"traces[0]: invalid JSON at byte 0x22");
	refused(HEAD "\"traces\": [{\"size\": 1 \"x\": \"\\udc80\"}]}", 57,
		"traces[0]: invalid JSON");
	refused(HEAD "\"traces\": [{\"size\": 1, \"traceback\": [{\"filename\": \"a\", "
		     "\"lineno\": 1}]}, ]}",
		117, "traces[1]: is not JSON (byte 0x5d), not a trace object");
	refused(HEAD "\"traces\": [] }x", 60, "more data after the snapshot object");
	refused(HEAD "\"traces\": [{\"si", 58, "traces[0]: string has no closing quote");
	refused(HEAD "\"traces\": [", 57,
		"traces[0]: is missing (the file ends), not a trace object");
	refused(HEAD "\"trace_fields\": 3, \"traces\": [{\"size\": 1, \"total_nframe\": 2, "
		     "\"traceback\": [{\"filename\": \"a\", \"lineno\": 1}]}]}",
		104,
		"total_nframe given, but \"trace_fields\" is 3 (traces of Python 3.6 to 3.8 "
		"have none)");
	refused(HEAD "\"trace_fields\": 5, \"traces\": []}", 62, "trace_fields: is 5, not 3 or 4");
}
END_TEST

/* The escapes cJSON refuses, or reads to a string it cuts short, are read all the same. */
START_TEST(strings_cjson_cannot_read)
{
	struct ms_error err;
	int status;
	size_t len;
	struct ms_snapshot *snap =
	    parse(HEAD "\"tracebacks\": [[{\"filename\": \"a\\u0000b\\udc80\", \"lineno\": 1}, "
		       "{\"lineno\": 2, \"filename\": \"\\ud800\\u00e9\"}]], "
		       "\"traces\": [{\"size\": 18446744073709551615, \"traceback\": 0}]}",
		  &err, &status);
	uint32_t frames[8];
	const char *name;
	uint32_t n;

	ck_assert_int_eq(status, MS_OK);
	n = unit_traceback(snap, ms_snapshot_trace(snap, 0).traceback, frames, UNIT_NROWS(frames));
	ck_assert_uint_eq(n, 2);
	name = ms_snapshot_string(snap, ms_snapshot_frame(snap, frames[1]).file, &len);
	ck_assert_int_eq(len, 6);
	ck_assert(!memcmp(name, "a\0b\xed\xb2\x80", 6));
	name = ms_snapshot_string(snap, ms_snapshot_frame(snap, frames[0]).file, &len);
	ck_assert_int_eq(len, 5);
	ck_assert(!memcmp(name, "\xed\xa0\x80\xc3\xa9", 5));
	ck_assert(ms_snapshot_trace(snap, 0).size == UINT64_MAX);
	ms_snapshot_free(snap);
}
END_TEST

static char *emit(void (*fill)(struct ms_json *j), int *finished)
{
	char *text = NULL;
	size_t len;
	FILE *out = open_memstream(&text, &len);
	struct ms_json j;

	ms_json_init(&j, out);
	fill(&j);
	*finished = ms_json_finish(&j);
	fclose(out);
	return text;
}

static void fill_strings(struct ms_json *j)
{
	static const char s[] = "q\"b\\c\x01\x1f\x7f\n\r\t\b\f\xed\xb2\x80\xed\x9f\xbf\xc3\xa9/";
	static const char plain[] = "q\"b\\c\x01\x1f\x7f\n\r\t\b\f\xed\x9f\xbf\xc3\xa9/:,";
	cJSON *a = cJSON_CreateArray();

	a = ms_json_add(a, NULL, ms_json_string(s, sizeof(s) - 1));
	a = ms_json_add(a, NULL, ms_json_string(plain, sizeof(plain) - 1));
	a = ms_json_add(a, NULL, ms_json_string("a\0b", 3));
	a = ms_json_add(a, NULL, ms_json_fsname("raw\xff.bin"));
	a = ms_json_add(a, NULL, ms_json_u128(~(ms_u128)0));
	a = ms_json_add(a, NULL, ms_json_i128(-((ms_i128)1 << 100)));
	a = ms_json_add(a, NULL, cJSON_CreateFalse());
	a = ms_json_add(a, NULL, cJSON_CreateNull());
	ms_json_begin_object(j);
	ms_json_member(j, "v", a);
	ms_json_end_object(j);
}

START_TEST(emits_python_escapes_and_exact_integers)
{
	int finished;
	char *text = emit(fill_strings, &finished);

	/* json.dumps(s, ensure_ascii=False), lone surrogates escaped */
	ck_assert_int_eq(finished, 0);
	ck_assert_str_eq(text,
			 "{\n  \"v\": [\"q\\\"b\\\\c\\u0001\\u001f\x7f\\n\\r\\t\\b\\f\\udc80"
			 "\xed\x9f\xbf\xc3\xa9/\", "
			 "\"q\\\"b\\\\c\\u0001\\u001f\x7f\\n\\r\\t\\b\\f\xed\x9f\xbf\xc3\xa9/:,\", "
			 "\"a\\u0000b\", \"raw\\udcff.bin\", "
			 "340282366920938463463374607431768211455, "
			 "-1267650600228229401496703205376, false, null]\n}\n");
	free(text);
}
END_TEST

static void fill_nested(struct ms_json *j)
{
	cJSON *o = cJSON_CreateObject(), *l = cJSON_CreateArray();

	ms_json_begin_object(j);
	ms_json_member(j, "a", ms_json_u128(1));
	ms_json_key(j, "empty");
	ms_json_begin_array(j);
	ms_json_end_array(j);
	ms_json_key(j, "list");
	ms_json_begin_array(j);
	l = ms_json_add(l, NULL, cJSON_CreateTrue());
	l = ms_json_add(l, NULL, cJSON_CreateFalse());
	o = ms_json_add(o, "k", ms_json_cstring("v"));
	o = ms_json_add(o, "l", l);
	ms_json_put(j, o);
	ms_json_end_array(j);
	ms_json_end_object(j);
}

START_TEST(layout)
{
	int finished;
	char *text = emit(fill_nested, &finished);

	ck_assert_int_eq(finished, 0);
	ck_assert_str_eq(text, "{\n  \"a\": 1,\n  \"empty\": [],\n  \"list\": [\n"
			       "    {\"k\": \"v\", \"l\": [true, false]}\n  ]\n}\n");
	free(text);
}
END_TEST

static void fill_failing(struct ms_json *j)
{
	ms_json_begin_array(j);
	ms_json_put(j, ms_json_add(cJSON_CreateArray(), NULL, NULL));
	ms_json_end_array(j);
}

START_TEST(a_value_out_of_memory_fails_the_writer)
{
	int finished;
	char *text = emit(fill_failing, &finished);

	ck_assert_int_eq(finished, -1);
	ck_assert_int_eq(errno, ENOMEM);
	free(text);
}
END_TEST

UNIT_MAIN("json", UNIT_ONCE(tracebacks_must_come_before_traces), UNIT_ONCE(reads_a_snapshot),
	  UNIT_ONCE(three_fields), UNIT_ONCE(errors_name_offset_and_path),
	  UNIT_ONCE(strings_cjson_cannot_read), UNIT_ONCE(emits_python_escapes_and_exact_integers),
	  UNIT_ONCE(layout), UNIT_ONCE(a_value_out_of_memory_fails_the_writer))
