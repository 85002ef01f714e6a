"""django-upgrade-assistant pytest plugin (loaded through PYTEST_PLUGINS). pytest 4.6 - 9, Python 3.8+,
stdlib only.

* Warnings: pytest records warnings itself (``catch_warnings(record=True)``) and never shows them,
  so the ``showwarning`` hook cannot see them: the plugin writes one JSON line per
  ``pytest_warning_recorded`` (pytest >= 6) or ``pytest_warning_captured`` (pytest < 6; the hook
  that exists is chosen when the plugin is loaded, an unknown hook is never registered).
  A warning that an ``error`` filter turned into the test's exception is recorded too.
* Filters: the project's ``ignore`` filters (ini ``filterwarnings`` and ``-W``) are turned into
  ``always`` for deprecation categories so nothing is hidden from the report; every other filter,
  ``error`` included, keeps its place and effect, so the tests pass and fail as the project's own
  run would.
* Results: one ``kind: test`` line per test phase that decides the outcome (nodeid, outcome, phase,
  exception type, message, frames), collection errors, a ``kind: session`` line at start and end,
  ``kind: crash`` when the start-up (conftest, pytest-django's Django set-up) raises, and
  ``kind: internalerror`` for an INTERNALERROR. Nothing depends on what the terminal prints, so
  ``-q``, ``-qq`` or ``-p no:terminal`` change nothing.
* pytest-xdist: the workers record warnings and results; the controller records only what the
  workers cannot tell (a crashed worker) and its session lines.
"""

import os

import pytest

try:
    import _dua_harvest as H
except ImportError:  # pragma: no cover
    H = None


def _version():
    try:
        return tuple(int(p) for p in pytest.__version__.split(".")[:2])
    except Exception:
        return (0, 0)


PYTEST_VERSION = _version()
_CONFIG = {}
_DEPRECATIONS = ("DeprecationWarning", "PendingDeprecationWarning")


def _active():
    return H is not None and bool(os.environ.get(H.ENV_FILE))


def _worker(config):
    for name in ("workerinput", "slaveinput"):
        data = getattr(config, name, None)
        if isinstance(data, dict):
            return data.get("workerid") or data.get("slaveid") or "worker"
    return None


def _is_xdist_controller(config):
    try:
        return _worker(config) is None and config.pluginmanager.has_plugin("dsession")
    except Exception:
        return False


# -- filters ---------------------------------------------------------------------------------------

def reveal(filters):
    """The filter strings with each ``ignore`` that can hide deprecations made ``always``."""
    out = []
    for text in filters:
        parts = [p.strip() for p in str(text).split(":")]
        if not parts or parts[0] not in ("ignore", "i", "ig", "ign", "igno", "ignor"):
            out.append(text)
            continue
        parts += [""] * (5 - len(parts))
        category = parts[2].rsplit(".", 1)[-1]
        if category in ("", "Warning"):
            rest = [":".join([p for p in ("always", parts[1], cat, parts[3], parts[4])]).rstrip(":")
                    for cat in _DEPRECATIONS]
            out.append(text)
            out.extend(rest)
        elif "Deprecat" in category or category.startswith("RemovedIn"):
            parts[0] = "always"
            out.append(":".join(parts).rstrip(":"))
        else:
            out.append(text)
    return out


def _reveal_filters(config):
    try:
        ini = config.getini("filterwarnings")  # cached list: changed in place
        if isinstance(ini, list):
            ini[:] = reveal(ini)
    except Exception:  # no such ini option (-p no:warnings)
        pass
    for ns in (getattr(config, "known_args_namespace", None), getattr(config, "option", None)):
        current = getattr(ns, "pythonwarnings", None) if ns is not None else None
        if current:
            ns.pythonwarnings = reveal(list(current))


# -- hooks -------------------------------------------------------------------------------------------

