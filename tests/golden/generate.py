#!/usr/bin/env python3
"""Write memsnap's golden fixtures and the output Python expects for them.

Run with the reference interpreter (Python 3.12; any 3.10+ agrees):

    python3 tests/golden/generate.py [--recapture]

It rewrites src/ (source-line fixtures), fixtures/ (snapshot files) and
cases/ (memsnap arguments, expected stdout, expected status); README.md
describes the case format.  Every expected output comes from Python's own
tracemalloc through reference.py, never from memsnap.

Snapshots made by other interpreters (fixtures/real_3.X.bin from a real
tracemalloc.take_snapshot() of src/capture_prog.py, fixtures/synth_3.X.bin
from Snapshot(traces, limit).dump()) are kept when they exist, since a real
capture differs from run to run; --recapture makes them again with every
Python 3.6 to 3.13 that pyenv knows (or MEMSNAP_PYTHON_3_X=/path/python).

Python 3.6 to 3.8 write traces as (domain, size, traceback); this Python's
statistics() unpacks four fields, so their expected output is computed
after turning each trace into (domain, size, traceback, len(traceback)),
see reference.upgrade_traces().  The fourth field never reaches the output.
"""

import argparse
import collections
import os
import pickle
import pickletools
import random
import subprocess
import sys
import tempfile
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import reference  # noqa: E402

OTHER_PYTHONS = ['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13']
DEFAULT_PROTOCOL = pickle.HIGHEST_PROTOCOL  # what Snapshot.dump() writes

# ---------------------------------------------------------------------------
# Source-line fixtures: files that tracebacks point at (src/...), read by
# Traceback.format() through linecache.  Each one exercises a way Python
# reads (or refuses to read) a source file.

APP_PY = b'''\
"""A small module the golden snapshots point at."""
import os


class Cache:
    def __init__(self):
        self.items = {}

    def add(self, key, value):
        self.items[key] = value          # line 10
        return value

    def grow(self, n):
\tfor i in range(n):
\t    self.add(i, bytearray(i))


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
'''

SOURCES = {
    'src/app.py': APP_PY,
    'src/crlf.py': b'first = 1\r\n    second = 2   \r\n\r\nfourth = 4\r\n',
    'src/cr.py': b'one = 1\r  two = 2\r\rfour = 4\r',
    'src/bom.py': b'\xef\xbb\xbfbom_line = 1\nafter_bom = 2\n',
    'src/latin1.py': (b'# -*- coding: latin-1 -*-\n'
                      b'name = "caf\xe9"\n'
                      b'other = "\xb5s"\n'),
    'src/cookie2.py': (b'#!/usr/bin/env python\n'
                       b'# vim: set fileencoding=latin-1 :\n'
                       b'x = "\xe0 la"\n'),
    'src/bogus_cookie.py': b'# coding: no-such-codec\nvisible = False\n',
    'src/bom_latin1.py': (b'\xef\xbb\xbf# coding: latin-1\n'
                          b'conflict = True\n'),
    'src/badutf8.py': b'good = 1\nbad = "\xff\xfe"\nlater = 3\n',
    # Python's strict UTF-8 decoder refuses the whole file for any of these.
    'src/utf8_surrogate.py': b'ok = 1\nsurrogate = "\xed\xa0\x80"\n',
    'src/utf8_low_surrogate.py': b'ok = 1\nsurrogate = "\xed\xbf\xbf"\n',
    'src/utf8_overlong.py': b'ok = 1\noverlong = "\xe0\x80\xaf"\n',
    'src/utf8_above_max.py': b'ok = 1\nbeyond = "\xf4\x90\x80\x80"\n',
    'src/utf8_truncated.py': b'ok = 1\ncut = "\xe2\x82"\n',
    # ... but not for these.
    'src/utf8_max.py': b'ok = 1\nlargest = "\xf4\x8f\xbf\xbf"\n',
    'src/bom_middle.py': b'ok = 1\n\xef\xbb\xbfbom = 2\xef\xbb\xbf\n',
    'src/whitespace.py': ('\t\tindented_tab = 1\t\t\n'
                          '   \x0c\x0bform_feed = 2 \x1c\x1d\x1e\x1f\n'
                          '\u00a0\u3000unicode_space = 3\u2003\u00a0\n'
                          '\u200bzero_width = 4\u200b\n'
                          '   \t  \n'
                          'inner\u2028separator = 6\x85\n'
                          'nel_inside = "\x85" + "x"\n').encode('utf-8'),
    'src/noeol.py': b'line_one = 1\nlast_line_without_newline = 2',
    'src/empty.py': b'',
    'src/nul.py': b'before = 1\nwith_nul = "\x00"  # a NUL byte\nafter = 3\n',
    'src/long.py': b'x = "' + b'L' * 5000 + b'"\nshort = 2\n',
    'src/\u00fcn\u00efcode.py':
        'r\u00e9sum\u00e9 = "\u65e5\u672c\u8a9e \U0001f600"\n'.encode('utf-8'),
}


def write_sources():
    for path, data in SOURCES.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as fp:
            fp.write(data)


# ---------------------------------------------------------------------------
# Snapshot construction

FIXTURES = {}  # name -> bytes written to fixtures/


def fresh(frames):
    """A traceback equal to frames, built from new objects (new tuples and
    new str objects) so that pickle cannot memo-share it with another."""
    return tuple((''.join(list(name)), lineno) for name, lineno in frames)


def check_filenames(traces):
    """Snapshot filenames either point into src/ on purpose or must not
    exist here: a stray match (say 'run.sh') would put a file that changes
    into the expected output."""
    for trace in traces:
        for name, _ in trace[2]:
            if name.startswith(('src/', './src/', 'src//')) or name == 'src':
                continue
            if name.startswith('#'):
                raise ValueError('filename starts with #: %r' % name)
            if name and os.path.lexists(name):
                raise ValueError('snapshot filename %r exists in %s'
                                 % (name, HERE))


def snapshot_bytes(traces, limit=10, protocol=DEFAULT_PROTOCOL):
    check_filenames(traces)
    return pickle.dumps(tracemalloc.Snapshot(list(traces), limit), protocol)


def fixture(name, data):
    FIXTURES[name] = data
    return 'fixtures/%s.bin' % name


def snap(name, traces, limit=10, protocol=DEFAULT_PROTOCOL):
    return fixture(name, snapshot_bytes(traces, limit, protocol))


def tr(size, *frames, domain=0):
    """A 3.9+ trace; frames most recent first, as _tracemalloc gives them."""
    return (domain, size, tuple(frames), len(frames))


# ---------------------------------------------------------------------------
# Cases

CASES = collections.OrderedDict()  # name -> (argv, stdin path, status, err)


def case(name, *argv, stdin=None, status=None, err=None):
    """status=None: Python (reference.run) decides status and stdout.
    An explicit status is for files Python must never unpickle, and for
    command lines of memsnap's own commands, which Python has no view on.
    err: text memsnap's line on stderr must hold, its own wording."""
    if name in CASES:
        raise ValueError('duplicate case %s' % name)
    CASES[name] = (list(argv), stdin, status, err)


