"""django-upgrade-assistant pytest plugin (loaded through PYTEST_PLUGINS). Python 3.8+, stdlib only.

pytest records warnings itself (``catch_warnings(record=True)``) and never shows them, so the
``showwarning`` hook cannot see them: this plugin writes one JSON line per ``pytest_warning_recorded``.
It also keeps DeprecationWarning / PendingDeprecationWarning "always" on, above the project's own
``filterwarnings``, so nothing is hidden from the report. Under pytest-xdist the workers record and
the controller does not (it would only receive the workers' copies).
"""

import os

import pytest

try:
    import _dua_harvest
except ImportError:  # pragma: no cover
    _dua_harvest = None

_ALWAYS = ["always::DeprecationWarning", "always::PendingDeprecationWarning"]


def _active():
    return _dua_harvest is not None and bool(os.environ.get(_dua_harvest.ENV_FILE))


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    if not _active():
        return
    _CONFIG["config"] = config
    _dua_harvest.install()
    _dua_harvest._state["pytest_active"] = True
    for ns in (getattr(config, "known_args_namespace", None), getattr(config, "option", None)):
        if ns is None:
            continue
        current = list(getattr(ns, "pythonwarnings", None) or [])
        for f in _ALWAYS:
            if f not in current:
                current.append(f)
        try:
            ns.pythonwarnings = current
        except Exception:
            pass


def _is_xdist_controller(config):
    try:
        return config.pluginmanager.has_plugin("dsession")
    except Exception:
        return False


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if not _active():
        yield
        return
    previous = _dua_harvest.set_current_test(item.nodeid)
    try:
        yield
    finally:
        _dua_harvest.set_current_test(previous)


def pytest_warning_recorded(warning_message, when, nodeid, location):
    if not _active():
        return
    config = _CONFIG.get("config")
    if config is not None and _is_xdist_controller(config):
        return
    _dua_harvest.record_warning(
        warning_message.message,
        warning_message.category,
        warning_message.filename,
        warning_message.lineno,
        test=nodeid or None,
        when=when,
        source="pytest",
    )


_CONFIG = {}


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session):
    _CONFIG["config"] = session.config


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    _CONFIG["config"] = config
