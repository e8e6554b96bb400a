#!/usr/bin/env bash
# The help memsnap prints, checked against itself and the documentation:
# 'memsnap help COMMAND' is 'memsnap COMMAND --help' for every command,
# every option a command's help lists is in man/memsnap.1 (with the same
# short letter) and README.md, and every option the manual lists is one
# some command takes.
# Needs bash, coreutils, grep and sed.
#
#   tests/cli/help.sh MEMSNAP_BINARY
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 MEMSNAP_BINARY" >&2
    exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.." || exit 2
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

# run NAME ARGS...: memsnap ARGS must exit 0; its stdout goes to $tmp/NAME.
run() {
    local name=$1
    shift
    if "$bin" "$@" >"$tmp/$name" 2>"$tmp/err"; then
        pass
    else
        fail "memsnap $* exited $?: $(head -c 200 "$tmp/err")"
    fi
}

# same NAME A B: files $tmp/A and $tmp/B are equal.
same() {
    if cmp -s "$tmp/$2" "$tmp/$3"; then pass; else fail "$1: output differs"; fi
}

run list help
run list_long --help
run list_short -h
same "'memsnap help' and 'memsnap --help'" list list_long
same "'memsnap help' and 'memsnap -h'" list list_short
commands=$(sed -n 's/^  \([a-z][a-z]*\)  *[a-z].*/\1/p' "$tmp/list")
[ "$(echo "$commands" | wc -w)" -ge 7 ] && pass || fail "memsnap help lists: $commands"

: >"$tmp/longs"
: >"$tmp/pairs"
for c in $commands; do
    run "$c.help" help "$c"
    run "$c.long" "$c" --help
    run "$c.short" "$c" -h
    same "'memsnap help $c' and 'memsnap $c --help'" "$c.help" "$c.long"
    same "'memsnap $c -h' and 'memsnap $c --help'" "$c.short" "$c.long"
    head -n 1 "$tmp/$c.help" | grep -q "^usage: memsnap $c " && pass ||
        fail "memsnap help $c: first line is $(head -n 1 "$tmp/$c.help")"
    sed -n 's/^  \(-[a-zA-Z], \|    \)--\([a-z][a-z-]*\).*/\2/p' "$tmp/$c.help" >>"$tmp/longs"
    sed -n 's/^  -\([a-zA-Z]\), --\([a-z][a-z-]*\).*/\1 \2/p' "$tmp/$c.help" >>"$tmp/pairs"
done
sort -u "$tmp/longs" -o "$tmp/longs"
sort -u "$tmp/pairs" -o "$tmp/pairs"

# The manual writes --group-by as '\-group\-by' after 'Fl' in OPTIONS.
sed -n '/^\.Sh OPTIONS/,/^\.Sh /p' man/memsnap.1 | grep '^\.It Fl' |
    grep -o '\\-[a-z][a-z\\-]*' | sed 's/\\-/-/g; s/^-//' | sort -u >"$tmp/man"
while read -r name; do
    grep -qx -- "$name" "$tmp/man" && pass || fail "--$name is in --help, not in man/memsnap.1 OPTIONS"
    grep -qF -- "--$name" README.md && pass || fail "--$name is in --help, not in README.md"
done <"$tmp/longs"
while read -r name; do
    grep -qx -- "$name" "$tmp/longs" && pass || fail "--$name is in man/memsnap.1, no command takes it"
done <"$tmp/man"
# and a short letter is the one the manual gives the long option
while read -r letter name; do
    grep -qF ".It Fl $letter , \\-${name//-/\\-}" man/memsnap.1 && pass ||
        fail "-$letter, --$name is in --help, not in man/memsnap.1"
done <"$tmp/pairs"

"$bin" help frobnicate >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ]; then
    pass
else
    fail "memsnap help frobnicate: status $status, not 2 and one line on stderr"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