def cpython_cases():
    """Lib/test/test_tracemalloc.py, TestSnapshot and TestFilters."""
    raw1 = [
        (0, 10, (('a.py', 2), ('b.py', 4)), 3),
        (0, 10, (('a.py', 2), ('b.py', 4)), 3),
        (0, 10, (('a.py', 2), ('b.py', 4)), 3),
        (1, 2, (('a.py', 5), ('b.py', 4)), 3),
        (2, 66, (('b.py', 1),), 1),
        (3, 7, (('<unknown>', 0),), 1),
    ]
    raw2 = [
        (0, 10, (('a.py', 2), ('b.py', 4)), 3),
        (0, 10, (('a.py', 2), ('b.py', 4)), 3),
        (0, 10, (('a.py', 2), ('b.py', 4)), 3),
        (2, 2, (('a.py', 5), ('b.py', 4)), 3),
        (2, 5000, (('a.py', 5), ('b.py', 4)), 3),
        (4, 400, (('c.py', 578),), 1),
    ]
    s1 = snap('cpython_1', raw1, 2)
    s2 = snap('cpython_2', raw2, 2)

    # test_snapshot_group_by_line / _file / _traceback
    for key in reference.KEY_TYPES:
        case('cpython_%s_1' % key, 'top', '-g', key, s1)
        case('cpython_%s_2' % key, 'top', '-g', key, s2)
        case('cpython_%s_diff' % key, 'diff', '-g', key, s1, s2)
    case('cpython_default_1', 'top', s1)
    # test_snapshot_group_by_cumulative
    case('cpython_cumulative_filename', 'top', '-c', '-g', 'filename', s1)
    case('cpython_cumulative_lineno', 'top', '-c', '-g', 'lineno', s1)
    case('cpython_cumulative_lineno_2', 'top', '--cumulative', s2)
    case('cpython_cumulative_diff', 'diff', '-c', s1, s2)
    case('cpython_cumulative_diff_filename', 'diff', '-c', '-g', 'filename',
         s1, s2)
    # statistics('traceback', cumulative=True) raises ValueError
    case('cpython_cumulative_traceback', 'top', '-c', '-g', 'traceback', s1)
    case('cpython_cumulative_traceback_long', 'top', '--cumulative',
         '--group-by', 'traceback', s1)
    case('cpython_cumulative_traceback_diff', 'diff', '-g', 'traceback', '-c',
         s1, s2)
    # test_filter_traces: exclude b.py, then include a.py:2 or a.py:5
    case('cpython_filter_exclude', 'top', '-g', 'traceback', '-x', 'b.py', s1)
    case('cpython_filter_exclude_include', 'top', '-g', 'traceback',
         '-x', 'b.py', '-i', 'a.py:2', '-i', 'a.py:5', s1)
    case('cpython_filter_include_line', 'top', '-i', 'a.py:5', s1)
    # test_filter_traces_domain_filter
    case('cpython_exclude_domain', 'top', '-g', 'traceback',
         '--exclude-domain', '3', s1)
    case('cpython_include_domain', 'top', '-g', 'traceback',
         '--include-domain', '3', s1)
    case('cpython_include_domains_diff', 'diff', '--include-domain', '2',
         '--include-domain', '4', s1, s2)
    case('cpython_exclude_domains_cumulative', 'top', '-c',
         '--exclude-domain', '0', '--exclude-domain', '2', s1)
    # test_filter_traces_domain uses Filter(..., domain=1), which the CLI
    # cannot express: the filename filter and the domain filter are
    # separate objects there.  The closest CLI form is both together.
    case('cpython_filter_and_domain', 'top', '-x', 'a.py',
         '--exclude-domain', '1', s1)

    # test_filter_match: lineno None / > 0 / 0, include and exclude
    frames = [('abc', 0), ('abc', 5), ('abc', 10),
              ('12356', 0), ('12356', 5), ('12356', 10)]
    s = snap('match_frame', [tr(100 + i, f) for i, f in enumerate(frames)])
    for flag in ('-i', '-x'):
        for pattern in ('abc', 'abc:5', 'abc:0'):
            case('cpython_match_frame_%s_%s' % (flag[1], pattern.replace(':', '_')),
                 'top', '-n', '0', flag, pattern, s)
    case('cpython_match_filename_unknown', 'top', '-x', 'abc',
         snap('match_unknown', [tr(1, ('<unknown>', 0)), tr(2, ('abc', 1))]))

    # test_filter_match_filename_joker: every filename, one pattern a case
    names = ['abc', '', 'abcdcx', 'abb', 'abcdce', 'abcde', 'abcbdefeg',
             'abcdd', 'abcbdefef', 'a.pyc', 'a.py', 'aBC', 'aBcDe', 'a/b',
             'a\\b', 'a/b\\c', 'a/b/c', 'a.pyo', 'A.PY', 'a.PYC', 'a.pyc.py']
    s = snap('joker', [tr(10 * (i + 1), (n, i + 1))
                       for i, n in enumerate(names)])
    patterns = ['', '*', 'abc', 'abcd', 'def', 'a*', 'abc*', 'b*', 'abcd*',
                'a*c', 'a*cx', 'a*c*e', 'a*bd*eg', 'a.py', 'a.pyc', 'ABc',
                'Ab*dE', 'a.PY', 'a.PYC', 'a\\b', 'a/b', 'a\\b/c', 'a\\b\\c',
                'a.pyo', '*.py', '*.pyc', '*c', 'a.py?', 'a.pyc.pyc', '*/*']
    for i, pattern in enumerate(patterns):
        case('cpython_joker_%02d' % i, 'top', '-g', 'filename', '-n', '0',
             '-i', pattern, s)
    case('cpython_joker_exclude_py', 'top', '-n', '0', '-x', '*.py', s)
    case('cpython_joker_empty_line', 'top', '-n', '0', '-i', ':1', s)

    # test_filter_match_trace
    t1 = (('a.py', 2), ('b.py', 3))
    t2 = (('b.py', 4), ('b.py', 5))
    t3 = (('c.py', 5), ('<unknown>', 0))
    unknown = (('<unknown>', 0),)
    s = snap('match_trace', [tr(1000, *t1), tr(200, *t2), tr(30, *t3),
                             tr(4, *unknown)])
    for flag in ('-i', '-x'):
        for pattern in ('b.py', '<unknown>'):
            for all_frames in (False, True):
                argv = ['top', '-g', 'traceback', flag, pattern]
                if all_frames:
                    argv.insert(1, '-a')
                case('cpython_match_trace_%s_%s%s'
                     % (flag[1], pattern.strip('<>').replace('.', '_'),
                        '_all' if all_frames else ''), *argv, s)
    case('cpython_match_trace_all_frames_long', 'top', '--all-frames',
         '--include', 'b.py:3', '-g', 'traceback', s)
    case('cpython_match_trace_diff_all', 'diff', '-a', '-x', 'a.py', s, s1)


