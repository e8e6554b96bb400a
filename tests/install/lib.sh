# What the install/ scripts add to tests/lib.sh, sourced with the memsnap
# binary as the script's first argument: setup, then checks of commands
# (a build, an install, a package) rather than of one memsnap run. POSIX sh.
#
#   . "$(dirname "$0")/lib.sh"    tests/lib.sh, setup "$1": $bin, $tmp
#   check NAME COMMAND...         counts one check: the command succeeded
#                                 (else the end of its output is shown)
#   pass NAME; fail NAME          counts one check that held, or did not

. "$(dirname "$0")/../lib.sh"
setup "$1"

check() {
	_name=$1
	shift
	if ! "$@" >"$tmp/log" 2>&1; then
		problem "failed: $(tail -n 15 "$tmp/log" | cut -c 1-300)"
	fi
	verdict "$_name"
}
pass() { verdict "${1:-check}"; }
fail() {
	problem "$1"
	verdict "$1"
}
