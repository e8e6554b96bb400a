#!/usr/bin/env python3
"""Write the expected values of memsnap's unit suites, computed by Python.

Run with Python 3.10 or later, with its test package for CPython's own
test_tracemalloc data (pyenv's builds have it; 3.12.1 wrote the files):

    python3 tests/unit/expected.py

It rewrites tests/unit/expected_<module>.h, one per suite that needs
Python's answers: pickle (real dumps and pickletools' opcode names),
fnmatch (fnmatch.fnmatchcase), filter (Snapshot.filter_traces), stats
(Snapshot.statistics and compare_to), format (tracemalloc._format_size,
int / int, float(int), str(int)) and utf8 (bytes.decode, os.fsdecode,
os.fsencode).  Nothing here comes from memsnap.
"""

import os
import pickle
import pickletools
import random
import sys
import tracemalloc
from test.test_tracemalloc import create_snapshots

HERE = os.path.dirname(os.path.abspath(__file__))

assert sys.version_info >= (3, 10), 'fnmatch brackets changed in 3.10'
assert sys.getfilesystemencoding() == 'utf-8'
assert sys.getfilesystemencodeerrors() == 'surrogateescape'


# ---------------------------------------------------------------------------
# C text


def utf8(text):
    """memsnap's bytes for a Python str: lone surrogates take three bytes."""
    return text.encode('utf-8', 'surrogatepass')


def c_bytes(data, width=64):
    """A C string literal (split every `width` bytes) holding exactly data."""
    pieces, piece, count = [], [], 0
    for byte in data:
        ch = chr(byte)
        if ch in '"\\?':
            piece.append('\\' + ch)
        elif 0x20 <= byte < 0x7f:
            piece.append(ch)
        else:
            piece.append('\\%03o' % byte)
        count += 1
        if count == width:
            pieces.append('"%s"' % ''.join(piece))
            piece, count = [], 0
    if piece or not pieces:
        pieces.append('"%s"' % ''.join(piece))
    return ' '.join(pieces)


def c_str(text):
    return c_bytes(utf8(text))


def halves(n):
    """(hi, lo) of a non-negative int below 2**128."""
    assert 0 <= n < 2**128
    return '0x%xu, 0x%xu' % (n >> 64, n & (2**64 - 1))


def signed(n):
    """neg, hi, lo of an int whose magnitude is below 2**128."""
    return '%d, %s' % (n < 0, halves(abs(n)))


def c_double(x):
    return x.hex()


def frames_c(frames):
    return '{%s}' % ', '.join('{%s, %du}' % (c_str(f), n) for f, n in frames)


def trace_c(trace):
    domain, size, frames = trace[:3]
    return '{%du, 0x%xu, %d, %s}' % (domain, size, len(frames), frames_c(frames))


def traces_c(name, traces):
    rows = ',\n'.join('\t' + trace_c(t) for t in traces)
    return 'static const struct unit_trace %s[] = {\n%s,\n};\n' % (name, rows)


class Header:
    def __init__(self, module, what):
        self.module = module
        self.parts = [
            '/*\n * %s\n * Written by tests/unit/expected.py (Python %s): do not edit.\n */\n'
            % (what, sys.version.split()[0])
        ]

    def add(self, text):
        self.parts.append(text)

    def write(self):
        path = os.path.join(HERE, 'expected_%s.h' % self.module)
        with open(path, 'w', encoding='ascii') as fp:
            fp.write('\n'.join(self.parts))


# ---------------------------------------------------------------------------
# pickle: what Snapshot.dump() writes, and pickletools' names of opcodes


ALLOWED_OPCODES = {
    'PROTO', 'FRAME', 'MARK', 'EMPTY_TUPLE', 'TUPLE', 'TUPLE1', 'TUPLE2',
    'TUPLE3', 'EMPTY_LIST', 'APPEND', 'APPENDS', 'EMPTY_DICT', 'SETITEM',
    'SETITEMS', 'BININT', 'BININT1', 'BININT2', 'LONG1', 'LONG4',
    'SHORT_BINUNICODE', 'BINUNICODE', 'BINUNICODE8', 'BINPUT', 'LONG_BINPUT',
    'MEMOIZE', 'BINGET', 'LONG_BINGET', 'GLOBAL', 'STACK_GLOBAL', 'NEWOBJ',
    'BUILD', 'STOP',
}


def pickle_snapshot():
    """Shared frames and tracebacks, non-ASCII and surrogate-escaped names."""
    a2 = ('a.py', 2)
    tb = (a2, ('b.py', 3))
    traces = [
        (0, 10, tb, 2),
        (1, 20, (a2,), 1),
        (2, 2**64 - 1, (('caf\xe9.py', 7), (os.fsdecode(b'\xff\x80.py'), 1),
                        ('\U0001f600.py', 2**32 - 1)), 5),
        (2**32 - 1, 0, tb, 2**32 - 1),
        (0, 10, (('a.py', 2), ('b.py', 3)), 2),
    ]
    return tracemalloc.Snapshot(traces, 5)


def loaded_traces(data):
    snap = pickle.loads(data)
    assert isinstance(snap, tracemalloc.Snapshot)
    return snap.traces._traces, snap.traceback_limit


