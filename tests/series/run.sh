#!/usr/bin/env bash
# timeline, leaks and the growth gates, checked against what Python's
# tracemalloc computed (cases/, written by generate.py) and against the
# behaviour the example leaking program must show. Needs bash and
# coreutils, no Python.
#
#   tests/series/run.sh MEMSNAP_BINARY
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 MEMSNAP_BINARY" >&2
    exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.." || exit 2
export LC_ALL=C
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    echo "FAIL $*"
}

# expect STATUS NAME ARGS...: memsnap exits with STATUS; stdout and stderr
# are left in $tmp/out and $tmp/err.
expect() {
    local want=$1 name=$2 status
    shift 2
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ "$status" -eq "$want" ]; then
        pass
        return 0
    fi
    fail "$name: memsnap $* exited $status, expected $want"
    sed 's/^/  stderr: /' "$tmp/err" | head -n 5
    return 1
}

# contains NAME FILE TEXT / lacks NAME FILE TEXT: a fixed string is (not) in FILE.
contains() {
    if grep -qF -- "$3" "$2"; then pass; else fail "$1: '$3' not in $(basename "$2")"; fi
}
lacks() {
    if grep -qF -- "$3" "$2"; then fail "$1: '$3' in $(basename "$2")"; else pass; fi
}

