"""The function name of every line of Python source files, from Python's ast.

The rule (memsnap(1), FUNCTION NAMES; src/analyze/pyscope.h) says which
lines a def, class, lambda or generator expression names; the names are
__qualname__'s. This computes it from ast, independently of memsnap, and
prints what tests/pyscope/dump.c prints: "# FILE", then "FIRST LAST START
NAME" for each run of lines with one name (START: the line the def, class,
lambda or generator expression starts on, 0 for "<module>").

    reference.py FILE...                   expected output, for fixtures
    reference.py --check DUMP PATH...      the differential test: every .py
        file under the PATHs through DUMP (pyscope_dump) and through ast,
        compared file by file; figures on stdout; exit 1 on a difference
        that --exceptions does not list. On Python 3.11+ it also checks the
        names against the code objects compile() makes (co_qualname), and
        the rule against the lines each code object runs (co_lines()).

Needs Python 3.8+ (end_lineno).
"""
import ast
import collections
import io
import os
import subprocess
import sys
import tokenize
import types
import warnings

MODULE, FUNCTION, CLASS, COMPREHENSION = 0, 1, 2, 3
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.GeneratorExp)


class Context:
    def __init__(self, qual, kind, declared):
        self.qual = qual  # None at module level
        self.kind = kind
        self.declared = declared  # names declared global in this scope


def global_names(body):
    """Names a function or class body declares global (not nested scopes)."""
    names = set()
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Global):
            names.update(node.names)
        if isinstance(node, SCOPES):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return names


def qualify(ctx, name, alone=False):
    """compiler_set_qualname(): nested in ctx, unless declared global there;
    ".<locals>" follows functions and lambdas only."""
    if ctx.qual is None or alone:
        return name
    return ctx.qual + (".<locals>." if ctx.kind == FUNCTION else ".") + name


class Lines:
    def __init__(self, text):
        self.text = text.split("\n")
        if self.text and self.text[-1] == "":
            self.text.pop()
        self.names = ["<module>"] * (len(self.text) + 1)
        self.starts = [0] * (len(self.text) + 1)  # the line each name's scope starts on
        self.scopes = []  # (kind, name, first line of its code object, qualname)

    def assign(self, first, last, qual, start):
        for line in range(max(first, 1), min(last, len(self.text)) + 1):
            self.names[line] = qual
            self.starts[line] = start

    def blank(self, line):
        s = self.text[line - 1].strip()
        return not s or s.startswith("#")

    def body_start(self, node):
        """The first line a def or class body names: after the header's colon,
        or the colon's own line when the body starts on it."""
        first = node.body[0]
        # a decorated statement starts at its first decorator's '@'
        start = getattr(first, "decorator_list", None) or [first]
        before = self.text[start[0].lineno - 1].encode("utf-8")[: start[0].col_offset]
        if before.strip().rstrip(b"@").strip():
            return start[0].lineno
        line = start[0].lineno - 1
        while line >= 1 and self.blank(line):
            line -= 1
        return line + 1

    def visit(self, node, ctx):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            kind = CLASS if isinstance(node, ast.ClassDef) else FUNCTION
            alone = ctx.kind != MODULE and node.name in ctx.declared
            qual = qualify(ctx, node.name, alone)
            start = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            self.scopes.append((kind, node.name, start, qual))
            self.assign(self.body_start(node), node.end_lineno, qual, node.lineno)
            # decorators, defaults, annotations, bases: the enclosing scope
            for field, value in ast.iter_fields(node):
                if field != "body":
                    self.visit_value(value, ctx)
            inner = Context(qual, kind, global_names(node.body))
            for stmt in node.body:
                self.visit(stmt, inner)
        elif isinstance(node, ast.Lambda):
            qual = qualify(ctx, "<lambda>")
            self.scopes.append((FUNCTION, "<lambda>", node.lineno, qual))
            self.assign(node.lineno + 1, node.end_lineno, qual, node.lineno)
            self.visit(node.args, ctx)
            self.visit(node.body, Context(qual, FUNCTION, set()))
        elif isinstance(node, ast.GeneratorExp):
            qual = qualify(ctx, "<genexpr>")
            self.scopes.append((FUNCTION, "<genexpr>", node.lineno, qual))
            self.assign(node.lineno + 1, node.end_lineno, qual, node.lineno)
            inner = Context(qual, COMPREHENSION, set())
            # the first iterable is evaluated where the expression is
            self.visit(node.generators[0].iter, ctx)
            self.visit(node.elt, inner)
            for i, gen in enumerate(node.generators):
                if i:
                    self.visit(gen.iter, inner)
                self.visit(gen.target, inner)
                for cond in gen.ifs:
                    self.visit(cond, inner)
        else:
            for child in ast.iter_child_nodes(node):
                self.visit(child, ctx)

    def visit_value(self, value, ctx):
        if isinstance(value, list):
            for item in value:
                self.visit_value(item, ctx)
        elif isinstance(value, ast.AST):
            self.visit(value, ctx)


