#!/bin/sh
# One static memsnap for any Linux, as ./bootstrap static builds it with
# musl: no interpreter and no dynamic section, the golden cases, and the
# same output as the system's build, JSON both ways included, run with
# env -i and no library path in a directory holding only the snapshots,
# and (as root) in a chroot holding nothing but the binary and them.
# POSIX sh; skipped (77) without musl-gcc. cJSON is src/static/cjson.c,
# or the libcjson.a MEMSNAP_CJSON_ARCHIVE names.
#
#   tests/install/static.sh MEMSNAP_BINARY
set -u
[ $# -eq 1 ] || { echo "usage: $0 MEMSNAP_BINARY" >&2; exit 2; }
bin=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
command -v musl-gcc >/dev/null 2>&1 || { echo "SKIP: no musl-gcc (Debian: musl-tools)"; exit 77; }
. "$(dirname "$0")/lib.sh"

check "configure with musl-gcc" env CC=musl-gcc cmake -S "$src" -B "$tmp/build" -DMEMSNAP_STATIC=ON \
	-DMEMSNAP_CJSON_ARCHIVE="${MEMSNAP_CJSON_ARCHIVE:-}" -DBUILD_TESTING=OFF -DMEMSNAP_WERROR=ON
check "build with musl-gcc" cmake --build "$tmp/build" -j 2 --target memsnap
static=$tmp/build/memsnap
[ -x "$static" ] || { fail "no static memsnap"; finish; }
if command -v file >/dev/null 2>&1; then
	check "file: statically linked" sh -c "file '$static' | grep -q 'statically linked'"
fi
check "no program interpreter" sh -c "! readelf -l '$static' | grep -q INTERP"
check "no dynamic section" sh -c "readelf -d '$static' | grep -q 'no dynamic section'"

check "golden cases" sh "$src/tests/run_cases.sh" "$static" "$src/tests/golden/cases"

# The runs, in a directory with nothing but the snapshots; "convert" runs
# write a file, which is compared too.
run=$tmp/run
mkdir "$run" "$tmp/want"
cp "$src/examples/after.bin" "$src/examples/before.bin" "$src/tests/formats/fixtures/rich.bin.gz" "$run/"
cat >"$tmp/runs" <<'EOF'
top after.bin
diff before.bin after.bin
top -g traceback -n 3 rich.bin.gz
info rich.bin.gz
top -f json after.bin
diff -f json -g traceback -n 2 before.bin after.bin
convert -f json -o after.json after.bin
top after.json
convert -f pickle -o back.bin after.json
top -g traceback back.bin
EOF
# what the system's build writes, kept in $tmp/want
(cd "$run" && while read -r args; do
	# shellcheck disable=SC2086 # args are words
	"$bin" $args >"$tmp/want/${args%% *}.$(echo "$args" | cksum | cut -d' ' -f1)" 2>&1 </dev/null
done <"$tmp/runs")
cp "$run/after.json" "$tmp/want/after.json"
cp "$run/back.bin" "$tmp/want/back.bin"
rm "$run/after.json" "$run/back.bin"

# same ROOT NAME COMMAND...: every run's output, and the files it wrote,
# against the system's build; ROOT is where the written files are
same() {
	root=$1 name=$2
	shift 2
	while read -r args; do
		out=$tmp/want/${args%% *}.$(echo "$args" | cksum | cut -d' ' -f1)
		# shellcheck disable=SC2086 # args are words
		if "$@" $args >"$tmp/got" 2>&1 </dev/null && cmp -s "$out" "$tmp/got"; then
			pass
		else
			fail "$name memsnap $args: not what the system's build prints"
			diff "$out" "$tmp/got" | head -5
		fi
	done <"$tmp/runs"
	for f in after.json back.bin; do
		if cmp -s "$tmp/want/$f" "$root/$f"; then
			pass
		else
			fail "$name: $f is not what the system's build writes"
		fi
	done
}

# no environment, no library path
cd "$run" || exit 2
same "$run" "env -i" env -i LD_LIBRARY_PATH= "$static"
rm "$run/after.json" "$run/back.bin"

# a root with nothing but the binary and the snapshots: no libc, no /tmp
chroot=$(command -v chroot || true)
if [ "$(id -u)" -eq 0 ] && [ -n "$chroot" ]; then
	cp "$static" "$run/"
	same "$run" "chroot" env -i "$chroot" "$run" /memsnap
else
	echo "SKIP the chroot: not root, or no chroot"
fi
finish
