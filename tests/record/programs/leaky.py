"""Leaks 200 kB a step, and asks for a snapshot after each step but the last.

Before each request it prints the traced memory Python counts at that
moment, for the test to compare with the snapshot; the request is a
SIGUSR2 to itself, and it waits for the snapshot to appear before it goes
on, so that the snapshot shows the memory of that moment.
"""
import os
import signal
import sys
import time
import tracemalloc

STEPS = 4
mine = os.path.join(os.environ["MEMSNAP_RECORD_DIR"], str(os.getpid()))
leak = []


def step():
    leak.append(bytearray(200000))  # the leak


def wait_for(name):
    deadline = time.monotonic() + 60
    while not os.path.exists(os.path.join(mine, name)):
        if time.monotonic() > deadline:
            sys.exit("no snapshot %s" % name)
        time.sleep(0.005)


for i in range(STEPS):
    step()
    print("traced %d %d" % (i, tracemalloc.get_traced_memory()[0]))
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGUSR2)
    wait_for("%04d.bin" % i)
step()  # and once more before the exit snapshot
