#!/usr/bin/env python3
"""memsnap's machine-readable output and converted snapshots, checked
against Python's own tracemalloc (run by python.sh; needs Python 3.10+).

1. json, csv, tsv and collapsed output of many snapshots and options,
   parsed with the json and csv modules (and the documented TSV escapes
   and folded-stack grammar), equal the numbers and tracebacks of
   Snapshot.statistics() / compare_to().
2. Snapshots converted to JSON and back to a pickle load with
   tracemalloc.Snapshot.load() in every Python 3.6 to 3.13 found (pyenv, or
   MEMSNAP_PYTHON_3_X=/path/python) and print the same statistics as the
   original there.
3. Source lines under traceback frames equal Traceback.format()'s for
   files with BOMs and coding cookies.
4. Collapsed output renders with flamegraph.pl when FLAMEGRAPH names it
   (or it is on PATH).
5. convert with filters writes the traces of Snapshot.filter_traces(),
   and for snapshots tracemalloc took, the very bytes dump() writes.

    python3 tests/formats/python_check.py MEMSNAP_BINARY
"""

import csv
import difflib
import io
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, '..', 'golden')
sys.dont_write_bytecode = True
sys.path.insert(0, GOLDEN)
import reference  # noqa: E402

failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print('FAIL', what)


def memsnap(*args, stdin=None):
    r = subprocess.run([MEMSNAP] + list(args), capture_output=True, stdin=stdin)
    if r.returncode:
        raise RuntimeError('memsnap %s: exit %d: %s' % (' '.join(args), r.returncode,
                                                        r.stderr.decode(errors='replace')))
    return r.stdout


def fsdecode(raw):
    return raw.decode('utf-8', 'surrogateescape')


def frames_of(traceback):
    return [(f.filename, f.lineno) for f in traceback]


def fsencode(text):
    """memsnap's bytes for a str: surrogate escapes back to their bytes."""
    return b''.join(bytes([ord(c) - 0xdc00]) if '\udc80' <= c <= '\udcff'
                    else c.encode('utf-8', 'surrogatepass') for c in text)


def as_bytes(rows):
    """Filenames as the bytes memsnap writes in csv, tsv and collapsed:
    two names can differ as str and still be the same bytes."""
    return [dict(r, traceback=[(fsencode(n), l) for n, l in r['traceback']]) for r in rows]


# ---------------------------------------------------------------------------
# 1. numbers of every format against statistics()

def python_stats(cmd, files, filters=()):
    snaps = [reference.load_snapshot(f).filter_traces(list(filters)) for f in files]
    if cmd[0] == 'top':
        return snaps, snaps[0].statistics(cmd[1], cmd[2])
    return snaps, snaps[1].compare_to(snaps[0], cmd[1], cmd[2])


def argv_of(cmd):
    args = [cmd[0], '-n', '0', '-g', cmd[1]]
    if cmd[2]:
        args.append('-c')
    return args


def expect_rows(stats):
    rows = []
    for s in stats:
        row = {'size': s.size, 'count': s.count, 'traceback': frames_of(s.traceback)}
        if isinstance(s, tracemalloc.StatisticDiff):
            row.update(size_diff=s.size_diff, count_diff=s.count_diff)
        rows.append(row)
    return rows


def check_json(cmd, files, stats, snaps):
    doc = json.loads(memsnap(*argv_of(cmd), '-f', 'json', *files))
    got = [dict(s, traceback=[(f['filename'], f['lineno']) for f in s['traceback']])
           for s in doc['stats']]
    what = 'json %s %s' % (cmd, files)
    check(got == expect_rows(stats), what)
    check(doc['groups'] == len(stats) and doc['other']['groups'] == 0, what + ' groups')
    total = sum(t.size for t in snaps[-1].traces)
    key = 'new' if cmd[0] == 'diff' else 'snapshot'
    check(doc[key]['size'] == total and doc[key]['count'] == len(snaps[-1].traces),
          what + ' totals')


