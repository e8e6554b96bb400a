#!/usr/bin/env python3
"""Write a snapshot dump whose traces list is another dump's, repeated.

    python3 tests/bench/repeat.py SRC.pickle OUT.pickle [--times N]
    python3 tests/bench/repeat.py --self-check

OUT.pickle holds the bytes Python's own pickler (the C one that
Snapshot.dump() uses) would write for SRC's snapshot with its traces list
repeated N times: every repeat a fresh 4-tuple sharing the same traceback
object, so from the second copy on each trace names its traceback by
BINGET/LONG_BINGET.  It is written as a stream, without ever building the N
copies in memory: the first copy is SRC's own dump, and every later copy is
one precomputed run of reference-only records, cut into APPENDS batches of
1000 and into FRAMEs exactly where the C pickler cuts them.  100 copies of a
1M-trace dump (100M traces, ~1.7 GB) take as long as the disk does.

The point: Python's answer for OUT is SRC's answer with every size and
count multiplied by N (the order does not change), so a snapshot far too big
for Python to load still has an expected output that comes from Python.

--self-check compares the writer byte for byte with pickle.dumps() of the
same repeated snapshot on small cases, loads the result with
tracemalloc.Snapshot.load and checks every FRAME against pickle's rules.
"""

import argparse
import bisect
import contextlib
import io
import os
import pickle
import pickletools
import struct
import sys
import tempfile
import tracemalloc

FRAME = b"\x95"
FRAME_TARGET = 64 * 1024  # _pickle.c's FRAME_SIZE_TARGET
FRAME_MIN = 4  # _pickle.c's FRAME_SIZE_MIN: shorter final frames go bare
BATCH = 1000  # _pickle.c's BATCHSIZE: items per MARK ... APPENDS
MARK, APPENDS, TUPLE, MEMOIZE = b"(", b"e", b"t", b"\x94"


def enc_int(v):
    """An int as _pickle.c's save_long() writes it (protocol >= 2)."""
    if 0 <= v <= 0xFF:
        return b"K" + bytes((v,))
    if 0 <= v <= 0xFFFF:
        return b"M" + struct.pack("<H", v)
    if -(1 << 31) <= v < (1 << 31):
        return b"J" + struct.pack("<i", v)
    data = pickle.encode_long(v)
    if len(data) < 256:
        return b"\x8a" + bytes((len(data),)) + data
    return b"\x8b" + struct.pack("<i", len(data)) + data


def enc_get(idx):
    """A memo reference as _pickle.c's memo_get() writes it."""
    if idx < 256:
        return b"h" + bytes((idx,))
    return b"j" + struct.pack("<I", idx)


class Framer:
    """Cuts an unframed protocol-4+ stream into frames as the C pickler
    does: each time it starts saving an object (a checkpoint: before each
    item of a list, each element of a tuple), it closes the frame if the
    frame holds at least FRAME_TARGET bytes.  The caller feeds pieces of
    the stream with a function giving the first checkpoint at or after an
    offset in the piece."""

    def __init__(self, out):
        self.out = out
        self.pending = []
        self.size = 0
        self.frames = 0

    def feed(self, data, first_cp=lambda pos: None):
        start = 0
        while True:
            cp = first_cp(start + FRAME_TARGET - self.size)
            if cp is None:
                break
            self.pending.append(data[start:cp])
            self.size += cp - start
            self.commit()
            start = cp
        self.pending.append(data[start:])
        self.size += len(data) - start

    def commit(self):
        self.out.write(FRAME + struct.pack("<Q", self.size))
        for piece in self.pending:
            self.out.write(piece)
        self.pending = []
        self.size = 0
        self.frames += 1

    def close(self):
        """After STOP: the last frame, or bare bytes if it is that short."""
        if self.size >= FRAME_MIN:
            self.commit()
        else:
            for piece in self.pending:
                self.out.write(piece)


def plain_cps(cps):
    """first_cp for a piece whose checkpoints are listed."""
    def first(pos):
        i = bisect.bisect_left(cps, pos)
        return cps[i] if i < len(cps) else None
    return first


def unframe(data):
    """A framed dump -> (PROTO header, opcode stream without FRAMEs, list of
    (offset in data, offset in the stream) where each frame ends)."""
    if data[:1] != b"\x80" or data[1] < 4:
        raise ValueError("not a protocol 4+ pickle")
    pos, parts, ends, done = 2, [], [], 0
    while pos < len(data) and data[pos:pos + 1] == FRAME:
        (n,) = struct.unpack_from("<Q", data, pos + 1)
        parts.append(data[pos + 9:pos + 9 + n])
        pos += 9 + n
        done += n
        ends.append((pos, done))
    parts.append(data[pos:])  # an unframed last bit, if any
    return data[:2], b"".join(parts), ends


def tail_cps(tail):
    """Checkpoints in what follows the traces list (APPENDS, SETITEM,
    BUILD, a key, a value, SETITEMS, BUILD, STOP): the start of each
    opcode that pushes a new object (the key and the value; no tuple
    there, so no MARK starts one)."""
    return [at for op, _, at in pickletools.genops(io.BytesIO(tail))
            if not op.stack_before and op.stack_after and op.name != "MARK"]


