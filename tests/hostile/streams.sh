#!/bin/sh
# Standard streams and what reaches stderr. A closed standard input,
# output or error is opened on /dev/null before anything else, so no
# snapshot file is taken for standard input; '-' named twice is refused
# the same way by every command before anything is read; and every byte
# of stderr that came from outside (arguments, paths, a snapshot's file
# names in gate messages) is escaped, one line per message.
#
#   tests/hostile/streams.sh MEMSNAP_BINARY
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
setup "$@"
G=$here/../golden/fixtures
snap=$G/rich_p5.bin

# one_line: stderr is one "memsnap: " line with printable bytes only.
one_line() {
    [ "$(wc -l <"$tmp/stderr")" -eq 1 ] || problem "stderr is $(wc -l <"$tmp/stderr") lines"
    [ "$(head -c 9 "$tmp/stderr")" = "memsnap: " ] || problem "stderr does not start 'memsnap: '"
    lines_printable
}

# lines_printable: no byte of stderr but its newlines is a control byte.
lines_printable() {
    LC_ALL=C grep -q '[[:cntrl:]]' "$tmp/stderr" && problem "a control byte on stderr"
}

# --- closed standard streams ------------------------------------------------
"$bin" timeline "$snap" - <&- >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
[ "$status" -eq 2 ] || problem "exit status $status, expected 2 (the snapshot read twice?)"
[ "$(cat "$tmp/stderr")" = "memsnap: (standard input): is a character device, not a snapshot file" ] ||
    problem "stderr: $(head -c 200 "$tmp/stderr")"
verdict "standard input closed" "$(head -n 1 "$tmp/stderr")"

for cmd in "top $snap" "top -o $tmp/out.txt $snap" "convert -o $tmp/out.json $snap" \
    "diff --fail-over-each 1 $G/empty.bin $G/control.bin"; do
    # shellcheck disable=SC2086
    (exec "$bin" $cmd >&- 2>&- <&-)
    status=$?
    [ "$status" -le 2 ] || problem "memsnap $cmd: exit status $status with every stream closed"
done
"$bin" top "$snap" >"$tmp/want"
cmp -s "$tmp/want" "$tmp/out.txt" || problem "-o with every stream closed wrote other bytes"
verdict "every stream closed"

# --- '-' twice ----------------------------------------------------------------
for cmd in "diff - -" "info - -" "timeline - -" "timeline --top 1 - -" "leaks - - $snap" \
    "flamegraph --diff - -" "info $snap - $snap -"; do
    # shellcheck disable=SC2086
    "$bin" $cmd <"$snap" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    [ "$status" -eq 2 ] || problem "$cmd: exit status $status, expected 2"
    [ -s "$tmp/stdout" ] && problem "$cmd: something on stdout"
    [ "$(cat "$tmp/stderr")" = "memsnap: standard input ('-') can only be read once" ] ||
        problem "$cmd: stderr: $(head -c 200 "$tmp/stderr")"
done
verdict "'-' twice"

# --- what came from outside is escaped ------------------------------------------
"$bin" top "$(printf 'a\033[2J\nb.bin')" >/dev/null 2>"$tmp/stderr"
one_line
grep -q -F 'memsnap: a\x1b[2J\x0ab.bin: ' "$tmp/stderr" || problem "the name is not escaped"
verdict "a file name with controls" "$(cat "$tmp/stderr")"

"$bin" "$(printf 'to\rp')" >/dev/null 2>"$tmp/stderr"
one_line
verdict "a command with controls" "$(cat "$tmp/stderr")"

"$bin" top -f "$(printf 'x\2332J')" "$snap" >/dev/null 2>"$tmp/stderr"
one_line
grep -q -F '\x9b2J' "$tmp/stderr" || problem "the C1 control (CSI) is not escaped"
verdict "an option value with an 8-bit control" "$(cat "$tmp/stderr")"

"$bin" top -o "$(printf '/nonexistent/\007')" "$snap" >/dev/null 2>"$tmp/stderr"
one_line
verdict "an -o path with controls" "$(cat "$tmp/stderr")"

# control.bin's file names hold a tab, CR, LF, ESC and DEL
"$bin" diff --fail-over-each 1 "$G/empty.bin" "$G/control.bin" >/dev/null 2>"$tmp/stderr"
[ "$(grep -c '^memsnap: ' "$tmp/stderr")" -eq "$(wc -l <"$tmp/stderr")" ] ||
    problem "a gate message spans several lines"
lines_printable
grep -q -F 'memsnap: esc\x1b[0m.py:3: grew by' "$tmp/stderr" || problem "ESC is not escaped"
verdict "file names of a snapshot in gate messages"

finish
