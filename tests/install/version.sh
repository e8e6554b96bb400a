#!/bin/sh
# memsnap --version: the version project() sets in CMakeLists.txt, and in a
# git checkout the commit it was built from. POSIX sh.
#
#   tests/install/version.sh MEMSNAP_BINARY VERSION SOURCE_DIR
set -u
[ $# -eq 3 ] || { echo "usage: $0 MEMSNAP_BINARY VERSION SOURCE_DIR" >&2; exit 2; }
bin=$1 version=$2 src=$3
passed=0 failed=0
check() { # check NAME CONDITION...
	name=$1
	shift
	if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}

out=$("$bin" --version)
check "--version exits 0" test $? -eq 0
echo "$out"
case $out in
"memsnap $version" | "memsnap $version (git "*")") ok=true ;;
*) ok=false ;;
esac
check "--version says memsnap $version" $ok
if command -v git >/dev/null 2>&1 && head=$(git -C "$src" rev-parse --short=12 HEAD 2>/dev/null); then
	case $out in
	*"(git "*"$head"*")") ok=true ;;
	*) ok=false ;;
	esac
	check "--version names commit $head" $ok
else
	echo "SKIP the commit: not a git checkout, or no git"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
