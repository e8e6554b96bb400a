#!/bin/sh
# The Debian packages on a fresh Debian 12: a minimal bookworm root made by
# debootstrap (once, then kept as a tarball), memsnap's package installed
# into a copy of it by apt-get, which must fetch what it depends on from the
# Debian archive, and memsnap run there on the examples; then its manual
# through man, its bash completion through bash-completion, the library's
# packages, a program built on them with pkg-config, and removal. It
# downloads from the Debian archive, so ctest does not run it:
# ./bootstrap deb-check does. As root; skipped (77) without debootstrap or
# chroot, or when the archive is out of reach. POSIX sh.
#
#   tests/install/chroot.sh MEMSNAP_BINARY PACKAGE_DIR
#
# PACKAGE_DIR holds the packages of cmake/deb.sh; MEMSNAP_BINARY prints
# what the installed memsnap must print. MEMSNAP_CHROOT_CACHE is where the
# root and the packages downloaded into it are kept between runs (default
# /var/cache/memsnap-chroot), MEMSNAP_DEBIAN_MIRROR the archive.
set -u
[ $# -eq 2 ] || { echo "usage: $0 MEMSNAP_BINARY PACKAGE_DIR" >&2; exit 2; }
pkgs=$(cd "$2" && pwd) || exit 2
src=$(cd "$(dirname "$0")/../.." && pwd)
cache=${MEMSNAP_CHROOT_CACHE:-/var/cache/memsnap-chroot}
mirror=${MEMSNAP_DEBIAN_MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" -eq 0 ] || { echo "SKIP: not root (chroot and debootstrap need it)"; exit 77; }
for tool in debootstrap chroot tar dpkg-deb getent; do
	command -v $tool >/dev/null 2>&1 || { echo "SKIP: no $tool"; exit 77; }
done
host=$(echo "$mirror" | sed 's|^[a-z]*://||; s|[:/].*||')
getent hosts "$host" >/dev/null || { echo "SKIP: $host does not resolve (no network)"; exit 77; }
. "$(dirname "$0")/lib.sh"

version=$("$bin" --version | cut -d' ' -f2)
arch=$(dpkg --print-architecture)
cli=memsnap_${version}_$arch.deb
lib=libmemsnap$(echo "$version" | cut -d. -f1,2)_${version}_$arch.deb
dev=libmemsnap-dev_${version}_$arch.deb
for deb in "$cli" "$lib" "$dev"; do
	[ -f "$pkgs/$deb" ] || { fail "no $deb in $pkgs"; finish; }
done

# the fresh machine: Debian's minimal base (variant minbase), made once
if [ ! -f "$cache/bookworm.tar" ]; then
	echo "debootstrap bookworm into $cache (once)"
	rm -rf "$cache/seed" && mkdir -p "$cache"
	if debootstrap --variant=minbase bookworm "$cache/seed" "$mirror" >"$tmp/debootstrap" 2>&1 &&
		tar -C "$cache/seed" -cf "$cache/bookworm.tar.part" . && mv "$cache/bookworm.tar.part" "$cache/bookworm.tar"; then
		pass
	else
		tail -n 5 "$tmp/debootstrap"
		fail "debootstrap bookworm"
	fi
	rm -rf "$cache/seed"
	[ -f "$cache/bookworm.tar" ] || finish
fi
root=$tmp/root
if ! { mkdir "$root" && tar -C "$root" -xf "$cache/bookworm.tar"; }; then
	fail "unpacking $cache/bookworm.tar"
	finish
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$cache/archives" "$root/srv/memsnap"
# what earlier runs downloaded, which apt then takes from its cache
find "$cache/archives" -name '*.deb' -exec cp {} "$root/var/cache/apt/archives/" \;
# (the .py files for the source lines of -g traceback, which memsnap reads as Python does)
cp "$pkgs/$cli" "$pkgs/$lib" "$pkgs/$dev" "$src/examples/after.bin" "$src/examples/before.bin" \
	"$src/examples/app.py" "$src/examples/capture.py" "$src/examples/c/top.c" "$root/srv/memsnap/"

# in the root: a clean environment, in /srv/memsnap
inside() {
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/srv/memsnap LC_ALL=C DEBIAN_FRONTEND=noninteractive \
		chroot "$root" sh -c "cd /srv/memsnap && $1"
}
if ! inside "apt-get update -q" >"$tmp/update" 2>&1; then
	tail -n 5 "$tmp/update"
	echo "SKIP: apt-get update in the root failed ($mirror out of reach?)"
	exit 77
fi

# memsnap alone, and whatever apt fetches for it
check "apt-get install ./$cli" inside "apt-get install -y --no-install-recommends ./$cli"
grep -E '^(Get|Setting up)' "$tmp/log" | sed 's/^/  /'
depends=$(dpkg-deb -f "$pkgs/$cli" Depends)
echo "memsnap Depends: $depends"
for pkg in $(echo "$depends" | tr ',' '\n' | sed 's/(.*)//; s/|.*//'); do
	check "$pkg installed for memsnap" inside "dpkg-query -W -f='\${Status}' $pkg | grep -q 'ok installed'"
done
cd "$src/examples" || exit 2
for args in "top after.bin" "diff before.bin after.bin" "top -g traceback -n 2 after.bin" "info after.bin"; do
	# shellcheck disable=SC2086 # args are words
	"$bin" $args >"$tmp/want" 2>&1
	if inside "memsnap $args" >"$tmp/got" 2>&1 && cmp -s "$tmp/want" "$tmp/got"; then pass; else
		fail "memsnap $args in the root differs from the build's"
		diff "$tmp/want" "$tmp/got" | head -5
	fi
done
inside "memsnap --version" >"$tmp/got" 2>&1
echo "in the root: $(cat "$tmp/got")"
case $(cat "$tmp/got") in "memsnap $version"*) pass ;; *) fail "memsnap --version in the root" ;; esac
for f in /usr/share/man/man1/memsnap.1.gz /usr/share/bash-completion/completions/memsnap \
	/usr/share/zsh/site-functions/_memsnap /usr/share/fish/vendor_completions.d/memsnap.fish; do
	check "$f installed" test -f "$root$f"
