#!/bin/sh
# --threads past the cores: a snapshot read in chunks sums them apart on
# each scanning thread, so one that only a further core would pay for is
# CPU thrown away (8 threads on 2 cores took 2.1 times as long as 2).
# memsnap starts no more threads for one snapshot than there are cores,
# whatever --threads says; MEMSNAP_SPLIT_MIN, the tests' knob, lifts that.
# strace counts the threads started (clone); without it, skipped (77).
#
#   tests/hostile/cores.sh MEMSNAP_BINARY CRAFT_BINARY
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
setup "$1"
craft=$2

if ! strace -f -o /dev/null true 2>/dev/null; then
    echo "skipped: strace cannot run here"
    exit 77
fi
# LeakSanitizer cannot run under ptrace
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null) || cores=1
"$craft" chunks 72 "$tmp/chunks.bin" || { echo "craft failed"; exit 2; }

# started THREADS: runs top --threads THREADS on a 72 MiB snapshot made to
# be read in chunks, under strace; the threads it started are in
# $started, its output in $tmp/stdout
started() {
    strace -f -o "$tmp/strace.log" -e trace=clone,clone3 \
        "$bin" top --threads "$1" "$tmp/chunks.bin" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    started=$(grep -c 'clone3\{0,1\}(' "$tmp/strace.log")
}

unset MEMSNAP_SPLIT_MIN
started 1
want_status 0
cp "$tmp/stdout" "$tmp/one.out"
[ "$started" -eq 0 ] || problem "$started threads started with --threads 1"
verdict "--threads 1: no thread started"

started 64
want_status 0
want_same "$tmp/one.out" "$tmp/stdout"
[ "$started" -le "$cores" ] || problem "$started threads started on $cores cores"
verdict "--threads 64: at most one thread per core ($cores)" "$started started"

MEMSNAP_SPLIT_MIN=0
export MEMSNAP_SPLIT_MIN
started 8
want_status 0
want_same "$tmp/one.out" "$tmp/stdout"
want_in "$tmp/stderr" "note: read in"
[ "$started" -ge 7 ] || problem "$started threads started, 7 scanning ones expected"
verdict "--threads 8 with MEMSNAP_SPLIT_MIN set: 7 scanning threads, even on $cores cores" \
    "$started started"
finish
