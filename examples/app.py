"""A small service that leaks: the example memsnap's README walks through.

Its cache never evicts (the leak), each request builds and drops a
temporary list (churn), and a lookup table is loaded once (steady memory).
"""

_cache = {}
_table = []


def load_table():
    for i in range(2000):
        _table.append(("row", i, str(i) * 3))


def handle_request(n):
    key = "request-%d" % n
    _cache[key] = bytearray(512)  # the leak: never evicted
    scratch = [str(i) for i in range(50)]  # churn: freed on return
    return len(scratch)


def serve(first, last):
    for n in range(first, last):
        handle_request(n)
