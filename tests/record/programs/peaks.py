"""Grows by 1 MB eight times, stays there a while, frees it all, waits."""
import time

held = []
for i in range(8):
    held.append(bytearray(1 << 20))  # the growth
    time.sleep(0.05)
time.sleep(1.5)
del held[:]
time.sleep(1)
