#!/usr/bin/env bash
# A snapshot file its reader may not open: memsnap must end with status 2
# and "memsnap: FILE: permission denied".  Root reads any file, so as root
# the check runs as user nobody through setpriv; where that cannot be done
# it is skipped (status 77), saying why.
#
#   tests/corrupt/permission.sh MEMSNAP_BINARY
set -u
. "$(dirname "$0")/lib.sh"
setup "$@"
chmod 755 "$tmp"
file=$tmp/unreadable.bin
cp "$(dirname "$0")/../golden/fixtures/cpython_1.bin" "$file"
chmod 000 "$file"

run=()
if [ "$(id -u)" -eq 0 ]; then
    run=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
    if ! "${run[@]}" "$bin" --version >/dev/null 2>&1; then
        echo "skipped: running as root, and user nobody cannot run $bin through setpriv"
        exit 77
    fi
fi
"${run[@]}" "$bin" top "$file" >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
want="memsnap: $file: permission denied"
[ "$status" -eq 2 ] || problems+=("exit status $status, expected 2")
[ -s "$tmp/stdout" ] && problems+=("stdout not empty")
[ "$(cat "$tmp/stderr")" = "$want" ] || problems+=("stderr is not '$want'")
verdict unreadable "$(cat "$tmp/stderr")"
finish
