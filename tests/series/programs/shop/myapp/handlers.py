"""Request handlers. handle_order() keeps every order it parsed, keyed by
id, and nothing ever evicts them: the leak, whose memory json allocates."""
import json

from . import cache

_orders = {}


def handle_order(body):
    order = json.loads(body)
    _orders[order["id"]] = order
    return cache.price(order)


def handle_search(body):
    query = json.loads(body)
    return len(cache.lookup(query["q"]))


def dispatch(path, body):
    if path == "/orders":
        return handle_order(body)
    return handle_search(body)
