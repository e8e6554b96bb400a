#!/bin/sh
# What the formats do with files, checked without Python: gzip and standard
# input give the same output as the plain file, -o replaces its file only
# when everything succeeded, convert round-trips and writes the bytes
# Python's Snapshot.dump() wrote (the fixtures are Python's own dumps;
# expected/*.json were written by generate.py, not by memsnap).
#
#   tests/formats/io.sh MEMSNAP_BINARY
. "$(dirname "$0")/../lib.sh"
setup "$@"
cd "$(dirname "$0")" || exit 2
G=../golden/fixtures

# report OUT ARG...: memsnap's report, without '#' lines and with the
# file name json gives blanked, into $tmp/OUT; it must succeed
report() {
    out=$1
    shift
    memsnap "$@"
    want_status 0
    sed -e '/^#/d' -e 's|"file": ".*"|"file": ""|' "$tmp/stdout" >"$tmp/$out"
}

# mode FILE: its permissions as ls -l shows them (rw-r--r--)
mode() {
    ls -ld "$1" | cut -c 2-10
}

# --- gzip and standard input read like the plain file --------------------
gzip -c -n "$G/rich_p5.bin" >"$tmp/rich.bin.gz"
for fmt in text json csv collapsed; do
    report plain top -f "$fmt" -g traceback -n 0 "$G/rich_p5.bin"
    report gz top -f "$fmt" -g traceback -n 0 "$tmp/rich.bin.gz"
    stdin=$G/rich_p5.bin
    report stdin top -f "$fmt" -g traceback -n 0 -
    stdin=$tmp/rich.bin.gz
    report stdin_gz top -f "$fmt" -g traceback -n 0 -
    stdin=/dev/null
    want_same "$tmp/plain" "$tmp/gz"
    want_same "$tmp/plain" "$tmp/stdin"
    want_same "$tmp/plain" "$tmp/stdin_gz"
    verdict "gzip and standard input, $fmt"
done
# shellcheck disable=SC2002 # a pipe, not a file, on standard input
cat "$G/diff_new.bin" | "$bin" diff -f json "$G/diff_old.bin" - >"$tmp/pipe" ||
    problem "diff from a pipe: exit status $?"
"$bin" diff -f json "$G/diff_old.bin" "$G/diff_new.bin" |
    sed 's|"file": ".*diff_new.bin"|"file": "-"|' >"$tmp/plain"
want_same "$tmp/plain" "$tmp/pipe"
verdict "diff from a pipe"

# --- jq reads the json output, when it is installed -----------------------
if command -v jq >/dev/null 2>&1; then
    for args in "top -f json -n 0 -g traceback $G/unicode.bin" \
        "top -f json -n 0 $G/control.bin" \
        "diff -f json -n 0 -c $G/diff_old.bin $G/diff_new.bin" \
        "info -f json $G/real_3.12.bin fixtures/rich.json.gz" \
        "convert -f json -o - fixtures/frames.bin"; do
        # shellcheck disable=SC2086
        "$bin" $args | jq -e 'type == "object"' >/dev/null || problem "jq cannot read it"
        verdict "jq reads memsnap $args"
    done
    n=$("$bin" top -f json -n 0 -g traceback "$G/unicode.bin" | jq '.stats | length')
    [ "$n" = "$("$bin" top -f csv -n 0 -g traceback "$G/unicode.bin" | tail -n +2 | wc -l | tr -d ' ')" ] ||
        problem "jq counts $n statistics, not as many as the csv rows"
    verdict "jq: as many statistics as csv rows"
fi

# --- -o: written whole, or not at all ------------------------------------
out=$tmp/dir/report.json
mkdir "$tmp/dir"
memsnap top -f json -o "$out" "$G/rich_p5.bin"
want_status 0
[ -s "$tmp/stdout" ] && problem "something on stdout"
cp "$tmp/stdout" "$tmp/nothing"
memsnap top -f json "$G/rich_p5.bin"
cp "$tmp/stdout" "$tmp/stdout.json"
want_same "$tmp/stdout.json" "$out"
(umask 022 && touch "$tmp/new")
[ "$(mode "$out")" = "$(mode "$tmp/new")" ] || problem "a new file has mode $(mode "$out")"
verdict "-o writes the file stdout would get"

cp "$out" "$tmp/before"
refuse() { # NAME ARG...: memsnap refuses, and the old file stays
    name=$1
    shift
    memsnap "$@"
    want_status 2
    want_refusal
    want_same "$tmp/before" "$out"
    verdict "$name"
}
refuse "-o with a bad snapshot keeps the old file" top -f json -o "$out" "$G/bad_length.bin"
refuse "-o with a bad option keeps the old file" top -f xml -o "$out" "$G/rich_p5.bin"
refuse "convert of a bad snapshot keeps the old file" convert -o "$out" "$G/bad_truncated.bin"
[ "$(ls -A "$tmp/dir")" = "report.json" ] || problem "left files behind: $(ls -A "$tmp/dir")"
verdict "-o leaves no files behind"

chmod 640 "$out"
memsnap top -f csv -o "$out" "$G/rich_p5.bin"
want_status 0
[ "$(mode "$out")" = rw-r----- ] || problem "mode rw-r----- became $(mode "$out")"
verdict "-o over an old file keeps its mode"
memsnap top -o "$tmp/missing/x" "$G/rich_p5.bin"
want_status 2
want_refusal
verdict "-o into a missing directory"
chmod a-w "$tmp/dir"
if [ ! -w "$tmp/dir" ]; then # root writes anywhere: nothing to check then
    cp "$out" "$tmp/before"
    refuse "-o into a read-only directory keeps the old file" top -o "$out" "$G/rich_p5.bin"
