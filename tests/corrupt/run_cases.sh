#!/usr/bin/env bash
# Hostile and broken snapshots written by hand: runs memsnap on each case in
# cases/ and checks that it ends as the case says, within 30 s and never by
# a signal or a sanitizer report.  Needs bash and coreutils, no Python.
#
#   tests/corrupt/run_cases.sh MEMSNAP_BINARY [CASE...]
#
# A case file (cases/NAME.case) says what the file is, where it came from
# and what memsnap must do, in '#' comment lines, then:
#   status N        the exit status memsnap must end with (0 or 2)
#   stderr TEXT     text its stderr must contain (status 2: in its one line,
#                   which must start "memsnap: FILE: ")
#   stdout TEXT     text its stdout must contain (status 0)
# (TEXT in the same escapes as ESC below)
#   args A B ...    memsnap's arguments before the file (default: top)
#   file PATH       the bytes of PATH (relative to tests/) are appended
#   bytes ESC       the bytes of ESC are appended: \xHH is the byte HH, \\ a
#                   backslash, anything else itself (printf %b escapes)
#   repeat N ESC    the bytes of ESC, N times over, are appended
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
setup "$@"
shift

# repeat_bytes N ESC OUT: appends ESC's bytes N times to OUT, by doubling.
repeat_bytes() {
    local n=$1 unit=$tmp/unit next=$tmp/next
    printf '%b' "$2" >"$unit"
    while [ "$n" -gt 0 ]; do
        if [ $((n % 2)) -eq 1 ]; then
            cat "$unit" >>"$3"
        fi
        n=$((n / 2))
        [ "$n" -gt 0 ] || break
        cat "$unit" "$unit" >"$next"
        mv "$next" "$unit"
    done
}

# build CASE OUT: writes the case's bytes to OUT and sets want_status,
# want_stderr, want_stdout and args from its directives.
build() {
    local keyword rest
    : >"$2"
    want_status= want_stderr= want_stdout= args=(top)
    while IFS= read -r line || [ -n "$line" ]; do
        keyword=${line%% *}
        rest=${line#* }
        case $keyword in
        '#'* | '') ;;
        status) want_status=$rest ;;
        stderr) printf -v want_stderr '%b' "$rest" ;;
        stdout) printf -v want_stdout '%b' "$rest" ;;
        args) read -r -a args <<<"$rest" ;;
        file) cat "$here/../$rest" >>"$2" || return 1 ;;
        bytes) printf '%b' "$rest" >>"$2" ;;
        repeat) repeat_bytes "${rest%% *}" "${rest#* }" "$2" ;;
        *)
            echo "$1: unknown directive '$keyword'" >&2
            return 1
            ;;
        esac
    done <"$1"
    if [ -z "$want_status" ]; then
        echo "$1: no status line" >&2
        return 1
    fi
}

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
    cases=("$here"/cases/*.case)
fi
for case_file in "${cases[@]}"; do
    name=$(basename "$case_file" .case)
    input=$tmp/$name.bin
    rm -f "$tmp/stderr"
    if ! build "$case_file" "$input"; then
        problems+=("the case file is malformed")
    else
        # Run where nothing can be written by accident: a fresh directory.
        mkdir "$tmp/cwd"
        (cd "$tmp/cwd" && timeout 30 "$bin" "${args[@]}" "$input") \
            >"$tmp/stdout" 2>"$tmp/stderr"
        status=$?
        rmdir "$tmp/cwd" 2>/dev/null || problems+=("memsnap left files in its directory")
        if [ "$status" -eq 124 ]; then
            problems+=("timed out after 30 s")
        elif [ "$status" -gt 128 ]; then
            problems+=("killed by signal $((status - 128))")
        elif [ "$status" -ne "$want_status" ]; then
            problems+=("exit status $status, expected $want_status")
        fi
        if grep -q -e 'Sanitizer' -e 'runtime error' "$tmp/stderr"; then
            problems+=("sanitizer report")
        fi
        if [ "$want_status" -eq 2 ]; then
            [ -s "$tmp/stdout" ] && problems+=("stdout not empty")
            if [ "$(wc -l <"$tmp/stderr")" -ne 1 ] || [ -n "$(tail -c 1 "$tmp/stderr")" ] ||
                [ "$(head -c $((11 + ${#input})) "$tmp/stderr")" != "memsnap: $input: " ]; then
                problems+=("stderr is not one line starting with 'memsnap: FILE: '")
            fi
        fi
        if [ -n "$want_stderr" ] && ! grep -q -F -e "$want_stderr" "$tmp/stderr"; then
            problems+=("stderr lacks '$want_stderr'")
        fi
        if [ -n "$want_stdout" ] && ! grep -q -F -e "$want_stdout" "$tmp/stdout"; then
            problems+=("stdout lacks '$want_stdout'")
        fi
    fi
    verdict "$name"
done
finish
