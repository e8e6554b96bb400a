#!/usr/bin/env python3
"""Generate realistic tracemalloc snapshot dumps for the memsnap benchmark.

The dumps are written by Python's own tracemalloc.Snapshot(...).dump(), so
they are byte-for-byte what a production service would produce: a list of
(domain, size, traceback, total_nframe) tuples, identical tracebacks shared
as one tuple object (memo references in the pickle), frames fresh per
traceback (as _tracemalloc.c builds them), filenames shared strings.

The tracebacks come from random walks over a synthetic but realistic call
graph: entry points (threads, event loops, workers) -> web/task framework ->
application handlers and services -> libraries -> the standard library,
with helpers calling helpers (shared prefixes), a few recursive functions
(json encoders, ORM compilers, tree walkers) so frames repeat, and stacks
deeper than the 25-frame limit (total_nframe > len(traceback)).

Output: OUT/a.pickle (the first snapshot) and OUT/b.pickle (evolved from it:
some traces freed, some added, a few lines leaking), plus OUT/meta.json.
Deterministic for a given --seed.  Requires python3 >= 3.9.
"""

import argparse
import bisect
import json
import os
import random
import sys
import time
import tracemalloc

if sys.version_info < (3, 9):
    sys.exit("gen.py: needs python3 >= 3.9 (4-tuple traces)")

TRACEBACK_LIMIT = 25
NUMPY_DOMAIN = 389047  # numpy's PyTraceMalloc_Track domain
OTHER_DOMAIN = 7  # some other C extension tracking its own allocations

# The two exclude filters of the "top -g filename" workload.  They drop the
# numpy/pandas internals and the standard library's json package, which in
# these snapshots is a sizeable share of the traces (gen.py reports it).
EXCLUDE_PATTERNS = ["*/site-packages/numpy/*", "*/json/*"]

# Roots chosen not to exist on a test machine, so that neither Python's
# linecache nor memsnap finds source lines to print (gen.py warns if one
# does exist).
STDLIB = "/opt/python3.11/lib/python3.11/"
SITE = "/srv/shop/.venv/lib/python3.11/site-packages/"
APP = "/srv/shop/app/"