def pickle_header():
    h = Header('pickle', 'Snapshots as Python dumps them, and pickle opcode names.')
    snap = pickle_snapshot()
    dumps = [(p, pickle.dumps(snap, p)) for p in (2, 3, 4, 5)]
    dumps.append((5, pickletools.optimize(dumps[-1][1])))
    dumps.append((2, pickletools.optimize(dumps[0][1])))
    rows = []
    for proto, data in dumps:
        traces, limit = loaded_traces(data)
        assert traces == loaded_traces(dumps[0][1])[0]
        rows.append('\t{%d, %s,\n\t %du}' % (proto, c_bytes(data), len(data)))
    h.add('/* The snapshot all of them hold (pickle.loads() of each). */')
    h.add(traces_c('dumped_traces', traces))
    h.add('#define DUMPED_TRACEBACK_LIMIT %d' % limit)
    h.add('#define DUMPED_FRAMES %d /* distinct (filename, lineno) */'
          % len({f for t in traces for f in t[2]}))
    h.add('#define DUMPED_TRACEBACKS %d /* distinct tracebacks */\n' % len({t[2] for t in traces}))
    h.add('/* Total frame counts, the fourth item of each trace. */')
    h.add('static const uint32_t dumped_total_nframe[] = {%s};\n'
          % ', '.join('%du' % t[3] for t in traces))
    h.add('/*\n * pickle.dumps(snapshot, protocol) for 2 to 5, then\n'
          ' * pickletools.optimize() of the protocol 5 and 2 ones.\n */')
    h.add('static const struct python_dump {\n\tint protocol;\n\tconst char *bytes;'
          '\n\tsize_t len;\n} python_dumps[] = {\n%s,\n};\n' % ',\n'.join(rows))

    # Every truncation of the protocol 2 dump (no FRAME): the reader stops
    # at the opcode whose argument is cut, or at the cut when it falls
    # between opcodes (then there is no opcode: NULL).
    data = dumps[0][1]
    ops = [(pos, op.name) for op, arg, pos in pickletools.genops(data)]
    ends = [pos for pos, _ in ops[1:]] + [len(data)]
    rows = []
    for cut in range(1, len(data)):
        for (pos, name), end in zip(ops, ends):
            if pos == cut:
                rows.append('\t{%d, %d, NULL}' % (cut, cut))
                break
            if pos < cut < end:
                rows.append('\t{%d, %d, "%s"}' % (cut, pos, name))
                break
    h.add('/* python_dumps[0] cut to len bytes: where pickletools.genops() says it breaks. */')
    h.add('static const struct truncation {\n\tsize_t len, offset;\n\tconst char *opcode;\n'
          '} truncations[] = {\n%s,\n};\n' % ',\n'.join(rows))

    rows = ['\t{%s, %d}' % (bytes_c(pickle.dumps(snap, p)[:40]), p) for p in (0, 1)]
    h.add('/* The first bytes of pickle.dumps(snapshot, 0) and of protocol 1. */')
    h.add('static const struct old_dump {\n\tconst char *bytes;\n\tsize_t len;\n\tint protocol;\n'
          '} old_dumps[] = {\n%s,\n};\n' % ',\n'.join(rows))

    rows = ['\t{0x%02x, "%s"}' % (op.code.encode('latin-1')[0], op.name)
            for op in pickletools.opcodes if op.name not in ALLOWED_OPCODES]
    h.add('/* Every opcode pickletools knows that a snapshot never needs. */')
    h.add('static const struct opcode_name {\n\tunsigned char code;\n\tconst char *name;\n'
          '} disallowed_opcodes[] = {\n%s,\n};\n' % ',\n'.join(rows))
    rows = ['\t{0x%02x, "%s", "%s"}' % (op.code.encode('latin-1')[0], op.name,
                                         op.arg.name if op.arg else '')
            for op in pickletools.opcodes]
    h.add('/* Every opcode pickletools knows: its byte, name and argument ("" for none). */')
    h.add('static const struct python_opcode {\n\tunsigned char code;\n\tconst char *name;\n'
          '\tconst char *arg; /* the name of its pickletools.ArgumentDescriptor */\n'
          '} python_opcodes[] = {\n%s,\n};\n' % ',\n'.join(rows))
    known = {op.code.encode('latin-1')[0] for op in pickletools.opcodes}
    h.add('/* Bytes that are no pickle opcode at all. */')
    h.add('static const unsigned char unknown_opcodes[] = {%s};\n'
          % ', '.join('0x%02x' % b for b in range(256) if b not in known))
    h.write()


# ---------------------------------------------------------------------------
# fnmatch


import fnmatch  # noqa: E402

