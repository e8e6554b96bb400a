"""memsnap record's recorder, inside each recorded Python 3.6+ process.

It dumps tracemalloc snapshots into DIR/<pid>/0000.bin, 0001.bin, ... (and
DIR/<pid>/peak.bin) from a thread of its own, each written under a hidden
temporary name and renamed, and appends one JSON line per snapshot to
DIR/manifest.jsonl with a single write(). Snapshots are taken every
interval, when traced memory grew by the growth step, at a new peak, on
SIGUSR2 (or when memsnap record appends to DIR/.dump-requests, which is
how it forwards its own SIGUSR2), and at exit. memsnap record passes its
settings in MEMSNAP_RECORD_* variables; children inherit them, and a fork
child restarts the recorder for itself.

Nothing here may break the program: every failure is said once on file
descriptor 2 and the program goes on.
"""
import atexit
import os
import signal
import sys
import time
import _thread
import _tracemalloc

_recorder = None  # the recorder of this process; a fork child replaces it
_said = set()  # what was already said on stderr, so as to say it once
_mp_finalizer_pid = None  # the process whose multiprocessing exit dumps


def _say(key, message):
    if key in _said:
        return
    _said.add(key)
    try:
        os.write(2, ("memsnap: %s\n" % message).encode("utf-8", "backslashreplace"))
    except OSError:
        pass


class _Config(object):
    def __init__(self, environ):
        self.root = environ["MEMSNAP_RECORD_DIR"]
        self.interval = float(environ.get("MEMSNAP_RECORD_INTERVAL", "10"))
        self.growth = int(environ.get("MEMSNAP_RECORD_GROWTH", "0"))
        self.peak = environ.get("MEMSNAP_RECORD_PEAK") == "1"
        self.frames = int(environ.get("MEMSNAP_RECORD_FRAMES", "25"))
        self.recorder_pid = environ.get("MEMSNAP_RECORD_PID", "")
        self.requests = os.path.join(self.root, ".dump-requests")
        self.manifest = os.path.join(self.root, "manifest.jsonl")


def _requests_made(config):
    try:
        return os.stat(config.requests).st_size
    except OSError:
        return 0


