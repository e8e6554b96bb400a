#!/bin/sh
# Shell completion against the help it must agree with: for every command
# 'memsnap --help' lists and every option its --help lists, bash completes
# the command and the option (driven through complete -p and the function
# it names, as bash would on Tab), option values and snapshot files; fish
# does the same through 'complete -C'; the zsh and fish scripts parse. Each
# value offered for --format is one the command accepts. POSIX sh; bash
# for its part; zsh and fish where installed (skipped visibly otherwise).
#
#   tests/install/completion.sh MEMSNAP_BINARY
set -u
[ $# -eq 1 ] || { echo "usage: $0 MEMSNAP_BINARY" >&2; exit 2; }
bin=$1
examples=$(cd "$(dirname "$0")/../../examples" && pwd)
. "$(dirname "$0")/lib.sh"

for shell in bash zsh fish; do
	if "$bin" completion $shell >"$tmp/memsnap.$shell"; then pass; else fail "memsnap completion $shell"; fi
done
if "$bin" completion csh >/dev/null 2>&1; then fail "completion csh accepted"; else pass; fi

# The commands and, per command, its options as --help lists them.
"$bin" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p' >"$tmp/commands"
[ -s "$tmp/commands" ] || fail "no command in memsnap --help"
: >"$tmp/options"
while read -r cmd; do
	"$bin" "$cmd" --help >"$tmp/help"
	sed -n 's/^  \(-[a-zA-Z]\), --.*/\1/p' "$tmp/help" | sed "s/^/$cmd /" >>"$tmp/options"
	sed -n 's/^  -[a-zA-Z], \(--[a-z-]*\).*/\1/p; s/^      \(--[a-z-]*\).*/\1/p' "$tmp/help" |
		sed "s/^/$cmd /" >>"$tmp/options"
done <"$tmp/commands"

# The queries: a command line being typed, then a word completion must offer.
{
	while read -r cmd; do
		echo "memsnap ${cmd%"${cmd#??}"}|$cmd"
		echo "memsnap help ${cmd%"${cmd#?}"}|$cmd"
	done <"$tmp/commands"
	echo "memsnap --v|--version"
	while read -r cmd opt; do
		case $opt in
		--*) echo "memsnap $cmd ${opt%"${opt#????}"}|$opt" ;; # from its first two letters
		*) echo "memsnap $cmd -|$opt" ;;
		esac
	done <"$tmp/options"
	for v in lineno filename traceback; do echo "memsnap top --group-by |$v"; done
	for v in lineno filename traceback; do echo "memsnap leaks -g |$v"; done
	echo "memsnap top --format=m|markdown"
	echo "memsnap convert -f |pickle"
	echo "memsnap diff snap|snap.bin"
	echo "memsnap diff snap|snap.bin.gz"
	echo "memsnap diff snap|snap.json"
	echo "memsnap timeline |rec"
	echo "memsnap flamegraph --diff snap|snap.json"
	echo "memsnap top -o notes|notes.txt"
} >"$tmp/queries"

# Files to complete, and one that is not a snapshot.
mkdir "$tmp/work" "$tmp/work/rec"
: >"$tmp/work/snap.bin"
: >"$tmp/work/snap.bin.gz"
: >"$tmp/work/snap.json"
: >"$tmp/work/notes.txt"

if command -v bash >/dev/null 2>&1; then
	# posix-check: off (bash code, run by bash)
	# shellcheck disable=SC2016 # expanded by bash
	(cd "$tmp/work" && bash -c '
		. "$1"
		spec=$(complete -p memsnap) || { echo "FAIL complete -p memsnap: not registered"; exit 1; }
		fn=${spec#*-F }
		fn=${fn%% *}
		bad=0 good=0
		while IFS="|" read -r line want; do
			read -r -a COMP_WORDS <<<"$line"
			case $line in *" ") COMP_WORDS+=("") ;; esac
			# bash splits --option=value at the "="
			if [[ ${COMP_WORDS[-1]} == --*=* ]]; then
				w=${COMP_WORDS[-1]}
				unset "COMP_WORDS[-1]"
				COMP_WORDS+=("${w%%=*}" "=" "${w#*=}")
			fi
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMP_LINE=$line COMP_POINT=${#line}
			COMPREPLY=()
			"$fn" memsnap "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
			if printf "%s\n" "${COMPREPLY[@]}" | grep -qxF -- "$want"; then
				good=$((good + 1))
			else
				bad=$((bad + 1))
				echo "FAIL bash: \"$line<Tab>\" does not offer $want (offers: ${COMPREPLY[*]})"
			fi
		done <"$2"
		# and what it must not offer
		COMP_WORDS=(memsnap diff "") COMP_CWORD=2 COMPREPLY=()
		"$fn" memsnap "" diff
		if printf "%s\n" "${COMPREPLY[@]}" | grep -qx notes.txt; then
			bad=$((bad + 1)); echo "FAIL bash: notes.txt offered as a snapshot"
		else
			good=$((good + 1))
		fi
		echo "bash: $good completed, $bad not"
		[ "$bad" -eq 0 ]
	' sh "$tmp/memsnap.bash" "$tmp/queries") && pass || fail "bash completion"
	# posix-check: on
else
	echo "SKIP bash: not installed"
fi

if command -v zsh >/dev/null 2>&1; then
	if zsh -n "$tmp/memsnap.zsh"; then pass; else fail "zsh -n"; fi
else
	echo "SKIP zsh: not installed"
fi

if command -v fish >/dev/null 2>&1; then
	if fish -n "$tmp/memsnap.fish"; then pass; else fail "fish -n"; fi
	# fish completes a line without a terminal: complete -C
	# shellcheck disable=SC2016 # expanded by fish
	(cd "$tmp/work" && fish -c '
		source $argv[1]
		set bad 0
		set good 0
		for q in (cat $argv[2])
			set parts (string split "|" -- $q)
			if contains -- $parts[2] (complete -C $parts[1] | string replace -r "\t.*" "" | string replace -r "/\$" "" | string replace -r "^--[a-z-]*=" "")
				set good (math $good + 1)
			else
				set bad (math $bad + 1)
				echo "FAIL fish: \"$parts[1]<Tab>\" does not offer $parts[2]"
			end
		end
		echo "fish: $good completed, $bad not"
		test $bad -eq 0
	' "$tmp/memsnap.fish" "$tmp/queries") && pass || fail "fish completion"
else
	echo "SKIP fish: not installed"
fi

# Every value bash offers for --format is one the command takes.
cd "$examples" || exit 2
for spec in "top after.bin" "diff before.bin after.bin" "info after.bin" \
	"timeline before.bin after.bin" "leaks before.bin after.bin after.bin" \
	"convert -o $tmp/out after.bin"; do
	cmd=${spec%% *}
	# posix-check: off (bash code, run by bash)
	# shellcheck disable=SC2016 # expanded by bash
	values=$(bash -c '. "$1"; COMP_WORDS=(memsnap "$2" -f ""); COMP_CWORD=3; COMPREPLY=()
		_memsnap; echo "${COMPREPLY[*]}"' sh "$tmp/memsnap.bash" "$cmd")
	# posix-check: on
	[ -n "$values" ] || fail "$cmd -f: no value offered"
	for v in $values; do
		# shellcheck disable=SC2086 # spec is words
		"$bin" $spec -f "$v" >/dev/null 2>"$tmp/err"
		status=$?
		# leaks exits 1 for the leak it finds
		if [ $status -eq 0 ] || { [ "$cmd" = leaks ] && [ $status -eq 1 ]; }; then pass; else
			fail "memsnap $cmd -f $v: $(cat "$tmp/err")"
		fi
	done
done

finish