# layer: 0 entry points, 1 framework, 2 app handlers, 3 app services,
# 4 libraries, 5 lower-level libraries, 6 standard library.
MODULES = {
    0: [
        STDLIB + "threading.py",
        STDLIB + "asyncio/base_events.py",
        STDLIB + "asyncio/events.py",
        STDLIB + "asyncio/runners.py",
        STDLIB + "concurrent/futures/thread.py",
        SITE + "gunicorn/arbiter.py",
        SITE + "gunicorn/workers/sync.py",
        SITE + "gunicorn/workers/base.py",
        SITE + "celery/apps/worker.py",
        SITE + "celery/worker/worker.py",
        SITE + "uvicorn/server.py",
        APP + "__main__.py",
        "<frozen runpy>",
    ],
    1: [
        SITE + "flask/app.py",
        SITE + "flask/ctx.py",
        SITE + "flask/views.py",
        SITE + "werkzeug/serving.py",
        SITE + "werkzeug/wrappers/request.py",
        SITE + "werkzeug/wrappers/response.py",
        SITE + "werkzeug/routing/map.py",
        SITE + "werkzeug/datastructures.py",
        SITE + "celery/app/trace.py",
        SITE + "celery/app/task.py",
        SITE + "celery/worker/request.py",
        SITE + "kombu/messaging.py",
        SITE + "kombu/serialization.py",
        SITE + "starlette/routing.py",
        SITE + "starlette/middleware/errors.py",
        SITE + "starlette/middleware/exceptions.py",
        SITE + "fastapi/routing.py",
        SITE + "fastapi/dependencies/utils.py",
        SITE + "uvicorn/protocols/http/h11_impl.py",
        SITE + "anyio/_backends/_asyncio.py",
        SITE + "anyio/to_thread.py",
        SITE + "sentry_sdk/integrations/flask.py",
        SITE + "sentry_sdk/hub.py",
        SITE + "opentelemetry/trace/__init__.py",
        SITE + "opentelemetry/instrumentation/flask/__init__.py",
    ],
    2: [
        APP + "api/orders.py",
        APP + "api/users.py",
        APP + "api/catalog.py",
        APP + "api/search.py",
        APP + "api/checkout.py",
        APP + "api/reports.py",
        APP + "api/admin.py",
        APP + "api/webhooks.py",
        APP + "api/auth.py",
        APP + "api/health.py",
        APP + "workers/tasks.py",
        APP + "workers/import_feed.py",
        APP + "workers/exports.py",
        APP + "workers/notifications.py",
        APP + "middleware/logging.py",
        APP + "middleware/auth.py",
        APP + "i18n/übersetzung.py",
    ],
    3: [
        APP + "services/pricing.py",
        APP + "services/inventory.py",
        APP + "services/recommendations.py",
        APP + "services/search_index.py",
        APP + "services/payments.py",
        APP + "services/shipping.py",
        APP + "services/reporting.py",
        APP + "services/feed_parser.py",
        APP + "services/mailer.py",
        APP + "models/order.py",
        APP + "models/user.py",
        APP + "models/product.py",
        APP + "models/cart.py",
        APP + "models/base.py",
        APP + "db/session.py",
        APP + "db/queries.py",
        APP + "cache.py",
        APP + "utils/serialization.py",
        APP + "utils/tree.py",
        APP + "utils/retry.py",
        APP + "utils/dates.py",
        APP + "schemas/order.py",
        APP + "schemas/product.py",
        APP + "schemas/user.py",
    ],
    4: [],  # filled from PACKAGES below
    5: [],
    6: [
        STDLIB + "json/__init__.py",
        STDLIB + "json/decoder.py",
        STDLIB + "json/encoder.py",
        STDLIB + "re/__init__.py",
        STDLIB + "re/_compiler.py",
        STDLIB + "re/_parser.py",
        STDLIB + "collections/__init__.py",
        STDLIB + "copy.py",
        STDLIB + "functools.py",
        STDLIB + "typing.py",
        STDLIB + "enum.py",
        STDLIB + "dataclasses.py",
        STDLIB + "abc.py",
        STDLIB + "logging/__init__.py",
        STDLIB + "logging/handlers.py",
        STDLIB + "socket.py",
        STDLIB + "ssl.py",
        STDLIB + "selectors.py",
        STDLIB + "http/client.py",
        STDLIB + "http/cookies.py",
        STDLIB + "email/parser.py",
        STDLIB + "email/feedparser.py",
        STDLIB + "email/message.py",
        STDLIB + "email/_header_value_parser.py",
        STDLIB + "urllib/parse.py",
        STDLIB + "datetime.py",
        STDLIB + "_strptime.py",
        STDLIB + "decimal.py",
        STDLIB + "_pydecimal.py",
        STDLIB + "uuid.py",
        STDLIB + "base64.py",
        STDLIB + "hashlib.py",
        STDLIB + "hmac.py",
        STDLIB + "string.py",
        STDLIB + "textwrap.py",
        STDLIB + "csv.py",
        STDLIB + "io.py",
        STDLIB + "gzip.py",
        STDLIB + "zipfile.py",
        STDLIB + "tempfile.py",
        STDLIB + "pathlib.py",
        STDLIB + "posixpath.py",
        STDLIB + "os.py",
        STDLIB + "inspect.py",
        STDLIB + "ast.py",
        STDLIB + "weakref.py",
        STDLIB + "queue.py",
        STDLIB + "threading.py",
        STDLIB + "asyncio/streams.py",
        STDLIB + "asyncio/selector_events.py",
        STDLIB + "asyncio/sslproto.py",
        STDLIB + "asyncio/tasks.py",
        STDLIB + "asyncio/futures.py",
        STDLIB + "xml/etree/ElementTree.py",
        STDLIB + "xml/dom/minidom.py",
        STDLIB + "pickle.py",
        STDLIB + "struct.py",
        STDLIB + "tokenize.py",
        STDLIB + "linecache.py",
        STDLIB + "traceback.py",
        STDLIB + "warnings.py",
        STDLIB + "contextlib.py",
        "<frozen importlib._bootstrap>",
        "<frozen importlib._bootstrap_external>",
        "<string>",
        "<unknown>",
    ],
}

