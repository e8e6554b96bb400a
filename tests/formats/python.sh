#!/bin/sh
# Runs python_check.py (memsnap's formats and conversions against Python's
# tracemalloc) with a python3 >= 3.10; exits 77 (skipped) without one.
#
#   tests/formats/python.sh MEMSNAP_BINARY
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 MEMSNAP_BINARY" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd) || exit 2

for candidate in python3 python3.13 python3.12 python3.11 python3.10; do
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
        exec "$candidate" "$here/python_check.py" "$1"
    fi
done
echo "SKIP: no python3 >= 3.10 to compare with"
exit 77
