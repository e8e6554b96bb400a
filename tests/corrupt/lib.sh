# Shared by the corrupt/ test scripts (sourced, not run): the argument,
# a scratch directory, and the per-check bookkeeping that ends in the
# "N passed, M failed" line.
#
#   . lib.sh; setup "$@"          sets bin (absolute) and tmp, or exits 2
#   problems+=("...")            what went wrong in the current check
#   verdict NAME [SHOWN]          counts the check; prints ok or its problems
#   finish                        prints the totals and exits 0 or 1

setup() {
    if [ $# -lt 1 ]; then
        echo "usage: $0 MEMSNAP_BINARY" >&2
        exit 2
    fi
    bin=$1
    case $bin in
    /*) ;;
    *) bin=$PWD/$bin ;;
    esac
    export LC_ALL=C
    tmp=$(mktemp -d) || exit 2
    trap 'rm -rf "$tmp"' EXIT
    passed=0 failed=0 problems=()
}

verdict() {
    if [ ${#problems[@]} -eq 0 ]; then
        passed=$((passed + 1))
        [ $# -lt 2 ] || echo "ok $1: $2"
    else
        failed=$((failed + 1))
        echo "FAIL $1"
        printf '  %s\n' "${problems[@]}"
        [ ! -s "$tmp/stderr" ] || head -n 3 "$tmp/stderr" | cut -c 1-300 | sed 's/^/  stderr: /'
    fi
    problems=()
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
    exit
}
