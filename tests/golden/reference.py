"""What Python's tracemalloc prints for a memsnap command line.

Shared by generate.py (golden expected outputs) and
../differential/differential.py.  It reads memsnap's arguments as the
contract in DESIGN.md defines them, then lets tracemalloc compute the
answer:

    snap = Snapshot.load(f).filter_traces(filters)
    for s in snap.statistics(key_type, cumulative)[:n]: print(s)
    for s in new.compare_to(old, key_type, cumulative)[:n]: print(s)

and, with key_type 'traceback', each statistic line is followed by the
lines of s.traceback.format().  Nothing here formats or sorts on its own.

memsnap's own views (--hide, --focus, --focus-only) are applied by
apply_view() to the filtered snapshot, before statistics(): the rule
they follow, written in Python over Python's own objects.

Needs Python 3.10 or later (3.9's fnmatch differs on odd bracket patterns).
"""

import contextlib
import fractions
import linecache
import pickle
import re
import sys
# linecache imports tokenize lazily on 3.13, when sys.path may be empty.
import tokenize  # noqa: F401
import tracemalloc

KEY_TYPES = ('lineno', 'filename', 'traceback')
DEFAULT_LIMIT = 10


class UsageError(Exception):
    """The command line breaks the contract: memsnap must exit 2."""


class Command:
    def __init__(self):
        self.name = None
        self.files = []
        self.key_type = 'lineno'
        self.cumulative = False
        self.limit = DEFAULT_LIMIT
        self.all_frames = False
        self.name_filters = []    # (inclusive, pattern, lineno or None)
        self.domain_filters = []  # (inclusive, domain)
        self.merge = False        # --merge: the files as one snapshot
        self.focus = []           # (pattern, lineno or None)
        self.hide = []
        self.focus_only = False
        self.sort = None          # memsnap's --sort, --min-size, --percent
        self.min_size = None
        self.percent = False

    def filters(self):
        """Filter objects in the order memsnap passes them to filter_traces."""
        filters = [tracemalloc.Filter(inclusive, pattern, lineno,
                                      self.all_frames)
                   for inclusive, pattern, lineno in self.name_filters]
        filters += [tracemalloc.DomainFilter(inclusive, domain)
                    for inclusive, domain in self.domain_filters]
        return filters


_PATTERN_LINENO = re.compile(r'(.*):([0-9]+)', re.DOTALL)
_OPTIONS_WITH_VALUE = ('-g', '--group-by', '-n', '--limit', '-i', '--include',
                       '-x', '--exclude', '--include-domain',
                       '--exclude-domain', '--focus', '--hide', '--sort',
                       '--min-size')


# The largest whole number memsnap holds in an option: larger ones are
# refused, where Python's ints would take them.
NUMBER_MAX = 2**64 - 1


def split_pattern(arg):
    """PATTERN[:LINENO]: a trailing ':digits' is the line number."""
    m = _PATTERN_LINENO.fullmatch(arg)
    if m:
        return m.group(1), _number(m.group(2))
    return arg, None


def _number(text):
    if not text.isascii() or not text.isdigit():
        raise UsageError('not a number: %r' % text)
    if int(text) > NUMBER_MAX:
        raise UsageError('out of range: %r' % text)
    return int(text)


