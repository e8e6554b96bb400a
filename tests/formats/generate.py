#!/usr/bin/env python3
"""Write the format tests' fixtures and the output Python expects for them.

Run with the reference interpreter (any Python 3.10+):

    python3 tests/formats/generate.py

It rewrites fixtures/ (gzip-compressed snapshots, JSON snapshots written
by Python's json module, a snapshot whose tracebacks point at a server's
paths, a multi-frame pickle), expected/ (the JSON form memsnap's convert
must write for ../golden/fixtures/real_3.X.bin) and cases/ (memsnap
arguments, expected stdout, expected status, in the case format of
../README.md; run with tests/formats as the current directory by
../run_cases.sh).

Every number comes from Python's own tracemalloc: statistics(),
compare_to(), filter_traces() and the snapshot's own traces.  The layout
each format puts those numbers in (documented in man/memsnap.1, OUTPUT
FORMATS) is written out here a second time, in Python, so that the
expected bytes never come from memsnap.
"""

import collections
import gzip
import io
import json
import os
import pickle
import re
import sys
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, '..', 'golden')
sys.dont_write_bytecode = True
sys.path.insert(0, GOLDEN)
import generate as golden  # noqa: E402  (escape_arg, case_file)
import reference  # noqa: E402

G = '../golden/'  # the golden tests' fixtures, relative to this directory

# ---------------------------------------------------------------------------
# Reading snapshots the way the cases give them to memsnap

GZIP_MAGIC = b'\x1f\x8b'


def snapshot_from_json(data):
    """A Snapshot from memsnap's JSON form: trusted fixtures, no checks."""
    doc = json.loads(data.decode('utf-8-sig'))
    table = [tuple((f['filename'], f['lineno']) for f in reversed(tb))
             for tb in doc.get('tracebacks', [])]
    fields = doc.get('trace_fields', 4)
    traces = []
    for t in doc['traces']:
        tb = t['traceback']
        tb = table[tb] if isinstance(tb, int) else tuple(
            (f['filename'], f['lineno']) for f in reversed(tb))
        trace = (t.get('domain', 0), t['size'], tb)
        if fields == 4:
            trace += (t.get('total_nframe', len(tb)),)
        traces.append(trace)
    return tracemalloc.Snapshot(traces, doc['traceback_limit'])


def read_bytes(path):
    with open(path, 'rb') as fp:
        data = fp.read()
    if data.startswith(GZIP_MAGIC):
        data = gzip.decompress(data)
    return data


def load(path):
    """The snapshot in path (pickle or JSON, maybe gzip) as 3.9+ sees it:
    a gzip-compressed pickle as pickle.load(gzip.open(path)) reads it, up
    to its STOP and no further."""
    with open(path, 'rb') as fp:
        data = fp.read()
    if data.startswith(GZIP_MAGIC):
        stream = gzip.GzipFile(fileobj=io.BytesIO(data))
        if stream.peek(1)[:1] == b'\x80':
            return reference.upgrade_traces(pickle.load(stream))
        data = stream.read()
    if data.lstrip(b'\xef\xbb\xbf \t\r\n').startswith(b'{'):
        snap = snapshot_from_json(data)
    else:
        snap = pickle.loads(data)
    return reference.upgrade_traces(snap)


# ---------------------------------------------------------------------------
# The command line, as memsnap reads it

class Options:
    def __init__(self, argv, stdin):
        self.format = 'text'
        self.count = False
        self.path_maps = []
        self.no_source = False
        core = []  # what reference.parse_args() knows
        self.filters = []  # in command-line order, for the json format
        all_frames = False
        args = iter(argv)
        for arg in args:
            if arg in ('-f', '--format'):
                self.format = next(args)
            elif arg == '--count':
                self.count = True
            elif arg == '--path-map':
                old, new = next(args).split('=', 1)
                self.path_maps.append((old, new))
            elif arg == '--no-source':
                self.no_source = True
            else:
                core.append(arg)
                if arg in ('-a', '--all-frames'):
                    all_frames = True
                if arg in ('-i', '--include', '-x', '--exclude'):
                    core.append(next(args))
                    pattern, lineno = reference.split_pattern(core[-1])
                    self.filters.append(('file', arg in ('-i', '--include'),
                                         pattern, lineno))
                elif arg in ('--include-domain', '--exclude-domain'):
                    core.append(next(args))
                    self.filters.append(('domain', arg == '--include-domain',
                                         int(core[-1])))
                elif arg in reference._OPTIONS_WITH_VALUE:
                    core.append(next(args))
        self.cmd = reference.parse_args(core)
        self.paths = [stdin if f == '-' else f for f in self.cmd.files]
        self.python_filters = []
        for f in self.filters:
            if f[0] == 'file':
                self.python_filters.append(
                    tracemalloc.Filter(f[1], f[2], f[3], all_frames))
            else:
                self.python_filters.append(tracemalloc.DomainFilter(f[1], f[2]))


# ---------------------------------------------------------------------------
# Layouts

def fsencode(text):
    """memsnap's bytes for a str: surrogate escapes back to their bytes."""
    return b''.join(bytes([ord(c) - 0xdc00]) if '\udc80' <= c <= '\udcff'
                    else c.encode('utf-8', 'surrogatepass') for c in text)


