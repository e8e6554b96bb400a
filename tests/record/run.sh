#!/bin/sh
# memsnap record with real Python processes (check.py), run by a python3
# 3.8 or later; exits 77 (skipped) without one.
#
#   tests/record/run.sh MEMSNAP_BINARY
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 MEMSNAP_BINARY" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd) || exit 2
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 8))' 2>/dev/null; then
    echo "SKIP: no python3 3.8 or later to run the recording tests"
    exit 77
fi
exec "$python" "$here/check.py" "$1"
