/*
 * Snapshot.filter_traces(filters): which traces are kept.
 * Written by tests/unit/expected.py (Python 3.12.1): do not edit.
 */

#define SNAPSHOT(name) snapshot_##name, sizeof(snapshot_##name) / sizeof(snapshot_##name[0])

/* Trace i has size 2**i. */
static const struct unit_trace snapshot_cpython[] = {
	{0u, 0x1u, 2, {{"a.py", 2u}, {"b.py", 4u}}},
	{0u, 0x2u, 2, {{"a.py", 2u}, {"b.py", 4u}}},
	{0u, 0x4u, 2, {{"a.py", 2u}, {"b.py", 4u}}},
	{1u, 0x8u, 2, {{"a.py", 5u}, {"b.py", 4u}}},
	{2u, 0x10u, 1, {{"b.py", 1u}}},
	{3u, 0x20u, 1, {{"<unknown>", 0u}}},
};

static const struct unit_trace snapshot_match_trace[] = {
	{0u, 0x1u, 2, {{"a.py", 2u}, {"b.py", 3u}}},
	{0u, 0x2u, 2, {{"b.py", 4u}, {"b.py", 5u}}},
	{0u, 0x4u, 2, {{"c.py", 5u}, {"<unknown>", 0u}}},
	{0u, 0x8u, 1, {{"<unknown>", 0u}}},
};

static const struct unit_trace snapshot_names[] = {
	{0u, 0x1u, 1, {{"abc", 0u}}},
	{0u, 0x2u, 1, {{"12356", 0u}}},
	{0u, 0x4u, 1, {{"<unknown>", 0u}}},
	{0u, 0x8u, 1, {{"", 0u}}},
	{0u, 0x10u, 1, {{"abcdcx", 0u}}},
	{0u, 0x20u, 1, {{"abb", 0u}}},
	{0u, 0x40u, 1, {{"abcdce", 0u}}},
	{0u, 0x80u, 1, {{"abcde", 0u}}},
	{0u, 0x100u, 1, {{"abcbdefeg", 0u}}},
	{0u, 0x200u, 1, {{"abcdd", 0u}}},
	{0u, 0x400u, 1, {{"abcbdefef", 0u}}},
	{0u, 0x800u, 1, {{"a.pyc", 0u}}},
	{0u, 0x1000u, 1, {{"a.py", 0u}}},
	{0u, 0x2000u, 1, {{"aBC", 0u}}},
	{0u, 0x4000u, 1, {{"aBcDe", 0u}}},
	{0u, 0x8000u, 1, {{"a/b", 0u}}},
	{0u, 0x10000u, 1, {{"a\\b", 0u}}},
	{0u, 0x20000u, 1, {{"a/b\\c", 0u}}},
	{0u, 0x40000u, 1, {{"a/b/c", 0u}}},
	{0u, 0x80000u, 1, {{"a.pyo", 0u}}},
	{0u, 0x100000u, 1, {{"a.PY", 0u}}},
	{0u, 0x200000u, 1, {{"x.pyc", 0u}}},
	{0u, 0x400000u, 1, {{"dir/x.py", 0u}}},
	{0u, 0x800000u, 1, {{"pyc", 0u}}},
	{0u, 0x1000000u, 1, {{".pyc", 0u}}},
	{0u, 0x2000000u, 1, {{"caf\303\251.py", 0u}}},
	{0u, 0x4000000u, 1, {{"\355\263\277.py", 0u}}},
	{0u, 0x8000000u, 1, {{"\355\263\277.pyc", 0u}}},
	{0u, 0x10000000u, 1, {{"\360\237\230\200.py", 0u}}},
};

static const struct unit_trace snapshot_lineno[] = {
	{0u, 0x1u, 1, {{"abc", 0u}}},
	{0u, 0x2u, 1, {{"abc", 5u}}},
	{0u, 0x4u, 1, {{"abc", 10u}}},
	{0u, 0x8u, 1, {{"12356", 0u}}},
	{0u, 0x10u, 1, {{"12356", 5u}}},
	{0u, 0x20u, 1, {{"12356", 10u}}},
	{0u, 0x40u, 2, {{"abc", 7u}, {"abc", 5u}}},
	{0u, 0x80u, 3, {{"x.py", 5u}, {"abc", 5u}, {"abc", 4294967295u}}},
	{0u, 0x100u, 1, {{"abc", 4294967295u}}},
};