done

# its manual and bash completion as a user has them, then the library
# packages and a C program built on them with pkg-config alone
check "apt-get install man-db bash-completion gcc pkg-config ./$lib ./$dev" \
	inside "apt-get install -y --no-install-recommends man-db bash-completion gcc libc6-dev pkg-config ./$lib ./$dev"
inside "man -w memsnap" >"$tmp/got" 2>&1
if grep -qx /usr/share/man/man1/memsnap.1.gz "$tmp/got"; then pass; else fail "man -w memsnap: $(cat "$tmp/got")"; fi
inside "MANWIDTH=80 MANPAGER=cat man --warnings memsnap" >"$tmp/man" 2>"$tmp/man.err"
if grep -q 'memsnap top' "$tmp/man" && [ ! -s "$tmp/man.err" ]; then pass; else
	fail "man memsnap: $(head -c 300 "$tmp/man.err")"
fi
# posix-check: off (bash code, run by bash)
# shellcheck disable=SC2016 # expanded by bash in the root
inside 'bash -c ". /usr/share/bash-completion/bash_completion; __load_completion memsnap;
	COMP_WORDS=(memsnap to); COMP_CWORD=1; COMPREPLY=(); _memsnap; echo \"\${COMPREPLY[*]}\""' \
	>"$tmp/got" 2>&1
# posix-check: on
if grep -qx top "$tmp/got"; then pass; else fail "bash completes memsnap to<Tab> as: $(cat "$tmp/got")"; fi
check "ldconfig knows libmemsnap (dpkg's trigger ran)" inside "ldconfig -p | grep -q libmemsnap.so.$(echo "$version" | cut -d. -f1,2)"
# shellcheck disable=SC2016 # expanded in the root
check "top.c built with pkg-config --cflags --libs memsnap" \
	inside 'cc top.c $(pkg-config --cflags --libs memsnap) -o top'
"$bin" top after.bin | grep -v '^#' >"$tmp/want"
if inside "./top after.bin" >"$tmp/got" 2>&1 && cmp -s "$tmp/want" "$tmp/got"; then pass; else
	fail "top.c on the installed library prints other lines than memsnap top"
fi

check "apt-get purge" inside "apt-get purge -y memsnap libmemsnap-dev ${lib%%_*}"
for f in /usr/bin/memsnap /usr/share/man/man1/memsnap.1.gz /usr/share/doc/memsnap; do
	check "$f removed" test ! -e "$root$f"
done
find "$root/var/cache/apt/archives" -name '*.deb' -exec cp {} "$cache/archives/" \;
finish
