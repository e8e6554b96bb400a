"""Serves generated requests; dumps a snapshot after each batch.

    python3 main.py OUTDIR
"""
import gc
import json
import os
import random
import sys
import tracemalloc

from myapp import handlers

BATCH = 300
SNAPSHOTS = 6


def request(rng, n):
    if rng.random() < 0.3:
        items = [{"sku": "sku-%05d" % rng.randrange(99999), "qty": rng.randrange(1, 5),
                  "price": rng.randrange(100, 9999)} for _ in range(rng.randrange(1, 6))]
        return "/orders", json.dumps({"id": n, "items": items, "note": "x" * rng.randrange(80)})
    return "/search", json.dumps({"q": "term%d" % rng.randrange(2000)})


def main(outdir):
    rng = random.Random(12)
    os.makedirs(outdir, exist_ok=True)
    n = 0
    for i in range(SNAPSHOTS):
        for _ in range(BATCH):
            handlers.dispatch(*request(rng, n))
            n += 1
        gc.collect()
        tracemalloc.take_snapshot().dump(os.path.join(outdir, "%02d.bin" % i))


if __name__ == "__main__":
    tracemalloc.start(25)
    main(sys.argv[1])