FNMATCH_CASES = [
    # empty, literal, '*' and '?'
    ('', ''), ('', 'a'), ('a', ''), ('a', 'a'), ('a', 'A'), ('abc', 'abc'), ('abc', 'abcd'),
    ('*', ''), ('*', 'abc'), ('**', 'abc'), ('a*', 'a'), ('a*', 'ba'), ('*a', 'ba'),
    ('*a', 'ab'), ('a*b*c', 'aXbYc'), ('a*b*c', 'abcb'), ('a*b*c', 'abc'), ('a*bd*eg', 'abcbdefeg'),
    ('a*bd*eg', 'abcbdefef'), ('*?*', ''), ('*?*', 'x'), ('?', ''), ('?', 'a'), ('?', 'ab'),
    ('??', 'a'), ('*.py', 'x.py'), ('*.py', '.py'), ('*.py', 'x.pyc'), ('*/b.py', 'a/b.py'),
    ('*/b.py', 'a/c/b.py'), ('*', '\n'), ('?', '\n'), ('a?c', 'a\nc'), ('*', 'a\nb'),
    # one code point, not one byte
    ('?', '\xe9'), ('??', '\xe9'), ('?', '\U0001f600'), ('????', '\U0001f600'),
    ('?', '\udcff'), ('???', '\udcff'), ('\udcff', '\udcff'), ('\udcff', '\udcfe'),
    ('?.py', '\udcff.py'), ('*\udc80*', 'a\udc80b'), ('caf?.py', 'caf\xe9.py'),
    ('\xe9*', '\xe9t\xe9'), ('*\U0001f600', 'x\U0001f600'), ('\u20ac?', '\u20ac\u20ac'),
    # regular expression syntax is literal
    ('.*', 'x'), ('a.b', 'aXb'), ('a.b', 'a.b'), ('(a)', '(a)'), ('a+', 'aa'), ('a{2}', 'aa'),
    ('a{2}', 'a{2}'), ('$', '$'), ('^a', '^a'), ('a|b', 'a'), ('a|b', 'a|b'),
    # backslashes are literal
    ('\\', '\\'), ('\\*', '\\x'), ('\\*', '*'), ('\\?', '\\?'), ('\\?', '?'), ('a\\b', 'a\\b'),
    ('a\\b', 'a/b'), ('a/b', 'a\\b'), ('\\[a]', '\\a'), ('\\[a]', '[a]'),
    # sets
    ('[abc]', 'b'), ('[abc]', 'd'), ('[abc]', ''), ('[abc]', 'ab'), ('[!abc]', 'd'),
    ('[!abc]', 'a'), ('[!abc]', ''), ('[a-c]', 'b'), ('[a-c]', '-'), ('[a-c]', 'd'),
    ('[!a-c]', 'd'), ('[!a-c]', 'b'), ('[a-cx-z]', 'y'), ('[a-cx-z]', 'w'),
    ('[\xe0-\xfc]', '\xf6'), ('[\xe0-\xfc]', 'o'), ('[\U0001f600-\U0001f64f]', '\U0001f610'),
    ('[\U0001f600-\U0001f64f]', '\U0001f650'), ('[\udc80-\udcff]', '\udcaa'),
    ('[\udc80-\udcff]', 'a'), ('[!\udc80-\udcff]', 'a'), ('[!\udc80-\udcff]', '\udc80'),
    ('[\ud7ff-\ue000]', '\udc80'), ('[\uffff-\U00010000]', '\U00010000'),
    ('[^a]', '^'), ('[^a]', 'b'), ('[[]', '['), ('[[]', ']'), ('[a[]', '['),
    ('[a&&b]', '&'), ('[a~~b]', '~'), ('[a||b]', '|'), ('[a&&b]', 'c'),
    # empty ranges and where '-' stands
    ('[z-a]', 'z'), ('[z-a]', '-'), ('[z-a]', 'a'), ('[z-a]', ''), ('[z-a]x', 'x'),
    ('[z-a]x', 'zx'), ('[!z-a]', 'q'), ('[!z-a]', ''), ('[!z-a]', '-'), ('[a-a]', 'a'),
    ('[b-a]', 'b'), ('[a-]', '-'), ('[a-]', 'a'), ('[a-]', 'b'), ('[-a]', '-'),
    ('[-a]', 'a'), ('[!-a]', '-'), ('[!-a]', 'b'), ('[!-]', '-'), ('[!-]', 'x'),
    ('[-]', '-'), ('[--]', '-'), ('[---]', '-'), ('[----]', '-'), ('[--z]', '-'),
    ('[--z]', 'a'), ('[a--]', 'a'), ('[a--]', '-'), ('[!--]', 'x'), ('[!--]', '-'),
    ('[!---]', '-'), ('[!---]', 'x'), ('[a-c-e]', 'd'), ('[a-c-e]', '-'), ('[a-c-e]', 'e'),
    ('[a-c-e]', 'b'), ('[b-a-c]', 'b'), ('[b-a-c]', 'a'), ('[b-a-c]', 'c'), ('[b-a-c]', '-'),
    ('[z-a-b]', '-'), ('[z-a-b]', 'a'), ('[z-a-b]', 'b'), ('[z-a-b]', 'z'), ('[c-a-b]', 'b'),
    ('[a-b-a]', 'a'), ('[a-b-a]', '-'), ('[a-z-a]', 'q'), ('[a-z-a]', '-'), ('[a-c-a-c]', 'b'),
    ('[a-c-a-c]', '-'), ('[!z-a-b]', 'a'), ('[!z-a-b]', 'c'), ('[%--]', '+'), ('[%--]', '-'),
    ('[\\-a]', '\\'), ('[\\-a]', 'X'), ('[\\-a]', '-'), ('[a-\\]', 'b'), ('[a-\\]', '\\'),
    # ']' first, '!' alone, unclosed '['
    ('[!]', '!'), ('[!]', ''), ('[!]', 'a'), ('[!]', '[!]'), ('[!]]', 'a'), ('[!]]', ']'),
    ('[!]]', 'a]'), ('[]]', ']'), ('[]]', 'a'), ('[]a]', 'a'), ('[]a]', ']'), ('[]-a]', 'A'),
    ('[]-a]', '^'), ('[]-a]', '-'), ('[!]-a]', 'b'), ('[!]-a]', '_'), ('[]', '[]'),
    ('[]', ''), ('[', '['), ('[', ''), ('[a', '[a'), ('[a', 'a'), ('[!', '[!'), ('a[', 'a['),
    ('[]a', '[]a'), ('[!]a', '[!]a'), ('[!]a', 'xa'), ('[a-', '[a-'), ('[*', '[x'),
    ('[*', '[*'), ('[?]', '?'), ('[?]', 'x'), ('[*]', '*'), ('[*]', 'x'), ('*[', 'ab['),
    ('[\\]', '\\'), ('[\\]]', '\\]'), ('[\\]]', ']'), ('[[]]', '[]'), ('[!!]', '!'),
    ('[!!]', 'a'), ('[\xe9', '[\xe9'), ('[!\xe9]', '\xe9'), ('[!\xe9]', 'e'),
    # '*' backtracking with sets and '?'
    ('*[0-9]', 'abc9'), ('*[0-9]', 'abc'), ('*[!0-9]*', '123'), ('*[!0-9]*', '12a3'),
    ('*?.py', '.py'), ('*?.py', 'a.py'), ('a*?*?', 'ab'), ('a*?*?', 'abc'),
    # after a '*' gives a character back, the next one starts on a whole code point
    ('*\u0261', '\xe9a'), ('*[\u0200-\u07ff]', '\xe9a'), ('*[\u0200-\u07ff]', '\u20ac\u20ac'),
    ('*?a', '\u20ac\u20aca'), ('*\xe9', '\u20ac\xe9'),
    # a '-' right after '!' is a character, not a range from '!'
    ('[!-a]', '0'), ('[!-a]', 'A'), ('[!-z]', 'b'), ('[!--0]', '/'), ('[!--0]', '-'),
]


def fnmatch_random(rng, count):
    pat_alphabet = ['a', 'b', '-', '!', ']', '[', '[', '*', '?', '\\', '^', 'z',
                    '\xe9', '\U0001f600', '\udcff']
    name_alphabet = ['a', 'b', '-', '!', ']', '[', '\\', '^', 'z', '\n',
                     '\xe9', '\U0001f600', '\udcff']
    rows = []
    while len(rows) < count:
        pat = ''.join(rng.choice(pat_alphabet) for _ in range(rng.randint(0, 7)))
        name = ''.join(rng.choice(name_alphabet) for _ in range(rng.randint(0, 4)))
        rows.append((pat, name))
    return rows


