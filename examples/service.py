"""A service that leaks, with no tracemalloc and nothing of memsnap in it:
the kind of program memsnap record is for. It serves requests with
leaky.py's handler (whose audit log, line 42, is never trimmed) in
batches, for about five seconds.

    memsnap record --interval 1s -- python3 examples/service.py
    memsnap leaks memsnap-*/
"""
import random
import time

from leaky import handle

BATCHES = 50
PER_BATCH = 100


def main():
    rng = random.Random(6)
    n = 0
    for _ in range(BATCHES):
        time.sleep(0.1)  # waiting for the next requests
        for _ in range(PER_BATCH):
            handle(n, rng)
            n += 1
    print("served %d requests" % n)


if __name__ == "__main__":
    main()
