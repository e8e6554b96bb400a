#!/bin/sh
# The notes memsnap writes on stderr where a right result may mislead: a
# filter or view pattern that matches nothing (with the hint that file
# names are absolute), snapshots of other traceback limits or Pythons, a
# traceback limit of 1 under whole tracebacks. A note never changes
# standard output or the exit status, and a plain run has none.
#
#   tests/cli/notes.sh MEMSNAP_BINARY
. "$(dirname "$0")/../lib.sh"
setup "$@"
cd "$(dirname "$0")/../.." || exit 2
g=tests/golden/fixtures
shop=tests/series/fixtures/shop/05.bin.gz

# note NAME TEXT ARG...: memsnap ARG... ends with status 0 and exactly one
# line on stderr, a note holding TEXT; further checks go to NAME's verdict
note() {
    name=$1 text=$2
    shift 2
    memsnap "$@"
    want_status 0
    [ "$(wc -l <"$tmp/stderr")" -eq 1 ] || problem "$(wc -l <"$tmp/stderr") lines on stderr"
    want_in "$tmp/stderr" "memsnap: note: "
    want_in "$tmp/stderr" "$text"
}

# quiet NAME ARG...: no note at all
quiet() {
    name=$1
    shift
    memsnap "$@"
    want_status 0
    [ ! -s "$tmp/stderr" ] || problem "stderr: $(head -c 300 "$tmp/stderr")"
    verdict "$name"
}

note relative "--include 'myapp/*' matches no file in the snapshot, whose names are absolute (such as '/home/deploy/services/shop/releases/2024-06-01/myapp/" \
    top -i 'myapp/*' "$shop"
want_in "$tmp/stderr" "did you mean '*/myapp/*'?"
cp "$tmp/stdout" "$tmp/noted"
memsnap top -i '*/nothing-at-all/*' "$shop"
want_same "$tmp/stdout" "$tmp/noted"
verdict relative
note relative_lineno "did you mean '*/handlers.py:11'?" top --focus 'handlers.py:11' "$shop"
verdict relative_lineno
note no_suggestion "--exclude 'zzz.py' matches no file in the snapshot, whose names are absolute (such as '/" \
    top -x 'zzz.py' "$shop"
want_not_in "$tmp/stderr" "did you mean"
verdict no_suggestion
note absolute "--hide '/nowhere/*' matches no file in the snapshot" top --hide '/nowhere/*' "$shop"
verdict absolute
note domain "--include-domain 7 matches no trace in the snapshot" top --include-domain 7 "$shop"
verdict domain
note not_newest "--include '*/main.py' matches only frames that are never the most recent one" \
    top -i '*/main.py' "$g/views.bin"
verdict not_newest
# a real dump's frame (Python: line 34 of capture_prog.py is never a
# newest, though the file is): the reader of newest frames alone keeps
# every frame when a filter's note needs them
note not_newest_line "--include '*/capture_prog.py:34' matches only frames that are never the most recent one" \
    top -i '*/capture_prog.py:34' "$g/real_3.12.bin"
verdict not_newest_line
quiet all_frames top -a -i '*/main.py' "$g/views.bin"
quiet focus_older top --focus '*/main.py' "$g/views.bin"
note series "--hide 'nothing*' matches no file in any snapshot" timeline --hide 'nothing*' examples/leaky/*.bin
verdict series
quiet series_some timeline -i 'leaky.py' -x 'leaky.py:39' --exclude-domain 0 examples/leaky/00.bin

note limits "$g/cpython_1.bin has traceback_limit 2 and $g/rich_p5.bin 25" diff "$g/cpython_1.bin" "$g/rich_p5.bin"
verdict limits
note pythons "$g/real_3.6.bin comes from Python 3.6 to 3.8 and $g/real_3.12.bin from Python 3.9 or later" \
    diff "$g/real_3.6.bin" "$g/real_3.12.bin"
verdict pythons
note pythons_leaks "real_3.7.bin from Python 3.6 to 3.8" \
    leaks --min-steps 0.1 "$g/real_3.12.bin" "$g/real_3.7.bin" "$g/real_3.13.bin"
verdict pythons_leaks

printf '{"memsnap_snapshot": 1, "traceback_limit": 1, "traces": [{"size": 64, "traceback": [{"filename": "a.py", "lineno": 1}]}]}' >"$tmp/one.json"
note limit1_flame "traceback_limit 1: every traceback is its most recent frame alone" \
    flamegraph -o "$tmp/one.svg" "$tmp/one.json"
verdict limit1_flame
note limit1_traceback "$tmp/one.json has traceback_limit 1" top -g traceback "$tmp/one.json"
verdict limit1_traceback
quiet limit1_lineno top "$tmp/one.json"

# plain runs: no note
quiet plain_top top examples/after.bin
quiet plain_diff diff -g traceback examples/before.bin examples/after.bin
quiet plain_leaks leaks -g traceback examples/leaky/*.bin
quiet plain_flame flamegraph -o "$tmp/f.svg" --diff examples/leaky/00.bin examples/leaky/07.bin

finish
