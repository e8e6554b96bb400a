"""A service the -g function and annotate tests point at (version 1)."""
_cache = {}


class Cache:
    def __init__(self):
        self.items = {}

    def put(self, key, value):
        self.items[key] = value
        return value


def handle_request(cache, n):
    cache.put("request-%d" % n, bytearray(64 + n))
    return n


def retired(n):
    return [n] * n


def main():
    cache = Cache()
    for n in range(10):
        handle_request(cache, n)
    retired(5)
    return cache
