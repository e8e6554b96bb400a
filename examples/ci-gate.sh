#!/bin/sh
# A CI step that fails the build when memory grows past a budget.
#
#   ci-gate.sh BASELINE.bin CURRENT.bin [TOTAL_BUDGET [LINE_BUDGET]]
#   ci-gate.sh SNAPSHOT1.bin SNAPSHOT2.bin SNAPSHOT3.bin...   (leaks mode)
#
# With two snapshots (say, one dumped by the main branch's test run and one
# by this change's), memsnap diff fails (exit 1) when the total grew by
# more than TOTAL_BUDGET or any one line by more than LINE_BUDGET. With
# three or more snapshots of one run (one dumped every N requests), memsnap
# leaks fails when a line that grew in every step grew by more than
# LINE_BUDGET in all. Budgets are sizes such as 512KiB, 2MiB or 1.5MB
# (defaults: MEMSNAP_TOTAL_BUDGET=1MiB, MEMSNAP_LINE_BUDGET=256KiB).
# What went over is listed on standard error; exit status 2 means the
# snapshots could not be read. MEMSNAP names the binary (default: memsnap).
#
# Try it on the example's snapshots (the audit log grows by 122 KiB):
#   MEMSNAP=build/memsnap examples/ci-gate.sh examples/leaky/00.bin examples/leaky/07.bin 1MiB 64KiB
set -u

memsnap=${MEMSNAP:-memsnap}
total=${MEMSNAP_TOTAL_BUDGET:-1MiB}
line=${MEMSNAP_LINE_BUDGET:-256KiB}

if [ $# -lt 2 ]; then
	sed -n '4,5s/^# *//p' "$0" >&2
	exit 2
fi
if [ $# -ge 3 ] && [ -f "$3" ]; then
	"$memsnap" leaks -n 5 --fail-over-each "$line" "$@"
else
	[ $# -ge 3 ] && total=$3
	[ $# -ge 4 ] && line=$4
	"$memsnap" diff -n 10 --fail-over "$total" --fail-over-each "$line" "$1" "$2"
fi
status=$?
case $status in
0) echo "memory gate: within budget" >&2 ;;
1) echo "memory gate: FAILED, memory grew past its budget (see above)" >&2 ;;
*) echo "memory gate: could not compare the snapshots" >&2 ;;
esac
exit $status
