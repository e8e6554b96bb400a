#!/usr/bin/env bash
# Golden CLI tests: runs memsnap on every case in cases/ and compares its
# stdout (lines starting with '#' removed) and exit status with what Python's
# tracemalloc printed, and for a usage error its message with the case's
# (see README.md).  Needs bash, coreutils and grep, no Python.
#
#   tests/golden/run.sh MEMSNAP_BINARY [DIR]
#
# DIR (default: this directory) holds the cases/ to run and is the current
# directory while they run.
set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 MEMSNAP_BINARY [DIR]" >&2
    exit 2
fi
bin=$1
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then
    echo "run.sh: $1: not an executable file" >&2
    exit 2
fi
cd "${2:-$(dirname "$0")}" || exit 2

# Bytes, not characters: the cases hold non-UTF-8 arguments and output.
export LC_ALL=C
timeout_cmd=()
if command -v timeout >/dev/null 2>&1; then
    timeout_cmd=(timeout 30)
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# decode_args LINE: fill argv from one .args line.  Tokens are separated by
# single spaces; '' is an empty argument; in a token, \\ is a backslash and
# \xHH the byte HH (spaces, quotes, control and non-UTF-8 bytes are written
# that way).  printf %b understands exactly these two escapes.
decode_args() {
    local token arg
    local -a tokens=()
    argv=()
    read -r -a tokens <<<"$1"
    for token in ${tokens[@]+"${tokens[@]}"}; do
        if [ "$token" = "''" ]; then
            argv+=("")
        else
            printf -v arg '%b' "$token"
            argv+=("$arg")
        fi
    done
}

passed=0
failed=0
for args_file in cases/*.args; do
    [ -f "$args_file" ] || continue
    name=${args_file#cases/}
    name=${name%.args}
    line=
    IFS= read -r line <"$args_file"
    decode_args "$line"

    want_status=0
    if [ -f "cases/$name.status" ]; then
        read -r want_status <"cases/$name.status"
    fi
    stdin=/dev/null
    if [ -f "cases/$name.stdin" ]; then
        IFS= read -r stdin <"cases/$name.stdin"
    fi
    want_err=
    if [ -f "cases/$name.err" ]; then
        IFS= read -r want_err <"cases/$name.err"
    fi

    ${timeout_cmd[@]+"${timeout_cmd[@]}"} "$bin" ${argv[@]+"${argv[@]}"} \
        <"$stdin" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    sed '/^#/d' "$tmp/stdout" >"$tmp/got"

    problems=()
    if [ "$status" -ne "$want_status" ]; then
        if [ "$status" -eq 124 ] && [ ${#timeout_cmd[@]} -gt 0 ]; then
            problems+=("timed out after 30 s")
        else
            problems+=("exit status $status, expected $want_status")
        fi
    fi
    if ! cmp -s "cases/$name.out" "$tmp/got"; then
        problems+=("stdout differs from cases/$name.out")
    fi
    if [ "$want_status" -eq 2 ]; then
        if [ -s "$tmp/stdout" ]; then
            problems+=("stdout not empty")
        fi
        if [ "$(wc -l <"$tmp/stderr")" -ne 1 ] ||
            [ -n "$(tail -c 1 "$tmp/stderr")" ] ||
            [ "$(head -c 9 "$tmp/stderr")" != "memsnap: " ]; then
            problems+=("stderr is not one line starting with 'memsnap: '")
        fi
    fi
    if [ -n "$want_err" ] && ! grep -qF -- "$want_err" "$tmp/stderr"; then
        problems+=("stderr does not say: $want_err")
    fi

    if [ ${#problems[@]} -eq 0 ]; then
        passed=$((passed + 1))
        continue
    fi
    failed=$((failed + 1))
    echo "FAIL $name: memsnap $line"
    for problem in "${problems[@]}"; do
        echo "  $problem"
    done
    if ! cmp -s "cases/$name.out" "$tmp/got"; then
        diff -a -u "cases/$name.out" "$tmp/got" | sed -n '3,22s/^/  /p'
    fi
    if [ "$want_status" -eq 2 ] || [ "$status" -ne "$want_status" ] || [ -n "$want_err" ]; then
        head -n 3 "$tmp/stderr" | sed 's/^/  stderr: /'
    fi
done

echo "$passed passed, $failed failed"
if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
fi
exit 0
