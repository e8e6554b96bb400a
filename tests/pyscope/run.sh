#!/usr/bin/env bash
# The committed cases: pyscope_dump on each cases/NAME.py must print
# cases/NAME.expected, which reference.py made from Python's ast (Python
# 3.13; see README.md). Needs no Python.
#
#   tests/pyscope/run.sh PYSCOPE_DUMP
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 PYSCOPE_DUMP" >&2
    exit 2
fi
dump=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/cases" || exit 2
export LC_ALL=C
fail=0 n=0
for src in *.py; do
    n=$((n + 1))
    if ! diff -u "${src%.py}.expected" <("$dump" "$src") >/dev/null; then
        echo "FAIL: $src"
        diff -u "${src%.py}.expected" <("$dump" "$src") | head -20
        fail=1
    fi
done
echo "pyscope: $n cases"
exit $fail
