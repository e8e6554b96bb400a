"""A small module the golden snapshots point at."""
import os


class Cache:
    def __init__(self):
        self.items = {}

    def add(self, key, value):
        self.items[key] = value          # line 10
        return value

    def grow(self, n):
	for i in range(n):
	    self.add(i, bytearray(i))


def load(path):
    with open(path, "rb") as fp:
        return fp.read()                 # line 20


def recurse(n):
    if n:
        return recurse(n - 1)
    return [0] * 100


def main():
    cache = Cache()
    cache.grow(10)
    return load(os.devnull), recurse(5)
