#!/bin/sh
# Differential tests: memsnap against Python's tracemalloc on random
# snapshots (differential.py).  Needs a python3 >= 3.10 as the reference;
# exits 77 (skipped) without one.
#
#   tests/differential/run.sh MEMSNAP_BINARY
#
# MEMSNAP_DIFF_SEED and MEMSNAP_DIFF_ITERATIONS override the random seed
# (printed at the start) and the number of iterations; MEMSNAP_DIFF_THREADS
# gives every command that --threads (else each has a random one, or none).
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 MEMSNAP_BINARY" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd) || exit 2

is_reference() {
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
        >/dev/null 2>&1
}

python=
for candidate in python3 python3.13 python3.12 python3.11 python3.10; do
    if command -v "$candidate" >/dev/null 2>&1 && is_reference "$candidate"; then
        python=$candidate
        break
    fi
done
if [ -z "$python" ] && command -v pyenv >/dev/null 2>&1; then
    for version in $(pyenv versions --bare 2>/dev/null | sort -t. -k1,1nr -k2,2nr -k3,3nr); do
        prefix=$(pyenv prefix "$version" 2>/dev/null) || continue
        if [ -x "$prefix/bin/python3" ] && is_reference "$prefix/bin/python3"; then
            python=$prefix/bin/python3
            break
        fi
    done
fi
if [ -z "$python" ]; then
    echo "SKIP: differential tests need python3 >= 3.10"
    exit 77
fi

exec "$python" "$here/differential.py" "$1"