def split_frames(text):
    """A traceback field back into frames, as the manual says: split on
    ';', then on each frame's last ':', then percent-decode the name."""
    return [(urllib.parse.unquote(name, errors='surrogateescape'), int(line))
            for name, line in (frame.rsplit(':', 1) for frame in text.split(';'))]


def check_table(cmd, files, stats, fmt):
    out = memsnap(*argv_of(cmd), '-f', fmt, *files).decode('utf-8', 'surrogateescape')
    if fmt == 'csv':
        rows = list(csv.reader(io.StringIO(out, newline='')))
    else:
        unescape = {'\\\\': '\\', '\\t': '\t', '\\n': '\n', '\\r': '\r'}
        rows = [[re.sub(r'\\[\\tnr]', lambda m: unescape[m.group()], field)
                 for field in line.split('\t')] for line in out.split('\n')[:-1]]
    header, rows = rows[0], rows[1:]
    got = []
    for row in rows:
        r = dict(zip(header, row))
        item = {'size': int(r['size']), 'count': int(r['count'])}
        if 'size_diff' in r:
            item.update(size_diff=int(r['size_diff']), count_diff=int(r['count_diff']))
        if 'traceback' in r:
            item['traceback'] = split_frames(r['traceback'])
        else:
            item['traceback'] = [(r['filename'], int(r['lineno']))]
        expected_avg = '' if not item['count'] else str(
            round(__import__('fractions').Fraction(item['size'], item['count'])))
        check(r['average'] == expected_avg, '%s average %s' % (fmt, r))
        got.append(item)
    expected = expect_rows(stats)
    if cmd[1] == 'traceback':
        # a ';' or ':' in a filename makes the joined frames ambiguous
        keep = [i for i, e in enumerate(expected)
                if not any(';' in n or '\n' in n for n, _ in e['traceback'])]
        got = [got[i] for i in keep]
        expected = [expected[i] for i in keep]
    check(as_bytes(got) == as_bytes(expected), '%s %s %s' % (fmt, cmd, files))


# flamegraph.pl's reading: the last number is the value; for a diff, the
# number before it is the old value.
COLLAPSED = re.compile(rb'^(.*) (\d+)$')
COLLAPSED_DIFF = re.compile(rb'^(.*) (\d+) (\d+)$')


def check_collapsed(cmd, files, stats):
    if cmd[1] != 'traceback' and cmd[2]:
        return
    out = memsnap(*argv_of(cmd), '-f', 'collapsed', *files)
    lines = out.split(b'\n')
    check(lines[-1] == b'', 'collapsed ends with a newline')
    got = []
    for line in lines[:-1]:
        m = (COLLAPSED_DIFF if cmd[0] == 'diff' else COLLAPSED).match(line)
        check(m is not None, 'collapsed grammar: %r' % line)
        if not m:
            return
        frames = [fsdecode(f).rsplit(':', 1) for f in m.group(1).split(b';')]
        values = [int(v) for v in m.groups()[1:]]
        got.append(([(fsencode(n), int(l)) for n, l in frames], values))
    expected = []
    for s in stats:
        names = [(re.sub(rb'[;\x00-\x1f\x7f]', b'?', fsencode(n)), l)
                 for n, l in frames_of(s.traceback)]
        if isinstance(s, tracemalloc.StatisticDiff):
            expected.append((names, [s.size - s.size_diff, s.size]))
        else:
            expected.append((names, [s.size]))
    check(got == expected, 'collapsed %s %s' % (cmd, files))
    return out