def json_string(text):
    out = json.dumps(text, ensure_ascii=False)
    return re.sub('[\ud800-\udfff]', lambda m: '\\u%04x' % ord(m.group()), out)


class Raw(str):
    """A JSON number as memsnap writes it, such as a percentage to two places."""


def json_dump(value, inline_depth, depth=0):
    """memsnap's JSON layout: indented by two spaces, containers opened at
    inline_depth or deeper on one line."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if value is None:
        return 'null'
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json_string(value)
    if isinstance(value, dict):
        items = ['%s: %s' % (json_string(k), json_dump(v, inline_depth, depth + 1))
                 for k, v in value.items()]
        open_, close = '{', '}'
    else:
        items = [json_dump(v, inline_depth, depth + 1) for v in value]
        open_, close = '[', ']'
    if not items:
        return open_ + close
    if depth >= inline_depth:
        return open_ + ', '.join(items) + close
    pad = '  ' * (depth + 1)
    return (open_ + '\n' + ',\n'.join(pad + i for i in items) + '\n'
            + '  ' * depth + close)


def frames(traceback):
    return [{'filename': f.filename, 'lineno': f.lineno} for f in traceback]


def average(size, count):
    q, r = divmod(size, count)
    if 2 * r > count or (2 * r == count and q % 2):
        q += 1
    return q


def fmt_size(size, sign=False):
    return tracemalloc._format_size(size, sign)


def is_diff(stat):
    return isinstance(stat, tracemalloc.StatisticDiff)


def write_json(opts, snaps, stats, shown):
    cmd = opts.cmd
    filters = []
    for f in opts.python_filters:
        if isinstance(f, tracemalloc.DomainFilter):
            filters.append({'inclusive': f.inclusive, 'domain': f.domain})
        else:
            filters.append({'inclusive': f.inclusive,
                            'filename_pattern': f.filename_pattern,
                            'lineno': f.lineno, 'all_frames': f.all_frames})
    doc = {'command': cmd.name, 'group_by': cmd.key_type,
           'cumulative': cmd.cumulative, 'limit': cmd.limit,
           'filters': filters}

    def describe(name, snap):
        return {'file': name, 'traceback_limit': snap.traceback_limit,
                'size': sum(t.size for t in snap.traces),
                'count': len(snap.traces)}

    def numbers(size, size_diff, count, count_diff):
        return {'size': size, 'size_diff': size_diff, 'count': count,
                'count_diff': count_diff}

    if cmd.name == 'diff':
        doc['old'] = describe(cmd.files[0], snaps[0])
        doc['new'] = describe(cmd.files[1], snaps[1])
        old, new = doc['old'], doc['new']
        doc['total'] = numbers(new['size'], new['size'] - old['size'],
                               new['count'], new['count'] - old['count'])
    else:
        doc['snapshot'] = describe(cmd.files[0], snaps[0])
    doc['groups'] = len(stats)
    items = []
    for s in shown:
        if is_diff(s):
            item = numbers(s.size, s.size_diff, s.count, s.count_diff)
        else:
            item = {'size': s.size, 'count': s.count}
        if cmd.percent:
            item['percent'] = Raw('%.2f' % percent(snaps, s))
        item['traceback'] = frames(s.traceback)
        items.append(item)
    doc['stats'] = items
    rest = rest_of(stats, shown)
    other = {'groups': len(rest)}
    if cmd.name == 'diff':
        other.update(numbers(sum(s.size for s in rest),
                             sum(s.size_diff for s in rest),
                             sum(s.count for s in rest),
                             sum(s.count_diff for s in rest)))
    else:
        other.update(size=sum(s.size for s in rest),
                     count=sum(s.count for s in rest))
    doc['other'] = other
    return (json_dump(doc, 2) + '\n').encode('utf-8')


def escape_frame_name(raw):
    """A file name in a traceback field: ';' and '%' percent-encoded."""
    return raw.replace(b'%', b'%25').replace(b';', b'%3B')


def write_table(opts, snaps, stats, shown, sep):
    diff = opts.cmd.name == 'diff'
    traceback = opts.cmd.key_type == 'traceback'
    header = ['size', 'count', 'average']
    if diff:
        header += ['size_diff', 'count_diff']
    if opts.cmd.percent:
        header += ['percent']
    header += ['traceback'] if traceback else ['filename', 'lineno']

    def field(raw):
        if sep == b'\t':
            for a, b in ((b'\\', b'\\\\'), (b'\t', b'\\t'), (b'\n', b'\\n'),
                         (b'\r', b'\\r')):
                raw = raw.replace(a, b)
            return raw
        if any(c in raw for c in (b',', b'"', b'\n', b'\r')):
            return b'"' + raw.replace(b'"', b'""') + b'"'
        return raw

    lines = [sep.join(field(h.encode()) for h in header)]
    for s in shown:
        row = [b'%d' % s.size, b'%d' % s.count,
               b'%d' % average(s.size, s.count) if s.count else b'']
        if diff:
            row += [b'%d' % s.size_diff, b'%d' % s.count_diff]
        if opts.cmd.percent:
            row.append(b'%.2f' % percent(snaps, s))
        if traceback:
            row.append(field(b';'.join(escape_frame_name(fsencode(f.filename))
                                       + b':%d' % f.lineno for f in s.traceback)))
        else:
            f = s.traceback[0]
            row += [field(fsencode(f.filename)), b'%d' % f.lineno]
        lines.append(sep.join(row))
    return b''.join(line + b'\n' for line in lines)


def code_span(text):
    body = ''.join('\ufffd' if ord(c) < 0x20 or ord(c) == 0x7f
                   or 0xd800 <= ord(c) <= 0xdfff
                   else '\\|' if c == '|' else c for c in text)
    longest = max((len(run) for run in re.findall('`+', text)), default=0)
    fence = '`' * (longest + 1)
    pad = ' ' if text and (text[0] == '`' or text[-1] == '`') else ''
    return fence + pad + body + pad + fence


def plural(n):
    return '' if n == 1 else 's'


def write_markdown(opts, snaps, stats, shown):
    cmd = opts.cmd
    sizes = [sum(t.size for t in s.traces) for s in snaps]
    counts = [len(s.traces) for s in snaps]
    names = [os.fsdecode(os.fsencode(n)) for n in cmd.files]
    if cmd.name == 'diff':
        head = '**memsnap diff** %s %s: %s (%s), %d trace%s (%+d)' % (
            code_span(names[0]), code_span(names[1]), fmt_size(sizes[1]),
            fmt_size(sizes[1] - sizes[0], True), counts[1], plural(counts[1]),
            counts[1] - counts[0])
        table = ['| size | size diff | count | count diff | average |', '|---:|---:|---:|---:|---:|']
    else:
        head = '**memsnap top** %s: %s, %d trace%s' % (
            code_span(names[0]), fmt_size(sizes[0]), counts[0], plural(counts[0]))
        table = ['| size | count | average |', '|---:|---:|---:|']
    if cmd.percent:
        table = [table[0] + ' share |', table[1] + '---:|']
    table = [table[0] + ' location |', table[1] + ':---|']
    head += ', grouped by %s%s' % (cmd.key_type,
                                   ' (cumulative)' if cmd.cumulative else '')
    for s in shown:
        cells = [fmt_size(s.size)]
        if is_diff(s):
            cells.append(fmt_size(s.size_diff, True))
        cells.append('%d' % s.count)
        if is_diff(s):
            cells.append('%+d' % s.count_diff)
        cells.append(fmt_size(s.size / s.count) if s.count else '')
        if cmd.percent:
            cells.append('%.1f%%' % percent(snaps, s))
        cells.append('<br>'.join(code_span('%s:%d' % (f.filename, f.lineno))
                                 for f in s.traceback))
        table.append('| ' + ' | '.join(cells) + ' |')
    lines = [head, '']
    if cmd.cumulative:
        lines += ['_Cumulative: a trace counts in the group of every frame of its '
                  'traceback, a repeated frame each time, as in Python, so the groups add '
                  'up to more than the total._', '']
    lines += table
    rest = rest_of(stats, shown)
    if rest:
        size = sum(s.size for s in rest)
        count = sum(s.count for s in rest)
        tail = '_and %d other group%s: %s' % (len(rest), '' if len(rest) == 1
                                              else 's', fmt_size(size))
        if cmd.name == 'diff':
            tail += ' (%s)' % fmt_size(sum(s.size_diff for s in rest), True)
        tail += ', %d block%s' % (count, plural(count))
        if cmd.name == 'diff':
            tail += ' (%+d)' % sum(s.count_diff for s in rest)
        lines += ['', tail + '_']
    return ''.join(line + '\n' for line in lines).encode('utf-8')


def write_collapsed(opts, shown):
    out = []
    for s in shown:
        stack = b';'.join(
            re.sub(rb'[;\x00-\x1f\x7f]', b'?', fsencode(f.filename))
            + b':%d' % f.lineno for f in s.traceback)
        if is_diff(s):
            old = (s.count - s.count_diff) if opts.count else (s.size - s.size_diff)
            new = s.count if opts.count else s.size
            out.append(stack + b' %d %d\n' % (old, new))
        else:
            out.append(stack + b' %d\n' % (s.count if opts.count else s.size))
    return b''.join(out)


def write_text(opts, snaps, shown):
    """Statistic lines and Traceback.format() with --path-map/--no-source."""
    def mapped(name):
        for old, new in opts.path_maps:
            if name == old or name.startswith(old.rstrip('/') + '/'):
                return new + name[len(old):]
        return name

    lines = []
    with reference.sources_from_cwd_only():
        for s in shown:
            lines.append(str(s))
            if opts.cmd.percent:
                lines[-1] += ', share=%.1f%%' % percent(snaps, s)
            if opts.cmd.key_type != 'traceback':
                continue
            for f in s.traceback:
                lines.append('  File "%s", line %s' % (f.filename, f.lineno))
                if opts.no_source:
                    continue
                source = reference.linecache.getline(mapped(f.filename),
                                                     f.lineno).strip()
                if source:
                    lines.append('    %s' % source)
    return reference.encode_lines(lines)


def percent(snaps, stat):
    """memsnap's --percent: the share of the (new) snapshot's total size."""
    total = sum(t.size for t in snaps[-1].traces)
    return 100 * stat.size / total if total else 0


def rest_of(stats, shown):
    """The statistics not shown, whatever order --sort gave those shown."""
    ids = {id(s) for s in shown}
    return [s for s in stats if id(s) not in ids]


def expected_report(argv, stdin):
    opts = Options(argv[:], stdin)
    snaps = [load(p).filter_traces(opts.python_filters) for p in opts.paths]
    cmd = opts.cmd
    if cmd.name == 'top':
        stats = snaps[0].statistics(cmd.key_type, cmd.cumulative)
    else:
        stats = snaps[1].compare_to(snaps[0], cmd.key_type, cmd.cumulative)
    ordered = reference.reorder(cmd, stats)
    shown = ordered[:cmd.limit] if cmd.limit else ordered
    if opts.format == 'json':
        return write_json(opts, snaps, stats, shown)
    if opts.format in ('csv', 'tsv'):
        return write_table(opts, snaps, stats, shown, b',' if opts.format == 'csv' else b'\t')
    if opts.format == 'markdown':
        return write_markdown(opts, snaps, stats, shown)
    if opts.format == 'collapsed':
        return write_collapsed(opts, shown)
    return write_text(opts, snaps, shown)


# ---------------------------------------------------------------------------
# memsnap info, from the snapshot's own traces

def python_family(fmt, protocol, fields):
    if fields == 4:
        return '3.9 or later'
    if fields == 3:
        return '3.6 to 3.8' if fmt != 'pickle' else '3.8' if protocol == 5 else '3.6 or 3.7'
    if fmt == 'pickle' and protocol == 5:
        return '3.8 or later'
    if fmt == 'pickle' and protocol == 4:
        return '3.6 or 3.7'
    return 'unknown'


def info(path, filters=()):
    raw = open(path, 'rb').read()
    compression = 'gzip' if raw.startswith(GZIP_MAGIC) else None
    data = read_bytes(path)
    is_json = data.lstrip(b'\xef\xbb\xbf \t\r\n').startswith(b'{')
    if is_json:
        doc = json.loads(data.decode('utf-8-sig'))
        snap = snapshot_from_json(data)
        fields = doc.get('trace_fields', 4 if doc['traces'] else None)
        fmt, protocol = 'json', None
    else:
        snap = pickle.loads(data)
        fields = len(snap.traces._traces[0]) if snap.traces._traces else None
        fmt, protocol = 'pickle', data[1]
    if filters:
        snap = snap.filter_traces(filters)
    traces = snap.traces._traces
    domains = collections.OrderedDict()
    for t in sorted(traces, key=lambda t: t[0]):
        d = domains.setdefault(t[0], [0, 0])
        d[0] += 1
        d[1] += t[1]
    tracebacks = {t[2] for t in traces}
    frames = {f for tb in tracebacks for f in tb}
    deepest = None
    for t in traces:
        if deepest is None or len(t[2]) > len(deepest):
            deepest = t[2]
    totals = [t[3] if len(t) == 4 else len(t[2]) for t in traces]
    return {
        'compression': compression, 'format': fmt, 'protocol': protocol,
        'python': python_family(fmt, protocol, fields), 'trace_fields': fields,
        'traceback_limit': snap.traceback_limit, 'traces': len(traces),
        'size': sum(t[1] for t in traces),
        'domains': [{'domain': d, 'traces': n, 'size': s}
                    for d, (n, s) in domains.items()],
        'files': len({f[0] for f in frames}), 'frames': len(frames),
        'tracebacks': len(tracebacks),
        'deepest': list(reversed(deepest)) if deepest else None,
        'truncated': sum(1 for t, n in zip(traces, totals) if n > len(t[2])),
        'max_total_nframe': max(totals, default=0),
    }


def expected_info(argv):
    fmt = 'text'
    files = []
    filters = []
    all_frames = False
    args = iter(argv[1:])
    for arg in args:
        if arg in ('-f', '--format'):
            fmt = next(args)
        elif arg in ('-i', '-x'):
            pattern, lineno = reference.split_pattern(next(args))
            filters.append(tracemalloc.Filter(arg == '-i', pattern, lineno))
        elif arg == '-a':
            all_frames = True
        elif arg in ('--include-domain', '--exclude-domain'):
            filters.append(tracemalloc.DomainFilter(arg == '--include-domain', int(next(args))))
        else:
            files.append(arg)
    for f in filters:
        if isinstance(f, tracemalloc.Filter):
            f.all_frames = all_frames
    infos = [(f, info(f, filters)) for f in files]
    if fmt == 'json':
        doc = {'snapshots': [{
            'file': f, 'format': i['format'], 'protocol': i['protocol'],
            'compression': i['compression'], 'python': i['python'],
            'trace_fields': i['trace_fields'],
            'traceback_limit': i['traceback_limit'], 'traces': i['traces'],
            'size': i['size'], 'domains': i['domains'], 'files': i['files'],
            'frames': i['frames'], 'tracebacks': i['tracebacks'],
            'deepest_traceback': {
                'nframe': len(i['deepest'] or ()),
                'traceback': [{'filename': n, 'lineno': l}
                              for n, l in i['deepest']] if i['deepest'] else None},
            'truncated_traces': i['truncated'],
            'max_total_nframe': i['max_total_nframe']} for f, i in infos]}
        return (json_dump(doc, 4) + '\n').encode('utf-8')
    out = []
    for f, i in infos:
        lines = ['file: ' + f]
        lines.append('format: %s%s%s' % (
            i['format'], ', protocol %d' % i['protocol'] if i['protocol'] else '',
            ', gzip-compressed' if i['compression'] else ''))
        lines.append('python: %s%s' % (i['python'], ' (traces of %d fields)'
                                       % i['trace_fields'] if i['trace_fields'] else ''))
        lines.append('traceback_limit: %d' % i['traceback_limit'])
        lines.append('traces: %d' % i['traces'])
        lines.append('size: %d B (%s)' % (i['size'], fmt_size(i['size'])))
        lines.append('domains: %d' % len(i['domains']))
        for d in i['domains']:
            lines.append('  domain %d: %d trace%s, %d B (%s)' % (
                d['domain'], d['traces'], plural(d['traces']), d['size'], fmt_size(d['size'])))
        lines.append('files: %d' % i['files'])
        lines.append('frames: %d' % i['frames'])
        lines.append('tracebacks: %d' % i['tracebacks'])
        lines.append('deepest traceback: %d frame%s' % (len(i['deepest'] or ()),
                                                          plural(len(i['deepest'] or ()))))
        lines.append('truncated: %d trace%s%s' % (
            i['truncated'], plural(i['truncated']), ' (total_nframe up to %d)' % i['max_total_nframe']
            if i['truncated'] else ''))
        out.append(lines)
    return '\n'.join(''.join(line + '\n' for line in lines)
                     for lines in out).encode('utf-8', 'surrogateescape')


# ---------------------------------------------------------------------------
# memsnap's JSON snapshot form, as convert must write it

def json_snapshot(snap, protocol):
    """The JSON of snap, read from a pickle of this protocol."""
    traces = snap.traces._traces
    fields = len(traces[0]) if traces else None
    index = {}
    for t in traces:
        index.setdefault(t[2], len(index))
    doc = {'memsnap_snapshot': 1, 'traceback_limit': snap.traceback_limit}
    if fields:
        doc['trace_fields'] = fields
    doc['pickle_protocol'] = protocol
    doc['tracebacks'] = [[{'filename': n, 'lineno': l} for n, l in reversed(tb)]
                         for tb in index]
    items = []
    for t in traces:
        item = {'domain': t[0], 'size': t[1], 'traceback': index[t[2]]}
        if fields == 4:
            item['total_nframe'] = t[3]
        items.append(item)
    doc['traces'] = items
    return (json_dump(doc, 2) + '\n').encode('utf-8')


# ---------------------------------------------------------------------------
# Fixtures

FIXTURES = {}   # name -> bytes, written to fixtures/
EXPECTED = {}   # name -> bytes, written to expected/


def golden_fixture(name):
    with open(os.path.join(GOLDEN, 'fixtures', name), 'rb') as fp:
        return fp.read()


def json_fixture(snap, *, table, **dumps):
    """A JSON snapshot as another program could write it: Python's json."""
    traces = snap.traces._traces
    fields = len(traces[0]) if traces else 4
    doc = {'memsnap_snapshot': 1, 'traceback_limit': snap.traceback_limit}
    if fields == 3:
        doc['trace_fields'] = 3
    tbs = {}
    out = []
    for t in traces:
        frames_ = [{'lineno': l, 'filename': n} for n, l in reversed(t[2])]
        item = {'size': t[1]}
        if t[0] or fields == 3:
            item['domain'] = t[0]
        if table:
            item['traceback'] = tbs.setdefault(t[2], len(tbs))
        else:
            item['traceback'] = frames_
        if fields == 4 and t[3] != len(t[2]):
            item['total_nframe'] = t[3]
        out.append(item)
    if table:
        doc['tracebacks'] = [[{'filename': n, 'lineno': l} for n, l in reversed(tb)]
                             for tb in tbs]
    doc['traces'] = out
    return json.dumps(doc, **dumps).encode('utf-8')


