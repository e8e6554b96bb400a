#!/usr/bin/env python3
"""Differential tests: memsnap against Python's tracemalloc, on random input.

    differential.py MEMSNAP [--seed S] [--iterations N] [--jobs J]
                            [--only I] [--timeout SECONDS]

Each iteration builds one or two random snapshots with
tracemalloc.Snapshot(traces, limit) (random filenames, line numbers,
domains, sizes, tracebacks, object sharing, pickle protocol), picks random
command lines for `memsnap top` and `memsnap diff`, and compares memsnap's
stdout (lines starting with '#' removed) and exit status with what Python
prints for them (../golden/reference.py).  memsnap runs with a random
--threads (none, 1, 2 or 8) and MEMSNAP_SPLIT_MIN=0, so that with two
threads or more a protocol 4 or 5 dump of several pickle frames is read
in chunks; some snapshots are large enough for that.  Everything an
iteration does follows from the seed and its number, so `--seed S --only
I` replays it.

MEMSNAP_DIFF_SEED and MEMSNAP_DIFF_ITERATIONS override --seed and
--iterations; MEMSNAP_DIFF_THREADS=N runs every command with --threads N.  Mismatches are printed and saved (snapshots, source files,
command) to a fresh temporary directory; the run goes on.  The last line
is `N passed, M failed` (commands compared); exit status 1 if any failed.
"""

import argparse
import concurrent.futures
import difflib
import os
import pickle
import pickletools
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import tracemalloc

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'golden'))
import reference  # noqa: E402

DEFAULT_ITERATIONS = 10000  # about a minute on 2 cores
COMMANDS_PER_ITERATION = 4
MAX_SAVED = 30      # mismatches saved to disk and printed in full
U64 = 2**64 - 1
# every command with --threads N (MEMSNAP_DIFF_THREADS), not a random one
THREADS = os.environ.get('MEMSNAP_DIFF_THREADS')

# ---------------------------------------------------------------------------
# Source files the tracebacks may point at, made once per run from the seed.

LINE_WORDS = ['x = 1', 'return value', 'pass', 'for i in range(n):',
              'self.items[key] = value', 'yield', 'print("caf\u00e9")',
              '\u65e5\u672c = "\U0001f600"', 'a[b] = c * d', 'if not ok:',
              'x = "\x00"', 'y = "\u2028"', 'z = "\x85" + "\x0c"']
SPACES = ['', ' ', '  ', '\t', ' \t ', '\x0c', '\x0b', '\x1c', '\x1f',
          '\u00a0', '\u3000', '\u2003', '\x85', '\u200b', '\ufeff', '\r ']
NEWLINES = ['\n', '\n', '\n', '\r\n', '\r']


def random_source(rng):
    """Text with odd whitespace, line ends and sometimes bytes that are not
    UTF-8.  Never a '#' so there is never a coding cookie."""
    lines = []
    for _ in range(rng.randrange(0, 40)):
        if rng.random() < 0.15:
            text = rng.choice(SPACES)
        else:
            text = (rng.choice(SPACES) + rng.choice(LINE_WORDS)
                    + rng.choice(SPACES))
        lines.append(text + rng.choice(NEWLINES))
    data = ''.join(lines).encode('utf-8')
    if lines and rng.random() < 0.3:
        data = data.rstrip(b'\r\n')
    if rng.random() < 0.15:
        data = b'\xef\xbb\xbf' + data
    if rng.random() < 0.25:
        # Bytes at the edges of UTF-8: Python's strict decoder refuses the
        # whole file for the first row and accepts the second.
        odd = rng.choice([b'\xff', b'\x80', b'\xc0\x80', b'\xc1\xbf',
                          b'\xe0\x80\xaf', b'\xed\xa0\x80', b'\xed\xbf\xbf',
                          b'\xf0\x8f\xbf\xbf', b'\xf4\x90\x80\x80',
                          b'\xf5\x80\x80\x80', b'\xe2\x82', b'\xf0\x9f\x98',
                          b'\xed\x9f\xbf', b'\xee\x80\x80', b'\xef\xbf\xbf',
                          b'\xf4\x8f\xbf\xbf', b'\xc2\x80', b'\xdf\xbf'])
        at = rng.randrange(len(data) + 1)
        data = data[:at] + odd + data[at:]
    return data


