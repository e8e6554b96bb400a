#!/bin/sh
# libmemsnap as a program outside the tree uses it: installed into a
# scratch prefix, examples/c/top.c built with pkg-config alone and with
# find_package(memsnap) (shared and static), its lines compared with
# memsnap top's; the shared library exports the API and nothing else, and
# the public headers compile as C and as C++ without compiler extensions.
# POSIX sh; needs cc, pkg-config and cmake; nm and a C++ compiler if present.
#
#   tests/install/library.sh MEMSNAP_BINARY BUILD_DIR
set -u
[ $# -eq 2 ] || { echo "usage: $0 MEMSNAP_BINARY BUILD_DIR" >&2; exit 2; }
bin=$1 build=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

prefix=$tmp/prefix
check "cmake --install" cmake --install "$build" --prefix "$prefix"
libdir=$(cd "$prefix" && dirname "$(find . -name memsnap.pc)")
libdir=$prefix/${libdir%/pkgconfig}
for f in include/memsnap/memsnap.h include/memsnap/version.h include/memsnap/stats.h; do
	check "installed $f" test -f "$prefix/$f"
done
for f in libmemsnap.a libmemsnap.so pkgconfig/memsnap.pc cmake/memsnap/memsnapConfig.cmake; do
	check "installed $f" test -e "$libdir/$f"
done

# what `memsnap top` prints, without its own '#' lines
snap=$src/examples/after.bin
"$bin" top -n 8 "$snap" | grep -v '^#' >"$tmp/want"
check "memsnap top ran" test -s "$tmp/want"

# run_top NAME BINARY: the example prints exactly those lines
run_top() {
	if LD_LIBRARY_PATH=$libdir "$2" "$snap" 8 >"$tmp/got" 2>"$tmp/err" &&
		cmp -s "$tmp/want" "$tmp/got"; then
		pass
	else
		fail "$1: top's lines differ from memsnap top's"
		diff "$tmp/want" "$tmp/got" | head -10
		head -5 "$tmp/err"
	fi
}

PKG_CONFIG_PATH=$libdir/pkgconfig
export PKG_CONFIG_PATH
flags=$(pkg-config --cflags --libs memsnap)
check "pkg-config knows memsnap" test -n "$flags"
check "pkg-config version" test "$(pkg-config --modversion memsnap)" = "$("$bin" --version | cut -d' ' -f2)"
# shellcheck disable=SC2086 # the flags are words
check "cc with pkg-config" ${CC:-cc} -std=c11 -Wall -Wextra -Werror "$src/examples/c/top.c" $flags -o "$tmp/top-pc"
run_top "pkg-config build" "$tmp/top-pc"

for mode in OFF ON; do
	check "find_package(memsnap), static $mode" cmake -S "$src/examples/c" -B "$tmp/cm-$mode" \
		-DCMAKE_PREFIX_PATH="$prefix" -DTOP_STATIC=$mode -DCMAKE_C_FLAGS="-Wall -Werror"
	check "build with find_package, static $mode" cmake --build "$tmp/cm-$mode"
	run_top "find_package build, static $mode" "$tmp/cm-$mode/top"
done
if command -v readelf >/dev/null 2>&1; then
	check "the static build needs no libmemsnap.so" sh -c "! readelf -d '$tmp/cm-ON/top' | grep -q libmemsnap"
	check "the shared build needs libmemsnap.so" sh -c "readelf -d '$tmp/cm-OFF/top' | grep -q libmemsnap"
fi

# the exported symbols are the MS_API functions of the headers, no more, no less
if command -v nm >/dev/null 2>&1; then
	nm -D --defined-only "$libdir/libmemsnap.so" | awk '$2 == "T" { print $3 }' | sort >"$tmp/exported"
	sed -n 's/^MS_API [^(]*[ *]\(ms_[a-z0-9_]*\)(.*/\1/p' "$prefix"/include/memsnap/*.h | sort >"$tmp/declared"
	check "the API is declared" test -s "$tmp/declared"
	# a function of a public header without MS_API would be hidden
	grep -n '^[a-z][^(]*[ *]ms_[a-z0-9_]*(' "$prefix"/include/memsnap/*.h >"$tmp/unmarked"
	check "every public function is MS_API" test ! -s "$tmp/unmarked"
	[ ! -s "$tmp/unmarked" ] || cat "$tmp/unmarked"
	if cmp -s "$tmp/exported" "$tmp/declared"; then pass; else
		fail "exported symbols differ from the MS_API declarations (< exported, > declared)"
		diff "$tmp/exported" "$tmp/declared"
	fi
else
	echo "SKIP the exported symbols: no nm"
fi

# every public header alone, strict C11 and C++, with no compiler extension
for h in "$prefix"/include/memsnap/*.h; do
	name=memsnap/$(basename "$h")
	printf '#include <%s>\nint main(void) { return 0; }\n' "$name" >"$tmp/one.c"
	check "$name alone in strict C11" ${CC:-cc} -std=c11 -pedantic-errors -Wall -Wextra -Werror \
		-I"$prefix/include" -c "$tmp/one.c" -o "$tmp/one.o"
done
check "no __int128 in the public headers" sh -c "! grep -n __int128 '$prefix'/include/memsnap/*.h"
cxx=$(command -v c++ || command -v clang++ || true)
if [ -n "$cxx" ]; then
	cat >"$tmp/use.cc" <<'CXX'
#include <memsnap/memsnap.h>
#include <cstdio>
int main() { std::printf("%s\n", ms_version()); return ms_version_number() == MEMSNAP_VERSION_NUMBER ? 0 : 1; }
CXX
	# shellcheck disable=SC2086
	check "C++ links the C API (extern \"C\")" "$cxx" -std=c++11 -pedantic-errors -Wall -Werror \
		"$tmp/use.cc" $flags -o "$tmp/use"
	check "C++ program runs" env LD_LIBRARY_PATH="$libdir" "$tmp/use"
else
	echo "SKIP C++: no c++ or clang++"
fi

finish