def format_size_cases():
    """_format_size: unit edges, rounding, huge values, signs, averages."""
    sizes = [0, 1, 99, 100, 101, 999, 1000, 1023, 1024, 1025, 10239, 10240,
             10241, 10291, 10292, 10496, 11008, 102348, 102349, 102399,
             102400, 102401, 102912, 103936, 10485759, 10485760, 10747904,
             105381888]
    for k in (2, 3, 4):
        unit = 1024 ** k
        sizes += [100 * unit - unit // 10, 100 * unit - unit // 40,
                  100 * unit - 1, 100 * unit,
                  100 * unit + 1, 10240 * unit - 1, 10240 * unit,
                  10240 * unit + 1, int(10.25 * unit), int(100.5 * unit)]
    sizes += [2**32 - 1, 2**32, 2**32 + 1, 2**53 - 1, 2**53, 2**53 + 1,
              2**53 + 3, 2**63 - 1, 2**63, 2**63 + 1, 2**64 - 2**11 - 1,
              2**64 - 2**11, 2**64 - 2, 2**64 - 1, 123456789012345678]
    sizes = sorted(set(sizes))
    s = snap('sizes', [tr(size, ('sizes.py', i + 1))
                       for i, size in enumerate(sizes)])
    case('format_sizes', 'top', '-n', '0', s)
    case('format_sizes_limit_3', 'top', '-n', '3', s)
    case('format_sizes_filename', 'top', '-g', 'filename', s)

    # Averages: size / count is exact true division, then _format_size
    # rounds half to even.  The last group: 3 traces averaging just above a
    # .5 TiB tie; float(size) / count (rounding the sum to double first)
    # would print one TiB more than Python does.
    k = 2**20
    tie = (2 * k + 1) * 2**39
    groups = [[2, 3], [3, 4], [1, 2], [0, 1], [1, 0, 0], [5, 5, 5, 6],
              [10496, 10496], [10495, 10497], [102912, 102912, 0],
              [2**53 + 1, 2**53], [2**64 - 1, 1], [2**64 - 1, 0, 0],
              [tie, tie, tie + 257], [10239, 10240], [102399, 102401]]
    traces = []
    for i, group in enumerate(groups):
        traces += [tr(size, ('avg.py', i + 1)) for size in group]
    case('format_averages', 'top', '-n', '0', snap('averages', traces))

    # Signed sizes in diffs: %+.0f / %+.1f, and count (%+i).
    diffs = [0, 1, -1, 99, -99, 100, -100, 10239, -10239, 10240, -10240,
             102399, -102399, 102400, -102400, 10485759, -10485759, 10485760,
             -10485760, 2**32, -2**32, 2**53 + 1, -2**53 - 1, 2**63, -2**63,
             2**64 - 1, -2**64 + 1, 10496, -10496, 11008, -11008]
    old, new = [], []
    for i, d in enumerate(diffs):
        where = ('dsz.py', i + 1)
        base = 7 if i % 2 and abs(d) < 2**63 else 0
        o, n = (base, base + d) if d >= 0 else (base - d, base)
        old.append(tr(o, where))
        new += [tr(n, where)] + [tr(0, where)] * (i % 3)
    so = snap('diff_sizes_old', old)
    sn = snap('diff_sizes_new', new)
    case('format_diff_sizes', 'diff', '-n', '0', so, sn)
    case('format_diff_sizes_reversed', 'diff', '-n', '0', sn, so)

    # Sums past 2**64: a group of several near-2**64 traces, cumulative
    # mode counting one trace once per repeated frame, and diffs beyond
    # +-2**64.  Python's integers do not wrap.
    big = 2**64 - 1
    s_huge = snap('huge', [tr(big, ('h.py', 1)), tr(big, ('h.py', 1)),
                           tr(5, ('h.py', 1)),
                           tr(2**63, ('h.py', 2), ('h.py', 2), ('h.py', 2),
                              ('h.py', 3))])
    s_small = snap('huge_small', [tr(1, ('h.py', 1)), tr(2, ('h.py', 3))])
    case('huge_sum', 'top', s_huge)
    case('huge_sum_cumulative', 'top', '-c', s_huge)
    case('huge_sum_cumulative_filename', 'top', '-c', '-g', 'filename',
         s_huge)
    case('huge_diff_grow', 'diff', s_small, s_huge)
    case('huge_diff_shrink', 'diff', '-g', 'filename', s_huge, s_small)


def real_and_version_cases(args):
    """Snapshots dumped by every Python 3.6 to 3.13."""
    synth_traces = [
        (0, 10, (('a.py', 2), ('b.py', 4)), 3),
        (0, 10, (('a.py', 2), ('b.py', 4)), 3),
        (1, 2**32 + 7, (('a.py', 5), ('b.py', 4)), 2),
        (2, 66, (('b.py', 2**31 + 1),), 1),
        (3, 7, (('<unknown>', 0),), 1),
        (0, 2**64 - 1, (('caf\u00e9.py', 1), ('\u65e5\u672c.py', 2)), 2),
        (0, 300, (('src/app.py', 10), ('src/app.py', 15), ('src/app.py', 31)),
         5),
        (1, 0, (('bad\udcff.py', 7),), 1),
        (0, 12345, (('src/app.py', 25), ('src/app.py', 25), ('src/app.py', 25),
                    ('src/app.py', 32)), 4),
    ]
    check_filenames(synth_traces)
    for version in OTHER_PYTHONS:
        real = 'real_%s' % version
        synth = 'synth_%s' % version
        for name in (real, synth):
            path = os.path.join('fixtures', name + '.bin')
            if args.recapture or not os.path.exists(path):
                python = find_python(version)
                if name == real:
                    data = capture_real(python)
                else:
                    data = dump_synth(python, synth_traces)
                FIXTURES[name] = data
            else:
                with open(path, 'rb') as fp:
                    FIXTURES[name] = fp.read()
        r = 'fixtures/%s.bin' % real
        y = 'fixtures/%s.bin' % synth
        tag = version.replace('.', '')
        case('py%s_real_top' % tag, 'top', '-n', '0', r)
        case('py%s_real_traceback' % tag, 'top', '-g', 'traceback', r)
        case('py%s_real_cumulative' % tag, 'top', '-c', '-n', '0', r)
        case('py%s_real_filter' % tag, 'top', '-a', '-i', '*prog.py:36',
             '-g', 'traceback', r)
        case('py%s_synth_traceback' % tag, 'top', '-g', 'traceback', '-n',
             '0', y)
        case('py%s_synth_cumulative' % tag, 'top', '-c', '-g', 'filename', y)
        case('py%s_synth_diff' % tag, 'diff', 'fixtures/cpython_1.bin', y)
    case('py_real_diff_36_313', 'diff', '-n', '0',
         'fixtures/real_3.6.bin', 'fixtures/real_3.13.bin')
    case('py_real_diff_313_38', 'diff', '-g', 'traceback',
         'fixtures/real_3.13.bin', 'fixtures/real_3.8.bin')
    case('py_synth_diff_37_312', 'diff', '-g', 'traceback', '-n', '0',
         'fixtures/synth_3.7.bin', 'fixtures/synth_3.12.bin')


