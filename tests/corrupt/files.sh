#!/bin/sh
# Names that are not snapshot files: each must end memsnap at once with
# status 2 and one line on stderr, "memsnap: NAME: reason", and nothing on
# stdout; a FIFO nobody writes to must not hang it.  A FIFO that does
# carry a snapshot must still be read, and a FIFO that a snapshot names as
# a source file must not hang -g traceback.
#
#   tests/corrupt/files.sh MEMSNAP_BINARY
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
setup "$@"
limit=10

# expect NAME STATUS TEXT [STDIN [OPTION...]]: runs `memsnap top OPTION...
# NAME` (stdin from STDIN, default /dev/null) and checks the status and
# stderr (status 2) or that stdout holds TEXT (status 0).
expect() {
    name=$1 want=$2 text=$3 shown=$1
    stdin=${4:-/dev/null}
    shift $(($# < 4 ? $# : 4))
    [ "$name" = - ] && shown="(standard input)"
    memsnap top "$@" "$name"
    stdin=/dev/null
    want_status "$want"
    if [ "$want" -eq 2 ]; then
        want_refusal "$shown"
        [ "$(cat "$tmp/stderr")" = "memsnap: $shown: $text" ] ||
            problem "stderr is not 'memsnap: $shown: $text'"
    else
        want_in "$tmp/stdout" "$text"
    fi
    verdict "$name" "$(head -n 1 "$tmp/stderr")"
}

expect "$tmp/missing.bin" 2 "no such file or directory"
expect "$tmp" 2 "is a directory"
expect /dev/null 2 "is a character device, not a snapshot file"
expect - 2 "is a character device, not a snapshot file" /dev/null
: >"$tmp/empty.bin"
expect "$tmp/empty.bin" 2 "offset 0: empty file"
expect - 2 "offset 0: empty file" "$tmp/empty.bin"
mkfifo "$tmp/fifo"
expect "$tmp/fifo" 2 "nothing to read (a pipe or FIFO nobody wrote to)"
# a FIFO, read while something writes to it (as `memsnap top <(cat ...)`)
mkfifo "$tmp/written"
cat "$here/../golden/fixtures/cpython_1.bin" >"$tmp/written" &
writer=$!
expect "$tmp/written" 0 "b.py:1: size=66 B, count=1, average=66 B"
kill "$writer" 2>/dev/null # still waiting for a reader when memsnap failed to open it
wait "$writer"

# A snapshot naming a FIFO as a source file: -g traceback looks for its
# lines, and must not wait for a writer (Python's linecache would).
mkdir "$tmp/src" && mkfifo "$tmp/src/app.fifo"
bytes '\x80\x04\x8c\x0btracemalloc\x94\x8c\x08Snapshot\x93)\x81}(\x8c\x06tracesh\x00\x8c\x07_Traces\x93)\x81}\x8c\x07_traces](K\x00K\x10\x8c\x0csrc/app.fifoK\x01\x86\x85K\x01tasb\x8c\x0ftraceback_limitK\x01ub.' \
    >"$tmp/fifo_source.bin"
cd "$tmp" || exit 2
expect fifo_source.bin 0 '  File "src/app.fifo", line 1' /dev/null -g traceback
cd - >/dev/null || exit 2

finish
