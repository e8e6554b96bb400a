#!/bin/sh
# The proof that a snapshot file cannot run code: each payload below makes
# Python's pickle.load() run `touch memsnap-pwned`; memsnap must refuse it
# (status 2, one line on stderr) and the marker must not appear.  When a
# python3 is found, the same bytes are also given to pickle.load() in a
# scratch directory, to show the payload is live: the marker appears there.
#
#   tests/corrupt/payload.sh MEMSNAP_BINARY
. "$(dirname "$0")/../lib.sh"
setup "$@"
python=$(command -v python3 || true)

# payload NAME BYTES: BYTES in the escapes of case files; the command is 19 bytes long.
payload() {
    file=$tmp/$1.bin
    bytes "$2" >"$file"

    mkdir "$tmp/memsnap" "$tmp/python"
    cd "$tmp/memsnap" || exit 2
    memsnap top "$file"
    cd - >/dev/null || exit 2
    want_status 2
    want_refusal "$file"
    [ -e "$tmp/memsnap/memsnap-pwned" ] && problem "memsnap ran the payload"
    if [ -n "$python" ]; then
        (cd "$tmp/python" && "$python" -c 'import pickle, sys
try:
    pickle.load(open(sys.argv[1], "rb"))
except Exception:
    pass' "$file") >/dev/null 2>&1
        [ -e "$tmp/python/memsnap-pwned" ] ||
            problem "not a live payload: python's pickle.load did not run it"
    fi
    rm -rf "$tmp/memsnap" "$tmp/python"

    verdict "$1" "$(cat "$tmp/stderr")"
}

# protocol 2: GLOBAL os system, the argument tuple, REDUCE
payload global_reduce '\x80\x02cos\x0asystem\x0aX\x13\x00\x00\x00touch memsnap-pwned\x85R.'
# protocol 4: STACK_GLOBAL builtins exec, then REDUCE
payload stack_global '\x80\x04\x8c\x08builtins\x8c\x04exec\x93\x8c\x2e__import__("os").system("touch memsnap-pwned")\x85R.'
# protocol 0 text: what `pickle.dumps(..., 0)` of a __reduce__ writes
payload protocol_0 'cos\x0asystem\x0a(Vtouch memsnap-pwned\x0atR.'
# protocol 0 INST: the class called with the arguments above its MARK
payload inst '(Vtouch memsnap-pwned\x0aios\x0asystem\x0a.'
# a snapshot whose traceback_limit is computed by os.system
payload inside_snapshot '\x80\x04\x8c\x0btracemalloc\x94\x8c\x08Snapshot\x93)\x81}(\x8c\x06tracesh\x00\x8c\x07_Traces\x93)\x81}\x8c\x07_traces]sb\x8c\x0ftraceback_limit\x8c\x02os\x8c\x06system\x93\x8c\x13touch memsnap-pwned\x85Rub.'

if [ -z "$python" ]; then
    echo "note: no python3, so the payloads' effect under pickle.load was not shown"
fi
finish