def find_python(version):
    env = os.environ.get('MEMSNAP_PYTHON_%s' % version.replace('.', '_'))
    if env:
        return env
    try:
        out = subprocess.run(['pyenv', 'versions', '--bare'], check=True,
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        out = ''
    for line in out.split():
        if line.startswith(version + '.'):
            prefix = subprocess.run(['pyenv', 'prefix', line], check=True,
                                    capture_output=True, text=True).stdout
            return os.path.join(prefix.strip(), 'bin', 'python3')
    sys.exit('generate.py: no Python %s to make its fixtures '
             '(set MEMSNAP_PYTHON_%s)' % (version, version.replace('.', '_')))


CAPTURE_DRIVER = ("import sys; p = 'src/capture_prog.py'; "
                  "exec(compile(open(p).read(), p, 'exec'), "
                  "{'__name__': '__main__', '__file__': p})")

SYNTH_DRIVER = r'''
import ast, sys, tracemalloc
traces = ast.literal_eval(sys.stdin.read())
shared = {}
def intern(obj):
    return shared.setdefault(obj, obj)
out = []
for domain, size, frames, nframe in traces:
    frames = intern(tuple(intern((intern(f), l)) for f, l in frames))
    if sys.version_info < (3, 9):
        out.append((domain, size, frames))
    else:
        out.append((domain, size, frames, nframe))
tracemalloc.Snapshot(out, 5).dump(sys.argv[1])
'''


def run_python(python, argv, stdin_text=''):
    """Run python in this directory; return what it dumped."""
    with tempfile.TemporaryDirectory() as tmpdir:
        out = os.path.join(tmpdir, 'snapshot.bin')
        subprocess.run([python, '-I'] + argv + [out], check=True, cwd=HERE,
                       input=stdin_text.encode('ascii'))
        with open(out, 'rb') as fp:
            return fp.read()


def capture_real(python):
    return run_python(python, ['-c', CAPTURE_DRIVER])


def dump_synth(python, traces):
    return run_python(python, ['-c', SYNTH_DRIVER], ascii(traces))


def rich_traces():
    """A snapshot with a bit of everything, shared objects as the real
    tracemalloc makes them."""
    app = 'src/app.py'
    traces = []
    tb_add = (('src/app.py', 10), ('src/app.py', 15), ('src/app.py', 31))
    tb_load = (('src/app.py', 20), ('src/app.py', 32))
    tb_rec = tuple([('src/app.py', 26)] + [('src/app.py', 25)] * 5
                   + [('src/app.py', 32)])
    for i in range(10):
        traces.append(tr(72 + i * 8, *tb_add))
    traces.append(tr(4096, *tb_load))
    traces.append(tr(4096, *tb_load, domain=1))
    traces.append(tr(856, *tb_rec))
    traces.append(tr(856, *tb_rec, domain=2))
    traces.append(tr(33, ('<frozen importlib._bootstrap>', 241),
                     (app, 2)))
    traces.append(tr(2**40 + 3, ('lib/big.py', 7), (app, 32), domain=3))
    traces.append(tr(0, ('lib/zero.py', 1)))
    traces.append(tr(512, ('lib/mod.pyc', 3), ('lib/big.py', 9), (app, 32)))
    return traces


def protocol_cases():
    traces = rich_traces()
    names = []
    for protocol in (2, 3, 4, 5):
        names.append(snap('rich_p%d' % protocol, traces, 25, protocol))
    names.append(fixture('rich_p5_optimized', pickletools.optimize(
        snapshot_bytes(traces, 25, 5))))
    names.append(fixture('rich_p2_optimized', pickletools.optimize(
        snapshot_bytes(traces, 25, 2))))
    for path in names:
        tag = os.path.basename(path)[:-4]
        case('%s_traceback' % tag, 'top', '-g', 'traceback', '-n', '0', path)
        case('%s_cumulative' % tag, 'top', '-c', '-g', 'filename', path)
        case('%s_lineno' % tag, 'top', path)
    rich = 'fixtures/rich_p5.bin'
    # Trailing bytes after STOP: pickle.load() stops at STOP and ignores them.
    trailing = fixture('rich_trailing_bytes',
                       FIXTURES['rich_p5'] + b'not part of the pickle')
    case('rich_trailing_bytes', 'top', '-g', 'traceback', trailing)
    twice = fixture('rich_twice', FIXTURES['rich_p5'] + FIXTURES['cpython_1'])
    case('rich_two_pickles_first_wins', 'top', twice)

    # Option spellings and placement, limits, stdin.
    case('options_after_file', 'top', rich, '-g', 'filename', '-n', '2')
    case('options_long', 'top', '--group-by', 'traceback', '--limit', '3',
         '--include', 'src/*', '--exclude', '*:26', '--all-frames', rich)
    case('options_limit_1', 'top', '-n', '1', rich)
    case('options_limit_past_end', 'top', '-n', '1000', rich)
    case('options_limit_default_10', 'top', '-c', rich)
    case('options_limit_0_all', 'top', '-c', '-n', '0', rich)
    case('options_between_files', 'diff', 'fixtures/cpython_1.bin', '-n', '0',
         rich, '-g', 'filename')
    case('stdin_top', 'top', '-g', 'traceback', '-', stdin=rich)
    case('stdin_diff_old', 'diff', '-', rich, stdin='fixtures/cpython_2.bin')
    case('stdin_diff_new', 'diff', '-c', 'fixtures/cpython_2.bin', '-',
         stdin=rich)

    # Filters on the rich snapshot.
    case('filter_include_src', 'top', '-i', 'src/*', rich)
    case('filter_include_src_all_frames', 'top', '-a', '-i', 'src/*', '-n',
         '0', '-g', 'traceback', rich)
    case('filter_exclude_src_all_frames', 'top', '-a', '-x', 'src/*', rich)
    case('filter_exclude_frozen', 'top', '-x', '<frozen *>', '-n', '0', rich)
    case('filter_include_lineno_all_frames', 'top', '-a', '-i', '*.py:32',
         '-n', '0', rich)
    case('filter_include_two', 'top', '-i', 'lib/*', '-i', '*app.py:20',
         '-n', '0', rich)
    case('filter_include_exclude', 'top', '-i', '*', '-x', 'lib/*', '-x',
         '*:26', rich)
    case('filter_pyc_pattern', 'top', '-i', 'lib/mod.pyc', rich)
    case('filter_py_pattern_pyc_file', 'top', '-i', 'lib/mod.py', rich)
    case('filter_domain_include_and_name', 'top', '--include-domain', '1',
         '--include-domain', '3', '-i', 'src/*', '-g', 'traceback', rich)
    case('filter_domain_exclude_all', 'top', '--exclude-domain', '0',
         '--exclude-domain', '1', '--exclude-domain', '2', '--exclude-domain',
         '3', rich)
    case('filter_domain_include_missing', 'top', '--include-domain', '7',
         rich)
    case('filter_cumulative', 'top', '-c', '-x', 'lib/*', '-n', '0', rich)
    case('filter_diff', 'diff', '-i', 'src/app.py:10', '-g', 'traceback',
         'fixtures/rich_p2.bin', rich)


def big_cases():
    """Pickles past the sizes where the encoding changes: several 64 KiB
    FRAMEs (protocol 4+), APPENDS in batches of 1000 and LONG_BINPUT memo
    indices (protocol 2), BINUNICODE for names of 256 bytes or more, and a
    traceback of 3000 frames."""
    rng = random.Random(20240601)
    long_names = ['lib/' + 'long_' * 60 + '.py', 'L' * 5000 + '.py']
    files = ['pkg/mod%d.py' % i for i in range(40)] + long_names
    tracebacks = []
    for _ in range(1200):
        depth = rng.choice([1, 2, 3, 5, 8])
        tracebacks.append(tuple((rng.choice(files), rng.randrange(1, 400))
                                for _ in range(depth)))
    deep = tuple(('pkg/deep.py', 1 + i % 7) for i in range(3000))
    old = [tr(rng.choice([16, 32, 48, 64, 1000, rng.randrange(1, 10**6)]),
              *rng.choice(tracebacks), domain=rng.choice([0, 0, 0, 1]))
           for _ in range(3000)]
    old.append(tr(100, *deep))
    new = [t for t in old if rng.random() < 0.8]
    new += [tr(rng.randrange(1, 10**5), *rng.choice(tracebacks))
            for _ in range(800)]
    so = snap('big_old_p2', old, 3000, 2)
    sn = snap('big_new_p5', new, 3000, 5)
    frames = sum(1 for op, _, _ in pickletools.genops(FIXTURES['big_new_p5'])
                 if op.name == 'FRAME')
    if frames < 2:
        raise AssertionError('big_new_p5 should span several pickle frames')
    for path in (so, sn):
        tag = os.path.basename(path)[:-4]
        case('%s_lineno' % tag, 'top', '-n', '25', path)
        case('%s_filename' % tag, 'top', '-g', 'filename', '-n', '0', path)
        case('%s_traceback' % tag, 'top', '-g', 'traceback', '-n', '8', path)
        case('%s_cumulative' % tag, 'top', '-c', '-n', '25', path)
    case('big_diff', 'diff', '-n', '40', so, sn)
    case('big_diff_traceback', 'diff', '-g', 'traceback', '-n', '5', so, sn)
    case('big_diff_cumulative_filename', 'diff', '-c', '-g', 'filename',
         '-n', '0', so, sn)
    case('big_long_name_filter', 'top', '-i', 'L*', '-g', 'traceback',
         '-n', '3', sn)
    case('big_deep_traceback', 'top', '-i', 'pkg/deep.py', '-g', 'traceback',
         so)


def sparse_domain():
    """6,000 tracebacks in domain 0, then traces of domain 7 on the last
    ten of them: a summed snapshot keeps domain 7's sums in its sparse
    table (traceback ids far above four per cell in use), which a merge
    must add up too.  The merge of two summed snapshots once skipped them
    and wrote past the end of its dense array."""
    rng = random.Random(20261130)
    tracebacks = [(('pkg/sparse%d.py' % (i % 50), 1 + i),) for i in range(6000)]
    traces = [tr(rng.randrange(1, 5000), *tb) for tb in tracebacks]
    traces += [tr(100 + i, *tracebacks[5990 + i], domain=7) for i in range(10)]
    return snap('sparse_domain', traces)


def merge_cases():
    # --merge: Python's Snapshot of the concatenated traces, with the
    # largest traceback limit; 3-field traces (3.6-3.8) among 4-field ones.
    sparse = sparse_domain()
    case('merge_sparse_domain', 'top', '--merge', '-n', '0', '--include-domain', '7',
         sparse, sparse)
    case('merge_sparse_domain_cumulative', 'top', '--merge', '-c', '-n', '12',
         sparse, 'fixtures/cpython_1.bin', sparse)
    case('merge_sparse_domain_diff', 'diff', '--merge', '-g', 'traceback', '-n', '12',
         sparse, ':', sparse, sparse)
    real = ['fixtures/real_3.%d.bin' % m for m in (6, 8, 9, 13)]
    pair = ['fixtures/cpython_1.bin', 'fixtures/cpython_2.bin']
    case('merge_top', 'top', '--merge', '-n', '0', *pair)
    case('merge_top_versions', 'top', '--merge', '-n', '0', *real)
    case('merge_top_traceback', 'top', '--merge', '-g', 'traceback', '-n', '5',
         *real)
    case('merge_top_cumulative_filtered', 'top', '--merge', '-c', '-x',
         '<frozen*', *real)
    case('merge_top_domains', 'top', '--merge', '-n', '0',
         'fixtures/domains.bin', 'fixtures/cpython_1.bin')
    case('merge_top_one', 'top', '--merge', 'fixtures/cpython_1.bin')
    case('merge_top_twice', 'top', '--merge', '-n', '0', pair[0], pair[0])
    case('merge_diff', 'diff', '--merge', '-n', '0', pair[0], ':', *pair)
    case('merge_diff_versions', 'diff', '--merge', '-g', 'filename', '-n', '0',
         real[0], real[1], ':', *real[2:])
    case('merge_diff_no_separator', 'diff', '--merge', *pair)


def feature_cases():
    # Empty snapshot.
    empty = snap('empty', [])
    case('empty_top', 'top', empty)
    case('empty_top_traceback', 'top', '-g', 'traceback', empty)
    case('empty_top_cumulative', 'top', '-c', empty)
    case('empty_cumulative_traceback_refused', 'top', '-c', '-g',
         'traceback', empty)
    case('empty_diff_all_new', 'diff', '-n', '0', empty,
         'fixtures/cpython_1.bin')
    case('empty_diff_all_removed', 'diff', '-n', '0', '-g', 'traceback',
         'fixtures/cpython_1.bin', empty)
    case('empty_diff_empty', 'diff', empty, empty)
    case('empty_after_filter', 'top', '-i', 'nothing-matches',
         'fixtures/cpython_1.bin')

    # Non-ASCII and surrogate-escaped filenames; ties in size and count so
    # that code point order of the filenames decides.
    names = ['a.py', 'z.py', '\u00e9.py', '\u00ff.py', '\u0100.py',
             '\u07ff.py', '\u0800.py', '\ud7ff.py', os.fsdecode(b'bad\x80.py'),
             os.fsdecode(b'bad\xff.py'), os.fsdecode(b'\xc3('),
             os.fsdecode(b'\xed\xa0\x80.py'), '\ue000.py', '\uffff.py',
             '\U00010000.py', '\U0001f600.py', '\U0010ffff.py',
             '\u65e5\u672c\u8a9e/\u30d5\u30a1\u30a4\u30eb.py',
             'caf\u00e9.py', 'cafe\u0301.py',
             # Two surrogate escapes whose bytes spell U+00E9: printed the
             # same as '\u00e9.py', sorted and matched as two code points.
             '\udcc3\udca9.py']
    s = snap('unicode', [tr(64, (n, 1)) for n in names]
             + [tr(32, (n, 2), ('\U0001f600.py', 1)) for n in names[::3]])
    case('unicode_top', 'top', '-n', '0', s)
    case('unicode_traceback', 'top', '-g', 'traceback', '-n', '0', s)
    case('unicode_cumulative', 'top', '-c', '-g', 'filename', '-n', '0', s)
    case('unicode_include', 'top', '-n', '0', '-i', 'caf\u00e9*', s)
    case('unicode_include_question_mark', 'top', '-n', '0', '-i', '?.py', s)
    case('unicode_include_surrogate', 'top', '-n', '0', '-i',
         os.fsdecode(b'bad\xff*'), s)
    case('unicode_include_class', 'top', '-n', '0', '-i',
         '[\u00e9-\u0800].py', s)
    case('unicode_exclude_astral_all_frames', 'top', '-n', '0', '-a', '-x',
         '\U0001f600.py', s)
    case('unicode_diff', 'diff', '-g', 'filename', '-n', '0',
         'fixtures/cpython_1.bin', s)

    # Control characters in filenames are printed as they are.
    names = ['tab\there.py', 'cr\rx.py', 'nl\nx.py', 'esc\x1b[0m.py',
             'del\x7f.py', ' lead.py', 'trail.py ', 'a b.py', 'quote".py',
             "apos'.py", 'back\\slash.py', 'c:5', 'c:5:6', '-dash.py',
             # the separators of a CSV traceback field, and its escape
             'semi;colon.py', '100%.py', '%3B.py', 'a;b:7;c.py']
    s = snap('control', [tr(10 + i, (n, i)) for i, n in enumerate(names)]
             + [tr(3, ('%3B.py', 2), ('100%.py', 3), ('a;b:7;c.py', 4), ('semi;colon.py', 1))])
    case('control_top', 'top', '-n', '0', s)
    case('control_traceback', 'top', '-g', 'traceback', '-n', '0', s)
    case('control_include_space', 'top', '-n', '0', '-i', '* *', s)
    case('control_include_quote', 'top', '-n', '0', '-i', "*'*", '-i',
         '*"*', s)
    case('control_include_backslash', 'top', '-n', '0', '-i', 'back\\*', s)
    case('control_include_colon_lineno', 'top', '-n', '0', '-i', 'c:5:12', s)
    case('control_include_colon_no_lineno', 'top', '-n', '0', '-i', 'c:5*',
         s)
    case('control_include_dash', 'top', '-n', '0', '-i', '-dash.py', s)

    # Domains, including the largest a real tracemalloc uses.
    traces = []
    for domain in (0, 1, 2, 3, 2**32 - 1):
        traces.append(tr(100 + domain % 1000, ('dom.py', 1), domain=domain))
        traces.append(tr(7, ('dom.py', 2 + domain % 10), domain=domain))
    s = snap('domains', traces)
    case('domains_top', 'top', '-n', '0', s)
    case('domains_include_0', 'top', '--include-domain', '0', s)
    case('domains_include_1_3', 'top', '--include-domain', '1',
         '--include-domain', '3', s)
    case('domains_exclude_2', 'top', '--exclude-domain', '2', '-n', '0', s)
    case('domains_exclude_0_1', 'top', '--exclude-domain', '0',
         '--exclude-domain', '1', '-g', 'filename', s)
    case('domains_include_big', 'top', '--include-domain', '4294967295', s)
    case('domains_include_exclude_same', 'top', '--include-domain', '1',
         '--exclude-domain', '1', s)
    case('domains_with_name_filter', 'top', '--include-domain', '2', '-i',
         'dom.py:1', '-i', 'dom.py:4', s)

    # Deep and recursive tracebacks: cumulative mode counts every frame,
    # repeated frames included.
    rec = tuple([('src/app.py', 26)] + [('src/app.py', 25)] * 60
                + [('src/app.py', 32), ('deep.py', 1)])
    mutual = tuple([('ping.py', 3), ('pong.py', 4)] * 40 + [('deep.py', 1)])
    long = tuple(('chain%d.py' % (i % 7), i + 1) for i in range(120))
    s = snap('deep', [tr(1000, *rec), tr(1000, *rec), tr(24, *mutual),
                      tr(8, *long), tr(8, *long[:60]), tr(9, *long[1:])],
             limit=200)
    case('deep_traceback', 'top', '-g', 'traceback', s)
    case('deep_cumulative_lineno', 'top', '-c', '-n', '0', s)
    case('deep_cumulative_filename', 'top', '-c', '-g', 'filename', '-n', '0',
         s)
    case('deep_filter_all_frames', 'top', '-a', '-i', 'pong.py', '-g',
         'traceback', s)
    case('deep_diff', 'diff', '-c', 'fixtures/rich_p5.bin', s)

    # Identical tracebacks that are distinct objects in the pickle (no memo
    # sharing), beside shared ones.  Grouping must merge them by value.
    base = (('dup.py', 3), ('src/app.py', 10), ('dup.py', 1))
    traces = [tr(10, *fresh(base)) for _ in range(4)]
    traces += [tr(10, *base)] * 3
    traces += [tr(5, *fresh(base[:2])), tr(5, *fresh(base[:2]))]
    traces += [tr(3, *fresh((('dup.py', 3), ('other.py', 9))))]
    s = snap('distinct', traces)
    pickled = FIXTURES['distinct']
    if pickled.count(b'dup.py') < 8:
        raise AssertionError('distinct.bin lost its unshared copies')
    case('distinct_lineno', 'top', s)
    case('distinct_traceback', 'top', '-g', 'traceback', s)
    case('distinct_cumulative', 'top', '-c', s)
    case('distinct_filename', 'top', '-g', 'filename', s)

    # Ties: equal size and count, so the traceback (oldest frame first,
    # filename by code point, then lineno as a number, shorter prefix first)
    # decides, descending.
    traces = []
    for i, frames in enumerate([
            [('a.py', 2)], [('a.py', 10)], [('a.py', 9)], [('a.py2', 1)],
            [('a.p', 1)], [('B.py', 1)], [('a.py', 2**31 - 1)],
            [('a.py', 2**31)], [('a.py', 2**32 - 1)], [('a.py', 0)],
            [('x.py', 1), ('y.py', 2)], [('y.py', 2)], [('y.py', 2), ('x.py', 1)],
            [('z.py', 5), ('y.py', 2)], [('a.py', 2), ('y.py', 2)],
            [('a.py', 2), ('y.py', 2), ('x.py', 0)]]):
        traces.append(tr(100, *frames))
    traces += [tr(60, ('cnt.py', 1)), tr(40, ('cnt.py', 1)),
               tr(50, ('cnt.py', 2)), tr(50, ('cnt.py', 2)),
               tr(100, ('cnt.py', 3), ('zz.py', 1))]
    s = snap('ties', traces)
    case('ties_lineno', 'top', '-n', '0', s)
    case('ties_traceback', 'top', '-g', 'traceback', '-n', '0', s)
    case('ties_filename', 'top', '-g', 'filename', '-n', '0', s)
    case('ties_cumulative', 'top', '-c', '-n', '0', s)
    case('ties_limit_cuts_tie', 'top', '-g', 'traceback', '-n', '4', s)

    # .pyc filenames against .py / .pyc patterns.
    names = ['m.py', 'm.pyc', 'pkg/m.pyc', 'm.pyo', 'm.PYC', 'm.pycc',
             'mpyc', 'm.py.pyc', 'pkg/__pycache__/m.cpython-312.pyc', 'm.pc']
    s = snap('pyc', [tr(10 + i, (n, 1)) for i, n in enumerate(names)])
    for i, pattern in enumerate(['*.py', '*.pyc', 'm.py', 'm.pyc', '*c',
                                 '*.py[co]', '*.pyc:1', 'm.py:2', '*.p?',
                                 '*.pycc', '*.py.py', 'pkg/*.py']):
        case('pyc_include_%02d' % i, 'top', '-n', '0', '-i', pattern, s)
    case('pyc_exclude_py', 'top', '-n', '0', '-x', '*.py', s)
    case('pyc_traceback', 'top', '-g', 'traceback', '-n', '0', s)

    # Diffs: new, removed, grown, shrunk, unchanged groups; count-only
    # changes; ties in the diff sort key.
    old = [tr(1000, ('a.py', 1), ('main.py', 1)),
           tr(1000, ('a.py', 1), ('main.py', 2)),
           tr(500, ('b.py', 2), ('main.py', 1)),
           tr(300, ('c.py', 3)), tr(300, ('c.py', 3)), tr(300, ('c.py', 3)),
           tr(5000, ('d.py', 4), ('main.py', 3)),
           tr(100, ('f.py', 6)), tr(100, ('f.py', 6)),
           tr(100, ('g.py', 1)), tr(50, ('h.py', 1)), tr(150, ('i.py', 1)),
           tr(7, ('k.py', 1), domain=1)]
    new = [tr(1000, ('a.py', 1), ('main.py', 1)),
           tr(3000, ('a.py', 1), ('main.py', 9)),
           tr(300, ('c.py', 3)), tr(300, ('c.py', 3)), tr(300, ('c.py', 3)),
           tr(100, ('d.py', 4), ('main.py', 3)),
           tr(700, ('e.py', 5), ('main.py', 1)),
           tr(50, ('f.py', 6)), tr(50, ('f.py', 6)), tr(50, ('f.py', 6)),
           tr(50, ('f.py', 6)),
           tr(200, ('g.py', 1)), tr(150, ('h.py', 1)), tr(50, ('i.py', 1)),
           tr(250, ('j.py', 1)), tr(7, ('k.py', 1), domain=2)]
    so = snap('diff_old', old)
    sn = snap('diff_new', new)
    for key in reference.KEY_TYPES:
        case('diff_%s' % key, 'diff', '-g', key, '-n', '0', so, sn)
        case('diff_%s_reversed' % key, 'diff', '-g', key, '-n', '0', sn, so)
    case('diff_cumulative', 'diff', '-c', '-n', '0', so, sn)
    case('diff_cumulative_filename', 'diff', '-c', '-g', 'filename', so, sn)
    case('diff_same_file', 'diff', '-n', '0', sn, sn)
    case('diff_limit_2', 'diff', '-n', '2', so, sn)
    case('diff_filtered', 'diff', '-x', 'main.py', '-a', '-n', '0', so, sn)
    case('diff_domain', 'diff', '--exclude-domain', '1', '-n', '0', so, sn)


def source_cases():
    """Traceback.format() source lines, read through linecache."""
    frames = [
        ('src/app.py', 1), ('src/app.py', 10), ('src/app.py', 14),
        ('src/app.py', 15), ('src/app.py', 12), ('src/app.py', 33),
        ('src/app.py', 1000), ('src/app.py', 0), ('./src/app.py', 20),
        ('src//app.py', 25), ('src/crlf.py', 2), ('src/crlf.py', 3),
        ('src/crlf.py', 4), ('src/cr.py', 2), ('src/cr.py', 4),
        ('src/bom.py', 1), ('src/bom.py', 2), ('src/latin1.py', 2),
        ('src/latin1.py', 3), ('src/cookie2.py', 3),
        ('src/bogus_cookie.py', 2), ('src/bom_latin1.py', 2),
        ('src/badutf8.py', 1), ('src/badutf8.py', 3)]
    frames += [('src/whitespace.py', i) for i in range(1, 9)]
    frames += [(name, 1) for name in SOURCES
               if name.startswith(('src/utf8_', 'src/bom_middle'))]
    frames += [('src/bom_middle.py', 2)]
    frames += [('src/noeol.py', 2), ('src/noeol.py', 3), ('src/empty.py', 1),
               ('src/nul.py', 2), ('src/long.py', 1), ('src/long.py', 2),
               ('src', 1), ('src/missing.py', 1), ('<string>', 1),
               ('src/\u00fcn\u00efcode.py', 1), ('src/capture_prog.py', 16)]
    s = snap('sources', [tr(1000 - i, f) for i, f in enumerate(frames)]
             + [tr(5, ('src/app.py', 10), ('src/app.py', 15),
                   ('src/app.py', 31), ('src/crlf.py', 2))])
    case('sources_traceback', 'top', '-g', 'traceback', '-n', '0', s)
    case('sources_lineno', 'top', '-n', '0', s)
    case('sources_diff_traceback', 'diff', '-g', 'traceback', '-n', '0',
         'fixtures/rich_p5.bin', s)


def view_cases():
    """memsnap's own --hide, --focus and --focus-only, against
    reference.apply_view(): a service whose allocations happen in the
    standard library, called from its own code, under frozen imports."""
    lib = '/usr/lib/python3.12/'
    app = '/srv/shop/myapp/'
    boot = ('<frozen importlib._bootstrap>', 1360)
    main = (app + 'main.py', 12)
    handlers = [(app + 'handlers.py', 58), (app + 'handlers.py', 71)]
    decode = [(lib + 'json/decoder.py', 353), (lib + 'json/decoder.py', 337),
              (lib + 'json/__init__.py', 346)]
    s = snap('views', [
        tr(4000, *decode, handlers[0], main),
        tr(3000, *decode, handlers[1], main),
        tr(2500, *decode, handlers[1], main),
        tr(900, decode[0], (app + 'cache.py', 9), handlers[0], main),
        tr(700, (lib + 'json/decoder.py', 353), main),
        tr(600, boot, ('<frozen importlib._bootstrap_external>', 995),
           boot, main),
        tr(500, boot, boot),
        tr(64, (lib + 'threading.py', 1010), (lib + 'threading.py', 1073)),
        tr(32, handlers[1], handlers[1], main, domain=3),
    ])
    frozen = '<frozen importlib._bootstrap*>'
    for key in ('lineno', 'filename', 'traceback'):
        case('view_focus_' + key, 'top', '-g', key, '-n', '0', '--focus',
             '*/myapp/*', s)
        case('view_hide_' + key, 'top', '-g', key, '-n', '0', '--hide',
             frozen, s)
    case('view_focus_cumulative', 'top', '-c', '-n', '0', '--focus',
         '*/myapp/handlers.py', s)
    case('view_hide_cumulative', 'top', '-c', '-g', 'filename', '-n', '0',
         '--hide', '*/json/*', s)
    case('view_focus_only', 'top', '-g', 'traceback', '-n', '0', '--focus',
         '*/myapp/*', '--focus-only', s)
    case('view_focus_lineno_pattern', 'top', '-n', '0', '--focus',
         '*/handlers.py:71', '--focus', '*/cache.py', s)
    case('view_focus_and_hide', 'top', '-g', 'traceback', '-n', '0',
         '--hide', '*/handlers.py', '--hide', frozen, '--focus', '*/myapp/*',
         s)
    case('view_hide_then_focus_nothing', 'top', '-n', '0', '--hide',
         '*/myapp/*', '--focus', '*/myapp/*', '--focus-only', s)
    case('view_hide_all', 'top', '-g', 'traceback', '-n', '0', '--hide', '*',
         s)
    case('view_hide_all_focus_only', 'top', '-n', '0', '--hide', '*',
         '--focus', '*', '--focus-only', s)
    case('view_filters_first', 'top', '-n', '0', '-x', '*/json/*',
         '--focus', '*/myapp/*', s)
    case('view_filters_all_frames', 'top', '-n', '0', '-a', '-i', frozen,
         '--hide', frozen, '--include-domain', '0', s)
    case('view_focus_pyc', 'top', '-n', '0', '--focus', '*/main.pyc', s)
    case('view_diff', 'diff', '-n', '0', '--focus', '*/myapp/*',
         'fixtures/rich_p5.bin', s)
    case('view_diff_traceback', 'diff', '-g', 'traceback', '-n', '0',
         '--hide', '*/json/*', s, 'fixtures/views.bin')
    case('view_rich', 'top', '-g', 'traceback', '-n', '0', '--hide',
         '<frozen *>', '--focus', 'src/*', 'fixtures/rich_p5.bin')
    case('view_real', 'top', '-g', 'traceback', '--hide', '<string>',
         'fixtures/real_3.12.bin')
    case('view_real_3_6', 'top', '-n', '0', '--focus', '*:43',
         '--focus-only', 'fixtures/real_3.6.bin')
    case('view_deep', 'top', '-c', '-n', '0', '--hide', 'ping.py',
         '--focus', 'pong.py', 'fixtures/deep.bin')
    case('view_big', 'diff', '-g', 'traceback', '-n', '5', '--focus',
         'pkg/*', 'fixtures/big_old_p2.bin', 'fixtures/big_new_p5.bin')
    case('view_focus_only_alone', 'top', '--focus-only', s, status=2,
         err='--focus-only needs --focus')


def order_cases():
    """memsnap's own --sort, --min-size and --percent, against
    reference.reorder() and 100 * size / total."""
    for order in ('size', 'count', 'average'):
        for fixture in ('ties', 'averages', 'sizes', 'real_3.12', 'huge'):
            case('order_top_%s_%s' % (order, fixture.replace('.', '_')), 'top', '--sort',
                 order, '-n', '0', 'fixtures/%s.bin' % fixture)
        case('order_top_%s_traceback' % order, 'top', '--sort', order, '-g', 'traceback',
             '-n', '5', 'fixtures/big_new_p5.bin')
    for order in ('size', 'count', 'average', 'growth', 'shrink'):
        case('order_diff_' + order, 'diff', '--sort', order, '-n', '0',
             'fixtures/diff_old.bin', 'fixtures/diff_new.bin')
        case('order_diff_%s_big' % order, 'diff', '--sort', order, '-g', 'filename',
             '-n', '8', 'fixtures/big_old_p2.bin', 'fixtures/big_new_p5.bin')
        case('order_diff_%s_sizes' % order, 'diff', '--sort', order, '-n', '0',
             'fixtures/diff_sizes_old.bin', 'fixtures/diff_sizes_new.bin')
    for size in ('0', '1', '100', '4096', '18446744073709551615'):
        case('order_min_size_' + size, 'top', '--min-size', size, '-n', '0',
             'fixtures/sizes.bin')
        case('order_diff_min_size_' + size, 'diff', '--min-size', size, '-n', '0',
             'fixtures/diff_sizes_old.bin', 'fixtures/diff_sizes_new.bin')
    case('order_min_size_limit', 'top', '--min-size', '50', '--sort', 'count', '-n', '2',
         'fixtures/averages.bin')
    case('percent_top', 'top', '--percent', '-n', '0', 'fixtures/real_3.12.bin')
    case('percent_cumulative', 'top', '--percent', '-c', '-n', '0', 'fixtures/deep.bin')
    case('percent_traceback', 'top', '--percent', '-g', 'traceback',
         'fixtures/rich_p5.bin')
    case('percent_huge', 'top', '--percent', '-n', '0', 'fixtures/huge.bin')
    case('percent_empty', 'top', '--percent', 'fixtures/empty.bin')
    case('percent_filtered', 'top', '--percent', '-i', 'src/*', '-n', '0',
         'fixtures/rich_p5.bin')
    case('percent_diff', 'diff', '--percent', '--sort', 'growth', '-n', '0',
         'fixtures/big_old_p2.bin', 'fixtures/big_new_p5.bin')
    case('percent_diff_to_empty', 'diff', '--percent', 'fixtures/diff_old.bin',
         'fixtures/empty.bin')
    case('order_top_growth_refused', 'top', '--sort', 'growth', 'fixtures/sizes.bin',
         status=2, err="--sort wants size, count or average, not 'growth'")
    case('order_diff_unknown_refused', 'diff', '--sort', 'name', 'fixtures/diff_old.bin',
         'fixtures/diff_new.bin', status=2,
         err="--sort wants size, count, average, growth or shrink, not 'name'")
    case('order_min_size_refused', 'top', '--min-size', '10XB', 'fixtures/sizes.bin',
         status=2, err="--min-size: size '10XB' has an unknown unit")


def usage_cases():
    """Exit status 2: usage errors, refusals and invalid input."""
    s = 'fixtures/cpython_1.bin'
    case('usage_no_args')
    case('usage_unknown_command', 'frobnicate', s)
    case('usage_top_no_file', 'top')
    case('usage_top_two_files', 'top', s, s)
    case('usage_diff_one_file', 'diff', s)
    case('usage_unknown_option', 'top', '--no-such-option', s)
    case('usage_bad_group_by', 'top', '-g', 'module', s)
    case('usage_bad_limit', 'top', '-n', 'ten', s)
    case('usage_missing_limit_value', 'top', s, '-n')
    case('usage_bad_domain', 'top', '--include-domain', 'one', s)
    case('usage_missing_file', 'top', 'fixtures/no-such-file.bin')
    case('usage_missing_old_file', 'diff', 'fixtures/no-such-file.bin', s)

    # Whole numbers are decimal digits, up to the largest memsnap holds
    # (2**64 - 1, reference.NUMBER_MAX); a refusal names the option.
    case('usage_limit_negative', 'top', '-n', '-1', s,
         err="--limit wants a whole number, not '-1'")
    case('usage_limit_suffix', 'top', '-n', '1x', s,
         err="--limit wants a whole number, not '1x'")
    case('usage_limit_hex', 'top', '--limit', '0x10', s,
         err="--limit wants a whole number, not '0x10'")
    case('usage_limit_empty', 'top', '-n', '', s,
         err="--limit wants a whole number, not ''")
    case('usage_limit_huge', 'top', '-n', '99999999999999999999', s,
         err='--limit: 99999999999999999999 is out of range '
             '(0 to 18446744073709551615)')
    case('usage_limit_past_max', 'diff', '-n', '18446744073709551616', s, s,
         err='--limit: 18446744073709551616 is out of range')
    case('options_limit_max', 'top', '-n', '18446744073709551615', s)
    case('options_limit_leading_zeros', 'top', '-n', '007', s)
    case('usage_domain_huge', 'top', '--exclude-domain',
         '18446744073709551616', s,
         err='--exclude-domain: 18446744073709551616 is out of range')
    case('usage_domain_negative', 'top', '--include-domain', '-1', s,
         err="--include-domain wants a whole number, not '-1'")
    case('options_domain_max', 'top', '--exclude-domain',
         '18446744073709551615', s)
    case('usage_pattern_lineno_huge', 'top', '-i', '*:18446744073709551616',
         s, err='--include: line number 18446744073709551616 is out of range')
    case('options_pattern_lineno_max', 'top', '-x', '*:18446744073709551615',
         s)
    case('usage_top_hex', 'timeline', '--top', '0x10', s, status=2,
         err="--top wants a whole number, not '0x10'")
    case('usage_top_huge', 'timeline', '--top', '99999999999999999999', s,
         status=2, err='--top: 99999999999999999999 is out of range')
    case('bad_threads_zero', 'top', '--threads', '0', 'fixtures/cpython_1.bin',
         status=2, err='--threads: 0 is out of range (1 to 1024)')

    # An option refused is named as it was meant, inside a cluster too.
    case('usage_unknown_short_in_cluster', 'top', '-Zc', s,
         err="unknown option '-Z' (see 'memsnap top --help')")
    case('usage_unknown_short_last', 'top', '-cZ', s,
         err="unknown option '-Z'")
    case('usage_unknown_long_value', 'top', '--no-such=3', s,
         err="unknown option '--no-such'")
    case('usage_missing_value_in_cluster', 'top', s, '-cn',
         err="option '-n' needs a value")
    case('usage_missing_long_value', 'diff', s, s, '--limit',
         err="option '--limit' needs a value")
    case('usage_flag_with_value', 'top', '--cumulative=yes', s,
         err="option '--cumulative' takes no value")
    case('usage_help_unknown_command', 'help', 'frobnicate', status=2,
         err="'frobnicate' is not a memsnap command")

    # Files Python must never unpickle (or that are not snapshots at all):
    # the status is the contract's, stated here, not computed.
    good = FIXTURES['rich_p5']
    bad = {
        'bad_empty_file': b'',
        'bad_text': b'this is not a pickle\n',
        'bad_truncated': good[:len(good) // 2],
        'bad_truncated_no_stop': good[:-1],
        # os.system('true') in protocol 2: a class outside the allowlist.
        'bad_global_os_system': (b'\x80\x02cos\nsystem\nq\x00X\x04\x00\x00'
                                 b'\x00trueq\x01\x85q\x02Rq\x03.'),
        'bad_other_class': pickle.dumps(collections.OrderedDict(a=1), 4),
        'bad_list': pickle.dumps([(0, 1, (('a.py', 1),), 1)], 4),
        # SHORT_BINUNICODE says 200 bytes, 3 follow.
        'bad_length': b'\x80\x04\x8c\xc8abc.',
        'bad_binunicode_huge': b'\x80\x04X\xff\xff\xff\x7fabc.',
    }
    broken = tracemalloc.Snapshot([], 1)
    broken.traces._traces = 42
    bad['bad_traces_not_list'] = pickle.dumps(broken, 5)
    bad['bad_trace_two_fields'] = pickle.dumps(
        tracemalloc.Snapshot([(0, 1)], 1), 5)
    bad['bad_size_is_str'] = pickle.dumps(
        tracemalloc.Snapshot([(0, 'big', (('a.py', 1),), 1)], 1), 5)
    for name, data in bad.items():
        path = fixture(name, data)
        case(name, 'top', path, status=2)
        case(name + '_diff', 'diff', s, path, status=2)


# ---------------------------------------------------------------------------
# Writing cases

def escape_arg(arg):
    """One argument as a token of a case's args line (../README.md)."""
    if arg == '':
        return "''"
    raw = os.fsencode(arg)
    try:
        raw.decode('utf-8')
        keep_utf8 = True
    except UnicodeDecodeError:
        keep_utf8 = False
    out = []
    for byte in raw:
        if byte == 0x5c:
            out.append('\\\\')
        elif byte <= 0x20 or byte in (0x27, 0x7f) or (byte >= 0x80
                                                      and not keep_utf8):
            out.append('\\x%02x' % byte)
        else:
            out.append(bytes([byte]).decode('latin-1'))
    text = ''.join(out)
    # Non-ASCII bytes of valid UTF-8 stay as they are.
    return text.encode('latin-1').decode('utf-8')


def case_file(argv, status=0, stdin=None, err=None):
    """The lines of NAME.case (../README.md): arguments, status, stdin,
    and text standard error must contain."""
    lines = [' '.join(['args'] + [escape_arg(a) for a in argv])]
    if status:
        lines.append('status %d' % status)
    if stdin:
        lines.append('stdin ' + stdin)
    if err:
        assert '\\' not in err and err.isprintable(), err
        lines.append('stderr ' + err)
    return ('\n'.join(lines) + '\n').encode('utf-8')


def write_outputs():
    for d in ('fixtures', 'cases'):
        os.makedirs(d, exist_ok=True)
    for name in os.listdir('fixtures'):
        if name[:-4] not in FIXTURES:
            os.unlink(os.path.join('fixtures', name))
    for name, data in FIXTURES.items():
        with open(os.path.join('fixtures', name + '.bin'), 'wb') as fp:
            fp.write(data)
    for name in os.listdir('cases'):
        os.unlink(os.path.join('cases', name))
    for name, (argv, stdin, status, err) in CASES.items():
        if status is None:
            status, out = reference.run(argv, stdin)
        else:
            out = b''
        base = os.path.join('cases', name)
        with open(base + '.case', 'wb') as fp:
            fp.write(case_file(argv, status, stdin, err))
        with open(base + '.out', 'wb') as fp:
            fp.write(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--recapture', action='store_true',
                        help='remake the fixtures dumped by Python 3.6-3.13')
    args = parser.parse_args()
    if sys.version_info < (3, 10):
        sys.exit('generate.py needs Python 3.10+ as the reference')
    os.chdir(HERE)
    write_sources()
    cpython_cases()
    format_size_cases()
    real_and_version_cases(args)
    protocol_cases()
    feature_cases()
    merge_cases()
    big_cases()
    source_cases()
    view_cases()
    order_cases()
    usage_cases()
    write_outputs()
    print('%d fixtures, %d cases' % (len(FIXTURES), len(CASES)))


if __name__ == '__main__':
    main()