def formats():
    fixtures = os.path.join(GOLDEN, 'fixtures')
    singles = sorted(os.path.join(fixtures, f) for f in os.listdir(fixtures)
                     if f.endswith('.bin') and not f.startswith('bad_')
                     and f not in ('rich_trailing_bytes.bin', 'rich_twice.bin'))
    singles.append(os.path.join(HERE, 'fixtures', 'frames.bin'))
    pairs = [('diff_old.bin', 'diff_new.bin'), ('diff_sizes_old.bin', 'diff_sizes_new.bin'),
             ('real_3.6.bin', 'real_3.13.bin'), ('cpython_1.bin', 'cpython_2.bin'),
             ('rich_p5.bin', 'empty.bin'), ('empty.bin', 'unicode.bin')]
    runs = []
    for f in singles:
        for key, cum in (('lineno', False), ('filename', True), ('traceback', False)):
            runs.append((('top', key, cum), [f]))
    for a, b in pairs:
        for key, cum in (('lineno', True), ('filename', False), ('traceback', False)):
            runs.append((('diff', key, cum),
                         [os.path.join(fixtures, a), os.path.join(fixtures, b)]))
    for cmd, files in runs:
        snaps, stats = python_stats(cmd, files)
        check_json(cmd, files, stats, snaps)
        check_table(cmd, files, stats, 'csv')
        check_table(cmd, files, stats, 'tsv')
        check_collapsed(cmd, files, stats)
    # filters travel into every format the same way
    f = os.path.join(fixtures, 'rich_p5.bin')
    filters = [tracemalloc.Filter(False, 'src/*', 32, True), tracemalloc.DomainFilter(True, 0)]
    snaps = [reference.load_snapshot(f).filter_traces(filters)]
    doc = json.loads(memsnap('top', '-f', 'json', '-a', '-n', '0', '-x', 'src/*:32',
                             '--include-domain', '0', f))
    check([(s['size'], s['count']) for s in doc['stats']] ==
          [(s.size, s.count) for s in snaps[0].statistics('lineno')], 'json with filters')


# ---------------------------------------------------------------------------
# 2. converted snapshots in every Python

STATS_SCRIPT = r'''
import sys, tracemalloc
for path in sys.argv[1:]:
    snap = tracemalloc.Snapshot.load(path)
    for key in ('lineno', 'filename', 'traceback'):
        for cum in ((False, True) if key != 'traceback' else (False,)):
            for s in snap.statistics(key, cum):
                print(s)
                if key == 'traceback':
                    print(list(s.traceback))
    print(snap.traceback_limit, len(snap.traces))
    print('--')
'''


def find_python(version):
    env = os.environ.get('MEMSNAP_PYTHON_%s' % version.replace('.', '_'))
    if env:
        return env
    if not shutil.which('pyenv'):
        return None
    out = subprocess.run(['pyenv', 'versions', '--bare'], capture_output=True,
                         text=True).stdout
    for line in out.split():
        if line.startswith(version + '.'):
            prefix = subprocess.run(['pyenv', 'prefix', line], capture_output=True,
                                    text=True).stdout.strip()
            return os.path.join(prefix, 'bin', 'python3')
    return None


def statistics_in(python, paths):
    env = dict(os.environ, PYTHONIOENCODING='utf-8:surrogatepass')
    r = subprocess.run([python, '-c', STATS_SCRIPT] + paths, capture_output=True, env=env)
    if r.returncode:
        raise RuntimeError('%s: %s' % (python, r.stderr.decode(errors='replace')[-500:]))
    return r.stdout.split(b'--\n')[:-1]


