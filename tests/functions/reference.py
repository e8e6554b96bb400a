"""Grouping by function (memsnap's -g function), computed in Python.

A trace counts for the function of its most recent frame (every frame with
cumulative), as tracemalloc's statistics() counts lines; the function of a
frame is what ../pyscope/reference.py computes from Python's ast for its
line, the file read as linecache reads it (through --path-map rules). When
the file cannot be read or has no such line, the frame's line stands for
the function. Groups are tracemalloc's own Statistic and StatisticDiff,
so str(), sorting and compare_to()'s pairing are Python's; only the key is
memsnap's, ordered by file, then name, then (source unread) line.

    functions = Functions(path_map)          # [(OLD, NEW), ...]
    functions.statistics(snapshot, cumulative)
    functions.compare(old, new, cumulative, old_functions=None)
"""
import functools
import importlib.util
import os
import tracemalloc

_spec = importlib.util.spec_from_file_location(
    "pyscope_reference",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pyscope", "reference.py"))
pyscope = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pyscope)


@functools.total_ordering
class Function:
    """A group's key, standing where statistics() puts a Traceback."""

    def __init__(self, filename, name, line):
        self.filename = filename
        self.name = name  # None: the source could not be read
        self.line = line  # where the function starts (0: <module>), or the frame's line

    def _id(self):
        return (self.filename, self.name) if self.name is not None else (self.filename, self.line)

    def __eq__(self, other):
        return self._id() == other._id()

    def __hash__(self):
        return hash(self._id())

    def __lt__(self, other):
        if self.filename != other.filename:
            return self.filename < other.filename
        if (self.name is None) != (other.name is None):
            return self.name is not None
        if self.name is not None:
            return self.name < other.name
        return self.line < other.line

    def __str__(self):
        return "%s:%s" % (self.filename, self.name if self.name is not None else self.line)


class Functions:
    def __init__(self, path_map=()):
        self.path_map = list(path_map)
        self.files = {}

    def path(self, filename):
        """memsnap's --path-map: the first rule whose OLD is the name or a
        leading part of it ending at a '/'."""
        for old, new in self.path_map:
            if filename.startswith(old) and (
                    len(filename) == len(old) or old.endswith("/") or filename[len(old)] == "/"):
                return new + filename[len(old):]
        return filename

    def lines(self, filename):
        if filename not in self.files:
            lines = None
            if filename and not (filename.startswith("<") and filename.endswith(">")):
                lines = pyscope.analyse(os.fsencode(self.path(filename)))
            self.files[filename] = lines
        return self.files[filename]

    def of(self, filename, lineno):
        lines = self.lines(filename)
        if lines is None or not 1 <= lineno <= len(lines.text):
            return Function(filename, None, lineno)
        return Function(filename, lines.names[lineno], lines.starts[lineno])

    def groups(self, snapshot, cumulative):
        """{Function: Statistic}, a named function's line the least of its frames'."""
        stats = {}
        for trace in snapshot.traces._traces:
            size, frames = trace[1], trace[2]
            for filename, lineno in frames if cumulative else frames[:1]:
                key = self.of(filename, lineno)
                stat = stats.get(key)
                if stat is None:
                    stats[key] = tracemalloc.Statistic(key, size, 1)
                else:
                    stat.size += size
                    stat.count += 1
                    stat.traceback.line = min(stat.traceback.line, key.line)
        return stats

    def statistics(self, snapshot, cumulative=False):
        stats = list(self.groups(snapshot, cumulative).values())
        stats.sort(reverse=True, key=tracemalloc.Statistic._sort_key)
        return stats

    def compare(self, old, new, cumulative=False, old_functions=None):
        """new.compare_to(old), with the old snapshot's functions named
        through old_functions (its own --old-path-map)."""
        old_groups = (old_functions or self).groups(old, cumulative)
        new_groups = self.groups(new, cumulative)
        diffs = []
        for key, stat in new_groups.items():
            before = old_groups.pop(key, None)
            if before is None:
                diffs.append(tracemalloc.StatisticDiff(key, stat.size, stat.size, stat.count,
                                                       stat.count))
            else:
                diffs.append(tracemalloc.StatisticDiff(key, stat.size, stat.size - before.size,
                                                       stat.count, stat.count - before.count))
        for key, stat in old_groups.items():
            diffs.append(tracemalloc.StatisticDiff(key, 0, -stat.size, 0, -stat.count))
        diffs.sort(reverse=True, key=tracemalloc.StatisticDiff._sort_key)
        return diffs


class Annotation:
    """memsnap annotate: per file and line, Python's statistics('lineno')
    and statistics('lineno', cumulative=True), and with an old snapshot
    the same of it; files by size (with old: by the size of the change,
    then size), then cumulative size, then name."""

    def __init__(self, functions, new, old=None):
        self.functions = functions  # sources and names, as -g function reads them
        self.diff = old is not None
        lines = {}
        for k, (snap, cumulative) in enumerate(
                [(new, False), (new, True)] + ([(old, False), (old, True)] if old else [])):
            for stat in snap.statistics("lineno", cumulative):
                frame = stat.traceback[0]
                numbers = lines.setdefault((frame.filename, frame.lineno), [0] * 8)
                numbers[2 * k] += stat.size
                numbers[2 * k + 1] += stat.count
        files = {}
        for (filename, lineno), numbers in sorted(lines.items()):
            files.setdefault(filename, []).append((lineno, numbers))

        def total(entries):
            return [sum(n[i] for _, n in entries) for i in range(8)]

        def order(item):
            t = total(item[1])
            change = abs(t[0] - t[4]) if self.diff else 0
            return (-change, -t[0], -t[2], item[0])

        self.files = sorted(files.items(), key=order)
        self.totals = {name: total(entries) for name, entries in self.files}

    def source(self, filename):
        return self.functions.lines(filename)

    def name(self, filename, lineno):
        """The qualified name and start of a line's function; ('<module>', 0) past the end."""
        lines = self.source(filename)
        if lines is None or lineno > len(lines.text):
            return "<module>", 0
        return lines.names[lineno], lines.starts[lineno]

    def text_line(self, filename, lineno):
        lines = self.source(filename)
        if lines is None or not 1 <= lineno <= len(lines.text):
            return None
        return lines.text[lineno - 1]
