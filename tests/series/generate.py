"""Writes cases/: what memsnap timeline and leaks must print with
--format csv, computed by reference.py (Python's tracemalloc), never by
memsnap.

    cd tests/series && python3.12 generate.py

Each case is NAME.case (memsnap's arguments, paths relative to the
repository's top, --format csv unless they give --format text: the case
format of ../README.md) and NAME.out (the expected standard output,
without memsnap's lines that start with '#').
"""
import glob
import io
import os
import sys

import reference

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
LEAKY = sorted(glob.glob("examples/leaky/*.bin", root_dir=ROOT))
REAL = ["tests/golden/fixtures/real_3.%d.bin" % v for v in range(6, 14)]
HOSTILE = ["tests/golden/fixtures/%s.bin" % n for n in ("empty", "control", "unicode")]
SHOP, CHAT, ETL = (sorted(glob.glob("tests/series/fixtures/%s/*.bin.gz" % p, root_dir=ROOT))
                   for p in ("shop", "chat", "etl"))
DIFF = ["tests/golden/fixtures/%s.bin" % n for n in ("diff_old", "diff_new", "diff_new")]

CASES = {
    "timeline_leaky": ["timeline", "--top", "5"] + LEAKY,
    "timeline_leaky_totals": ["timeline"] + LEAKY,
    "timeline_real": ["timeline", "--top", "3"] + REAL,
    "timeline_filtered": ["timeline", "-x", "<python>/*", "-g", "filename", "--top", "3"] + LEAKY,
    "timeline_cumulative": ["timeline", "-c", "--top", "4"] + LEAKY,
    "timeline_hostile": ["timeline", "--top", "20"] + HOSTILE,
    "timeline_control": ["timeline", "--top", "20"] + HOSTILE[:2],
    "timeline_one": ["timeline", "--top", "2", LEAKY[0]],
    "leaks_leaky": ["leaks", "-n", "0"] + LEAKY,
    "leaks_leaky_loose": ["leaks", "-n", "0", "--min-steps", "0.3"] + LEAKY,
    "leaks_leaky_limit": ["leaks", "-n", "1", "--min-steps", "0.5"] + LEAKY,
    "leaks_filename": ["leaks", "-g", "filename", "-n", "0", "--min-steps", "0.5"] + LEAKY,
    "leaks_traceback": ["leaks", "-g", "traceback", "-n", "0"] + LEAKY,
    "leaks_cumulative": ["leaks", "-c", "-n", "0"] + LEAKY,
    "leaks_included": ["leaks", "-i", "leaky.py", "-n", "0", "--min-steps", "0.4"] + LEAKY,
    "leaks_diff": ["leaks", "-n", "0", "--min-steps", "0.5"] + DIFF,
    "leaks_hostile": ["leaks", "-n", "0", "--min-steps", "0.5"] + HOSTILE,
    "leaks_function": ["leaks", "-g", "function", "-n", "0", "--min-steps", "0.5", "--path-map",
                       "leaky.py=examples/leaky.py"] + LEAKY,
    "leaks_function_cumulative": ["leaks", "-g", "function", "-c", "-n", "0", "--path-map",
                                  "leaky.py=examples/leaky.py"] + LEAKY,
    "timeline_function": ["timeline", "-g", "function", "--top", "4", "--path-map",
                          "leaky.py=examples/leaky.py"] + LEAKY,
    "timeline_function_unread": ["timeline", "-g", "function", "--top", "4"] + LEAKY,
    "leaks_function_focus": ["leaks", "-g", "function", "-n", "0", "--min-steps", "0.4",
                             "--focus", "leaky.py:69", "--path-map",
                             "leaky.py=examples/leaky.py"] + LEAKY,
    "leaks_function_hidden": ["leaks", "-g", "function", "-n", "0", "--hide", "leaky.py",
                              "--path-map", "leaky.py=examples/leaky.py"] + LEAKY,
    # groups by traceback: every frame, in CSV and in text
    "leaks_traceback_loose": ["leaks", "-g", "traceback", "-n", "0", "--min-steps", "0.3"] + LEAKY,
    "leaks_traceback_real": ["leaks", "-g", "traceback", "-n", "0", "--min-steps", "0.1"] + REAL,
    "leaks_traceback_text": ["leaks", "-g", "traceback", "-n", "0", "--min-steps", "0.3",
                             "--format", "text"] + LEAKY,
    "leaks_traceback_real_text": ["leaks", "-g", "traceback", "-n", "0", "--min-steps", "0.1",
                                  "--format", "text"] + REAL,
    "leaks_text": ["leaks", "-n", "0", "--min-steps", "0.3", "--format", "text"] + LEAKY,
    "timeline_traceback": ["timeline", "-g", "traceback", "--top", "5"] + LEAKY,
    "timeline_traceback_real": ["timeline", "-g", "traceback", "--top", "6"] + REAL,
    "timeline_traceback_text": ["timeline", "-g", "traceback", "--top", "5", "--format",
                                "text"] + LEAKY,
    "timeline_text": ["timeline", "--top", "3", "--format", "text"] + REAL,
    # programs that allocate through the standard library (fixtures/):
    # --focus names their own lines, --hide drops frames
    "leaks_shop": ["leaks", "-n", "0"] + SHOP,
    "leaks_shop_focus": ["leaks", "-n", "0", "--focus", "*/shop/*"] + SHOP,
    "leaks_shop_focus_text": ["leaks", "-n", "3", "-g", "traceback", "--focus",
                              "*/myapp/*", "--format", "text"] + SHOP,
    "leaks_chat_focus": ["leaks", "-n", "0", "--focus", "*/services/*", "--focus-only"] + CHAT,
    "leaks_chat_traceback": ["leaks", "-n", "4", "-g", "traceback", "--hide", "*/asyncio/*",
                             "--focus", "*/chat/*"] + CHAT,
    "leaks_chat_traceback_text": ["leaks", "-n", "2", "-g", "traceback", "--hide", "*/asyncio/*",
                                  "--format", "text"] + CHAT,
    "leaks_etl_focus": ["leaks", "-n", "0", "--min-steps", "0.6", "--focus", "*/etl/*"] + ETL,
    "leaks_etl_hide": ["leaks", "-c", "-g", "filename", "-n", "0", "--hide", "*/csv.py"] + ETL,
    "timeline_shop_focus": ["timeline", "--top", "4", "--focus", "*/myapp/*:11",
                            "--focus", "*/main.py"] + SHOP,
    "timeline_chat_hide": ["timeline", "--top", "3", "-g", "traceback", "--hide",
                           "/usr/lib/*"] + CHAT,
    "timeline_etl_focus_only": ["timeline", "--top", "3", "-x", "*/tracemalloc.py",
                                "--focus", "*/pipeline.py:40", "--focus-only"] + ETL,
}


def main():
    os.chdir(ROOT)
    cases = os.path.join("tests", "series", "cases")
    os.makedirs(cases, exist_ok=True)
    for name, argv in CASES.items():
        assert not any(" " in a for a in argv), name
        out = io.StringIO()
        args = reference.parse(argv)
        (reference.timeline if args.command == "timeline" else reference.leaks)(args, out)
        with open(os.path.join(cases, name + ".case"), "w") as f:
            # csv unless the case asks for text
            f.write(" ".join(["args"] + argv + ([] if "--format" in argv else
                                                ["--format", "csv"])) + "\n")
        with open(os.path.join(cases, name + ".out"), "wb") as f:
            f.write(out.getvalue().encode("utf-8", "surrogateescape"))
    print("wrote %d cases" % len(CASES), file=sys.stderr)


if __name__ == "__main__":
    main()