def fnmatch_header():
    h = Header('fnmatch', 'fnmatch.fnmatchcase(name, pattern) for each row.')
    cases = FNMATCH_CASES + fnmatch_random(random.Random(3), 600)
    rows = ['\t{%s, %s, %d}' % (c_str(pat), c_str(name), fnmatch.fnmatchcase(name, pat))
            for pat, name in cases]
    h.add('/* Hand-picked rows, then 600 from random.Random(3) (see fnmatch_random). */')
    h.add('static const struct fnmatch_case {\n\tconst char *pattern, *name;\n\tint match;\n'
          '} fnmatch_cases[] = {\n%s,\n};\n' % ',\n'.join(rows))
    h.write()


# ---------------------------------------------------------------------------
# filters: Snapshot.filter_traces(). Trace i has size 2**i, so the sum of
# the sizes Python keeps is the set of kept traces as a bit mask.


def powers(traces):
    return [(d, 2**i, tb, len(tb)) for i, (d, tb) in enumerate(traces)]


# CPython's own test data (Lib/test/test_tracemalloc.py)
CPY1, CPY2 = (s.traces._traces for s in create_snapshots())
CPYTHON_TRACES = powers([(t[0], t[2]) for t in CPY1])

MATCH_TRACE_TRACES = powers([  # test_filter_match_trace's t1, t2, t3, unknown
    (0, (('a.py', 2), ('b.py', 3))),
    (0, (('b.py', 4), ('b.py', 5))),
    (0, (('c.py', 5), ('<unknown>', 0))),
    (0, (('<unknown>', 0),)),
])

NAMES = ['abc', '12356', '<unknown>', '', 'abcdcx', 'abb', 'abcdce', 'abcde',
         'abcbdefeg', 'abcdd', 'abcbdefef', 'a.pyc', 'a.py', 'aBC', 'aBcDe', 'a/b',
         'a\\b', 'a/b\\c', 'a/b/c', 'a.pyo', 'a.PY', 'x.pyc', 'dir/x.py', 'pyc', '.pyc',
         'caf\xe9.py', os.fsdecode(b'\xff.py'), os.fsdecode(b'\xff.pyc'), '\U0001f600.py']
NAME_TRACES = powers([(0, ((name, 0),)) for name in NAMES])

LINENO_TRACES = powers([
    (0, (('abc', 0),)), (0, (('abc', 5),)), (0, (('abc', 10),)),
    (0, (('12356', 0),)), (0, (('12356', 5),)), (0, (('12356', 10),)),
    (0, (('abc', 7), ('abc', 5))), (0, (('x.py', 5), ('abc', 5), ('abc', 2**32 - 1))),
    (0, (('abc', 2**32 - 1),)),
])

DOMAIN_TRACES = powers([
    (0, (('a.py', 1),)), (1, (('a.py', 1),)), (1, (('b.py', 1),)), (2, (('b.py', 2),)),
    (3, (('a.py', 2), ('b.py', 1))), (2**32 - 1, (('a.py', 1),)), (2**32 - 1, (('c.py', 1),)),
])

JOKERS = ['', 'abc', '*', 'abcd', 'def', 'a*', 'abc*', 'b*', 'abcd*', 'a*c', 'a*cx',
          'a*c*e', 'a*bd*eg', 'a.py', 'a.pyc', 'a.PY', 'a.PYC', 'ABc', 'Ab*dE', 'a\\b',
          'a/b', 'a\\b/c', 'a\\b\\c', '*.py', '*.pyc', '*.pyo', '.pyc', 'pyc', '*/x.pyc',
          'caf?.py', os.fsdecode(b'\xff.py'), os.fsdecode(b'\xff.pyc'), '?.py', '????.py',
          '[\udc80-\udcff].py']


PATTERN_ARGS = [b'a.pyc', b'a.py', b'*.pyc', b'.pyc', b'pyc', b'a.PYC', b'\xff.pyc', b'\xff',
                b'caf\xc3\xa9.pyc', b'a.pyc.pyc', b'a.pyo', b'a.pycx', b'', b'\xc3\xa9\xc3']


def F(inclusive, pattern, lineno=None, all_frames=False):
    return ('file', inclusive, pattern, lineno, all_frames)


def D(inclusive, domain):
    return ('domain', inclusive, domain)


