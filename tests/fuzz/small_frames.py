#!/usr/bin/env python3
"""Writes the seeds corpus/frames-3.bin and corpus/frames-4.bin: dumps of
700 traces sharing 20 tracebacks, with traces of three fields (as Python
3.6 to 3.8 write them) and of four, their pickle cut into FRAMEs of about
1.5 KB instead of 64 KiB. Python reads them; memsnap, with
MEMSNAP_SPLIT_MIN set and two threads or more, reads them in three
chunks, so that fuzzing inputs of at most 16 KiB (run.sh's -max_len) reach
the chunked reader with several chunks.

    python3 tests/fuzz/small_frames.py
"""
import io
import os
import pickle
import pickletools
import random
import struct
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))
FRAME_BYTES = 1500


def reframed(data):
    """data, a protocol 4 or 5 pickle, with its FRAMEs replaced by frames
    of about FRAME_BYTES, cut at opcode boundaries."""
    ops = list(pickletools.genops(data))
    ends = [pos for _, _, pos in ops[1:]] + [len(data)]
    out = io.BytesIO()
    out.write(data[:ends[0]])  # PROTO
    frame = bytearray()
    for (op, _, pos), end in zip(ops[1:], ends[1:]):
        if op.name == "FRAME":
            continue
        frame += data[pos:end]
        if len(frame) >= FRAME_BYTES or op.name == "STOP":
            out.write(b"\x95" + struct.pack("<Q", len(frame)) + frame)
            frame = bytearray()
    return out.getvalue()


def main():
    for fields in (3, 4):
        rng = random.Random(fields)
        files = ["m%d.py" % i for i in range(9)]
        tracebacks = [tuple((rng.choice(files), rng.randrange(1, 300))
                            for _ in range(rng.randrange(1, 4)))
                      for _ in range(20)]
        traces = []
        for _ in range(700):
            tb = rng.choice(tracebacks)
            trace = (rng.choice([0, 0, 0, 7]), rng.randrange(1, 5000), tb,
                     len(tb) + rng.randrange(0, 2))
            traces.append(trace[:fields])
        data = reframed(pickle.dumps(tracemalloc.Snapshot(traces, 4), 5))
        path = os.path.join(HERE, "corpus", "frames-%d.bin" % fields)
        with open(path, "wb") as f:
            f.write(data)
        # Python reads it back whole
        assert pickle.loads(data).traces._traces == traces


if __name__ == "__main__":
    main()