def tracemalloc_like(traces, limit):
    """Snapshot.dump() of traces shared as _tracemalloc shares them: equal
    tracebacks and filenames one object each, every frame a new tuple."""
    names, tbs = {}, {}
    shared = []
    for domain, size, tb, total in traces:
        key = tuple(tb)
        if key not in tbs:
            tbs[key] = tuple((names.setdefault(n, n), l) for n, l in tb)
        shared.append((domain, size, tbs[key], total))
    return pickle.dumps(tracemalloc.Snapshot(shared, limit), pickle.HIGHEST_PROTOCOL)


def make_fixtures():
    rich = golden_fixture('rich_p5.bin')
    FIXTURES['rich.bin.gz'] = gzip.compress(rich, mtime=0)
    # two members, as `cat a.gz b.gz` makes: gzip -d reads them as one
    FIXTURES['rich_two_members.bin.gz'] = (gzip.compress(rich[:100], mtime=0)
                                           + gzip.compress(rich[100:], mtime=0))
    FIXTURES['rich_truncated.bin.gz'] = gzip.compress(rich, mtime=0)[:-20]
    # junk after the compressed data, which is after the pickle's STOP: not
    # read, as pickle.load(gzip.open(path)) does not read it
    FIXTURES['rich_trailing.bin.gz'] = gzip.compress(rich, mtime=0) + b'junk'
    FIXTURES['bad_length.bin.gz'] = gzip.compress(golden_fixture('bad_length.bin'),
                                                  mtime=0)

    snap = pickle.loads(rich)
    FIXTURES['rich.json'] = json_fixture(snap, table=False, sort_keys=True)
    FIXTURES['rich_table.json'] = (b'\xef\xbb\xbf' + json_fixture(
        snap, table=True, indent='\t').replace(b'\n', b'\r\n'))
    FIXTURES['rich.json.gz'] = gzip.compress(FIXTURES['rich.json'], mtime=0)
    for name in ('unicode', 'control', 'huge', 'domains', 'real_3.8', 'real_3.12'):
        FIXTURES[name + '.json'] = json_fixture(
            pickle.loads(golden_fixture(name + '.bin')), table=name == 'real_3.12',
            ensure_ascii=True)
    FIXTURES['empty.json'] = b'{"traces": [], "traceback_limit": 1, "memsnap_snapshot": 1}'

    # Tracebacks from a server whose checkout is ../golden/src here.
    server = [
        (0, 4096, [('/srv/app/app.py', 20), ('/srv/app/app.py', 32)], 2),
        (0, 2048, [('/srv/app/latin1.py', 2)], 1),
        (0, 1024, [('/srv/application/app.py', 10)], 1),
        (0, 512, [('/srv/app/missing.py', 1)], 1),
    ]
    FIXTURES['server.bin'] = tracemalloc_like(server, 5)

    # Several 64 KiB frames, a string too long for one, ints of every width.
    frames = []
    for i in range(4000):
        tb = [('pkg/mod%d.py' % (i % 37), i % 500 + 1), ('pkg/main.py', i % 7 + 1)]
        frames.append((i % 3, (i * 7919) % 100000 + (2 ** 40 if i % 101 == 0 else 0),
                       tb[:1 + i % 2], 2 + i % 5))
    frames.append((2 ** 32 - 1, 2 ** 64 - 1, [('x' * 70000, 2 ** 32 - 1)], 2 ** 32 - 1))
    frames.append((7, 2 ** 63, [('\udc80\u00e9.py', 65536)] * 4, 4))
    FIXTURES['frames.bin'] = tracemalloc_like(frames, 25)

    bad = {
        'bad_version': b'{"memsnap_snapshot": 2, "traceback_limit": 1, "traces": []}',
        'bad_no_traces': b'{"memsnap_snapshot": 1, "traceback_limit": 1}',
        'bad_negative_size': (b'{"memsnap_snapshot": 1, "traceback_limit": 1, "traces": '
                              b'[{"size": -1, "traceback": [{"filename": "a", "lineno": 1}]}]}'),
        'bad_float_size': (b'{"memsnap_snapshot": 1, "traceback_limit": 1, "traces": '
                           b'[{"size": 1.0, "traceback": [{"filename": "a", "lineno": 1}]}]}'),
        'bad_size_too_big': (b'{"memsnap_snapshot": 1, "traceback_limit": 1, "traces": '
                             b'[{"size": 18446744073709551616, "traceback": '
                             b'[{"filename": "a", "lineno": 1}]}]}'),
        'bad_empty_traceback': (b'{"memsnap_snapshot": 1, "traceback_limit": 1, "traces": '
                                b'[{"size": 1, "traceback": []}]}'),
        'bad_index': (b'{"memsnap_snapshot": 1, "traceback_limit": 1, "traces": '
                      b'[{"size": 1, "traceback": 0}], "tracebacks": '
                      b'[[{"filename": "a", "lineno": 1}]]}'),
        'bad_unknown_member': (b'{"memsnap_snapshot": 1, "traceback_limit": 1, "traces": '
                               b'[{"size": 1, "sise": 2}]}'),
        'bad_truncated': b'{"memsnap_snapshot": 1, "traceback_limit": 1, "traces": [{"si',
        'bad_utf8': (b'{"memsnap_snapshot": 1, "traceback_limit": 1, "traces": '
                     b'[{"size": 1, "traceback": [{"filename": "\xff", "lineno": 1}]}]}'),
        'bad_trailing': b'{"memsnap_snapshot": 1, "traceback_limit": 1, "traces": []} {}',
    }
    for name, data in bad.items():
        FIXTURES[name + '.json'] = data

    for v in ('3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13'):
        data = golden_fixture('real_%s.bin' % v)
        EXPECTED['real_%s.json' % v] = json_snapshot(pickle.loads(data), data[1])

    # convert with filters: what Snapshot.filter_traces() then dump() write
    for name, filters in FILTERED.items():
        snap = pickle.loads(golden_fixture(name + '.bin')).filter_traces(filters)
        EXPECTED['filtered_%s.bin' % name] = pickle.dumps(snap, pickle.HIGHEST_PROTOCOL)


