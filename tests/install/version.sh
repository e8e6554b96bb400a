#!/bin/sh
# memsnap --version: the version project() sets in CMakeLists.txt, and in a
# git checkout the commit it was built from. POSIX sh.
#
#   tests/install/version.sh MEMSNAP_BINARY VERSION SOURCE_DIR
set -u
[ $# -eq 3 ] || { echo "usage: $0 MEMSNAP_BINARY VERSION SOURCE_DIR" >&2; exit 2; }
bin=$1 version=$2 src=$3
. "$(dirname "$0")/lib.sh"
out=$("$bin" --version)
[ $? -eq 0 ] && pass || fail "--version exits 0"
echo "$out"
case $out in
"memsnap $version" | "memsnap $version (git "*")") ok=true ;;
*) ok=false ;;
esac
$ok && pass || fail "--version says memsnap $version"
if command -v git >/dev/null 2>&1 && head=$(git -C "$src" rev-parse --short=12 HEAD 2>/dev/null); then
	case $out in
	*"(git "*"$head"*")") ok=true ;;
	*) ok=false ;;
	esac
	$ok && pass || fail "--version names commit $head"
else
	echo "SKIP the commit: not a git checkout, or no git"
fi
finish
