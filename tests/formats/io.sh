#!/usr/bin/env bash
# What the formats do with files, checked without Python: gzip and standard
# input give the same output as the plain file, -o replaces its file only
# when everything succeeded, convert round-trips and writes the bytes
# Python's Snapshot.dump() wrote (the fixtures are Python's own dumps;
# expected/*.json were written by generate.py, not by memsnap).
#
#   tests/formats/io.sh MEMSNAP_BINARY
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 MEMSNAP_BINARY" >&2
    exit 2
fi
bin=$1
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
cd "$(dirname "$0")" || exit 2
export LC_ALL=C
tmp=$(mktemp -d) || exit 2
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT

G=../golden/fixtures
failed=0
passed=0

ok() {
    passed=$((passed + 1))
}

fail() {
    failed=$((failed + 1))
    echo "FAIL $*"
}

# check NAME COMMAND...: the command must succeed.
check() {
    local name=$1
    shift
    if "$@" >"$tmp/out" 2>"$tmp/err"; then
        ok
    else
        fail "$name: exit $? from: $*"
        sed 's/^/  stderr: /' "$tmp/err" | head -3
    fi
}

# refuse NAME COMMAND...: exit 2, nothing on stdout, one line on stderr.
refuse() {
    local name=$1 status
    shift
    "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ "$status" -ne 2 ] || [ -s "$tmp/out" ] || [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
        [ "$(head -c 9 "$tmp/err")" != "memsnap: " ]; then
        fail "$name: exit $status, $(wc -c <"$tmp/out") bytes out, stderr: $(head -c 200 "$tmp/err")"
    else
        ok
    fi
}

same() {
    if cmp -s "$2" "$3"; then
        ok
    else
        fail "$1: $2 and $3 differ"
    fi
}

# --- gzip and standard input read like the plain file --------------------
gzip -c -n "$G/rich_p5.bin" >"$tmp/rich.bin.gz"
for fmt in text json csv collapsed; do
    "$bin" top -f "$fmt" -g traceback -n 0 "$G/rich_p5.bin" | grep -v '^#' >"$tmp/plain"
    "$bin" top -f "$fmt" -g traceback -n 0 "$tmp/rich.bin.gz" | grep -v '^#' >"$tmp/gz"
    "$bin" top -f "$fmt" -g traceback -n 0 - <"$G/rich_p5.bin" | grep -v '^#' >"$tmp/stdin"
    "$bin" top -f "$fmt" -g traceback -n 0 - <"$tmp/rich.bin.gz" | grep -v '^#' >"$tmp/stdin_gz"
    # json names its file: make the names equal before comparing
    sed -i 's|"file": ".*"|"file": ""|' "$tmp/plain" "$tmp/gz" "$tmp/stdin" "$tmp/stdin_gz"
    same "gzip $fmt" "$tmp/plain" "$tmp/gz"
    same "stdin $fmt" "$tmp/plain" "$tmp/stdin"
    same "stdin gzip $fmt" "$tmp/plain" "$tmp/stdin_gz"
done
cat "$G/diff_new.bin" | "$bin" diff -f json "$G/diff_old.bin" - >"$tmp/pipe"
"$bin" diff -f json "$G/diff_old.bin" "$G/diff_new.bin" | sed 's|"file": ".*diff_new.bin"|"file": "-"|' >"$tmp/plain"
same "diff from a pipe" "$tmp/plain" "$tmp/pipe"

# --- jq reads the json output, when it is installed -----------------------
if command -v jq >/dev/null 2>&1; then
    for args in "top -f json -n 0 -g traceback $G/unicode.bin" \
        "top -f json -n 0 $G/control.bin" \
        "diff -f json -n 0 -c $G/diff_old.bin $G/diff_new.bin" \
        "info -f json $G/real_3.12.bin fixtures/rich.json.gz" \
        "convert -f json -o - fixtures/frames.bin"; do
        # shellcheck disable=SC2086
        if "$bin" $args | jq -e 'type == "object"' >/dev/null; then
            ok
        else
            fail "jq cannot read: memsnap $args"
        fi
    done
    n=$("$bin" top -f json -n 0 -g traceback "$G/unicode.bin" | jq '.stats | length')
    [ "$n" = "$("$bin" top -f csv -n 0 -g traceback "$G/unicode.bin" | tail -n +2 | wc -l)" ] &&
        ok || fail "jq: $n statistics"
fi

