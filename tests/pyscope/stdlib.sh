#!/bin/sh
# The differential test: every .py file of a Python standard library, each
# line's function name from memsnap (pyscope_dump) against the one
# reference.py computes from Python's ast. With no argument, the library
# of the python3 on PATH (skipped, exit 77, without python3 >= 3.8); with
# PYTHON..., the library of each, as the manual run in README.md does.
#
#   tests/pyscope/stdlib.sh PYSCOPE_DUMP [PYTHON...]
if [ $# -lt 1 ]; then
    echo "usage: $0 PYSCOPE_DUMP [PYTHON...]" >&2
    exit 2
fi
dump=$1
shift
here=$(cd "$(dirname "$0")" && pwd) || exit 2
if [ $# -eq 0 ]; then
    if ! command -v python3 >/dev/null 2>&1 ||
        ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 8))' 2>/dev/null; then
        echo "SKIP: no python3 >= 3.8 to compare with"
        exit 77
    fi
    set -- python3
fi
status=0
for py in "$@"; do
    lib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])') || exit 2
    "$py" "$here/reference.py" --check "$dump" --exceptions "$here/exceptions.txt" "$lib" ||
        status=1
done
exit $status
