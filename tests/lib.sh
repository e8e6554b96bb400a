# The shell test library, sourced (not run) by every script that tests the
# memsnap command: the binary argument, a scratch directory, memsnap run
# under a time limit, the checks and their count, and the runner of case
# files (tests/README.md says how to write one). POSIX sh and utilities.
#
#   . tests/lib.sh; setup "$@"      $bin (absolute) and $tmp, or exit 2
#   memsnap ARG...                  runs it: $tmp/stdout, $tmp/stderr, $status
#                                   (standard input from $stdin, or /dev/null)
#   want_status N                   the run ended with status N
#   want_refusal [NAME]             ... and as an error does: nothing on
#                                   stdout, one line "memsnap: [NAME: ]..."
#   want_in FILE TEXT, want_not_in  FILE holds (does not hold) TEXT
#   want_same WANT GOT              the two files are the same bytes
#   problem TEXT                    anything else that went wrong
#   verdict NAME [SHOWN]            counts one check: its problems, or ok
#   finish                          "N passed, M failed"; exit 0, or 1
#   run_cases CASES WORKDIR [CASE...]  each CASES/*.case, run from WORKDIR
#
# and, for scripts that do more than run memsnap (none needs setup):
#
#   with_limit SECONDS CMD...       CMD under timeout(1) where there is one
#   count_to N, count_from_to A B   the numbers 1..N, A..B, one a line (seq)
#   file_size FILE                  its size in bytes (stat -c %s)
#   set_size FILE BYTES             cuts or extends it (truncate -s)
#   file_mode_is FILE OCTAL         its permission bits are OCTAL, e.g. 640
#   file_mode FILE, file_owner FILE "-rw-r-----", "UID:GID" (stat -c %A, %u:%g)
#   file_type FILE                  "FIFO", "socket", ... (stat -c %F)