def parse_args(argv):
    """argv: memsnap's arguments (str, surrogate-escaped), without argv[0]."""
    if not argv or argv[0] not in ('top', 'diff'):
        raise UsageError('expected top or diff')
    cmd = Command()
    cmd.name = argv[0]
    args = iter(argv[1:])
    for arg in args:
        if arg in _OPTIONS_WITH_VALUE:
            value = next(args, None)
            if value is None:
                raise UsageError('%s needs a value' % arg)
        if arg in ('-g', '--group-by'):
            if value not in KEY_TYPES:
                raise UsageError('unknown key type %r' % value)
            cmd.key_type = value
        elif arg in ('-c', '--cumulative'):
            cmd.cumulative = True
        elif arg in ('-n', '--limit'):
            cmd.limit = _number(value)
        elif arg in ('-i', '--include', '-x', '--exclude'):
            pattern, lineno = split_pattern(value)
            cmd.name_filters.append((arg in ('-i', '--include'),
                                     pattern, lineno))
        elif arg in ('-a', '--all-frames'):
            cmd.all_frames = True
        elif arg == '--merge':
            cmd.merge = True
        elif arg in ('--focus', '--hide'):
            getattr(cmd, arg[2:]).append(split_pattern(value))
        elif arg == '--focus-only':
            cmd.focus_only = True
        elif arg == '--sort':
            if value not in ORDERS[cmd.name]:
                raise UsageError('unknown order %r' % value)
            cmd.sort = value
        elif arg == '--min-size':
            cmd.min_size = _number(value)
        elif arg == '--percent':
            cmd.percent = True
        elif arg in ('--include-domain', '--exclude-domain'):
            cmd.domain_filters.append((arg == '--include-domain',
                                       _number(value)))
        elif arg == '-' or not arg.startswith('-'):
            cmd.files.append(arg)
        else:
            raise UsageError('unknown option %r' % arg)
    if cmd.merge:
        # top: every file; diff: OLD... : NEW...
        if cmd.name == 'top':
            cmd.files = [cmd.files]
        elif ':' in cmd.files and 0 < cmd.files.index(':') < len(cmd.files) - 1:
            cut = cmd.files.index(':')
            cmd.files = [cmd.files[:cut], cmd.files[cut + 1:]]
        else:
            raise UsageError('diff --merge wants OLD... : NEW...')
    elif len(cmd.files) != (1 if cmd.name == 'top' else 2):
        raise UsageError('wrong number of snapshot files')
    if cmd.focus_only and not cmd.focus:
        raise UsageError('--focus-only needs --focus')
    return cmd


def merge_snapshots(snapshots):
    """Snapshot(a.traces._traces + b.traces._traces, limit): --merge."""
    traces = []
    for snapshot in snapshots:
        traces += snapshot.traces._traces
    return tracemalloc.Snapshot(traces, max(s.traceback_limit for s in snapshots))


HIDDEN = ('<hidden>', 0)

# memsnap's --sort: keys of a stable sort of Python's order, so that ties
# keep it; a group without blocks has no average and goes last.
ORDERS = {
    'top': {
        'size': lambda s: -s.size,
        'count': lambda s: -s.count,
        'average': lambda s: (0, -fractions.Fraction(s.size, s.count)) if s.count else (1, 0),
    },
}
ORDERS['diff'] = dict(ORDERS['top'], growth=lambda s: -s.size_diff,
                      shrink=lambda s: s.size_diff)


def reorder(cmd, stats):
    """memsnap's --min-size (groups under it, of |size_diff| for diff, are
    not shown) and --sort on statistics in Python's order."""
    if cmd.min_size is not None:
        change = (lambda s: abs(s.size_diff)) if cmd.name == 'diff' else (lambda s: s.size)
        stats = [s for s in stats if change(s) >= cmd.min_size]
    if cmd.sort:
        stats = sorted(stats, key=ORDERS[cmd.name][cmd.sort])
    return stats


def apply_view(snapshot, focus, hide, focus_only):
    """memsnap's --hide, --focus and --focus-only on a filtered snapshot.

    focus and hide are lists of (pattern, lineno or None), each matching a
    frame as Filter(True, pattern, lineno) matches it.  Each trace's frames
    (most recent first, as a trace holds them) lose those a hide pattern
    matches; none left is the one frame <hidden>:0.  With focus patterns,
    the frames more recent than the most recent one a focus pattern
    matches are cut off; a trace with no such frame keeps its frames, or
    is dropped with focus_only.
    """
    if not focus and not hide:
        return snapshot
    focus = [tracemalloc.Filter(True, p, n) for p, n in focus]
    hide = [tracemalloc.Filter(True, p, n) for p, n in hide]

    def matches(filters, frame):
        return any(f._match_frame_impl(*frame) for f in filters)

    traces = []
    for domain, size, frames, total_nframe in snapshot.traces._traces:
        frames = [fr for fr in frames if not matches(hide, fr)]
        at = next((i for i, fr in enumerate(frames) if matches(focus, fr)),
                  None)
        if focus and focus_only and at is None:
            continue
        frames = frames[at or 0:] or [HIDDEN]
        traces.append((domain, size, tuple(frames), total_nframe))
    return tracemalloc.Snapshot(traces, snapshot.traceback_limit)


