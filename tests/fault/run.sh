#!/bin/sh
# Allocation failure is an error, never a wrong answer: for each command
# below, every allocation memsnap makes fails in turn (memsnap_fault, see
# fault.c), and each run must either end with status 2, nothing on
# standard output, no -o file, and one line on standard error saying "out
# of memory", or, where memsnap has a way around it, end as the run
# without failures does, byte for byte. Never a crash, never a different
# answer.
#
#   tests/fault/run.sh MEMSNAP_BINARY MEMSNAP_FAULT_BINARY
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
setup "$1"
faulty=$2
case $faulty in /*) ;; *) faulty=$PWD/$faulty ;; esac
G=$here/../golden/fixtures
L=$here/../../examples/leaky
cd "$tmp" || exit 2

# run OUT N ARGS...: memsnap_fault ARGS with allocation N failing (0:
# none; N+: N and all after it), stdout and stderr to OUT.stdout and
# OUT.stderr, -o files in out/.
run() {
    out=$1
    MEMSNAP_FAIL_ALLOC=$2
    export MEMSNAP_FAIL_ALLOC
    shift 2
    rm -rf out && mkdir out
    with_limit 30 "$faulty" "$@" >"$out.stdout" 2>"$out.stderr"
    _status=$?
    unset MEMSNAP_FAIL_ALLOC
    return $_status
}

# every_failure NAME [+] ARGS...: with +, from each allocation on, all fail.
# A run that succeeds prints what the run without failures prints, notes
# on standard error included; one that fails prints "out of memory" alone
# (after the notes printed before the failure, which are about the input).
every_failure() {
    name=$1 from=
    shift
    [ "$1" = + ] && from=+ && shift
    MEMSNAP_COUNT_ALLOC=$tmp/count
    export MEMSNAP_COUNT_ALLOC
    run want 0 "$@"
    status=$?
    unset MEMSNAP_COUNT_ALLOC
    total=$(cat "$tmp/count")
    [ "$status" -eq 0 ] || problem "exit $status without failures"
    "$bin" "$@" >plain.stdout 2>/dev/null
    cmp -s want.stdout plain.stdout ||
        problem "memsnap_fault prints other bytes than memsnap"
    cp -R out want.out
    for n in $(count_to "$total"); do
        run got "$n$from" "$@"
        status=$?
        if [ "$status" -eq 0 ]; then
            cmp -s want.stdout got.stdout && cmp -s want.stderr got.stderr &&
                diff -r want.out out >/dev/null ||
                problem "allocation $n: exit 0 with other output: $(head -c 150 got.stderr)"
        elif [ "$status" -ne 2 ]; then
            problem "allocation $n: exit status $status: $(head -c 150 got.stderr)"
        elif [ -s got.stdout ] || [ -n "$(ls -A out)" ] ||
            [ "$(grep -vc '^memsnap: note: ' got.stderr)" -ne 1 ] ||
            ! grep -q '^memsnap: .*out of memory' got.stderr; then
            problem "allocation $n: $(wc -c <got.stdout) bytes out, $(ls -A out | wc -l) files, stderr: $(head -c 150 got.stderr)"
        fi
    done
    rm -rf want.out
    verdict "$name" "$total allocations failed in turn"
}

# source lines: leaky.py is read from the current directory
cp "$L/../leaky.py" .
every_failure "top" top -g traceback -n 0 "$G/rich_p5.bin"
every_failure "top, source lines" top -g traceback -n 3 "$L/07.bin"
every_failure "top, all failing from one on" + top -g traceback -n 3 "$L/07.bin"
for format in json csv tsv markdown collapsed; do
    every_failure "top -f $format" top -f "$format" -g traceback -n 5 "$G/control.bin"
done
every_failure "top -c" top -c -n 0 -x '*b.py' "$L/07.bin"
every_failure "top, a note with a hint" top -i leaky.py -n 3 "$L/07.bin"
every_failure "diff" diff -n 0 "$G/diff_old.bin" "$G/diff_new.bin"
every_failure "diff -g traceback, json" diff -g traceback -f json -n 3 "$L/00.bin" "$L/07.bin"
every_failure "leaks" leaks -n 0 "$L/00.bin" "$L/01.bin" "$L/02.bin"
every_failure "timeline --top" timeline --top 3 "$L/00.bin" "$L/03.bin" "$L/07.bin"
every_failure "flamegraph" flamegraph --diff "$G/diff_old.bin" -o out/flame.svg "$G/diff_new.bin"
every_failure "flamegraph, function names" flamegraph -o out/flame.svg "$L/07.bin"
every_failure "top -g function" top -g function -n 5 "$L/07.bin"
every_failure "convert to json" convert -f json -o out/snap.json "$G/rich_p5.bin"
every_failure "convert to pickle" convert -f pickle -o out/snap.bin "$here/../formats/fixtures/rich.json"
every_failure "info" info "$G/real_3.12.bin"

finish