class Copies:
    """The reference-only records of one copy of the traces, as one bytes
    object with record offsets, and the checkpoints inside a record."""

    def __init__(self, traces, memo):
        self.parts = []
        offsets = [0]
        for domain, size, tb, nframe in traces:
            rec = b"".join((MARK, enc_int(domain), enc_int(size),
                            enc_get(memo[id(tb)][0]), enc_int(nframe),
                            TUPLE, MEMOIZE))
            self.parts.append(rec)
            offsets.append(offsets[-1] + len(rec))
        self.data = memoryview(b"".join(self.parts))
        self.offsets = offsets

    def inner(self, r):
        """Checkpoints inside record r, from its start: the record itself,
        then each element but the last after the tuple's MARK."""
        rec = self.parts[r]
        out = [0, 1]
        for _ in range(3):
            out.append(out[-1] + opcode_len(rec, out[-1]))
        return out

    def run(self, a, b):
        """Records a..b-1 and their first_cp."""
        off = self.offsets
        base = off[a]

        def first(pos):
            rel = base + pos
            r = max(a, bisect.bisect_right(off, rel, a, b) - 1)
            for c in self.inner(r):
                if off[r] + c >= rel:
                    return off[r] + c - base
            return off[r + 1] - base if r + 1 < b else None
        return self.data[base:off[b]], first


def opcode_len(rec, pos):
    """Length of the int or memo-get opcode at rec[pos] (its start)."""
    op = rec[pos:pos + 1]
    if op in (b"K", b"h"):
        return 2
    if op == b"M":
        return 3
    if op in (b"J", b"j"):
        return 5
    if op == b"\x8a":
        return 2 + rec[pos + 1]
    return 5 + struct.unpack_from("<i", rec, pos + 1)[0]  # LONG4


def dump_repeated(snapshot, times, out):
    """Writes to out the dump of snapshot with its traces repeated `times`
    times.  Returns the number of frames written."""
    traces = snapshot.traces._traces
    n = len(traces)
    if n < 2 or times < 1:
        raise ValueError("need at least 2 traces and 1 copy")
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, pickle.HIGHEST_PROTOCOL)
    pickler.dump(snapshot)
    one = buf.getvalue()
    memo = pickler.memo.copy()
    proto, stream, ends = unframe(one)
    empty = unframe(pickle.dumps(tracemalloc.Snapshot(
        [], snapshot.traceback_limit), pickle.HIGHEST_PROTOCOL))[1]
    tail = APPENDS + empty[empty.index(b"]\x94") + 2:]
    if not stream.endswith(tail):
        raise ValueError("unexpected dump layout after the traces list")
    # The first copy is the one-copy dump up to its last record; the frames
    # it closed by then are the same in the repeated dump.
    last = len(stream) - len(tail)
    framed, unframed = max([(2, 0)] + [e for e in ends if e[1] <= last])
    out.write(one[:framed])
    framer = Framer(out)
    framer.feed(stream[unframed:last])
    copies = Copies(traces, memo)
    total = n * times
    g = n
    while g < total:
        if g % BATCH == 0:
            framer.feed(APPENDS + MARK)
        a = g % n
        b = min(n, a + BATCH - g % BATCH, a + total - g)
        framer.feed(*copies.run(a, b))
        g += b - a
    framer.feed(tail, plain_cps(tail_cps(tail)))
    framer.close()
    return framer.frames + sum(1 for e in ends if e[1] <= unframed)


def write_repeated(src, dst, times):
    snapshot = tracemalloc.Snapshot.load(src)
    tmp = dst + ".tmp"
    with open(tmp, "wb", buffering=1 << 20) as out:
        frames = dump_repeated(snapshot, times, out)
    os.replace(tmp, dst)
    return frames


# ---------------------------------------------------------------- self-check

def repeated_snapshot(snapshot, times):
    """The snapshot the writer stands for, built in memory (small cases)."""
    traces = snapshot.traces._traces
    return tracemalloc.Snapshot([(d, s, tb, n) for _ in range(times)
                                 for d, s, tb, n in traces],
                                snapshot.traceback_limit)


def scaled_lines(snapshot, times, key="lineno"):
    """Python's statistics of `snapshot` with sizes and counts times N."""
    return [str(tracemalloc.Statistic(s.traceback, s.size * times,
                                      s.count * times))
            for s in snapshot.statistics(key)]


def check_frames(data):
    """Every FRAME holds what its length says, starts on an opcode, and all
    but the last are at least 64 KiB.  Returns the number of frames."""
    frames = []
    for op, arg, pos in pickletools.genops(data):
        if op.name == "FRAME":
            frames.append((pos, arg))
    for i, (pos, n) in enumerate(frames):
        nxt = frames[i + 1][0] if i + 1 < len(frames) else len(data)
        assert pos + 9 + n == nxt or (i + 1 == len(frames)
                                      and pos + 9 + n >= len(data) - 3), \
            "frame at %d: length %d does not reach the next" % (pos, n)
        assert n >= FRAME_TARGET or i + 1 == len(frames), \
            "frame at %d is %d bytes, under 64 KiB" % (pos, n)
    return len(frames)


