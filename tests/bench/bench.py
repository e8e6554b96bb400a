#!/usr/bin/env python3
"""memsnap vs Python's tracemalloc, side by side, on realistic snapshots.

    python3 tests/bench/bench.py [MEMSNAP_BINARY] [--huge] [--runs N] ...

Generates 1M-trace snapshots with gen.py into a cache directory (once),
builds floor.c, then runs every workload with memsnap and with a Python
script doing exactly Snapshot.load(f).filter_traces(filters) followed by
statistics()/compare_to(), each several times, and prints medians and the
ratios the targets are stated in: memsnap at least 30x faster (whole-process
wall time) with at most a fifth of Python's peak RSS, and memsnap's `top`
within 2x of the floor (stepping over every pickle opcode, nothing else).
It also checks that memsnap's output lines (those not starting with '#')
are exactly Python's.  Exit status: 0 all targets met, 1 a target missed
or an output mismatch, 2 the harness itself failed.
"""

import argparse
import hashlib
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import gen  # noqa: E402  (for EXCLUDE_PATTERNS)

SPEED_TARGET = 30.0  # memsnap at least this many times faster than Python
MEMORY_TARGET = 5.0  # Python's peak RSS at least this many times memsnap's
FLOOR_TARGET = 2.0  # memsnap top at most this many times the floor
BUSY = 1.15  # wall time over CPU time above which a process waited for a core
HUGE_RSS_TARGET = 2.0  # 10M traces: peak RSS at most this times file size

# The Python half of every workload.  It is the whole process that is timed,
# as for memsnap, so interpreter start-up counts on both sides.
PY_SCRIPT = r"""
import sys
from tracemalloc import Filter, Snapshot
key, cumulative, excludes, files = (sys.argv[1], sys.argv[2] == "1",
                                    sys.argv[3], sys.argv[4:])
filters = [Filter(False, p) for p in excludes.split("\n") if p]
if len(files) == 1:
    snap = Snapshot.load(files[0]).filter_traces(filters)
    stats = snap.statistics(key, cumulative)
else:
    old = Snapshot.load(files[0]).filter_traces(filters)
    new = Snapshot.load(files[1]).filter_traces(filters)
    stats = new.compare_to(old, key, cumulative)
for stat in stats[:10]:
    print(stat)
    if key == "traceback":
        for line in stat.traceback.format():
            print(line)
"""


class Workload:
    def __init__(self, name, kind, key, cumulative=False, excludes=()):
        self.name = name
        self.kind = kind  # "top" or "diff"
        self.key = key
        self.cumulative = cumulative
        self.excludes = list(excludes)

    def memsnap_args(self, a, b):
        args = [self.kind]
        if self.key != "lineno":
            args += ["-g", self.key]
        if self.cumulative:
            args.append("-c")
        for p in self.excludes:
            args += ["-x", p]
        return args + ([a] if self.kind == "top" else [a, b])

    def python_args(self, a, b):
        return ["-c", PY_SCRIPT, self.key, "1" if self.cumulative else "0",
                "\n".join(self.excludes)] + ([a] if self.kind == "top"
                                             else [a, b])


WORKLOADS = [
    Workload("top", "top", "lineno"),
    Workload("top -g filename -x -x", "top", "filename",
             excludes=gen.EXCLUDE_PATTERNS),
    Workload("top -g traceback", "top", "traceback"),
    Workload("top -c", "top", "lineno", cumulative=True),
    Workload("diff", "diff", "lineno"),
    Workload("diff -g traceback", "diff", "traceback"),
]


class Run:
    """One finished child process: wall time, its own peak RSS, output."""

    def __init__(self, wall, rss_kb, status, out, err, cpu=0.0):
        self.wall = wall
        self.cpu = cpu
        self.rss = rss_kb * 1024
        self.status = status
        self.out = out
        self.err = err


def run(spawn, cmd, env=None):
    """Run cmd under spawn.c, which forks it, times it from fork to wait4()
    and reports the child's own peak RSS.  (Forked from this Python process
    instead, a child would report at least this process's RSS: Linux keeps
    the peak RSS across exec.)"""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as report:
        proc = subprocess.run([spawn, report.name] + cmd, stdout=out,
                              stderr=err, env=env)
        line = report.read().split()
        out.seek(0)
        err.seek(0)
        errtext = err.read().decode("utf-8", "surrogateescape")
        if proc.returncode != 0 or len(line) != 4:
            return Run(0.0, 0, 127, "", errtext or "spawn failed\n")
        return Run(float(line[0]), int(line[1]), int(line[2]),
                   out.read().decode("utf-8", "surrogateescape"), errtext,
                   float(line[3]))


