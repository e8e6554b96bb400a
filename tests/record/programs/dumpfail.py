"""Takes its first snapshot, then puts a file where its snapshots go, so
that every later one fails; asks for three more and finishes its work."""
import os
import signal
import sys
import time

mine = os.path.join(os.environ["MEMSNAP_RECORD_DIR"], str(os.getpid()))
os.kill(os.getpid(), signal.SIGUSR2)
deadline = time.monotonic() + 60
while not os.path.exists(os.path.join(mine, "0000.bin")) and time.monotonic() < deadline:
    time.sleep(0.01)
for name in os.listdir(mine):
    os.unlink(os.path.join(mine, name))
os.rmdir(mine)
open(mine, "w").close()
for _ in range(3):
    os.kill(os.getpid(), signal.SIGUSR2)
    time.sleep(0.5)
print("done")