# (layer, package, modules): site-packages libraries.
PACKAGES = [
    (4, "sqlalchemy", ["orm/session.py", "orm/query.py", "orm/loading.py",
                       "orm/attributes.py", "orm/state.py", "orm/identity.py",
                       "orm/strategies.py", "orm/context.py", "orm/unitofwork.py",
                       "orm/persistence.py", "orm/mapper.py", "orm/relationships.py",
                       "engine/base.py", "engine/result.py", "engine/cursor.py",
                       "engine/default.py", "sql/compiler.py", "sql/elements.py",
                       "sql/selectable.py", "sql/visitors.py", "sql/base.py",
                       "sql/annotation.py", "sql/cache_key.py", "util/langhelpers.py",
                       "util/_collections.py", "pool/base.py", "pool/impl.py",
                       "event/attr.py"]),
    (4, "requests", ["api.py", "sessions.py", "adapters.py", "models.py",
                     "utils.py", "structures.py", "cookies.py", "auth.py",
                     "hooks.py"]),
    (4, "pandas", ["core/frame.py", "core/series.py", "core/generic.py",
                   "core/indexing.py", "core/groupby/groupby.py",
                   "core/groupby/ops.py", "core/internals/managers.py",
                   "core/internals/blocks.py", "core/internals/construction.py",
                   "core/reshape/merge.py", "core/reshape/concat.py",
                   "core/indexes/base.py", "core/arrays/categorical.py",
                   "core/dtypes/cast.py", "core/ops/array_ops.py",
                   "core/apply.py", "core/construction.py", "core/algorithms.py",
                   "io/parsers/readers.py", "io/parsers/c_parser_wrapper.py",
                   "io/json/_json.py", "io/formats/format.py", "io/common.py",
                   "io/sql.py"]),
    (4, "pydantic", ["main.py", "fields.py", "validators.py", "types.py",
                     "json.py", "_internal/_model_construction.py",
                     "_internal/_generate_schema.py", "_internal/_validators.py",
                     "_internal/_fields.py"]),
    (4, "jinja2", ["environment.py", "runtime.py", "compiler.py", "lexer.py",
                   "parser.py", "nodes.py", "loaders.py", "filters.py",
                   "utils.py"]),
    (4, "redis", ["client.py", "connection.py", "commands/core.py",
                  "_parsers/resp2.py", "_parsers/hiredis.py", "retry.py"]),
    (4, "boto3", ["session.py", "resources/factory.py", "resources/base.py",
                  "s3/transfer.py"]),
    (4, "botocore", ["client.py", "endpoint.py", "parsers.py", "serialize.py",
                     "model.py", "hooks.py", "loaders.py", "auth.py",
                     "credentials.py", "httpsession.py", "response.py",
                     "validate.py", "awsrequest.py", "retryhandler.py"]),
    (4, "elasticsearch", ["client/__init__.py", "client/utils.py",
                          "transport.py", "serializer.py", "helpers/actions.py"]),
    (4, "marshmallow", ["schema.py", "fields.py", "utils.py", "validate.py"]),
    (4, "lxml", ["html/__init__.py", "html/clean.py"]),
    (4, "PIL", ["Image.py", "ImageFile.py", "PngImagePlugin.py",
                "JpegImagePlugin.py", "ImageDraw.py"]),
    (4, "openpyxl", ["reader/excel.py", "worksheet/_reader.py",
                     "cell/cell.py", "styles/stylesheet.py"]),
    (5, "numpy", ["core/numeric.py", "core/fromnumeric.py", "core/_methods.py",
                  "core/shape_base.py", "core/multiarray.py", "core/records.py",
                  "core/_internal.py", "lib/function_base.py",
                  "lib/shape_base.py", "lib/arraysetops.py", "lib/npyio.py",
                  "lib/_iotools.py", "lib/stride_tricks.py",
                  "linalg/linalg.py", "random/_pickle.py", "ma/core.py"]),
    (5, "urllib3", ["connectionpool.py", "connection.py", "response.py",
                    "poolmanager.py", "util/retry.py", "util/ssl_.py",
                    "util/connection.py", "_collections.py", "fields.py",
                    "filepost.py", "util/url.py"]),
    (5, "psycopg2", ["extras.py", "extensions.py", "_json.py", "_range.py",
                     "pool.py"]),
    (5, "yaml", ["__init__.py", "loader.py", "constructor.py", "parser.py",
                 "scanner.py", "reader.py", "composer.py", "resolver.py"]),
    (5, "google/protobuf", ["message.py", "json_format.py",
                            "internal/python_message.py", "internal/decoder.py",
                            "internal/encoder.py", "descriptor.py",
                            "text_format.py"]),
    (5, "grpc", ["_channel.py", "_server.py", "_common.py",
                 "_interceptor.py"]),
    (5, "certifi", ["core.py"]),
    (5, "charset_normalizer", ["api.py", "cd.py", "md.py", "utils.py"]),
    (5, "idna", ["core.py", "codec.py"]),
    (5, "dateutil", ["parser/_parser.py", "tz/tz.py", "relativedelta.py",
                     "rrule.py"]),
    (5, "pytz", ["__init__.py", "tzfile.py", "lazy.py"]),
    (5, "simplejson", ["decoder.py", "encoder.py", "scanner.py"]),
    (5, "orjson", ["__init__.py"]),
    (5, "msgpack", ["fallback.py", "ext.py"]),
    (5, "cryptography", ["hazmat/primitives/ciphers/base.py",
                         "hazmat/backends/openssl/backend.py",
                         "hazmat/primitives/hashes.py", "x509/base.py",
                         "fernet.py"]),
    (5, "markupsafe", ["__init__.py"]),
    (5, "attr", ["_make.py", "_funcs.py", "validators.py"]),
    (5, "six", ["six.py"]),
    (5, "typing_extensions", ["typing_extensions.py"]),
    (5, "h11", ["_connection.py", "_readers.py", "_events.py", "_headers.py"]),
    (5, "sniffio", ["_impl.py"]),
]

