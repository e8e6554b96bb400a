"""Says "ready" and sleeps until a signal ends it."""
import sys
import time

kept = [bytearray(1000) for _ in range(100)]
print("ready")
sys.stdout.flush()
time.sleep(120)