def upgrade_traces(snapshot):
    """Make a 3.6-3.8 snapshot usable by this Python's tracemalloc.

    Python 3.6 to 3.8 dump traces as (domain, size, traceback); 3.9+
    statistics() unpacks (domain, size, traceback, total_nframe).  The
    fourth field never reaches the output, so (d, s, tb, len(tb)) gives
    exactly the statistics 3.9+ would print for the same traces.
    """
    traces = snapshot.traces._traces
    if any(len(trace) == 3 for trace in traces):
        snapshot.traces._traces = [
            trace if len(trace) == 4 else (*trace, len(trace[2]))
            for trace in traces]
    return snapshot


def load_snapshot(path):
    """Snapshot.load() plus upgrade_traces().  Only for trusted fixtures:
    unpickling runs whatever the file asks for."""
    with open(path, 'rb') as fp:
        snapshot = pickle.load(fp)
    if not isinstance(snapshot, tracemalloc.Snapshot):
        raise TypeError('%s does not hold a tracemalloc.Snapshot' % path)
    return upgrade_traces(snapshot)


@contextlib.contextmanager
def sources_from_cwd_only():
    """memsnap reads a frame's source only from the path as given (relative
    to the current directory, or absolute), never through sys.path: make
    linecache do the same, and forget anything it cached before."""
    saved = sys.path[:]
    sys.path[:] = []
    linecache.clearcache()
    try:
        yield
    finally:
        linecache.clearcache()
        sys.path[:] = saved


# memsnap's one departure from Traceback.format(): a source line longer
# than this many UTF-8 bytes is cut there (between two characters) and
# marked, where Python prints any length.
SOURCE_LINE_MAX = 4096
SOURCE_CUT = ' [...]'


def cut_source_line(line):
    """A '    source' line of Traceback.format() as memsnap prints it."""
    text = line[4:].encode('utf-8', 'surrogatepass')
    if len(text) <= SOURCE_LINE_MAX:
        return line
    return '    ' + text[:SOURCE_LINE_MAX].decode('utf-8', 'ignore') + SOURCE_CUT


def format_statistics(stats, key_type, total=None):
    """Lines Python prints for stats; source lines relative to the cwd.
    With total (memsnap's --percent), each statistic's line ends with its
    share of it."""
    lines = []
    with sources_from_cwd_only():
        for stat in stats:
            lines.append(str(stat))
            if total is not None:
                lines[-1] += ', share=%.1f%%' % (100 * stat.size / total if total else 0)
            if key_type == 'traceback':
                lines.extend(line if line.startswith('  File ') else cut_source_line(line)
                             for line in stat.traceback.format())
    return lines


def encode_lines(lines):
    """stdout bytes: UTF-8, surrogate escapes back to their original bytes."""
    return ''.join(line + '\n' for line in lines).encode('utf-8',
                                                          'surrogateescape')


def run(argv, stdin_path=None):
    """(exit status, stdout bytes) memsnap must produce for argv.

    The snapshot files are unpickled: only pass trusted fixtures.  '-'
    reads stdin_path.  Usage errors, unreadable files and Python's refusal
    (cumulative with traceback grouping) give (2, b'').
    """
    try:
        cmd = parse_args(argv)
    except UsageError:
        return 2, b''
    try:
        snaps = [merge_snapshots([load_snapshot(stdin_path if f == '-' else f)
                                  for f in files])
                 if cmd.merge else load_snapshot(stdin_path if files == '-' else files)
                 for files in cmd.files]
    except OSError:
        return 2, b''
    filters = cmd.filters()
    snaps = [apply_view(snap.filter_traces(filters), cmd.focus, cmd.hide,
                        cmd.focus_only) for snap in snaps]
    try:
        if cmd.name == 'top':
            stats = snaps[0].statistics(cmd.key_type, cmd.cumulative)
        else:
            stats = snaps[1].compare_to(snaps[0], cmd.key_type,
                                        cmd.cumulative)
    except ValueError:
        return 2, b''
    stats = reorder(cmd, stats)
    if cmd.limit:
        stats = stats[:cmd.limit]
    total = sum(t.size for t in snaps[-1].traces) if cmd.percent else None
    return 0, encode_lines(format_statistics(stats, cmd.key_type, total))
