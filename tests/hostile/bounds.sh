#!/usr/bin/env bash
# The memory bound the README states, on snapshots crafted to break it
# (craft.c): peak RSS of every command at most 12 times the size of the
# snapshot files it reads plus 16 MiB, within 20 seconds; flame graphs of
# at most 8 MiB whatever the tracebacks; and a large snapshot that needs
# little memory read under a 256 MiB address-space limit. Under a
# sanitizer, memory is the sanitizer's: the figures are printed, not checked.
#
#   tests/hostile/bounds.sh MEMSNAP_BINARY CRAFT_BINARY SPAWN_BINARY [sanitized]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
setup "$1"
craft=$2 spawn=$3 sanitized=${4:-}
BOUND_TIMES=12 BOUND_PLUS=$((16 << 20)) SVG_MAX=$((8 << 20)) SECONDS_MAX=20

# measure NAME CMD...: runs memsnap CMD (the snapshot files are the
# arguments that name files); checks exit 0 and the bound.
measure() {
    local name=$1 input=0 arg wall rss status cpu limit
    shift
    for arg in "$@"; do
        [ -f "$arg" ] && input=$((input + $(stat -c %s "$arg")))
    done
    "$spawn" "$tmp/report" "$bin" "$@" >/dev/null 2>"$tmp/stderr"
    read -r wall rss status cpu <"$tmp/report"
    limit=$((BOUND_TIMES * input + BOUND_PLUS))
    [ "$status" -eq 0 ] || problem "exit status $status"
    if [ -z "$sanitized" ]; then
        [ $((rss * 1024)) -le "$limit" ] ||
            problem "peak RSS $((rss / 1024)) MiB over $((limit >> 20)) MiB"
        awk "BEGIN { exit !($wall <= $SECONDS_MAX) }" || problem "took $wall s"
    fi
    verdict "$name" "$((input >> 10)) KiB in, peak RSS $((rss >> 10)) MiB, $wall s"
}

# svg_bounded NAME FILE: the flame graph is well under SVG_MAX.
svg_bounded() {
    [ "$(stat -c %s "$2")" -le "$SVG_MAX" ] || problem "SVG of $(stat -c %s "$2") bytes"
    verdict "$1" "$(stat -c %s "$2") bytes"
}

cd "$tmp" || exit 2
"$craft" domains 300000 domains.bin && "$craft" deep 400 600 deep.bin &&
    "$craft" names 2000 2000 names.bin && "$craft" pairs 400 pairs.bin &&
    mkdir series && "$craft" series 200 500 series && "$craft" memo 72 memo.bin ||
    { echo "craft failed"; exit 2; }

# summed cells: 16 domains, 15 of them one trace each on the highest ids
measure "top, 16 domains" top domains.bin
measure "diff, 16 domains" diff domains.bin domains.bin
# distinct tracebacks for the fewest bytes
measure "top -g traceback, many tracebacks" top -g traceback pairs.bin
measure "top -c, many tracebacks" top -c pairs.bin
measure "info, many tracebacks" info pairs.bin
measure "convert, many tracebacks" convert -o pairs.json pairs.bin
# flame graphs: deep tracebacks, long names, a million narrow boxes
measure "flamegraph, deep tracebacks" flamegraph -o deep.svg deep.bin
svg_bounded "flame graph of deep tracebacks" deep.svg
measure "flamegraph, long names" flamegraph -o names.svg names.bin
svg_bounded "flame graph of long names" names.svg
measure "flamegraph, many tracebacks" flamegraph -o pairs.svg pairs.bin
svg_bounded "flame graph of many tracebacks" pairs.svg
measure "flamegraph --diff, deep tracebacks" flamegraph --diff deep.bin -o diff.svg deep.bin
svg_bounded "differential flame graph" diff.svg
# 200 snapshots whose groups never repeat
measure "leaks, 200 snapshots" leaks series/*.bin
measure "timeline --top, 200 snapshots" timeline --top 5 series/*.bin

# 72 MiB to read, little to keep: the memo's reservation follows the need
(ulimit -v 262144 && exec "$bin" top memo.bin) >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
if [ -z "$sanitized" ]; then
    [ "$status" -eq 0 ] || problem "exit status $status under ulimit -v 262144"
    grep -q '^a.py:1: size=' "$tmp/stdout" || problem "no statistics"
    verdict "a 72 MiB snapshot under a 256 MiB address space" "$(head -n 1 "$tmp/stderr")"
fi
measure "top, 72 MiB of one traceback" top memo.bin

finish
