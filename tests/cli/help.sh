#!/bin/sh
# The help memsnap prints, checked against itself and the documentation:
# 'memsnap help COMMAND' is 'memsnap COMMAND --help' for every command,
# every option a command's help lists is in man/memsnap.1 (with the same
# short letter) and README.md, every option the manual lists is one some
# command takes, and each command takes exactly the options the manual
# and the README name it for (tried, with a value, on a real snapshot).
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

# Every option the manual and README name for a command, that command
# takes; and every command they do not name refuses it. The manual gives
# each option's commands on the line after its '.It' ('.Pq Cm top , diff'
# or '.Pq all commands'), the README in its option table's second column.
all_commands=$(echo $commands)
sed -n '/^\.Sh OPTIONS/,/^\.Sh /p' man/memsnap.1 |
    awk '/^\.It Fl/ { match($0, /\\-[a-z][a-z\\-]*/); name = substr($0, RSTART, RLENGTH); next }
         name && /^\.Pq/ { print name, $0; name = "" }' |
    sed 's/\\-/-/g; s/^-//; s/\.Pq all commands/'"$all_commands"'/; s/\.Pq Cm //; s/ ,//g' \
        >"$tmp/man_commands"
sed -n '/^| option | commands | meaning |$/,/^$/p' README.md | grep '^| `-' | awk -F' [|] ' '{
        match($1, /--[a-z][a-z-]*/)
        cmds = $2
        gsub(/`/, "", cmds)
        print substr($1, RSTART + 2, RLENGTH - 2), (cmds == "all" ? "'"$all_commands"'" : cmds) }' \
    >"$tmp/readme_commands"
[ "$(wc -l <"$tmp/man_commands")" -ge 20 ] || problem "man OPTIONS: $(wc -l <"$tmp/man_commands") entries with commands"
[ "$(wc -l <"$tmp/readme_commands")" -ge 20 ] || problem "README table: $(wc -l <"$tmp/readme_commands") rows"
verdict "the commands of each option, in the manual and the README"

f=examples/before.bin
# base COMMAND OPTION: the arguments that make COMMAND run: its snapshots,
# and an -o where it needs one
base() {
    case $1 in
    diff) echo "$f $f" ;;
    leaks) echo "$f $f $f" ;;
    convert) [ "$2" = output ] && echo "$f" || echo "-o $tmp/converted $f" ;;
    flamegraph) [ "$2" = output ] && echo "$f" || echo "-o $tmp/flame.svg $f" ;;
    merge) [ "$2" = output ] && echo "$f $f" || echo "-o $tmp/merged $f $f" ;;
    record) [ "$2" = output ] && echo "-q true" || echo "-q -o $tmp/recording.$2 true" ;;
    *) echo "$f" ;;
    esac
}
# use COMMAND OPTION: the option with a value it takes, and what it needs beside it
use() {
    case $2 in
    group-by) echo "--group-by filename" ;;
    limit) echo "--limit 3" ;;
    include | exclude | hide | focus) echo "--$2 *.py" ;;
    include-domain | exclude-domain) echo "--$2 0" ;;
    focus-only) echo "--focus-only --focus *" ;;
    path-map | old-path-map) echo "--$2 a=b" ;;
    pid | from | to) echo "--$2 0" ;;
    threads) echo "--threads 1" ;;
    frames) echo "--frames 5" ;;
    interval | sample) echo "--$2 1s" ;;
    every-growth) echo "--every-growth 1MiB" ;;
    format) case $1 in timeline | leaks) echo "--format csv" ;; *) echo "--format json" ;; esac ;;
    count) echo "--count --format collapsed" ;;
    output) echo "--output $tmp/out.$1" ;;
    label) case $1 in leaks) echo "--label a --label b --label c" ;; *) echo "--label a" ;; esac ;;
    top) echo "--top 2" ;;
    svg) echo "--svg $tmp/chart.svg" ;;
    min-steps) echo "--min-steps 0.5" ;;
    fail-over | fail-over-each | min-size) echo "--$2 1GiB" ;;
    sort) echo "--sort count" ;;
    diff) echo "--diff $f" ;;
    *) echo "--$2" ;;
    esac
}
for doc in man_commands readme_commands; do
    while read -r name named; do
        for c in $commands; do
            set -f
            # shellcheck disable=SC2046 # the words of use and base are arguments
            memsnap "$c" $(use "$c" "$name") $(base "$c" "$name")
            set +f
            # taken: it may still refuse the run (--peak of no recording),
            # never the option
            case " $named " in
            *" $c "*)
                ! grep -q -F -e "unknown option '--$name'" "$tmp/stderr" ||
                    problem "refused: $(head -c 200 "$tmp/stderr")" ;;
            *)
                want_status 2
                want_in "$tmp/stderr" "unknown option '--$name'" ;;
            esac
            verdict "$doc: memsnap $c --$name"
        done
    done <"$tmp/$doc"
done

memsnap help frobnicate
want_status 2
want_refusal
verdict "memsnap help frobnicate"

finish
