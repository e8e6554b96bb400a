"""The Python side of memsnap's timeline and leaks: what they print with
--format csv, computed with tracemalloc itself (Snapshot.load,
filter_traces, statistics), never with memsnap.

    python3 reference.py timeline [--top N] [-g KEY] [-c] [-i PAT] [-x PAT] [--path-map OLD=NEW] SNAPSHOT...
    python3 reference.py leaks [--min-steps F] [-n N] [-g KEY] [-c] [-i PAT] [-x PAT] [--path-map OLD=NEW] SNAPSHOT...

With -g function (memsnap's own key) the groups are those of
../functions/reference.py: Python's statistics(), keyed by the function
Python's ast names for each line.

with --format text instead: the lines of memsnap's text output that do not
start with '#', sizes by tracemalloc._format_size(), and under each group
by traceback the lines of its Traceback.format() (source lines read only
relative to the current directory, as memsnap reads them).

--focus, --hide and --focus-only rewrite each filtered snapshot as
tests/golden/reference.py's apply_view() says, the rule memsnap follows.

A group by traceback is named in CSV by all its frames, oldest first, as
"file:line" joined by ';', a ';' or '%' in a file name written %3B or %25.

A total is what tracemalloc computes for the snapshot: the sum of its
traces' sizes and their number. A group's size at a step is its
Statistic's size there (0 where the group is absent). timeline --top
ranks the groups that grew from the first snapshot to the last by growth,
then last size (both descending), then traceback; leaks keeps, in that
order, those that grew in at least ceil(min_steps * steps) steps.
"""
import argparse
import gzip
import importlib.util
import io
import math
import os
import pickle
import sys
import tracemalloc
from tracemalloc import _format_size


def _golden_reference():
    """tests/golden/reference.py, which reads source lines as memsnap does."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden",
                        "reference.py")
    spec = importlib.util.spec_from_file_location("golden_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


golden = _golden_reference()


def load(path):
    if path.endswith(".gz"):
        with gzip.open(path) as f:
            snap = pickle.load(f)
    else:
        snap = tracemalloc.Snapshot.load(path)
    # 3.6-3.8 dumps hold 3-field traces; 3.9+ statistics() wants 4
    traces = snap.traces._traces
    if traces and len(traces[0]) == 3:
        traces = [(d, s, tb, len(tb)) for d, s, tb in traces]
        snap = tracemalloc.Snapshot(traces, snap.traceback_limit)
    return snap


def parse(argv):
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["timeline", "leaks"])
    p.add_argument("-g", "--group-by", default="lineno")
    p.add_argument("-c", "--cumulative", action="store_true")
    p.add_argument("-i", "--include", action="append", default=[])
    p.add_argument("-x", "--exclude", action="append", default=[])
    p.add_argument("--focus", action="append", default=[])
    p.add_argument("--hide", action="append", default=[])
    p.add_argument("--focus-only", action="store_true")
    p.add_argument("-n", "--limit", type=int, default=10)
    p.add_argument("--top", type=int, default=0)
    p.add_argument("--min-steps", type=float, default=1.0)
    p.add_argument("--path-map", action="append", default=[])
    p.add_argument("-f", "--format", default="csv", choices=["csv", "text"])
    p.add_argument("files", nargs="+")
    return p.parse_args(argv)


def statistics(snap, args):
    if args.group_by != "function":
        return snap.statistics(args.group_by, args.cumulative)
    spec = importlib.util.spec_from_file_location(
        "functions_reference",
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "functions", "reference.py"))
    functions = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(functions)
    rules = [tuple(rule.split("=", 1)) for rule in args.path_map]
    return functions.Functions(rules).statistics(snap, args.cumulative)


def series(args):
    filters = [tracemalloc.Filter(True, p) for p in args.include]
    filters += [tracemalloc.Filter(False, p) for p in args.exclude]
    totals, groups = [], []
    for path in args.files:
        snap = load(path)
        if filters:
            snap = snap.filter_traces(filters)
        snap = golden.apply_view(snap, [golden.split_pattern(p) for p in args.focus],
                                 [golden.split_pattern(p) for p in args.hide], args.focus_only)
        totals.append((sum(t.size for t in snap.traces), len(snap.traces)))
        groups.append({s.traceback: s for s in statistics(snap, args)})
    keys = set().union(*groups)
    table = {k: [(g[k].size, g[k].count) if k in g else (0, 0) for g in groups]
             for k in keys}
    return totals, table


def grown(table):
    rows = [(k, v) for k, v in table.items() if v[-1][0] - v[0][0] > 0]
    rows.sort(key=lambda kv: (-(kv[1][-1][0] - kv[1][0][0]), -kv[1][-1][0], kv[0]))
    return rows


class writer:
    """CSV as RFC 4180 asks: a field holding a comma, a quote, CR or LF is
    quoted (the csv module leaves a lone CR unquoted)."""

    def __init__(self, out):
        self.out = out

    def writerow(self, row):
        fields = []
        for v in map(str, row):
            if any(c in v for c in ',"\r\n'):
                v = '"' + v.replace('"', '""') + '"'
            fields.append(v)
        self.out.write(",".join(fields) + "\n")


def key_field(args, key):
    """A group's key in a CSV field: str(Traceback), or every frame."""
    if args.group_by != "traceback":
        return str(key)
    return ";".join("%s:%d" % (f.filename.replace("%", "%25").replace(";", "%3B"), f.lineno)
                    for f in key)


