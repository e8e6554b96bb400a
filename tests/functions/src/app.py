"""A service the -g function and annotate tests point at (version 2).

Functions moved since old/app.py: the same names on other lines.
"""
import functools

_cache = {}
REGISTRY = []


def register(fn):
    REGISTRY.append(fn)
    return fn


class Cache:
    """Keeps what it is given."""

    limit = [0] * 16

    def __init__(self):
        self.items = {}

    @functools.lru_cache(maxsize=None)
    def lookup(self, key):
        return str(key) * 8

    def put(self, key, value):
        self.items[key] = value
        return value

    class Entry:
        def __init__(self, payload):
            self.payload = payload

        def grow(self, n):
            self.payload += bytearray(n)


@register
def handle_request(cache, n):
    key = "request-%d" % n
    cache.put(key, bytearray(64 + n))
    scratch = [str(i) for i in range(10)]
    return len(scratch)


def make_handlers(count):
    handlers = []
    for i in range(count):
        def handler(event, i=i):
            return [event] * i
        handlers.append(handler)
    return handlers


def summarize(items):
    total = sum(
        len(str(item))
        for item in items
    )
    key = lambda item: (
        str(item),
        len(str(item)))
    return total, sorted(items, key=key)


async def fetch(n):
    return [n] * n


def recurse(n):
    if n:
        return recurse(n - 1)
    return bytearray(100)


def main():
    cache = Cache()
    for n in range(20):
        handle_request(cache, n)
    entry = Cache.Entry(bytearray(8))
    entry.grow(32)
    handlers = make_handlers(5)
    kept = [h("x") for h in handlers]
    summary = summarize(list(range(30)))
    coro = fetch(3)
    try:
        coro.send(None)
    except StopIteration as stop:
        kept.append(stop.value)
    kept.append(recurse(3))
    return cache, entry, handlers, kept, summary
