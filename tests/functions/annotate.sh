#!/usr/bin/env bash
# memsnap annotate against annotate/NAME.out, the whole output ('#' lines
# too), which generate.py computed with Python's tracemalloc and ast. Runs
# from this directory; needs no Python.
#
#   tests/functions/annotate.sh MEMSNAP
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 MEMSNAP" >&2
    exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")" || exit 2
export LC_ALL=C
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
for args in annotate/*.args; do
    name=${args%.args}
    read -r -a argv <"$args"
    if "$bin" "${argv[@]}" >"$tmp/out" 2>"$tmp/err" && cmp -s "$tmp/out" "$name.out"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL ${name#annotate/}: memsnap ${argv[*]}"
        diff -u "$name.out" "$tmp/out" | head -20 | sed 's/^/  /'
        sed 's/^/  stderr: /' "$tmp/err" | head -3
    fi
done
# markdown: the leaking line's row, its indentation kept as no-break spaces
"$bin" annotate -f markdown --path-map app.py=../../examples/app.py ../../examples/after.bin \
    app.py >"$tmp/md" 2>&1
if grep -qF "| 18 | 692 KiB | 2401 | 692 KiB | 2401 | \`handle_request\` | \`$(printf '\302\240')" "$tmp/md"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    echo "FAIL markdown: no row for app.py:18"
fi

# refusals: exit 2 and one line on standard error
refuse() {
    local name=$1
    shift
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    if [ $? -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
        grep -q '^memsnap: ' "$tmp/err"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $name: memsnap $* should exit 2 with one line on stderr"
    fi
}
refuse no_snapshot annotate
refuse bad_format annotate -f xml fixtures/synth.bin
refuse no_group_by annotate -g function fixtures/synth.bin
refuse missing_old annotate --diff no-such.bin fixtures/synth.bin
refuse old_path_map_top top --old-path-map a=b fixtures/synth.bin
refuse functions_timeline timeline --functions fixtures/synth.bin

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
