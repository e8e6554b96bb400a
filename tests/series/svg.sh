#!/usr/bin/env bash
# The pictures: timeline --svg and flamegraph (plain and --diff) must be
# well-formed, self-contained XML, also for hostile file names and labels,
# and carry what they promise (tooltips, zoom script, diff colours).
# Needs xmllint (libxml2-utils; ./bootstrap installs it): exit 77 without.
#
#   tests/series/svg.sh MEMSNAP_BINARY
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 MEMSNAP_BINARY" >&2
    exit 2
fi
if ! command -v xmllint >/dev/null 2>&1; then
    echo "svg.sh: xmllint not found (apt-get install libxml2-utils): skipped"
    exit 77
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.." || exit 2
export LC_ALL=C
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fixtures=tests/golden/fixtures
leaky=(examples/leaky/*.bin)
leak=$(grep -n '_audit.append' examples/leaky.py | cut -d: -f1)

passed=0
failed=0
check() { # NAME CONDITION-COMMAND...
    local name=$1
    shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)) && echo "FAIL $name: $*"; fi
}
has() { grep -qF -- "$2" "$1"; }
hasnt() { ! grep -qF -- "$2" "$1"; }

# draw NAME ARGS...: memsnap writes $tmp/NAME.svg, which must be well-formed
draw() {
    local name=$1
    shift
    "$bin" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    check "$name exit" test $? -eq 0
    check "$name stderr" test ! -s "$tmp/$name.err"
    check "$name well-formed" xmllint --noout "$tmp/$name.svg"
    check "$name self-contained" hasnt "$tmp/$name.svg" "href"
}

draw timeline timeline --top 3 --svg "$tmp/timeline.svg" "${leaky[@]}"
check timeline-title has "$tmp/timeline.svg" "Traced memory over ${#leaky[@]} snapshots"
check timeline-legend has "$tmp/timeline.svg" ">leaky.py:$leak (+"
check timeline-tooltip has "$tmp/timeline.svg" "<title>examples/leaky/07.bin: "
check timeline-table has "$tmp/timeline.out" "leaky/07.bin"
draw timeline_hostile timeline --top 20 --svg "$tmp/timeline_hostile.svg" \
    --label "$(printf 'a<b>&"\001\377')" --label "$(printf 'tab\there')" --label 'é' \
    "$fixtures/empty.bin" "$fixtures/control.bin" "$fixtures/unicode.bin"
check timeline_hostile-label has "$tmp/timeline_hostile.svg" 'a&lt;b&gt;&amp;&quot;\x01\xff'
draw timeline_one timeline --svg "$tmp/timeline_one.svg" "$fixtures/empty.bin"

"$bin" timeline --svg - "${leaky[@]}" >"$tmp/stdout.svg"
check svg-to-stdout xmllint --noout "$tmp/stdout.svg"

draw flame flamegraph -o "$tmp/flame.svg" "${leaky[7]}"
check flame-script has "$tmp/flame.svg" "<script"
check flame-tooltip has "$tmp/flame.svg" "<title>leaky.py:$leak"
check flame-share has "$tmp/flame.svg" "% of all"
check flame-no-source hasnt "$tmp/flame.svg" "_audit.append("
# source lines are read relative to the current directory, as Python does
(cd examples && "$bin" flamegraph -o "$tmp/flame_src.svg" leaky/07.bin)
check flame-source has "$tmp/flame_src.svg" "_audit.append("
check flame-source-xml xmllint --noout "$tmp/flame_src.svg"
draw flame_diff flamegraph --diff "$fixtures/diff_old.bin" -o "$tmp/flame_diff.svg" \
    "$fixtures/diff_new.bin"
check flame_diff-red grep -q 'fill="rgb(255,' "$tmp/flame_diff.svg"
check flame_diff-blue grep -q 'fill="rgb([0-9]*,[0-9]*,255)' "$tmp/flame_diff.svg"
check flame_diff-title has "$tmp/flame_diff.svg" "Memory growth: "
for f in control unicode empty deep huge; do
    draw "flame_$f" flamegraph -o "$tmp/flame_$f.svg" "$fixtures/$f.bin"
done
draw flame_hostile_diff flamegraph --diff "$fixtures/control.bin" -o "$tmp/flame_hostile_diff.svg" \
    "$fixtures/unicode.bin"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
