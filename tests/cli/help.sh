#!/bin/sh
# The help memsnap prints, checked against itself and the documentation:
# 'memsnap help COMMAND' is 'memsnap COMMAND --help' for every command,
# every option a command's help lists is in man/memsnap.1 (with the same
# short letter) and README.md, and every option the manual lists is one
# some command takes.
#
#   tests/cli/help.sh MEMSNAP_BINARY
. "$(dirname "$0")/../lib.sh"
setup "$@"
cd "$(dirname "$0")/../.." || exit 2

# help NAME ARG...: memsnap ARG... succeeds; its stdout is kept as $tmp/NAME
help() {
    name=$1
    shift
    memsnap "$@"
    want_status 0
    cp "$tmp/stdout" "$tmp/$name"
}

help list help
help list_long --help
help list_short -h
want_same "$tmp/list" "$tmp/list_long"
want_same "$tmp/list" "$tmp/list_short"
commands=$(sed -n 's/^  \([a-z][a-z]*\)  *[a-z].*/\1/p' "$tmp/list")
[ "$(echo "$commands" | wc -w)" -ge 7 ] || problem "memsnap help lists: $commands"
verdict "'memsnap help', 'memsnap --help' and 'memsnap -h'"

: >"$tmp/longs"
: >"$tmp/pairs"
for c in $commands; do
    help "$c.help" help "$c"
    help "$c.long" "$c" --help
    help "$c.short" "$c" -h
    want_same "$tmp/$c.long" "$tmp/$c.help"
    want_same "$tmp/$c.long" "$tmp/$c.short"
    head -n 1 "$tmp/$c.help" | grep -q "^usage: memsnap $c " ||
        problem "first line is $(head -n 1 "$tmp/$c.help")"
    verdict "'memsnap help $c', 'memsnap $c --help' and 'memsnap $c -h'"
    sed -n -e 's/^  -[a-zA-Z], --\([a-z][a-z-]*\).*/\1/p' -e 's/^      --\([a-z][a-z-]*\).*/\1/p' \
        "$tmp/$c.help" >>"$tmp/longs"
    sed -n 's/^  -\([a-zA-Z]\), --\([a-z][a-z-]*\).*/\1 \2/p' "$tmp/$c.help" >>"$tmp/pairs"
done
sort -u "$tmp/longs" >"$tmp/sorted" && mv "$tmp/sorted" "$tmp/longs"
sort -u "$tmp/pairs" >"$tmp/sorted" && mv "$tmp/sorted" "$tmp/pairs"

# The manual writes --group-by as '\-group\-by' after 'Fl' in OPTIONS.
sed -n '/^\.Sh OPTIONS/,/^\.Sh /p' man/memsnap.1 | grep '^\.It Fl' |
    awk '{ while (match($0, /\\-[a-z][a-z\\-]*/)) {
        print substr($0, RSTART, RLENGTH)
        $0 = substr($0, RSTART + RLENGTH)
    } }' | sed 's/\\-/-/g; s/^-//' | sort -u >"$tmp/man"
while read -r name; do
    grep -qx -e "$name" "$tmp/man" || problem "--$name is in --help, not in man/memsnap.1 OPTIONS"
    grep -qF -e "--$name" README.md || problem "--$name is in --help, not in README.md"
    verdict "--$name documented"
done <"$tmp/longs"
while read -r name; do
    grep -qx -e "$name" "$tmp/longs" || problem "--$name is in man/memsnap.1, no command takes it"
    verdict "--$name taken"
done <"$tmp/man"
# and a short letter is the one the manual gives the long option
while read -r letter name; do
    escaped=$(printf '%s\n' "$name" | sed 's/-/\\-/g')
    grep -qF -e ".It Fl $letter , \\-$escaped" man/memsnap.1 ||
        problem "-$letter, --$name is in --help, not in man/memsnap.1"
    verdict "-$letter, --$name in the manual"
done <"$tmp/pairs"

memsnap help frobnicate
want_status 2
want_refusal
verdict "memsnap help frobnicate"

finish
