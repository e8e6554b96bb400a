#!/bin/sh
# Source lines cost what they are worth: a name is found through a hash
# (one traceback of 150,000 file names reads in well under a second of
# CPU), a file is read once whatever spells its name (forty spellings of
# an 8 MB file cost one), lines are indexed compactly (a 64 MB file of
# newlines costs its size, not 16 bytes a line), the cache keeps at most
# 256 MiB and warns once when it drops files for that, and a printed
# line is cut at 4096 bytes with a marker.
#
#   tests/hostile/sources.sh MEMSNAP_BINARY CRAFT_BINARY SPAWN_BINARY [sanitized]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
setup "$1"
craft=$2 spawn=$3 sanitized=${4:-}
cd "$tmp" || exit 2

# measure NAME MAX_MIB MAX_CPU_SECONDS CMD...: memsnap CMD must end with
# status 0, its peak RSS and CPU time within the bounds (unless sanitized).
measure() {
    name=$1 mib=$2 cpu_max=$3
    shift 3
    "$spawn" "$tmp/report" "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    read -r wall rss status cpu <"$tmp/report"
    [ "$status" -eq 0 ] || problem "exit status $status"
    if [ -z "$sanitized" ]; then
        [ "$rss" -le $((mib << 10)) ] || problem "peak RSS $((rss >> 10)) MiB over $mib MiB"
        awk "BEGIN { exit !($cpu <= $cpu_max) }" || problem "$cpu s of CPU"
    fi
    verdict "$name" "peak RSS $((rss >> 10)) MiB, $cpu s of CPU"
}

# one traceback of 150,000 names, a thousand of which are files
"$craft" wide 150000 wide.bin || exit 2
for i in $(count_from_to 0 999); do echo "x = $i" >"src$i.py"; done
# once unmeasured: the kernel's first look for each of the 149,000 names
# that are no file in this new directory costs it up to a second of
# system time on ext4 (its directory searched, a negative entry made),
# which is the file system's cost, not memsnap's; looked for again, they
# come from the kernel's cache of names
"$bin" top -g traceback -n 1 wide.bin >/dev/null 2>&1
measure "150,000 names in one traceback" 64 1.5 top -g traceback -n 1 wide.bin
grep -c '^    x = ' "$tmp/stdout" | grep -qx 1000 || problem "not 1000 source lines"
verdict "150,000 names: the lines of the files there"

# forty names of one 8 MB file
# (80,000 lines of 100 bytes)
awk 'BEGIN { for (i = 0; i < 80000; i++) printf "x%098d\n", i }' >big.py
set -- big.py:1
slashes=
for _ in $(count_to 39); do
    slashes=$slashes/
    set -- "$@" ".$slashes""big.py:1"
done
"$craft" frames spell.bin "$@" || exit 2
measure "40 spellings of an 8 MB file" 32 1 top -g traceback -n 0 spell.bin
[ "$(grep -c '^    ' "$tmp/stdout")" -eq 40 ] || problem "not 40 source lines"
verdict "40 spellings: 40 source lines"

# 64 MB of newlines, and its last line
dd if=/dev/zero bs=1000000 count=64 2>/dev/null | tr '\0' '\n' >nl.py
printf 'the last line\n' >>nl.py
"$craft" frames nl.bin nl.py:64000001 nl.py:1 || exit 2
measure "64 MB of newlines" 96 1.5 top -g traceback -n 0 nl.bin
grep -qx '    the last line' "$tmp/stdout" || problem "the last line is not shown"
verdict "64 MB of newlines: the last line found"

# three files of 100 MB: the third passes the budget; a warning, once
for f in a b c; do
    printf 'line_of_%s = 1\n' "$f" >"$f.py"
    set_size "$f.py" $((100 << 20))
done
"$craft" frames abc.bin a.py:1 b.py:1 c.py:1 a.py:1 || exit 2
measure "300 MB of source files" 320 5 top -g traceback -n 0 abc.bin
grep -qx '    line_of_a = 1' "$tmp/stdout" && grep -qx '    line_of_b = 1' "$tmp/stdout" ||
    problem "the first two files' lines are missing"
grep -q 'line_of_c' "$tmp/stdout" && problem "the third file's line is shown"
[ "$(cat "$tmp/stderr")" = "memsnap: warning: source lines left out once source files passed 256 MiB (the most memsnap keeps)" ] ||
    problem "stderr: $(head -c 300 "$tmp/stderr")"
verdict "over the budget: one warning"
rm -f a.py b.py c.py

# a line of 10,000 bytes: cut at 4096, at a character, and marked
{ printf 'x = "'; for _ in $(count_to 2000); do printf '\303\251\303\251'; done; printf '"\n'; } >long.py
"$craft" frames long.bin long.py:1 || exit 2
"$bin" top -g traceback long.bin >"$tmp/stdout" 2>"$tmp/stderr" || problem "exit $?"
line=$(grep '^    x = ' "$tmp/stdout")
[ "${#line}" -le $((4 + 4096 + 6)) ] || problem "a line of ${#line} bytes"
[ "${line#"${line%??????}"}" = " [...]" ] || problem "no marker at the end"
printf '%s' "$line" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 || problem "cut inside a character"
verdict "a line of 10,000 bytes, cut"

finish
