/*
 * Snapshot.statistics() and compare_to(), in Python's order.
 * Written by tests/unit/expected.py (Python 3.12.1): do not edit.
 */

#define SNAPSHOT(name) snapshot_##name, sizeof(snapshot_##name) / sizeof(snapshot_##name[0])

static const struct unit_trace snapshot_cpython1[] = {
	{0u, 0xau, 2, {{"a.py", 2u}, {"b.py", 4u}}},
	{0u, 0xau, 2, {{"a.py", 2u}, {"b.py", 4u}}},
	{0u, 0xau, 2, {{"a.py", 2u}, {"b.py", 4u}}},
	{1u, 0x2u, 2, {{"a.py", 5u}, {"b.py", 4u}}},
	{2u, 0x42u, 1, {{"b.py", 1u}}},
	{3u, 0x7u, 1, {{"<unknown>", 0u}}},
};

static const struct unit_trace snapshot_cpython2[] = {
	{0u, 0xau, 2, {{"a.py", 2u}, {"b.py", 4u}}},
	{0u, 0xau, 2, {{"a.py", 2u}, {"b.py", 4u}}},
	{0u, 0xau, 2, {{"a.py", 2u}, {"b.py", 4u}}},
	{2u, 0x2u, 2, {{"a.py", 5u}, {"b.py", 4u}}},
	{2u, 0x1388u, 2, {{"a.py", 5u}, {"b.py", 4u}}},
	{4u, 0x190u, 1, {{"c.py", 578u}}},
};

static const struct unit_trace snapshot_ties[] = {
	{0u, 0x8u, 1, {{"b.py", 1u}}},
	{0u, 0x8u, 1, {{"a.py", 2u}}},
	{0u, 0x8u, 1, {{"a.py", 10u}}},
	{0u, 0x8u, 1, {{"a.py", 9u}}},
	{0u, 0x8u, 1, {{"ab.py", 1u}}},
	{0u, 0x8u, 1, {{"a.pz", 1u}}},
	{0u, 0x8u, 1, {{"A.py", 1u}}},
	{0u, 0x8u, 1, {{"caf\303\251.py", 1u}}},
	{0u, 0x8u, 1, {{"caf\303\250.py", 1u}}},
	{0u, 0x8u, 1, {{"z.py", 1u}}},
	{0u, 0x8u, 1, {{"\357\277\277.py", 1u}}},
	{0u, 0x8u, 1, {{"\360\220\200\200.py", 1u}}},
	{0u, 0x8u, 1, {{"\360\237\230\200.py", 1u}}},
	{0u, 0x8u, 1, {{"\355\263\277.py", 1u}}},
	{0u, 0x8u, 1, {{"\355\262\200.py", 1u}}},
	{0u, 0x8u, 1, {{"\355\237\277.py", 1u}}},
	{0u, 0x8u, 2, {{"a.py", 2u}, {"b.py", 1u}}},
	{0u, 0x8u, 2, {{"b.py", 1u}, {"a.py", 2u}}},
	{0u, 0x8u, 2, {{"a.py", 2u}, {"a.py", 2u}}},
	{0u, 0x8u, 3, {{"x.py", 3u}, {"b.py", 1u}, {"a.py", 2u}}},
	{0u, 0x8u, 1, {{"", 0u}}},
	{0u, 0x4u, 1, {{"m.py", 1u}}},
	{0u, 0x4u, 1, {{"m.py", 1u}}},
	{0u, 0x3u, 1, {{"n.py", 1u}}},
	{0u, 0x5u, 1, {{"n.py", 1u}}},
	{0u, 0x9u, 1, {{"o.py", 1u}}},
};

static const struct unit_trace snapshot_ties_after[] = {
	{0u, 0x8u, 1, {{"new.py", 1u}}},
	{0u, 0x8u, 1, {{"z.py", 1u}}},
	{0u, 0x10u, 1, {{"a.py", 9u}}},
	{0u, 0x8u, 1, {{"a.py", 10u}}},
	{0u, 0x4u, 1, {{"a.py", 10u}}},
	{0u, 0x8u, 2, {{"b.py", 1u}, {"a.py", 2u}}},
	{0u, 0x8u, 1, {{"\360\237\230\200.py", 1u}}},
	{0u, 0x8u, 1, {{"\355\263\277.py", 1u}}},
	{0u, 0x4u, 1, {{"m.py", 1u}}},
	{0u, 0x5u, 1, {{"n.py", 1u}}},
	{0u, 0x3u, 1, {{"n.py", 1u}}},
	{0u, 0x8u, 1, {{"caf\303\250.py", 1u}}},
};

static const struct unit_trace snapshot_recursion[] = {
	{0u, 0x64u, 4, {{"r.py", 5u}, {"r.py", 5u}, {"r.py", 5u}, {"main.py", 1u}}},
	{0u, 0x1eu, 3, {{"r.py", 6u}, {"r.py", 5u}, {"main.py", 1u}}},
	{1u, 0x7u, 2, {{"lib.py", 3u}, {"main.py", 2u}}},
	{1u, 0x1u, 1, {{"main.py", 1u}}},
};

static const struct unit_trace snapshot_large[] = {
	{0u, 0xffffffffffffffffu, 1, {{"big.py", 1u}}},
	{1u, 0xffffffffffffffffu, 1, {{"big.py", 1u}}},
	{4294967295u, 0xffffffffffffffffu, 1, {{"big.py", 4294967295u}}},
	{0u, 0x8000000000000000u, 1, {{"huge.py", 1u}}},
	{0u, 0x20000000000001u, 1, {{"huge.py", 1u}}},
	{0u, 0x0u, 1, {{"zero.py", 1u}}},
	{0u, 0x0u, 1, {{"zero.py", 1u}}},
};

static const struct unit_trace snapshot_large_after[] = {
	{0u, 0x1u, 1, {{"big.py", 1u}}},
	{0u, 0xffffffffffffffffu, 1, {{"huge.py", 1u}}},
	{0u, 0xffffffffffffffffu, 1, {{"huge.py", 1u}}},
	{0u, 0x0u, 1, {{"zero.py", 1u}}},
};

/* The statistics of each case, largest first. */
static const struct unit_stat stats_0[] = {
	{0x0u, 0x42u, 1u, 1, {{"b.py", 1u}}},
	{0x0u, 0x1eu, 3u, 1, {{"a.py", 2u}}},
	{0x0u, 0x7u, 1u, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x2u, 1u, 1, {{"a.py", 5u}}},
};

static const struct unit_stat stats_1[] = {
	{0x0u, 0x42u, 1u, 1, {{"b.py", 1u}}},
	{0x0u, 0x20u, 4u, 1, {{"b.py", 4u}}},
	{0x0u, 0x1eu, 3u, 1, {{"a.py", 2u}}},
	{0x0u, 0x7u, 1u, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x2u, 1u, 1, {{"a.py", 5u}}},
};

static const struct unit_stat stats_2[] = {
	{0x0u, 0x42u, 1u, 1, {{"b.py", 0u}}},
	{0x0u, 0x20u, 4u, 1, {{"a.py", 0u}}},
	{0x0u, 0x7u, 1u, 1, {{"<unknown>", 0u}}},
};

static const struct unit_stat stats_3[] = {
	{0x0u, 0x62u, 5u, 1, {{"b.py", 0u}}},
	{0x0u, 0x20u, 4u, 1, {{"a.py", 0u}}},
	{0x0u, 0x7u, 1u, 1, {{"<unknown>", 0u}}},
};

static const struct unit_stat stats_4[] = {
	{0x0u, 0x42u, 1u, 1, {{"b.py", 1u}}},
	{0x0u, 0x1eu, 3u, 2, {{"b.py", 4u}, {"a.py", 2u}}},
	{0x0u, 0x7u, 1u, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x2u, 1u, 2, {{"b.py", 4u}, {"a.py", 5u}}},
};

static const struct unit_stat stats_6[] = {
	{0x0u, 0x138au, 2u, 1, {{"a.py", 5u}}},
	{0x0u, 0x190u, 1u, 1, {{"c.py", 578u}}},
	{0x0u, 0x1eu, 3u, 1, {{"a.py", 2u}}},
};

