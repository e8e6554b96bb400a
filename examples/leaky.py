"""A worker that leaks a little on every batch of requests: the example
memsnap's README walks through with timeline, leaks, diff and flamegraph.

    cd examples && python3 leaky.py      # writes leaky/00.bin .. leaky/07.bin
    memsnap timeline leaky/*.bin
    memsnap leaks leaky/*.bin

Each request
  - builds a payload and drops it on return (churn: never in a snapshot),
  - keeps its response in a buffer of the last 64 (churn: once the buffer
    is full its size goes up and down with the responses' random sizes),
  - names its shard in a table of at most 1000 entries (grows for the
    first 1000 requests, then holds steady),
  - and appends a line to an audit log that nothing ever trims: the leak.

A snapshot is dumped every EVERY requests. tracemalloc names files by
absolute path; so that the committed snapshots carry nothing of the
machine that made them, files in this directory get their relative names
and any other file "<python>/" and its base name.
"""
import collections
import gc
import os
import random
import sys
import tracemalloc

EVERY = 250
SNAPSHOTS = 8
HERE = os.path.dirname(os.path.abspath(__file__))

_recent = collections.deque(maxlen=64)
_shards = {}
_audit = []


def handle(n, rng):
    payload = [rng.random() for _ in range(rng.randrange(10, 200))]
    response = bytes(rng.randrange(64, 4096))
    _recent.append(response)
    _shards.setdefault(n % 1000, "shard-%04d" % (n % 1000))
    _audit.append("request %d: %d items" % (n, len(payload)))
    return len(response)


def portable(frame):
    filename, lineno = frame
    if os.path.dirname(filename) == HERE:
        return (os.path.basename(filename), lineno)
    return ("<python>/" + os.path.basename(filename), lineno)


def dump(path):
    gc.collect()  # the previous dump's cycles are not the program's memory
    ours = tracemalloc.Filter(True, __file__, all_frames=True)
    snap = tracemalloc.take_snapshot().filter_traces([ours])
    traces = [(domain, size, tuple(portable(f) for f in tb), nframe)
              for domain, size, tb, nframe in snap.traces._traces]
    tracemalloc.Snapshot(traces, snap.traceback_limit).dump(path)


def main(outdir="leaky"):
    rng = random.Random(6)
    os.makedirs(outdir, exist_ok=True)
    tracemalloc.start(10)
    n = 0
    for i in range(SNAPSHOTS):
        for _ in range(EVERY):
            handle(n, rng)
            n += 1
        dump(os.path.join(outdir, "%02d.bin" % i))
    tracemalloc.stop()


if __name__ == "__main__":
    main(*sys.argv[1:])
