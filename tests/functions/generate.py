"""Writes fixtures/ and cases/: what memsnap prints grouped by function
(-g function), computed by reference.py from Python's tracemalloc and ast,
never by memsnap.

    cd tests/functions && python3.12 generate.py [--recapture]

Cases are case files (../README.md), run by ../run_cases.sh MEMSNAP
tests/functions/cases from this directory, where the
snapshots' src/app.py is this directory's; old/app.py is the version of it
before functions moved (read through --old-path-map src=old).

fixtures/new.bin and old.bin are real captures of src/app.py's and
old/app.py's main() (both recorded as src/app.py), kept to the frames in
that file; --recapture takes them again. fixtures/synth.bin holds a trace
at every line of src/app.py and past its end, and frames of files that
cannot be read.
"""
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import annotate_out  # noqa: E402  (before reference: ../formats' generate.py has its own)

_spec = importlib.util.spec_from_file_location("functions_reference",
                                               os.path.join(HERE, "reference.py"))
reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reference)

CAPTURE = r'''
import os, sys, tracemalloc
sys.path.insert(0, "src")
tracemalloc.start(25)
import app
kept = app.main()
snap = tracemalloc.take_snapshot()
traces = []
for t in snap.traces._traces:
    # Python 3.9+ records the absolute path: the relative one, as a server would
    frames = tuple(("src/app.py", f[1]) for f in t[2] if os.path.relpath(f[0]) == "src/app.py")
    if frames:
        traces.append((t[0], t[1], frames) + tuple(t[3:]))
tracemalloc.Snapshot(traces, snap.traceback_limit).dump(sys.argv[1])
'''


def capture(source, out):
    """A real snapshot of source's main(), its file recorded as src/app.py."""
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, "src"))
        shutil.copy(source, os.path.join(tmp, "src", "app.py"))
        subprocess.run([sys.executable, "-c", CAPTURE, os.path.abspath(out)], cwd=tmp,
                       check=True)


def synthetic(out):
    """A trace at every line of src/app.py and two past its end, alone and
    under callers; frames of files that cannot be read."""
    with open(os.path.join(HERE, "src", "app.py"), "rb") as f:
        n = f.read().count(b"\n")
    traces = []
    for line in range(1, n + 3):
        traces.append((0, 10 * line, (("src/app.py", line),), 1))
        traces.append((0, 7, (("src/app.py", line), ("src/app.py", 92)), 2))
    traces += [
        (0, 100, (("gone.py", 3), ("src/app.py", 25)), 2),
        (0, 100, (("gone.py", 3),), 1),
        (0, 50, (("gone.py", 4), ("gone.py", 3)), 2),
        (1, 64, (("<frozen importlib._bootstrap>", 241), ("src/app.py", 89)), 2),
        (0, 33, (("src/app.py", 70), ("src/app.py", 70), ("src/app.py", 70)), 3),
    ]
    tracemalloc.Snapshot(traces, 25).dump(out)


def load(path):
    snap = tracemalloc.Snapshot.load(path)
    traces = snap.traces._traces
    if traces and len(traces[0]) == 3:
        snap = tracemalloc.Snapshot([t + (len(t[2]),) for t in traces], snap.traceback_limit)
    return snap


def field(raw):
    if any(c in raw for c in (b",", b'"', b"\n", b"\r")):
        return b'"' + raw.replace(b'"', b'""') + b'"'
    return raw


def average(size, count):
    q, r = divmod(size, count)
    if 2 * r > count or (2 * r == count and q % 2):
        q += 1
    return q


def text(stats, limit):
    return "".join(str(s) + "\n" for s in stats[:limit or None]).encode("utf-8", "surrogateescape")


def csv(stats, limit):
    lines = [b"size,count,average,filename,lineno,function"]
    for s in stats[:limit or None]:
        key = s.traceback
        lines.append(b",".join([b"%d" % s.size, b"%d" % s.count, b"%d" % average(s.size, s.count),
                                field(os.fsencode(key.filename)), b"%d" % key.line,
                                field((key.name or "").encode())]))
    return b"".join(line + b"\n" for line in lines)


def traceback_text(functions, snap):
    """top -g traceback --functions: Traceback.format() with ", in NAME"
    after each frame whose function is known."""
    out = []
    for stat in snap.statistics("traceback"):
        out.append(str(stat))
        for frame in stat.traceback:
            f = functions.of(frame.filename, frame.lineno)
            out.append('  File "%s", line %d%s' % (frame.filename, frame.lineno,
                                                   ", in " + f.name if f.name else ""))
            lines = functions.lines(frame.filename)
            if lines is not None and 1 <= frame.lineno <= len(lines.text):
                source = lines.text[frame.lineno - 1].strip()
                if source:
                    out.append("    " + source)
    return "".join(line + "\n" for line in out).encode("utf-8", "surrogateescape")