# Function names; real-looking names make the output easy to eyeball.
FUNC_NAMES = [
    "__init__", "__call__", "__getitem__", "__iter__", "__enter__", "run",
    "handle", "dispatch", "process", "execute", "load", "loads", "dump",
    "dumps", "parse", "decode", "encode", "render", "compile", "visit",
    "build", "get", "set", "update", "fetch", "send", "recv", "read",
    "write", "flush", "validate", "convert", "wrapper", "inner", "_call",
    "_run_once", "_execute_context", "_instances", "_iterencode",
    "_iterencode_dict", "_iterencode_list", "raw_decode", "_make_request",
    "urlopen", "request", "from_dict", "to_dict", "serialize", "deserialize",
    "apply", "transform", "merge", "concat", "groupby", "aggregate",
    "__array_function__", "_reconstruct", "deepcopy", "_deepcopy_dict",
    "_deepcopy_list", "copy", "format", "emit", "makeRecord", "getMessage",
    "_compile", "sub", "match", "findall", "_parse", "_parse_sub",
    "namedtuple", "wraps", "lru_cache_wrapper", "_cache", "create", "new",
]

# Share of traces in each domain: most in domain 0 (Python's allocator).
DOMAIN_SHARE = {0: 0.90, NUMPY_DOMAIN: 0.08, OTHER_DOMAIN: 0.02}


class Func:
    __slots__ = ("file", "layer", "first_line", "call_lines", "alloc_lines",
                 "callees", "cum", "self_line", "self_p")

    def __init__(self, file, layer, first_line):
        self.file = file
        self.layer = layer
        self.first_line = first_line
        self.call_lines = []
        self.alloc_lines = []
        self.callees = []  # (call site lineno, Func), heaviest first
        self.cum = []  # cumulative weights over callees
        self.self_line = 0  # lineno of the recursive call, 0 if none
        self.self_p = 0.0  # probability to recurse once more


def all_modules():
    mods = {layer: list(files) for layer, files in MODULES.items()}
    for layer, pkg, files in PACKAGES:
        mods[layer].extend(SITE + pkg + "/" + f for f in files)
    return mods


