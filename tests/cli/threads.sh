#!/bin/sh
# The golden and format cases again with --threads N after every command
# that loads snapshots: the output must be the same for any N (1: one
# thread; 2 and 8: a diff's files on their own threads).
#
#   tests/cli/threads.sh MEMSNAP_BINARY N...
set -u
bin=$1
shift
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d 2>/dev/null) || {
    dir=${TMPDIR:-/tmp}/memsnap-threads.$$
    mkdir -m 700 "$dir" || exit 2
}
trap 'rm -rf "$dir"' EXIT
trap 'exit 2' HUP INT TERM
status=0
for n in "$@"; do
    cat >"$dir/memsnap" <<WRAPPER
#!/bin/sh
case \${1-} in
top | diff | convert | info | timeline | leaks | flamegraph | merge | annotate)
    cmd=\$1
    shift
    exec "$bin" "\$cmd" --threads $n "\$@"
    ;;
esac
exec "$bin" "\$@"
WRAPPER
    chmod +x "$dir/memsnap"
    for cases in golden formats; do
        echo "--threads $n: $cases"
        sh "$here/run_cases.sh" "$dir/memsnap" "$here/$cases/cases" || status=1
    done
done
exit $status