def make_sources(workdir, rng):
    """Write src/ files shared by every iteration; return their names as
    snapshot filenames."""
    names = ['src/s%d.py' % i for i in range(6)]
    names += ['src/\u00fc\u00f1\u00ee.py', os.fsdecode(b'src/l\xe4tin.py'),
              'src/sp ace.py', 'src/a[1].py']
    os.makedirs(os.path.join(workdir, 'src', 'dir.py'))
    for name in names:
        with open(os.fsencode(os.path.join(workdir, name)), 'wb') as fp:
            fp.write(random_source(rng))
    return names + ['./src/s0.py', 'src//s1.py', 'src/../src/s2.py',
                    os.path.join(workdir, 'src', 's3.py'), 'src/dir.py',
                    'src/missing.py', 'src']


# ---------------------------------------------------------------------------
# Random snapshots

FIXED_NAMES = [
    'a.py', 'b.py', 'lib/x.py', 'lib/x.pyc', 'x.pyc', 'X.PY', 'm.pyo',
    '\u00fc.py', '\u00e9.py', 'e\u0301.py', '\u65e5\u672c.py', '\U0001f600',
    '\ue000', '\uffff', '\ud7ff.py', '\U0010ffff', os.fsdecode(b'bad\xff.py'),
    os.fsdecode(b'\x80'), os.fsdecode(b'\xed\xa0\x80'), '\udcc3\udca9.py',
    'a[b].py', '[', ']', '*', '?', '!', '-', 'a-b', 'x!y', '[!a]', 'c:5',
    '<unknown>', '<frozen importlib._bootstrap>', '<string>', '', ' ', 'a b',
    'tab\there', '\\', 'a\\b', 'a/b/c.py', '.py', 'pyc', 'a.py:3',
    'long/' + 'x' * 300 + '.py',
]
NAME_ALPHABET = ('abcxyz.py/-_:[]*?!^\\ \u00e9\u00fc\u65e5\U0001f600'
                 '\ue000\udcff\udc80')


def random_filename(rng, sources):
    r = rng.random()
    if r < 0.35:
        return rng.choice(sources)
    if r < 0.7:
        return rng.choice(FIXED_NAMES)
    # Now and then 256 bytes or more: BINUNICODE instead of SHORT_BINUNICODE.
    length = rng.randrange(1, 10) if rng.random() < 0.97 else \
        rng.randrange(100, 400)
    name = ''.join(rng.choice(NAME_ALPHABET) for _ in range(length))
    if rng.random() < 0.4:
        name += rng.choice(['.py', '.pyc', '.PYC', '.pyo'])
    # '#' never starts a name; Python cannot print lone surrogates outside
    # U+DC80..U+DCFF, and the alphabet has none.
    return name


def random_lineno(rng):
    r = rng.random()
    if r < 0.1:
        return 0
    if r < 0.8:
        return rng.randrange(1, 45)
    return rng.choice([2**31 - 1, 2**31, 2**32 - 1, 65535, 65536,
                       rng.randrange(45, 10**6)])


def random_size(rng, huge):
    r = rng.random()
    if r < 0.1:
        return 0
    if r < 0.55:
        return rng.randrange(1, 2000)
    if r < 0.7:
        return rng.choice([99, 100, 10239, 10240, 102399, 102400, 10496,
                           10485759, 10485760, 1024, 512])
    if r < 0.82:
        return rng.randrange(2000, 10**7)
    if r < 0.9:
        return rng.randrange(10**7, 2**40)
    if r < 0.94:
        return 2**32 + rng.randrange(-3, 4)
    if r < 0.97 or not huge:
        return rng.choice([2**53 - 1, 2**53, 2**53 + 1, 2**53 + 3,
                           rng.randrange(2**53, 2**60)])
    return rng.choice([U64, U64 - 1, 2**63, 2**63 - 1,
                       rng.randrange(2**60, U64 + 1)])


def random_traceback(rng, frames_pool, sources):
    """1..30 frames, most recent first, with recursion and repeats."""
    length = rng.choice([1, 1, 1, 2, 3, 5, 8, rng.randrange(1, 31)])
    frames = []
    while len(frames) < length:
        r = rng.random()
        if frames and r < 0.15:
            frames += [frames[-1]] * rng.randrange(1, 6)           # recursion
        elif len(frames) > 1 and r < 0.25:
            frames += frames[-2:] * rng.randrange(1, 4)            # ping-pong
        elif frames_pool and r < 0.75:
            frames.append(rng.choice(frames_pool))
        else:
            frame = (random_filename(rng, sources), random_lineno(rng))
            frames_pool.append(frame)
            frames.append(frame)
    return tuple(frames[:length])