# The filters io.sh gives convert for expected/filtered_NAME.bin.
FILTERED = {
    'real_3.12': [tracemalloc.Filter(False, 'src/capture_prog.py', 38)],
    'real_3.13': [tracemalloc.Filter(True, '*capture_prog.py', 43, all_frames=True)],
    'real_3.10': [tracemalloc.DomainFilter(False, 0)],
}


# ---------------------------------------------------------------------------
# Cases

CASES = {}  # name -> (argv, stdin file or None, status or None)


def case(name, *argv, stdin=None, status=None):
    assert name not in CASES, name
    CASES[name] = (list(argv), stdin, status)


def report_cases():
    rich, old, new = G + 'fixtures/rich_p5.bin', G + 'fixtures/diff_old.bin', \
        G + 'fixtures/diff_new.bin'
    for fmt in ('json', 'csv', 'tsv', 'markdown', 'collapsed'):
        case(fmt + '_top', 'top', '-f', fmt, rich)
        case(fmt + '_top_traceback', 'top', '--format', fmt, '-g', 'traceback', '-n', '3', rich)
        case(fmt + '_top_filename_cumulative', 'top', '-f', fmt, '-g', 'filename', '-c',
             '-n', '0', rich)
        case(fmt + '_diff', 'diff', '-f', fmt, '-n', '5', old, new)
        case(fmt + '_diff_traceback', 'diff', '-f', fmt, '-g', 'traceback', '-n', '0', old, new)
        case(fmt + '_diff_cumulative', 'diff', '-f', fmt, '-c', old, new)
        for fixture in ('control', 'unicode', 'huge', 'empty'):
            case('%s_%s' % (fmt, fixture), 'top', '-f', fmt, '-g', 'traceback', '-n', '0',
                 G + 'fixtures/%s.bin' % fixture)
        case(fmt + '_filters', 'top', '-f', fmt, '-x', 'src/*:32', '--include-domain', '0',
             '-i', 'lib/*.pyc', '-a', '--exclude-domain', '7', '-i', 'src/app.py', rich)
        case(fmt + '_real_3.8', 'diff', '-f', fmt, '-g', 'traceback', '-n', '4',
             G + 'fixtures/real_3.8.bin', G + 'fixtures/real_3.13.bin')
    case('json_diff_removed_only', 'diff', '-f', 'json', '-n', '0', new,
         G + 'fixtures/empty.bin')
    case('collapsed_count', 'top', '-f', 'collapsed', '--count', '-g', 'traceback', '-n', '0',
         rich)
    case('collapsed_diff_count', 'diff', '-f', 'collapsed', '--count', '-g', 'traceback',
         '-n', '0', old, new)
    case('csv_domains_lineno', 'top', '-f', 'csv', '-n', '0', G + 'fixtures/domains.bin')
    case('text_is_default', 'top', '-f', 'text', '-g', 'traceback', rich)
    # every statistic, exact, for pprof.sh to hold go tool pprof's numbers to
    for fixture in ('real_3.12', 'real_3.6', 'rich_p5', 'domains', 'unicode'):
        case('tsv_lineno_' + fixture.replace('.', '_'), 'top', '-f', 'tsv', '-n', '0',
             G + 'fixtures/%s.bin' % fixture)
    case('tsv_traceback_real_3_12', 'top', '-f', 'tsv', '-g', 'traceback', '-n', '0',
         G + 'fixtures/real_3.12.bin')
    case('tsv_diff_real_3_6_3_13', 'diff', '-f', 'tsv', '-n', '0', G + 'fixtures/real_3.6.bin',
         G + 'fixtures/real_3.13.bin')
    # memsnap's own --percent, --sort and --min-size in every format
    real = G + 'fixtures/real_3.12.bin'
    for fmt in ('text', 'json', 'csv', 'tsv', 'markdown'):
        case(fmt + '_top_percent', 'top', '-f', fmt, '--percent', '-n', '4', real)
        case(fmt + '_top_sorted', 'top', '-f', fmt, '--percent', '--sort', 'average',
             '--min-size', '100', '-c', '-n', '0', rich)
        case(fmt + '_diff_percent', 'diff', '-f', fmt, '--percent', '--sort', 'shrink',
             '-g', 'traceback', '-n', '3', old, new)
        case(fmt + '_diff_min_size', 'diff', '-f', fmt, '--min-size', '1000', '-n', '0',
             old, new)
    case('collapsed_sorted', 'top', '-f', 'collapsed', '--sort', 'count', '-g', 'traceback',
         '-n', '2', rich)
    case('usage_collapsed_percent', 'top', '-f', 'collapsed', '--percent', rich, status=2)


