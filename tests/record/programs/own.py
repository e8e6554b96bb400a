"""Has its own sitecustomize (PYTHONPATH) and its own SIGUSR2 handler.

Prints what it sees of both, says "ready", then waits until a snapshot
requested by a SIGUSR2 sent to memsnap record shows in the manifest.
"""
import json
import os
import signal
import sys
import time

import sitecustomize

print("sitecustomize %s" % getattr(sitecustomize, "RAN", False))
print("memsnap on sys.path %s" % any("memsnap-record-" in p for p in sys.path))
caught = []
signal.signal(signal.SIGUSR2, lambda signum, frame: caught.append(signum))
os.kill(os.getpid(), signal.SIGUSR2)
deadline = time.monotonic() + 10
while not caught and time.monotonic() < deadline:
    time.sleep(0.01)
print("own handler %s" % bool(caught))
print("ready")
sys.stdout.flush()

manifest = os.path.join(os.environ["MEMSNAP_RECORD_DIR"], "manifest.jsonl")
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    if os.path.exists(manifest):
        with open(manifest) as f:
            if any(json.loads(line)["reason"] == "signal" for line in f):
                print("signal snapshot")
                break
    time.sleep(0.02)