# --- -o: written whole, or not at all ------------------------------------
out=$tmp/dir/report.json
mkdir "$tmp/dir"
check "-o writes" "$bin" top -f json -o "$out" "$G/rich_p5.bin"
[ -s "$tmp/out" ] && fail "-o: something on stdout" || ok
"$bin" top -f json "$G/rich_p5.bin" >"$tmp/stdout.json"
same "-o equals stdout" "$out" "$tmp/stdout.json"
[ "$(stat -c %a "$out")" = "$(umask 022 && touch "$tmp/new" && stat -c %a "$tmp/new")" ] && ok ||
    fail "-o: a new file has mode $(stat -c %a "$out")"
cp "$out" "$tmp/before"
refuse "-o with a bad snapshot" "$bin" top -f json -o "$out" "$G/bad_length.bin"
same "-o keeps the old file on error" "$out" "$tmp/before"
refuse "-o with a bad option" "$bin" top -f xml -o "$out" "$G/rich_p5.bin"
same "-o keeps the old file on a usage error" "$out" "$tmp/before"
refuse "convert of a bad snapshot" "$bin" convert -o "$out" "$G/bad_truncated.bin"
same "convert keeps the old file" "$out" "$tmp/before"
[ "$(ls -A "$tmp/dir")" = "report.json" ] && ok ||
    fail "-o left files behind: $(ls -A "$tmp/dir")"
chmod 640 "$out"
check "-o over an old file" "$bin" top -f csv -o "$out" "$G/rich_p5.bin"
[ "$(stat -c %a "$out")" = 640 ] && ok || fail "-o: mode 640 became $(stat -c %a "$out")"
refuse "-o into a missing directory" "$bin" top -o "$tmp/missing/x" "$G/rich_p5.bin"
chmod a-w "$tmp/dir"
if [ -w "$tmp/dir" ]; then
    ok # root writes anywhere: nothing to check
else
    refuse "-o into a read-only directory" "$bin" top -o "$out" "$G/rich_p5.bin"
    same "read-only directory: old file kept" "$out" "$tmp/dir/report.json"
fi
chmod u+w "$tmp/dir"
if [ -w /dev/full ]; then
    refuse "stdout that cannot be written" sh -c "\"$bin\" top -n 0 $G/rich_p5.bin >/dev/full"
fi
check "-o - is standard output" "$bin" top -f json -o - "$G/rich_p5.bin"
same "-o - equals stdout" "$tmp/out" "$tmp/stdout.json"

# --- convert ---------------------------------------------------------------
for v in 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13; do
    check "convert $v to pickle" "$bin" convert -f pickle -o "$tmp/p.bin" "$G/real_$v.bin"
    same "pickle of $v is Python's" "$tmp/p.bin" "$G/real_$v.bin"
    check "convert $v to json" "$bin" convert -o "$tmp/j.json" "$G/real_$v.bin"
    same "json of $v" "$tmp/j.json" "expected/real_$v.json"
    check "convert $v json back" "$bin" convert -o "$tmp/back.bin" "expected/real_$v.json"
    if [ "$v" = 3.8 ]; then
        # 3.8 dumps protocol 5; from JSON, 3-field traces get protocol 4
        cmp -s <(tail -c +3 "$tmp/back.bin") <(tail -c +3 "$G/real_$v.bin") && ok ||
            fail "json of 3.8 back to pickle"
    else
        same "json of $v back to pickle" "$tmp/back.bin" "$G/real_$v.bin"
    fi
done
check "convert frames" "$bin" convert -f pickle -o "$tmp/f.bin" fixtures/frames.bin
same "several frames, long strings, big ints" "$tmp/f.bin" fixtures/frames.bin
check "frames to json" "$bin" convert -f json -o "$tmp/f.json" fixtures/frames.bin
check "frames json to pickle" "$bin" convert -o "$tmp/f2.bin" "$tmp/f.json"
same "frames round trip" "$tmp/f2.bin" fixtures/frames.bin
check "json to json" "$bin" convert -f json -o "$tmp/f2.json" "$tmp/f.json"
same "json round trip" "$tmp/f2.json" "$tmp/f.json"
check "gzip json to pickle" "$bin" convert -f pickle -o - fixtures/rich.json.gz
"$bin" top -g traceback -n 0 "$tmp/out" | grep -v '^#' >"$tmp/a"
"$bin" top -g traceback -n 0 "$G/rich_p5.bin" | grep -v '^#' >"$tmp/b"
same "pickle from gzip json" "$tmp/a" "$tmp/b"
cp "$G/real_3.12.bin" "$tmp/self.bin"
check "convert onto its input" "$bin" convert -f pickle -o "$tmp/self.bin" "$tmp/self.bin"
same "convert onto its input" "$tmp/self.bin" "$G/real_3.12.bin"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
