#!/bin/sh
# memsnap record's own side, without Python: exit statuses passed on, the
# recording directory refused, replaced or locked, signals forwarded, the
# environment the command gets, and the bootstrap directory removed.
#
#   tests/record/cli.sh MEMSNAP_BINARY
set -u
. "$(dirname "$0")/../lib.sh"
setup "$@"
cd "$tmp" || exit 2
mkdir boot
export TMPDIR=$tmp/boot
unset PYTHONPATH

# expect NAME STATUS [STDERR-SUBSTRING] -- memsnap record ARGS...
expect() {
    name=$1 want=$2 text=
    shift 2
    if [ "$1" != "--" ]; then
        text=$1
        shift
    fi
    shift
    "$bin" record "$@" >stdout 2>"$tmp/stderr"
    status=$?
    ran=yes
    [ "$status" -eq "$want" ] || problem "exit status $status, not $want"
    [ -z "$text" ] || grep -qF -- "$text" "$tmp/stderr" || problem "stderr lacks '$text'"
    [ -z "$(ls boot)" ] || problem "bootstrap directory left: $(ls boot)"
    verdict "$name"
}

expect "exit status" 3 -- -o r1 -- sh -c 'exit 3'
expect "death by a signal" 143 -- -o r2 -- sh -c 'kill -TERM $$'
expect "command not found" 127 "no-such-command: no such file or directory" -- -o r3 -- no-such-command
[ ! -e r3 ] || problem "r3 made for a command that did not run"
verdict "no directory left for a command that did not run"
expect "not executable" 126 "permission denied" -- -o r4 -- /etc/passwd
expect "no command" 2 "no command to record" --
expect "bad duration" 2 "--interval: duration '5x'" -- --interval 5x -- true
expect "bad frames" 2 "--frames: 0 is out of range" -- --frames 0 -- true
expect "bad growth" 2 "--every-growth" -- --every-growth 0 -- true
expect "unknown option" 2 "unknown option '--nope'" -- --nope -- true

# what the command is given
expect "environment" 0 -- -o env --frames 7 --interval 1.5s --every-growth 1KiB --peak -- \
    sh -c 'echo "$PYTHONTRACEMALLOC $MEMSNAP_RECORD_FRAMES $MEMSNAP_RECORD_INTERVAL $MEMSNAP_RECORD_GROWTH $MEMSNAP_RECORD_PEAK $MEMSNAP_RECORD_DIR $MEMSNAP_RECORD_PID $PPID"; ls "$PYTHONPATH"'
read -r frames frames2 interval growth peak dir pid ppid <stdout
[ "$frames $frames2 $interval $growth $peak" = "7 7 1.500000 1024 1" ] ||
    problem "settings: $(head -n 1 stdout)"
[ "$dir" = "$tmp/env" ] || problem "MEMSNAP_RECORD_DIR=$dir"
[ "$pid" = "$ppid" ] || problem "MEMSNAP_RECORD_PID=$pid, memsnap record is $ppid"
[ "$(sed -n '2,$p' stdout | sort | tr '\n' ' ')" = "_memsnap_record.py sitecustomize.py " ] ||
    problem "bootstrap directory holds: $(sed -n '2,$p' stdout)"
verdict "the command's environment"
PYTHONPATH=/a:/b "$bin" record -o env2 -- sh -c 'echo "$PYTHONPATH"' >stdout 2>/dev/null
case $(cat stdout) in
"$tmp"/boot/memsnap-record-*:/a:/b) ;;
*) problem "PYTHONPATH=$(cat stdout)" ;;
esac
PYTHONPATH= "$bin" record -o env3 -- sh -c 'echo "$PYTHONPATH"' >stdout 2>/dev/null
case $(cat stdout) in
*:) problem "an empty PYTHONPATH became a trailing ':' (the current directory)" ;;
esac
verdict "PYTHONPATH: ours first, then the command's"

