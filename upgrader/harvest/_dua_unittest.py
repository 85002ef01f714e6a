"""django-upgrade-assistant: structured unittest results and crashes (project's interpreter, 3.8+).

Stdlib only; installed by ``_dua_harvest.install()``. Every outcome that a ``unittest.TestResult``
receives (``manage.py test`` with any DiscoverRunner subclass, ``runtests.py``, plain unittest)
becomes one JSON line ``kind: test`` with the test id, the outcome, and for failures and errors the
exception type, message and frames; ``startTestRun`` / ``stopTestRun`` become ``kind: session``
lines; an exception that ends a process becomes ``kind: crash``. Nothing is read from the runner's
printed summary. Django's parallel workers (``RemoteTestResult``) are skipped: their events are
replayed on the main process's result, which records them once.
"""

import sys

import _dua_harvest as H

_OUTCOMES = {
    "addSuccess": "passed",
    "addFailure": "failed",
    "addError": "error",
    "addSkip": "skipped",
    "addExpectedFailure": "xfailed",
    "addUnexpectedSuccess": "xpassed",
}
_SKIPPED_RESULTS = ("RemoteTestResult",)


def _ignored(result):
    return H._state["pytest_active"] or type(result).__name__ in _SKIPPED_RESULTS


def _test_id(test):
    try:
        return test.id()
    except Exception:
        return H._safe_str(test)


_IMPORT_FAILURES = {}  # test module name -> the exception record of its failed import


def _record(result, test, outcome, args):
    H.fault("unittest-result")
    record = {"kind": "test", "runner": "unittest", "test": _test_id(test), "outcome": outcome, "when": "call"}
    failed_import = _IMPORT_FAILURES.get(getattr(test, "_testMethodName", None)) if type(
        test).__name__ == "_FailedTest" else None
    if failed_import is not None and outcome == "error":
        record.update(failed_import)  # the import's own exception, not unittest's ImportError(text)
        record["when"] = "collect"
    elif outcome in ("failed", "error", "xfailed") and args:
        err = args[0]
        if isinstance(err, tuple) and len(err) == 3:
            record.update(H.exception_record(err[0], err[1], err[2]))
            if isinstance(err[1], Warning):
                H.record_raised_warning(err[1], record.get("frames") or [], record["test"], "test")
    elif outcome == "skipped" and args:
        record["message"] = H._safe_str(args[0])
    H.write_record(record)


def _wrap(original, outcome):
    def method(self, test, *args):
        if not _ignored(self):
            try:
                _record(self, test, outcome, args)
            except Exception as exc:
                H.tool_error("unittest result", exc)
        return original(self, test, *args)

    method._dua = True
    method.__name__ = original.__name__
    return method


def _wrap_subtest(original):
    def addSubTest(self, test, subtest, err):
        if err is not None and not _ignored(self):
            try:
                failure = getattr(test, "failureException", AssertionError)
                outcome = "failed" if isinstance(err, tuple) and issubclass(err[0], failure) else "error"
                _record(self, subtest, outcome, (err,))
            except Exception as exc:
                H.tool_error("unittest subtest", exc)
        return original(self, test, subtest, err)

    addSubTest._dua = True
    return addSubTest


def _wrap_run(original, event):
    def method(self, *args, **kwargs):
        if not _ignored(self):
            try:
                record = {"kind": "session", "runner": "unittest", "event": event}
                if event == "finish":
                    record["tests_run"] = getattr(self, "testsRun", None)
                    record["success"] = bool(self.wasSuccessful())
                H.write_record(record)
            except Exception as exc:
                H.tool_error("unittest session", exc)
        return original(self, *args, **kwargs)

    method._dua = True
    return method


def patch_result(module):
    cls = getattr(module, "TestResult", None)
    if cls is None or getattr(cls.addSuccess, "_dua", False):
        return
    for name, outcome in _OUTCOMES.items():
        original = getattr(cls, name, None)
        if original is not None:
            setattr(cls, name, _wrap(original, outcome))
    if hasattr(cls, "addSubTest"):
        cls.addSubTest = _wrap_subtest(cls.addSubTest)
    cls.startTestRun = _wrap_run(cls.startTestRun, "start")
    cls.stopTestRun = _wrap_run(cls.stopTestRun, "finish")


def patch_loader(module):
    """unittest turns a test module that cannot be imported into a test raising ImportError(text):
    keep the real exception (with its frames) while the loader is still handling it."""
    original = getattr(module, "_make_failed_import_test", None)
    if original is None or getattr(original, "_dua", False):
        return

    def _make_failed_import_test(name, suiteClass):
        try:
            etype, value, tb = sys.exc_info()
            if value is not None:
                _IMPORT_FAILURES[name] = H.exception_record(etype, value, tb)
        except Exception as exc:
            H.tool_error("unittest loader", exc)
        return original(name, suiteClass)

    _make_failed_import_test._dua = True
    module._make_failed_import_test = _make_failed_import_test


def install_excepthook():
    previous = sys.excepthook
    if getattr(previous, "_dua", False):
        return

    def excepthook(etype, value, tb):
        if H.is_recorded(value):  # pytest's start-up failure, recorded by the plugin already
            return previous(etype, value, tb)
        try:
            record = {"kind": "crash", "test": H.current_test()}
            record.update(H.exception_record(etype, value, tb))
            H.write_record(record)
            if isinstance(value, Warning):  # python -W error: the warning ended the process
                H.record_raised_warning(value, record["frames"], record["test"], "import")
        except Exception as exc:
            H.tool_error("excepthook", exc)
        return previous(etype, value, tb)

    excepthook._dua = True
    sys.excepthook = excepthook
