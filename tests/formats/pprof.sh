#!/bin/sh
# memsnap's -f pprof read by the real `go tool pprof`: its -top flat values
# per line, in bytes (inuse_space) and blocks (inuse_objects), must be the
# numbers Python's statistics() gave in the committed TSV cases (written by
# generate.py, never by memsnap); for a diff, compare_to()'s size_diff and
# count_diff, and the same report as -diff_base of two exports; -traces
# must show every traceback with its bytes. Exit 77 (skipped) without go.
#
#   tests/formats/pprof.sh MEMSNAP_BINARY
set -u
. "$(dirname "$0")/../lib.sh"
setup "$@"
if ! command -v go >/dev/null 2>&1; then
    echo "pprof.sh: skipped: no go command (Debian: golang-go)"
    exit 77
fi
cd "$(dirname "$0")" || exit 2
# go and pprof keep their caches and settings here, never fetch anything,
# and find no symbols or sources to look up
export HOME=$tmp/home GOCACHE=$tmp/gocache GOPATH=$tmp/gopath GOFLAGS=-mod=mod GOPROXY=off \
    GOTOOLCHAIN=local GOTELEMETRY=off PPROF_TMPDIR=$tmp/pprof PPROF_BINARY_PATH=$tmp/none
mkdir -p "$HOME"

G=../golden/fixtures
failed=0
passed=0

fail() {
    failed=$((failed + 1))
    echo "FAIL $*"
}

# same NAME WANT GOT: the two files must be equal.
same() {
    if cmp -s "$2" "$3"; then
        passed=$((passed + 1))
    else
        fail "$1"
        diff "$2" "$3" | head -n 10 | sed 's/^/  /'
    fi
}

# pprof_top PROFILE INDEX [ARGS...]: go tool pprof -top, every node.
pprof_top() {
    _profile=$1 _index=$2
    shift 2
    go tool pprof -top -nodecount=1000000 -nodefraction=0 -edgefraction=0 -unit=B \
        -sample_index="$_index" "$@" "$_profile" 2>"$tmp/stderr"
}

# flat PROFILE INDEX [ARGS...]: "name<TAB>flat" of every node whose flat
# value is not 0, sorted; the total of the header line in $tmp/total.
flat() {
    pprof_top "$@" | awk -v total="$tmp/total" '
        /accounting for/ { t = $NF == "total" ? $(NF - 1) : ""; sub(/B$/, "", t); print t > total }
        go {
            v = $1; sub(/B$/, "", v)
            name = $0; sub(/^ *[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+  /, "", name)
            if (v != "0") print name "\t" v
        }
        /^ *flat +flat%/ { go = 1 }' | sort
}

# golden CASE COLUMN: "filename:lineno<TAB>value" of a TSV case, value not
# 0; lines Python prints alike ("\udcc3\udca9.py" and "\u00e9.py" are both
# the bytes of "é.py") are one name in the profile, and so summed here.
golden() {
    awk -F '\t' -v col="$2" 'NR > 1 { s[$(NF - 1) ":" $NF] += $col }
        END { for (k in s) if (s[k] != 0) printf "%s\t%.0f\n", k, s[k] }' "cases/$1.out" | sort
}

# The sum of a column of a TSV case (exact: the fixtures stay below 2**53).
golden_sum() {
    awk -F '\t' -v col="$2" 'NR > 1 { s += $col } END { printf "%.0f\n", s }' "cases/$1.out"
}

for fixture in real_3.12 real_3.6 rich_p5 domains unicode; do
    case=tsv_lineno_$(echo "$fixture" | tr . _)
    profile=$tmp/$fixture.pb.gz
    if ! "$bin" top -f pprof -o "$profile" "$G/$fixture.bin"; then
        fail "$case: memsnap top -f pprof failed"
        continue
    fi
    flat "$profile" inuse_space >"$tmp/got"
    golden "$case" 1 >"$tmp/want"
    same "$fixture: inuse_space per line" "$tmp/want" "$tmp/got"
    golden_sum "$case" 1 >"$tmp/want"
    same "$fixture: inuse_space total" "$tmp/want" "$tmp/total"
    flat "$profile" inuse_objects >"$tmp/got"
    golden "$case" 2 >"$tmp/want"
    same "$fixture: inuse_objects per line" "$tmp/want" "$tmp/got"
    # the default sample type is inuse_space
    go tool pprof -top "$profile" 2>/dev/null | grep '^Type:' >"$tmp/got"
    echo "Type: inuse_space" >"$tmp/want"
    same "$fixture: default sample type" "$tmp/want" "$tmp/got"
    # convert writes the profile of every trace, as top does without filters
    "$bin" convert -f pprof -o "$tmp/convert.pb.gz" "$G/$fixture.bin" &&
        same "$fixture: convert -f pprof" "$profile" "$tmp/convert.pb.gz"
done

# A diff: the new snapshot's samples and the old one's negated.
old=$G/real_3.6.bin new=$G/real_3.13.bin case=tsv_diff_real_3_6_3_13
"$bin" diff -f pprof -o "$tmp/diff.pb.gz" "$old" "$new" || fail "memsnap diff -f pprof failed"
flat "$tmp/diff.pb.gz" inuse_space >"$tmp/got"
golden "$case" 4 >"$tmp/want"
same "diff: inuse_space per line" "$tmp/want" "$tmp/got"
flat "$tmp/diff.pb.gz" inuse_objects >"$tmp/got"
golden "$case" 5 >"$tmp/want"
same "diff: inuse_objects per line" "$tmp/want" "$tmp/got"
# ... which is what -diff_base makes of the two snapshots' own profiles
"$bin" top -f pprof -o "$tmp/old.pb.gz" "$old" && "$bin" top -f pprof -o "$tmp/new.pb.gz" "$new"
for index in inuse_space inuse_objects; do
    pprof_top "$tmp/diff.pb.gz" "$index" >"$tmp/want"
    pprof_top "$tmp/new.pb.gz" "$index" -diff_base "$tmp/old.pb.gz" >"$tmp/got"
    same "diff: as -diff_base ($index)" "$tmp/want" "$tmp/got"
done

# -traces: every traceback, most recent frame first, with its bytes; summed
# over domains, as statistics('traceback') sums them.
go tool pprof -traces -unit=B "$tmp/real_3.12.pb.gz" 2>/dev/null | awk '
    function flush() { if (stack != "") print stack "\t" value; stack = "" }
    /^-+\+-+$/ { flush(); next }
    /^ +[a-z]+: / { next }
    /^ +[0-9]+B +/ { value = $1; sub(/B$/, "", value); stack = $2; next }
    /^ +[^ ]/ && value != "" { stack = $1 ";" stack }
    END { flush() }' | awk -F '\t' '{ s[$1] += $2 } END { for (k in s) print k "\t" s[k] }' |
    sort >"$tmp/got"
awk -F '\t' 'NR > 1 { print $4 "\t" $1 }' cases/tsv_traceback_real_3_12.out | sort >"$tmp/want"
same "real_3.12: -traces" "$tmp/want" "$tmp/got"

echo "pprof.sh: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
