"""Lookups behind a bounded cache: memory that fills, then holds steady."""
import functools


@functools.lru_cache(maxsize=256)
def lookup(query):
    return [query * i for i in range(20)]


def price(order):
    return sum(item["qty"] * item["price"] for item in order["items"])
