"""A multiprocessing pool and a process, started by the method in argv[1].

Each worker keeps what it computes (the leak); the pool is closed and
joined, so that every worker leaves through its normal exit. Prints the
pids of the parent, of the pool's workers that worked, and of the process.
"""
import multiprocessing
import os
import sys

kept = []


def work(n):
    kept.append(bytearray(100000 * (n + 1)))  # the workers' leak
    return os.getpid()


if __name__ == "__main__":
    context = multiprocessing.get_context(sys.argv[1])
    pool = context.Pool(2)
    workers = set(pool.map(work, range(6), chunksize=1))
    pool.close()
    pool.join()
    process = context.Process(target=work, args=(2,))
    process.start()
    process.join()
    print("parent %d" % os.getpid())
    print("workers %s" % " ".join(str(p) for p in sorted(workers)))
    print("process %d" % process.pid)
