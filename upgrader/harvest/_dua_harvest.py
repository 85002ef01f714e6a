"""django-upgrade-assistant warning recorder (runs inside the project's interpreter, Python 3.8+).

Stdlib only. Installed by the ``sitecustomize`` beside this file when DJANGO_UPGRADE_HARVEST_FILE is
set. Every record is one JSON line appended with a single ``os.write`` on an ``O_APPEND`` descriptor,
so any number of processes (manage.py test --parallel, pytest-xdist workers, tox, nox ...) can write
to the same file at once.
"""

import json
import linecache
import os
import sys
import threading
import warnings

ENV_FILE = "DJANGO_UPGRADE_HARVEST_FILE"
VERSION = 1
MAX_MESSAGE = 16000

_state = {"test": None, "installed": False, "fd": None, "fd_pid": None, "pytest_active": False, "complained": False}
FAULT_ENV = "DJANGO_UPGRADE_HARVEST_FAULT"  # tests only: make the named harvester step fail
MAX_FRAMES = 60
_local = threading.local()
_orig_showwarnmsg_impl = getattr(warnings, "_showwarnmsg_impl", None)
_orig_showwarning = getattr(warnings, "_showwarning_orig", None)


def _qualname(category):
    try:
        module = category.__module__
        name = getattr(category, "__qualname__", category.__name__)
    except AttributeError:
        return str(category)
    if module in ("builtins", "exceptions"):
        return name
    return "%s.%s" % (module, name)


def _fd():
    pid = os.getpid()
    if _state["fd"] is None or _state["fd_pid"] != pid:
        path = os.environ.get(ENV_FILE)
        if not path:
            return None
        _state["fd"] = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        _state["fd_pid"] = pid
    return _state["fd"]


def current_test():
    return _state["test"]


def set_current_test(test_id):
    previous = _state["test"]
    _state["test"] = test_id
    return previous


def write_record(record):
    """Append one record (a dict) as a JSON line. Never raises."""
    if getattr(_local, "busy", False):
        return
    _local.busy = True
    try:
        fd = _fd()
        if fd is None:
            return
        record.setdefault("v", VERSION)
        record.setdefault("pid", os.getpid())
        record.setdefault("ppid", os.getppid())
        record.setdefault("argv", list(getattr(sys, "argv", [])[:4]))
        record.setdefault("cwd", os.getcwd())
        msg = record.get("message") or ""
        if len(msg) > MAX_MESSAGE:
            record["message"] = msg[:MAX_MESSAGE] + "..."
        data = (json.dumps(record, default=str, ensure_ascii=True) + "\n").encode("ascii")
        os.write(fd, data)  # one write on an O_APPEND fd: lines never interleave
    except Exception as exc:
        _complain("writing a record", exc)
    finally:
        _local.busy = False


def _complain(where, exc):
    """A record could not be written: say so on stderr once (the tool looks for this line)."""
    if _state["complained"]:
        return
    _state["complained"] = True
    try:
        sys.stderr.write("django-upgrade: harvester error: %s: %s: %s\n" % (where, type(exc).__name__, exc))
    except Exception:
        pass


def fault(where):
    """Raise when the tests asked this step of the harvester to fail (DJANGO_UPGRADE_HARVEST_FAULT)."""
    if os.environ.get(FAULT_ENV) == where:
        raise RuntimeError("django-upgrade harvester: injected fault in %s" % where)


def tool_error(where, exc=None):
    """Record an exception of the harvester itself (the tool's failure, never the project's)."""
    try:
        record = {"kind": "tool-error", "where": where}
        if exc is not None:
            record.update(exception_record(type(exc), exc, exc.__traceback__))
        write_record(record)
    except Exception as inner:
        _complain(where, inner)


def _safe_str(value):
    try:
        return str(value)
    except Exception:
        try:
            return repr(value)
        except Exception:
            return "<unprintable %s>" % type(value).__name__


def frames_of(tb):
    """[[file, line, function, source line], ...] outermost first; works on tblib tracebacks too."""
    out = []
    seen = 0
    while tb is not None and seen < 1000:
        seen += 1
        try:
            frame = tb.tb_frame
            code = frame.f_code
            filename = code.co_filename
            lineno = tb.tb_lineno or 0
            g = getattr(frame, "f_globals", None)
            try:
                source = linecache.getline(filename, lineno, g if isinstance(g, dict) else None).strip()
            except Exception:
                source = ""
            out.append([_abs(filename), lineno, code.co_name, source])
        except Exception:
            pass
        tb = getattr(tb, "tb_next", None)
    return out[-MAX_FRAMES:]


def exception_record(etype, value, tb):
    """exc_type, message, frames of an exception and of up to 3 exceptions it was raised from."""
    record = {"exc_type": _qualname(etype), "message": _safe_str(value)[:MAX_MESSAGE], "frames": frames_of(tb)}
    chain = []
    current = value
    for _ in range(3):
        nxt = getattr(current, "__cause__", None)
        if nxt is None and not getattr(current, "__suppress_context__", False):
            nxt = getattr(current, "__context__", None)
        if nxt is None or nxt is current:
            break
        chain.append({"exc_type": _qualname(type(nxt)), "message": _safe_str(nxt)[:MAX_MESSAGE],
                      "frames": frames_of(getattr(nxt, "__traceback__", None))})
        current = nxt
    if chain:
        record["chain"] = chain
    return record


def mark_recorded(exc):
    """Remember that this exception is recorded (the excepthook then does not record it again)."""
    try:
        exc._dua_recorded = True
    except Exception:
        pass


