"""The warning harvester: stdlib-only code that runs inside the PROJECT's interpreter.

``HARVEST_DIR`` (this directory) is put first on the project's ``PYTHONPATH``. It holds only
uniquely named top-level modules so that it can never shadow a project's own module:

* ``sitecustomize.py`` - imported by ``site`` at start-up of every Python process that inherits the
  environment; when ``DJANGO_UPGRADE_HARVEST_FILE`` is set it installs the recorder
  (``_dua_harvest.install()``), then runs the sitecustomize the environment already had (chained).
* ``_dua_harvest.py`` - the recorder: every warning that Python *shows* (whatever replaced
  ``warnings.showwarning`` / ``formatwarning``) becomes one JSON line; the current unittest test id
  is tracked; exceptions of the harvester itself become ``tool-error`` lines.
* ``_dua_pytest_plugin.py`` - loaded through ``PYTEST_PLUGINS``: pytest records warnings itself and
  never shows them, so the plugin turns ``pytest_warning_recorded`` (pytest >= 6) or
  ``pytest_warning_captured`` (pytest < 6) into JSON lines with node ids, and writes the test results.
* ``_dua_checks.py`` - Django system-check messages, recorded from ``CheckRegistry.run_checks``.
* ``_dua_unittest.py`` - structured unittest results: every outcome a ``unittest.TestResult``
  receives, the start and end of each run, and the exception that ends a process (``sys.excepthook``).

The records are read back on the tool's side with :func:`read_records` (warnings and checks) or
:func:`read_harvest` (everything). This ``__init__`` is only imported by the tool itself
(``upgrader.harvest``), never inside the project.

Besides warnings and checks, the file holds (same ``v``/``pid``/``argv``/``cwd`` keys):

* ``kind: test`` - ``runner`` (pytest / unittest), ``test`` (node id / test id), ``outcome`` (passed,
  failed, error, skipped, xfailed, xpassed), ``when`` (setup / call / teardown / collect), and for a
  failure ``exc_type``, ``message``, ``frames`` (``[file, line, function, source line]``, outermost
  first) and ``chain`` (the exceptions it was raised from); ``controller: true`` when an xdist
  controller wrote it (a report no worker wrote);
* ``kind: session`` - ``runner``, ``event`` (start / finish), pytest's ``exitstatus`` and ``collected``,
  unittest's ``tests_run``, ``worker`` / ``controller`` under xdist;
* ``kind: crash`` - an exception that ended a process or pytest's start-up (``exc_type``, ``message``,
  ``frames``, ``chain``);
* ``kind: internalerror`` - a pytest INTERNALERROR (``text`` and the exception);
* ``kind: tool-error`` - an exception inside the harvester itself (``where`` and the exception).

A warning that an ``error`` filter turned into an exception is a warning record with ``source: error``.

JSON line keys (``v`` = 1): ``v``, ``kind`` (``warning`` | ``check``), ``category`` (qualified class
name, ``django.utils.deprecation.RemovedInDjango50Warning``; for checks the check level class,
``django.core.checks.messages.Warning``), ``message``, ``filename`` (absolute when it is a real
file), ``lineno``, ``test`` (pytest node id or unittest test id, else null), ``when`` (pytest phase
``config`` / ``collect`` / ``runtest``, ``test`` for unittest, ``import`` otherwise, ``check``),
``source`` (``showwarning`` | ``pytest`` | ``checks``), ``pid``, ``ppid``, ``argv``, ``cwd``, and for
checks ``check_id``, ``hint``, ``obj``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

HARVEST_DIR = Path(__file__).resolve().parent
ENV_FILE = "DJANGO_UPGRADE_HARVEST_FILE"
PLUGIN_MODULE = "_dua_pytest_plugin"
RECORD_VERSION = 1


@dataclass
class WarningRecord:
    category: str
    message: str
    filename: str
    lineno: int
    test: str | None = None
    kind: str = "warning"
    when: str | None = None
    source: str | None = None
    pid: int | None = None
    check_id: str | None = None
    hint: str | None = None
    obj: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def short_category(self) -> str:
        return self.category.rsplit(".", 1)[-1]

    @classmethod
    def from_json(cls, obj: dict) -> "WarningRecord":
        known = {"category", "message", "filename", "lineno", "test", "kind", "when", "source", "pid",
                 "check_id", "hint", "obj"}
        return cls(
            category=str(obj.get("category") or "Warning"),
            message=str(obj.get("message") or ""),
            filename=str(obj.get("filename") or ""),
            lineno=int(obj.get("lineno") or 0),
            test=obj.get("test"),
            kind=obj.get("kind") or "warning",
            when=obj.get("when"),
            source=obj.get("source"),
            pid=obj.get("pid"),
            check_id=obj.get("check_id"),
            hint=obj.get("hint"),
            obj=obj.get("obj"),
            extra={k: v for k, v in obj.items() if k not in known},
        )

    def to_json(self) -> dict:
        out = {
            "kind": self.kind, "category": self.category, "message": self.message,
            "filename": self.filename, "lineno": self.lineno, "test": self.test, "when": self.when,
            "source": self.source, "pid": self.pid,
        }
        if self.kind == "check":
            out.update(check_id=self.check_id, hint=self.hint, obj=self.obj)
        return out


@dataclass
class Harvest:
    """Everything one run wrote to its harvest file, by kind (raw dicts except the warnings)."""

    warnings: list = field(default_factory=list)  # WarningRecord (warnings and checks)
    tests: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    crashes: list = field(default_factory=list)
    internal_errors: list = field(default_factory=list)
    tool_errors: list = field(default_factory=list)
    torn_lines: int = 0


def read_harvest(path: str | os.PathLike) -> Harvest:
    """Read a harvest file; a torn or foreign line is skipped (and counted), never fatal."""
    out = Harvest()
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        return out
    buckets = {"test": out.tests, "session": out.sessions, "crash": out.crashes,
               "internalerror": out.internal_errors, "tool-error": out.tool_errors}
    with fh:
        for raw in fh:
            raw = raw.strip()
            if not raw:
                continue
            try:
                obj = json.loads(raw.decode("utf-8", "replace"))
            except ValueError:
                out.torn_lines += 1
                continue
            if not isinstance(obj, dict) or obj.get("v") != RECORD_VERSION:
                continue
            kind = obj.get("kind") or "warning"
            if kind in ("warning", "check"):
                out.warnings.append(WarningRecord.from_json(obj))
            elif kind in buckets:
                buckets[kind].append(obj)
    return out


def read_records(path: str | os.PathLike) -> list[WarningRecord]:
    """The warning and check records of a harvest file."""
    return read_harvest(path).warnings


def harvest_env(base: dict | None, harvest_file: str | os.PathLike) -> dict:
    """The environment that turns the harvester on in every Python child process."""
    env = dict(os.environ if base is None else base)
    old_path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(HARVEST_DIR) + (os.pathsep + old_path if old_path else "")
    env["PYTHONWARNINGS"] = "always"
    env[ENV_FILE] = str(harvest_file)
    plugins = [p for p in (env.get("PYTEST_PLUGINS") or "").split(",") if p.strip()]
    if PLUGIN_MODULE not in plugins:
        plugins.append(PLUGIN_MODULE)
    env["PYTEST_PLUGINS"] = ",".join(plugins)
    # tox runs the commands in an environment of its own that keeps only the variables it is told to
    # pass: tell tox 4 (>= 4.11.1: TOX_OVERRIDE with +=) and tox 3 (TOX_TESTENV_PASSENV) to pass ours
    ours = ("PYTHONPATH", "PYTHONWARNINGS", "PYTEST_PLUGINS", ENV_FILE)
    if not env.get("TOX_OVERRIDE"):
        env["TOX_OVERRIDE"] = "testenv.pass_env+=" + ",".join(ours)
    passenv = (env.get("TOX_TESTENV_PASSENV") or "").split()
    env["TOX_TESTENV_PASSENV"] = " ".join(passenv + [v for v in ours if v not in passenv])
    return env
