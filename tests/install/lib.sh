# What the install/ scripts share, sourced: a scratch directory $tmp, the
# C locale, and the checks with their count. POSIX sh.
#
#   . "$(dirname "$0")/lib.sh"
#   pass; fail TEXT               count a check that held, or one that did not
#   check NAME COMMAND...         the command succeeds (else its output shown)
#   finish                        "N passed, M failed"; exit 0, or 1

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C
export LC_ALL
passed=0 failed=0

pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
}
check() {
	_name=$1
	shift
	if "$@" >"$tmp/log" 2>&1; then
		pass
	else
		fail "$_name"
		sed 's/^/  /' "$tmp/log" | head -20
	fi
}
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