# the recording directory
mkdir foreign && echo keep >foreign/notes.txt
expect "a directory that is not a recording" 2 "foreign: exists and is not a recording" -- -o foreign -- true
[ "$(cat foreign/notes.txt)" = keep ] || problem "foreign/notes.txt changed"
verdict "a foreign directory is left as it was"
mkdir -p earlier/123 && echo '{}' >earlier/manifest.jsonl && echo x >earlier/123/0000.bin &&
    echo x >earlier/123/peak.bin && echo x >earlier/123/.0001.bin.tmp && echo x >earlier/rss.tsv
expect "an earlier recording" 0 -- -o earlier --sample 10ms -- sleep 0.3
[ ! -e earlier/123 ] && [ ! -e earlier/manifest.jsonl ] || problem "the earlier recording is still there"
[ "$(head -n 1 earlier/rss.tsv)" = "$(printf 'time\tmonotonic\trss\tprocesses')" ] ||
    problem "rss.tsv: $(head -n 2 earlier/rss.tsv)"
# (a process between fork and exec may have no resident page yet)
awk -F '\t' 'NR > 1 && (NF != 4 || $4 != 1) { bad = 1 } $3 > 0 { some = 1 } END { exit bad || !some || NR < 3 }' earlier/rss.tsv ||
    problem "rss.tsv rows: $(sed -n '2,4p' earlier/rss.tsv | tr '\t\n' ' |')"
verdict "an earlier recording is replaced, with rss.tsv sampled"
mkdir empty
expect "an empty directory" 0 -- -o empty -- true
if command -v flock >/dev/null 2>&1; then
    mkdir locked
    flock locked sh -c ': >held; sleep 3' &
    for _ in $(count_to 100); do [ -e held ] && break; sleep 0.05; done
    expect "a directory being recorded" 2 "another memsnap record is writing there" -- -o locked -- true
    wait
else
    echo "skipped a directory being recorded: no flock(1) to hold its lock"
fi

# signals
expect "SIGUSR2 asks every process for a snapshot" 0 -- -o usr2 -- \
    sh -c 'kill -USR2 $PPID; r=$MEMSNAP_RECORD_DIR/.dump-requests
           i=0; while [ $i -lt 100 ] && [ ! -s "$r" ]; do sleep 0.05; i=$((i + 1)); done; wc -c <"$r"'
[ "$(tr -d ' ' <stdout)" = 1 ] || problem ".dump-requests holds '$(cat stdout)' bytes, not 1"
[ ! -e usr2/.dump-requests ] || problem ".dump-requests left in the recording"
verdict "SIGUSR2 appends to .dump-requests"
# (a background job starts with SIGINT ignored, which memsnap record keeps)
default_int=
! env --default-signal=INT true 2>/dev/null || default_int='env --default-signal=INT'
# (their numbers are POSIX's)
for sig in TERM:15 INT:2 HUP:1; do
    number=${sig#*:} sig=${sig%:*}
    # shellcheck disable=SC2086 # a command and its option, or nothing
    $default_int "$bin" record -o "sig$sig" --sample 10ms -- sleep 30 2>"$tmp/stderr" &
    pid=$!
    # once rss.tsv has a sample, memsnap record is watching its signals
    for _ in $(count_to 100); do [ -s "sig$sig/rss.tsv" ] && break; sleep 0.05; done
    kill -"$sig" "$pid"
    wait "$pid"
    status=$?
    want=$((128 + number))
    [ "$status" -eq "$want" ] || problem "exit status $status, not $want"
    verdict "SIG$sig passed on to the command"
done

# the default name
mkdir default && cd default || exit 2
"$bin" record --sample 10ms -- sleep 0.2 2>"$tmp/stderr"
cd .. || exit 2
made=$(ls default)
d='[0-9]'
# shellcheck disable=SC2254 # $d is a pattern
case $made in
memsnap-$d$d$d$d$d$d$d$d-$d$d$d$d$d$d) [ -s "default/$made/rss.tsv" ] || problem "no default/$made/rss.tsv" ;;
*) problem "made '$made'" ;;
esac
grep -qF "default/$made" "$tmp/stderr" 2>/dev/null || grep -qF "$made" "$tmp/stderr" ||
    problem "stderr does not name $made"
verdict "the default name"
finish
