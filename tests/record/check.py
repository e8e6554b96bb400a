"""memsnap record with real Python processes, on every Python 3 found.

    python3 tests/record/check.py MEMSNAP_BINARY

The programs under programs/ run under `memsnap record`; the snapshots
they leave are loaded by the Python that wrote them (its own
tracemalloc.Snapshot.load()), and compared with what the program printed
of tracemalloc.get_traced_memory(). The Pythons are those of pyenv
(`pyenv root`/versions/3.*) or, without pyenv, python3.6 ... python3.13
on PATH; MEMSNAP_TEST_PYTHONS (paths, space-separated) overrides both.
The leak case runs on every one of them, the others on the oldest and the
newest, two cases at a time.
"""
import concurrent.futures
import glob
import json
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
MEMSNAP = os.path.abspath(sys.argv[1])
WORK = tempfile.mkdtemp(prefix="memsnap-record-test-")
# The bootstrap directories go here, so that the test sees them removed.
BOOTSTRAPS = os.path.join(WORK, "tmp")
os.mkdir(BOOTSTRAPS)

failures = []
lock = threading.Lock()


def fail(case, message):
    with lock:
        failures.append("%s: %s" % (case, message))
        print("FAIL %s: %s" % (case, message))
        sys.stdout.flush()


def check(case, condition, message):
    if not condition:
        fail(case, message)
    return condition


