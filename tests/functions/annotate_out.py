"""memsnap annotate's formats written out a second time, in Python, from
reference.Annotation (whose numbers are Python's statistics()): what
generate.py expects memsnap to print. The layout is memsnap's own
(memsnap(1), annotate)."""
import importlib.util
import os
import tracemalloc

# the JSON layout as ../formats/generate.py writes it
_spec = importlib.util.spec_from_file_location(
    "formats_generate",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "formats", "generate.py"))
formats = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(formats)

CONTEXT = 2
SIZE, COUNT = 10, 8


def fmt(size, sign=False):
    return tracemalloc._format_size(size, sign)


def totals(t, diff):
    """size=.. (+..), count=.. (+..); cumulative size=.., count=.."""
    out = "size=%s" % fmt(t[0])
    if diff:
        out += " (%s)" % fmt(t[0] - t[4], True)
    out += ", count=%d" % t[1]
    if diff:
        out += " (%+d)" % (t[1] - t[5])
    out += "; cumulative size=%s" % fmt(t[2])
    if diff:
        out += " (%s)" % fmt(t[2] - t[6], True)
    out += ", count=%d" % t[3]
    if diff:
        out += " (%+d)" % (t[3] - t[7])
    return out


def cells(n, diff):
    def size(v, sign=False):
        return " " + (fmt(v, sign) if v else ".").rjust(SIZE)

    def count(v, sign=False):
        return " " + (("%+d" if sign else "%d") % v if v else ".").rjust(COUNT)

    out = size(n[0])
    if diff:
        out += size(n[0] - n[4], True)
    out += count(n[1])
    if diff:
        out += count(n[1] - n[5], True)
    out += size(n[2])
    if diff:
        out += size(n[2] - n[6], True)
    out += count(n[3])
    if diff:
        out += count(n[3] - n[7], True)
    return out


def shown_lines(a, filename, entries, all_lines):
    """(lineno, numbers or None) in the order text and markdown show them,
    None standing for a gap."""
    by_line = dict(entries)
    source = a.source(filename)
    last = entries[-1][0]
    if source is not None and last < len(source.text):
        last = min(last + CONTEXT, len(source.text))
    if all_lines and source is not None:
        last = max(last, len(source.text))
    out, prev = [], 0
    for lineno in range(1, last + 1):
        if source is None:
            show = lineno in by_line
        else:
            show = all_lines or any(abs(lineno - l) <= CONTEXT for l, _ in entries)
        if not show:
            continue
        if prev and lineno != prev + 1:
            out.append(None)
        out.append((lineno, by_line.get(lineno)))
        prev = lineno
    return out


def function_totals(a, filename, entries):
    t = {}
    for lineno, n in entries:
        key = a.name(filename, lineno)
        t[key] = [x + y for x, y in zip(t.get(key, [0] * 8), n)]
    return t


def header(a, snaps, names):
    out = []
    labels = ["old", "new"] if a.diff else ["snapshot"]
    for label, snap, name in zip(labels, snaps, names):
        out.append("# %s: %s: %d traces, size=%s, traceback_limit=%d" % (
            label, name, len(snap.traces), fmt(sum(t.size for t in snap.traces)),
            snap.traceback_limit))
    n = len(a.files)
    out.append("# %d file%s by size; size and count: allocated at the line (statistics('lineno'))"
               "; cumulative: through it (cumulative=True)" % (n, "" if n == 1 else "s"))
    return out


