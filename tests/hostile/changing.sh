#!/bin/sh
# A snapshot file that changes while memsnap reads it (Snapshot.dump()
# truncates its file first, so a dump still being written is common): cut
# short under the reader, or rewritten, it must end memsnap with status 2
# and "FILE: the file changed while it was being read", never SIGBUS. A
# file that cannot be mapped is read instead. strace holds memsnap at the
# right moment (just after it mapped the file); without it, skipped (77).
# Read in chunks on 8 threads, the file is also cut while other threads
# scan it (held just after the chunks are found).
#
#   tests/hostile/changing.sh MEMSNAP_BINARY
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
setup "$@"

if ! strace -o /dev/null true 2>/dev/null; then
    echo "skipped: strace cannot run here"
    exit 77
fi
snap=$here/../../examples/after.bin
"$bin" top "$snap" >"$tmp/want" || exit 2
# LeakSanitizer cannot run under ptrace
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"

# nth_call CALL PATTERN: the number of the first CALL whose line in
# strace's log matches PATTERN, in a run of memsnap top on the snapshot
# (one thread, so the calls come in the same order every time).
nth_call() {
    # musl opens with open(), glibc with openat()
    strace -o "$tmp/count.log" -e trace=/^open,"$1" "$bin" top "$snap" >/dev/null 2>&1
    grep "^$1(" "$tmp/count.log" | grep -n -e "$2" | head -n 1 | cut -d: -f1
}
nth_madvise=$(nth_call madvise MADV_SEQUENTIAL)
if [ -z "$nth_madvise" ]; then
    # the portable build reads files instead of mapping them
    echo "skipped: memsnap does not map the snapshot here (no madvise in strace's log)"
    exit 77
fi

# changed NAME CHANGE...: memsnap top $top_args reads a copy of $source;
# at its madvise() call number $hold (the first with $hold_at), it is held
# while CHANGE runs on the copy ($file), then goes on.
source=$snap hold=$nth_madvise hold_at=MADV_SEQUENTIAL top_args=
changed() {
    name=$1
    shift
    file=$tmp/snap.bin
    cp "$source" "$file"
    rm -f "$tmp/strace.log"
    # shellcheck disable=SC2086 # $top_args is words
    (strace -o "$tmp/strace.log" -e trace=madvise -e inject=madvise:delay_exit=2000000:when=$hold \
        "$bin" top $top_args "$file" >"$tmp/stdout" 2>"$tmp/stderr" && true) 2>/dev/null &
    for _ in $(count_to 100); do
        grep -q "$hold_at" "$tmp/strace.log" 2>/dev/null && break
        sleep 0.1
    done
    "$@"
    wait $!
    status=$?
    [ "$status" -eq 2 ] || problem "exit status $status, expected 2"
    [ -s "$tmp/stdout" ] && problem "stdout not empty"
    [ "$(cat "$tmp/stderr")" = "memsnap: $file: the file changed while it was being read" ] ||
        problem "stderr is not 'memsnap: $file: the file changed while it was being read'"
    verdict "$name" "$(head -n 1 "$tmp/stderr")"
}

changed "cut short while mapped" set_size "$tmp/snap.bin" 8192
changed "emptied while mapped" set_size "$tmp/snap.bin" 0
rewrite() {
    # the same size, other bytes: as a dump written again over the old one
    dd if=/dev/zero of="$tmp/snap.bin" bs=4096 seek=10 count=10 conv=notrunc 2>/dev/null
}
changed "rewritten while mapped" rewrite

# In chunks: held at the madvise(MADV_DONTNEED) of the whole file that
# follows finding the chunks, the first of this thread's; the scanning
# threads then start on a file cut in the middle (they crashed on SIGBUS).
gzip -dc "$here/../corrupt/shared/a.pickle.gz" >"$tmp/shared.pickle" || exit 2
MEMSNAP_SPLIT_MIN=0
export MEMSNAP_SPLIT_MIN
strace -o "$tmp/chunks.log" -e trace=madvise "$bin" top --threads 8 "$tmp/shared.pickle" >/dev/null 2>&1
source=$tmp/shared.pickle top_args="--threads 8" hold_at=MADV_DONTNEED
hold=$(grep '^madvise(' "$tmp/chunks.log" | grep -n MADV_DONTNEED | head -n 1 | cut -d: -f1)
if [ -z "$hold" ]; then
    problem "no madvise(MADV_DONTNEED) in a read in chunks"
    verdict "cut short while read in chunks"
else
    changed "cut short while read in chunks" set_size "$tmp/snap.bin" 524288
    changed "cut short early while read in chunks" set_size "$tmp/snap.bin" 200000
fi
unset MEMSNAP_SPLIT_MIN
source=$snap top_args=

# A file that cannot be mapped (FUSE with direct I/O, some network file
# systems): memsnap reads it. The mmap() call of the snapshot is the one
# given the descriptor openat() returned for it; strace makes it fail.
fd=$(grep -F "\"$snap\"" "$tmp/count.log" | head -n 1)
fd=${fd##* = }
nth_mmap=$(nth_call mmap ", $fd, 0) = ")
if [ -z "$fd" ] || [ -z "$nth_mmap" ]; then
    problem "the snapshot's mmap() call was not found in strace's log"
else
    strace -o /dev/null -e trace=mmap -e inject=mmap:error=ENODEV:when=$nth_mmap \
        "$bin" top "$snap" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    [ "$status" -eq 0 ] || problem "exit status $status, expected 0"
    cmp -s "$tmp/want" "$tmp/stdout" || problem "other output than when mapped"
fi
verdict "mmap refused: read instead" "$(head -n 1 "$tmp/stderr")"

finish
