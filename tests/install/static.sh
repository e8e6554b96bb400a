#!/bin/sh
# One static memsnap for any Linux, as ./bootstrap static builds it with
# musl: no dynamic section, the golden cases, the same output as the
# system's build with env -i and no library path, and in a chroot holding
# only the binary and the snapshots (as root). POSIX sh; skipped (77)
# without musl-gcc, or without a static cJSON (Debian has none: a
# libcjson.a built elsewhere is named in MEMSNAP_CJSON_ARCHIVE).
#
#   tests/install/static.sh MEMSNAP_BINARY
set -u
[ $# -eq 1 ] || { echo "usage: $0 MEMSNAP_BINARY" >&2; exit 2; }
bin=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
command -v musl-gcc >/dev/null 2>&1 || { echo "SKIP: no musl-gcc (Debian: musl-tools)"; exit 77; }
# the same words as ./bootstrap static and README
cjson_a=${MEMSNAP_CJSON_ARCHIVE:-$(pkg-config --variable=libdir libcjson 2>/dev/null)/libcjson.a}
[ -f "$cjson_a" ] || { echo "SKIP: Debian ships no static cJSON (libcjson-dev has libcjson.so alone) and a static memsnap links libcjson.a: build it from cJSON's source and name it in MEMSNAP_CJSON_ARCHIVE"; exit 77; }
. "$(dirname "$0")/lib.sh"

check "configure with musl-gcc" env CC=musl-gcc cmake -S "$src" -B "$tmp/build" -DMEMSNAP_STATIC=ON \
	-DMEMSNAP_CJSON_ARCHIVE="$cjson_a" -DBUILD_TESTING=OFF -DMEMSNAP_WERROR=ON
check "build with musl-gcc" cmake --build "$tmp/build" -j 2 --target memsnap
static=$tmp/build/memsnap
[ -x "$static" ] || { fail "no static memsnap"; finish; }
check "no program interpreter" sh -c "! readelf -l '$static' | grep -q INTERP"
check "no dynamic section" sh -c "readelf -d '$static' | grep -q 'no dynamic section'"

# the golden cases (tests/golden), run against it
if [ -f "$src/tests/run_cases.sh" ]; then
	check "golden cases" sh "$src/tests/run_cases.sh" "$static" "$src/tests/golden/cases"
else
	check "golden cases" bash "$src/tests/golden/run.sh" "$static"
fi

# what memsnap prints here, and the snapshots it reads
cd "$src/examples" || exit 2
cp after.bin before.bin "$src/tests/formats/fixtures/rich.bin.gz" "$tmp/"
runs="top after.bin|diff before.bin after.bin|top -g traceback -n 3 rich.bin.gz|info rich.bin.gz"
echo "$runs" | tr '|' '\n' >"$tmp/runs"
while read -r args; do
	# shellcheck disable=SC2086 # args are words
	(cd "$tmp" && "$bin" $args) >"$tmp/want" 2>&1
	# shellcheck disable=SC2086
	if (cd "$tmp" && env -i LD_LIBRARY_PATH= "$static" $args) >"$tmp/got" 2>&1 &&
		cmp -s "$tmp/want" "$tmp/got"; then
		pass
	else
		fail "env -i memsnap $args: not what the system's build prints"
		diff "$tmp/want" "$tmp/got" | head -5
	fi
done <"$tmp/runs"

# a root with nothing but the binary and the snapshots: no libc, no /tmp
chroot=$(command -v chroot || true)
if [ "$(id -u)" -eq 0 ] && [ -n "$chroot" ]; then
	root=$tmp/root
	mkdir "$root"
	cp "$static" "$tmp/after.bin" "$tmp/before.bin" "$tmp/rich.bin.gz" "$root/"
	while read -r args; do
		# shellcheck disable=SC2086 # args are words
		(cd "$tmp" && "$bin" $args) >"$tmp/want" 2>&1
		# shellcheck disable=SC2086
		if env -i "$chroot" "$root" /memsnap $args >"$tmp/got" 2>&1 && cmp -s "$tmp/want" "$tmp/got"; then
			pass
		else
			fail "memsnap $args in a chroot: not what the system's build prints"
			diff "$tmp/want" "$tmp/got" | head -5
		fi
	done <"$tmp/runs"
	check "convert -o in a chroot" env -i "$chroot" "$root" /memsnap convert -f json -o /after.json after.bin
	check "the JSON it wrote reads back" env -i "$chroot" "$root" /memsnap top /after.json
else
	echo "SKIP the chroot: not root, or no chroot"
fi
finish