FILTER_CASES = [
    ('cpython', 'no filter', []),
    ('cpython', 'exclude b.py', [F(False, 'b.py')]),
    ('cpython', 'include a.py:2 or a.py:5', [F(True, 'a.py', 2), F(True, 'a.py', 5)]),
    ('cpython', 'exclude b.py, include a.py:2 or a.py:5',
     [F(False, 'b.py'), F(True, 'a.py', 2), F(True, 'a.py', 5)]),
    ('cpython', 'exclude b.py, all frames', [F(False, 'b.py', all_frames=True)]),
    ('cpython', 'include b.py:4, all frames', [F(True, 'b.py', 4, True)]),
    ('cpython', 'exclude domain 3', [D(False, 3)]),
    ('cpython', 'include domain 3', [D(True, 3)]),
    ('cpython', 'include domain 1 or 2', [D(True, 1), D(True, 2)]),
    ('cpython', 'exclude domains 0 and 2', [D(False, 0), D(False, 2)]),
    ('cpython', 'include domain 0 or a.py:5', [D(True, 0), F(True, 'a.py', 5)]),
    ('cpython', 'include domain 0, exclude a.py:2', [D(True, 0), F(False, 'a.py', 2)]),
    ('cpython', 'include a.py, exclude domain 1', [F(True, 'a.py'), D(False, 1)]),
    ('cpython', 'include <unknown> or b.py', [F(True, '<unknown>'), F(True, 'b.py')]),
    ('cpython', 'exclude <unknown> and b.py', [F(False, '<unknown>'), F(False, 'b.py')]),
    ('cpython', 'exclude everything', [F(False, '*')]),
    ('cpython', 'include nothing', [F(True, 'nothing')]),
    ('match_trace', 'include b.py, all frames', [F(True, 'b.py', all_frames=True)]),
    ('match_trace', 'include b.py', [F(True, 'b.py')]),
    ('match_trace', 'exclude b.py, all frames', [F(False, 'b.py', all_frames=True)]),
    ('match_trace', 'exclude b.py', [F(False, 'b.py')]),
    ('match_trace', 'exclude <unknown>', [F(False, '<unknown>')]),
    ('match_trace', 'include <unknown>, all frames', [F(True, '<unknown>', all_frames=True)]),
    ('match_trace', 'exclude <unknown>, all frames', [F(False, '<unknown>', all_frames=True)]),
    ('match_trace', 'include b.py:5, all frames', [F(True, 'b.py', 5, True)]),
    ('match_trace', 'exclude b.py:5, all frames', [F(False, 'b.py', 5, True)]),
    ('match_trace', 'include b.py:3, all frames', [F(True, 'b.py', 3, True)]),
    ('lineno', 'include abc', [F(True, 'abc')]),
    ('lineno', 'exclude abc', [F(False, 'abc')]),
    ('lineno', 'include abc:5', [F(True, 'abc', 5)]),
    ('lineno', 'exclude abc:5', [F(False, 'abc', 5)]),
    ('lineno', 'include abc:0', [F(True, 'abc', 0)]),
    ('lineno', 'exclude abc:0', [F(False, 'abc', 0)]),
    ('lineno', 'include abc:5, all frames', [F(True, 'abc', 5, True)]),
    ('lineno', 'exclude abc:5, all frames', [F(False, 'abc', 5, True)]),
    ('lineno', 'include *:4294967295, all frames', [F(True, '*', 2**32 - 1, True)]),
    ('lineno', 'include abc:5 or 12356:10', [F(True, 'abc', 5), F(True, '12356', 10)]),
    ('domain', 'include domain 1', [D(True, 1)]),
    ('domain', 'exclude domain 1', [D(False, 1)]),
    ('domain', 'include domain 4294967295', [D(True, 2**32 - 1)]),
    ('domain', 'exclude domain 4294967295', [D(False, 2**32 - 1)]),
    ('domain', 'include domain 7 (none)', [D(True, 7)]),
    ('domain', 'include domain 1 and exclude it', [D(True, 1), D(False, 1)]),
    ('domain', 'include domain 1, exclude b.py', [D(True, 1), D(False, 1), F(False, 'b.py')]),
    ('domain', 'exclude domain 2, include b.py', [D(False, 2), F(True, 'b.py')]),
    ('domain', 'include domains 1 and 3, exclude a.py, all frames',
     [D(True, 1), D(True, 3), F(False, 'a.py', all_frames=True)]),
] + [('names', 'include %r' % j, [F(True, j)]) for j in JOKERS] + [
    ('names', 'exclude %r' % j, [F(False, j)]) for j in JOKERS[:6]]

FILTER_SNAPSHOTS = {
    'cpython': CPYTHON_TRACES, 'match_trace': MATCH_TRACE_TRACES, 'names': NAME_TRACES,
    'lineno': LINENO_TRACES, 'domain': DOMAIN_TRACES,
}


def python_filter(spec):
    if spec[0] == 'domain':
        return tracemalloc.DomainFilter(spec[1], spec[2])
    _, inclusive, pattern, lineno, all_frames = spec
    return tracemalloc.Filter(inclusive, pattern, lineno, all_frames)


def filter_c(spec):
    """A struct unit_filter; the pattern as a command line gives it (os.fsencode)."""
    if spec[0] == 'domain':
        return '{1, %d, NULL, 0, 0u, 0, %du}' % (spec[1], spec[2])
    _, inclusive, pattern, lineno, all_frames = spec
    return '{0, %d, %s, %d, %du, %d, 0u}' % (
        inclusive, c_bytes(os.fsencode(pattern)), lineno is not None, lineno or 0, all_frames)


def filters_c(specs):
    return '{%s}' % ', '.join(filter_c(s) for s in specs) if specs else '{{0}}'


def snapshots_c(snapshots):
    return '\n'.join(traces_c('snapshot_' + name, traces) for name, traces in snapshots.items())


def filter_header():
    h = Header('filter', 'Snapshot.filter_traces(filters): which traces are kept.')
    h.add('#define SNAPSHOT(name) snapshot_##name, sizeof(snapshot_##name) / '
          'sizeof(snapshot_##name[0])\n')
    h.add('/* Trace i has size 2**i. */')
    h.add(snapshots_c(FILTER_SNAPSHOTS))
    rows = []
    for snap_name, what, specs in FILTER_CASES:
        snap = tracemalloc.Snapshot(FILTER_SNAPSHOTS[snap_name], 1)
        kept = snap.filter_traces([python_filter(s) for s in specs]).traces._traces
        mask = sum(t[1] for t in kept)
        rows.append('\t{%s, SNAPSHOT(%s), %d, %s, 0x%xu}' % (
            c_str(what), snap_name, len(specs), filters_c(specs), mask))
    h.add('/* kept: the sum of the sizes in filter_traces(filters).traces. */')
    h.add('static const struct filter_case {\n\tconst char *what;\n'
          '\tconst struct unit_trace *traces;\n\tsize_t ntraces, nfilters;\n'
          '\tstruct unit_filter filters[UNIT_MAX_FILTERS];\n\tuint64_t kept;\n'
          '} filter_cases[] = {\n%s,\n};\n' % ',\n'.join(rows))
    rows = ['\t{%s, %s}' % (c_bytes(arg), c_str(tracemalloc.Filter(True, os.fsdecode(arg))
                                              .filename_pattern)) for arg in PATTERN_ARGS]
    h.add('/* Filter(True, os.fsdecode(arg)).filename_pattern. */')
    h.add('static const struct pattern_case {\n\tconst char *arg, *pattern;\n'
          '} pattern_cases[] = {\n%s,\n};\n' % ',\n'.join(rows))
    h.write()


# ---------------------------------------------------------------------------
# grouping: Snapshot.statistics() and compare_to()


def traces4(traces):
    return [(d, s, tb, len(tb)) for d, s, tb in traces]



