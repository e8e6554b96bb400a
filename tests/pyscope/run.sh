#!/bin/sh
# The committed cases: pyscope_dump on each cases/NAME.py must print
# cases/NAME.expected, which reference.py made from Python's ast (Python
# 3.13; see README.md). Needs no Python.
#
#   tests/pyscope/run.sh PYSCOPE_DUMP
. "$(dirname "$0")/../lib.sh"
setup "$@"
cd "$(dirname "$0")/cases" || exit 2
for src in *.py; do
    memsnap "$src"
    want_status 0
    want_same "${src%.py}.expected" "$tmp/stdout"
    verdict "$src"
done
finish
