#!/bin/sh
# Where -o writes. A device, FIFO, socket or standard stream named by -o
# is opened and written into, never renamed over; a symlink is written
# through (its file replaced, the link kept); a replaced file keeps its
# mode and owner; names as long as NAME_MAX work; and no temporary file is
# left however memsnap ends (a file size limit, SIGKILL while writing).
#
#   tests/hostile/output.sh MEMSNAP_BINARY
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
setup "$@"

snap=$here/../golden/fixtures/rich_p5.bin
big=$here/../../examples/after.bin
"$bin" top -g traceback -n 0 "$snap" >"$tmp/want" 2>/dev/null ||
    { echo "cannot run $bin"; exit 2; }
root=false
[ "$(id -u)" -eq 0 ] && root=true

# leftovers DIR EXPECTED...: DIR must hold exactly the names given.
leftovers() {
    dir=$1
    shift
    have=$(cd "$dir" && ls -A | sort | tr '\n' ' ')
    [ "$have" = "$(printf '%s\n' "$@" | sed '/^$/d' | sort | tr '\n' ' ')" ] ||
        problem "$dir holds: $have"
}

# run ARGS...: memsnap top -g traceback -n 0 ARGS SNAP, stderr to $tmp/stderr.
run() {
    with_limit 20 "$bin" top -g traceback -n 0 "$@" "$snap" 2>"$tmp/stderr"
}

# written_into NAME TEST KIND: writes to NAME while a reader (started
# before) copies what it receives to NAME.got; NAME must still pass
# `test TEST` and the reader must have received the output.
written_into() {
    run -o "$1" || problem "exit $? writing to a $3"
    wait
    test "$2" "$1" || problem "the $3 became a $(file_type "$1")"
    cmp -s "$tmp/want" "$1.got" || problem "the reader got other bytes"
    rm -f "$1" "$1.got"
    verdict "$3"
}

# --- devices, FIFOs, sockets, standard streams: written into ------------
if $root && [ "$(uname -s)" = Linux ]; then
    # a private copy of /dev/null (Linux's numbers): the real one must never be at risk
    mknod "$tmp/null" c 1 3
    run -o "$tmp/null" || problem "exit $? writing to a character device"
    [ -c "$tmp/null" ] || problem "the device became a $(file_type "$tmp/null")"
    leftovers "$tmp" null want stderr
    rm -f "$tmp/null"
    verdict "character device (as root)"
else
    run -o /dev/null || problem "exit $? writing to /dev/null"
    [ -c /dev/null ] || problem "/dev/null is no longer a device"
    verdict "/dev/null"
fi

mkfifo "$tmp/fifo"
with_limit 5 cat "$tmp/fifo" >"$tmp/fifo.got" &
written_into "$tmp/fifo" -p FIFO

printf 'kept\n' >"$tmp/redirected"
run -o /dev/stdout >>"$tmp/redirected" || problem "exit $? writing to /dev/stdout"
{ printf 'kept\n'; cat "$tmp/want"; } | cmp -s - "$tmp/redirected" ||
    problem "/dev/stdout did not append to the file standard output appends to"
[ "$(run -o /dev/stdout | wc -c)" -eq "$(wc -c <"$tmp/want")" ] ||
    problem "/dev/stdout into a pipe"
run -o /dev/fd/3 3>"$tmp/fd3" || problem "exit $? writing to /dev/fd/3"
cmp -s "$tmp/want" "$tmp/fd3" || problem "/dev/fd/3 got other bytes"
if [ -d /proc/self/fd ]; then
    run -o /proc/self/fd/4 4>"$tmp/fd4" || problem "exit $? writing to /proc/self/fd/4"
    cmp -s "$tmp/want" "$tmp/fd4" || problem "/proc/self/fd/4 got other bytes"
fi
# a pipe named by /dev/fd (as bash's >(...) names one)
{ run -o /dev/fd/5 5>&1 >/dev/null; echo $? >"$tmp/pipe.status"; } | cat >"$tmp/pipe"
[ "$(cat "$tmp/pipe.status")" -eq 0 ] || problem "exit $(cat "$tmp/pipe.status") writing to a pipe as /dev/fd/5"
cmp -s "$tmp/want" "$tmp/pipe" || problem "the pipe /dev/fd/5 got other bytes"
run -o /dev/fd/9 2>/dev/null
[ $? -eq 2 ] || problem "/dev/fd/9, not open: exit status other than 2"
grep -q '^memsnap: /dev/fd/9: ' "$tmp/stderr" || problem "/dev/fd/9, not open: no message"
rm -f "$tmp/redirected" "$tmp/fd3" "$tmp/fd4" "$tmp/pipe" "$tmp/pipe.status"
verdict "standard streams and /dev/fd"

if command -v python3 >/dev/null 2>&1; then
    with_limit 20 python3 - "$tmp/sock" >"$tmp/sock.got" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(sys.argv[1]); s.listen(1)
c, _ = s.accept()
while True:
    b = c.recv(65536)
    if not b:
        break
    sys.stdout.buffer.write(b)
