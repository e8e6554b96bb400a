#!/bin/sh
# The memory bound the README states, on snapshots crafted to break it
# (craft.c): peak RSS of every command at most 12 times the size of the
# snapshot files it reads plus 16 MiB, within 20 seconds; flame graphs of
# at most 8 MiB whatever the tracebacks; a large snapshot that needs
# little memory read under a 256 MiB address-space limit; and gzip bombs,
# refused at their limit (128 times their size) or, after a pickle's
# STOP, not inflated at all. Under a sanitizer, memory is the sanitizer's:
# the figures are printed, not checked.
#
#   tests/hostile/bounds.sh MEMSNAP_BINARY CRAFT_BINARY SPAWN_BINARY [sanitized]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
setup "$1"
craft=$2 spawn=$3 sanitized=${4:-}
BOUND_TIMES=12 BOUND_PLUS=$((16 << 20)) SVG_MAX=$((8 << 20)) SECONDS_MAX=20

# measure NAME CMD...: runs memsnap CMD (the snapshot files are the
# arguments that name files); checks exit $want (0 unless set) and the
# bound, or the bound's input $inflated when set (a compressed file).
measure() {
    name=$1 input=${inflated:-0}
    shift
    [ -n "${inflated:-}" ] || for arg in "$@"; do
        [ -f "$arg" ] && input=$((input + $(file_size "$arg")))
    done
    "$spawn" "$tmp/report" "$bin" "$@" >/dev/null 2>"$tmp/stderr"
    read -r wall rss status cpu <"$tmp/report"
    bound=$((BOUND_TIMES * input + BOUND_PLUS))
    [ "$status" -eq "${want:-0}" ] || problem "exit status $status"
    if [ -z "$sanitized" ]; then
        [ $((rss * 1024)) -le "$bound" ] ||
            problem "peak RSS $((rss / 1024)) MiB over $((bound >> 20)) MiB"
        awk "BEGIN { exit !($wall <= $SECONDS_MAX) }" || problem "took $wall s"
    fi
    verdict "$name" "$((input >> 10)) KiB in, peak RSS $((rss >> 10)) MiB, $wall s"
}

# svg_bounded NAME FILE: the flame graph is well under SVG_MAX.
svg_bounded() {
    [ "$(file_size "$2")" -le "$SVG_MAX" ] || problem "SVG of $(file_size "$2") bytes"
    verdict "$1" "$(file_size "$2") bytes"
}

cd "$tmp" || exit 2
"$craft" domains 300000 domains.bin && "$craft" deep 400 600 deep.bin &&
    "$craft" names 2000 2000 names.bin && "$craft" pairs 400 pairs.bin &&
    "$craft" twice 400 twice.bin &&
    mkdir series && "$craft" series 200 500 series && "$craft" memo 72 memo.bin &&
    "$craft" chunks 72 chunks.bin ||
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
# read in chunks on 8 threads: a table per thread of sums by traceback,
# which a record for each of 160,000 tracebacks would make large
MEMSNAP_SPLIT_MIN=0
export MEMSNAP_SPLIT_MIN
measure "top --threads 8 in chunks, 72 MiB of one traceback" top --threads 8 chunks.bin
want_in "$tmp/stderr" "note: read in"
verdict "the 72 MiB of one traceback were read in chunks"
measure "top --threads 8 in chunks, a record for each traceback" top --threads 8 twice.bin
unset MEMSNAP_SPLIT_MIN

# gzip: 1 MiB that inflates to 1 GiB, refused at 128 MiB
"$craft" bomb 1024 bomb.gz && "$craft" bomb 1024 stopbomb.gz "$here/../golden/fixtures/rich_p5.bin" ||
    { echo "craft failed"; exit 2; }
bomb=$(file_size bomb.gz)
want=2 inflated=$((128 * bomb)) measure "gzip bomb" top bomb.gz
want=0 inflated=
[ "$(cat "$tmp/stderr")" = "memsnap: bomb.gz: gzip: inflates to more than $((128 * bomb)) bytes, the limit for $bomb compressed bytes (MEMSNAP_GZIP_LIMIT sets another)" ] ||
    problem "stderr: $(head -c 300 "$tmp/stderr")"
verdict "gzip bomb: one line naming the file and the limit"
# the same bomb after a snapshot's STOP: not inflated at all
inflated=$(file_size "$here/../golden/fixtures/rich_p5.bin") measure "gzip bomb after STOP" top stopbomb.gz
inflated=
[ "$(cat "$tmp/stderr")" = "memsnap: stopbomb.gz: warning: compressed data after the end of the pickle ignored (as Python ignores it), not inflated" ] ||
    problem "stderr: $(head -c 300 "$tmp/stderr")"
verdict "gzip bomb after STOP: a warning"
# the limit set by hand
gzip -c "$here/../golden/fixtures/rich_p5.bin" >rich.bin.gz
MEMSNAP_GZIP_LIMIT=500 "$bin" top rich.bin.gz >/dev/null 2>"$tmp/stderr"
[ $? -eq 2 ] && grep -q '^memsnap: rich.bin.gz: gzip: inflates to more than 500 bytes' "$tmp/stderr" ||
    problem "MEMSNAP_GZIP_LIMIT=500: $(head -c 300 "$tmp/stderr")"
MEMSNAP_GZIP_LIMIT=1KiB "$bin" top rich.bin.gz >/dev/null 2>"$tmp/stderr" ||
    problem "MEMSNAP_GZIP_LIMIT=1KiB: $(head -c 300 "$tmp/stderr")"
MEMSNAP_GZIP_LIMIT=lots "$bin" top rich.bin.gz >/dev/null 2>"$tmp/stderr"
[ $? -eq 2 ] && grep -q '^memsnap: rich.bin.gz: MEMSNAP_GZIP_LIMIT: ' "$tmp/stderr" ||
    problem "MEMSNAP_GZIP_LIMIT=lots: $(head -c 300 "$tmp/stderr")"
verdict "MEMSNAP_GZIP_LIMIT"

finish