def build_call_graph(rng):
    """Files -> functions -> call sites; returns (funcs by layer, entries)."""
    mods = all_modules()
    funcs = {layer: [] for layer in mods}
    for layer, files in sorted(mods.items()):
        for path in files:
            nfunc = 1 + int(rng.random() * (3 if layer == 0 else 10))
            line = 1 + int(rng.random() * 40)
            for _ in range(nfunc):
                line += 3 + int(rng.random() * 60)
                f = Func(path, layer, line)
                body = line + 1
                ncall = 1 + int(rng.random() * 5)
                nalloc = 1 + int(rng.random() * 4)
                lines = sorted({body + int(rng.random() * 50)
                                for _ in range(ncall + nalloc)})
                rng.shuffle(lines)
                f.call_lines = lines[:max(1, len(lines) - nalloc)]
                f.alloc_lines = lines[len(f.call_lines):] or [lines[-1]]
                line = max(lines) + 1
                if path in ("<string>", "<unknown>"):
                    f.alloc_lines = [0 if path == "<unknown>" else 1]
                funcs[layer].append(f)
    layers = sorted(funcs)
    deepest = layers[-1]
    # Probability that a call site calls a helper in its own layer rather
    # than going down: frameworks and ORMs are deep, so stacks of 20 to 50
    # frames are common and the 25-frame limit truncates many of them.
    stay = (0.6, 0.8, 0.5, 0.55, 0.65, 0.5, 1.0)
    for layer in layers:
        for f in funcs[layer]:
            for lineno in f.call_lines:
                r = rng.random()
                if r < stay[layer]:
                    target = layer
                elif r < 0.85 + 0.15 * stay[layer]:
                    target = min(deepest, layer + 1)
                else:
                    target = min(deepest, layer + 2)
                pool = funcs[target]
                callee = pool[int(rng.random() ** 1.5 * len(pool))]
                if callee is f:
                    callee = pool[(pool.index(f) + 1) % len(pool)]
                f.callees.append((lineno, callee))
            w = 0.0
            for i in range(len(f.callees)):
                w += 1.0 / (i + 1)
                f.cum.append(w)
            # A few recursive functions: encoders, compilers, tree walkers.
            if layer >= 2 and rng.random() < 0.04:
                f.self_line = f.call_lines[0]
                f.self_p = 0.55 + rng.random() * 0.35
    # Known recursive hot spots, named so the output reads naturally.
    for f in funcs[6]:
        if f.file.endswith(("json/encoder.py", "copy.py", "ast.py",
                            "re/_parser.py", "xml/etree/ElementTree.py")):
            f.self_line = f.call_lines[0]
            f.self_p = 0.75
    for f in funcs[4]:
        if f.file.endswith(("sql/compiler.py", "sql/visitors.py",
                            "jinja2/compiler.py")):
            f.self_line = f.call_lines[0]
            f.self_p = 0.7
    for f in funcs[3]:
        if f.file.endswith("utils/tree.py"):
            f.self_line = f.call_lines[0]
            f.self_p = 0.85
    return funcs


def walk(rng, funcs):
    """One random call stack, oldest frame first, ending at an allocation."""
    stack = []
    entries = funcs[0]
    f = entries[int(rng.random() ** 2 * len(entries))]
    # Stop probability per layer: allocations happen everywhere, most often
    # in the libraries and the standard library.
    p_alloc = (0.0, 0.005, 0.03, 0.06, 0.1, 0.2, 0.5)
    while True:
        if f.self_line and rng.random() < f.self_p and len(stack) < 200:
            stack.append((f.file, f.self_line))
            continue
        if not f.callees or rng.random() < p_alloc[f.layer] or len(stack) > 120:
            lines = f.alloc_lines
            stack.append((f.file, lines[int(rng.random() ** 2 * len(lines))]))
            return stack
        k = bisect.bisect_left(f.cum, rng.random() * f.cum[-1])
        lineno, callee = f.callees[k]
        stack.append((f.file, lineno))
        f = callee