def conversions(tmp):
    fixtures = os.path.join(GOLDEN, 'fixtures')
    versions = ['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13']
    found = {v: find_python(v) for v in versions}
    found = {v: p for v, p in found.items() if p and os.path.exists(p)}
    print('Pythons for the conversion checks: %s' % (' '.join(found) or 'none'))
    sources = {}
    for v in versions:
        for kind in ('real', 'synth'):
            sources['%s_%s' % (kind, v)] = os.path.join(fixtures, '%s_%s.bin' % (kind, v))
    for name in ('rich_p2', 'rich_p5_optimized', 'huge', 'unicode', 'empty', 'domains'):
        sources[name] = os.path.join(fixtures, name + '.bin')
    sources['frames'] = os.path.join(HERE, 'fixtures', 'frames.bin')
    for name in ('rich_table.json', 'real_3.8.json', 'control.json'):
        sources[name] = os.path.join(HERE, 'fixtures', name)
    converted = {}
    for name, path in sources.items():
        j = os.path.join(tmp, name + '.json')
        p = os.path.join(tmp, name + '.pickle')
        memsnap('convert', '-f', 'json', '-o', j, path)
        memsnap('convert', '-f', 'pickle', '-o', p, j)
        converted[name] = (path, p)
        # JSON from memsnap reads in Python's json as the same snapshot
        with open(j, 'rb') as fp:
            doc = json.load(fp)
        original = reference.load_snapshot(p)
        traces = original.traces._traces
        check(len(doc['traces']) == len(traces) and all(
            (t['domain'], t['size']) == (o[0], o[1]) and
            [(f['filename'], f['lineno']) for f in reversed(doc['tracebacks'][t['traceback']])]
            == list(o[2]) for t, o in zip(doc['traces'], traces)), 'json of %s' % name)
    for v, python in found.items():
        three_fields = v in ('3.6', '3.7', '3.8')
        for name, (path, p) in sorted(converted.items()):
            if name.endswith('.json'):
                continue  # compared below, against Python's reading of the JSON
            with open(path, 'rb') as fp:
                snap = pickle.load(fp)
            fields = len(snap.traces._traces[0]) if snap.traces._traces else 0
            if fields and (fields == 3) != three_fields:
                continue  # this Python's statistics() cannot unpack those traces
            if v in ('3.6', '3.7') and open(path, 'rb').read(2)[1] > 4:
                continue  # the original does not load there either
            before, after = statistics_in(python, [path, p])
            check(before == after, 'Python %s: statistics of %s after convert' % (v, name))
    # JSON snapshots written by Python's json module, through a pickle
    for name in ('rich_table.json', 'control.json'):
        path, p = converted[name]
        theirs = reference.upgrade_traces(tracemalloc.Snapshot.load(p))
        mine = load_json_snapshot(path)
        check([str(s) for s in theirs.statistics('traceback')] ==
              [str(s) for s in mine.statistics('traceback')], 'pickle of %s' % name)


FILTER_SETS = [
    ['-x', 'src/capture_prog.py:22'],
    ['-i', '*.py', '-x', 'lib/*'],
    ['-a', '-x', '<frozen *>', '--exclude-domain', '1'],
    ['--include-domain', '0', '--include-domain', '3'],
    ['-a', '-i', 'src/*:1[0-9]'],
    ['-i', 'nothing-matches'],
]


def filtered_conversions(tmp):
    fixtures = os.path.join(GOLDEN, 'fixtures')
    names = ['real_3.%d' % v for v in range(9, 14)]
    names += ['rich_p5', 'domains', 'unicode', 'control', 'deep', 'views', 'huge', 'empty']
    for name in names:
        path = os.path.join(fixtures, name + '.bin')
        for args in FILTER_SETS:
            cmd = reference.parse_args(['top'] + args + [path])
            out = os.path.join(tmp, 'filtered.bin')
            memsnap('convert', '-f', 'pickle', *args, '-o', out, path)
            theirs = reference.load_snapshot(path).filter_traces(cmd.filters())
            mine = reference.load_snapshot(out)
            what = 'convert %s %s' % (' '.join(args), name)
            check(mine.traces._traces == theirs.traces._traces and
                  mine.traceback_limit == theirs.traceback_limit, what + ': traces')
            if name.startswith('real_'):
                with open(out, 'rb') as fp:
                    check(fp.read() == pickle.dumps(theirs, pickle.HIGHEST_PROTOCOL),
                          what + ': the bytes of dump()')


def load_json_snapshot(path):
    sys.path.insert(0, HERE)
    import generate
    with open(path, 'rb') as fp:
        return reference.upgrade_traces(generate.snapshot_from_json(fp.read()))


# ---------------------------------------------------------------------------
# 3. source lines with BOMs and coding cookies