def read(path):
    """The source as linecache reads it, its ast, or None when Python cannot."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        text = raw.decode(encoding)
        tree = ast.parse(raw)
    except (SyntaxError, UnicodeDecodeError, ValueError, LookupError, OSError):
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n"), raw, tree


def analyse(path):
    got = read(path)
    if got is None:
        return None
    text, raw, tree = got
    lines = Lines(text)
    lines.visit(tree, Context(None, MODULE, set()))
    lines.raw = raw
    return lines


def runs(path, lines):
    out = ["# " + os.fsdecode(path)]
    n = len(lines.text)
    first = 1
    for line in range(2, n + 2):
        if line > n or (lines.names[line], lines.starts[line]) != (
                lines.names[first], lines.starts[first]):
            out.append("%d %d %d %s" % (first, line - 1, lines.starts[first], lines.names[first]))
            first = line
    return "\n".join(out) + "\n"


def code_objects(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from code_objects(const)


def frame_checks(path, lines, figures, samples):
    """Against compile(): names (co_qualname) and the lines each code runs."""
    try:
        code = compile(lines.raw, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return
    codes = [c for c in code_objects(code)]
    made = collections.Counter(
        (c.co_name, c.co_firstlineno, c.co_qualname) for c in codes if c.co_name != "<module>"
    )
    ours = collections.Counter((s[1], s[2], s[3]) for s in lines.scopes)
    figures["names"] += sum(ours.values())
    only_ours, only_made = ours - made, made - ours
    made_at = {(k[0], k[1]): k[2] for k in only_made}
    for key in only_ours.elements():
        qual = made_at.pop((key[0], key[1]), None)
        if qual is None:
            figures["names-dead"] += 1  # the compiler dropped it (if False:, if 0:)
        elif any(c in qual for c in ("<listcomp>", "<setcomp>", "<dictcomp>")):
            figures["names-listcomp"] += 1
        else:
            figures["names-other"] += 1
            if len(samples) < 20:
                samples.append("%s:%d: ours %s, code object %s" % (path, key[1], key[2], qual))
    for name, _ in made_at:
        # comprehensions of 3.11 and older, type parameter scopes of 3.12+
        comprehension = name in ("<listcomp>", "<setcomp>", "<dictcomp>")
        figures["names-comprehension" if comprehension else "names-compiler"] += 1
    running = collections.defaultdict(set)
    for c in codes:
        for _, _, line in c.co_lines():
            if line:
                running[line].add(c.co_qualname)
    for line, names in running.items():
        if line > len(lines.text):
            continue
        figures["frame-lines"] += 1
        if lines.names[line] in names:
            figures["frame-agree"] += 1
        elif any(x.endswith(("<listcomp>", "<setcomp>", "<dictcomp>")) for x in names):
            figures["frame-comprehension"] += 1
        else:
            figures["frame-other"] += 1
            if len(samples) < 40:
                samples.append("%s:%d: ours %s, running %s" % (
                    path, line, lines.names[line], sorted(names)))


def python_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d != "site-packages")
                for f in sorted(files):
                    if f.endswith(".py"):
                        yield os.path.join(root, f)
        else:
            yield p


def split_blocks(text):
    blocks = {}
    for block in text.split("\n# ")[0:]:
        block = block if block.startswith("# ") else "# " + block
        name = block.split("\n", 1)[0][2:]
        blocks[name] = block.rstrip("\n") + "\n"
    return blocks


def check(dump, paths, exceptions):
    figures = collections.Counter()
    samples = []
    expected = {}
    for path in python_files(paths):
        figures["files"] += 1
        lines = analyse(path)
        if lines is None:
            figures["files-unparsed"] += 1
            continue
        expected[path] = runs(path, lines)
        figures["functions"] += len(lines.scopes)
        figures["lines"] += len(lines.text)
        if sys.version_info >= (3, 11) and os.environ.get("PYSCOPE_FRAMES", "1") == "1":
            frame_checks(path, lines, figures, samples)
    if not expected:
        print("pyscope: no Python files under", " ".join(paths))
        return 1
    got = subprocess.run([dump], input="\n".join(expected).encode() + b"\n",
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8", "replace")
    blocks = split_blocks(got)
    failed = []
    for path, want in expected.items():
        if blocks.get(path) == want:
            continue
        reason = next((r for p, r in exceptions if path.endswith(p)), None)
        if reason:
            figures["files-excepted"] += 1
            print("excepted: %s: %s" % (path, reason))
        else:
            failed.append(path)
    print("python %d.%d: %d files (%d Python cannot parse), %d functions, %d lines compared,"
          " %d files differ, %d excepted" % (
              sys.version_info[0], sys.version_info[1], figures["files"],
              figures["files-unparsed"], figures["functions"], figures["lines"],
              len(failed), figures["files-excepted"]))
    if figures["frame-lines"]:
        print("code objects: %d of ours, named differently: %d in comprehensions (inline since"
              " 3.12), %d other; %d dropped by the compiler (dead code); %d comprehensions and"
              " %d type parameter scopes of the compiler's own" % (
                  figures["names"], figures["names-listcomp"], figures["names-other"],
                  figures["names-dead"], figures["names-comprehension"],
                  figures["names-compiler"]))
        print("lines with code: %d, named as a code object running there: %d,"
              " in comprehension frames: %d, other: %d" % (
                  figures["frame-lines"], figures["frame-agree"], figures["frame-comprehension"],
                  figures["frame-other"]))
    for s in samples:
        print("  " + s)
    for path in failed[:20]:
        print("differs: " + path)
        want = expected[path].splitlines()
        have = blocks.get(path, "").splitlines()
        for w, h in zip(want, have):
            if w != h:
                print("  want %s\n  got  %s" % (w, h))
                break
        else:
            print("  want %d runs, got %d" % (len(want), len(have)))
    return 1 if failed else 0


def main(argv):
    warnings.simplefilter("ignore")  # what ast.parse() says of escapes in old code
    if argv[:1] == ["--check"]:
        exceptions = []
        args = argv[2:]
        if args[:1] == ["--exceptions"]:
            with open(args[1], encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if line and not line.startswith("#"):
                        p, _, reason = line.partition(" ")
                        exceptions.append((p, reason.strip()))
            args = args[2:]
        return check(argv[1], args, exceptions)
    for path in argv:
        lines = analyse(path)
        if lines is None:
            print("reference.py: %s: Python cannot read it" % path, file=sys.stderr)
            return 2
        sys.stdout.write(runs(path, lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