fi
chmod u+w "$tmp/dir"
if [ -w /dev/full ]; then
    : >"$tmp/stdout"
    "$bin" top -n 0 "$G/rich_p5.bin" >/dev/full 2>"$tmp/stderr"
    status=$?
    want_status 2
    want_refusal
    verdict "stdout that cannot be written"
fi
memsnap top -f json -o - "$G/rich_p5.bin"
want_status 0
want_same "$tmp/stdout.json" "$tmp/stdout"
verdict "-o - is standard output"

# --- convert ---------------------------------------------------------------
# convert ARG...: memsnap convert ARG... must succeed
convert() {
    memsnap convert "$@"
    want_status 0
}
for v in 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13; do
    convert -f pickle -o "$tmp/p.bin" "$G/real_$v.bin"
    want_same "$G/real_$v.bin" "$tmp/p.bin"
    convert -o "$tmp/j.json" "$G/real_$v.bin"
    want_same "expected/real_$v.json" "$tmp/j.json"
    convert -o "$tmp/back.bin" "expected/real_$v.json"
    # 3.8's protocol 5 too: the JSON keeps it
    want_same "$G/real_$v.bin" "$tmp/back.bin"
    verdict "convert $v: Python's pickle, the expected json, and back"
done
# with filters: Snapshot.filter_traces() then dump(), byte for byte
convert -f pickle -x 'src/capture_prog.py:38' -o "$tmp/x.bin" "$G/real_3.12.bin"
want_same expected/filtered_real_3.12.bin "$tmp/x.bin"
convert -f pickle -a -i '*capture_prog.py:43' -o "$tmp/i.bin" "$G/real_3.13.bin"
want_same expected/filtered_real_3.13.bin "$tmp/i.bin"
convert -f pickle --exclude-domain 0 -o "$tmp/d.bin" "$G/real_3.10.bin"
want_same expected/filtered_real_3.10.bin "$tmp/d.bin"
verdict "convert with filters: the bytes of filter_traces() and dump()"
# and a profile of it is the profile of what filter_traces() keeps
mkdir "$tmp/whole" "$tmp/kept"
cp "$G/real_3.12.bin" "$tmp/whole/s.bin"
cp expected/filtered_real_3.12.bin "$tmp/kept/s.bin"
(cd "$tmp/whole" && "$bin" convert -f speedscope -x 'src/capture_prog.py:38' -o ../whole.json s.bin) ||
    problem "convert -f speedscope -x: exit status $?"
(cd "$tmp/kept" && "$bin" convert -f speedscope -o ../kept.json s.bin) ||
    problem "convert -f speedscope: exit status $?"
want_same "$tmp/kept.json" "$tmp/whole.json"
verdict "convert to a profile with filters"

# A pickle whose objects Python shared otherwise than take_snapshot() does
# (examples/capture.py makes new tuples and strings for every frame) is
# not written back byte for byte, but as the same snapshot: the same JSON,
# statistics, info and flame graph.
after=../../examples/after.bin
convert -f pickle -o "$tmp/after.bin" "$after"
[ "$(wc -c <"$tmp/after.bin")" -lt "$(wc -c <"$after")" ] ||
    problem "the pickle shared otherwise came back as large"
convert -f json -o "$tmp/after_a.json" "$after"
convert -f json -o "$tmp/after_b.json" "$tmp/after.bin"
want_same "$tmp/after_a.json" "$tmp/after_b.json"
for args in "top -g traceback -n 0" "top -c -n 0" "top -f json -g filename -n 0" "info" \
    "flamegraph"; do
    # shellcheck disable=SC2086 # $args is words
    memsnap $args "$after"
    sed "s|$after|X|g" "$tmp/stdout" >"$tmp/a"
    # shellcheck disable=SC2086
    memsnap $args "$tmp/after.bin"
    sed "s|$tmp/after.bin|X|g" "$tmp/stdout" >"$tmp/b"
    want_same "$tmp/a" "$tmp/b"
done
verdict "convert: a pickle shared otherwise, as the same snapshot"
convert -f pickle -o "$tmp/f.bin" fixtures/frames.bin
want_same fixtures/frames.bin "$tmp/f.bin"
verdict "convert: several frames, long strings, big ints"
convert -f json -o "$tmp/f.json" fixtures/frames.bin
convert -o "$tmp/f2.bin" "$tmp/f.json"
want_same fixtures/frames.bin "$tmp/f2.bin"
convert -f json -o "$tmp/f2.json" "$tmp/f.json"
want_same "$tmp/f.json" "$tmp/f2.json"
verdict "convert: round trips through json"
convert -f pickle -o - fixtures/rich.json.gz
cp "$tmp/stdout" "$tmp/rich.bin"
report a top -g traceback -n 0 "$tmp/rich.bin"
report b top -g traceback -n 0 "$G/rich_p5.bin"
want_same "$tmp/b" "$tmp/a"
verdict "convert: a pickle from gzip json"
cp "$G/real_3.12.bin" "$tmp/self.bin"
convert -f pickle -o "$tmp/self.bin" "$tmp/self.bin"
want_same "$G/real_3.12.bin" "$tmp/self.bin"
verdict "convert onto its input"

finish