def input_cases():
    rich = G + 'fixtures/rich_p5.bin'
    for name in ('rich.bin.gz', 'rich_two_members.bin.gz', 'rich.json', 'rich_table.json',
                 'rich.json.gz', 'rich_trailing.bin.gz'):
        base = name.replace('.', '_')
        case('input_' + base, 'top', '-g', 'traceback', '-n', '0', 'fixtures/' + name)
        case('input_%s_stdin' % base, 'top', '-f', 'json', '-c', '-', stdin='fixtures/' + name)
    case('input_stdin_pickle', 'diff', '-f', 'csv', rich, '-', stdin=G + 'fixtures/diff_new.bin')
    case('input_diff_json_and_gzip', 'diff', '-f', 'json', '-g', 'traceback',
         'fixtures/rich.json', 'fixtures/rich.bin.gz')
    for name in ('unicode', 'control', 'huge', 'domains', 'real_3.8', 'real_3.12', 'empty'):
        case('input_json_' + name.replace('.', '_'), 'top', '-f', 'json', '-g', 'traceback',
             '-n', '0', 'fixtures/%s.json' % name)
    case('input_frames', 'top', '-f', 'csv', '-n', '0', '-g', 'filename', '-x', 'xxx*',
         'fixtures/frames.bin')
    for name in ('rich_truncated.bin.gz', 'bad_length.bin.gz'):
        case('bad_' + name.replace('.', '_'), 'top', 'fixtures/' + name, status=2)
    for name in sorted(FIXTURES):
        if name.startswith('bad_') and name.endswith('.json'):
            case(name.replace('.', '_'), 'top', 'fixtures/' + name, status=2)