setup() {
    if [ $# -lt 1 ] || [ ! -f "$1" ] || [ ! -x "$1" ]; then
        echo "usage: $0 MEMSNAP_BINARY (an executable file)" >&2
        exit 2
    fi
    bin=$1
    case $bin in
    /*) ;;
    *) bin=$PWD/$bin ;;
    esac
    # Bytes, not characters: cases hold non-UTF-8 arguments and output.
    LC_ALL=C
    export LC_ALL
    tmp=$(mktemp -d 2>/dev/null) || {
        tmp=${TMPDIR:-/tmp}/memsnap-test.$$
        mkdir -m 700 "$tmp" || exit 2
    }
    trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
    trap 'exit 2' HUP INT TERM
    passed=0 failed=0 problems='' ran='' stdin=/dev/null
    # memsnap runs under timeout(1) for $limit seconds, where there is one
    # (it is not POSIX: without it, a hang hangs the test), and under the
    # command a script may set in $under
    limit=30 under='' timeout=''
    if command -v timeout >/dev/null 2>&1; then
        timeout=timeout
    fi
}

problem() {
    problems="$problems  $1
"
}

memsnap() {
    # shellcheck disable=SC2086 # $under is a command and its arguments
    ${timeout:+$timeout $limit} $under "$bin" "$@" <"$stdin" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    ran=yes
    if [ -n "$timeout" ] && [ "$status" -eq 124 ]; then
        problem "timed out after $limit s"
        ran=abnormally
    elif [ "$status" -gt 128 ]; then
        problem "killed by signal $((status - 128))"
        ran=abnormally
    fi
    if grep -q -e 'Sanitizer' -e 'runtime error' "$tmp/stderr"; then
        problem "sanitizer report"
    fi
}

want_status() {
    [ "$status" -eq "$1" ] || [ "$ran" = abnormally ] || problem "exit status $status, expected $1"
}

want_refusal() {
    [ ! -s "$tmp/stdout" ] || problem "stdout not empty"
    _first=
    IFS= read -r _first <"$tmp/stderr"
    case $_first in
    "memsnap: ${1:+$1: }"*) ;;
    *) problem "stderr does not start with 'memsnap: ${1:+$1: }'" ;;
    esac
    if [ "$(wc -l <"$tmp/stderr")" -ne 1 ] || [ -n "$(tail -c 1 "$tmp/stderr")" ]; then
        problem "stderr is not one line"
    fi
}

want_in() {
    grep -q -F -e "$2" "$1" || problem "$(basename "$1") lacks '$2'"
}

want_not_in() {
    ! grep -q -F -e "$2" "$1" || problem "$(basename "$1") holds '$2'"
}

want_same() {
    if ! cmp -s "$1" "$2"; then
        problem "$2 differs from $1"
        diff -u "$1" "$2" | sed -n '3,22s/^/    /p' >>"$tmp/diff"
    fi
}

verdict() {
    if [ -z "$problems" ]; then
        passed=$((passed + 1))
        [ $# -lt 2 ] || printf 'ok %s: %s\n' "$1" "$2"
    else
        failed=$((failed + 1))
        printf 'FAIL %s\n%s' "$1" "$problems"
        [ ! -s "$tmp/diff" ] || cat "$tmp/diff"
        [ -z "$ran" ] || head -n 3 "$tmp/stderr" | cut -c 1-300 | sed 's/^/  stderr: /'
    fi
    problems='' ran=''
    rm -f "$tmp/diff"
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
    exit
}

# unescape: each line of standard input, written in the escapes of case
# files (\xHH the byte HH, \\ a backslash, any other byte itself), as an
# argument for printf %b that makes those bytes (POSIX %b knows \0ddd only).
unescape() {
    awk 'BEGIN { hex = "0123456789abcdef" }
    {
        out = ""
        for (i = 1; i <= length($0); i++) {
            c = substr($0, i, 1)
            d = tolower(substr($0, i + 2, 2))
            if (c == "\\" && substr($0, i + 1, 1) == "\\") {
                c = "\\0134"
                i++
            } else if (c == "\\" && substr($0, i + 1, 1) == "x" && d ~ /^[0-9a-f][0-9a-f]$/) {
                c = sprintf("\\0%03o", (index(hex, substr(d, 1, 1)) - 1) * 16 + index(hex, substr(d, 2, 1)) - 1)
                i += 3
            } else if (c == "\\") {
                c = "\\0134"
            }
            out = out c
        }
        print out
    }'
}

# bytes ESCAPED: the bytes themselves, on stdout.
bytes() {
    printf '%b' "$(printf '%s\n' "$1" | unescape)"
}

# repeat_bytes N ESCAPED OUT: appends the bytes N times to OUT, by doubling.
repeat_bytes() {
    bytes "$2" >"$tmp/unit"
    _n=$1
    while [ "$_n" -gt 0 ]; do
        [ $((_n % 2)) -eq 0 ] || cat "$tmp/unit" >>"$3"
        _n=$((_n / 2))
        [ "$_n" -gt 0 ] || break
        cat "$tmp/unit" "$tmp/unit" >"$tmp/next"
        mv "$tmp/next" "$tmp/unit"
    done
}

# read_case FILE: sets case_args (the args line), case_status, case_stdin,
# case_stderr, writes the texts of its stdout lines to $tmp/case_stdout,
# one a line, and the bytes of the case's input file to $input when it has
# one (case_input=yes). Says what is malformed.
read_case() {
    case_args='' case_status=0 case_stdin=/dev/null case_stderr='' case_input=''
    : >"$input"
    : >"$tmp/case_stdout"
    while IFS= read -r _line || [ -n "$_line" ]; do
        _keyword=${_line%% *}
        _rest=
        [ "$_keyword" = "$_line" ] || _rest=${_line#* }
        case $_keyword in
        '#'* | '') ;;
        args) case_args=$_rest ;;
        status) case_status=$_rest ;;
        stdin) case_stdin=$_rest ;;
        stdout) bytes "$_rest" >>"$tmp/case_stdout" && echo >>"$tmp/case_stdout" ;;
        stderr) case_stderr=$(bytes "$_rest") ;;
        bytes) bytes "$_rest" >>"$input" && case_input=yes ;;
        repeat) repeat_bytes "${_rest%% *}" "${_rest#* }" "$input" && case_input=yes ;;
        *)
            problem "unknown directive '$_keyword'"
            return 1
            ;;
        esac
    done <"$1"
}

# run_case: memsnap with the arguments of the case read last (and its
# input file after them), then every check the case asks for.
run_case() {
    # one argument a line, each behind an 'a' (so that '' is a line too),
    # and the x keeps the newlines at its end from $(...)
    _tokens=$(printf '%s\n' "$case_args" | tr ' ' '\n' | sed -e '/^$/d' -e "s/^''\$//" |
        unescape | sed 's/^/a/')
    set --
    while IFS= read -r _token; do
        case $_token in
        a*)
            _token=$(printf '%b' "${_token#a}" && echo x)
            set -- "$@" "${_token%x}"
            ;;
        esac
    done <<EOF
$_tokens
EOF
    [ -z "$case_input" ] || set -- "$@" "$input"
    stdin=$case_stdin
    ls -A >"$tmp/before"
    memsnap "$@"
    stdin=/dev/null
    ls -A >"$tmp/after"
    cmp -s "$tmp/before" "$tmp/after" || problem "memsnap left files in $PWD"
    want_status "$case_status"
    if [ "$case_status" -eq 2 ]; then
        want_refusal ${case_input:+"$input"}
    fi
    if [ -f "$_cases/$name.out" ]; then
        sed '/^#/d' "$tmp/stdout" >"$tmp/got"
        want_same "$_cases/$name.out" "$tmp/got"
    fi
    while IFS= read -r _text; do
        want_in "$tmp/stdout" "$_text"
    done <"$tmp/case_stdout"
    [ -z "$case_stderr" ] || want_in "$tmp/stderr" "$case_stderr"
}

run_cases() {
    _cases=$(cd "$1" && pwd) || exit 2
    cd "$2" || exit 2
    shift 2
    [ $# -gt 0 ] || set -- "$_cases"/*.case
    for _file in "$@"; do
        name=$(basename "$_file" .case)
        input=$tmp/$name.bin
        if read_case "$_cases/$name.case"; then
            run_case
        fi
        verdict "$name: memsnap $case_args"
    done
}

with_limit() {
    _limit=$1
    shift
    if command -v timeout >/dev/null 2>&1; then
        timeout "$_limit" "$@"
    else
        "$@"
    fi
}

count_from_to() {
    awk -v a="$1" -v b="$2" 'BEGIN { for (i = a; i <= b; i++) print i }'
}

count_to() {
    count_from_to 1 "$1"
}

file_size() {
    _size=$(wc -c <"$1") && echo $((_size))
}

# dd with nothing to copy: the file is cut at the seek point, or extended
# to it (sparse where the file system can).
set_size() {
    dd if=/dev/null of="$1" bs=1 seek="$2" 2>/dev/null
}

file_mode_is() {
    [ -n "$(find "$1" -prune -perm "$2")" ]
}

file_mode() {
    ls -ld "$1" | cut -c 1-10
}

file_owner() {
    ls -ldn "$1" | awk '{ print $3 ":" $4 }'
}

file_type() {
    case $(ls -ld "$1" | cut -c 1) in
    -) echo "regular file" ;;
    d) echo directory ;;
    l) echo "symbolic link" ;;
    p) echo FIFO ;;
    s) echo socket ;;
    c) echo "character device" ;;
    b) echo "block device" ;;
    *) echo "unknown type" ;;
    esac
}