def check_case(snapshot, times, name):
    """One case: the writer against pickle.dumps of the repeated snapshot."""
    out = io.BytesIO()
    dump_repeated(snapshot, times, out)
    mine = out.getvalue()
    ref = repeated_snapshot(snapshot, times)
    theirs = pickle.dumps(ref, pickle.HIGHEST_PROTOCOL)
    if mine != theirs:
        at = next((i for i, (x, y) in enumerate(zip(mine, theirs)) if x != y),
                  min(len(mine), len(theirs)))
        raise AssertionError("%s: differs from pickle.dumps at byte %d "
                             "(%d vs %d bytes)" % (name, at, len(mine),
                                                   len(theirs)))
    frames = check_frames(mine)
    with tempfile.NamedTemporaryFile(suffix=".pickle") as fp:
        fp.write(mine)
        fp.flush()
        loaded = tracemalloc.Snapshot.load(fp.name)
    got = [str(s) for s in loaded.statistics("lineno")]
    assert got == scaled_lines(snapshot, times), "%s: statistics" % name
    old = tracemalloc.Snapshot(snapshot.traces._traces[::2],
                               snapshot.traceback_limit)
    old_x = repeated_snapshot(old, times)
    got = [str(s) for s in loaded.compare_to(old_x, "traceback")]
    want = [str(tracemalloc.StatisticDiff(
        s.traceback, s.size * times, s.size_diff * times, s.count * times,
        s.count_diff * times)) for s in snapshot.compare_to(old, "traceback")]
    assert got == want, "%s: compare_to" % name
    return len(mine), frames


def last_frame(data):
    """Bytes after the last frame boundary but one: under the length of
    the tail when the pickler closed a frame inside it."""
    _, stream, ends = unframe(data)
    return len(stream) - max([0] + [e[1] for e in ends if e[1] < len(stream)])


def tail_cases():
    """Snapshots whose repeated dump closes a frame inside the tail.  With
    11-byte records sharing one traceback, a trace more or a size one byte
    longer moves the end of the list by a few bytes: some of these land
    just short of two frames when the list ends."""
    tail_len = 26
    tb = (("x.py", 1),)
    found = {}
    for k in range(5950, 5962):
        for wide in range(12):
            traces = [(0, 300 if i < wide else 1, tb, 1) for i in range(k)]
            snap = tracemalloc.Snapshot(traces, 25)
            f = last_frame(pickle.dumps(repeated_snapshot(snap, 2), 5))
            if f < tail_len and f not in found:
                found[f] = (snap, 2, "%d traces x2, a frame closing %d bytes "
                            "before the end" % (k, f))
    return [found[f] for f in sorted(found)]


def self_check():
    import gen
    with tempfile.TemporaryDirectory() as d:
        with contextlib.redirect_stdout(io.StringIO()):
            gen.main([d, "--traces", "2000", "--tracebacks", "300"])
        a = tracemalloc.Snapshot.load(os.path.join(d, "a.pickle"))
        b = tracemalloc.Snapshot.load(os.path.join(d, "b.pickle"))
    traces = a.traces._traces
    cases = [(a, 3, "gen a x3"), (b, 3, "gen b x3 (not a multiple of 1000)"),
             (a, 100, "gen a x100"),
             (tracemalloc.Snapshot(traces[:2], 25), 7, "2 traces x7")]
    # Big ints, negative domains and more than 256 memo entries before the
    # first traceback: every int and memo opcode a record can hold.
    odd = [(-5, 1 << 40, traces[0][2], 1), (70000, 65535, traces[1][2], 300),
           (1 << 31, 256, traces[2][2], 2)] + traces[:997]
    cases.append((tracemalloc.Snapshot(odd, 25), 4, "odd ints x4"))
    cases += tail_cases()
    for snap, times, name in cases:
        size, frames = check_case(snap, times, name)
        print("self-check: %-45s %8d bytes, %3d frames: identical to "
              "pickle.dumps, statistics scaled" % (name, size, frames))
    print("self-check: OK (%d cases)" % len(cases))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", nargs="?", help="a Snapshot.dump() file")
    ap.add_argument("dst", nargs="?", help="where to write the repeated dump")
    ap.add_argument("--times", type=int, default=100,
                    help="copies of the traces list (default 100)")
    ap.add_argument("--self-check", action="store_true",
                    help="check the writer against pickle.dumps and exit")
    args = ap.parse_args(argv)
    if args.self_check:
        self_check()
        return 0
    if not args.dst:
        ap.error("SRC and DST are needed (or --self-check)")
    frames = write_repeated(args.src, args.dst, args.times)
    print("%s: %d bytes, %d frames" % (args.dst, os.path.getsize(args.dst),
                                      frames))
    return 0


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main())