@pytest.hookimpl(hookwrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    outcome = yield
    if not _active():
        return
    try:
        excinfo = outcome.excinfo
        if excinfo is not None:
            etype, value, tb = excinfo
            inner = getattr(value, "excinfo", None)  # ConftestImportFailure (pytest < 8)
            if isinstance(inner, tuple) and len(inner) == 3:
                etype, value, tb = inner
            elif getattr(value, "__cause__", None) is not None and type(value).__name__ == "ConftestImportFailure":
                value = value.__cause__
                etype, tb = type(value), value.__traceback__
            record = {"kind": "crash", "runner": "pytest", "when": "startup"}
            record.update(H.exception_record(etype, value, tb))
            H.write_record(record)
            if isinstance(value, Warning):
                H.record_raised_warning(value, record["frames"], None, "config")
            H.mark_recorded(excinfo[1])
    except Exception as exc:
        H.tool_error("pytest start-up", exc)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    if not _active():
        return
    _CONFIG["config"] = config
    H.install()
    H._state["pytest_active"] = True
    H.fault("pytest_configure")
    try:
        _reveal_filters(config)
        H.write_record({"kind": "session", "runner": "pytest", "event": "start", "pytest": pytest.__version__,
                        "worker": _worker(config), "controller": _is_xdist_controller(config)})
    except Exception as exc:
        H.tool_error("pytest configure", exc)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if not _active():
        yield
        return
    previous = H.set_current_test(item.nodeid)
    try:
        yield
    finally:
        H.set_current_test(previous)


def _outcome(rep):
    if hasattr(rep, "wasxfail"):
        return "xfailed" if rep.skipped else "xpassed"
    return rep.outcome  # passed / failed / skipped


def _message(rep):
    longrepr = getattr(rep, "longrepr", None)
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return H._safe_str(longrepr[2])
    return H._safe_str(getattr(rep, "longreprtext", "") or "")[-4000:]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if not _active():
        return
    H.fault("pytest_runtest_makereport")
    try:
        rep = outcome.get_result()
        if rep.when != "call" and not (rep.failed or rep.skipped):
            return
        record = {"kind": "test", "runner": "pytest", "test": rep.nodeid, "outcome": _outcome(rep), "when": rep.when,
                  "duration": getattr(rep, "duration", None), "worker": _worker(item.config)}
        excinfo = getattr(call, "excinfo", None)
        if excinfo is not None and rep.failed:
            record.update(H.exception_record(excinfo.type, excinfo.value, excinfo.tb))
            if isinstance(excinfo.value, Warning):
                H.record_raised_warning(excinfo.value, record["frames"], rep.nodeid, rep.when)
        elif rep.skipped:
            record["message"] = _message(rep)
        H.write_record(record)
    except Exception as exc:
        H.tool_error("pytest report", exc)


def pytest_runtest_logreport(report):
    """On an xdist controller only: a report no worker wrote (a crashed worker)."""
    config = _CONFIG.get("config")
    if not _active() or config is None or not _is_xdist_controller(config):
        return
    try:
        if report.when != "call" and not (report.failed or report.skipped):
            return
        lines = [ln for ln in _message(report).splitlines() if ln.strip()]
        H.write_record({"kind": "test", "runner": "pytest", "test": report.nodeid, "outcome": _outcome(report),
                        "when": report.when, "controller": True, "message": lines[-1].strip() if lines else ""})
    except Exception as exc:
        H.tool_error("pytest controller report", exc)


def pytest_exception_interact(node, call, report):
    """Collection errors (a test module that cannot be imported) with their frames."""
    if not _active() or getattr(report, "when", None) != "collect":
        return
    try:
        record = {"kind": "test", "runner": "pytest", "test": report.nodeid or "<collection>", "outcome": "error",
                  "when": "collect"}
        excinfo = call.excinfo
        etype, value, tb = excinfo.type, excinfo.value, excinfo.tb
        cause = getattr(value, "__cause__", None) or getattr(value, "__context__", None)
        if type(value).__name__ == "CollectError" and cause is not None:  # "ImportError while importing ..."
            etype, value, tb = type(cause), cause, cause.__traceback__
        record.update(H.exception_record(etype, value, tb))
        if isinstance(value, Warning):
            H.record_raised_warning(value, record["frames"], None, "collect")
        H.write_record(record)
    except Exception as exc:
        H.tool_error("pytest collection error", exc)


def pytest_internalerror(excrepr, excinfo):
    if not _active():
        return
    try:
        record = {"kind": "internalerror", "runner": "pytest", "text": H._safe_str(excrepr)[-8000:]}
        record.update(H.exception_record(excinfo.type, excinfo.value, excinfo.tb))
        H.write_record(record)
    except Exception as exc:
        H.tool_error("pytest internalerror", exc)


def _record_warning(warning_message, when, nodeid):
    if not _active():
        return
    config = _CONFIG.get("config")
    if config is not None and _is_xdist_controller(config):
        return  # the workers recorded it
    try:
        H.record_warning(warning_message.message, warning_message.category, warning_message.filename,
                         warning_message.lineno, test=nodeid or None, when=when, source="pytest")
    except Exception as exc:
        H.tool_error("pytest warning", exc)


if PYTEST_VERSION >= (6, 0):
    def pytest_warning_recorded(warning_message, when, nodeid, location):
        _record_warning(warning_message, when, nodeid)
else:
    def pytest_warning_captured(warning_message, when, item):
        _record_warning(warning_message, when, getattr(item, "nodeid", None))


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session):
    _CONFIG["config"] = session.config


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if not _active():
        return
    H.fault("pytest_sessionfinish")
    try:
        H.write_record({"kind": "session", "runner": "pytest", "event": "finish", "exitstatus": int(exitstatus),
                        "collected": getattr(session, "testscollected", None), "worker": _worker(session.config),
                        "controller": _is_xdist_controller(session.config)})
    except Exception as exc:
        H.tool_error("pytest session finish", exc)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    _CONFIG["config"] = config