def put_frames(args, key, out):
    if args.group_by == "traceback":
        with golden.sources_from_cwd_only():
            for line in key.format():
                out.write(line + "\n")


def timeline_text(args, out, totals, shown):
    for j, (size, count) in enumerate(totals):
        change = _format_size(size - totals[j - 1][0], True) if j else "-"
        out.write("%7d %11s %12d %9d %12s  %s\n" % (j, _format_size(size, False), size, count,
                                                   change, args.files[j]))
    for k, v in shown:
        out.write("%s: %s (%s)\n" % (k, _format_size(v[-1][0] - v[0][0], True),
                                     " -> ".join(_format_size(s, False) for s, _ in v)))
        put_frames(args, k, out)


def timeline(args, out):
    totals, table = series(args)
    shown = grown(table)[:args.top]
    if args.format == "text":
        return timeline_text(args, out, totals, shown)
    w = writer(out)
    w.writerow(["index", "label", "size", "count", "change"] +
               [key_field(args, k) for k, _ in shown])
    for j, (size, count) in enumerate(totals):
        change = size - totals[j - 1][0] if j else ""
        w.writerow([j, args.files[j], size, count, change] + [v[j][0] for _, v in shown])


def leaks(args, out):
    totals, table = series(args)
    steps = len(args.files) - 1
    need = max(1, math.ceil(args.min_steps * steps - 1e-9))
    w = writer(out)
    if args.format == "csv":
        w.writerow(["rank", "key", "size", "growth", "count", "count_change", "steps_grown",
                    "steps", "growth_per_step"])
    rank = 0
    for k, v in grown(table):
        grew = sum(v[j][0] > v[j - 1][0] for j in range(1, len(v)))
        if grew < need:
            continue
        rank += 1
        if args.limit and rank > args.limit:
            break
        growth = v[-1][0] - v[0][0]
        if args.format == "text":
            out.write("%s: size=%s (%s), count=%d (%+d), grew in %d of %d steps, %s per step\n"
                      % (k, _format_size(v[-1][0], False), _format_size(growth, True),
                         v[-1][1], v[-1][1] - v[0][1], grew, steps,
                         _format_size(growth / steps, True)))
            put_frames(args, k, out)
            continue
        w.writerow([rank, key_field(args, k), v[-1][0], growth, v[-1][1], v[-1][1] - v[0][1],
                    grew, steps, "%.1f" % (growth / steps)])


def main(argv):
    args = parse(argv)
    out = io.StringIO()
    (timeline if args.command == "timeline" else leaks)(args, out)
    sys.stdout.buffer.write(out.getvalue().encode("utf-8", "surrogateescape"))


if __name__ == "__main__":
    main(sys.argv[1:])
