#!/usr/bin/env python3
"""Makes this directory's fixtures for threads.sh: a pair of dumps shaped as
tracemalloc writes them (tests/bench/gen.py, 25,000 traces: about 1 MB, 15
frames of pickle protocol 5, tracebacks shared by memo references), gzipped,
and what Python's tracemalloc prints for them, the expected output.

The same traces again as Python 3.6 to 3.8 write them, traces of three
fields (a3.pickle.gz, b3.pickle.gz): dumped by a Python 3.8, which must
print the same for them.

    python3 tests/corrupt/shared/make.py [PYTHON3.8]   (Python 3.9 or later;
        PYTHON3.8 defaults to pyenv's)
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

# Run by Python 3.8 in the work directory: the dumps again with traces of
# three fields, tracebacks still shared, and what it prints for them.
THREE_FIELDS = r'''
import sys, tracemalloc
sys.path.insert(0, sys.argv[1])
from make import expected_texts
for name in ("a", "b"):
    snap = tracemalloc.Snapshot.load(name + ".pickle")
    traces = [trace[:3] for trace in snap.traces._traces]
    tracemalloc.Snapshot(traces, snap.traceback_limit).dump(name + "3.pickle")
texts = expected_texts(tracemalloc.Snapshot.load("a3.pickle"),
                       tracemalloc.Snapshot.load("b3.pickle"))
for name in sorted(texts):
    with open(name + ".3.txt", "w") as f:
        f.write(texts[name])
'''


def stats_text(stats, frames):
    lines = []
    for stat in stats[:10]:
        lines.append(str(stat))
        if frames:
            lines.extend(stat.traceback.format())
    return "".join(line + "\n" for line in lines)


def expected_texts(a, b):
    return {
        "top": stats_text(a.statistics("lineno"), False),
        "top-traceback": stats_text(b.statistics("traceback"), True),
        "top-cumulative": stats_text(a.statistics("filename", True), False),
        "diff": stats_text(b.compare_to(a, "lineno"), False),
    }


def python38():
    if len(sys.argv) > 1:
        return sys.argv[1]
    prefix = subprocess.run(["pyenv", "prefix", "3.8"], capture_output=True, text=True)
    if prefix.returncode:
        versions = subprocess.run(["pyenv", "versions", "--bare"], capture_output=True,
                                  text=True, check=True).stdout.split()
        found = [v for v in versions if v.startswith("3.8.")]
        if not found:
            sys.exit("make.py: no Python 3.8 (give its path)")
        prefix = subprocess.run(["pyenv", "prefix", found[-1]], capture_output=True,
                                text=True, check=True)
    return os.path.join(prefix.stdout.strip(), "bin", "python3")


def gzip_to(src, name):
    with open(src, "rb") as f, \
            gzip.GzipFile(os.path.join(HERE, name + ".pickle.gz"), "wb", mtime=0) as dst:
        shutil.copyfileobj(f, dst)


def main():
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, GEN, work, "--traces", "25000"], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([python38(), "-c", THREE_FIELDS, HERE], cwd=work, check=True)
        for name in ("a", "b", "a3", "b3"):
            gzip_to(os.path.join(work, name + ".pickle"), name)
        a = tracemalloc.Snapshot.load(os.path.join(work, "a.pickle"))
        b = tracemalloc.Snapshot.load(os.path.join(work, "b.pickle"))
        expected = expected_texts(a, b)
        for name, text in expected.items():
            with open(os.path.join(work, name + ".3.txt")) as f:
                if f.read() != text:
                    sys.exit("make.py: Python 3.8 prints %s otherwise for the "
                             "three-field traces" % name)
    for name, text in expected.items():
        with open(os.path.join(HERE, name + ".txt"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