# Equal sizes and counts: the traceback alone orders them, code point by
# code point, oldest frame first, a prefix before what extends it.
TIES = traces4([
    (0, 8, (('b.py', 1),)),
    (0, 8, (('a.py', 2),)),
    (0, 8, (('a.py', 10),)),
    (0, 8, (('a.py', 9),)),
    (0, 8, (('ab.py', 1),)),
    (0, 8, (('a.pz', 1),)),
    (0, 8, (('A.py', 1),)),
    (0, 8, (('caf\xe9.py', 1),)),
    (0, 8, (('caf\xe8.py', 1),)),
    (0, 8, (('z.py', 1),)),
    (0, 8, (('\uffff.py', 1),)),
    (0, 8, (('\U00010000.py', 1),)),
    (0, 8, (('\U0001f600.py', 1),)),
    (0, 8, ((os.fsdecode(b'\xff.py'), 1),)),
    (0, 8, ((os.fsdecode(b'\x80.py'), 1),)),
    (0, 8, (('\ud7ff.py', 1),)),
    (0, 8, (('a.py', 2), ('b.py', 1))),
    (0, 8, (('b.py', 1), ('a.py', 2))),
    (0, 8, (('a.py', 2), ('a.py', 2))),
    (0, 8, (('x.py', 3), ('b.py', 1), ('a.py', 2))),
    (0, 8, (('', 0),)),
    # same size, counts differ; same count, sizes differ
    (0, 4, (('m.py', 1),)), (0, 4, (('m.py', 1),)),
    (0, 3, (('n.py', 1),)), (0, 5, (('n.py', 1),)),
    (0, 9, (('o.py', 1),)),
])

# Frames repeated in one traceback count once each in cumulative mode.
RECURSION = traces4([
    (0, 100, (('r.py', 5), ('r.py', 5), ('r.py', 5), ('main.py', 1))),
    (0, 30, (('r.py', 6), ('r.py', 5), ('main.py', 1))),
    (1, 7, (('lib.py', 3), ('main.py', 2))),
    (1, 1, (('main.py', 1),)),
])

# Sums past 2**64, and linenos and domains at their maximum.
LARGE = traces4([
    (0, 2**64 - 1, (('big.py', 1),)),
    (1, 2**64 - 1, (('big.py', 1),)),
    (2**32 - 1, 2**64 - 1, (('big.py', 2**32 - 1),)),
    (0, 2**63, (('huge.py', 1),)),
    (0, 2**53 + 1, (('huge.py', 1),)),
    (0, 0, (('zero.py', 1),)),
    (0, 0, (('zero.py', 1),)),
])

LARGE_AFTER = traces4([
    (0, 1, (('big.py', 1),)),
    (0, 2**64 - 1, (('huge.py', 1),)),
    (0, 2**64 - 1, (('huge.py', 1),)),
    (0, 0, (('zero.py', 1),)),
])

# Strings interned in another order than TIES, groups new, gone and changed.
TIES_AFTER = traces4([
    (0, 8, (('new.py', 1),)),
    (0, 8, (('z.py', 1),)),
    (0, 16, (('a.py', 9),)),
    (0, 8, (('a.py', 10),)),
    (0, 4, (('a.py', 10),)),
    (0, 8, (('b.py', 1), ('a.py', 2))),
    (0, 8, (('\U0001f600.py', 1),)),
    (0, 8, ((os.fsdecode(b'\xff.py'), 1),)),
    (0, 4, (('m.py', 1),)),
    (0, 5, (('n.py', 1),)), (0, 3, (('n.py', 1),)),
    (0, 8, (('caf\xe8.py', 1),)),
])

GROUP_SNAPSHOTS = {
    'cpython1': CPY1, 'cpython2': CPY2, 'ties': TIES, 'ties_after': TIES_AFTER,
    'recursion': RECURSION, 'large': LARGE, 'large_after': LARGE_AFTER,
}

KEY_TYPES = ['lineno', 'filename', 'traceback']

GROUP_FILTERED = [
    ('cpython1', [F(False, 'b.py')]),
    ('cpython1', [F(True, 'b.py', all_frames=True), D(False, 1)]),
    ('recursion', [F(True, 'lib.py', all_frames=True)]),
    ('ties', [F(True, '[a-c]*')]),
]

DIFFS = [
    ('cpython1', 'cpython2'), ('cpython2', 'cpython1'), ('ties', 'ties_after'),
    ('ties_after', 'ties'), ('recursion', 'cpython1'), ('large', 'large_after'),
    ('large_after', 'large'), ('cpython1', 'cpython1'),
]


def key_frames(stat):
    return list(stat.traceback)  # Frame objects, oldest first


def frames_of(stat):
    return [(f.filename, f.lineno) for f in key_frames(stat)]


def stat_c(stat):
    return '\t{%s, %du, %d, %s}' % (
        halves(stat.size), stat.count, len(stat.traceback), frames_c(frames_of(stat)))


def diff_c(stat):
    return '\t{%s, %s, %du, %d, %d, %s}' % (
        halves(stat.size), signed(stat.size_diff), stat.count, stat.count_diff,
        len(stat.traceback), frames_c(frames_of(stat)))


def statistics(snap, key_type, cumulative):
    try:
        return snap.statistics(key_type, cumulative)
    except ValueError:
        return None