PY
    for _ in $(count_to 50); do [ -S "$tmp/sock" ] && break; sleep 0.1; done
    written_into "$tmp/sock" -S socket
else
    echo "skipped socket: no python3 to listen on one"
fi

# --- symlinks: the file they point to is replaced, the link stays --------
mkdir "$tmp/real" "$tmp/links"
printf 'old\n' >"$tmp/real/report.txt"
chmod 640 "$tmp/real/report.txt"
ln -s ../real/report.txt "$tmp/links/report.txt"
run -o "$tmp/links/report.txt" || problem "exit $? writing through a symlink"
[ -L "$tmp/links/report.txt" ] || problem "the link is no longer a link"
[ "$(readlink "$tmp/links/report.txt")" = ../real/report.txt ] || problem "the link changed"
cmp -s "$tmp/want" "$tmp/real/report.txt" || problem "the linked file does not hold the output"
file_mode_is "$tmp/real/report.txt" 640 ||
    problem "mode 640 became $(file_mode "$tmp/real/report.txt")"
ln -s report.txt "$tmp/real/chain" && ln -s ../real/chain "$tmp/links/chain"
run -o "$tmp/links/chain" && [ -L "$tmp/links/chain" ] && [ -L "$tmp/real/chain" ] ||
    problem "a chain of two links"
ln -s new.txt "$tmp/links/dangling"
run -o "$tmp/links/dangling" || problem "exit $? writing through a dangling link"
[ -L "$tmp/links/dangling" ] && cmp -s "$tmp/want" "$tmp/links/new.txt" ||
    problem "a dangling link: its file was not created"
leftovers "$tmp/real" report.txt chain
leftovers "$tmp/links" report.txt chain dangling new.txt
verdict "symlinks"

# --- the replaced file keeps its mode and owner ---------------------------
printf 'old\n' >"$tmp/owned"
chmod 604 "$tmp/owned"
$root && chown 12345:54321 "$tmp/owned"
run -o "$tmp/owned" || problem "exit $?"
file_mode_is "$tmp/owned" 604 || problem "mode 604 became $(file_mode "$tmp/owned")"
if $root; then
    [ "$(file_owner "$tmp/owned")" = 12345:54321 ] ||
        problem "owner 12345:54321 became $(file_owner "$tmp/owned")"
fi
rm -f "$tmp/owned"
verdict "mode and owner kept"

# --- as a user without privileges (the new file is named through /proc) ---
if $root && setpriv --reuid=nobody --regid=nogroup --clear-groups "$bin" --version >/dev/null 2>&1; then
    mkdir "$tmp/nobody" && chown nobody:nogroup "$tmp/nobody" && chmod 755 "$tmp"
    for i in 1 2; do
        setpriv --reuid=nobody --regid=nogroup --clear-groups \
            "$bin" top -g traceback -n 0 -o "$tmp/nobody/out" "$snap" 2>"$tmp/stderr" ||
            problem "exit $? writing as nobody (run $i)"
    done
    cmp -s "$tmp/want" "$tmp/nobody/out" || problem "the file does not hold the output"
    leftovers "$tmp/nobody" out
    verdict "as user nobody"
else
    echo "skipped as user nobody: not root, or no setpriv(1)"
fi

# --- a name of NAME_MAX bytes ---------------------------------------------
long=$(awk 'BEGIN { while (n++ < 255) printf "x" }')
mkdir "$tmp/long"
run -o "$tmp/long/$long" || problem "exit $? for a new file"
run -o "$tmp/long/$long" || problem "exit $? replacing it"
cmp -s "$tmp/want" "$tmp/long/$long" || problem "the file does not hold the output"
leftovers "$tmp/long" "$long"
verdict "a name of 255 bytes"

# --- no temporary file left, however memsnap ends --------------------------
mkdir "$tmp/limited"
printf 'old\n' >"$tmp/limited/out"
(ulimit -f 1 && exec "$bin" top -f json -g traceback -n 0 -o "$tmp/limited/out" "$big") \
    >/dev/null 2>"$tmp/stderr"
status=$?
[ "$status" -eq 2 ] || problem "exit status $status over the file size limit, expected 2"
grep -q 'memsnap: .*/limited/out: cannot write: ' "$tmp/stderr" || problem "no message"
[ "$(cat "$tmp/limited/out")" = old ] || problem "the old file changed"
leftovers "$tmp/limited" out
verdict "over the file size limit (SIGXFSZ)"

if strace -o /dev/null true 2>/dev/null; then
    mkdir "$tmp/killed"
    # glibc's stdio writes with write(), musl's with writev()
    for call in write,writev fsync; do
        (strace -f -o /dev/null -e trace=$call -e inject=$call:signal=KILL \
            "$bin" top -g traceback -n 0 -o "$tmp/killed/out" "$snap" && true) 2>/dev/null
        leftovers "$tmp/killed"
    done
    verdict "SIGKILL while writing"
else
    echo "skipped SIGKILL while writing: strace cannot run here"
fi

finish
