#!/usr/bin/env python3
"""Makes this directory's fixtures for threads.sh: a pair of dumps shaped as
tracemalloc writes them (tests/bench/gen.py, 25,000 traces: about 1 MB, 15
frames of pickle protocol 5, tracebacks shared by memo references), gzipped,
and what Python's tracemalloc prints for them, the expected output.

    python3 tests/corrupt/shared/make.py      (Python 3.9 or later)
"""
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "..", "bench", "gen.py")


def stats_text(stats, frames):
    lines = []
    for stat in stats[:10]:
        lines.append(str(stat))
        if frames:
            lines.extend(stat.traceback.format())
    return "".join(line + "\n" for line in lines)


def main():
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, GEN, work, "--traces", "25000"], check=True,
                       stdout=subprocess.DEVNULL)
        for name in ("a", "b"):
            with open(os.path.join(work, name + ".pickle"), "rb") as src, \
                    gzip.GzipFile(os.path.join(HERE, name + ".pickle.gz"), "wb",
                                  mtime=0) as dst:
                shutil.copyfileobj(src, dst)
        a = tracemalloc.Snapshot.load(os.path.join(work, "a.pickle"))
        b = tracemalloc.Snapshot.load(os.path.join(work, "b.pickle"))
    expected = {
        "top": stats_text(a.statistics("lineno"), False),
        "top-traceback": stats_text(b.statistics("traceback"), True),
        "top-cumulative": stats_text(a.statistics("filename", True), False),
        "diff": stats_text(b.compare_to(a, "lineno"), False),
    }
    for name, text in expected.items():
        with open(os.path.join(HERE, name + ".txt"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