def group_header():
    h = Header('stats', 'Snapshot.statistics() and compare_to(), in Python\'s order.')
    h.add('#define SNAPSHOT(name) snapshot_##name, sizeof(snapshot_##name) / '
          'sizeof(snapshot_##name[0])\n')
    h.add(snapshots_c(GROUP_SNAPSHOTS))
    cases = []
    for name in GROUP_SNAPSHOTS:
        for key_type in KEY_TYPES:
            for cumulative in (False, True):
                cases.append((name, key_type, cumulative, []))
    for name, specs in GROUP_FILTERED:
        for key_type in KEY_TYPES:
            cases.append((name, key_type, key_type != 'traceback', specs))
    rows, arrays = [], []
    for i, (name, key_type, cumulative, specs) in enumerate(cases):
        snap = tracemalloc.Snapshot(GROUP_SNAPSHOTS[name], 1)
        snap = snap.filter_traces([python_filter(s) for s in specs])
        stats = statistics(snap, key_type, cumulative)
        if stats:
            arrays.append('static const struct unit_stat stats_%d[] = {\n%s,\n};\n'
                          % (i, ',\n'.join(stat_c(s) for s in stats)))
        rows.append('\t{"%s", SNAPSHOT(%s), MS_KEY_%s, %d, %d, %s, %d, %s, %d}' % (
            name, name, key_type.upper(), cumulative, len(specs), filters_c(specs),
            stats is None, 'stats_%d' % i if stats else 'NULL', len(stats or [])))
    h.add('/* The statistics of each case, largest first. */')
    h.add('\n'.join(arrays))
    h.add('/* refused: Python raised ValueError. */')
    h.add('static const struct group_case {\n\tconst char *snapshot;\n'
          '\tconst struct unit_trace *traces;\n\tsize_t ntraces;\n'
          '\tenum ms_key_type key_type;\n\tint cumulative;\n\tsize_t nfilters;\n'
          '\tstruct unit_filter filters[UNIT_MAX_FILTERS];\n\tint refused;\n'
          '\tconst struct unit_stat *stats;\n\tsize_t nstats;\n'
          '} group_cases[] = {\n%s,\n};\n' % ',\n'.join(rows))

    rows, arrays = [], []
    i = 0
    for old_name, new_name in DIFFS:
        for key_type in KEY_TYPES:
            for cumulative in (False, True):
                if cumulative and key_type == 'traceback':
                    continue
                old = tracemalloc.Snapshot(GROUP_SNAPSHOTS[old_name], 1)
                new = tracemalloc.Snapshot(GROUP_SNAPSHOTS[new_name], 1)
                diffs = new.compare_to(old, key_type, cumulative)
                arrays.append('static const struct unit_stat_diff diffs_%d[] = {\n%s,\n};\n'
                              % (i, ',\n'.join(diff_c(d) for d in diffs)))
                rows.append('\t{SNAPSHOT(%s), SNAPSHOT(%s), MS_KEY_%s, %d, diffs_%d, %d}' % (
                    old_name, new_name, key_type.upper(), cumulative, i, len(diffs)))
                i += 1
    h.add('/* new.compare_to(old, key_type, cumulative), in order. */')
    h.add('\n'.join(arrays))
    h.add('static const struct diff_case {\n\tconst struct unit_trace *old_traces;\n'
          '\tsize_t old_ntraces;\n\tconst struct unit_trace *new_traces;\n'
          '\tsize_t new_ntraces;\n\tenum ms_key_type key_type;\n\tint cumulative;\n'
          '\tconst struct unit_stat_diff *diffs;\n\tsize_t ndiffs;\n'
          '} diff_cases[] = {\n%s,\n};\n' % ',\n'.join(rows))
    h.write()


# ---------------------------------------------------------------------------
# numbers: _format_size(), int / int, float(int), str(int)


