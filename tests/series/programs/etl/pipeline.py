"""A batch pipeline on the standard library: CSV rows read with
csv.DictReader, cleaned with re, summed with collections.Counter, dates
parsed with datetime. Rows that fail validation are kept for a report
that is never written, so the rejected list only grows (the leak).

    python3 pipeline.py OUTDIR
"""
import collections
import csv
import datetime
import gc
import io
import os
import random
import re
import sys
import tracemalloc

BATCHES = 6
ROWS = 400
SPACES = re.compile(r"\s+")

totals = collections.Counter()
rejected = []


def generate(rng, batch):
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["date", "region", "amount", "comment"])
    for k in range(ROWS):
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(300))
        amount = str(rng.randrange(-50, 5000)) if rng.random() > 0.1 else "n/a"
        w.writerow([day.isoformat(), rng.choice(["north", "south", "east"]), amount,
                    "  batch %d   row %d  " % (batch, k) + "." * rng.randrange(40)])
    return out.getvalue()


def load(text):
    for row in csv.DictReader(io.StringIO(text)):
        row["comment"] = SPACES.sub(" ", row["comment"]).strip()
        if not row["amount"].lstrip("-").isdigit():
            rejected.append(row)
            continue
        when = datetime.date.fromisoformat(row["date"])
        totals[(row["region"], when.month)] += int(row["amount"])


def main(outdir):
    rng = random.Random(3)
    os.makedirs(outdir, exist_ok=True)
    for i in range(BATCHES):
        load(generate(rng, i))
        gc.collect()
        tracemalloc.take_snapshot().dump(os.path.join(outdir, "%02d.bin" % i))


if __name__ == "__main__":
    tracemalloc.start(25)
    main(sys.argv[1])