def collapsed(stats, limit):
    return b"".join(b"%s %d\n" % (str(s.traceback).encode("utf-8", "surrogateescape"), s.size)
                    for s in stats[:limit or None])


def main():
    os.chdir(HERE)
    os.makedirs("fixtures", exist_ok=True)
    if "--recapture" in sys.argv or not os.path.exists("fixtures/new.bin"):
        capture("src/app.py", "fixtures/new.bin")
        capture("old/app.py", "fixtures/old.bin")
    synthetic("fixtures/synth.bin")

    here = reference.Functions()
    old = reference.Functions([("src", "old")])
    nowhere = reference.Functions([("src", "nowhere")])
    snaps = {name: load("fixtures/%s.bin" % name) for name in ("synth", "new", "old")}
    cases = {
        "top_synth": ("top -g function -n 0 fixtures/synth.bin",
                      text(here.statistics(snaps["synth"]), 0)),
        "top_synth_cumulative": ("top -g function -c -n 0 fixtures/synth.bin",
                                 text(here.statistics(snaps["synth"], True), 0)),
        "top_synth_limit": ("top -g function -n 4 fixtures/synth.bin",
                            text(here.statistics(snaps["synth"]), 4)),
        "top_synth_traceback_functions": (
            "top -g traceback --functions -n 0 fixtures/synth.bin",
            traceback_text(here, snaps["synth"])),
        "top_synth_unread": ("top -g function -n 0 --path-map src=nowhere fixtures/synth.bin",
                             text(nowhere.statistics(snaps["synth"]), 0)),
        "top_synth_csv": ("top -g function -f csv -n 0 fixtures/synth.bin",
                          csv(here.statistics(snaps["synth"]), 0)),
        "top_synth_collapsed": ("top -g function -f collapsed -c -n 0 fixtures/synth.bin",
                                collapsed(here.statistics(snaps["synth"], True), 0)),
        "top_new": ("top -g function -n 0 fixtures/new.bin",
                    text(here.statistics(snaps["new"]), 0)),
        "top_new_cumulative": ("top -g function -c -n 0 fixtures/new.bin",
                               text(here.statistics(snaps["new"], True), 0)),
        "top_old": ("top -g function -n 0 --path-map src=old fixtures/old.bin",
                    text(old.statistics(snaps["old"]), 0)),
        "diff_moved": ("diff -g function -n 0 --old-path-map src=old fixtures/old.bin "
                       "fixtures/new.bin",
                       text(here.compare(snaps["old"], snaps["new"], False, old), 0)),
        "diff_moved_cumulative": ("diff -g function -c -n 0 --old-path-map src=old "
                                  "fixtures/old.bin fixtures/new.bin",
                                  text(here.compare(snaps["old"], snaps["new"], True, old), 0)),
        "diff_same_source": ("diff -g function -n 0 fixtures/old.bin fixtures/new.bin",
                             text(here.compare(snaps["old"], snaps["new"]), 0)),
    }
    cases.update(annotate_cases(here, old, nowhere, snaps))
    cases.update(REFUSALS)
    cases.update(profile_cases())
    write_cases(cases)


# What memsnap must refuse (exit 2, one line on stderr), and the markdown
# of annotate, whose row for the example's leak keeps its indentation as
# no-break spaces.
REFUSALS = {
    "annotate_no_snapshot": ("annotate", None, ["status 2"]),
    "annotate_bad_format": ("annotate -f xml fixtures/synth.bin", None, ["status 2"]),
    "annotate_group_by": ("annotate -g function fixtures/synth.bin", None, ["status 2"]),
    "annotate_missing_old": ("annotate --diff no-such.bin fixtures/synth.bin", None,
                             ["status 2"]),
    "top_old_path_map": ("top --old-path-map a=b fixtures/synth.bin", None, ["status 2"]),
    "timeline_functions": ("timeline --functions fixtures/synth.bin", None, ["status 2"]),
    "bad_group_by": ("top -g module fixtures/synth.bin", None,
                     ["status 2", "stderr lineno, filename, traceback or function"]),
    "annotate_markdown": ("annotate -f markdown --path-map app.py=../../examples/app.py "
                          "../../examples/after.bin app.py", None,
                          ["stdout | 18 | 692 KiB | 2401 | 692 KiB | 2401 | `handle_request` | "
                           "`\\xc2\\xa0\\xc2\\xa0"]),
}


