#!/bin/sh
# The pictures: timeline --svg and flamegraph (plain and --diff) must be
# well-formed, self-contained XML, also for hostile file names and labels,
# and carry what they promise (tooltips, zoom script, diff colours).
# Needs xmllint (libxml2-utils; ./bootstrap installs it): exit 77 without.
#
#   tests/series/svg.sh MEMSNAP_BINARY
. "$(dirname "$0")/../lib.sh"
setup "$@"
if ! command -v xmllint >/dev/null 2>&1; then
    echo "svg.sh: xmllint not found (apt-get install libxml2-utils): skipped"
    exit 77
fi
cd "$(dirname "$0")/../.." || exit 2
fixtures=tests/golden/fixtures
set -- examples/leaky/*.bin
eval "last=\${$#}"
leak=$(grep -n '_audit.append' examples/leaky.py | cut -d: -f1)

# well_formed SVG: xmllint reads it, and it refers to nothing outside
well_formed() {
    xmllint --noout "$1" 2>"$tmp/xmllint" || problem "not well-formed: $(head -n 1 "$tmp/xmllint")"
    want_not_in "$1" "href"
}

# draw NAME ARG...: memsnap writes $tmp/NAME.svg, quietly and well-formed,
# scaled to the window's width and under 2 MB whatever the input; the
# checks that follow go to the verdict on NAME
draw() {
    name=$1
    shift
    memsnap "$@"
    want_status 0
    [ -s "$tmp/stderr" ] && problem "stderr not empty"
    well_formed "$tmp/$name.svg"
    grep -q '<svg [^>]*width="100%" viewBox="0 0 [0-9]* [0-9]*"' "$tmp/$name.svg" ||
        problem "does not follow the window's width"
    [ "$(wc -c <"$tmp/$name.svg")" -lt 2000000 ] || problem "2 MB or more"
}

draw timeline timeline --top 3 --svg "$tmp/timeline.svg" "$@"
want_in "$tmp/timeline.svg" "Traced memory over $# snapshots"
want_in "$tmp/timeline.svg" ">leaky.py:$leak (+"
want_in "$tmp/timeline.svg" "<title>examples/leaky/07.bin: "
want_in "$tmp/stdout" "leaky/07.bin"
verdict timeline
# by traceback: the legend names the newest frame, its tooltip the whole stack
draw timeline_tb timeline -g traceback --top 2 --svg "$tmp/timeline_tb.svg" "$@"
want_in "$tmp/timeline_tb.svg" ">leaky.py:$leak (+"
tr '\n' '|' <"$tmp/timeline_tb.svg" |
    grep -qF "<g><title>leaky.py:$leak|leaky.py:76|leaky.py:69|leaky.py:$leak</title>" ||
    problem "the legend's tooltip is not the whole stack"
verdict timeline_tb
# real programs: names cut to the tails that tell them apart, two panels
ellipsis=$(printf '\342\200\246') arrow=$(printf '\342\206\222')
draw timeline_chat timeline --top 5 --svg "$tmp/timeline_chat.svg" tests/series/fixtures/chat/*.bin.gz
want_in "$tmp/timeline_chat.svg" ">${ellipsis}urllib/parse.py:"
want_in "$tmp/timeline_chat.svg" "<title>/usr/lib/python3.12/urllib/parse.py:"
want_in "$tmp/timeline_chat.svg" "snapshots in tests/series/fixtures/chat/<"
want_in "$tmp/timeline_chat.svg" ">05.bin.gz</text>"
want_in "$tmp/timeline_chat.svg" ">the groups</text>"
verdict timeline_chat
draw timeline_chat_tb timeline -g traceback --top 4 --svg "$tmp/timeline_chat_tb.svg" \
    tests/series/fixtures/chat/*.bin.gz
want_in "$tmp/timeline_chat_tb.svg" "/server.py:28 $arrow ${ellipsis}urllib/parse.py:785 (+"
verdict timeline_chat_tb
# 60 long labels turn and thin out
many=
for i in $(count_to 60); do
    many="$many --label nightly-build-$i-of-a-long-series examples/leaky/0$((i % 8)).bin"
done
# shellcheck disable=SC2086 # $many is words, none with blanks or globs
draw timeline_many timeline --top 3 --svg "$tmp/timeline_many.svg" $many
want_in "$tmp/timeline_many.svg" 'transform="rotate(-35'
[ "$(grep -c 'rotate(-35' "$tmp/timeline_many.svg")" -lt 60 ] || problem "labels not thinned"
verdict timeline_many
draw timeline_hostile timeline --top 20 --svg "$tmp/timeline_hostile.svg" \
    --label "$(printf 'a<b>&"\001\377')" --label "$(printf 'tab\there')" --label 'é' \
    "$fixtures/empty.bin" "$fixtures/control.bin" "$fixtures/unicode.bin"
want_in "$tmp/timeline_hostile.svg" 'a&lt;b&gt;&amp;&quot;\x01\xff'
verdict timeline_hostile
draw timeline_one timeline --svg "$tmp/timeline_one.svg" "$fixtures/empty.bin"
verdict timeline_one

memsnap timeline --svg - "$@"
want_status 0
cp "$tmp/stdout" "$tmp/stdout.svg"
well_formed "$tmp/stdout.svg"
verdict svg-to-stdout

draw flame flamegraph -o "$tmp/flame.svg" "$last"
want_in "$tmp/flame.svg" "<script"
want_in "$tmp/flame.svg" "<title>leaky.py:$leak"
want_in "$tmp/flame.svg" "% of all"
want_not_in "$tmp/flame.svg" "_audit.append("
verdict flame
# source lines are read relative to the current directory, as Python does
(cd examples && "$bin" flamegraph -o "$tmp/flame_src.svg" leaky/07.bin) || problem "exit status $?"
want_in "$tmp/flame_src.svg" "_audit.append("
well_formed "$tmp/flame_src.svg"
verdict flame-source
# function names from the source: the box's label, and the tooltip as a traceback says it
want_in "$tmp/flame_src.svg" 'data-l="handle (leaky.py:42)"'
want_in "$tmp/flame_src.svg" "<title>leaky.py:42, in handle"
want_not_in "$tmp/flame.svg" "data-l="
verdict flame-function
draw flame_diff flamegraph --diff "$fixtures/diff_old.bin" -o "$tmp/flame_diff.svg" \
    "$fixtures/diff_new.bin"
grep -q 'fill="rgb(255,' "$tmp/flame_diff.svg" || problem "no red"
grep -q 'fill="rgb([0-9]*,[0-9]*,255)' "$tmp/flame_diff.svg" || problem "no blue"
want_in "$tmp/flame_diff.svg" "Memory growth: "
verdict flame_diff
# search as flamegraph.pl's (Ctrl-F), and labels that keep the line number
want_in "$tmp/flame.svg" '<text id="search"'
want_in "$tmp/flame.svg" '<text id="matched"'
want_in "$tmp/flame.svg" "e.ctrlKey || e.metaKey"
verdict flame-search
# memory freed entirely is drawn, from the old stacks, in blue
draw flame_freed flamegraph --diff examples/after.bin -o "$tmp/flame_freed.svg" examples/before.bin
tr '\n' '|' <"$tmp/flame_freed.svg" |
    grep -q '<title>capture.py:40|size=0 B (-[0-9.]* KiB), count=0 (-[0-9]*)' ||
    problem "the freed stack is not drawn"
grep -q 'fill="rgb(50,50,255)"' "$tmp/flame_freed.svg" || problem "nothing deep blue"
want_in "$tmp/flame_freed.svg" '>ap..:12</text>'
verdict flame_freed
# stacks cut at the traceback limit, and other domains than 0, are marked
printf '%s' '{"memsnap_snapshot": 1, "traceback_limit": 3, "traces": [
 {"size": 4000, "traceback": [{"filename": "main.py", "lineno": 1}, {"filename": "work.py", "lineno": 5}]},
 {"size": 3000, "traceback": [{"filename": "pool.py", "lineno": 9}, {"filename": "work.py", "lineno": 7},
  {"filename": "decoder.py", "lineno": 353}]},
 {"size": 2500, "domain": 389047, "traceback": [{"filename": "main.py", "lineno": 1},
  {"filename": "arrays.py", "lineno": 12}]}]}' >"$tmp/marks.json"
draw flame_marks flamegraph -o "$tmp/flame_marks.svg" "$tmp/marks.json"
grep -q '<g class="f cut"[^>]*><title>pool.py:9' "$tmp/flame_marks.svg" || problem "no cut stack"
grep -q '<g class="f dom"[^>]*><title>arrays.py:12' "$tmp/flame_marks.svg" || problem "no other domain"
want_in "$tmp/flame_marks.svg" "2500 B (38.5%) of it in allocation domains other than 0"
want_in "$tmp/flame_marks.svg" "dashed: stacks as deep as traceback_limit"
verdict flame_marks

# --hide and --focus shape the flame graph as they shape the groups
chat5=tests/series/fixtures/chat/05.bin.gz
draw flame_hide flamegraph --hide '*/asyncio/*' -o "$tmp/flame_hide.svg" "$chat5"
want_not_in "$tmp/flame_hide.svg" "/asyncio/"
want_in "$tmp/flame_hide.svg" "<title>/usr/lib/python3.12/urllib/parse.py:"
verdict flame_hide
draw flame_focus flamegraph --focus '*/chat/*' --focus-only -o "$tmp/flame_focus.svg" "$chat5"
want_not_in "$tmp/flame_focus.svg" "urllib/parse.py"
want_in "$tmp/flame_focus.svg" "/chat/releases/2024-06-01/server.py:28"
verdict flame_focus
# long file names: the title keeps their tails, clear of "Search" and
# "Reset zoom" (at most 90 characters), the whole names on hover
long="$tmp/a-directory-with-a-name-long-enough-to-push-the-title-into-the-buttons"
mkdir "$long"
cp examples/before.bin examples/after.bin "$long"
draw flame_title flamegraph --diff "$long/before.bin" -o "$tmp/flame_title.svg" "$long/after.bin"
title=$(sed -n 's/^<text class="title"[^>]*>\([^<]*\)<title>.*/\1/p' "$tmp/flame_title.svg")
# 90 characters, of which three (the ellipses and the arrow) are 3 bytes each
[ "$(printf '%s' "$title" | wc -c)" -le 96 ] || problem "title of $(printf '%s' "$title" | wc -c) bytes"
want_in "$tmp/flame_title.svg" "Memory growth: ${ellipsis}"
want_in "$tmp/flame_title.svg" "-the-buttons/before.bin $arrow ${ellipsis}"
want_in "$tmp/flame_title.svg" "-the-buttons/after.bin<title>$long/before.bin $arrow $long/after.bin</title>"
verdict flame_title
for f in control unicode empty deep huge; do
    draw "flame_$f" flamegraph -o "$tmp/flame_$f.svg" "$fixtures/$f.bin"
    verdict "flame_$f"
done
draw flame_hostile_diff flamegraph --diff "$fixtures/control.bin" -o "$tmp/flame_hostile_diff.svg" \
    "$fixtures/unicode.bin"
verdict flame_hostile_diff

finish
