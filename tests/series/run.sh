#!/bin/sh
# timeline, leaks and the growth gates, checked against what Python's
# tracemalloc computed (cases/, written by generate.py) and against the
# behaviour the example leaking program must show. Needs a POSIX shell,
# no Python.
#
#   tests/series/run.sh MEMSNAP_BINARY
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
setup "$@"

# The cases (memsnap --format csv prints what reference.py printed), run
# from the top of the repository as their paths are written.
run_cases "$here/cases" "$here/../.."

# run STATUS NAME ARG...: memsnap ARG... ends with STATUS; the checks that
# follow go to the verdict on NAME.
run() {
    want=$1 name=$2
    shift 2
    memsnap "$@"
    want_status "$want"
}

# The example program: leaks names the audit log's line first and alone,
# and never the churning lines (the response buffer, the payload).
set -- examples/leaky/*.bin
old=$1
eval "new=\${$#}"
leak=$(grep -n '_audit.append' examples/leaky.py | cut -d: -f1)
response=$(grep -n 'response = bytes' examples/leaky.py | cut -d: -f1)
recent=$(grep -n '_recent.append' examples/leaky.py | cut -d: -f1)
payload=$(grep -n 'payload = ' examples/leaky.py | cut -d: -f1)
run 0 leaks_example leaks "$@"
sed '/^#/d' "$tmp/stdout" >"$tmp/rows"
[ "$(head -n 1 "$tmp/rows" | cut -d: -f1-2)" = "leaky.py:$leak" ] ||
    problem "first suspect is not leaky.py:$leak: $(head -n 1 "$tmp/rows")"
for line in "$response" "$recent" "$payload"; do
    want_not_in "$tmp/rows" "leaky.py:$line:"
done
want_in "$tmp/rows" "grew in 7 of 7 steps"
verdict leaks_example

# timeline's text: raw totals are the ones Python computed (timeline_leaky).
run 0 timeline_text timeline "$@"
tail -n +2 "$here/cases/timeline_leaky_totals.out" | cut -d, -f1,3,4 | tr , ' ' >"$tmp/want"
sed '/^#/d' "$tmp/stdout" | awk '{ print $1, $4, $5 }' >"$tmp/got"
want_same "$tmp/want" "$tmp/got"
verdict timeline_text

# The gates. The total grew by exactly $growth bytes from first to last
# (Python's numbers, from timeline_leaky_totals); the leak by $leak_growth.
first=$(sed -n 2p "$here/cases/timeline_leaky_totals.out" | cut -d, -f3)
last=$(tail -n 1 "$here/cases/timeline_leaky_totals.out" | cut -d, -f3)
growth=$((last - first))
leak_growth=$(sed -n 2p "$here/cases/leaks_leaky.out" | cut -d, -f4)

gate() { # STATUS NAME ARG...: one check of memsnap's exit status
    run "$@"
    verdict "$2"
}
gate 0 gate_none diff "$old" "$new"
gate 0 gate_total_at diff --fail-over "$growth" "$old" "$new"
run 1 gate_total_over diff --fail-over "$((growth - 1))" "$old" "$new"
want_in "$tmp/stderr" "--fail-over"
want_in "$tmp/stderr" "memsnap: leaky.py:$leak: grew by"
want_in "$tmp/stdout" "leaky.py:$leak: size="
verdict gate_total_over
gate 0 gate_total_units diff --fail-over 1GiB "$old" "$new"
gate 1 gate_total_units_small diff --fail-over 1.5KB "$old" "$new"
gate 0 gate_each_at diff --fail-over-each "$leak_growth" "$old" "$new"
run 1 gate_each_over diff --fail-over-each "$((leak_growth - 1))B" "$old" "$new"
want_in "$tmp/stderr" "memsnap: leaky.py:$leak: grew by"
want_in "$tmp/stderr" "over --fail-over-each"
[ "$(wc -l <"$tmp/stderr")" -eq 1 ] || problem "not one group on stderr"
verdict gate_each_over
gate 0 gate_both_hold diff --fail-over 10MiB --fail-over-each 10MiB "$old" "$new"
gate 0 gate_leaks_at leaks --fail-over-each "$leak_growth" "$@"
run 1 gate_leaks_over leaks --fail-over-each "$((leak_growth - 1))" "$@"
want_in "$tmp/stderr" "memsnap: leaky.py:$leak: grew by"
verdict gate_leaks_over
gate 1 gate_leaks_total leaks --fail-over "$((growth - 1))" "$@"
gate 0 gate_leaks_total_at leaks --fail-over "$growth" "$@"
# memory that shrank holds the total gate at 0
gate 0 gate_shrink diff --fail-over 0 "$new" "$old"

# examples/ci-gate.sh: diff with budgets, leaks with three snapshots or more
ci_run() { # STATUS NAME ARG...: the script exits STATUS
    want=$1 name=$2
    shift 2
    MEMSNAP=$bin sh examples/ci-gate.sh "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    ran=yes
    want_status "$want"
}
ci_gate() { # STATUS NAME ARG...: one check of the script's exit status
    ci_run "$@"
    verdict "$2"
}
ci_gate 0 ci_gate_within "$old" "$new"
ci_run 1 ci_gate_line "$old" "$new" 1MiB "$((leak_growth - 1))"
want_in "$tmp/stderr" "memory gate: FAILED"
verdict ci_gate_line
ci_gate 1 ci_gate_total "$old" "$new" "$((growth - 1))B" 1GiB
ci_gate 0 ci_gate_at "$old" "$new" "${growth}B" "${leak_growth}B"
MEMSNAP_LINE_BUDGET=$((leak_growth - 1))
export MEMSNAP_LINE_BUDGET
ci_gate 1 ci_gate_leaks "$@"
unset MEMSNAP_LINE_BUDGET
ci_gate 0 ci_gate_leaks_within "$@"
ci_gate 2 ci_gate_usage "$old"
ci_gate 2 ci_gate_unreadable "$old" no-such-file.bin

# The pictures the README shows are what memsnap draws today.
(cd examples && "$bin" timeline --top 3 --svg "$tmp/timeline.svg" leaky/*.bin >/dev/null &&
    "$bin" flamegraph --diff leaky/00.bin leaky/07.bin -o "$tmp/growth.svg")
cmp -s "$tmp/timeline.svg" examples/leaky-timeline.svg ||
    problem "examples/leaky-timeline.svg is stale (see README)"
cmp -s "$tmp/growth.svg" examples/leaky-growth.svg ||
    problem "examples/leaky-growth.svg is stale (see README)"
verdict "README's pictures"

# Usage errors: exit 2, one line on stderr, nothing on stdout.
usage() { # NAME ARG...
    run 2 "$@"
    want_refusal
    verdict "$name"
}
usage size_unit diff --fail-over 10XB "$old" "$new"
usage size_empty diff --fail-over '' "$old" "$new"
usage size_negative diff --fail-over-each -5 "$old" "$new"
usage leaks_two leaks "$old" "$new"
usage leaks_fraction leaks --min-steps 1.5 "$@"
usage timeline_format timeline --format xml "$old"
usage timeline_labels timeline --label a "$old" "$new"
usage timeline_missing timeline "$old" no-such-file.bin
usage leaks_bad_file leaks "$old" "$new" tests/golden/fixtures/bad_truncated.bin
usage gate_on_top top --fail-over 1 "$old"
usage flamegraph_two flamegraph "$old" "$new"

run 0 timeline_labels_ok timeline --label 'first run' --label second "$old" "$new"
want_in "$tmp/stdout" "  first run"
verdict timeline_labels_ok
run 0 timeline_json timeline --format json --top 1 "$old" "$new"
want_in "$tmp/stdout" "\"key\": \"leaky.py:$leak\""
want_in "$tmp/stdout" "\"change\": null"
verdict timeline_json

finish
