"""Capture two tracemalloc snapshots of app.py: before.bin and after.bin.

    cd examples && python3 capture.py
    memsnap diff before.bin after.bin

tracemalloc names files by absolute path; so that the committed snapshots
carry nothing of the machine that made them, files in this directory are
renamed to their relative names before dumping (memsnap's --path-map does
the same mapping at read time for snapshots taken elsewhere).
tracemalloc's own allocations are filtered out.
"""
import os
import tracemalloc

import app

HERE = os.path.dirname(os.path.abspath(__file__))


def relative(frame):
    filename, lineno = frame
    if os.path.dirname(filename) == HERE:
        filename = os.path.basename(filename)
    return (filename, lineno)


def snapshot(path):
    ours = tracemalloc.Filter(True, app.__file__, all_frames=True)
    snap = tracemalloc.take_snapshot().filter_traces([ours])
    traces = [(domain, size, tuple(relative(f) for f in tb), nframe)
              for domain, size, tb, nframe in snap.traces._traces]
    tracemalloc.Snapshot(traces, snap.traceback_limit).dump(path)


def main():
    tracemalloc.start(25)
    app.load_table()
    app.serve(0, 200)
    snapshot("before.bin")
    app.serve(200, 1200)
    snapshot("after.bin")
    tracemalloc.stop()


if __name__ == "__main__":
    main()
