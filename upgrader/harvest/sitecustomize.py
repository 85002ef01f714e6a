"""django-upgrade-assistant: turn on the warning harvester, then run the environment's own
sitecustomize (if any), exactly as Python would have without this one. Python 3.8+, stdlib only."""

import os as _os
import sys as _sys


def _dua_start():
    if _os.environ.get("DJANGO_UPGRADE_HARVEST_FILE"):
        try:
            import _dua_harvest

            _dua_harvest.install()
        except Exception as exc:  # the project must run even if the harvester cannot
            _sys.stderr.write("django-upgrade: warning harvester not installed: %r\n" % (exc,))


def _dua_chain():
    """Find and execute the next ``sitecustomize`` on sys.path (the one this module shadows)."""
    import importlib.machinery
    import importlib.util

    here = _os.path.dirname(_os.path.abspath(__file__))
    rest = []
    for entry in _sys.path:
        try:
            if _os.path.abspath(entry or _os.curdir) == here:
                continue
        except Exception:
            pass
        rest.append(entry)
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    _sys.modules["_dua_chained_sitecustomize"] = module
    spec.loader.exec_module(module)
    # what the chained module defines is visible as attributes of ``sitecustomize`` too
    for key, value in vars(module).items():
        if not key.startswith("__"):
            globals().setdefault(key, value)


_dua_start()
try:
    _dua_chain()
except Exception as _exc:  # same behaviour as site.execsitecustomize: report, go on
    _sys.stderr.write("Error in sitecustomize; set PYTHONVERBOSE for traceback:\n%s: %s\n" % (type(_exc).__name__, _exc))
