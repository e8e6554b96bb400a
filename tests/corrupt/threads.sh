#!/bin/sh
# The chunked reader (a dump cut into chunks read on several threads)
# against the one-thread reader and against Python. MEMSNAP_SPLIT_MIN=0
# cuts even these 1 MB dumps (shared/: tests/bench/gen.py's shapes, made
# by shared/make.py), and memsnap then notes on stderr how many chunks it
# read, so that each check knows the chunks were read.
#
# - the dumps, with --threads 1, 2 and 8: top, top -g traceback, top -c,
#   diff print what Python printed (shared/*.txt), for traces of four
#   fields (Python 3.9 and later) and of three (a3, b3: as Python 3.8
#   wrote them, and it printed the same);
# - every tenth kilobyte changed (a byte set to a few values) and every
#   tenth cut short (of the three-field dump, every thirtieth): --threads 2
#   and 8 end as --threads 1 does, the same stdout, stderr and status,
#   whether it reads the file or refuses it.
#
#   tests/corrupt/threads.sh MEMSNAP_BINARY [STEP_BYTES]
. "$(dirname "$0")/../lib.sh"
setup "$@"
shared=$(cd "$(dirname "$0")/shared" && pwd)
step=${2:-10240}
MEMSNAP_SPLIT_MIN=0
export MEMSNAP_SPLIT_MIN

for name in a b a3 b3; do
    gzip -dc "$shared/$name.pickle.gz" >"$tmp/$name.pickle" || exit 2
done

# matches NAME EXPECTED CHUNKED ARG...: each thread count prints Python's
# lines; from CHUNKED threads on, each file is read in chunks (a diff's two
# files are read at once, each on half of the threads)
matches() {
    _name=$1 _want=$2 _chunked=$3
    shift 3
    for _t in 1 2 8; do
        memsnap "$@" --threads "$_t"
        want_status 0
        grep -v '^#' "$tmp/stdout" >"$tmp/lines"
        want_same "$shared/$_want" "$tmp/lines"
        if [ "$_t" -ge "$_chunked" ]; then
            want_in "$tmp/stderr" "note: read in"
        else
            want_not_in "$tmp/stderr" "note: read in"
        fi
        verdict "$_name, --threads $_t"
    done
}

matches top top.txt 2 top "$tmp/a.pickle"
matches "top -g traceback" top-traceback.txt 2 top -g traceback "$tmp/b.pickle"
matches "top -g filename -c" top-cumulative.txt 2 top -g filename -c "$tmp/a.pickle"
matches diff diff.txt 4 diff "$tmp/a.pickle" "$tmp/b.pickle"
matches "top, 3 fields" top.txt 2 top "$tmp/a3.pickle"
matches "top -g traceback, 3 fields" top-traceback.txt 2 top -g traceback "$tmp/b3.pickle"
matches "top -g filename -c, 3 fields" top-cumulative.txt 2 top -g filename -c "$tmp/a3.pickle"
matches "diff, 3 fields" diff.txt 4 diff "$tmp/a3.pickle" "$tmp/b3.pickle"

# same_as_one_thread NAME FILE: --threads 2 and 8 end as --threads 1 does
same_as_one_thread() {
    memsnap top -g traceback --threads 1 "$2"
    cp "$tmp/stdout" "$tmp/want.out"
    cp "$tmp/stderr" "$tmp/want.err"
    _want=$status
    for _t in 2 8; do
        memsnap top -g traceback --threads "$_t" "$2"
        want_status "$_want"
        want_same "$tmp/want.out" "$tmp/stdout"
        grep -v 'note: read in' "$tmp/stderr" >"$tmp/err"
        want_same "$tmp/want.err" "$tmp/err"
    done
    verdict "$1"
}

# sweep NAME STEP: NAME.pickle changed and cut short every STEP bytes
sweep() {
    _size=$(file_size "$tmp/$1.pickle")
    _offset=3
    while [ "$_offset" -lt "$_size" ]; do
        for _value in 00 28 4b 74 94; do
            cp "$tmp/$1.pickle" "$tmp/changed.pickle"
            printf "\\$(printf '%03o' "0x$_value")" |
                dd of="$tmp/changed.pickle" bs=1 seek="$_offset" conv=notrunc 2>/dev/null
            same_as_one_thread "$1: byte $_offset set to 0x$_value" "$tmp/changed.pickle"
        done
        dd if="$tmp/$1.pickle" of="$tmp/short.pickle" bs="$_offset" count=1 2>/dev/null
        same_as_one_thread "$1: cut to $_offset bytes" "$tmp/short.pickle"
        _offset=$((_offset + $2))
    done
}

sweep a "$step"
sweep a3 $((3 * step))
finish
