# Allocates a fixed set of objects and dumps a tracemalloc snapshot of them.
# generate.py runs it under every Python 3.6 to 3.13, compiled with the
# relative filename src/capture_prog.py, to make fixtures/real_<version>.bin.
# Runs unchanged on 3.6: no newer syntax here.
import sys
import tracemalloc

KEPT = []


class Node:
    def __init__(self, value):
        self.value = value
        self.payload = bytearray(64 + value)


def make_strings(n):
    return ["item-%d" % i * 3 for i in range(n)]


def make_buffer(size):
    return bytearray(size)


def recurse(depth):
    if depth == 0:
        return [bytearray(100)]
    chunk = bytearray(10 * depth)
    return recurse(depth - 1) + [chunk]


def build():
    KEPT.append(make_strings(40))
    KEPT.append(make_buffer(20000))
    KEPT.append(make_buffer(300000))
    KEPT.append(recurse(5))
    KEPT.append([Node(i) for i in range(12)])
    KEPT.append(dict(("key%d" % i, bytearray(i)) for i in range(30)))


def main(out_path):
    tracemalloc.start(8)
    build()
    snapshot = tracemalloc.take_snapshot()
    tracemalloc.stop()
    # Keep only traces made here: other frames would carry this machine's
    # absolute stdlib paths into the committed fixture.
    mine = (__file__, '<string>')
    traces = [trace for trace in snapshot.traces._traces
              if all(frame[0] in mine for frame in trace[2])]
    tracemalloc.Snapshot(traces, snapshot.traceback_limit).dump(out_path)


main(sys.argv[1])