def version_of(python):
    out = subprocess.check_output([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
    return tuple(int(x) for x in out.decode().split("."))


def find_pythons():
    if os.environ.get("MEMSNAP_TEST_PYTHONS"):
        candidates = os.environ["MEMSNAP_TEST_PYTHONS"].split()
    else:
        candidates = []
        root = None
        if shutil.which("pyenv"):
            try:
                root = subprocess.check_output(["pyenv", "root"]).decode().strip()
            except (OSError, subprocess.CalledProcessError):
                root = None
        if root:
            candidates = sorted(glob.glob(os.path.join(root, "versions", "3.*", "bin", "python3")))
        if not candidates:
            candidates = [p for p in (shutil.which("python3.%d" % m) for m in range(6, 14)) if p]
        if not candidates and shutil.which("python3"):
            candidates = [shutil.which("python3")]
    found = {}
    for python in candidates:
        try:
            version = version_of(python)
        except (OSError, subprocess.CalledProcessError):
            continue
        if version >= (3, 6):
            found.setdefault(version, python)
    return [found[v] + "" for v in sorted(found)], sorted(found)


def record(case, options, argv, env=None, stdin=None):
    """Starts memsnap record; returns the Popen and the recording."""
    out = os.path.join(WORK, case)
    full_env = dict(os.environ, TMPDIR=BOOTSTRAPS)
    full_env.pop("PYTHONPATH", None)
    full_env.update(env or {})
    return subprocess.Popen([MEMSNAP, "record", "-o", out] + options + ["--"] + argv,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=full_env, universal_newlines=True), out


def manifest(rec):
    path = os.path.join(rec, "manifest.jsonl")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f]


LOADER = """
import sys, tracemalloc
for path in sys.argv[1:]:
    snap = tracemalloc.Snapshot.load(path)
    print(path, sum(t.size for t in snap.traces), len(snap.traces), snap.traceback_limit)
"""


def load_in(python, files):
    """{file: (total size, traces, traceback limit)} as that Python loads them."""
    out = subprocess.check_output([python, "-c", LOADER] + files, universal_newlines=True)
    totals = {}
    for line in out.splitlines():
        path, size, count, limit = line.rsplit(" ", 3)
        totals[path] = (int(size), int(count), int(limit))
    return totals


# Python's own answers, printed by the Python that wrote the snapshots:
#   top FILE...          statistics('lineno') of the files' traces, concatenated
#   diff OLD... : NEW... compare_to() of two such concatenations
#   traces FILE          every trace, sorted, one per line
REFERENCE = """
import sys, tracemalloc
def load(paths):
    snaps = [tracemalloc.Snapshot.load(p) for p in paths]
    traces = []
    for s in snaps:
        traces += s.traces._traces
    if len(snaps) == 1:
        return snaps[0]
    return tracemalloc.Snapshot(traces, max(s.traceback_limit for s in snaps))
op, args = sys.argv[1], sys.argv[2:]
if op == "top":
    for stat in load(args).statistics("lineno")[:10]:
        print(stat)
elif op == "diff":
    cut = args.index(":")
    for stat in load(args[cut + 1:]).compare_to(load(args[:cut]), "lineno")[:10]:
        print(stat)
elif op == "traces":
    for trace in sorted(load(args).traces._traces):
        print(trace)
"""


def reference(python, *args):
    return subprocess.check_output([python, "-c", REFERENCE] + list(args), universal_newlines=True)


def memsnap(*args):
    """memsnap's stdout without its '#' lines, and its exit status."""
    proc = subprocess.run([MEMSNAP] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    lines = [line for line in proc.stdout.splitlines(True) if not line.startswith("#")]
    return "".join(lines), proc.returncode, proc.stdout + proc.stderr


def same(case, what, got, want):
    check(case, got == want, "%s differs from Python:\n--- memsnap\n%s--- Python\n%s" % (what, got, want))


def line_of(program, marker):
    with open(os.path.join(PROGRAMS, program)) as f:
        for number, line in enumerate(f, 1):
            if marker in line:
                return number
    raise LookupError(marker)


class Poller(threading.Thread):
    """Reads every *.bin that shows in a recording while it is written."""

    def __init__(self, case, rec):
        threading.Thread.__init__(self)
        self.case, self.rec = case, rec
        self.done = threading.Event()
        self.reads = 0
        self.bad = []

    def run(self):
        seen = {}
        while True:
            last = self.done.is_set()  # one more look after the end
            for path in glob.glob(os.path.join(self.rec, "*", "*")):
                name = os.path.basename(path)
                if name.startswith("."):
                    continue  # hidden: a dump being written
                if not re.match(r"^(\d{4}|peak)\.bin$", name):
                    self.bad.append("unexpected name %s" % path)
                    continue
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                except FileNotFoundError:
                    continue
                key = (path, len(data))
                if seen.get(path) == key:
                    continue
                seen[path] = key
                self.reads += 1
                try:
                    pickle.loads(data)
                except Exception as e:
                    self.bad.append("%s (%d bytes) read while written: %s" % (path, len(data), e))
            if last:
                return
            time.sleep(0.001)


def finish(case, proc, timeout=120):
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        fail(case, "memsnap record did not end")
    return out, err


def common_checks(case, rec, err):
    check(case, "Traceback" not in err, "a traceback on stderr:\n" + err)
    left = [p for p in glob.glob(os.path.join(rec, "*", ".*"))]
    check(case, not left, "files left behind: %s" % left)


def case_leak(python):
    case = "leak-%d.%d" % version_of(python)
    proc, rec = record(case, ["--interval", "0", "--frames", "10"],
                       [python, os.path.join(PROGRAMS, "leaky.py")])
    poller = Poller(case, rec)
    poller.start()
    out, err = finish(case, proc)
    poller.done.set()
    poller.join()
    check(case, proc.returncode == 0, "exit status %s\n%s" % (proc.returncode, err))
    common_checks(case, rec, err)
    for bad in poller.bad:
        fail(case, bad)
    check(case, poller.reads >= 5, "the poller read only %d snapshots" % poller.reads)
    printed = [int(line.split()[2]) for line in out.splitlines() if line.startswith("traced ")]
    entries = manifest(rec)
    if not check(case, len(printed) == 4 and len(entries) == 5,
                 "%d printed, %d snapshots:\n%s%s" % (len(printed), len(entries), out, err)):
        return
    check(case, [e["reason"] for e in entries] == ["signal"] * 4 + ["exit"],
          "reasons %s" % [e["reason"] for e in entries])
    check(case, [e["seq"] for e in entries] == list(range(5)), "sequence numbers")
    pid = entries[0]["pid"]
    files = [os.path.join(rec, e["file"]) for e in entries]
    loaded = load_in(python, files)
    for i, (entry, path) in enumerate(zip(entries, files)):
        total, count, limit = loaded[path]
        check(case, limit == 10 and entry["traceback_limit"] == 10, "traceback limit %d" % limit)
        check(case, abs(total - entry["traced"]) <= 4096,
              "%s: total %d, manifest says %d" % (entry["file"], total, entry["traced"]))
        if i < 4:
            check(case, abs(total - printed[i]) <= 16384,
                  "%s: total %d, the program printed %d" % (entry["file"], total, printed[i]))
        check(case, entry["pid"] == pid and entry["python"].startswith("%d.%d" % version_of(python)),
              "manifest entry %s" % entry)
    check(case, printed[3] - printed[0] >= 2.5 * 200000, "the program did not leak: %s" % printed)
    where = "leaky.py:%d:" % line_of("leaky.py", "# the leak")
    for operands in (sorted(glob.glob(os.path.join(rec, str(pid), "*.bin"))), [rec]):
        leaks = subprocess.run([MEMSNAP, "leaks"] + operands, stdout=subprocess.PIPE,
                               universal_newlines=True)
        check(case, leaks.returncode == 0 and where in leaks.stdout,
              "memsnap leaks %s does not name %s:\n%s" % (operands[0], where, leaks.stdout))
    # the recording read whole: its last snapshot, its first against its last
    same(case, "top RECORDING", memsnap("top", rec)[0], reference(python, "top", files[-1]))
    same(case, "diff RECORDING", memsnap("diff", rec)[0],
         reference(python, "diff", files[0], ":", files[-1]))
    same(case, "diff --from 1 --to 3 RECORDING", memsnap("diff", "--from", "1", "--to", "3", rec)[0],
         reference(python, "diff", files[1], ":", files[3]))
    rows = memsnap("timeline", "-f", "csv", rec)[0].splitlines()
    check(case, rows[0] == "index,label,size,count,change,time,pid,rss,reason", "timeline header %s" % rows[0])
    for row, entry, path in zip(rows[1:], entries, files):
        cells = row.split(",")
        check(case, int(cells[2]) == loaded[path][0] and float(cells[5]) == round(entry["time"], 6)
              and int(cells[6]) == pid and cells[8] == entry["reason"], "timeline row %s" % row)
    check(case, len(rows) == len(entries) + 1, "timeline rows %s" % rows)


def case_pool(python, method):
    case = "pool-%s-%d.%d" % ((method,) + version_of(python))
    proc, rec = record(case, ["--interval", "0"], [python, os.path.join(PROGRAMS, "pool.py"), method])
    out, err = finish(case, proc)
    if not check(case, proc.returncode == 0, "exit status %s\n%s%s" % (proc.returncode, out, err)):
        return
    common_checks(case, rec, err)
    said = dict(line.split(" ", 1) for line in out.splitlines())
    parent = int(said["parent"])
    children = [int(p) for p in said["workers"].split()] + [int(said["process"])]
    entries = manifest(rec)
    by_pid = {}
    for e in entries:
        by_pid.setdefault(e["pid"], []).append(e)
    for pid in [parent] + children:
        if not check(case, pid in by_pid, "no snapshot of pid %d (%s)" % (pid, sorted(by_pid))):
            continue
        check(case, by_pid[pid][-1]["reason"] == "exit", "pid %d: no exit snapshot" % pid)
        if pid != parent and method == "fork":
            check(case, by_pid[pid][0]["ppid"] == parent, "pid %d: parent %d" % (pid, by_pid[pid][0]["ppid"]))
    files = [os.path.join(rec, e["file"]) for e in entries]
    loaded = load_in(python, files)
    check(case, len(loaded) == len(files), "not every snapshot loads")
    # every process's last snapshot, merged: in top, in --merge, in memsnap merge
    last = {}
    for e in entries:
        if e["seq"] is not None:
            last[e["pid"]] = os.path.join(rec, e["file"])
    lasts = [last[p] for p in sorted(last)]
    want = reference(python, "top", *lasts)
    same(case, "top RECORDING (merged)", memsnap("top", rec)[0], want)
    same(case, "top --merge", memsnap("top", "--merge", *lasts)[0], want)
    merged = os.path.join(rec, "..", case + "-merged.bin")
    check(case, memsnap("merge", "-o", merged, rec)[1] == 0, "memsnap merge failed")
    same(case, "merge -o OUT RECORDING: its traces", reference(python, "traces", merged),
         reference(python, "traces", *lasts))
    same(case, "top of memsnap merge's file", memsnap("top", merged)[0], want)
    firsts = sorted({e["pid"]: os.path.join(rec, e["file"]) for e in reversed(entries)}.values())
    same(case, "diff --merge", memsnap("diff", "--merge", *(firsts + [":"] + lasts))[0],
         reference(python, "diff", *(firsts + [":"] + lasts)))
    timeline = memsnap("timeline", rec)[2]
    check(case, "processes of %s merged" % rec in timeline, "timeline does not say it merges:\n" + timeline)
    # the process computed work(2): a 300 kB leak on the line of work()
    process = [os.path.join(rec, e["file"]) for e in by_pid.get(int(said["process"]), [])]
    if process:
        top = subprocess.run([MEMSNAP, "top", "-n", "1", "-i", "*pool.py", process[-1]],
                             stdout=subprocess.PIPE, universal_newlines=True).stdout
        where = "pool.py:%d:" % line_of("pool.py", "# the workers' leak")
        check(case, where in top, "top of the process does not name %s:\n%s" % (where, top))


def case_own(python):
    case = "own-%d.%d" % version_of(python)
    proc, rec = record(case, ["--interval", "0"], [python, os.path.join(PROGRAMS, "own.py")],
                       env={"PYTHONPATH": os.path.join(PROGRAMS, "own")})
    lines = []
    for line in proc.stdout:
        lines.append(line.strip())
        if line.strip() == "ready":
            proc.send_signal(signal.SIGUSR2)
            break
    out, err = finish(case, proc)
    lines += out.splitlines()
    said = " | ".join(lines)
    check(case, proc.returncode == 0, "exit status %s\n%s" % (proc.returncode, err))
    common_checks(case, rec, err)
    check(case, "sitecustomize True" in said, "its own sitecustomize did not run: " + said)
    check(case, "own sitecustomize ran as sitecustomize" in err, "stderr: " + err)
    check(case, "memsnap on sys.path False" in said, "memsnap stayed on sys.path: " + said)
    check(case, "own handler True" in said, "its SIGUSR2 handler did not run: " + said)
    check(case, "signal snapshot" in said, "SIGUSR2 to memsnap record took no snapshot: " + said)
    check(case, err.count("handles SIGUSR2 itself") == 1, "not said once on stderr: " + err)
    reasons = [e["reason"] for e in manifest(rec)]
    check(case, reasons == ["signal", "exit"], "reasons %s" % reasons)


def case_exit3(python):
    case = "exit3-%d.%d" % version_of(python)
    proc, rec = record(case, [], [python, os.path.join(PROGRAMS, "exit3.py")])
    out, err = finish(case, proc)
    check(case, proc.returncode == 3, "exit status %s, not 3\n%s" % (proc.returncode, err))
    common_checks(case, rec, err)
    reasons = [e["reason"] for e in manifest(rec)]
    check(case, reasons == ["exit"], "reasons %s" % reasons)


def case_sigterm(python):
    case = "sigterm-%d.%d" % version_of(python)
    proc, rec = record(case, ["--interval", "0.2s"], [python, os.path.join(PROGRAMS, "sleeper.py")])
    check(case, proc.stdout.readline().strip() == "ready", "the program did not start")
    deadline = time.monotonic() + 60
    while not manifest(rec) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    out, err = finish(case, proc)
    check(case, proc.returncode == 128 + signal.SIGTERM,
          "exit status %s, not %d\n%s" % (proc.returncode, 128 + signal.SIGTERM, err))
    common_checks(case, rec, err)
    entries = manifest(rec)
    check(case, entries and all(e["reason"] == "interval" for e in entries),
          "reasons %s" % [e["reason"] for e in entries])
    with open(os.path.join(rec, "rss.tsv")) as f:
        rows = [line.split("\t") for line in f.read().splitlines()]
    # (a process between fork and exec may have no resident page yet)
    check(case, rows[0] == ["time", "monotonic", "rss", "processes"] and len(rows) > 2 and
          all(int(r[3]) >= 1 for r in rows[1:]) and max(int(r[2]) for r in rows[1:]) > 1 << 20,
          "rss.tsv: %s" % rows[:3])


def case_dump_failure(python):
    case = "dumpfail-%d.%d" % version_of(python)
    proc, rec = record(case, ["--interval", "0"], [python, os.path.join(PROGRAMS, "dumpfail.py")])
    out, err = finish(case, proc)
    check(case, proc.returncode == 0 and out.strip() == "done",
          "exit status %s, output %r\n%s" % (proc.returncode, out, err))
    check(case, err.count("cannot write") == 1, "not said once:\n" + err)


def case_peaks(python):
    case = "peaks-%d.%d" % version_of(python)
    proc, rec = record(case, ["--interval", "2s", "--every-growth", "2MiB", "--peak"],
                       [python, os.path.join(PROGRAMS, "peaks.py")])
    out, err = finish(case, proc)
    check(case, proc.returncode == 0, "exit status %s\n%s" % (proc.returncode, err))
    common_checks(case, rec, err)
    entries = manifest(rec)
    reasons = set(e["reason"] for e in entries)
    check(case, {"growth", "peak", "interval", "exit"} <= reasons, "reasons %s" % sorted(reasons))
    peaks = [e for e in entries if e["reason"] == "peak"]
    numbered = [e for e in entries if e["reason"] != "peak"]
    check(case, all(e["seq"] is None and e["file"].endswith("/peak.bin") for e in peaks),
          "peak entries %s" % peaks)
    check(case, [e["seq"] for e in numbered] == list(range(len(numbered))), "sequence numbers")
    if peaks:
        path = os.path.join(rec, peaks[-1]["file"])
        total = load_in(python, [path])[path][0]
        check(case, total == peaks[-1]["traced"] or abs(total - peaks[-1]["traced"]) <= 4096,
              "peak.bin holds %d, manifest says %d" % (total, peaks[-1]["traced"]))
        check(case, total >= 8 << 20, "peak.bin holds %d, less than the 8 MiB grown" % total)


def main():
    pythons, versions = find_pythons()
    if not pythons:
        print("SKIP: no Python 3.6 or later to record")
        return 77
    print("Pythons: %s" % ", ".join("%d.%d" % v for v in versions))
    oldest, newest = pythons[0], pythons[-1]
    jobs = [(case_leak, (p,)) for p in pythons]
    jobs += [(case_pool, (p, m)) for p in sorted({oldest, newest}) for m in ("fork", "spawn")]
    jobs += [(case_own, (oldest,)), (case_own, (newest,)), (case_exit3, (newest,)),
             (case_sigterm, (newest,)), (case_peaks, (newest,)), (case_dump_failure, (oldest,))]
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {pool.submit(fn, *args): fn.__name__ for fn, args in jobs}
        for future in concurrent.futures.as_completed(futures):
            try:
                future.result()
            except Exception as e:
                fail(futures[future], "%s: %s" % (type(e).__name__, e))
    left = os.listdir(BOOTSTRAPS)
    check("bootstrap", not left, "bootstrap directories left: %s" % left)
    print("%d cases on %d Pythons in %.0f s, %d failures"
          % (len(jobs), len(pythons), time.monotonic() - started, len(failures)))
    if not failures:
        shutil.rmtree(WORK)
    else:
        print("recordings kept in %s" % WORK)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
