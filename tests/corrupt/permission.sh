#!/bin/sh
# A snapshot file its reader may not open: memsnap must end with status 2
# and "memsnap: FILE: permission denied".  Root reads any file, so as root
# the check runs as user nobody through setpriv (Linux); where that cannot
# be done it is skipped (status 77), saying why.
#
#   tests/corrupt/permission.sh MEMSNAP_BINARY
. "$(dirname "$0")/../lib.sh"
setup "$@"
chmod 755 "$tmp"
file=$tmp/unreadable.bin
cp "$(dirname "$0")/../golden/fixtures/cpython_1.bin" "$file"
chmod 000 "$file"

if [ "$(id -u)" -eq 0 ]; then
    if ! command -v setpriv >/dev/null 2>&1 ||
        ! setpriv --reuid=nobody --regid=nogroup --clear-groups "$bin" --version >/dev/null 2>&1; then
        echo "skipped: running as root, and user nobody cannot run $bin through setpriv"
        exit 77
    fi
    under="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi
memsnap top "$file"
want_status 2
want_refusal "$file"
[ "$(cat "$tmp/stderr")" = "memsnap: $file: permission denied" ] ||
    problem "stderr is not 'memsnap: $file: permission denied'"
verdict unreadable "$(cat "$tmp/stderr")"
finish