def _rss():
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _json(value):
    if isinstance(value, str):
        out = ['"']
        for ch in value:
            if ch in '"\\':
                out.append("\\" + ch)
            elif ch < " " or ch > "~":
                code = ord(ch)
                if code > 0xFFFF:
                    code -= 0x10000
                    out.append("\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
                else:
                    out.append("\\u%04x" % code)
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_json(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, float):
        return "%.6f" % value
    return str(int(value))


class _Recorder(object):
    def __init__(self, config, parent=None):
        self.config = config
        self.pid = os.getpid()
        self.dir = os.path.join(config.root, str(self.pid))
        self.seq = 0
        self.dumping = _thread.allocate_lock()  # one snapshot at a time
        self.wake = _thread.allocate_lock()  # released to wake the thread
        self.wake.acquire()
        self.signalled = False
        self.stopped = False  # at exit: the thread takes no more snapshots
        self.finished = False  # the exit snapshot was taken
        self.last_traced = _tracemalloc.get_traced_memory()[0]
        self.peak_traced = 0  # traced memory in peak.bin, 0 before one
        self.peak_not_before = 0.0
        self.requests_seen = parent.requests_seen if parent else _requests_made(config)

    def start(self):
        _thread.start_new_thread(self._run, ())

    def request(self):
        self.signalled = True
        try:
            self.wake.release()
        except RuntimeError:  # already woken
            pass

    def _run(self):
        try:
            self._loop()
        except Exception as e:  # the program goes on, unrecorded
            _say("thread", "pid %d: the recorder stopped: %s: %s" % (self.pid, type(e).__name__, e))

    def _loop(self):
        import tracemalloc  # noqa: F401 (here rather than in the first dump)
        config = self.config
        poll = 0.05 if (config.growth or config.peak) else 0.25
        next_due = time.monotonic() + config.interval if config.interval > 0 else None
        while not self.stopped:
            timeout = poll
            if next_due is not None:
                timeout = min(timeout, next_due - time.monotonic())
            self.wake.acquire(True, max(timeout, 0.001))
            if self.stopped:
                return
            reason = None
            made = _requests_made(config)
            if self.signalled or made > self.requests_seen:
                self.signalled = False
                self.requests_seen = max(made, self.requests_seen)
                reason = "signal"
            now = time.monotonic()
            if next_due is not None and now >= next_due:
                reason = reason or "interval"
                while next_due <= now:
                    next_due += config.interval
            if (not reason and config.growth
                    and _tracemalloc.get_traced_memory()[0] - self.last_traced >= config.growth):
                reason = "growth"
            if reason:
                self.dump(reason)
            if config.peak:
                self.check_peak(False)
            self.check_handler()

    def check_peak(self, at_exit):
        # A peak snapshot costs what any snapshot costs, and holds the
        # program back as long (the GIL): while memory climbs, at most half
        # the time goes to them, and each must be 1% higher than the last.
        traced = _tracemalloc.get_traced_memory()[0]
        if traced <= self.peak_traced * 1.01:
            return
        if not at_exit and time.monotonic() < self.peak_not_before:
            return
        began = time.monotonic()
        if self.dump("peak", at_exit):
            self.peak_not_before = 2 * time.monotonic() - began

    def check_handler(self):
        if "SIGUSR2" in _said:
            return
        handler = signal.getsignal(signal.SIGUSR2)
        if handler is _on_sigusr2:
            return
        if handler == signal.SIG_IGN:
            what = "ignores SIGUSR2"
        elif handler == signal.SIG_DFL:
            what = "set SIGUSR2 back to its default action (ending it)"
        else:
            what = "handles SIGUSR2 itself and keeps its handler"
        recorder = self.config.recorder_pid
        _say("SIGUSR2", "pid %d %s: send SIGUSR2 to memsnap record%s to take its snapshot"
             % (self.pid, what, " (pid %s)" % recorder if recorder else ""))

    def finish(self):
        """The exit snapshot, once, on the thread that exits."""
        self.stopped = True
        self.request()
        if self.config.peak:
            self.check_peak(True)
        self.dump("exit", True)

    def dump(self, reason, final=False):
        with self.dumping:
            if self.finished or (self.stopped and not final):
                return False
            if final and reason == "exit":
                self.finished = True
            return self._dump(reason)

    def _dump(self, reason):
        if not _tracemalloc.is_tracing():
            _say("tracing", "pid %d stopped tracemalloc: no snapshot of it until it starts "
                 "tracing again" % self.pid)
            return False
        peak = reason == "peak"
        name = "peak.bin" if peak else "%04d.bin" % self.seq
        path = os.path.join(self.dir, name)
        tmp = os.path.join(self.dir, "." + name + ".tmp")
        try:
            import tracemalloc
            if not os.path.isdir(self.dir):
                os.makedirs(self.dir, exist_ok=True)
            traced = _tracemalloc.get_traced_memory()
            times = time.time(), time.monotonic()
            snapshot = tracemalloc.take_snapshot()
            limit = snapshot.traceback_limit
            snapshot.dump(tmp)
            del snapshot
            os.replace(tmp, path)
        except Exception as e:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            _say("dump", "pid %d: cannot write %s: %s (further failures are not reported)"
                 % (self.pid, path, e))
            return False
        self._append(name, reason, None if peak else self.seq, times, traced, limit)
        if not peak:
            self.seq += 1
            self.last_traced = traced[0]
        if peak or (self.config.peak and traced[0] > self.peak_traced * 1.01):
            self.peak_traced = traced[0]
            # a snapshot higher than peak.bin is the new one, at no cost
            if not peak and self._link(path, "peak.bin"):
                self._append("peak.bin", "peak", None, times, traced, limit)
        return True

    def _link(self, path, name):
        tmp = os.path.join(self.dir, "." + name + ".tmp")
        try:
            os.link(path, tmp)
            os.replace(tmp, os.path.join(self.dir, name))
            return True
        except OSError:
            self.peak_traced = 0  # a snapshot of its own, then
            return False

    def _append(self, name, reason, seq, times, traced, limit):
        record = (
            ("file", "%d/%s" % (self.pid, name)),
            ("pid", self.pid),
            ("ppid", os.getppid()),
            ("seq", seq),
            ("time", times[0]),
            ("monotonic", times[1]),
            ("reason", reason),
            ("traced", traced[0]),
            ("traced_peak", traced[1]),
            ("rss", _rss()),
            ("python", sys.version.split()[0]),
            ("argv", getattr(sys, "argv", [])),
            ("traceback_limit", limit),
        )
        line = "{" + ", ".join('"%s": %s' % (k, _json(v)) for k, v in record) + "}\n"
        try:
            fd = os.open(self.config.manifest, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line.encode("ascii"))
            finally:
                os.close(fd)
        except OSError as e:
            _say("manifest", "pid %d: cannot write %s: %s (further failures are not reported)"
                 % (self.pid, self.config.manifest, e))


def _current(start):
    """This process's recorder; a fork child makes its own on first use."""
    global _recorder
    recorder = _recorder
    if recorder is not None and recorder.pid != os.getpid():
        recorder = _recorder = _Recorder(recorder.config, recorder)
        if start:
            recorder.start()
        _watch_multiprocessing()
    return recorder


def _on_sigusr2(signum, frame):
    recorder = _current(True)
    if recorder is not None:
        recorder.request()


def _at_exit():
    recorder = _current(False)
    if recorder is not None and not recorder.finished:
        recorder.finish()


def _after_fork_in_child():
    _current(True)


def _watch_multiprocessing():
    # A multiprocessing child started by fork leaves through os._exit(),
    # which runs no atexit handler: its exit snapshot is taken by one of
    # multiprocessing's own finalizers, registered after it cleared those
    # it inherited.
    util = sys.modules.get("multiprocessing.util")
    if util is not None:
        try:
            util.register_after_fork(_recorder, _multiprocessing_child)
        except Exception:
            pass


def _multiprocessing_child(_recorder_object):
    global _mp_finalizer_pid
    util = sys.modules.get("multiprocessing.util")
    if util is None or _mp_finalizer_pid == os.getpid():
        return
    _mp_finalizer_pid = os.getpid()
    util.Finalize(None, _at_exit, exitpriority=-(1 << 30))


def _fork_36(_fork=os.fork):
    # Python 3.6 has no os.register_at_fork(): its os.fork() is wrapped
    # instead, which covers multiprocessing's forks.
    def fork():
        pid = _fork()
        if pid == 0:
            _after_fork_in_child()
        return pid
    fork.__doc__ = _fork.__doc__
    os.fork = fork


def start():
    global _recorder
    config = _Config(os.environ)
    if not _tracemalloc.is_tracing():
        # PYTHONTRACEMALLOC was not read (an embedding interpreter)
        _tracemalloc.start(config.frames)
    _recorder = _Recorder(config)
    if signal.getsignal(signal.SIGUSR2) == signal.SIG_DFL:
        signal.signal(signal.SIGUSR2, _on_sigusr2)
    atexit.register(_at_exit)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_after_fork_in_child)
    else:
        _fork_36()
    _recorder.start()