def make_tracebacks(rng, funcs, count, seen=None, interned=None):
    """count unique tracebacks: (frames tuple, total_nframe, domain, mu, sigma).

    The frames tuple is most recent first and at most TRACEBACK_LIMIT long;
    frames are fresh tuples per traceback, as _tracemalloc.c builds them,
    while the filename strings are shared objects.
    """
    names = {}
    seen = set() if seen is None else seen
    interned = {} if interned is None else interned
    out = []
    attempts = 0
    while len(out) < count:
        attempts += 1
        if attempts > count * 50:
            raise SystemExit("gen.py: call graph too small for %d tracebacks"
                             % count)
        stack = walk(rng, funcs)
        total = len(stack)
        recent = stack[::-1][:TRACEBACK_LIMIT]
        key = (tuple(recent), total)
        if key in seen:
            continue
        seen.add(key)
        frames = tuple((names.setdefault(fn, fn), ln) for fn, ln in recent)
        leaf = recent[0][0]
        r = rng.random()
        if "/numpy/" in leaf or "/pandas/" in leaf:
            domain = NUMPY_DOMAIN if r < 0.6 else 0
        elif "/PIL/" in leaf or "/lxml/" in leaf or "/cryptography/" in leaf:
            domain = OTHER_DOMAIN if r < 0.7 else 0
        else:
            domain = 0
        if domain == NUMPY_DOMAIN:
            mu, sigma = 7.5 + rng.random() * 2.5, 1.3  # array buffers, 2 KB to 1 MB
        elif domain == OTHER_DOMAIN:
            mu, sigma = 7.0 + rng.random() * 2, 1.2
        else:
            mu, sigma = 3.6 + rng.random() * 1.8, 0.9  # objects, 30 B to 1 KB
        out.append((frames, total, domain, mu, sigma))
    # Reuse the same tuple object for equal frame tuples (two tracebacks that
    # differ only in total_nframe): one traceback object, as in tracemalloc.
    return [(interned.setdefault(t[0], t[0]),) + t[1:] for t in out]


def trace_weights(rng, tbs):
    """Zipf-like popularity over tracebacks: a few hot allocation paths."""
    order = list(range(len(tbs)))
    rng.shuffle(order)
    w = [0.0] * len(tbs)
    for rank, i in enumerate(order):
        w[i] = 1.0 / (rank + 10) ** 0.9
    # Keep the domain shares near DOMAIN_SHARE regardless of the walk.
    tot = {}
    for i, t in enumerate(tbs):
        tot[t[2]] = tot.get(t[2], 0.0) + w[i]
    s = sum(DOMAIN_SHARE[d] for d in tot)
    for i, t in enumerate(tbs):
        w[i] *= DOMAIN_SHARE[t[2]] / s / tot[t[2]]
    cum = []
    acc = 0.0
    for x in w:
        acc += x
        cum.append(acc)
    return cum


def draw_traces(rng, tbs, cum, n):
    lognorm = rng.lognormvariate
    picks = rng.choices(range(len(tbs)), cum_weights=cum, k=n)
    traces = []
    append = traces.append
    for i in picks:
        frames, total, domain, mu, sigma = tbs[i]
        size = int(lognorm(mu, sigma)) + 1
        append((domain, size, frames, total))
    return traces