def is_recorded(exc):
    return bool(getattr(exc, "_dua_recorded", False))


def record_raised_warning(value, frames, test, when):
    """A warning turned into an exception by an ``error`` filter: still a harvested warning.

    Its place is the caller of the frame that called ``warnings.warn`` (``stacklevel=2``, what Django
    uses), or that frame itself when it is the only one."""
    callers = [f for f in frames[:-1] if not str(f[0]).startswith("<frozen")]  # as warn() skips importlib
    frame = callers[-1] if callers else (frames[-1] if frames else None)
    filename, lineno = (frame[0], frame[1]) if frame else ("", 0)
    write_record({
        "kind": "warning", "category": _qualname(type(value)), "message": _safe_str(value),
        "filename": filename, "lineno": lineno, "test": test, "when": when, "source": "error",
        "raised_at": frames[-1][:2] if frames else None,
    })


def _abs(filename):
    if not filename or filename.startswith("<"):
        return filename or ""
    try:
        return os.path.abspath(filename)
    except Exception:
        return filename


def record_warning(message, category, filename, lineno, test=None, when=None, source="showwarning"):
    if isinstance(message, Warning):
        category = category or type(message)
        text = str(message)
    else:
        text = str(message)
    if test is None:
        test = _state["test"]
    if when is None:
        when = "test" if test else "import"
    write_record({
        "kind": "warning",
        "category": _qualname(category),
        "message": text,
        "filename": _abs(filename),
        "lineno": lineno or 0,
        "test": test,
        "when": when,
        "source": source,
    })


def _is_being_recorded():
    """True inside ``catch_warnings(record=True)``: pytest's own capture, assertWarns, pytest.warns.

    Those warnings are not shown (pytest reports its own through the plugin), so they are not
    counted here: the same rule ``python -Wa`` output follows.
    """
    impl = getattr(warnings, "_showwarnmsg_impl", None)
    return (
        _orig_showwarnmsg_impl is not None
        and impl is not _orig_showwarnmsg_impl
        and getattr(warnings, "showwarning", None) is _orig_showwarning
    )


def _make_showwarnmsg(previous):
    def _showwarnmsg(msg):
        try:
            fault("showwarning")
            if not _is_being_recorded():
                record_warning(msg.message, msg.category, msg.filename, msg.lineno)
        except Exception as exc:
            tool_error("showwarning", exc)
        return previous(msg)

    _showwarnmsg._dua = True
    return _showwarnmsg


def _make_showwarning(previous):
    def showwarning(message, category, filename, lineno, file=None, line=None):
        try:
            record_warning(message, category, filename, lineno)
        except Exception as exc:
            tool_error("showwarning", exc)
        return previous(message, category, filename, lineno, file, line)

    showwarning._dua = True
    return showwarning


# -- unittest ------------------------------------------------------------------------------------

def _patch_unittest(module):
    case = getattr(module, "TestCase", None)
    if case is None or getattr(case.run, "_dua", False):
        return
    original = case.run

    def run(self, result=None):
        try:
            test_id = self.id()
        except Exception:
            test_id = None
        previous = set_current_test(test_id) if not _state["pytest_active"] else None
        try:
            return original(self, result)
        finally:
            if not _state["pytest_active"]:
                set_current_test(previous)

    run._dua = True
    case.run = run


class _PostImportFinder(object):
    """Runs a patch function right after a module is executed (without importing it early)."""

    def __init__(self, hooks):
        self.hooks = hooks
        self._busy = set()

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.hooks or fullname in self._busy:
            return None
        import importlib.util

        self._busy.add(fullname)
        try:
            spec = importlib.util.find_spec(fullname)
        except Exception:
            spec = None
        finally:
            self._busy.discard(fullname)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None
        loader = spec.loader
        hook = self.hooks[fullname]
        original_exec = loader.exec_module

        class _Loader(object):
            def __getattr__(self, name):
                return getattr(loader, name)

            def create_module(self, spec_):
                return loader.create_module(spec_)

            def exec_module(self, module):
                original_exec(module)
                try:
                    hook(module)
                except Exception as exc:
                    tool_error("patching %s" % fullname, exc)

        spec.loader = _Loader()
        return spec

    # Python < 3.4 API, kept so old tooling that calls it does not fail
    def find_module(self, fullname, path=None):
        return None


def install():
    """Install the recorder in this process (idempotent)."""
    if _state["installed"] or not os.environ.get(ENV_FILE):
        return False
    _state["installed"] = True
    if hasattr(warnings, "_showwarnmsg"):
        if not getattr(warnings._showwarnmsg, "_dua", False):
            warnings._showwarnmsg = _make_showwarnmsg(warnings._showwarnmsg)
    else:  # pragma: no cover - no supported Python lacks _showwarnmsg
        warnings.showwarning = _make_showwarning(warnings.showwarning)
    hooks = {"unittest.case": _patch_unittest}
    try:
        import _dua_checks
        import _dua_unittest

        hooks["django.core.checks.registry"] = _dua_checks.patch_checks
        hooks["unittest.result"] = _dua_unittest.patch_result
        hooks["unittest.loader"] = _dua_unittest.patch_loader
        _dua_unittest.install_excepthook()
        fault("install")
    except Exception as exc:
        tool_error("install", exc)
    for name, hook in list(hooks.items()):
        if name in sys.modules:
            hook(sys.modules[name])
            del hooks[name]
    if hooks:
        sys.meta_path.insert(0, _PostImportFinder(hooks))
    return True