def annotate_cases(here, old, nowhere, snaps):
    """annotate, whole output ('#' lines too: annotate_out.py writes them)."""
    examples = reference.Functions([("app.py", "../../examples/app.py"),
                                    ("capture.py", "../../examples/capture.py")])
    ex_map = "--path-map app.py=../../examples/app.py --path-map capture.py=../../examples/capture.py"
    after = load("../../examples/after.bin")
    before = load("../../examples/before.bin")
    out = annotate_out
    cases = {}

    def case(name, args, annotation, snap_list, names, fmt="text", all_lines=False):
        if fmt == "text":
            data = out.text(annotation, snap_list, names, all_lines)
        elif fmt == "csv":
            data = out.csv(annotation)
        else:
            data = out.json(annotation, snap_list, names)
        cases[name] = (args, data)

    ex = reference.Annotation(examples, after)
    ex_diff = reference.Annotation(examples, after, before)
    ab = ["../../examples/after.bin"]
    bab = ["../../examples/before.bin", "../../examples/after.bin"]
    case("examples", "annotate %s ../../examples/after.bin" % ex_map, ex, [after], ab)
    case("examples_diff", "annotate %s --diff ../../examples/before.bin ../../examples/after.bin"
         % ex_map, ex_diff, [before, after], bab)
    case("examples_csv", "annotate -f csv %s ../../examples/after.bin" % ex_map, ex, [after], ab,
         "csv")
    case("examples_json", "annotate -f json %s ../../examples/after.bin" % ex_map, ex, [after],
         ab, "json")
    case("examples_diff_csv", "annotate -f csv %s --diff ../../examples/before.bin "
         "../../examples/after.bin" % ex_map, ex_diff, [before, after], bab, "csv")
    case("examples_unread", "annotate ../../examples/after.bin",
         reference.Annotation(reference.Functions(), after), [after], ab)
    synth = reference.Annotation(here, snaps["synth"])
    case("synth", "annotate fixtures/synth.bin", synth, [snaps["synth"]], ["fixtures/synth.bin"])
    case("synth_all", "annotate --all-lines fixtures/synth.bin", synth, [snaps["synth"]],
         ["fixtures/synth.bin"], all_lines=True)
    case("synth_json", "annotate -f json fixtures/synth.bin", synth, [snaps["synth"]],
         ["fixtures/synth.bin"], "json")
    new_old = reference.Annotation(here, snaps["new"], snaps["old"])
    case("moved_diff", "annotate --diff fixtures/old.bin fixtures/new.bin", new_old,
         [snaps["old"], snaps["new"]], ["fixtures/old.bin", "fixtures/new.bin"])
    case("moved_diff_json", "annotate -f json --diff fixtures/old.bin fixtures/new.bin", new_old,
         [snaps["old"], snaps["new"]], ["fixtures/old.bin", "fixtures/new.bin"], "json")
    filtered = reference.Annotation(here, snaps["synth"].filter_traces(
        [tracemalloc.Filter(True, "src/*")]))
    filtered.files = [f for f in filtered.files if f[0] == "src/app.py"]
    case("synth_pattern", "annotate -i src/* fixtures/synth.bin src/app.py", filtered,
         [snaps["synth"].filter_traces([tracemalloc.Filter(True, "src/*")])],
         ["fixtures/synth.bin"])
    return cases


def profile_cases():
    """pprof and speedscope name a frame by its function (file:line without
    the source): the speedscope frames of two lines of the example."""
    functions = reference.Functions([("app.py", "../../examples/app.py")])
    frames = []
    for filename, lineno in (("app.py", 18), ("capture.py", 37)):
        f = functions.of(filename, lineno)
        frames.append('stdout {"name": "%s", "file": "%s", "line": %d}' % (
            escape(f.name or "%s:%d" % (filename, lineno)), filename, lineno))
    return {"profile_speedscope": ("top -f speedscope --path-map app.py=../../examples/app.py "
                                   "../../examples/after.bin", None, frames)}


def escape(text):
    """Text of a case file line (../README.md): backslashes and control bytes escaped."""
    out = []
    for byte in os.fsencode(text):
        if byte == 0x5c:
            out.append("\\\\")
        elif byte < 0x20 or byte == 0x7f:
            out.append("\\x%02x" % byte)
        else:
            out.append(chr(byte))
    return "".join(out).encode("latin-1").decode("utf-8")


def write_cases(cases):
    """cases/NAME.case and NAME.out: the output without memsnap's '#' lines,
    which the case asks for one by one (stdout lines)."""
    os.makedirs("cases", exist_ok=True)
    for name in os.listdir("cases"):
        os.unlink(os.path.join("cases", name))
    for name, case in cases.items():
        args, out = case[0], case[1]
        extra = case[2] if len(case) > 2 else []
        lines = ["# %s (generate.py: Python's tracemalloc and ast)" % name, "args " + args]
        lines += extra
        if out is not None:
            text = out.decode("utf-8", "surrogateescape").split("\n")
            lines += ["stdout " + escape(line) for line in text if line.startswith("#")]
            with open("cases/%s.out" % name, "wb") as f:
                f.write(b"".join(line + b"\n" for line in out.split(b"\n")[:-1]
                                 if not line.startswith(b"#")))
        with open("cases/%s.case" % name, "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