static const struct unit_stat stats_7[] = {
	{0x0u, 0x13a8u, 5u, 1, {{"b.py", 4u}}},
	{0x0u, 0x138au, 2u, 1, {{"a.py", 5u}}},
	{0x0u, 0x190u, 1u, 1, {{"c.py", 578u}}},
	{0x0u, 0x1eu, 3u, 1, {{"a.py", 2u}}},
};

static const struct unit_stat stats_8[] = {
	{0x0u, 0x13a8u, 5u, 1, {{"a.py", 0u}}},
	{0x0u, 0x190u, 1u, 1, {{"c.py", 0u}}},
};

static const struct unit_stat stats_9[] = {
	{0x0u, 0x13a8u, 5u, 1, {{"b.py", 0u}}},
	{0x0u, 0x13a8u, 5u, 1, {{"a.py", 0u}}},
	{0x0u, 0x190u, 1u, 1, {{"c.py", 0u}}},
};

static const struct unit_stat stats_10[] = {
	{0x0u, 0x138au, 2u, 2, {{"b.py", 4u}, {"a.py", 5u}}},
	{0x0u, 0x190u, 1u, 1, {{"c.py", 578u}}},
	{0x0u, 0x1eu, 3u, 2, {{"b.py", 4u}, {"a.py", 2u}}},
};

