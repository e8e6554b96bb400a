"""Scopes: decorators, headers, one-liners, nesting, global, async, lambdas."""
import functools


def plain():
    return 1


@functools.lru_cache(
    maxsize=3,
)
def decorated(a=[],
              b={}) -> dict:
    # a comment before the first statement
    x = 1

    def closure():
        return x
    return closure


def one_liner(): return [1]
class OneLine: pass


class Cache(
        dict,
        metaclass=type):
    limit = 3

    @staticmethod
    def make(): return Cache()

    @property
    def size(self):
        return len(self)

    class Entry:
        def touch(self):
            def mark():
                return self
            return mark

    async def fetch(self, key):
        async with self.lock:
            return [k async for k in self.keys()]


def outer():
    global promoted, Promoted

    def promoted():
        def inner():
            pass
        return inner

    class Promoted:
        def method(self):
            pass
    return promoted, Promoted


class Declares:
    global declared_method

    def declared_method(self):
        pass


def lambdas(items):
    key = lambda item: (
        item.size,
        item.name)
    nested = lambda a: lambda b: (
        a + b)
    defaults = lambda x=lambda: (
        1): x
    items.sort(key=lambda i: i, reverse=True)
    return key, nested, defaults


def generators(items):
    total = sum(
        item
        for item in items
        if item
    )
    pairs = list((lambda: (
        x)) for x in items)
    firsts = ((y for y in (lambda: (
        items))()) for _ in range(2))
    listed = [lambda: (
        x) for x in items]
    mapping = {k: (lambda: (
        k)) for k in items}
    return total, pairs, firsts, listed, mapping


x = (lambda: (
    2) for q in range(2))
y = [z for z in (
    lambda: (
        3),
)]


def semicolons(): a = 1; b = 2; return (a,
                                          b)


def continued(a, \
              b):  \
    return a


if True:
    def in_if():
        pass
else:
    class InElse:
        pass

try:
    def in_try():
        pass
except Exception:
    pass


def trailing():
    pass
    # comment at the body's indentation after its last statement

# comment at column 0



def end(): pass