static const struct unit_trace snapshot_domain[] = {
	{0u, 0x1u, 1, {{"a.py", 1u}}},
	{1u, 0x2u, 1, {{"a.py", 1u}}},
	{1u, 0x4u, 1, {{"b.py", 1u}}},
	{2u, 0x8u, 1, {{"b.py", 2u}}},
	{3u, 0x10u, 2, {{"a.py", 2u}, {"b.py", 1u}}},
	{4294967295u, 0x20u, 1, {{"a.py", 1u}}},
	{4294967295u, 0x40u, 1, {{"c.py", 1u}}},
};

/* kept: the sum of the sizes in filter_traces(filters).traces. */
static const struct filter_case {
	const char *what;
	const struct unit_trace *traces;
	size_t ntraces, nfilters;
	struct unit_filter filters[UNIT_MAX_FILTERS];
	uint64_t kept;
} filter_cases[] = {
	{"no filter", SNAPSHOT(cpython), 0, {{0}}, 0x3fu},
	{"exclude b.py", SNAPSHOT(cpython), 1, {{0, 0, "b.py", 0, 0u, 0, 0u}}, 0x2fu},
	{"include a.py:2 or a.py:5", SNAPSHOT(cpython), 2, {{0, 1, "a.py", 1, 2u, 0, 0u}, {0, 1, "a.py", 1, 5u, 0, 0u}}, 0xfu},
	{"exclude b.py, include a.py:2 or a.py:5", SNAPSHOT(cpython), 3, {{0, 0, "b.py", 0, 0u, 0, 0u}, {0, 1, "a.py", 1, 2u, 0, 0u}, {0, 1, "a.py", 1, 5u, 0, 0u}}, 0xfu},
	{"exclude b.py, all frames", SNAPSHOT(cpython), 1, {{0, 0, "b.py", 0, 0u, 1, 0u}}, 0x20u},
	{"include b.py:4, all frames", SNAPSHOT(cpython), 1, {{0, 1, "b.py", 1, 4u, 1, 0u}}, 0xfu},
	{"exclude domain 3", SNAPSHOT(cpython), 1, {{1, 0, NULL, 0, 0u, 0, 3u}}, 0x1fu},
	{"include domain 3", SNAPSHOT(cpython), 1, {{1, 1, NULL, 0, 0u, 0, 3u}}, 0x20u},
	{"include domain 1 or 2", SNAPSHOT(cpython), 2, {{1, 1, NULL, 0, 0u, 0, 1u}, {1, 1, NULL, 0, 0u, 0, 2u}}, 0x18u},
	{"exclude domains 0 and 2", SNAPSHOT(cpython), 2, {{1, 0, NULL, 0, 0u, 0, 0u}, {1, 0, NULL, 0, 0u, 0, 2u}}, 0x28u},
	{"include domain 0 or a.py:5", SNAPSHOT(cpython), 2, {{1, 1, NULL, 0, 0u, 0, 0u}, {0, 1, "a.py", 1, 5u, 0, 0u}}, 0xfu},
	{"include domain 0, exclude a.py:2", SNAPSHOT(cpython), 2, {{1, 1, NULL, 0, 0u, 0, 0u}, {0, 0, "a.py", 1, 2u, 0, 0u}}, 0x0u},
	{"include a.py, exclude domain 1", SNAPSHOT(cpython), 2, {{0, 1, "a.py", 0, 0u, 0, 0u}, {1, 0, NULL, 0, 0u, 0, 1u}}, 0x7u},
	{"include <unknown> or b.py", SNAPSHOT(cpython), 2, {{0, 1, "<unknown>", 0, 0u, 0, 0u}, {0, 1, "b.py", 0, 0u, 0, 0u}}, 0x30u},
	{"exclude <unknown> and b.py", SNAPSHOT(cpython), 2, {{0, 0, "<unknown>", 0, 0u, 0, 0u}, {0, 0, "b.py", 0, 0u, 0, 0u}}, 0xfu},
	{"exclude everything", SNAPSHOT(cpython), 1, {{0, 0, "*", 0, 0u, 0, 0u}}, 0x0u},
	{"include nothing", SNAPSHOT(cpython), 1, {{0, 1, "nothing", 0, 0u, 0, 0u}}, 0x0u},
	{"include b.py, all frames", SNAPSHOT(match_trace), 1, {{0, 1, "b.py", 0, 0u, 1, 0u}}, 0x3u},
	{"include b.py", SNAPSHOT(match_trace), 1, {{0, 1, "b.py", 0, 0u, 0, 0u}}, 0x2u},
	{"exclude b.py, all frames", SNAPSHOT(match_trace), 1, {{0, 0, "b.py", 0, 0u, 1, 0u}}, 0xcu},
	{"exclude b.py", SNAPSHOT(match_trace), 1, {{0, 0, "b.py", 0, 0u, 0, 0u}}, 0xdu},
	{"exclude <unknown>", SNAPSHOT(match_trace), 1, {{0, 0, "<unknown>", 0, 0u, 0, 0u}}, 0x7u},
	{"include <unknown>, all frames", SNAPSHOT(match_trace), 1, {{0, 1, "<unknown>", 0, 0u, 1, 0u}}, 0xcu},
	{"exclude <unknown>, all frames", SNAPSHOT(match_trace), 1, {{0, 0, "<unknown>", 0, 0u, 1, 0u}}, 0x3u},
	{"include b.py:5, all frames", SNAPSHOT(match_trace), 1, {{0, 1, "b.py", 1, 5u, 1, 0u}}, 0x2u},
	{"exclude b.py:5, all frames", SNAPSHOT(match_trace), 1, {{0, 0, "b.py", 1, 5u, 1, 0u}}, 0xdu},
	{"include b.py:3, all frames", SNAPSHOT(match_trace), 1, {{0, 1, "b.py", 1, 3u, 1, 0u}}, 0x1u},
	{"include abc", SNAPSHOT(lineno), 1, {{0, 1, "abc", 0, 0u, 0, 0u}}, 0x147u},
	{"exclude abc", SNAPSHOT(lineno), 1, {{0, 0, "abc", 0, 0u, 0, 0u}}, 0xb8u},
	{"include abc:5", SNAPSHOT(lineno), 1, {{0, 1, "abc", 1, 5u, 0, 0u}}, 0x2u},
	{"exclude abc:5", SNAPSHOT(lineno), 1, {{0, 0, "abc", 1, 5u, 0, 0u}}, 0x1fdu},
	{"include abc:0", SNAPSHOT(lineno), 1, {{0, 1, "abc", 1, 0u, 0, 0u}}, 0x1u},
	{"exclude abc:0", SNAPSHOT(lineno), 1, {{0, 0, "abc", 1, 0u, 0, 0u}}, 0x1feu},
	{"include abc:5, all frames", SNAPSHOT(lineno), 1, {{0, 1, "abc", 1, 5u, 1, 0u}}, 0xc2u},
	{"exclude abc:5, all frames", SNAPSHOT(lineno), 1, {{0, 0, "abc", 1, 5u, 1, 0u}}, 0x13du},
	{"include *:4294967295, all frames", SNAPSHOT(lineno), 1, {{0, 1, "*", 1, 4294967295u, 1, 0u}}, 0x180u},
	{"include abc:5 or 12356:10", SNAPSHOT(lineno), 2, {{0, 1, "abc", 1, 5u, 0, 0u}, {0, 1, "12356", 1, 10u, 0, 0u}}, 0x22u},
	{"include domain 1", SNAPSHOT(domain), 1, {{1, 1, NULL, 0, 0u, 0, 1u}}, 0x6u},
	{"exclude domain 1", SNAPSHOT(domain), 1, {{1, 0, NULL, 0, 0u, 0, 1u}}, 0x79u},
	{"include domain 4294967295", SNAPSHOT(domain), 1, {{1, 1, NULL, 0, 0u, 0, 4294967295u}}, 0x60u},
	{"exclude domain 4294967295", SNAPSHOT(domain), 1, {{1, 0, NULL, 0, 0u, 0, 4294967295u}}, 0x1fu},
	{"include domain 7 (none)", SNAPSHOT(domain), 1, {{1, 1, NULL, 0, 0u, 0, 7u}}, 0x0u},
	{"include domain 1 and exclude it", SNAPSHOT(domain), 2, {{1, 1, NULL, 0, 0u, 0, 1u}, {1, 0, NULL, 0, 0u, 0, 1u}}, 0x0u},
	{"include domain 1, exclude b.py", SNAPSHOT(domain), 3, {{1, 1, NULL, 0, 0u, 0, 1u}, {1, 0, NULL, 0, 0u, 0, 1u}, {0, 0, "b.py", 0, 0u, 0, 0u}}, 0x0u},
	{"exclude domain 2, include b.py", SNAPSHOT(domain), 2, {{1, 0, NULL, 0, 0u, 0, 2u}, {0, 1, "b.py", 0, 0u, 0, 0u}}, 0x4u},
	{"include domains 1 and 3, exclude a.py, all frames", SNAPSHOT(domain), 3, {{1, 1, NULL, 0, 0u, 0, 1u}, {1, 1, NULL, 0, 0u, 0, 3u}, {0, 0, "a.py", 0, 0u, 1, 0u}}, 0x4u},
	{"include ''", SNAPSHOT(names), 1, {{0, 1, "", 0, 0u, 0, 0u}}, 0x8u},
	{"include 'abc'", SNAPSHOT(names), 1, {{0, 1, "abc", 0, 0u, 0, 0u}}, 0x1u},
	{"include '*'", SNAPSHOT(names), 1, {{0, 1, "*", 0, 0u, 0, 0u}}, 0x1fffffffu},
	{"include 'abcd'", SNAPSHOT(names), 1, {{0, 1, "abcd", 0, 0u, 0, 0u}}, 0x0u},
	{"include 'def'", SNAPSHOT(names), 1, {{0, 1, "def", 0, 0u, 0, 0u}}, 0x0u},
	{"include 'a*'", SNAPSHOT(names), 1, {{0, 1, "a*", 0, 0u, 0, 0u}}, 0x1ffff1u},
	{"include 'abc*'", SNAPSHOT(names), 1, {{0, 1, "abc*", 0, 0u, 0, 0u}}, 0x7d1u},
	{"include 'b*'", SNAPSHOT(names), 1, {{0, 1, "b*", 0, 0u, 0, 0u}}, 0x0u},
	{"include 'abcd*'", SNAPSHOT(names), 1, {{0, 1, "abcd*", 0, 0u, 0, 0u}}, 0x2d0u},
	{"include 'a*c'", SNAPSHOT(names), 1, {{0, 1, "a*c", 0, 0u, 0, 0u}}, 0x60001u},
	{"include 'a*cx'", SNAPSHOT(names), 1, {{0, 1, "a*cx", 0, 0u, 0, 0u}}, 0x10u},
	{"include 'a*c*e'", SNAPSHOT(names), 1, {{0, 1, "a*c*e", 0, 0u, 0, 0u}}, 0x40c0u},
	{"include 'a*bd*eg'", SNAPSHOT(names), 1, {{0, 1, "a*bd*eg", 0, 0u, 0, 0u}}, 0x100u},
	{"include 'a.py'", SNAPSHOT(names), 1, {{0, 1, "a.py", 0, 0u, 0, 0u}}, 0x1800u},
	{"include 'a.pyc'", SNAPSHOT(names), 1, {{0, 1, "a.pyc", 0, 0u, 0, 0u}}, 0x1800u},
	{"include 'a.PY'", SNAPSHOT(names), 1, {{0, 1, "a.PY", 0, 0u, 0, 0u}}, 0x100000u},
	{"include 'a.PYC'", SNAPSHOT(names), 1, {{0, 1, "a.PYC", 0, 0u, 0, 0u}}, 0x0u},
	{"include 'ABc'", SNAPSHOT(names), 1, {{0, 1, "ABc", 0, 0u, 0, 0u}}, 0x0u},
	{"include 'Ab*dE'", SNAPSHOT(names), 1, {{0, 1, "Ab*dE", 0, 0u, 0, 0u}}, 0x0u},
	{"include 'a\\\\b'", SNAPSHOT(names), 1, {{0, 1, "a\\b", 0, 0u, 0, 0u}}, 0x10000u},
	{"include 'a/b'", SNAPSHOT(names), 1, {{0, 1, "a/b", 0, 0u, 0, 0u}}, 0x8000u},
	{"include 'a\\\\b/c'", SNAPSHOT(names), 1, {{0, 1, "a\\b/c", 0, 0u, 0, 0u}}, 0x0u},
	{"include 'a\\\\b\\\\c'", SNAPSHOT(names), 1, {{0, 1, "a\\b\\c", 0, 0u, 0, 0u}}, 0x0u},
	{"include '*.py'", SNAPSHOT(names), 1, {{0, 1, "*.py", 0, 0u, 0, 0u}}, 0x1f601800u},
	{"include '*.pyc'", SNAPSHOT(names), 1, {{0, 1, "*.pyc", 0, 0u, 0, 0u}}, 0x1f601800u},
	{"include '*.pyo'", SNAPSHOT(names), 1, {{0, 1, "*.pyo", 0, 0u, 0, 0u}}, 0x80000u},
	{"include '.pyc'", SNAPSHOT(names), 1, {{0, 1, ".pyc", 0, 0u, 0, 0u}}, 0x1000000u},
	{"include 'pyc'", SNAPSHOT(names), 1, {{0, 1, "pyc", 0, 0u, 0, 0u}}, 0x800000u},
	{"include '*/x.pyc'", SNAPSHOT(names), 1, {{0, 1, "*/x.pyc", 0, 0u, 0, 0u}}, 0x400000u},
	{"include 'caf\?.py'", SNAPSHOT(names), 1, {{0, 1, "caf\?.py", 0, 0u, 0, 0u}}, 0x2000000u},
	{"include '\\udcff.py'", SNAPSHOT(names), 1, {{0, 1, "\377.py", 0, 0u, 0, 0u}}, 0xc000000u},
	{"include '\\udcff.pyc'", SNAPSHOT(names), 1, {{0, 1, "\377.pyc", 0, 0u, 0, 0u}}, 0xc000000u},
	{"include '\?.py'", SNAPSHOT(names), 1, {{0, 1, "\?.py", 0, 0u, 0, 0u}}, 0x1c201800u},
	{"include '\?\?\?\?.py'", SNAPSHOT(names), 1, {{0, 1, "\?\?\?\?.py", 0, 0u, 0, 0u}}, 0x2000000u},
	{"include '[\\udc80-\\udcff].py'", SNAPSHOT(names), 1, {{0, 1, "[\200-\377].py", 0, 0u, 0, 0u}}, 0xc000000u},
	{"exclude ''", SNAPSHOT(names), 1, {{0, 0, "", 0, 0u, 0, 0u}}, 0x1ffffff7u},
	{"exclude 'abc'", SNAPSHOT(names), 1, {{0, 0, "abc", 0, 0u, 0, 0u}}, 0x1ffffffeu},
	{"exclude '*'", SNAPSHOT(names), 1, {{0, 0, "*", 0, 0u, 0, 0u}}, 0x0u},
	{"exclude 'abcd'", SNAPSHOT(names), 1, {{0, 0, "abcd", 0, 0u, 0, 0u}}, 0x1fffffffu},
	{"exclude 'def'", SNAPSHOT(names), 1, {{0, 0, "def", 0, 0u, 0, 0u}}, 0x1fffffffu},
	{"exclude 'a*'", SNAPSHOT(names), 1, {{0, 0, "a*", 0, 0u, 0, 0u}}, 0x1fe0000eu},
};

/* Filter(True, os.fsdecode(arg)).filename_pattern. */
static const struct pattern_case {
	const char *arg, *pattern;
} pattern_cases[] = {
	{"a.pyc", "a.py"},
	{"a.py", "a.py"},
	{"*.pyc", "*.py"},
	{".pyc", ".py"},
	{"pyc", "pyc"},
	{"a.PYC", "a.PYC"},
	{"\377.pyc", "\355\263\277.py"},
	{"\377", "\355\263\277"},
	{"caf\303\251.pyc", "caf\303\251.py"},
	{"a.pyc.pyc", "a.pyc.py"},
	{"a.pyo", "a.pyo"},
	{"a.pycx", "a.pycx"},
	{"", ""},
	{"\303\251\303", "\303\251\355\263\203"},
};
