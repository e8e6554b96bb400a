#!/usr/bin/env bash
# The proof that a snapshot file cannot run code: each payload below makes
# Python's pickle.load() run `touch memsnap-pwned`; memsnap must refuse it
# (status 2, one line on stderr) and the marker must not appear.  When a
# python3 is found, the same bytes are also given to pickle.load() in a
# scratch directory, to show the payload is live: the marker appears there.
#
#   tests/corrupt/payload.sh MEMSNAP_BINARY
set -u
. "$(dirname "$0")/lib.sh"
setup "$@"
python=$(command -v python3 || true)

# name, then the bytes in printf %b escapes; the command is 19 bytes long.
payloads=(
    # protocol 2: GLOBAL os system, the argument tuple, REDUCE
    "global_reduce" '\x80\x02cos\x0asystem\x0aX\x13\x00\x00\x00touch memsnap-pwned\x85R.'
    # protocol 4: STACK_GLOBAL builtins exec, then REDUCE
    "stack_global" '\x80\x04\x8c\x08builtins\x8c\x04exec\x93\x8c\x2e__import__("os").system("touch memsnap-pwned")\x85R.'
    # protocol 0 text: what `pickle.dumps(..., 0)` of a __reduce__ writes
    "protocol_0" "cos\\x0asystem\\x0a(Vtouch memsnap-pwned\\x0atR."
    # protocol 0 INST: the class called with the arguments above its MARK
    "inst" "(Vtouch memsnap-pwned\\x0aios\\x0asystem\\x0a."
    # a snapshot whose traceback_limit is computed by os.system
    "inside_snapshot" '\x80\x04\x8c\x0btracemalloc\x94\x8c\x08Snapshot\x93)\x81}(\x8c\x06tracesh\x00\x8c\x07_Traces\x93)\x81}\x8c\x07_traces]sb\x8c\x0ftraceback_limit\x8c\x02os\x8c\x06system\x93\x8c\x13touch memsnap-pwned\x85Rub.'
)

for ((i = 0; i < ${#payloads[@]}; i += 2)); do
    name=${payloads[i]}
    file=$tmp/$name.bin
    printf '%b' "${payloads[i + 1]}" >"$file"

    mkdir "$tmp/memsnap" "$tmp/python"
    (cd "$tmp/memsnap" && timeout 30 "$bin" top "$file") >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    [ "$status" -eq 2 ] || problems+=("memsnap exit status $status, expected 2")
    [ -e "$tmp/memsnap/memsnap-pwned" ] && problems+=("memsnap ran the payload")
    [ -s "$tmp/stdout" ] && problems+=("memsnap printed on stdout")
    [ "$(wc -l <"$tmp/stderr")" -eq 1 ] || problems+=("memsnap stderr is not one line")
    if [ -n "$python" ]; then
        (cd "$tmp/python" && "$python" -c 'import pickle, sys
try:
    pickle.load(open(sys.argv[1], "rb"))
except Exception:
    pass' "$file") >/dev/null 2>&1
        [ -e "$tmp/python/memsnap-pwned" ] ||
            problems+=("not a live payload: python's pickle.load did not run it")
    fi
    rm -rf "$tmp/memsnap" "$tmp/python"

    verdict "$name" "$(cat "$tmp/stderr")"
done

if [ -z "$python" ]; then
    echo "note: no python3, so the payloads' effect under pickle.load was not shown"
fi
finish
