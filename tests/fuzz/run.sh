#!/bin/sh
# Fuzzes with one of the targets (fuzz_parse, fuzz_json, fuzz_gzip,
# fuzz_argv) for SECONDS with libFuzzer, starting from its seeds (its
# corpus directory here, and the fixtures of tests/golden and tests/formats
# for the readers) and its dictionary; new inputs go to WORKDIR/corpus, a
# crashing input to WORKDIR/artifacts. Exits non-zero on any crash, leak,
# timeout or sanitizer report.
#
#   tests/fuzz/run.sh FUZZ_BINARY SECONDS WORKDIR [libFuzzer options...]
set -u

if [ $# -lt 3 ]; then
    echo "usage: $0 FUZZ_BINARY SECONDS WORKDIR [libFuzzer options...]" >&2
    exit 2
fi
bin=$1 seconds=$2 work=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work/corpus" "$work/artifacts" || exit 2

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# the libFuzzer options, then the corpus and the seeds
set -- "$@" "$work/corpus"
case $(basename "$bin") in
fuzz_argv)
    dict=$here/argv.dict
    set -- "$@" "$here/corpus_argv"
    ;;
fuzz_json)
    dict=$here/pickle.dict
    set -- "$@" "$here/corpus_json" "$here/../formats/fixtures"
    ;;
fuzz_gzip)
    dict=$here/pickle.dict
    set -- "$@" "$here/corpus_gzip" "$here/../golden/fixtures" "$here/../formats/fixtures"
    ;;
*)
    dict=$here/pickle.dict
    set -- "$@" "$here/corpus" "$here/../golden/fixtures" "$here/../formats/fixtures"
    ;;
esac
# -max_len reaches past the 256-MARK and dict limits; -timeout makes any
# input slower than 10 s a finding; -rss_limit_mb one that needs 2 GiB.
"$bin" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -dict="$dict" -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
    "$@"
status=$?
if [ "$status" -ne 0 ]; then
    echo "fuzz: failed with status $status; the input is in $work/artifacts:" >&2
    ls "$work/artifacts" >&2
    echo "fuzz: 0 passed, 1 failed"
    exit 1
fi
echo "fuzz: 1 passed, 0 failed"
