"""What recording costs: memsnap record against the same program without it.

    python3 tests/bench/record_cost.py build/memsnap [--runs N] [--python PATH]

For each workload, the CPU time (user + system, the whole process tree)
and the wall time of: the program alone; with tracemalloc alone
(PYTHONTRACEMALLOC=25: what any tracemalloc capture costs); under
`memsnap record` with its defaults (a snapshot every 10 s and at exit,
RSS sampled every 100 ms); and with a snapshot every second. Then the
pause of one snapshot on the program's main thread and the disk it takes,
for 100,000 and 1,000,000 live objects. Best of --runs runs (default 3).
Ratios are to the program alone; the machine's load average is printed,
since a shared machine inflates wall times more than CPU times.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")

# Objects: dicts, lists and strings made and dropped. Arithmetic: a loop
# of float and int operations, whose results are allocated too.
OBJECTS = """
def work(n):
    total = 0
    for i in range(n):
        d = {"k%d" % j: [j, str(j), (j, i)] for j in range(40)}
        total += len(sorted(d, key=lambda k: d[k][1]))
    return total
print(work(100000))
"""
ARITHMETIC = """
def work(n):
    x, y, vx, vy = 0.0, 1.0, 0.5, 0.0
    for _ in range(n):
        r2 = x * x + y * y + 0.01
        ax, ay = -x / r2, -y / r2
        vx += ax * 0.001
        vy += ay * 0.001
        x += vx * 0.001
        y += vy * 0.001
    return x + y
print(work(6000000))
"""
PAUSE = """
import os, signal, sys, time
keep = ["object %d" % i for i in range(int(sys.argv[1]))]
mine = os.path.join(os.environ["MEMSNAP_RECORD_DIR"], str(os.getpid()))
os.kill(os.getpid(), signal.SIGUSR2)
began = last = time.perf_counter()
worst = stalled = 0.0
while not os.path.exists(os.path.join(mine, "0000.bin")):
    now = time.perf_counter()
    gap = now - last
    worst = max(worst, gap)
    stalled += gap if gap > 0.001 else 0.0
    last = now
print("%f %f %f" % (worst, stalled, time.perf_counter() - began))
"""


def run(argv, env=None):
    """(cpu seconds of the process and its children, wall seconds, stdout)."""
    began = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, **(env or {})))
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - began
    if status:
        sys.exit("%s failed (status %d)" % (" ".join(argv), status))
    return usage.ru_utime + usage.ru_stime, wall, out.decode()


def best(argv, runs, env=None):
    results = [run(argv, env) for _ in range(runs)]
    return min(r[0] for r in results), min(r[1] for r in results)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("memsnap")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    memsnap, python = os.path.abspath(args.memsnap), args.python
    work = tempfile.mkdtemp(prefix="memsnap-record-cost-")
    print("python %s; load average %s" % (
        subprocess.check_output([python, "-c", "import sys; print(sys.version.split()[0])"]).decode().strip(),
        " ".join("%.1f" % x for x in os.getloadavg())))
    scripts = {}
    for name, text in (("objects", OBJECTS), ("arithmetic", ARITHMETIC)):
        scripts[name] = os.path.join(work, name + ".py")
        with open(scripts[name], "w") as f:
            f.write(text)
    workloads = [("objects (dicts, lists, strings)", [python, scripts["objects"]]),
                 ("arithmetic (floats and ints)", [python, scripts["arithmetic"]]),
                 ("examples/service.py (5,000 requests, mostly waiting)",
                  [python, os.path.join(EXAMPLES, "service.py")])]
    rec = os.path.join(work, "rec")
    print("\n| workload | alone: CPU, wall | tracemalloc alone | memsnap record | record, --interval 1s |")
    print("|---|---|---|---|---|")
    for title, argv in workloads:
        alone = best(argv, args.runs)
        tm = best(argv, args.runs, {"PYTHONTRACEMALLOC": "25"})
        rec_default = best([memsnap, "record", "-q", "-o", rec, "--"] + argv, args.runs)
        rec_1s = best([memsnap, "record", "-q", "-o", rec, "--interval", "1s", "--"] + argv, args.runs)
        cells = ["%.2f s, %.2f s" % alone]
        for cpu, wall in (tm, rec_default, rec_1s):
            cells.append("%.2fx CPU, %.2fx wall" % (cpu / alone[0], wall / alone[1]))
        print("| %s | %s |" % (title, " | ".join(cells)))
    startup = best([python, "-c", "pass"], args.runs * 3)
    startup_tm = best([python, "-c", "pass"], args.runs * 3, {"PYTHONTRACEMALLOC": "25"})
    startup_rec = best([memsnap, "record", "-q", "-o", rec, "--", python, "-c", "pass"], args.runs * 3)
    print("\nstart-up and exit of `python -c pass`, CPU: %.3f s alone, %.3f s with tracemalloc, "
          "%.3f s recorded (an exit snapshot)" % (startup[0], startup_tm[0], startup_rec[0]))
    script = os.path.join(work, "pause.py")
    with open(script, "w") as f:
        f.write(PAUSE)
    print("\n| live objects | longest pause | main thread stalled | snapshot took | file | per trace |")
    print("|---|---|---|---|---|---|")
    for n in (100000, 1000000):
        worst = []
        for _ in range(args.runs):
            shutil.rmtree(rec, ignore_errors=True)
            _, _, out = run([memsnap, "record", "-q", "-o", rec, "--interval", "0", "--",
                             python, script, str(n)])
            worst.append(tuple(float(x) for x in out.split()))
            entries = [json.loads(line) for line in open(os.path.join(rec, "manifest.jsonl"))]
            path = os.path.join(rec, entries[0]["file"])
            size = os.path.getsize(path)
            info = json.loads(subprocess.check_output([memsnap, "info", "-f", "json", path]))
            traces = info["snapshots"][0]["traces"]
        w = min(worst)
        print("| %d | %.2f s | %.2f s | %.2f s | %.1f MB | %.0f B |"
              % (n, w[0], w[1], w[2], size / 1e6, size / traces))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
