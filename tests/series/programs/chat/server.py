"""An asyncio chat server and its clients in one process: each message is
parsed with urllib.parse and kept in its room's history, which nothing
trims (the leak); connections come and go (churn).

    python3 server.py OUTDIR
"""
import asyncio
import gc
import os
import random
import sys
import tracemalloc
import urllib.parse

ROUNDS = 6
CLIENTS = 8
MESSAGES = 25

rooms = {}


async def serve(reader, writer):
    session = {"peer": writer.get_extra_info("peername"), "buffer": bytearray(2048)}
    while True:
        line = await reader.readline()
        if not line:
            break
        message = urllib.parse.parse_qs(line.decode().strip())
        rooms.setdefault(message["room"][0], []).append(message)
        writer.write(b"ok %d\n" % len(session["buffer"]))
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, rng, n):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for k in range(MESSAGES):
        text = urllib.parse.urlencode({"room": "room%d" % rng.randrange(4), "from": "user%d" % n,
                                       "text": "hello %d " % k + "z" * rng.randrange(60)})
        writer.write(text.encode() + b"\n")
        await writer.drain()
        await reader.readline()
    writer.close()
    await writer.wait_closed()


async def main(outdir):
    rng = random.Random(5)
    os.makedirs(outdir, exist_ok=True)
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    for i in range(ROUNDS):
        await asyncio.gather(*(client(port, rng, c) for c in range(CLIENTS)))
        await asyncio.sleep(0.05)
        gc.collect()
        tracemalloc.take_snapshot().dump(os.path.join(outdir, "%02d.bin" % i))
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    tracemalloc.start(25)
    asyncio.run(main(sys.argv[1]))