static const struct unit_stat stats_12[] = {
	{0x0u, 0x18u, 3u, 1, {{"a.py", 2u}}},
	{0x0u, 0x10u, 2u, 1, {{"b.py", 1u}}},
	{0x0u, 0x9u, 1u, 1, {{"o.py", 1u}}},
	{0x0u, 0x8u, 2u, 1, {{"n.py", 1u}}},
	{0x0u, 0x8u, 2u, 1, {{"m.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\237\230\200.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\220\200\200.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\357\277\277.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\263\277.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\262\200.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\237\277.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"z.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"x.py", 3u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\251.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"ab.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.pz", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 10u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 9u}}},
	{0x0u, 0x8u, 1u, 1, {{"A.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"", 0u}}},
};

static const struct unit_stat stats_13[] = {
	{0x0u, 0x30u, 6u, 1, {{"a.py", 2u}}},
	{0x0u, 0x20u, 4u, 1, {{"b.py", 1u}}},
	{0x0u, 0x9u, 1u, 1, {{"o.py", 1u}}},
	{0x0u, 0x8u, 2u, 1, {{"n.py", 1u}}},
	{0x0u, 0x8u, 2u, 1, {{"m.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\237\230\200.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\220\200\200.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\357\277\277.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\263\277.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\262\200.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\237\277.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"z.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"x.py", 3u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\251.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"ab.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.pz", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 10u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 9u}}},
	{0x0u, 0x8u, 1u, 1, {{"A.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"", 0u}}},
};

static const struct unit_stat stats_14[] = {
	{0x0u, 0x28u, 5u, 1, {{"a.py", 0u}}},
	{0x0u, 0x10u, 2u, 1, {{"b.py", 0u}}},
	{0x0u, 0x9u, 1u, 1, {{"o.py", 0u}}},
	{0x0u, 0x8u, 2u, 1, {{"n.py", 0u}}},
	{0x0u, 0x8u, 2u, 1, {{"m.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\237\230\200.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\220\200\200.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\357\277\277.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\263\277.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\262\200.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\237\277.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"z.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"x.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\251.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"ab.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.pz", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"A.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"", 0u}}},
};

static const struct unit_stat stats_15[] = {
	{0x0u, 0x40u, 8u, 1, {{"a.py", 0u}}},
	{0x0u, 0x20u, 4u, 1, {{"b.py", 0u}}},
	{0x0u, 0x9u, 1u, 1, {{"o.py", 0u}}},
	{0x0u, 0x8u, 2u, 1, {{"n.py", 0u}}},
	{0x0u, 0x8u, 2u, 1, {{"m.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\237\230\200.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\220\200\200.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\357\277\277.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\263\277.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\262\200.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\237\277.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"z.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"x.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\251.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"ab.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.pz", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"A.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"", 0u}}},
};

static const struct unit_stat stats_16[] = {
	{0x0u, 0x9u, 1u, 1, {{"o.py", 1u}}},
	{0x0u, 0x8u, 2u, 1, {{"n.py", 1u}}},
	{0x0u, 0x8u, 2u, 1, {{"m.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\237\230\200.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\220\200\200.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\357\277\277.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\263\277.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\262\200.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\237\277.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"z.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\251.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 1u}}},
	{0x0u, 0x8u, 1u, 2, {{"b.py", 1u}, {"a.py", 2u}}},
	{0x0u, 0x8u, 1u, 1, {{"b.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"ab.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.pz", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 10u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 9u}}},
	{0x0u, 0x8u, 1u, 3, {{"a.py", 2u}, {"b.py", 1u}, {"x.py", 3u}}},
	{0x0u, 0x8u, 1u, 2, {{"a.py", 2u}, {"b.py", 1u}}},
	{0x0u, 0x8u, 1u, 2, {{"a.py", 2u}, {"a.py", 2u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 2u}}},
	{0x0u, 0x8u, 1u, 1, {{"A.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"", 0u}}},
};

static const struct unit_stat stats_18[] = {
	{0x0u, 0x10u, 1u, 1, {{"a.py", 9u}}},
	{0x0u, 0xcu, 2u, 1, {{"a.py", 10u}}},
	{0x0u, 0x8u, 2u, 1, {{"n.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\237\230\200.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\263\277.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"z.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"new.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"b.py", 1u}}},
	{0x0u, 0x4u, 1u, 1, {{"m.py", 1u}}},
};

static const struct unit_stat stats_19[] = {
	{0x0u, 0x10u, 1u, 1, {{"a.py", 9u}}},
	{0x0u, 0xcu, 2u, 1, {{"a.py", 10u}}},
	{0x0u, 0x8u, 2u, 1, {{"n.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\237\230\200.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\263\277.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"z.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"new.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"b.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 2u}}},
	{0x0u, 0x4u, 1u, 1, {{"m.py", 1u}}},
};

static const struct unit_stat stats_20[] = {
	{0x0u, 0x1cu, 3u, 1, {{"a.py", 0u}}},
	{0x0u, 0x8u, 2u, 1, {{"n.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\237\230\200.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\263\277.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"z.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"new.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"b.py", 0u}}},
	{0x0u, 0x4u, 1u, 1, {{"m.py", 0u}}},
};

static const struct unit_stat stats_21[] = {
	{0x0u, 0x24u, 4u, 1, {{"a.py", 0u}}},
	{0x0u, 0x8u, 2u, 1, {{"n.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\237\230\200.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\263\277.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"z.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"new.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"b.py", 0u}}},
	{0x0u, 0x4u, 1u, 1, {{"m.py", 0u}}},
};

static const struct unit_stat stats_22[] = {
	{0x0u, 0x10u, 1u, 1, {{"a.py", 9u}}},
	{0x0u, 0xcu, 2u, 1, {{"a.py", 10u}}},
	{0x0u, 0x8u, 2u, 1, {{"n.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\360\237\230\200.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"\355\263\277.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"z.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"new.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 1u}}},
	{0x0u, 0x8u, 1u, 2, {{"a.py", 2u}, {"b.py", 1u}}},
	{0x0u, 0x4u, 1u, 1, {{"m.py", 1u}}},
};

static const struct unit_stat stats_24[] = {
	{0x0u, 0x64u, 1u, 1, {{"r.py", 5u}}},
	{0x0u, 0x1eu, 1u, 1, {{"r.py", 6u}}},
	{0x0u, 0x7u, 1u, 1, {{"lib.py", 3u}}},
	{0x0u, 0x1u, 1u, 1, {{"main.py", 1u}}},
};

static const struct unit_stat stats_25[] = {
	{0x0u, 0x14au, 4u, 1, {{"r.py", 5u}}},
	{0x0u, 0x83u, 3u, 1, {{"main.py", 1u}}},
	{0x0u, 0x1eu, 1u, 1, {{"r.py", 6u}}},
	{0x0u, 0x7u, 1u, 1, {{"main.py", 2u}}},
	{0x0u, 0x7u, 1u, 1, {{"lib.py", 3u}}},
};

static const struct unit_stat stats_26[] = {
	{0x0u, 0x82u, 2u, 1, {{"r.py", 0u}}},
	{0x0u, 0x7u, 1u, 1, {{"lib.py", 0u}}},
	{0x0u, 0x1u, 1u, 1, {{"main.py", 0u}}},
};

static const struct unit_stat stats_27[] = {
	{0x0u, 0x168u, 5u, 1, {{"r.py", 0u}}},
	{0x0u, 0x8au, 4u, 1, {{"main.py", 0u}}},
	{0x0u, 0x7u, 1u, 1, {{"lib.py", 0u}}},
};

static const struct unit_stat stats_28[] = {
	{0x0u, 0x64u, 1u, 4, {{"main.py", 1u}, {"r.py", 5u}, {"r.py", 5u}, {"r.py", 5u}}},
	{0x0u, 0x1eu, 1u, 3, {{"main.py", 1u}, {"r.py", 5u}, {"r.py", 6u}}},
	{0x0u, 0x7u, 1u, 2, {{"main.py", 2u}, {"lib.py", 3u}}},
	{0x0u, 0x1u, 1u, 1, {{"main.py", 1u}}},
};

static const struct unit_stat stats_30[] = {
	{0x1u, 0xfffffffffffffffeu, 2u, 1, {{"big.py", 1u}}},
	{0x0u, 0xffffffffffffffffu, 1u, 1, {{"big.py", 4294967295u}}},
	{0x0u, 0x8020000000000001u, 2u, 1, {{"huge.py", 1u}}},
	{0x0u, 0x0u, 2u, 1, {{"zero.py", 1u}}},
};

static const struct unit_stat stats_31[] = {
	{0x1u, 0xfffffffffffffffeu, 2u, 1, {{"big.py", 1u}}},
	{0x0u, 0xffffffffffffffffu, 1u, 1, {{"big.py", 4294967295u}}},
	{0x0u, 0x8020000000000001u, 2u, 1, {{"huge.py", 1u}}},
	{0x0u, 0x0u, 2u, 1, {{"zero.py", 1u}}},
};

static const struct unit_stat stats_32[] = {
	{0x2u, 0xfffffffffffffffdu, 3u, 1, {{"big.py", 0u}}},
	{0x0u, 0x8020000000000001u, 2u, 1, {{"huge.py", 0u}}},
	{0x0u, 0x0u, 2u, 1, {{"zero.py", 0u}}},
};

static const struct unit_stat stats_33[] = {
	{0x2u, 0xfffffffffffffffdu, 3u, 1, {{"big.py", 0u}}},
	{0x0u, 0x8020000000000001u, 2u, 1, {{"huge.py", 0u}}},
	{0x0u, 0x0u, 2u, 1, {{"zero.py", 0u}}},
};

static const struct unit_stat stats_34[] = {
	{0x1u, 0xfffffffffffffffeu, 2u, 1, {{"big.py", 1u}}},
	{0x0u, 0xffffffffffffffffu, 1u, 1, {{"big.py", 4294967295u}}},
	{0x0u, 0x8020000000000001u, 2u, 1, {{"huge.py", 1u}}},
	{0x0u, 0x0u, 2u, 1, {{"zero.py", 1u}}},
};

static const struct unit_stat stats_36[] = {
	{0x1u, 0xfffffffffffffffeu, 2u, 1, {{"huge.py", 1u}}},
	{0x0u, 0x1u, 1u, 1, {{"big.py", 1u}}},
	{0x0u, 0x0u, 1u, 1, {{"zero.py", 1u}}},
};

static const struct unit_stat stats_37[] = {
	{0x1u, 0xfffffffffffffffeu, 2u, 1, {{"huge.py", 1u}}},
	{0x0u, 0x1u, 1u, 1, {{"big.py", 1u}}},
	{0x0u, 0x0u, 1u, 1, {{"zero.py", 1u}}},
};

static const struct unit_stat stats_38[] = {
	{0x1u, 0xfffffffffffffffeu, 2u, 1, {{"huge.py", 0u}}},
	{0x0u, 0x1u, 1u, 1, {{"big.py", 0u}}},
	{0x0u, 0x0u, 1u, 1, {{"zero.py", 0u}}},
};

static const struct unit_stat stats_39[] = {
	{0x1u, 0xfffffffffffffffeu, 2u, 1, {{"huge.py", 0u}}},
	{0x0u, 0x1u, 1u, 1, {{"big.py", 0u}}},
	{0x0u, 0x0u, 1u, 1, {{"zero.py", 0u}}},
};

static const struct unit_stat stats_40[] = {
	{0x1u, 0xfffffffffffffffeu, 2u, 1, {{"huge.py", 1u}}},
	{0x0u, 0x1u, 1u, 1, {{"big.py", 1u}}},
	{0x0u, 0x0u, 1u, 1, {{"zero.py", 1u}}},
};

static const struct unit_stat stats_42[] = {
	{0x0u, 0x20u, 4u, 1, {{"b.py", 4u}}},
	{0x0u, 0x1eu, 3u, 1, {{"a.py", 2u}}},
	{0x0u, 0x7u, 1u, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x2u, 1u, 1, {{"a.py", 5u}}},
};

static const struct unit_stat stats_43[] = {
	{0x0u, 0x20u, 4u, 1, {{"b.py", 0u}}},
	{0x0u, 0x20u, 4u, 1, {{"a.py", 0u}}},
	{0x0u, 0x7u, 1u, 1, {{"<unknown>", 0u}}},
};

static const struct unit_stat stats_44[] = {
	{0x0u, 0x1eu, 3u, 2, {{"b.py", 4u}, {"a.py", 2u}}},
	{0x0u, 0x7u, 1u, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x2u, 1u, 2, {{"b.py", 4u}, {"a.py", 5u}}},
};

static const struct unit_stat stats_45[] = {
	{0x0u, 0x42u, 1u, 1, {{"b.py", 1u}}},
	{0x0u, 0x1eu, 3u, 1, {{"b.py", 4u}}},
	{0x0u, 0x1eu, 3u, 1, {{"a.py", 2u}}},
};

static const struct unit_stat stats_46[] = {
	{0x0u, 0x60u, 4u, 1, {{"b.py", 0u}}},
	{0x0u, 0x1eu, 3u, 1, {{"a.py", 0u}}},
};

static const struct unit_stat stats_47[] = {
	{0x0u, 0x42u, 1u, 1, {{"b.py", 1u}}},
	{0x0u, 0x1eu, 3u, 2, {{"b.py", 4u}, {"a.py", 2u}}},
};

static const struct unit_stat stats_48[] = {
	{0x0u, 0x7u, 1u, 1, {{"main.py", 2u}}},
	{0x0u, 0x7u, 1u, 1, {{"lib.py", 3u}}},
};

static const struct unit_stat stats_49[] = {
	{0x0u, 0x7u, 1u, 1, {{"main.py", 0u}}},
	{0x0u, 0x7u, 1u, 1, {{"lib.py", 0u}}},
};

static const struct unit_stat stats_50[] = {
	{0x0u, 0x7u, 1u, 2, {{"main.py", 2u}, {"lib.py", 3u}}},
};

static const struct unit_stat stats_51[] = {
	{0x0u, 0x28u, 5u, 1, {{"a.py", 2u}}},
	{0x0u, 0x18u, 3u, 1, {{"b.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\251.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"ab.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.pz", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 10u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 9u}}},
};

static const struct unit_stat stats_52[] = {
	{0x0u, 0x38u, 7u, 1, {{"a.py", 0u}}},
	{0x0u, 0x18u, 3u, 1, {{"b.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\251.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"ab.py", 0u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.pz", 0u}}},
};

static const struct unit_stat stats_53[] = {
	{0x0u, 0x8u, 1u, 1, {{"caf\303\251.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"caf\303\250.py", 1u}}},
	{0x0u, 0x8u, 1u, 2, {{"b.py", 1u}, {"a.py", 2u}}},
	{0x0u, 0x8u, 1u, 1, {{"b.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"ab.py", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.pz", 1u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 10u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 9u}}},
	{0x0u, 0x8u, 1u, 2, {{"a.py", 2u}, {"b.py", 1u}}},
	{0x0u, 0x8u, 1u, 2, {{"a.py", 2u}, {"a.py", 2u}}},
	{0x0u, 0x8u, 1u, 1, {{"a.py", 2u}}},
};

/* refused: Python raised ValueError. */
static const struct group_case {
	const char *snapshot;
	const struct unit_trace *traces;
	size_t ntraces;
	enum ms_key_type key_type;
	int cumulative;
	size_t nfilters;
	struct unit_filter filters[UNIT_MAX_FILTERS];
	int refused;
	const struct unit_stat *stats;
	size_t nstats;
} group_cases[] = {
	{"cpython1", SNAPSHOT(cpython1), MS_KEY_LINENO, 0, 0, {{0}}, 0, stats_0, 4},
	{"cpython1", SNAPSHOT(cpython1), MS_KEY_LINENO, 1, 0, {{0}}, 0, stats_1, 5},
	{"cpython1", SNAPSHOT(cpython1), MS_KEY_FILENAME, 0, 0, {{0}}, 0, stats_2, 3},
	{"cpython1", SNAPSHOT(cpython1), MS_KEY_FILENAME, 1, 0, {{0}}, 0, stats_3, 3},
	{"cpython1", SNAPSHOT(cpython1), MS_KEY_TRACEBACK, 0, 0, {{0}}, 0, stats_4, 4},
	{"cpython1", SNAPSHOT(cpython1), MS_KEY_TRACEBACK, 1, 0, {{0}}, 1, NULL, 0},
	{"cpython2", SNAPSHOT(cpython2), MS_KEY_LINENO, 0, 0, {{0}}, 0, stats_6, 3},
	{"cpython2", SNAPSHOT(cpython2), MS_KEY_LINENO, 1, 0, {{0}}, 0, stats_7, 4},
	{"cpython2", SNAPSHOT(cpython2), MS_KEY_FILENAME, 0, 0, {{0}}, 0, stats_8, 2},
	{"cpython2", SNAPSHOT(cpython2), MS_KEY_FILENAME, 1, 0, {{0}}, 0, stats_9, 3},
	{"cpython2", SNAPSHOT(cpython2), MS_KEY_TRACEBACK, 0, 0, {{0}}, 0, stats_10, 3},
	{"cpython2", SNAPSHOT(cpython2), MS_KEY_TRACEBACK, 1, 0, {{0}}, 1, NULL, 0},
	{"ties", SNAPSHOT(ties), MS_KEY_LINENO, 0, 0, {{0}}, 0, stats_12, 21},
	{"ties", SNAPSHOT(ties), MS_KEY_LINENO, 1, 0, {{0}}, 0, stats_13, 21},
	{"ties", SNAPSHOT(ties), MS_KEY_FILENAME, 0, 0, {{0}}, 0, stats_14, 19},
	{"ties", SNAPSHOT(ties), MS_KEY_FILENAME, 1, 0, {{0}}, 0, stats_15, 19},
	{"ties", SNAPSHOT(ties), MS_KEY_TRACEBACK, 0, 0, {{0}}, 0, stats_16, 24},
	{"ties", SNAPSHOT(ties), MS_KEY_TRACEBACK, 1, 0, {{0}}, 1, NULL, 0},
	{"ties_after", SNAPSHOT(ties_after), MS_KEY_LINENO, 0, 0, {{0}}, 0, stats_18, 10},
	{"ties_after", SNAPSHOT(ties_after), MS_KEY_LINENO, 1, 0, {{0}}, 0, stats_19, 11},
	{"ties_after", SNAPSHOT(ties_after), MS_KEY_FILENAME, 0, 0, {{0}}, 0, stats_20, 9},
	{"ties_after", SNAPSHOT(ties_after), MS_KEY_FILENAME, 1, 0, {{0}}, 0, stats_21, 9},
	{"ties_after", SNAPSHOT(ties_after), MS_KEY_TRACEBACK, 0, 0, {{0}}, 0, stats_22, 10},
	{"ties_after", SNAPSHOT(ties_after), MS_KEY_TRACEBACK, 1, 0, {{0}}, 1, NULL, 0},
	{"recursion", SNAPSHOT(recursion), MS_KEY_LINENO, 0, 0, {{0}}, 0, stats_24, 4},
	{"recursion", SNAPSHOT(recursion), MS_KEY_LINENO, 1, 0, {{0}}, 0, stats_25, 5},
	{"recursion", SNAPSHOT(recursion), MS_KEY_FILENAME, 0, 0, {{0}}, 0, stats_26, 3},
	{"recursion", SNAPSHOT(recursion), MS_KEY_FILENAME, 1, 0, {{0}}, 0, stats_27, 3},
	{"recursion", SNAPSHOT(recursion), MS_KEY_TRACEBACK, 0, 0, {{0}}, 0, stats_28, 4},
	{"recursion", SNAPSHOT(recursion), MS_KEY_TRACEBACK, 1, 0, {{0}}, 1, NULL, 0},
	{"large", SNAPSHOT(large), MS_KEY_LINENO, 0, 0, {{0}}, 0, stats_30, 4},
	{"large", SNAPSHOT(large), MS_KEY_LINENO, 1, 0, {{0}}, 0, stats_31, 4},
	{"large", SNAPSHOT(large), MS_KEY_FILENAME, 0, 0, {{0}}, 0, stats_32, 3},
	{"large", SNAPSHOT(large), MS_KEY_FILENAME, 1, 0, {{0}}, 0, stats_33, 3},
	{"large", SNAPSHOT(large), MS_KEY_TRACEBACK, 0, 0, {{0}}, 0, stats_34, 4},
	{"large", SNAPSHOT(large), MS_KEY_TRACEBACK, 1, 0, {{0}}, 1, NULL, 0},
	{"large_after", SNAPSHOT(large_after), MS_KEY_LINENO, 0, 0, {{0}}, 0, stats_36, 3},
	{"large_after", SNAPSHOT(large_after), MS_KEY_LINENO, 1, 0, {{0}}, 0, stats_37, 3},
	{"large_after", SNAPSHOT(large_after), MS_KEY_FILENAME, 0, 0, {{0}}, 0, stats_38, 3},
	{"large_after", SNAPSHOT(large_after), MS_KEY_FILENAME, 1, 0, {{0}}, 0, stats_39, 3},
	{"large_after", SNAPSHOT(large_after), MS_KEY_TRACEBACK, 0, 0, {{0}}, 0, stats_40, 3},
	{"large_after", SNAPSHOT(large_after), MS_KEY_TRACEBACK, 1, 0, {{0}}, 1, NULL, 0},
	{"cpython1", SNAPSHOT(cpython1), MS_KEY_LINENO, 1, 1, {{0, 0, "b.py", 0, 0u, 0, 0u}}, 0, stats_42, 4},
	{"cpython1", SNAPSHOT(cpython1), MS_KEY_FILENAME, 1, 1, {{0, 0, "b.py", 0, 0u, 0, 0u}}, 0, stats_43, 3},
	{"cpython1", SNAPSHOT(cpython1), MS_KEY_TRACEBACK, 0, 1, {{0, 0, "b.py", 0, 0u, 0, 0u}}, 0, stats_44, 3},
	{"cpython1", SNAPSHOT(cpython1), MS_KEY_LINENO, 1, 2, {{0, 1, "b.py", 0, 0u, 1, 0u}, {1, 0, NULL, 0, 0u, 0, 1u}}, 0, stats_45, 3},
	{"cpython1", SNAPSHOT(cpython1), MS_KEY_FILENAME, 1, 2, {{0, 1, "b.py", 0, 0u, 1, 0u}, {1, 0, NULL, 0, 0u, 0, 1u}}, 0, stats_46, 2},
	{"cpython1", SNAPSHOT(cpython1), MS_KEY_TRACEBACK, 0, 2, {{0, 1, "b.py", 0, 0u, 1, 0u}, {1, 0, NULL, 0, 0u, 0, 1u}}, 0, stats_47, 2},
	{"recursion", SNAPSHOT(recursion), MS_KEY_LINENO, 1, 1, {{0, 1, "lib.py", 0, 0u, 1, 0u}}, 0, stats_48, 2},
	{"recursion", SNAPSHOT(recursion), MS_KEY_FILENAME, 1, 1, {{0, 1, "lib.py", 0, 0u, 1, 0u}}, 0, stats_49, 2},
	{"recursion", SNAPSHOT(recursion), MS_KEY_TRACEBACK, 0, 1, {{0, 1, "lib.py", 0, 0u, 1, 0u}}, 0, stats_50, 1},
	{"ties", SNAPSHOT(ties), MS_KEY_LINENO, 1, 1, {{0, 1, "[a-c]*", 0, 0u, 0, 0u}}, 0, stats_51, 8},
	{"ties", SNAPSHOT(ties), MS_KEY_FILENAME, 1, 1, {{0, 1, "[a-c]*", 0, 0u, 0, 0u}}, 0, stats_52, 6},
	{"ties", SNAPSHOT(ties), MS_KEY_TRACEBACK, 0, 1, {{0, 1, "[a-c]*", 0, 0u, 0, 0u}}, 0, stats_53, 11},
};

/* new.compare_to(old, key_type, cumulative), in order. */
static const struct unit_stat_diff diffs_0[] = {
	{0x0u, 0x138au, 0, 0x0u, 0x1388u, 2u, 1, 1, {{"a.py", 5u}}},
	{0x0u, 0x190u, 0, 0x0u, 0x190u, 1u, 1, 1, {{"c.py", 578u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x42u, 0u, -1, 1, {{"b.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x7u, 0u, -1, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x1eu, 0, 0x0u, 0x0u, 3u, 0, 1, {{"a.py", 2u}}},
};

static const struct unit_stat_diff diffs_1[] = {
	{0x0u, 0x13a8u, 0, 0x0u, 0x1388u, 5u, 1, 1, {{"b.py", 4u}}},
	{0x0u, 0x138au, 0, 0x0u, 0x1388u, 2u, 1, 1, {{"a.py", 5u}}},
	{0x0u, 0x190u, 0, 0x0u, 0x190u, 1u, 1, 1, {{"c.py", 578u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x42u, 0u, -1, 1, {{"b.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x7u, 0u, -1, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x1eu, 0, 0x0u, 0x0u, 3u, 0, 1, {{"a.py", 2u}}},
};

static const struct unit_stat_diff diffs_2[] = {
	{0x0u, 0x13a8u, 0, 0x0u, 0x1388u, 5u, 1, 1, {{"a.py", 0u}}},
	{0x0u, 0x190u, 0, 0x0u, 0x190u, 1u, 1, 1, {{"c.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x42u, 0u, -1, 1, {{"b.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x7u, 0u, -1, 1, {{"<unknown>", 0u}}},
};

static const struct unit_stat_diff diffs_3[] = {
	{0x0u, 0x13a8u, 0, 0x0u, 0x1388u, 5u, 1, 1, {{"a.py", 0u}}},
	{0x0u, 0x13a8u, 0, 0x0u, 0x1346u, 5u, 0, 1, {{"b.py", 0u}}},
	{0x0u, 0x190u, 0, 0x0u, 0x190u, 1u, 1, 1, {{"c.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x7u, 0u, -1, 1, {{"<unknown>", 0u}}},
};

static const struct unit_stat_diff diffs_4[] = {
	{0x0u, 0x138au, 0, 0x0u, 0x1388u, 2u, 1, 2, {{"b.py", 4u}, {"a.py", 5u}}},
	{0x0u, 0x190u, 0, 0x0u, 0x190u, 1u, 1, 1, {{"c.py", 578u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x42u, 0u, -1, 1, {{"b.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x7u, 0u, -1, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x1eu, 0, 0x0u, 0x0u, 3u, 0, 2, {{"b.py", 4u}, {"a.py", 2u}}},
};

static const struct unit_stat_diff diffs_5[] = {
	{0x0u, 0x2u, 1, 0x0u, 0x1388u, 1u, -1, 1, {{"a.py", 5u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x190u, 0u, -1, 1, {{"c.py", 578u}}},
	{0x0u, 0x42u, 0, 0x0u, 0x42u, 1u, 1, 1, {{"b.py", 1u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x7u, 1u, 1, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x1eu, 0, 0x0u, 0x0u, 3u, 0, 1, {{"a.py", 2u}}},
};

static const struct unit_stat_diff diffs_6[] = {
	{0x0u, 0x20u, 1, 0x0u, 0x1388u, 4u, -1, 1, {{"b.py", 4u}}},
	{0x0u, 0x2u, 1, 0x0u, 0x1388u, 1u, -1, 1, {{"a.py", 5u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x190u, 0u, -1, 1, {{"c.py", 578u}}},
	{0x0u, 0x42u, 0, 0x0u, 0x42u, 1u, 1, 1, {{"b.py", 1u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x7u, 1u, 1, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x1eu, 0, 0x0u, 0x0u, 3u, 0, 1, {{"a.py", 2u}}},
};

static const struct unit_stat_diff diffs_7[] = {
	{0x0u, 0x20u, 1, 0x0u, 0x1388u, 4u, -1, 1, {{"a.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x190u, 0u, -1, 1, {{"c.py", 0u}}},
	{0x0u, 0x42u, 0, 0x0u, 0x42u, 1u, 1, 1, {{"b.py", 0u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x7u, 1u, 1, 1, {{"<unknown>", 0u}}},
};

static const struct unit_stat_diff diffs_8[] = {
	{0x0u, 0x20u, 1, 0x0u, 0x1388u, 4u, -1, 1, {{"a.py", 0u}}},
	{0x0u, 0x62u, 1, 0x0u, 0x1346u, 5u, 0, 1, {{"b.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x190u, 0u, -1, 1, {{"c.py", 0u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x7u, 1u, 1, 1, {{"<unknown>", 0u}}},
};

static const struct unit_stat_diff diffs_9[] = {
	{0x0u, 0x2u, 1, 0x0u, 0x1388u, 1u, -1, 2, {{"b.py", 4u}, {"a.py", 5u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x190u, 0u, -1, 1, {{"c.py", 578u}}},
	{0x0u, 0x42u, 0, 0x0u, 0x42u, 1u, 1, 1, {{"b.py", 1u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x7u, 1u, 1, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x1eu, 0, 0x0u, 0x0u, 3u, 0, 2, {{"b.py", 4u}, {"a.py", 2u}}},
};

static const struct unit_stat_diff diffs_10[] = {
	{0x0u, 0x0u, 1, 0x0u, 0x18u, 0u, -3, 1, {{"a.py", 2u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x9u, 0u, -1, 1, {{"o.py", 1u}}},
	{0x0u, 0x10u, 0, 0x0u, 0x8u, 1u, 0, 1, {{"a.py", 9u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"new.py", 1u}}},
	{0x0u, 0x8u, 1, 0x0u, 0x8u, 1u, -1, 1, {{"b.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\360\220\200\200.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\357\277\277.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\355\262\200.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\355\237\277.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"x.py", 3u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"caf\303\251.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"ab.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"a.pz", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"A.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"", 0u}}},
	{0x0u, 0xcu, 0, 0x0u, 0x4u, 2u, 1, 1, {{"a.py", 10u}}},
	{0x0u, 0x4u, 1, 0x0u, 0x4u, 1u, -1, 1, {{"m.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 2u, 0, 1, {{"n.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\360\237\230\200.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\355\263\277.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"z.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"caf\303\250.py", 1u}}},
};

static const struct unit_stat_diff diffs_11[] = {
	{0x0u, 0x8u, 1, 0x0u, 0x28u, 1u, -5, 1, {{"a.py", 2u}}},
	{0x0u, 0x8u, 1, 0x0u, 0x18u, 1u, -3, 1, {{"b.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x9u, 0u, -1, 1, {{"o.py", 1u}}},
	{0x0u, 0x10u, 0, 0x0u, 0x8u, 1u, 0, 1, {{"a.py", 9u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"new.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\360\220\200\200.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\357\277\277.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\355\262\200.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\355\237\277.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"x.py", 3u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"caf\303\251.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"ab.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"a.pz", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"A.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"", 0u}}},
	{0x0u, 0xcu, 0, 0x0u, 0x4u, 2u, 1, 1, {{"a.py", 10u}}},
	{0x0u, 0x4u, 1, 0x0u, 0x4u, 1u, -1, 1, {{"m.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 2u, 0, 1, {{"n.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\360\237\230\200.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\355\263\277.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"z.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"caf\303\250.py", 1u}}},
};

static const struct unit_stat_diff diffs_12[] = {
	{0x0u, 0x1cu, 1, 0x0u, 0xcu, 3u, -2, 1, {{"a.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x9u, 0u, -1, 1, {{"o.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"new.py", 0u}}},
	{0x0u, 0x8u, 1, 0x0u, 0x8u, 1u, -1, 1, {{"b.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\360\220\200\200.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\357\277\277.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\355\262\200.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\355\237\277.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"x.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"caf\303\251.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"ab.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"a.pz", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"A.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"", 0u}}},
	{0x0u, 0x4u, 1, 0x0u, 0x4u, 1u, -1, 1, {{"m.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 2u, 0, 1, {{"n.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\360\237\230\200.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\355\263\277.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"z.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"caf\303\250.py", 0u}}},
};

static const struct unit_stat_diff diffs_13[] = {
	{0x0u, 0x24u, 1, 0x0u, 0x1cu, 4u, -4, 1, {{"a.py", 0u}}},
	{0x0u, 0x8u, 1, 0x0u, 0x18u, 1u, -3, 1, {{"b.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x9u, 0u, -1, 1, {{"o.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"new.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\360\220\200\200.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\357\277\277.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\355\262\200.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\355\237\277.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"x.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"caf\303\251.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"ab.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"a.pz", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"A.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"", 0u}}},
	{0x0u, 0x4u, 1, 0x0u, 0x4u, 1u, -1, 1, {{"m.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 2u, 0, 1, {{"n.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\360\237\230\200.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\355\263\277.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"z.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"caf\303\250.py", 0u}}},
};

static const struct unit_stat_diff diffs_14[] = {
	{0x0u, 0x0u, 1, 0x0u, 0x9u, 0u, -1, 1, {{"o.py", 1u}}},
	{0x0u, 0x10u, 0, 0x0u, 0x8u, 1u, 0, 1, {{"a.py", 9u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"new.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\360\220\200\200.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\357\277\277.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\355\262\200.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"\355\237\277.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"caf\303\251.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 2, {{"b.py", 1u}, {"a.py", 2u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"b.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"ab.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"a.pz", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 3, {{"a.py", 2u}, {"b.py", 1u}, {"x.py", 3u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 2, {{"a.py", 2u}, {"a.py", 2u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"a.py", 2u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"A.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"", 0u}}},
	{0x0u, 0xcu, 0, 0x0u, 0x4u, 2u, 1, 1, {{"a.py", 10u}}},
	{0x0u, 0x4u, 1, 0x0u, 0x4u, 1u, -1, 1, {{"m.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 2u, 0, 1, {{"n.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\360\237\230\200.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\355\263\277.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"z.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"caf\303\250.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 2, {{"a.py", 2u}, {"b.py", 1u}}},
};

static const struct unit_stat_diff diffs_15[] = {
	{0x0u, 0x18u, 0, 0x0u, 0x18u, 3u, 3, 1, {{"a.py", 2u}}},
	{0x0u, 0x9u, 0, 0x0u, 0x9u, 1u, 1, 1, {{"o.py", 1u}}},
	{0x0u, 0x10u, 0, 0x0u, 0x8u, 2u, 1, 1, {{"b.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\360\220\200\200.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\357\277\277.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\355\262\200.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\355\237\277.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"x.py", 3u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"caf\303\251.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"ab.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"a.pz", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"A.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"", 0u}}},
	{0x0u, 0x8u, 1, 0x0u, 0x8u, 1u, 0, 1, {{"a.py", 9u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"new.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x4u, 2u, 1, 1, {{"m.py", 1u}}},
	{0x0u, 0x8u, 1, 0x0u, 0x4u, 1u, -1, 1, {{"a.py", 10u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 2u, 0, 1, {{"n.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\360\237\230\200.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\355\263\277.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"z.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"caf\303\250.py", 1u}}},
};

static const struct unit_stat_diff diffs_16[] = {
	{0x0u, 0x30u, 0, 0x0u, 0x28u, 6u, 5, 1, {{"a.py", 2u}}},
	{0x0u, 0x20u, 0, 0x0u, 0x18u, 4u, 3, 1, {{"b.py", 1u}}},
	{0x0u, 0x9u, 0, 0x0u, 0x9u, 1u, 1, 1, {{"o.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\360\220\200\200.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\357\277\277.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\355\262\200.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\355\237\277.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"x.py", 3u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"caf\303\251.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"ab.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"a.pz", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"A.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"", 0u}}},
	{0x0u, 0x8u, 1, 0x0u, 0x8u, 1u, 0, 1, {{"a.py", 9u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"new.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x4u, 2u, 1, 1, {{"m.py", 1u}}},
	{0x0u, 0x8u, 1, 0x0u, 0x4u, 1u, -1, 1, {{"a.py", 10u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 2u, 0, 1, {{"n.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\360\237\230\200.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\355\263\277.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"z.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"caf\303\250.py", 1u}}},
};

static const struct unit_stat_diff diffs_17[] = {
	{0x0u, 0x28u, 0, 0x0u, 0xcu, 5u, 2, 1, {{"a.py", 0u}}},
	{0x0u, 0x9u, 0, 0x0u, 0x9u, 1u, 1, 1, {{"o.py", 0u}}},
	{0x0u, 0x10u, 0, 0x0u, 0x8u, 2u, 1, 1, {{"b.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\360\220\200\200.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\357\277\277.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\355\262\200.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\355\237\277.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"x.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"caf\303\251.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"ab.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"a.pz", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"A.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"new.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x4u, 2u, 1, 1, {{"m.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 2u, 0, 1, {{"n.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\360\237\230\200.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\355\263\277.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"z.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"caf\303\250.py", 0u}}},
};

static const struct unit_stat_diff diffs_18[] = {
	{0x0u, 0x40u, 0, 0x0u, 0x1cu, 8u, 4, 1, {{"a.py", 0u}}},
	{0x0u, 0x20u, 0, 0x0u, 0x18u, 4u, 3, 1, {{"b.py", 0u}}},
	{0x0u, 0x9u, 0, 0x0u, 0x9u, 1u, 1, 1, {{"o.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\360\220\200\200.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\357\277\277.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\355\262\200.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\355\237\277.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"x.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"caf\303\251.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"ab.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"a.pz", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"A.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"new.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x4u, 2u, 1, 1, {{"m.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 2u, 0, 1, {{"n.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\360\237\230\200.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\355\263\277.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"z.py", 0u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"caf\303\250.py", 0u}}},
};

static const struct unit_stat_diff diffs_19[] = {
	{0x0u, 0x9u, 0, 0x0u, 0x9u, 1u, 1, 1, {{"o.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\360\220\200\200.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\357\277\277.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\355\262\200.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"\355\237\277.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"caf\303\251.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 2, {{"b.py", 1u}, {"a.py", 2u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"b.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"ab.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"a.pz", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 3, {{"a.py", 2u}, {"b.py", 1u}, {"x.py", 3u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 2, {{"a.py", 2u}, {"a.py", 2u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"a.py", 2u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"A.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x8u, 1u, 1, 1, {{"", 0u}}},
	{0x0u, 0x8u, 1, 0x0u, 0x8u, 1u, 0, 1, {{"a.py", 9u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8u, 0u, -1, 1, {{"new.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x4u, 2u, 1, 1, {{"m.py", 1u}}},
	{0x0u, 0x8u, 1, 0x0u, 0x4u, 1u, -1, 1, {{"a.py", 10u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 2u, 0, 1, {{"n.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\360\237\230\200.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"\355\263\277.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"z.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"caf\303\250.py", 1u}}},
	{0x0u, 0x8u, 0, 0x0u, 0x0u, 1u, 0, 2, {{"a.py", 2u}, {"b.py", 1u}}},
};

static const struct unit_stat_diff diffs_20[] = {
	{0x0u, 0x0u, 1, 0x0u, 0x64u, 0u, -1, 1, {{"r.py", 5u}}},
	{0x0u, 0x42u, 0, 0x0u, 0x42u, 1u, 1, 1, {{"b.py", 1u}}},
	{0x0u, 0x1eu, 0, 0x0u, 0x1eu, 3u, 3, 1, {{"a.py", 2u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x1eu, 0u, -1, 1, {{"r.py", 6u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x7u, 1u, 1, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x7u, 0u, -1, 1, {{"lib.py", 3u}}},
	{0x0u, 0x2u, 0, 0x0u, 0x2u, 1u, 1, 1, {{"a.py", 5u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x1u, 0u, -1, 1, {{"main.py", 1u}}},
};

static const struct unit_stat_diff diffs_21[] = {
	{0x0u, 0x0u, 1, 0x0u, 0x14au, 0u, -4, 1, {{"r.py", 5u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x83u, 0u, -3, 1, {{"main.py", 1u}}},
	{0x0u, 0x42u, 0, 0x0u, 0x42u, 1u, 1, 1, {{"b.py", 1u}}},
	{0x0u, 0x20u, 0, 0x0u, 0x20u, 4u, 4, 1, {{"b.py", 4u}}},
	{0x0u, 0x1eu, 0, 0x0u, 0x1eu, 3u, 3, 1, {{"a.py", 2u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x1eu, 0u, -1, 1, {{"r.py", 6u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x7u, 1u, 1, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x7u, 0u, -1, 1, {{"main.py", 2u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x7u, 0u, -1, 1, {{"lib.py", 3u}}},
	{0x0u, 0x2u, 0, 0x0u, 0x2u, 1u, 1, 1, {{"a.py", 5u}}},
};

static const struct unit_stat_diff diffs_22[] = {
	{0x0u, 0x0u, 1, 0x0u, 0x82u, 0u, -2, 1, {{"r.py", 0u}}},
	{0x0u, 0x42u, 0, 0x0u, 0x42u, 1u, 1, 1, {{"b.py", 0u}}},
	{0x0u, 0x20u, 0, 0x0u, 0x20u, 4u, 4, 1, {{"a.py", 0u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x7u, 1u, 1, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x7u, 0u, -1, 1, {{"lib.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x1u, 0u, -1, 1, {{"main.py", 0u}}},
};

static const struct unit_stat_diff diffs_23[] = {
	{0x0u, 0x0u, 1, 0x0u, 0x168u, 0u, -5, 1, {{"r.py", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x8au, 0u, -4, 1, {{"main.py", 0u}}},
	{0x0u, 0x62u, 0, 0x0u, 0x62u, 5u, 5, 1, {{"b.py", 0u}}},
	{0x0u, 0x20u, 0, 0x0u, 0x20u, 4u, 4, 1, {{"a.py", 0u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x7u, 1u, 1, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x7u, 0u, -1, 1, {{"lib.py", 0u}}},
};

static const struct unit_stat_diff diffs_24[] = {
	{0x0u, 0x0u, 1, 0x0u, 0x64u, 0u, -1, 4, {{"main.py", 1u}, {"r.py", 5u}, {"r.py", 5u}, {"r.py", 5u}}},
	{0x0u, 0x42u, 0, 0x0u, 0x42u, 1u, 1, 1, {{"b.py", 1u}}},
	{0x0u, 0x1eu, 0, 0x0u, 0x1eu, 3u, 3, 2, {{"b.py", 4u}, {"a.py", 2u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x1eu, 0u, -1, 3, {{"main.py", 1u}, {"r.py", 5u}, {"r.py", 6u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x7u, 1u, 1, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x7u, 0u, -1, 2, {{"main.py", 2u}, {"lib.py", 3u}}},
	{0x0u, 0x2u, 0, 0x0u, 0x2u, 1u, 1, 2, {{"b.py", 4u}, {"a.py", 5u}}},
	{0x0u, 0x0u, 1, 0x0u, 0x1u, 0u, -1, 1, {{"main.py", 1u}}},
};

static const struct unit_stat_diff diffs_25[] = {
	{0x0u, 0x1u, 1, 0x1u, 0xfffffffffffffffdu, 1u, -1, 1, {{"big.py", 1u}}},
	{0x1u, 0xfffffffffffffffeu, 0, 0x1u, 0x7fdffffffffffffdu, 2u, 0, 1, {{"huge.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0xffffffffffffffffu, 0u, -1, 1, {{"big.py", 4294967295u}}},
	{0x0u, 0x0u, 0, 0x0u, 0x0u, 1u, -1, 1, {{"zero.py", 1u}}},
};

static const struct unit_stat_diff diffs_26[] = {
	{0x0u, 0x1u, 1, 0x1u, 0xfffffffffffffffdu, 1u, -1, 1, {{"big.py", 1u}}},
	{0x1u, 0xfffffffffffffffeu, 0, 0x1u, 0x7fdffffffffffffdu, 2u, 0, 1, {{"huge.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0xffffffffffffffffu, 0u, -1, 1, {{"big.py", 4294967295u}}},
	{0x0u, 0x0u, 0, 0x0u, 0x0u, 1u, -1, 1, {{"zero.py", 1u}}},
};

static const struct unit_stat_diff diffs_27[] = {
	{0x0u, 0x1u, 1, 0x2u, 0xfffffffffffffffcu, 1u, -2, 1, {{"big.py", 0u}}},
	{0x1u, 0xfffffffffffffffeu, 0, 0x1u, 0x7fdffffffffffffdu, 2u, 0, 1, {{"huge.py", 0u}}},
	{0x0u, 0x0u, 0, 0x0u, 0x0u, 1u, -1, 1, {{"zero.py", 0u}}},
};

static const struct unit_stat_diff diffs_28[] = {
	{0x0u, 0x1u, 1, 0x2u, 0xfffffffffffffffcu, 1u, -2, 1, {{"big.py", 0u}}},
	{0x1u, 0xfffffffffffffffeu, 0, 0x1u, 0x7fdffffffffffffdu, 2u, 0, 1, {{"huge.py", 0u}}},
	{0x0u, 0x0u, 0, 0x0u, 0x0u, 1u, -1, 1, {{"zero.py", 0u}}},
};

static const struct unit_stat_diff diffs_29[] = {
	{0x0u, 0x1u, 1, 0x1u, 0xfffffffffffffffdu, 1u, -1, 1, {{"big.py", 1u}}},
	{0x1u, 0xfffffffffffffffeu, 0, 0x1u, 0x7fdffffffffffffdu, 2u, 0, 1, {{"huge.py", 1u}}},
	{0x0u, 0x0u, 1, 0x0u, 0xffffffffffffffffu, 0u, -1, 1, {{"big.py", 4294967295u}}},
	{0x0u, 0x0u, 0, 0x0u, 0x0u, 1u, -1, 1, {{"zero.py", 1u}}},
};

static const struct unit_stat_diff diffs_30[] = {
	{0x1u, 0xfffffffffffffffeu, 0, 0x1u, 0xfffffffffffffffdu, 2u, 1, 1, {{"big.py", 1u}}},
	{0x0u, 0x8020000000000001u, 1, 0x1u, 0x7fdffffffffffffdu, 2u, 0, 1, {{"huge.py", 1u}}},
	{0x0u, 0xffffffffffffffffu, 0, 0x0u, 0xffffffffffffffffu, 1u, 1, 1, {{"big.py", 4294967295u}}},
	{0x0u, 0x0u, 0, 0x0u, 0x0u, 2u, 1, 1, {{"zero.py", 1u}}},
};

static const struct unit_stat_diff diffs_31[] = {
	{0x1u, 0xfffffffffffffffeu, 0, 0x1u, 0xfffffffffffffffdu, 2u, 1, 1, {{"big.py", 1u}}},
	{0x0u, 0x8020000000000001u, 1, 0x1u, 0x7fdffffffffffffdu, 2u, 0, 1, {{"huge.py", 1u}}},
	{0x0u, 0xffffffffffffffffu, 0, 0x0u, 0xffffffffffffffffu, 1u, 1, 1, {{"big.py", 4294967295u}}},
	{0x0u, 0x0u, 0, 0x0u, 0x0u, 2u, 1, 1, {{"zero.py", 1u}}},
};

static const struct unit_stat_diff diffs_32[] = {
	{0x2u, 0xfffffffffffffffdu, 0, 0x2u, 0xfffffffffffffffcu, 3u, 2, 1, {{"big.py", 0u}}},
	{0x0u, 0x8020000000000001u, 1, 0x1u, 0x7fdffffffffffffdu, 2u, 0, 1, {{"huge.py", 0u}}},
	{0x0u, 0x0u, 0, 0x0u, 0x0u, 2u, 1, 1, {{"zero.py", 0u}}},
};

static const struct unit_stat_diff diffs_33[] = {
	{0x2u, 0xfffffffffffffffdu, 0, 0x2u, 0xfffffffffffffffcu, 3u, 2, 1, {{"big.py", 0u}}},
	{0x0u, 0x8020000000000001u, 1, 0x1u, 0x7fdffffffffffffdu, 2u, 0, 1, {{"huge.py", 0u}}},
	{0x0u, 0x0u, 0, 0x0u, 0x0u, 2u, 1, 1, {{"zero.py", 0u}}},
};

static const struct unit_stat_diff diffs_34[] = {
	{0x1u, 0xfffffffffffffffeu, 0, 0x1u, 0xfffffffffffffffdu, 2u, 1, 1, {{"big.py", 1u}}},
	{0x0u, 0x8020000000000001u, 1, 0x1u, 0x7fdffffffffffffdu, 2u, 0, 1, {{"huge.py", 1u}}},
	{0x0u, 0xffffffffffffffffu, 0, 0x0u, 0xffffffffffffffffu, 1u, 1, 1, {{"big.py", 4294967295u}}},
	{0x0u, 0x0u, 0, 0x0u, 0x0u, 2u, 1, 1, {{"zero.py", 1u}}},
};

static const struct unit_stat_diff diffs_35[] = {
	{0x0u, 0x42u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"b.py", 1u}}},
	{0x0u, 0x1eu, 0, 0x0u, 0x0u, 3u, 0, 1, {{"a.py", 2u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x2u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"a.py", 5u}}},
};

static const struct unit_stat_diff diffs_36[] = {
	{0x0u, 0x42u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"b.py", 1u}}},
	{0x0u, 0x20u, 0, 0x0u, 0x0u, 4u, 0, 1, {{"b.py", 4u}}},
	{0x0u, 0x1eu, 0, 0x0u, 0x0u, 3u, 0, 1, {{"a.py", 2u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x2u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"a.py", 5u}}},
};

static const struct unit_stat_diff diffs_37[] = {
	{0x0u, 0x42u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"b.py", 0u}}},
	{0x0u, 0x20u, 0, 0x0u, 0x0u, 4u, 0, 1, {{"a.py", 0u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"<unknown>", 0u}}},
};

static const struct unit_stat_diff diffs_38[] = {
	{0x0u, 0x62u, 0, 0x0u, 0x0u, 5u, 0, 1, {{"b.py", 0u}}},
	{0x0u, 0x20u, 0, 0x0u, 0x0u, 4u, 0, 1, {{"a.py", 0u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"<unknown>", 0u}}},
};

static const struct unit_stat_diff diffs_39[] = {
	{0x0u, 0x42u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"b.py", 1u}}},
	{0x0u, 0x1eu, 0, 0x0u, 0x0u, 3u, 0, 2, {{"b.py", 4u}, {"a.py", 2u}}},
	{0x0u, 0x7u, 0, 0x0u, 0x0u, 1u, 0, 1, {{"<unknown>", 0u}}},
	{0x0u, 0x2u, 0, 0x0u, 0x0u, 1u, 0, 2, {{"b.py", 4u}, {"a.py", 5u}}},
};

static const struct diff_case {
	const struct unit_trace *old_traces;
	size_t old_ntraces;
	const struct unit_trace *new_traces;
	size_t new_ntraces;
	enum ms_key_type key_type;
	int cumulative;
	const struct unit_stat_diff *diffs;
	size_t ndiffs;
} diff_cases[] = {
	{SNAPSHOT(cpython1), SNAPSHOT(cpython2), MS_KEY_LINENO, 0, diffs_0, 5},
	{SNAPSHOT(cpython1), SNAPSHOT(cpython2), MS_KEY_LINENO, 1, diffs_1, 6},
	{SNAPSHOT(cpython1), SNAPSHOT(cpython2), MS_KEY_FILENAME, 0, diffs_2, 4},
	{SNAPSHOT(cpython1), SNAPSHOT(cpython2), MS_KEY_FILENAME, 1, diffs_3, 4},
	{SNAPSHOT(cpython1), SNAPSHOT(cpython2), MS_KEY_TRACEBACK, 0, diffs_4, 5},
	{SNAPSHOT(cpython2), SNAPSHOT(cpython1), MS_KEY_LINENO, 0, diffs_5, 5},
	{SNAPSHOT(cpython2), SNAPSHOT(cpython1), MS_KEY_LINENO, 1, diffs_6, 6},
	{SNAPSHOT(cpython2), SNAPSHOT(cpython1), MS_KEY_FILENAME, 0, diffs_7, 4},
	{SNAPSHOT(cpython2), SNAPSHOT(cpython1), MS_KEY_FILENAME, 1, diffs_8, 4},
	{SNAPSHOT(cpython2), SNAPSHOT(cpython1), MS_KEY_TRACEBACK, 0, diffs_9, 5},
	{SNAPSHOT(ties), SNAPSHOT(ties_after), MS_KEY_LINENO, 0, diffs_10, 22},
	{SNAPSHOT(ties), SNAPSHOT(ties_after), MS_KEY_LINENO, 1, diffs_11, 22},
	{SNAPSHOT(ties), SNAPSHOT(ties_after), MS_KEY_FILENAME, 0, diffs_12, 20},
	{SNAPSHOT(ties), SNAPSHOT(ties_after), MS_KEY_FILENAME, 1, diffs_13, 20},
	{SNAPSHOT(ties), SNAPSHOT(ties_after), MS_KEY_TRACEBACK, 0, diffs_14, 25},
	{SNAPSHOT(ties_after), SNAPSHOT(ties), MS_KEY_LINENO, 0, diffs_15, 22},
	{SNAPSHOT(ties_after), SNAPSHOT(ties), MS_KEY_LINENO, 1, diffs_16, 22},
	{SNAPSHOT(ties_after), SNAPSHOT(ties), MS_KEY_FILENAME, 0, diffs_17, 20},
	{SNAPSHOT(ties_after), SNAPSHOT(ties), MS_KEY_FILENAME, 1, diffs_18, 20},
	{SNAPSHOT(ties_after), SNAPSHOT(ties), MS_KEY_TRACEBACK, 0, diffs_19, 25},
	{SNAPSHOT(recursion), SNAPSHOT(cpython1), MS_KEY_LINENO, 0, diffs_20, 8},
	{SNAPSHOT(recursion), SNAPSHOT(cpython1), MS_KEY_LINENO, 1, diffs_21, 10},
	{SNAPSHOT(recursion), SNAPSHOT(cpython1), MS_KEY_FILENAME, 0, diffs_22, 6},
	{SNAPSHOT(recursion), SNAPSHOT(cpython1), MS_KEY_FILENAME, 1, diffs_23, 6},
	{SNAPSHOT(recursion), SNAPSHOT(cpython1), MS_KEY_TRACEBACK, 0, diffs_24, 8},
	{SNAPSHOT(large), SNAPSHOT(large_after), MS_KEY_LINENO, 0, diffs_25, 4},
	{SNAPSHOT(large), SNAPSHOT(large_after), MS_KEY_LINENO, 1, diffs_26, 4},
	{SNAPSHOT(large), SNAPSHOT(large_after), MS_KEY_FILENAME, 0, diffs_27, 3},
	{SNAPSHOT(large), SNAPSHOT(large_after), MS_KEY_FILENAME, 1, diffs_28, 3},
	{SNAPSHOT(large), SNAPSHOT(large_after), MS_KEY_TRACEBACK, 0, diffs_29, 4},
	{SNAPSHOT(large_after), SNAPSHOT(large), MS_KEY_LINENO, 0, diffs_30, 4},
	{SNAPSHOT(large_after), SNAPSHOT(large), MS_KEY_LINENO, 1, diffs_31, 4},
	{SNAPSHOT(large_after), SNAPSHOT(large), MS_KEY_FILENAME, 0, diffs_32, 3},
	{SNAPSHOT(large_after), SNAPSHOT(large), MS_KEY_FILENAME, 1, diffs_33, 3},
	{SNAPSHOT(large_after), SNAPSHOT(large), MS_KEY_TRACEBACK, 0, diffs_34, 4},
	{SNAPSHOT(cpython1), SNAPSHOT(cpython1), MS_KEY_LINENO, 0, diffs_35, 4},
	{SNAPSHOT(cpython1), SNAPSHOT(cpython1), MS_KEY_LINENO, 1, diffs_36, 5},
	{SNAPSHOT(cpython1), SNAPSHOT(cpython1), MS_KEY_FILENAME, 0, diffs_37, 3},
	{SNAPSHOT(cpython1), SNAPSHOT(cpython1), MS_KEY_FILENAME, 1, diffs_38, 3},
	{SNAPSHOT(cpython1), SNAPSHOT(cpython1), MS_KEY_TRACEBACK, 0, diffs_39, 4},
};