def evolve(rng, funcs, tbs, cum, traces):
    """The second snapshot: ~15% freed, ~15% new, a few lines leaking."""
    n = len(traces)
    kept = [t for t in traces if rng.random() >= 0.15]
    added = draw_traces(rng, tbs, cum, int(n * 0.13))
    # New code paths that did not allocate in the first snapshot.
    seen = {(t[0], t[1]) for t in tbs}
    interned = {t[0]: t[0] for t in tbs}
    fresh = make_tracebacks(rng, funcs, max(50, len(tbs) // 20), seen, interned)
    fresh_cum = trace_weights(rng, fresh)
    added += draw_traces(rng, fresh, fresh_cum, int(n * 0.02))
    # A few leaking lines: many more traces on a handful of tracebacks.
    for k in range(5):
        frames, total, domain, mu, sigma = tbs[int(rng.random() * len(tbs))]
        for _ in range(int(n * 0.004 * (k + 1))):
            added.append((domain, int(rng.lognormvariate(mu, sigma)) + 1,
                          frames, total))
    out = kept + added
    rng.shuffle(out)
    return out


def describe(traces):
    tbs = set()
    files = set()
    sites = set()
    domains = {}
    truncated = 0
    total_size = 0
    for domain, size, frames, total in traces:
        domains[domain] = domains.get(domain, 0) + 1
        total_size += size
        if total > len(frames):
            truncated += 1
        if id(frames) not in tbs:
            tbs.add(id(frames))
            for fn, ln in frames:
                files.add(fn)
            sites.add(frames[0])
    return {
        "traces": len(traces),
        "unique_tracebacks": len(tbs),
        "files": len(files),
        "allocation_lines": len(sites),
        "domains": {str(k): v for k, v in sorted(domains.items())},
        "truncated_traces": truncated,
        "total_size": total_size,
    }


def excluded_share(traces):
    """Share of traces the EXCLUDE_PATTERNS filters drop (frame 0 only)."""
    import fnmatch
    memo = {}
    dropped = 0
    for t in traces:
        fn = t[2][0][0]
        hit = memo.get(fn)
        if hit is None:
            hit = memo[fn] = any(fnmatch.fnmatch(fn, p)
                                 for p in EXCLUDE_PATTERNS)
        dropped += hit
    return dropped / len(traces)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", help="directory for a.pickle, b.pickle, meta.json")
    ap.add_argument("--traces", type=int, default=1_000_000,
                    help="traces in the first snapshot (default 1000000)")
    ap.add_argument("--huge", action="store_true",
                    help="10,000,000 traces (same as --traces 10000000)")
    ap.add_argument("--tracebacks", type=int, default=0,
                    help="unique tracebacks (default: 40000 for 1M traces, "
                         "scaled with the square root of the trace count)")
    ap.add_argument("--seed", type=int, default=20240531)
    args = ap.parse_args(argv)
    if args.huge:
        args.traces = 10_000_000
    if not args.tracebacks:
        args.tracebacks = max(100, int(40_000 * (args.traces / 1e6) ** 0.5))

    t0 = time.perf_counter()
    rng = random.Random(args.seed)
    funcs = build_call_graph(rng)
    for path in {f.file for layer in funcs.values() for f in layer}:
        if os.path.exists(path):
            print("gen.py: warning: %s exists on this machine; tracebacks "
                  "will print its source lines" % path, file=sys.stderr)
    tbs = make_tracebacks(rng, funcs, args.tracebacks)
    cum = trace_weights(rng, tbs)
    a = draw_traces(rng, tbs, cum, args.traces)
    b = evolve(rng, funcs, tbs, cum, a)

    os.makedirs(args.outdir, exist_ok=True)
    meta = {"seed": args.seed, "python": sys.version.split()[0],
            "traceback_limit": TRACEBACK_LIMIT,
            "exclude_patterns": EXCLUDE_PATTERNS}
    for name, traces in (("a", a), ("b", b)):
        path = os.path.join(args.outdir, name + ".pickle")
        tmp = path + ".tmp"
        tracemalloc.Snapshot(traces, TRACEBACK_LIMIT).dump(tmp)
        os.replace(tmp, path)
        info = describe(traces)
        info["file_size"] = os.path.getsize(path)
        info["excluded_share"] = round(excluded_share(traces), 4)
        meta[name] = info
        print("%s: %d bytes (%.1f MB), %d traces, %d unique tracebacks, "
              "%d files, %d truncated, %.0f%% excluded by %s"
              % (path, info["file_size"], info["file_size"] / 1e6,
                 info["traces"], info["unique_tracebacks"], info["files"],
                 info["truncated_traces"], 100 * info["excluded_share"],
                 " ".join("-x " + p for p in EXCLUDE_PATTERNS)))
    with open(os.path.join(args.outdir, "meta.json"), "w") as fp:
        json.dump(meta, fp, indent=1)
        fp.write("\n")
    print("generated in %.1f s" % (time.perf_counter() - t0))


if __name__ == "__main__":
    main()