def info_cases():
    case('info_text', 'info', G + 'fixtures/real_3.12.bin', G + 'fixtures/real_3.8.bin',
         G + 'fixtures/real_3.6.bin', 'fixtures/rich.bin.gz', 'fixtures/rich_table.json',
         G + 'fixtures/empty.bin', G + 'fixtures/domains.bin', 'fixtures/frames.bin')
    case('info_json', 'info', '-f', 'json', G + 'fixtures/real_3.13.bin',
         G + 'fixtures/real_3.7.bin', 'fixtures/real_3.8.json', 'fixtures/empty.json',
         G + 'fixtures/huge.bin', 'fixtures/rich.json.gz')
    case('info_bad_file', 'info', G + 'fixtures/real_3.12.bin', 'fixtures/bad_index.json',
         status=2)
    case('info_bad_format', 'info', '-f', 'csv', G + 'fixtures/real_3.12.bin', status=2)
    # with filters: what filter_traces() keeps
    case('info_filtered', 'info', '-x', 'src/capture_prog.py:22', G + 'fixtures/real_3.12.bin',
         G + 'fixtures/rich_p5.bin')
    case('info_filtered_json', 'info', '-f', 'json', '-a', '-i', '*capture_prog.py:43',
         '--exclude-domain', '2', G + 'fixtures/real_3.13.bin', G + 'fixtures/domains.bin')