def size_values():
    values = {0, 1, 9, 10, 99, 100, 101, 999, 1000, 1023, 1024, 1025, 9999, 10239, 10240,
              10241, 12544, 12595, 12596, 102348, 102349, 102399, 102400, 102401,
              2**32 - 1, 2**32, 2**32 + 1, 2**53 - 1, 2**53, 2**53 + 1, 2**53 + 3,
              2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**65 - 2, 2**80 + 12345, 2**100,
              2**127 - 1, 2**127, 2**128 - 1, 10**30}
    for k in range(1, 5):
        for base in (100 * 1024**k, 10 * 1024**(k + 1)):
            values.update({base - 1, base, base + 1, base - 52, base - 51})
        values.update({1024**k - 1, 1024**k, 5 * 1024**k + 1024**(k - 1) // 20})
    for tib in (1, 99, 100, 9999, 10239, 10240, 10**6):
        values.update({tib * 1024**4, tib * 1024**4 - 1})
    return sorted(values)


def div_cases(rng):
    cases = [(0, 1), (1, 1), (1, 2), (1, 3), (2, 3), (10, 4), (7, 7), (2**53, 1),
             (2**53 + 1, 1), (2**54 + 1, 1), (2**54 + 2, 1), (2**54 + 3, 1), (2**54 + 5, 1),
             (2**64 - 1, 1), (2**64 - 1, 2**64 - 1), (2**64 + 1, 1), (2**128 - 1, 1),
             (2**128 - 1, 2**64 - 1), (2**128 - 1, 3), (2**128 - 1, 2**63), (3, 2**64 - 1),
             (1, 2**64 - 1), (3 * (2**54 + 1), 6), (3 * (2**54 + 3), 6),
             (3 * (2**54 + 1) + 1, 6), (3 * (2**54 + 3) - 1, 6), (5 * (2**55 + 1), 10),
             (7 * (2**60 + 2**7), 7 * 2**8), (7 * (2**60 + 2**7) + 1, 7 * 2**8),
             (2**106 + 2**52, 2**53), (2**106 + 2**52 + 1, 2**53), (2**106 + 3 * 2**52, 2**53),
             (30719, 3), (20479, 2), (10**30, 10**19), (10**38, 3)]
    for _ in range(120):
        num = rng.getrandbits(rng.randint(1, 128))
        den = rng.getrandbits(rng.randint(1, 64)) or 1
        cases.append((num, den))
    return cases


def format_header():
    h = Header('format', 'tracemalloc._format_size() and Python\'s int arithmetic.')
    fmt = tracemalloc._format_size
    rows = []
    for v in size_values():
        rows.append('\t{%s, 0, "%s"}' % (signed(v), fmt(v, False)))
        rows.append('\t{%s, 1, "%s"}' % (signed(v), fmt(v, True)))
        if v:
            rows.append('\t{%s, 1, "%s"}' % (signed(-v), fmt(-v, True)))
            rows.append('\t{%s, 0, "%s"}' % (signed(-v), fmt(-v, False)))
    h.add('/* _format_size(size, sign) of an int size. */')
    h.add('static const struct size_case {\n\tint neg;\n\tuint64_t hi, lo;\n\tint sign;\n'
          '\tconst char *text;\n} size_cases[] = {\n%s,\n};\n' % ',\n'.join(rows))

    rng = random.Random(5)
    divs = div_cases(rng)
    rows = ['\t{%s, 0x%xu, %s}' % (halves(n), d, c_double(n / d)) for n, d in divs]
    h.add('/* num / den, Python\'s correctly rounded true division. */')
    h.add('static const struct div_case {\n\tuint64_t hi, lo, den;\n\tdouble quotient;\n'
          '} div_cases[] = {\n%s,\n};\n' % ',\n'.join(rows))

    rows = ['\t{%s, 0x%xu, "%s"}' % (halves(n), d, fmt(n / d, False))
            for n, d in divs if d]
    h.add('/* _format_size(size / count, False): the average of str(Statistic). */')
    h.add('static const struct average_case {\n\tuint64_t hi, lo, count;\n\tconst char *text;\n'
          '} average_cases[] = {\n%s,\n};\n' % ',\n'.join(rows))

    ints = sorted({n for n, _ in divs} | set(size_values()))
    rows = []
    for n in ints:
        rows.append('\t{%s, %s, "%d", "%+d"}' % (signed(n), c_double(float(n)), n, n))
        if 0 < n <= 2**127:
            rows.append('\t{%s, %s, "%d", "%+d"}' % (signed(-n), c_double(float(-n)), -n, -n))
    h.add('/* float(n), "%d" % n and "%+d" % n. */')
    h.add('static const struct int_case {\n\tint neg;\n\tuint64_t hi, lo;\n\tdouble value;\n'
          '\tconst char *text, *signed_text;\n} int_cases[] = {\n%s,\n};\n' % ',\n'.join(rows))
    h.write()


# ---------------------------------------------------------------------------
# UTF-8 and the filesystem encoding


UTF8_BYTES = [
    b'', b'abc', b'caf\xc3\xa9', b'\xc3', b'\xc3(', b'(\xc3', b'\xc2\x80', b'\xdf\xbf',
    b'\xc0\x80', b'\xc1\xbf', b'\xe0\x80\x80', b'\xe0\x9f\xbf', b'\xe0\xa0\x80',
    b'\xe2\x82\xac', b'\xe2\x82', b'\xe2\x82a', b'\xe2(\xa1', b'\xed\x9f\xbf',
    b'\xed\xa0\x80', b'\xed\xb2\x80', b'\xed\xb3\xbf', b'\xed\xbf\xbf', b'\xee\x80\x80',
    b'\xef\xbf\xbf', b'\xf0\x80\x80\x80', b'\xf0\x8f\xbf\xbf', b'\xf0\x90\x80\x80',
    b'\xf0\x9f\x98\x80', b'\xf0\x9f\x98', b'\xf0\x9f', b'\xf4\x8f\xbf\xbf',
    b'\xf4\x90\x80\x80', b'\xf5\x80\x80\x80', b'\xf7\xbf\xbf\xbf', b'\xf8\x88\x80\x80\x80',
    b'\xfc\x84\x80\x80\x80\x80', b'\xfe', b'\xff', b'\x80', b'\xbf', b'a\x80b',
    b'ok\xe2\x82\xac\xe2\x82', b'\xed\xa0\x80\xed\xb0\x80', b'\xc3\xa9\xc3', b'\x00',
    b'a\x00\xc3\xa9', b'\xe2\xc3\xa9', b'\xf0\xc3\xa9', b'\xc3\xc3\xa9', b'\x7f\xc2\x80',
]


def utf8_random(rng, count):
    pieces = [b'a', b'\x00', b'\x7f', b'\x80', b'\xbf', b'\xc2', b'\xc3\xa9', b'\xdf',
              b'\xe0', b'\xe2\x82', b'\xed', b'\xed\xa0', b'\xed\xb3', b'\xef\xbf\xbf',
              b'\xf0', b'\xf0\x9f\x98', b'\xf4', b'\xf4\x90', b'\xff', b'\xa0', b'\x90']
    return [b''.join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
            for _ in range(count)]


def valid_prefix(data):
    try:
        data.decode('utf-8', 'surrogatepass')
        return len(data)
    except UnicodeDecodeError as exc:
        return exc.start


def strict(data):
    try:
        data.decode('utf-8')
        return True
    except UnicodeDecodeError:
        return False


def bytes_c(data):
    return '%s, %d' % (c_bytes(data), len(data))


def utf8_header():
    h = Header('utf8', 'UTF-8 validity, code points and os.fsdecode()/os.fsencode().')
    inputs = UTF8_BYTES + utf8_random(random.Random(7), 200)
    rows = []
    for data in inputs:
        text = os.fsdecode(data)
        assert os.fsencode(text) == data
        rows.append('\t{%s, %d, %d,\n\t %s}' % (bytes_c(data), valid_prefix(data),
                                                strict(data), bytes_c(utf8(text))))
    h.add('/*\n * valid: where bytes.decode("utf-8", "surrogatepass") fails, or len;\n'
          ' * strict: whether bytes.decode("utf-8") succeeds;\n'
          ' * text: os.fsdecode(bytes) as memsnap holds it (surrogatepass UTF-8).\n */')
    h.add('static const struct utf8_case {\n\tconst char *bytes;\n\tsize_t len, valid;\n'
          '\tint strict;\n\tconst char *text;\n\tsize_t text_len;\n} utf8_cases[] = {\n%s,\n};\n'
          % ',\n'.join(rows))

    strings = ['', 'a', 'caf\xe9', '\u20ac', '\ud7ff', '\ue000', '\uffff', '\U00010000',
               '\U0010ffff', '\U0001f600.py', '\udc80', '\udcff', 'a\udcffb', '\udc80\udc80',
               '\ud800', '\udbff\udfff', '\udc7f', '\udd00', 'x\x00y']
    rows = []
    for s in strings:
        points = ', '.join('0x%xu' % ord(c) for c in s) or '0'
        try:
            encoded = bytes_c(os.fsencode(s))
        except UnicodeEncodeError:
            encoded = 'NULL, 0'
        rows.append('\t{%s, %d, {%s}, %s}' % (bytes_c(utf8(s)), len(s), points, encoded))
    h.add('/*\n * A str as memsnap holds it, its code points, and os.fsencode(str)\n'
          ' * (NULL where Python raises UnicodeEncodeError).\n */')
    h.add('static const struct str_case {\n\tconst char *text;\n\tsize_t len, npoints;\n'
          '\tuint32_t points[8];\n\tconst char *bytes;\n\tsize_t bytes_len;\n'
          '} str_cases[] = {\n%s,\n};\n' % ',\n'.join(rows))
    h.write()


def main():
    pickle_header()
    fnmatch_header()
    filter_header()
    group_header()
    format_header()
    utf8_header()


if __name__ == '__main__':
    main()