class Job:
    """A command to run `runs` times; `result` summarises the runs."""

    def __init__(self, what, cmd, runs):
        self.what = what
        self.cmd = cmd
        self.runs = runs
        self.results = []
        self.result = None


def measure(spawn, jobs, env):
    """Run the jobs round-robin (A B C A B C ...), so that the machine
    getting busier or quieter meanwhile affects every side alike.  Sets each
    job's result: median wall time, median peak RSS, the first run's output.
    Returns False, having said why, if any run failed."""
    for i in range(max(j.runs for j in jobs)):
        for j in jobs:
            if i >= j.runs:
                continue
            r = run(spawn, j.cmd, env)
            if r.status != 0:
                sys.stdout.flush()
                sys.stderr.write("bench: %s failed with status %d: %s\n%s"
                                 % (j.what, r.status,
                                    " ".join(shlex.quote(c) for c in j.cmd),
                                    r.err[-2000:]))
                return False
            j.results.append(r)
    for j in jobs:
        first = j.results[0]
        j.result = Run(statistics.median(r.wall for r in j.results),
                       0, 0, first.out, first.err,
                       statistics.median(r.cpu for r in j.results))
        j.result.rss = statistics.median(r.rss for r in j.results)
    return True


def fmt_time(s):
    return "%.0f ms" % (s * 1e3) if s < 10 else "%.1f s" % s


def fmt_mb(b):
    return "%.1f MB" % (b / 1e6)


def cache_root(arg):
    if arg:
        return arg
    if os.environ.get("MEMSNAP_BENCH_CACHE"):
        return os.environ["MEMSNAP_BENCH_CACHE"]
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", "memsnap-bench")