def source_cases():
    case('source_path_map', 'top', '-g', 'traceback', '-n', '0', '--path-map',
         '/srv/app=' + G + 'src', 'fixtures/server.bin')
    case('source_path_map_slash', 'top', '-g', 'traceback', '-n', '0', '--path-map',
         '/srv/app/=' + G + 'src/', 'fixtures/server.bin')
    case('source_path_map_first_wins', 'diff', '-g', 'traceback', '-n', '0', '--path-map',
         '/srv=/nowhere', '--path-map', '/srv/app=' + G + 'src', G + 'fixtures/empty.bin',
         'fixtures/server.bin')
    case('source_path_map_component', 'top', '-g', 'traceback', '--path-map',
         '/srv/ap=' + G + 'src', 'fixtures/server.bin')
    case('source_no_source', 'top', '-g', 'traceback', '--no-source', '--path-map',
         '/srv/app=' + G + 'src', 'fixtures/server.bin')


def usage_cases():
    rich = G + 'fixtures/rich_p5.bin'
    case('usage_bad_format', 'top', '-f', 'xml', rich, status=2)
    case('usage_count_without_collapsed', 'top', '--count', rich, status=2)
    case('usage_stdin_twice', 'diff', '-', '-', stdin=rich, status=2)
    case('usage_convert_without_output', 'convert', rich, status=2)
    case('usage_convert_bad_format', 'convert', '-f', 'csv', '-o', '-', rich, status=2)
    case('usage_convert_two_files', 'convert', '-o', '-', rich, rich, status=2)
    case('usage_info_no_file', 'info', status=2)
    case('usage_output_is_directory', 'top', '-o', 'fixtures', rich, status=2)
    case('usage_path_map_without_equals', 'top', '--path-map', 'x', rich, status=2)


# ---------------------------------------------------------------------------

def write_dir(name, files):
    os.makedirs(name, exist_ok=True)
    for old in os.listdir(name):
        os.unlink(os.path.join(name, old))
    for file, data in files.items():
        with open(os.path.join(name, file), 'wb') as fp:
            fp.write(data)


def expected_output(argv, stdin):
    if argv[0] == 'info':
        return expected_info(argv)
    return expected_report(argv, stdin)


def main():
    if sys.version_info < (3, 10):
        sys.exit('generate.py needs Python 3.10+ as the reference')
    os.chdir(HERE)
    make_fixtures()
    write_dir('fixtures', FIXTURES)
    write_dir('expected', EXPECTED)
    report_cases()
    input_cases()
    info_cases()
    source_cases()
    usage_cases()
    files = {}
    for name, (argv, stdin, status) in CASES.items():
        out = b'' if status else expected_output(argv, stdin)
        files[name + '.case'] = golden.case_file(argv, status, stdin)
        files[name + '.out'] = out
    write_dir('cases', files)
    print('%d fixtures, %d expected, %d cases' % (len(FIXTURES), len(EXPECTED), len(CASES)))


if __name__ == '__main__':
    main()
