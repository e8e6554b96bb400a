#!/bin/sh
# timeline and leaks against Python's tracemalloc, live: reference.py and
# memsnap --format csv on more option and fixture combinations than the
# committed cases. Skipped (exit 77) without python3 3.9 or later.
#
#   tests/series/differential.sh MEMSNAP_BINARY
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 MEMSNAP_BINARY" >&2
    exit 2
fi
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
    echo "differential.sh: no python3 3.9 or later: skipped"
    exit 77
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
f=tests/golden/fixtures
leaky="$(echo examples/leaky/*.bin)"
real="$(echo $f/real_3.*.bin)"
synth="$(echo $f/synth_3.*.bin)"
s=tests/series/fixtures
shop="$(echo $s/shop/*.bin.gz)" chat="$(echo $s/chat/*.bin.gz)" etl="$(echo $s/etl/*.bin.gz)"

# one case a line: memsnap's arguments, split at blanks, never globbed
passed=0
failed=0
set -f
while IFS= read -r line; do
    # shellcheck disable=SC2086 # split into the arguments
    set -- $line
    "$python" tests/series/reference.py "$@" >"$tmp/want" 2>"$tmp/err" </dev/null || {
        failed=$((failed + 1))
        echo "FAIL reference.py $line"
        head -n 3 "$tmp/err"
        continue
    }
    "$bin" "$@" --format csv >"$tmp/got" 2>"$tmp/err" </dev/null
    if cmp -s "$tmp/want" "$tmp/got"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL memsnap $line"
        diff -a -u "$tmp/want" "$tmp/got" | sed -n '3,12s/^/  /p'
    fi
done <<EOF
timeline --top 10 $f/ties.bin $f/sizes.bin $f/huge.bin $f/averages.bin
timeline --top 10 -g filename $f/huge_small.bin $f/huge.bin $f/sizes.bin
timeline --top 5 -c $f/deep.bin $f/distinct.bin $f/match_trace.bin
timeline --top 4 -g traceback $real
timeline --top 3 -x *tracemalloc* $synth
leaks -n 0 --min-steps 0.5 $real
leaks -n 0 --min-steps 0.1 -g filename $synth
leaks -n 0 --min-steps 0.5 $f/diff_old.bin $f/diff_new.bin $f/diff_sizes_old.bin $f/diff_sizes_new.bin
leaks -n 0 -g filename -c $leaky
leaks -n 3 --min-steps 0.6 -g traceback -i leaky.py $leaky
leaks -n 0 --min-steps 0.2 -x <python>/* -c $leaky
leaks -n 0 --min-steps 0.5 --focus */shop/* --hide */json/* $shop
leaks -n 0 -g traceback --hide */asyncio/* --focus-only --focus */chat/* $chat
timeline --top 6 -g traceback --focus */etl/* $etl
timeline --top 4 --hide <frozen* --focus */lib/* $real
EOF
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
