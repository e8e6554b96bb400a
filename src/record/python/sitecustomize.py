# memsnap record's hook, found first on PYTHONPATH by every Python process
# under `memsnap record`: starts the recorder (_memsnap_record), then runs
# the program's own sitecustomize, if any, as if memsnap were not there.
#
# Python 2 and Python 3 before 3.6 read this file too (PYTHONPATH is
# theirs as well): it must parse there, and only chains for them.
import os
import sys


def _memsnap_start():
    if not os.environ.get("MEMSNAP_RECORD_DIR"):
        return
    if sys.version_info < (3, 6):
        os.write(2, ("memsnap: pid %d (Python %s) is not recorded: memsnap records "
                     "Python 3.6 and later\n" % (os.getpid(), sys.version.split()[0])).encode())
        return
    try:
        import _memsnap_record
        _memsnap_record.start()
    except Exception as e:  # the program runs whatever happens to memsnap
        os.write(2, ("memsnap: pid %d is not recorded: %s: %s\n"
                     % (os.getpid(), type(e).__name__, e)).encode())


def _memsnap_chain():
    # Leave sys.path as it would be without memsnap, then find the
    # sitecustomize Python would have imported and import it under the
    # name Python imports it, so that it sees itself as the one.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    # held until the chain is done: Python 2 empties a module's globals
    # when the last reference to it goes
    ours = sys.modules.pop("sitecustomize")  # noqa: F841
    try:
        from importlib.machinery import PathFinder
        from importlib.util import module_from_spec
    except ImportError:
        PathFinder = None
    if PathFinder is not None and hasattr(PathFinder, "find_spec"):
        spec = PathFinder.find_spec("sitecustomize", sys.path)
        if spec is None:
            # what site.py reads as "there is no sitecustomize"
            raise ImportError("No module named 'sitecustomize'", name="sitecustomize")
        module = module_from_spec(spec)
        sys.modules["sitecustomize"] = module
        spec.loader.exec_module(module)
        return
    import imp
    found = imp.find_module("sitecustomize", sys.path)  # ImportError: there is none
    try:
        imp.load_module("sitecustomize", *found)
    finally:
        if found[0] is not None:
            found[0].close()


_memsnap_start()
_memsnap_chain()