def snapshots(root, traces, python):
    """Generate a.pickle and b.pickle with gen.py unless cached.  The cache
    key covers gen.py's source and the Python version, so a changed
    generator never meets stale files."""
    with open(os.path.join(HERE, "gen.py"), "rb") as fp:
        key = hashlib.sha256(fp.read()).hexdigest()[:10]
    ver = subprocess.run([python, "-c", "import sys; print('%d.%d' % "
                          "sys.version_info[:2])"], capture_output=True,
                         text=True, check=True).stdout.strip()
    d = os.path.join(root, "%dk-py%s-%s" % (traces // 1000, ver, key))
    if not all(os.path.exists(os.path.join(d, f))
               for f in ("a.pickle", "b.pickle", "meta.json")):
        print("# generating %d-trace snapshots into %s (once; cached)"
              % (traces, d), flush=True)
        subprocess.run([python, os.path.join(HERE, "gen.py"), d,
                        "--traces", str(traces)], check=True)
    return os.path.join(d, "a.pickle"), os.path.join(d, "b.pickle")


def build_tools(root):
    """Compile floor.c and spawn.c into the cache directory (when changed)."""
    exes = []
    for name in ("floor", "spawn"):
        exe = os.path.join(root, name)
        src = os.path.join(HERE, name + ".c")
        if (not os.path.exists(exe)
                or os.path.getmtime(exe) < os.path.getmtime(src)):
            cc = os.environ.get("CC", "cc")
            subprocess.run([cc, "-O2", "-o", exe, src], check=True)
        exes.append(exe)
    return exes


def warm(paths):
    """Read the files once so that every timed run finds them in the page
    cache, as the first one otherwise would not."""
    for p in paths:
        with open(p, "rb") as fp:
            while fp.read(1 << 24):
                pass


def mismatch(name, mine, theirs):
    """Compare memsnap's non-'#' lines to Python's output.  Returns None if
    they are equal, else the start of a diff to print loudly."""
    a = [line for line in mine.splitlines() if not line.startswith("#")]
    b = theirs.splitlines()
    if a == b:
        return None
    import difflib
    diff = list(difflib.unified_diff(a, b, "memsnap", "python", lineterm="",
                                     n=1))
    text = ["!!!!!!!! OUTPUT MISMATCH in '%s': memsnap (-) vs Python (+) "
            "!!!!!!!!" % name]
    text += ["!!! " + line for line in diff[:30]]
    if len(diff) > 30:
        text.append("!!! ... %d more diff lines" % (len(diff) - 30))
    return "\n".join(text)


def floor_jobs(floor, path, runs, *more):
    """The floor in both of its modes; floor_result() keeps the faster, so
    the floor is never inflated by a slow way of reading.  A diff's floor
    steps over both files (more)."""
    return [Job("floor (read)", [floor, path, *more], runs),
            Job("floor (mmap)", [floor, "-m", path, *more], runs)]


def floor_result(jobs):
    best = min(jobs, key=lambda j: j.result.wall)
    best.result.mode = "mmap" if "-m" in best.cmd else "read"
    best.result.opcodes = best.result.out.split()[0]
    return best.result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("memsnap", nargs="?",
                    default=os.path.join(REPO, "build", "memsnap"),
                    help="memsnap binary (default: build/memsnap in the repo)")
    ap.add_argument("--cache", help="snapshot cache directory (default: "
                    "$MEMSNAP_BENCH_CACHE or ${TMPDIR:-/tmp}/memsnap-bench)")
    ap.add_argument("--runs", type=int, default=7,
                    help="memsnap and floor runs per workload (median)")
    ap.add_argument("--py-runs", type=int, default=3,
                    help="Python runs per workload (median)")
    ap.add_argument("--python", default=sys.executable,
                    help="Python used for gen.py and the reference side")
    ap.add_argument("--only", help="comma-separated workload names to run")
    ap.add_argument("--python-only", action="store_true",
                    help="measure only Python's side (no memsnap needed)")
    ap.add_argument("--huge", action="store_true",
                    help="also run memsnap on 10M-trace snapshots and report "
                         "time and peak RSS against the file size")
    ap.add_argument("--huge-python", action="store_true",
                    help="with --huge, also run Python on them (minutes)")
    args = ap.parse_args()

    memsnap = None
    if not args.python_only:
        memsnap = os.path.abspath(args.memsnap)
        if not os.access(memsnap, os.X_OK):
            print("bench: %s: no such executable (build memsnap first, or "
                  "pass its path, or --python-only)" % memsnap,
                  file=sys.stderr)
            return 2
    root = cache_root(args.cache)
    os.makedirs(root, exist_ok=True)
    workloads = WORKLOADS
    if args.only:
        names = [n.strip() for n in args.only.split(",")]
        known = [w.name for w in WORKLOADS]
        for n in names:
            if n not in known:
                print("bench: unknown workload %r; the workloads are: %s"
                      % (n, ", ".join(known)), file=sys.stderr)
                return 2
        workloads = [w for w in WORKLOADS if w.name in names]
    env = dict(os.environ, PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8")
    for var in ("PYTHONTRACEMALLOC", "PYTHONDEVMODE", "PYTHONMALLOC"):
        env.pop(var, None)

    a, b = snapshots(root, 1_000_000, args.python)
    floor, spawn = build_tools(root)
    warm([a, b])
    sizes = {p: os.path.getsize(p) for p in (a, b)}
    pyver = subprocess.run([args.python, "-VV"], capture_output=True,
                           text=True).stdout.split("\n")[0]
    print("# snapshots: %s %s (%s), %s (%s)" % (
        os.path.dirname(a), "a.pickle", fmt_mb(sizes[a]), "b.pickle",
        fmt_mb(sizes[b])))
    print("# python:    %s" % pyver)
    print("# memsnap:   %s" % (memsnap or "(not run)"))
    print("# runs:      median of %d (memsnap, floor) and %d (Python); "
          "wall time of the whole process, peak RSS from wait4()"
          % (args.runs, args.py_runs))
    print("# load:      %.1f on %d CPUs at the start"
          % (os.getloadavg()[0], os.cpu_count() or 1))
    failed = False

    head = ("%-24s %9s %9s %8s %7s %11s %11s %8s %6s  %s"
            % ("workload", "memsnap", "python", "speed", "(cpu)",
               "memsnap RSS", "python RSS", "memory", "floor", "result"))
    print(head)
    print("-" * len(head), flush=True)
    fl = top = None
    diffs = []
    noisy = []
    for w in workloads:
        theirs = Job("python " + w.name, [args.python] + w.python_args(a, b),
                     args.py_runs)
        jobs = [theirs]
        if memsnap:
            mine = Job("memsnap " + w.name,
                       [memsnap] + w.memsnap_args(a, b), args.runs)
            jobs.append(mine)
            # each workload's own floor: the opcode walk of the files it reads
            wjobs = floor_jobs(floor, a, args.runs,
                               *([] if w.kind == "top" else [b]))
            jobs += wjobs
            if w.name == "top":
                fjobs = wjobs
        if not measure(spawn, jobs, env):
            failed = True
            print("%-24s %s" % (w.name, "ERROR (see above)"), flush=True)
            continue
        theirs = theirs.result
        if not memsnap:
            print("%-24s %9s %9s %8s %7s %11s %11s %8s %6s  %s" % (
                w.name, "-", fmt_time(theirs.wall), "-", "-", "-",
                fmt_mb(theirs.rss), "-", "-", "python only"), flush=True)
            continue
        mine = mine.result
        if w.name == "top":
            top = mine
            fl = floor_result(fjobs)
        speed = theirs.wall / mine.wall
        cpu = theirs.cpu / max(mine.cpu, 1e-3)
        # A process that took longer than its CPU time waited for a core
        # (memsnap's may use two threads, so its CPU time can exceed its
        # wall time; Python's is one thread).
        if max(r.wall / max(r.cpu, 1e-3) for r in (theirs, mine)) > BUSY:
            noisy.append(w.name)
        memory = theirs.rss / mine.rss
        ok = speed >= SPEED_TARGET and memory >= MEMORY_TARGET
        bad_output = mismatch(w.name, mine.out, theirs.out)
        verdict = "PASS" if ok else "FAIL"
        if bad_output:
            verdict += "  !!! OUTPUT MISMATCH"
            diffs.append(bad_output)
        failed |= not ok or bad_output is not None
        print("%-24s %9s %9s %7.1fx %6.0fx %11s %11s %7.1fx %5.2fx  %s" % (
            w.name, fmt_time(mine.wall), fmt_time(theirs.wall), speed, cpu,
            fmt_mb(mine.rss), fmt_mb(theirs.rss), memory,
            mine.wall / floor_result(wjobs).wall, verdict), flush=True)
    print()
    for d in diffs:
        print(d + "\n")
    if noisy:
        print("WARNING: a process of %s took more than %.2f times its CPU "
              "time:\n         the machine was busy; rerun before trusting "
              "the speed column\n" % (", ".join(noisy), BUSY))
    print("targets: speed >= %.0fx (Python wall time / memsnap wall time), "
          "memory >= %.0fx (Python peak RSS / memsnap peak RSS)\n"
          "         (cpu) is the same ratio of user+system CPU time: not a "
          "target, but\n         steadier than wall time on a busy machine\n"
          "         floor: memsnap's wall time / the opcode walk of the same "
          "file(s), no target"
          % (SPEED_TARGET, MEMORY_TARGET))
    if fl is None:
        fjobs = floor_jobs(floor, a, args.runs)
        if not measure(spawn, fjobs, env):
            return 2
        fl = floor_result(fjobs)
    print("floor:   %s to step over the %s opcodes of a.pickle (%s; %s), "
          "peak RSS %s" % (fmt_time(fl.wall), fl.opcodes, fmt_mb(sizes[a]),
                           fl.mode, fmt_mb(fl.rss)))
    if top is not None:
        ratio = top.wall / fl.wall
        ok = ratio <= FLOOR_TARGET
        failed |= not ok
        print("         memsnap top / floor = %.2fx (target <= %.0fx; cpu "
              "%.2fx)  %s" % (ratio, FLOOR_TARGET,
                              top.cpu / max(fl.cpu, 1e-3),
                              "PASS" if ok else "FAIL"))

    if memsnap and (not args.only or "top" in names):
        failed |= exports(args, memsnap, spawn, a, b, env)

    if args.huge and memsnap:
        failed |= huge(args, root, memsnap, spawn, floor, env)

    if not memsnap:
        return 0
    print("\nOVERALL: %s" % ("FAIL" if failed else "PASS"))
    return 1 if failed else 0


# memsnap's own work, each timed beside the report it is closest to (`top`
# of a.pickle, or `diff` of both), with no Python side: tracemalloc writes
# no profile (tests/formats/pprof.sh holds their numbers to Python's) and
# has no timeline, leaks or flame graph. `--threads 1` beside the default
# is the speed-up the second core gives. A (name, base, arguments) each.
OWN = [
    ("top --threads 1", "top", ["top", "--threads", "1", "{a}"]),
    ("top -f pprof", "top", ["top", "-f", "pprof", "{a}"]),
    ("top -f speedscope", "top", ["top", "-f", "speedscope", "{a}"]),
    ("flamegraph", "top", ["flamegraph", "-o", "/dev/null", "{a}"]),
    ("diff --threads 1", "diff", ["diff", "--threads", "1", "{a}", "{b}"]),
    ("timeline --top 10", "diff", ["timeline", "--top", "10", "{a}", "{b}"]),
    ("leaks (3 snapshots)", "diff", ["leaks", "{a}", "{b}", "{b}"]),
]


def exports(args, memsnap, spawn, a, b, env):
    """Times each of OWN against its base.  Returns True on a failed run."""
    def argv(words):
        return [memsnap] + [{"{a}": a, "{b}": b}.get(w, w) for w in words]

    bases = {"top": Job("memsnap top", argv(["top", "{a}"]), args.runs),
             "diff": Job("memsnap diff", argv(["diff", "{a}", "{b}"]), args.runs)}
    jobs = [Job("memsnap " + name, argv(words), args.runs) for name, _, words in OWN]
    print()
    if not measure(spawn, list(bases.values()) + jobs, env):
        return True
    for (name, base, _), job in zip(OWN, jobs):
        r, t = job.result, bases[base].result
        print("%-24s %9s %11s   %.2fx the time of `%s` (%s; cpu %.2fx), %.2fx "
              "its RSS" % (name, fmt_time(r.wall), fmt_mb(r.rss), r.wall / t.wall,
                           base, fmt_time(t.wall), r.cpu / max(t.cpu, 1e-3),
                           r.rss / t.rss))
    return False


def huge(args, root, memsnap, spawn, floor, env):
    """10M traces: memsnap's time, and peak RSS as a multiple of the input
    size (both files for a diff).  Returns True if a target was missed."""
    a, b = snapshots(root, 10_000_000, args.python)
    warm([a, b])
    sizes = {p: os.path.getsize(p) for p in (a, b)}
    runs = max(1, min(args.runs, 3))
    print("\n# huge: %s a.pickle (%s), b.pickle (%s); median of %d runs"
          % (os.path.dirname(a), fmt_mb(sizes[a]), fmt_mb(sizes[b]), runs))
    head = ("%-24s %9s %11s %10s %8s  %s"
            % ("workload (10M)", "memsnap", "memsnap RSS", "input", "RSS/in",
               "result"))
    if args.huge_python:
        head += "   python: time, speed, memory"
    print(head)
    print("-" * len(head), flush=True)
    failed = False
    diffs = []
    fl = top_time = None
    for w in WORKLOADS:
        mine = Job("memsnap " + w.name, [memsnap] + w.memsnap_args(a, b),
                   runs)
        jobs = [mine]
        if w.name == "top":
            fjobs = floor_jobs(floor, a, runs)
            jobs += fjobs
        theirs = None
        if args.huge_python:
            theirs = Job("python " + w.name,
                         [args.python] + w.python_args(a, b), 1)
            jobs.append(theirs)
        if not measure(spawn, jobs, env):
            failed = True
            print("%-24s %s" % (w.name, "ERROR (see above)"), flush=True)
            continue
        mine = mine.result
        if w.name == "top":
            fl = floor_result(fjobs)
            top_time = mine.wall
        insize = sizes[a] + (sizes[b] if w.kind == "diff" else 0)
        per = mine.rss / insize
        ok = per <= HUGE_RSS_TARGET
        failed |= not ok
        line = "%-24s %9s %11s %10s %7.2fx  %s" % (
            w.name, fmt_time(mine.wall), fmt_mb(mine.rss), fmt_mb(insize),
            per, "PASS" if ok else "FAIL")
        if theirs is not None:
            theirs = theirs.result
            bad = mismatch(w.name + " (10M)", mine.out, theirs.out)
            if bad:
                failed = True
                diffs.append(bad)
            line += "   %s, %.1fx, %.1fx%s" % (
                fmt_time(theirs.wall), theirs.wall / mine.wall,
                theirs.rss / mine.rss, "  !!! OUTPUT MISMATCH" if bad else "")
        print(line, flush=True)
    for d in diffs:
        print("\n" + d)
    print("\ntarget: peak RSS <= %.0fx input size" % HUGE_RSS_TARGET)
    if fl is not None:
        print("floor:  %s for the %s opcodes of a.pickle (%s); memsnap top / "
              "floor = %.2fx" % (fmt_time(fl.wall), fl.opcodes, fl.mode,
                                 top_time / fl.wall))
    return failed


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, subprocess.CalledProcessError) as e:
        print("bench: %s" % e, file=sys.stderr)
        sys.exit(2)
