#!/bin/sh
# The Debian packages as ./bootstrap deb makes them (cmake/deb.sh): their
# names, what the unpacked memsnap prints on the examples, that Depends:
# names the package of every library memsnap links (libc6 and zlib1g),
# that the library's runs ldconfig by dpkg's trigger alone, that apt would
# install them, that a program builds against the unpacked library, and
# lintian's errors (none allowed) and warnings. POSIX sh; skipped (77)
# without cmake's cpack, dpkg-deb or dpkg-shlibdeps; lintian and apt-get
# are used where installed. tests/install/chroot.sh installs them for real.
#
#   tests/install/deb.sh MEMSNAP_BINARY
set -u
[ $# -eq 1 ] || { echo "usage: $0 MEMSNAP_BINARY" >&2; exit 2; }
bin=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
for tool in cpack dpkg-deb dpkg-shlibdeps dpkg readelf; do
	command -v $tool >/dev/null 2>&1 || { echo "SKIP: no $tool"; exit 77; }
done
. "$(dirname "$0")/lib.sh"

check "cmake/deb.sh: build and cpack -G DEB" sh "$src/cmake/deb.sh" "$tmp/build"

version=$("$bin" --version | cut -d' ' -f2)
arch=$(dpkg --print-architecture)
so=$(echo "$version" | cut -d. -f1,2)
cli=$tmp/build/packages/memsnap_${version}_$arch.deb
lib=$tmp/build/packages/libmemsnap${so}_${version}_$arch.deb
dev=$tmp/build/packages/libmemsnap-dev_${version}_$arch.deb
for deb in "$cli" "$lib" "$dev"; do
	check "$(basename "$deb") made" test -f "$deb"
done
[ -f "$cli" ] || { fail "no memsnap package"; finish; }

# memsnap unpacked: its files, and the same output as the build's memsnap
root=$tmp/root
check "dpkg-deb -x" dpkg-deb -x "$cli" "$root"
for f in usr/bin/memsnap usr/share/man/man1/memsnap.1.gz usr/share/bash-completion/completions/memsnap \
	usr/share/zsh/site-functions/_memsnap usr/share/fish/vendor_completions.d/memsnap.fish \
	usr/share/doc/memsnap/copyright usr/share/doc/memsnap/changelog.gz; do
	check "memsnap.deb holds $f" test -f "$root/$f"
done
cd "$src/examples" || exit 2
for args in "top after.bin" "diff before.bin after.bin" "top -g traceback -n 2 after.bin" "info after.bin"; do
	# shellcheck disable=SC2086 # args are words
	"$bin" $args >"$tmp/want" 2>&1
	# shellcheck disable=SC2086
	if "$root/usr/bin/memsnap" $args >"$tmp/got" 2>&1 && cmp -s "$tmp/want" "$tmp/got"; then pass; else
		fail "unpacked memsnap $args differs from the build's"
	fi
done

# Depends: the package of every library the program needs (dpkg-shlibdeps)
depends=$(dpkg-deb -f "$cli" Depends)
echo "memsnap Depends: $depends"
for needed in $(readelf -d "$root/usr/bin/memsnap" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
	path=$(ldconfig -p 2>/dev/null | awk -v n="$needed" '$1 == n { print $NF; exit }')
	# /lib may be /usr/lib by a symbolic link, which dpkg does not follow
	pkg=$( (dpkg -S "$path" || dpkg -S "/usr$path" || dpkg -S "$(cd "${path%/*}" && pwd -P)/${path##*/}") 2>/dev/null |
		head -1 | cut -d: -f1)
	[ -n "$pkg" ] || { fail "no package found for $needed"; continue; }
	case ", $depends" in
	*", $pkg "* | *", $pkg,"* | *", $pkg") pass ;;
	*) fail "Depends lacks $pkg, which holds $needed" ;;
	esac
done
for pkg in libc6 zlib1g; do
	case ", $depends" in *", $pkg "*) pass ;; *) fail "Depends lacks $pkg" ;; esac
done
case $(dpkg-deb -f "$dev" Depends) in
*"libmemsnap$so (= $version)"*) pass ;;
*) fail "libmemsnap-dev does not depend on libmemsnap$so (= $version)" ;;
esac

# ldconfig through dpkg's trigger alone, not the scripts cpack writes
if [ -f "$lib" ]; then
	dpkg-deb --ctrl-tarfile "$lib" | tar -t >"$tmp/control"
	if grep -q '^[.]/triggers$' "$tmp/control" && ! grep -q -e postinst -e postrm "$tmp/control"; then
		pass
	else
		fail "the library's package runs ldconfig other than by its trigger: $(tr '\n' ' ' <"$tmp/control")"
	fi
fi

# what apt would do on this machine: install them, nothing refused
if command -v apt-get >/dev/null 2>&1; then
	check "apt-get install --simulate" apt-get install --simulate -q "$cli" "$lib" "$dev"
else
	echo "SKIP apt-get: not installed"
fi

# a program built on the unpacked library and headers, through pkg-config
dpkg-deb -x "$lib" "$root" && dpkg-deb -x "$dev" "$root"
pc=$(find "$root/usr/lib" -name memsnap.pc | head -1)
check "memsnap.pc in libmemsnap-dev" test -n "$pc"
if [ -n "$pc" ] && command -v pkg-config >/dev/null 2>&1; then
	libdir=$(dirname "$(dirname "$pc")")
	flags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --cflags --libs memsnap)
	# shellcheck disable=SC2086 # the flags are words
	check "top.c on the packaged library" ${CC:-cc} "$src/examples/c/top.c" $flags -o "$tmp/top"
	"$bin" top after.bin | grep -v '^#' >"$tmp/want"
	if LD_LIBRARY_PATH=$libdir "$tmp/top" after.bin >"$tmp/got" && cmp -s "$tmp/want" "$tmp/got"; then
		pass
	else
		fail "top.c on the packaged library prints other lines than memsnap top"
	fi
fi

if command -v lintian >/dev/null 2>&1; then
	lintian "$cli" "$lib" "$dev" >"$tmp/lintian" 2>&1
	grep '^[EW]:' "$tmp/lintian"
	if grep -q '^E:' "$tmp/lintian"; then fail "lintian reports errors"; else pass; fi
else
	echo "SKIP lintian: not installed"
fi

finish