# The cases: memsnap --format csv prints what reference.py printed.
for args_file in "$here"/cases/*.args; do
    name=$(basename "$args_file" .args)
    read -r -a argv <"$args_file"
    if expect 0 "$name" "${argv[@]}" --format csv; then
        if cmp -s "$here/cases/$name.out" "$tmp/out"; then
            pass
        else
            fail "$name: output differs from cases/$name.out"
            diff -a -u "$here/cases/$name.out" "$tmp/out" | sed -n '3,14s/^/  /p'
        fi
    fi
done

# The example program: leaks names the audit log's line first and alone,
# and never the churning lines (the response buffer, the payload).
leaky=(examples/leaky/*.bin)
leak=$(grep -n '_audit.append' examples/leaky.py | cut -d: -f1)
response=$(grep -n 'response = bytes' examples/leaky.py | cut -d: -f1)
recent=$(grep -n '_recent.append' examples/leaky.py | cut -d: -f1)
payload=$(grep -n 'payload = ' examples/leaky.py | cut -d: -f1)
if expect 0 leaks_example leaks "${leaky[@]}"; then
    sed '/^#/d' "$tmp/out" >"$tmp/rows"
    if [ "$(head -n 1 "$tmp/rows" | cut -d: -f1-2)" = "leaky.py:$leak" ]; then
        pass
    else
        fail "leaks_example: first suspect is not leaky.py:$leak"
        head -n 3 "$tmp/rows" | sed 's/^/  /'
    fi
    for line in "$response" "$recent" "$payload"; do
        lacks leaks_example "$tmp/rows" "leaky.py:$line:"
    done
    contains leaks_example "$tmp/rows" "grew in 7 of 7 steps"
fi

# timeline's text: raw totals are the ones Python computed (timeline_leaky).
if expect 0 timeline_text timeline "${leaky[@]}"; then
    tail -n +2 "$here/cases/timeline_leaky_totals.out" | cut -d, -f1,3,4 | tr , ' ' >"$tmp/want"
    sed '/^#/d' "$tmp/out" | awk '{ print $1, $4, $5 }' >"$tmp/got"
    if cmp -s "$tmp/want" "$tmp/got"; then pass; else fail "timeline_text: totals differ"; fi
fi

# The gates. The total grew by exactly $growth bytes from first to last
# (Python's numbers, from timeline_leaky_totals); the leak by $leak_growth.
first=$(sed -n 2p "$here/cases/timeline_leaky_totals.out" | cut -d, -f3)
last=$(tail -n 1 "$here/cases/timeline_leaky_totals.out" | cut -d, -f3)
growth=$((last - first))
leak_growth=$(sed -n 2p "$here/cases/leaks_leaky.out" | cut -d, -f4)
old=${leaky[0]}
new=${leaky[${#leaky[@]} - 1]}

expect 0 gate_none diff "$old" "$new"
expect 0 gate_total_at diff --fail-over "$growth" "$old" "$new"
if expect 1 gate_total_over diff --fail-over "$((growth - 1))" "$old" "$new"; then
    contains gate_total_over "$tmp/err" "--fail-over"
    contains gate_total_over "$tmp/err" "memsnap: leaky.py:$leak: grew by"
    contains gate_total_over "$tmp/out" "leaky.py:$leak: size="
fi
expect 0 gate_total_units diff --fail-over 1GiB "$old" "$new"
expect 1 gate_total_units_small diff --fail-over 1.5KB "$old" "$new"
expect 0 gate_each_at diff --fail-over-each "$leak_growth" "$old" "$new"
if expect 1 gate_each_over diff --fail-over-each "$((leak_growth - 1))B" "$old" "$new"; then
    contains gate_each_over "$tmp/err" "memsnap: leaky.py:$leak: grew by"
    contains gate_each_over "$tmp/err" "over --fail-over-each"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] && pass || fail "gate_each_over: not one group on stderr"
fi
expect 0 gate_both_hold diff --fail-over 10MiB --fail-over-each 10MiB "$old" "$new"
expect 0 gate_leaks_at leaks --fail-over-each "$leak_growth" "${leaky[@]}"
if expect 1 gate_leaks_over leaks --fail-over-each "$((leak_growth - 1))" "${leaky[@]}"; then
    contains gate_leaks_over "$tmp/err" "memsnap: leaky.py:$leak: grew by"
fi
expect 1 gate_leaks_total leaks --fail-over "$((growth - 1))" "${leaky[@]}"
expect 0 gate_leaks_total_at leaks --fail-over "$growth" "${leaky[@]}"
# memory that shrank holds the total gate at 0
expect 0 gate_shrink diff --fail-over 0 "$new" "$old"

# examples/ci-gate.sh: diff with budgets, leaks with three snapshots or more
gate() { # WANT NAME ARGS...: the script exits WANT
    local want=$1 name=$2 status
    shift 2
    MEMSNAP=$bin sh examples/ci-gate.sh "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ "$status" -eq "$want" ]; then pass; else fail "$name: ci-gate.sh $* exited $status"; fi
}
gate 0 ci_gate_within "$old" "$new"
gate 1 ci_gate_line "$old" "$new" 1MiB "$((leak_growth - 1))"
contains ci_gate_line "$tmp/err" "memory gate: FAILED"
gate 1 ci_gate_total "$old" "$new" "$((growth - 1))B" 1GiB
gate 0 ci_gate_at "$old" "$new" "${growth}B" "${leak_growth}B"
MEMSNAP_LINE_BUDGET=$((leak_growth - 1)) gate 1 ci_gate_leaks "${leaky[@]}"
gate 0 ci_gate_leaks_within "${leaky[@]}"
gate 2 ci_gate_usage "$old"
gate 2 ci_gate_unreadable "$old" no-such-file.bin

# The pictures the README shows are what memsnap draws today.
(cd examples && "$bin" timeline --top 3 --svg "$tmp/timeline.svg" leaky/*.bin >/dev/null &&
    "$bin" flamegraph --diff leaky/00.bin leaky/07.bin -o "$tmp/growth.svg")
cmp -s "$tmp/timeline.svg" examples/leaky-timeline.svg && pass ||
    fail "examples/leaky-timeline.svg is stale (see README)"
cmp -s "$tmp/growth.svg" examples/leaky-growth.svg && pass ||
    fail "examples/leaky-growth.svg is stale (see README)"

# Usage errors: exit 2, one line on stderr, nothing on stdout.
usage() {
    local name=$1
    shift
    if expect 2 "$name" "$@"; then
        if [ -s "$tmp/out" ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
            fail "$name: stdout not empty or stderr not one line"
        else
            pass
        fi
    fi
}
usage size_unit diff --fail-over 10XB "$old" "$new"
usage size_empty diff --fail-over '' "$old" "$new"
usage size_negative diff --fail-over-each -5 "$old" "$new"
usage leaks_two leaks "$old" "$new"
usage leaks_fraction leaks --min-steps 1.5 "${leaky[@]}"
usage timeline_format timeline --format xml "$old"
usage timeline_labels timeline --label a "$old" "$new"
usage timeline_missing timeline "$old" no-such-file.bin
usage leaks_bad_file leaks "$old" "$new" tests/golden/fixtures/bad_truncated.bin
usage gate_on_top top --fail-over 1 "$old"
usage flamegraph_two flamegraph "$old" "$new"

if expect 0 timeline_labels_ok timeline --label 'first run' --label second "$old" "$new"; then
    contains timeline_labels_ok "$tmp/out" "  first run"
fi
if expect 0 timeline_json timeline --format json --top 1 "$old" "$new"; then
    contains timeline_json "$tmp/out" "\"key\": \"leaky.py:$leak\""
    contains timeline_json "$tmp/out" "\"change\": null"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