def text(a, snaps, names, all_lines=False):
    out = header(a, snaps, names)
    for filename, entries in a.files:
        source = a.source(filename)
        fn = function_totals(a, filename, entries)
        lines = shown_lines(a, filename, entries, all_lines)
        width = len(str(max(l[0] for l in lines if l)))
        ncells = (2 if a.diff else 1) * 2 * (SIZE + 1 + COUNT + 1)
        out.append("")
        out.append("# %s: %s%s" % (filename, totals(a.totals[filename], a.diff),
                                   "" if source is not None else " (source not found)"))
        head = "size".rjust(SIZE + 1)
        if a.diff:
            head += "change".rjust(SIZE + 1)
        head += "count".rjust(COUNT + 1)
        if a.diff:
            head += "change".rjust(COUNT + 1)
        head += "cumulative".rjust(SIZE + 1)
        if a.diff:
            head += "change".rjust(SIZE + 1)
        head += "count".rjust(COUNT + 1)
        if a.diff:
            head += "change".rjust(COUNT + 1)
        out.append(head + "  " + "line".rjust(width))
        prev_slot = None
        for item in lines:
            if item is None:
                out.append("...".rjust(ncells + 2 + width))
                continue
            lineno, numbers = item
            slot = a.name(filename, lineno)
            t = fn.get(slot, [0] * 8)
            if source is not None and slot != prev_slot and (t[1] or t[3] or t[5] or t[7]):
                out.append("# %s%s: %s" % (slot[0], " (line %d)" % slot[1] if slot[1] else "",
                                           totals(t, a.diff)))
            prev_slot = slot
            row = cells(numbers or [0] * 8, a.diff) + "  " + str(lineno).rjust(width)
            src = a.text_line(filename, lineno)
            if src:
                row += "  " + src
            out.append(row)
    return "".join(line + "\n" for line in out).encode("utf-8", "surrogateescape")


def csv(a):
    head = "filename,lineno,function,size,count,cumulative_size,cumulative_count"
    if a.diff:
        head += ",size_diff,count_diff,cumulative_size_diff,cumulative_count_diff"
    rows = [(head + ",source").encode()]
    for filename, entries in a.files:
        source = a.source(filename)
        for lineno, n in entries:
            fields = [_field(os.fsencode(filename)), b"%d" % lineno]
            name = b""
            if source is not None and lineno <= len(source.text):
                name = _field(a.name(filename, lineno)[0].encode())
            fields.append(name)
            fields += [b"%d" % v for v in n[:4]]
            if a.diff:
                fields += [b"%d" % (n[i] - n[i + 4]) for i in range(4)]
            src = a.text_line(filename, lineno)
            fields.append(_field(src.encode()) if src is not None else b"")
            rows.append(b",".join(fields))
    return b"".join(r + b"\n" for r in rows)


def _field(raw):
    if any(c in raw for c in (b",", b'"', b"\n", b"\r")):
        return b'"' + raw.replace(b'"', b'""') + b'"'
    return raw


def json(a, snaps, names):
    def numbers(n):
        d = {"size": n[0], "count": n[1], "cumulative_size": n[2], "cumulative_count": n[3]}
        if a.diff:
            d.update(size_diff=n[0] - n[4], count_diff=n[1] - n[5],
                     cumulative_size_diff=n[2] - n[6], cumulative_count_diff=n[3] - n[7])
        return d

    def describe(snap, name):
        return {"file": name, "traceback_limit": snap.traceback_limit,
                "size": sum(t.size for t in snap.traces), "count": len(snap.traces)}

    doc = {"command": "annotate"}
    if a.diff:
        doc["old"] = describe(snaps[0], names[0])
        doc["new"] = describe(snaps[1], names[1])
    else:
        doc["snapshot"] = describe(snaps[0], names[0])
    files = []
    for filename, entries in a.files:
        source = a.source(filename)
        f = {"filename": filename, "source": source is not None}
        f.update(numbers(a.totals[filename]))
        fn = function_totals(a, filename, entries)
        functions, seen = [], set()
        for lineno, n in entries:
            if source is None or lineno > len(source.text):
                continue
            key = a.name(filename, lineno)
            if key in seen:
                continue
            seen.add(key)
            d = {"function": key[0], "lineno": key[1]}
            d.update(numbers(fn[key]))
            functions.append(d)
        f["functions"] = functions
        lines = []
        for lineno, n in entries:
            d = {"lineno": lineno}
            d["function"] = (a.name(filename, lineno)[0]
                             if source is not None and lineno <= len(source.text) else None)
            d.update(numbers(n))
            d["source"] = a.text_line(filename, lineno)
            lines.append(d)
        f["lines"] = lines
        files.append(f)
    doc["files"] = files
    return (formats.json_dump(doc, 4) + "\n").encode("utf-8", "surrogateescape")

