"""Runs the three programs here under tracemalloc and writes their
snapshots to ../fixtures/PROGRAM/NN.bin.gz, for the tests of leaks,
timeline, --focus and --hide on programs that allocate through the
standard library (see README.md).

    python3.12 capture.py

File names are rewritten so that the snapshots carry nothing of the
machine that made them, and read as a deployed service's would: the
standard library as /usr/lib/python3.X/..., a program's files under
/home/deploy/services/PROGRAM/releases/2024-06-01/.
"""
import gzip
import os
import subprocess
import sys
import sysconfig
import tempfile
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = {"shop": "main.py", "chat": "server.py", "etl": "pipeline.py"}
STDLIB = sysconfig.get_path("stdlib") + "/"
PYTHON = "/usr/lib/python%d.%d/" % sys.version_info[:2]


def portable(name, program):
    ours = os.path.join(HERE, program) + "/"
    if name.startswith(ours):
        return "/home/deploy/services/%s/releases/2024-06-01/%s" % (program, name[len(ours):])
    if name.startswith(STDLIB):
        return PYTHON + name[len(STDLIB):]
    if name.startswith("<"):
        return name
    raise ValueError("a file outside the program and the standard library: %r" % name)


def rewrite(src, dst, program):
    """The snapshot with its file names rewritten, sharing equal names and
    tracebacks (not frames) as take_snapshot() does, so that it pickles as
    a snapshot Python took."""
    snap = tracemalloc.Snapshot.load(src)
    shared = {}

    def one(value):
        return shared.setdefault(value, value)

    traces = [(domain, size, one(tuple((one(portable(f, program)), n) for f, n in tb)),
               nframe) for domain, size, tb, nframe in snap.traces._traces]
    data = tracemalloc.Snapshot(traces, snap.traceback_limit)
    with tempfile.NamedTemporaryFile() as tmp:
        data.dump(tmp.name)
        raw = open(tmp.name, "rb").read()
    with open(dst, "wb") as out:
        out.write(gzip.compress(raw, mtime=0))


def main():
    for program, script in PROGRAMS.items():
        out = os.path.join(HERE, "..", "fixtures", program)
        os.makedirs(out, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, script, tmp], cwd=os.path.join(HERE, program),
                           check=True)
            for name in sorted(os.listdir(tmp)):
                rewrite(os.path.join(tmp, name), os.path.join(out, name + ".gz"), program)
        print("%s: %d snapshots" % (program, len(os.listdir(out))), file=sys.stderr)


if __name__ == "__main__":
    main()
