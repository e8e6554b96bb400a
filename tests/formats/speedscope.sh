#!/bin/sh
# memsnap's -f speedscope checked against speedscope's published file
# format schema: the npm packages speedscope (which ships the schema) and
# ajv are installed into a temporary directory, never into the repository.
# Also the bytes of each stack against Python's statistics('traceback').
# Exit 77 (skipped) without node and npm, or when npm cannot install them.
#
#   tests/formats/speedscope.sh MEMSNAP_BINARY
set -u
. "$(dirname "$0")/../lib.sh"
setup "$@"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "speedscope.sh: skipped: no node and npm"
    exit 77
fi
cd "$(dirname "$0")" || exit 2
# timeout(1) is not POSIX: without it, a hung install hangs the test
timeout=
! command -v timeout >/dev/null 2>&1 || timeout="timeout 300"
if ! $timeout npm install --prefix "$tmp" --no-audit --no-fund --ignore-scripts \
    --loglevel=error speedscope@1 ajv@8 >"$tmp/npm.log" 2>&1; then
    echo "speedscope.sh: skipped: npm could not install speedscope and ajv:"
    tail -n 3 "$tmp/npm.log"
    exit 77
fi

G=../golden/fixtures
out=$tmp/out
mkdir "$out"
"$bin" top -f speedscope -o "$out/real_3.12.json" $G/real_3.12.bin &&
    "$bin" diff -f speedscope -o "$out/diff.json" $G/real_3.6.bin $G/real_3.13.bin &&
    "$bin" top -f speedscope -o "$out/rich_filtered.json" -x 'src/*' --exclude-domain 7 \
        $G/rich_p5.bin &&
    "$bin" top -f speedscope -o "$out/unicode.json" $G/unicode.bin &&
    "$bin" top -f speedscope -o "$out/control.json" $G/control.bin &&
    "$bin" top -f speedscope -o "$out/empty.json" $G/empty.bin &&
    "$bin" convert -f speedscope -o "$out/convert.json" $G/real_3.8.bin || {
    echo "speedscope.sh: memsnap failed"
    exit 1
}
node speedscope.mjs "$tmp" cases/tsv_traceback_real_3_12.out "$out/real_3.12.json" \
    "$out/diff.json" "$out/rich_filtered.json" "$out/unicode.json" "$out/control.json" \
    "$out/empty.json" "$out/convert.json"