def fresh(traceback):
    """Equal to traceback, made of new objects: no pickle memo sharing."""
    return tuple((''.join(list(name)), lineno)
                 for name, lineno in traceback)


class World:
    """Random traces for an old and a new snapshot."""

    def __init__(self, rng, sources):
        self.rng = rng
        self.sources = sources
        self.huge = rng.random() < 0.05
        # Tracebacks of fresh frames only, past 65,536 of them in a
        # snapshot: memsnap then stores frame ids in four bytes, not two.
        self.wide = rng.random() < 0.002
        self.frames = []
        self.tracebacks = []
        for _ in range(rng.randrange(1, 25)):
            self.new_traceback()

    def new_traceback(self):
        rng = self.rng
        if self.wide:
            start = len(self.frames)
            self.frames += [(random_filename(rng, self.sources), start + k)
                            for k in range(1, 26)]
            tb = tuple(self.frames[start:])
        elif self.tracebacks and rng.random() < 0.3:
            # A neighbour of an existing one: shares a prefix or a suffix,
            # so ties are broken deep in the traceback.
            base = rng.choice(self.tracebacks)
            cut = rng.randrange(0, len(base) + 1)
            extra = random_traceback(rng, self.frames, self.sources)
            tb = (base[:cut] + extra if rng.random() < 0.5
                  else extra + base[cut:])[:30]
            tb = tb or base
        else:
            tb = random_traceback(rng, self.frames, self.sources)
        self.tracebacks.append(tb)
        return tb

    def trace(self, size=None):
        rng = self.rng
        r = rng.random()
        if r < 0.1 or self.wide:
            tb = self.new_traceback()
        else:
            tb = rng.choice(self.tracebacks)
            if r < 0.25:
                tb = fresh(tb)
        domain = rng.choice([0, 0, 0, 0, 1, 2, 3])
        if size is None:
            size = random_size(rng, self.huge)
        return (domain, size, tb, len(tb))

    def snapshot_traces(self):
        rng = self.rng
        n = rng.choice([0, 1, 2, 5, rng.randrange(0, 40),
                        rng.randrange(0, 120)])
        r = rng.random()
        if self.wide:
            n = rng.randrange(2700, 3000)   # 67,500 frames or more
        elif r < 0.01:
            # Past 1000 list items (APPENDS batches), 256 memo entries and
            # one 64 KiB pickle frame.
            n = rng.randrange(1000, 3000)
        elif r < 0.015:
            # Several pickle frames: read in chunks on 2 or 8 threads.
            n = rng.randrange(3000, 8000)
        tie_sizes = [rng.randrange(0, 300) for _ in range(3)]
        traces = []
        for _ in range(n):
            if rng.random() < 0.3:
                traces.append(self.trace(rng.choice(tie_sizes)))
            else:
                traces.append(self.trace())
        return self.bounded(traces)

    def evolve(self, old):
        """A later snapshot: keeps, drops, resizes and adds traces."""
        rng = self.rng
        new = []
        for trace in old:
            r = rng.random()
            if r < 0.65:
                new.append(trace)
            elif r < 0.85:
                new.append(trace[:1] + (random_size(rng, self.huge),)
                           + trace[2:])
        for _ in range(rng.choice([0, 1, 3, rng.randrange(0, 30)])):
            new.insert(rng.randrange(len(new) + 1), self.trace())
        return self.bounded(new)

    def bounded(self, traces):
        """Unless this world is 'huge', keep every group sum, cumulative ones
        included, below 2**64 (single sizes and diffs can still reach
        +-(2**64 - 1))."""
        if self.huge:
            return traces
        while sum(t[1] * len(t[2]) for t in traces) > U64:
            i = max(range(len(traces)), key=lambda j: traces[j][1])
            traces[i] = traces[i][:1] + (traces[i][1] // 4,) + traces[i][2:]
        return traces


def dump(rng, traces, path):
    """Write traces the way some Python would: protocol 2 to 5, 3-field
    traces as 3.6-3.8 write them, sometimes pickletools.optimize()d."""
    if rng.random() < 0.1:
        traces = [t[:3] for t in traces]
    snapshot = tracemalloc.Snapshot(traces, rng.randrange(1, 100))
    protocol = rng.choice([5, 5, 5, 4, 3, 2])
    data = pickle.dumps(snapshot, protocol)
    if rng.random() < 0.05:
        data = pickletools.optimize(data)
    with open(path, 'wb') as fp:
        fp.write(data)


# ---------------------------------------------------------------------------
# Random command lines

ODD_PIECES = ['*', '?', '[', ']', '[!', '[]', '[!]', '[]]', '[!]]', '[a-]',
              '[-a]', '[z-a]', '[a-c-e]', '[\\]', '[^a]', '[[]', '**', '[a-z]',
              '[!a-z]', '[*]', '[?]', '[.]', '[]-]', '[!-]', '[!!]', '[\\-^]',
              '[\udc80-\udcff]', '[\u00e0-\u00ff]', '[\u0001-\U0010ffff]',
              '[]-a]', '[a-]]', '\\', '-', '!', '^', ':', '.pyc', '.py']


def random_pattern(rng, names):
    r = rng.random()
    if names and r < 0.6:
        chars = list(rng.choice(names))
        for _ in range(rng.randrange(0, 3)):
            if not chars:
                break
            i = rng.randrange(len(chars))
            op = rng.random()
            if op < 0.3:
                chars[i] = '?'
            elif op < 0.55:
                chars[i] = '*'
            elif op < 0.75:
                chars[i] = '[%s%s]' % (rng.choice(['', '!']), chars[i])
            else:
                chars.insert(i, rng.choice(ODD_PIECES))
        pattern = ''.join(chars)
    elif r < 0.9:
        pattern = ''.join(rng.choice(ODD_PIECES + list('abxy.py/'))
                          for _ in range(rng.randrange(0, 6)))
    else:
        pattern = rng.choice(['*', '', '*.py', '*.pyc', 'src/*', '<*>',
                              '*[', '[', '*/*', '?'])
    # memsnap gets bytes; this is the pattern Python's sys.argv would hold.
    return os.fsdecode(os.fsencode(pattern))


def random_filter_args(rng, names, linenos):
    args = []
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        flag = rng.choice(['-i', '-x', '--include', '--exclude'])
        pattern = random_pattern(rng, names)
        if rng.random() < 0.3:
            lineno = rng.choice(linenos) if linenos and rng.random() < 0.8 \
                else random_lineno(rng)
            pattern += ':%d' % lineno
        args.append([flag, pattern])
    if args and rng.random() < 0.35:
        args.append([rng.choice(['-a', '--all-frames'])])
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        args.append([rng.choice(['--include-domain', '--exclude-domain']),
                     str(rng.randrange(0, 5))])
    return args


def random_command(rng, names, linenos, old, new):
    """(argv, stdin path or None) for one memsnap run."""
    opts = []
    r = rng.random()
    if r < 0.8:
        opts.append([rng.choice(['-g', '--group-by']),
                     rng.choice(reference.KEY_TYPES)])
    if rng.random() < 0.3:
        opts.append([rng.choice(['-c', '--cumulative'])])
    r = rng.random()
    if r < 0.35:
        opts.append([rng.choice(['-n', '--limit']), '0'])
    elif r < 0.7:
        opts.append([rng.choice(['-n', '--limit']), str(rng.randrange(1, 15))])
    opts += random_filter_args(rng, names, linenos)
    rng.shuffle(opts)

    r = rng.random()
    if r < 0.45:
        name, files = 'top', [rng.choice([old, new])]
    elif r < 0.9:
        name, files = 'diff', [old, new]
    else:
        name, files = 'diff', rng.choice([[new, old], [old, old]])
    stdin = None
    if rng.random() < 0.05:
        i = rng.randrange(len(files))
        stdin, files[i] = files[i], '-'

    # memsnap's own: the same output on any number of threads.
    r, threads = rng.random(), rng.choice(['1', '2', '8'])
    if THREADS or r < 0.75:
        opts.append(['--threads', THREADS or threads])

    # Options go before, between or after the files.
    argv = [name]
    items = [[f] for f in files]
    for opt in opts:
        items.insert(rng.randrange(len(items) + 1), opt)
    for item in items:
        argv += item
    return argv, stdin


# ---------------------------------------------------------------------------
# Running

WORKER = {}


def init_worker(workdir, memsnap, timeout, sources):
    os.chdir(workdir)
    # the chunked reader at any size, where --threads allows it
    env = dict(os.environ, MEMSNAP_SPLIT_MIN='0')
    WORKER.update(memsnap=memsnap, timeout=timeout, sources=sources, env=env,
                  chunked=0)


def run_memsnap(argv, stdin):
    """(status, stdout without '#' lines, raw stdout, stderr)."""
    stdin_file = open(stdin, 'rb') if stdin else subprocess.DEVNULL
    try:
        proc = subprocess.run([WORKER['memsnap']] + [os.fsencode(a)
                                                     for a in argv],
                              stdin=stdin_file, capture_output=True,
                              env=WORKER['env'],
                              timeout=WORKER['timeout'])
    except subprocess.TimeoutExpired:
        return None, b'', b'', b'timed out after %d s' % WORKER['timeout']
    except OSError as e:
        return None, b'', b'', os.fsencode('cannot run memsnap: %s' % e)
    finally:
        if stdin:
            stdin_file.close()
    kept = b''.join(line for line in proc.stdout.splitlines(keepends=True)
                    if not line.startswith(b'#'))
    if b'note: read in ' in proc.stderr:
        WORKER['chunked'] += 1
    return proc.returncode, kept, proc.stdout, proc.stderr


def without_threads(argv):
    """argv as Python's reference takes it: --threads is memsnap's alone."""
    kept, args = [], iter(argv)
    for arg in args:
        if arg == '--threads':
            next(args)
        else:
            kept.append(arg)
    return kept


def check(argv, stdin):
    """None when memsnap agrees with Python, else what went wrong."""
    want_status, want = reference.run(without_threads(argv), stdin)
    status, got, raw, err = run_memsnap(argv, stdin)
    problems = []
    if status != want_status:
        problems.append('exit status %s, expected %d' % (status, want_status))
    if got != want:
        problems.append('stdout differs')
    if want_status == 2 and status == 2:
        if raw:
            problems.append('stdout not empty')
        if err.count(b'\n') != 1 or not err.endswith(b'\n') or \
                not err.startswith(b'memsnap: '):
            problems.append("stderr is not one line starting with "
                            "'memsnap: '")
    if not problems:
        return None
    return {'problems': problems, 'want': want, 'got': got, 'stderr': err,
            'want_status': want_status, 'status': status}


def run_iteration(job):
    seed, index = job
    rng = random.Random('%d:%d' % (seed, index))
    chunked = WORKER['chunked']
    here = 'iter-%d' % index
    os.mkdir(here)
    try:
        # Two source files of this iteration's own, picked more often than
        # the shared ones.
        mine = [here + '/f0.py', here + '/f1.py']
        for name in mine:
            with open(name, 'wb') as fp:
                fp.write(random_source(rng))
        world = World(rng, WORKER['sources'] + mine * 4)
        old_path, new_path = here + '/old.bin', here + '/new.bin'
        old = world.snapshot_traces()
        new = world.evolve(old)
        dump(rng, old, old_path)
        dump(rng, new, new_path)
        names = sorted({f for t in old + new for f, _ in t[2]})
        linenos = sorted({n for t in old + new for _, n in t[2]})
        passed, failures = 0, []
        for _ in range(COMMANDS_PER_ITERATION):
            argv, stdin = random_command(rng, names, linenos, old_path,
                                         new_path)
            failure = check(argv, stdin)
            if failure is None:
                passed += 1
                continue
            failure.update(index=index, argv=argv, stdin=stdin,
                           huge=world.huge, files={})
            for name in os.listdir(here):
                with open(os.path.join(here, name), 'rb') as fp:
                    failure['files'][os.path.join(here, name)] = fp.read()
            failures.append(failure)
        return passed, failures, WORKER['chunked'] - chunked, world.wide
    finally:
        shutil.rmtree(here)


def shell_command(memsnap, argv, stdin):
    words = [shlex.quote(os.fsdecode(memsnap))]
    for arg in argv:
        raw = os.fsencode(arg)
        if all(32 < b < 127 for b in raw):
            words.append(shlex.quote(arg))
        else:
            words.append("$'%s'" % ''.join(
                chr(b) if 32 < b < 127 and b not in b"'\\" else '\\x%02x' % b
                for b in raw))
    text = ' '.join(words)
    if stdin:
        text += ' < ' + shlex.quote(stdin)
    return text


def report(failure, number, memsnap, workdir, save_it):
    print('MISMATCH %d (iteration %d%s): %s' % (
        number, failure['index'], ', huge sums' if failure['huge'] else '',
        '; '.join(failure['problems'])))
    command = shell_command(memsnap, failure['argv'], failure['stdin'])
    if not save_it:
        print('  command: ' + command)
        return
    save = tempfile.mkdtemp(prefix='memsnap-diff-fail-')
    for path, data in failure['files'].items():
        os.makedirs(os.path.join(save, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(save, path), 'wb') as fp:
            fp.write(data)
    shutil.copytree(os.path.join(workdir, 'src'), os.path.join(save, 'src'),
                    symlinks=True)
    with open(os.path.join(save, 'command.sh'), 'w') as fp:
        fp.write('cd "$(dirname "$0")" && %s\n' % command)
    with open(os.path.join(save, 'expected.out'), 'wb') as fp:
        fp.write(failure['want'])
    print('  saved:   %s (command.sh, expected.out)' % save)
    print('  command: ' + command)
    want = failure['want'].split(b'\n')
    got = failure['got'].split(b'\n')
    diff = list(difflib.unified_diff([printable(x) for x in want],
                                     [printable(x) for x in got],
                                     'python', 'memsnap', lineterm='', n=1))
    for line in diff[:16]:
        print('  ' + line)
    if len(diff) > 16:
        print('  ...')
    if failure['stderr']:
        print('  stderr: %s' % printable(failure['stderr'][:300].rstrip()))


def printable(raw):
    """Bytes of one output line, shown without control characters."""
    text = raw.decode('utf-8', 'surrogateescape')
    return ''.join(c if c.isprintable() or c == '\t'
                   else '\\x%02x' % ord(c) if ord(c) < 0x100
                   else '\\u%04x' % ord(c) for c in text)


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('memsnap')
    parser.add_argument('--seed', type=int)
    parser.add_argument('--iterations', type=int)
    parser.add_argument('--jobs', type=int,
                        default=min(os.cpu_count() or 2, 8))
    parser.add_argument('--only', type=int, metavar='I',
                        help='run iteration I only')
    parser.add_argument('--timeout', type=int, default=10,
                        help='seconds allowed for one memsnap run')
    args = parser.parse_args()
    if sys.version_info < (3, 10):
        sys.exit('differential.py needs Python 3.10+ as the reference')
    sys.stdout.reconfigure(errors='backslashreplace', line_buffering=True)

    seed = env_int('MEMSNAP_DIFF_SEED', args.seed)
    if seed is None:
        seed = random.SystemRandom().randrange(2**32)
    iterations = env_int('MEMSNAP_DIFF_ITERATIONS', args.iterations)
    if iterations is None:
        iterations = DEFAULT_ITERATIONS
    memsnap = os.path.abspath(args.memsnap)
    if not os.access(memsnap, os.X_OK):
        sys.exit('differential.py: %s: not executable' % args.memsnap)
    indices = [args.only] if args.only is not None else range(iterations)
    print('differential: seed %d, %d iterations x %d commands, %d jobs, '
          'Python %s (replay: MEMSNAP_DIFF_SEED=%d)'
          % (seed, len(indices), COMMANDS_PER_ITERATION, args.jobs,
             sys.version.split()[0], seed))

    workdir = tempfile.mkdtemp(prefix='memsnap-diff-')
    try:
        sources = make_sources(workdir, random.Random('%d:sources' % seed))
        passed = failed = chunked = wide = 0
        with concurrent.futures.ProcessPoolExecutor(
                args.jobs, initializer=init_worker,
                initargs=(workdir, memsnap, args.timeout, sources)) as pool:
            jobs = ((seed, i) for i in indices)
            for ok, failures, runs, many_frames in pool.map(
                    run_iteration, jobs, chunksize=8):
                passed += ok
                chunked += runs
                wide += many_frames
                for failure in failures:
                    failed += 1
                    report(failure, failed, memsnap, workdir,
                           failed <= MAX_SAVED)
        if failed > MAX_SAVED:
            print('(only the first %d mismatches were saved)' % MAX_SAVED)
    finally:
        shutil.rmtree(workdir)
    print('%d runs read a snapshot in chunks' % chunked)
    print('%d iterations had more than 65,536 frames' % wide)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
