#!/bin/sh
# The test scripts keep to POSIX sh and utilities, as README says: every
# tests/**/*.sh, the scripts bootstrap runs (cmake/*.sh) and bootstrap
# itself, comments aside, hold none of bash's syntax and none of the GNU
# or BSD options that have a POSIX form in tests/lib.sh (stat -c,
# unguarded timeout, seq, truncate -s...); tests/CMakeLists.txt runs them
# with sh. Lines between "posix-check: off" and "posix-check: on" hold code
# for another shell (bash completion run by bash) and are left alone.
#
#   tests/cli/posix.sh MEMSNAP_BINARY     (the binary is not run)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
setup "$@"
root=$here/../..
cd "$root" || exit 2

# posix-check: off (the forms themselves)
# forbidden FILE: "FILE:LINE: what: the line" for each form found.
forbidden() {
    awk -v file="$1" '
    BEGIN {
        n = 0
        what[++n] = "bash in the #! line";           re[n] = "^#!.*bash"
        what[++n] = "stat -c (file_size, file_mode...)"; re[n] = "(^|[^[:alnum:]_-])stat +-[cf]"
        what[++n] = "unguarded timeout (with_limit)"; re[n] = "(^|[^[:alnum:]_$\"-])timeout +[0-9]"
        what[++n] = "seq (count_to)";                re[n] = "(^|[^[:alnum:]_.\"-])seq( |\\)|$)"
        what[++n] = "truncate (set_size)";           re[n] = "(^|[^[:alnum:]_-])truncate +-"
        what[++n] = "base64 -w";                     re[n] = "base64 +-w"
        what[++n] = "readlink -f";                   re[n] = "readlink +-[a-z]*f"
        what[++n] = "sed -i";                        re[n] = "sed +(-[a-zE]+ +)*-i"
        what[++n] = "grep -P or -m";                 re[n] = "grep +(-[a-zA-Z]+ +)*-[a-zA-Z]*[Pm]"
        what[++n] = "xargs -0, -print0";             re[n] = "xargs +-0|-print0"
        what[++n] = "echo -e";                       re[n] = "echo +-e "
        what[++n] = "head -c making data (dd)";      re[n] = "head +-c +[0-9]+ +/dev/"
        what[++n] = "local (bash, dash)";            re[n] = "^[[:space:]]*local "
        what[++n] = "[[ (bash)";                     re[n] = "(^|[[:space:];(])\\[\\[ "
        what[++n] = "process substitution (bash)";   re[n] = "[<>]\\([^(]"
        what[++n] = "$'"'"'...'"'"' (bash)";         re[n] = "(^|[[:space:]=(])\\$'"'"'"
        what[++n] = "${var//...} or ${var:N} (bash)"; re[n] = "\\$\\{[[:alnum:]_]+(//?[^}]|:[0-9]|: -[0-9])"
        what[++n] = "arrays (bash)";                 re[n] = "[[:alnum:]_]\\+?=\\(|\\[@\\]"
        what[++n] = "<<< (bash)";                    re[n] = "<<<"
        what[++n] = "read -a (bash)";                re[n] = "read +(-[a-z]+ +)*-[a-z]*a"
        what[++n] = "&> (bash)";                     re[n] = "&>"
        what[++n] = "pipefail (bash)";               re[n] = "pipefail"
        what[++n] = "function NAME (bash)";          re[n] = "^[[:space:]]*function +[[:alnum:]_]+ *(\\(\\) *)?[{]?[[:space:]]*$"
    }
    /posix-check: off/ { off = 1 }
    /posix-check: on/ { off = 0 }
    off || (/^[[:space:]]*#/ && FNR > 1) { next }
    {
        for (i = 1; i <= n; i++)
            if ($0 ~ re[i]) printf "%s:%d: %s: %s\n", file, FNR, what[i], $0
    }' "$1"
}
# posix-check: on

for file in $(find tests cmake -name '*.sh' | sort) bootstrap; do
    forbidden "$file" >"$tmp/found"
    [ ! -s "$tmp/found" ] || problem "$(cat "$tmp/found")"
    verdict "$file"
done

grep -n 'COMMAND bash' tests/CMakeLists.txt >"$tmp/found" &&
    problem "tests/CMakeLists.txt runs a script with bash: $(cat "$tmp/found")"
verdict "tests/CMakeLists.txt runs the scripts with sh"

finish
