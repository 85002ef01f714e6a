"""The one way the tool starts a subprocess (tests/test_architecture.py checks that no other module does).

    run(argv, cwd=None, env=None, timeout=DEFAULT_TIMEOUT, input=None, text=True, merge_stderr=False)
        -> subprocess.CompletedProcess   output always captured (``stdout``/``stderr``), stdin from
           ``input`` or /dev/null (a child never waits on the user's terminal). Raises ``OSError``
           (command missing / not executable) and ``TimeoutExpired`` (the child is killed) exactly as
           ``subprocess.run`` does, so a caller words its own one-line error.
    stream(argv, on_line, cwd=None, env=None, timeout=None) -> int
        Runs with stdout+stderr merged and calls ``on_line(str)`` for each line as it comes (a test
        suite's progress); the child is terminated on KeyboardInterrupt and on timeout.

Environment policy (one place; every caller picks one of the two):

    tool_env(**extra) -> dict
        For tools that are not the project's Python (git, pip/uv as programs, pyenv): the tool's
        environment minus the variables that would leak the tool's own Python into them
        (``CLEARED``), plus ``GIT_TERMINAL_PROMPT=0`` and ``LC_ALL=C`` (stable, parseable messages).
    project_env(python=None, settings=None, pythonpath=(), extra=None) -> dict
        For the project's interpreter (tests, manage.py, probes, cache clearing): ``CLEARED`` removed,
        the state of an outer pytest removed (``OUTER_PYTEST``), the project's virtualenv first on
        ``PATH`` with ``VIRTUAL_ENV`` set when ``python`` lives in one, ``PYTHONPATH`` exactly
        ``pythonpath`` (the project's import roots; the harvester's directory first when it is on),
        ``DJANGO_SETTINGS_MODULE`` when ``settings`` is given, then ``extra``.

Timeouts: ``DEFAULT_TIMEOUT`` (10 min) for anything that installs or runs code, ``PROBE_TIMEOUT``
(60 s) for questions (versions, freeze, probes), ``GIT_TIMEOUT`` (2 min); a test suite has none
unless the caller gives one.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

TimeoutExpired = subprocess.TimeoutExpired
SubprocessError = subprocess.SubprocessError
CompletedProcess = subprocess.CompletedProcess

DEFAULT_TIMEOUT = 600.0
PROBE_TIMEOUT = 60.0
GIT_TIMEOUT = 120.0

#: never passed on: they would make a child Python import the TOOL's packages or its environment
CLEARED = ("PYTHONHOME", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONSTARTUP", "PYTHONWARNINGS", "PIP_REQUIRE_VIRTUALENV",
           "__PYVENV_LAUNCHER__")
#: an outer pytest's state (the tool run from a test, a CI step inside pytest-xdist): not the project's
OUTER_PYTEST = ("PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_XDIST_TESTRUNUID",
                "PYTEST_CURRENT_TEST", "PYTEST_VERSION")


def _base(base: dict | None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    for key in CLEARED:
        env.pop(key, None)
    return env


def tool_env(base: dict | None = None, **extra: str) -> dict[str, str]:
    """The environment for git, pip/uv and other programs (see the module docstring)."""
    env = _base(base)
    env.setdefault("GIT_TERMINAL_PROMPT", "0")
    env["LC_ALL"] = "C"
    env.update(extra)
    return env


def venv_of(python) -> Path | None:
    """The virtualenv ``python`` lives in (``<venv>/bin/python``), or None."""
    if not python:
        return None
    bindir = Path(str(python)).parent
    return bindir.parent if (bindir.parent / "pyvenv.cfg").is_file() else None


def project_env(python=None, settings: str | None = None, pythonpath=(), extra: dict | None = None,
                base: dict | None = None) -> dict[str, str]:
    """The environment for the project's interpreter (see the module docstring)."""
    env = _base(base)
    for key in OUTER_PYTEST:
        env.pop(key, None)
    venv = venv_of(python)
    if venv is not None:
        env["PATH"] = str(venv / "bin") + os.pathsep + env.get("PATH", "")
        env["VIRTUAL_ENV"] = str(venv)
    paths = [str(p) for p in pythonpath if p]
    if paths:
        env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    if settings:
        env["DJANGO_SETTINGS_MODULE"] = settings
    env.update(extra or {})
    return env


def run(argv, cwd=None, env: dict | None = None, timeout: float | None = DEFAULT_TIMEOUT, input=None,
        text: bool = True, merge_stderr: bool = False) -> subprocess.CompletedProcess:
    """Run ``argv`` to the end and capture its output (see the module docstring)."""
    argv = [str(a) for a in argv]
    return subprocess.run(
        argv, cwd=None if cwd is None else str(cwd), env=env, timeout=timeout, input=input, text=text,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
        stdin=None if input is not None else subprocess.DEVNULL,
        **({"errors": "replace"} if text else {}),
    )


def stream(argv, on_line, cwd=None, env: dict | None = None, timeout: float | None = None) -> int:
    """Run ``argv`` with stdout+stderr merged, calling ``on_line`` per decoded line; return the exit code."""
    import time

    proc = subprocess.Popen(
        [str(a) for a in argv], cwd=None if cwd is None else str(cwd), env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        assert proc.stdout is not None
        for raw in iter(proc.stdout.readline, b""):
            on_line(raw.decode("utf-8", "replace"))
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutExpired(proc.args, timeout)
        return proc.wait()
    except BaseException:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except TimeoutExpired:
            proc.kill()
            proc.wait()
        raise
