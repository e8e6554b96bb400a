#!/bin/sh
# Runs memsnap on case files and checks what it does against what each
# case expects (tests/README.md): every NAME.case of CASES, or the CASEs
# named, from the directory above CASES. Needs a POSIX shell, no Python.
#
#   tests/run_cases.sh MEMSNAP_BINARY CASES [CASE...]
. "$(dirname "$0")/lib.sh"
setup "$@"
if [ $# -lt 2 ] || [ ! -d "$2" ]; then
    echo "usage: $0 MEMSNAP_BINARY CASES [CASE...]" >&2
    exit 2
fi
cases_dir=$2
shift 2
run_cases "$cases_dir" "$cases_dir/.." "$@"
finish
