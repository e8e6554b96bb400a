#!/bin/sh
# Builds the Debian packages into BUILD_DIR/packages: configured for /usr
# with Debian's hardening flags (dpkg-buildflags), built, packed by cpack
# (cmake/cpack.cmake says what goes where). ./bootstrap deb and
# tests/install/deb.sh both run it. Needs cmake, a C compiler, dpkg-dev.
#
#   cmake/deb.sh BUILD_DIR
set -eu
[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
src=$(cd "$(dirname "$0")/.." && pwd)
# all of Debian's hardening, bindnow included, as lintian expects
flags() { DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get "$1" 2>/dev/null || true; }
cmake -S "$src" -B "$1" -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF \
	-DCMAKE_C_FLAGS="$(flags CPPFLAGS) $(flags CFLAGS)" \
	-DCMAKE_EXE_LINKER_FLAGS="$(flags LDFLAGS)" -DCMAKE_SHARED_LINKER_FLAGS="$(flags LDFLAGS)"
cmake --build "$1" -j 2
rm -rf "$1/packages"
cd "$1"
cpack -G DEB -B packages
# cpack gives the library's package a postinst and a postrm that run
# ldconfig, which Debian runs through dpkg's trigger instead (cmake/triggers;
# lintian: maintscript-calls-ldconfig): it is packed again without them.
for deb in packages/libmemsnap[0-9]*.deb; do
	[ -f "$deb" ] || continue
	rm -rf repack
	dpkg-deb -R "$deb" repack
	rm -f repack/DEBIAN/postinst repack/DEBIAN/postrm
	dpkg-deb --root-owner-group -b repack "$deb" >/dev/null
	rm -rf repack
done