HEADERS = [b'', b'\xef\xbb\xbf', b'# coding: latin-1\n', b'# -*- coding: iso-8859-1 -*-\n',
           b'#!/usr/bin/python\n# vim: set fileencoding=latin1 :\n',
           b'\n# coding=utf-8\n', b'\xef\xbb\xbf# coding: utf-8\n',
           b'\xef\xbb\xbf# coding: latin-1\n', b'\xef\xbb\xbf# coding: utf8\n',
           b'# coding: ascii\n', b'# coding: US-ASCII\n', b'# coding: no-such-codec\n',
           b'x = 1\n# coding: latin-1\n', b'# no cookie\n\n# coding: latin-1\n',
           b'# coding:latin-1-x\n', b'  \t# encoding = utf_8_sig\n', b'# coding: \n',
           b'#coding=l1\n', b'# codingx: latin-1 coding: latin-1\n', b'\x0c# coding: latin-1\n',
           b'\r# coding: latin-1\n']
BODIES = [b'a = "caf\xc3\xa9"\nb = 2\n', b'a = "caf\xe9"\nb = 2\n', b'a = 1\r\nb = "\xb5"\r\n',
          b'plain = 1\nsecond = 2\n']


def sources(tmp):
    traces = []
    d = os.path.join(tmp, 'src')
    os.makedirs(d)
    for i, head in enumerate(HEADERS):
        for k, body in enumerate(BODIES):
            name = 'src/h%d_b%d.py' % (i, k)
            with open(os.path.join(tmp, name), 'wb') as fp:
                fp.write(head + body)
            nlines = (head + body).count(b'\n') + 1
            tb = tuple((name, line) for line in range(1, nlines + 1))
            traces.append((0, 1000 + len(traces), tb, len(tb)))
    snapshot = os.path.join(tmp, 'sources.bin')
    tracemalloc.Snapshot(traces, 10).dump(snapshot)
    out = subprocess.run([MEMSNAP, 'top', '-g', 'traceback', '-n', '0', 'sources.bin'],
                         capture_output=True, cwd=tmp, check=True).stdout
    got = [line for line in out.split(b'\n')[:-1] if not line.startswith(b'#')]
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        snap = tracemalloc.Snapshot.load('sources.bin')
        expected = reference.encode_lines(reference.format_statistics(
            snap.statistics('traceback'), 'traceback')).split(b'\n')[:-1]
    finally:
        os.chdir(cwd)
    diff = list(difflib.unified_diff([e.decode('utf-8', 'replace') for e in expected],
                                     [g.decode('utf-8', 'replace') for g in got],
                                     'Python', 'memsnap', lineterm='', n=1))
    check(not diff, 'source lines differ from Python:\n  ' + '\n  '.join(diff[:40]))


# ---------------------------------------------------------------------------
# 4. flamegraph.pl

def flamegraph(tmp):
    tool = os.environ.get('FLAMEGRAPH') or shutil.which('flamegraph.pl')
    if not tool:
        print('flamegraph.pl not found (set FLAMEGRAPH=/path/flamegraph.pl): '
              'collapsed output checked against its grammar only')
        return
    for args in (['top', '-g', 'traceback', '-n', '0'], ['diff', '-g', 'traceback', '-n', '0']):
        files = [os.path.join(GOLDEN, 'fixtures', 'diff_old.bin')] if args[0] == 'diff' else []
        files.append(os.path.join(GOLDEN, 'fixtures', 'diff_new.bin'))
        folded = memsnap(*args, '-f', 'collapsed', *files)
        r = subprocess.run(['perl', tool], input=folded, capture_output=True)
        svg = r.stdout.decode(errors='replace')
        check(r.returncode == 0 and '<svg' in svg and 'main.py:9' in svg
              and 'ERROR' not in svg, 'flamegraph.pl renders %s output' % args[0])
        print('flamegraph.pl rendered %s output: %d bytes of SVG' % (args[0], len(svg)))


def main():
    global MEMSNAP
    if len(sys.argv) != 2:
        sys.exit('usage: python_check.py MEMSNAP_BINARY')
    MEMSNAP = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        formats()
        conversions(tmp)
        filtered_conversions(tmp)
        sources(tmp)
        flamegraph(tmp)
    print('%d checks, %d failed' % (checks, len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
