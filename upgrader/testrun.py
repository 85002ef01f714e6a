"""Find the project's test command and run it under the warning harvester.

RunResult fields ADDED for the step code (issue 12; the older fields keep their meaning):

* ``tests: list[testresults.TestOutcome]`` - every test's outcome from the harvest file (test id,
  outcome, phase, exception type, message, frames ``Frame(file, line, function, source)``);
* ``structured: bool`` - the counts, ``failures`` and ``tests`` come from our pytest plugin /
  unittest hook (True) or, for a runner neither sees, from its printed summary line (False);
* ``results_source: str`` - ``harvest`` / ``summary-line`` / ``none``;
* ``finished: bool`` - a test session reached its end (pytest's sessionfinish, unittest's stopTestRun);
* ``failed_tests: list[str]`` (property) - ids of the failing and erroring tests;
* ``crash: TestOutcome | None`` - the exception that ended the test process (start-up, settings,
  an import) with its frames;
* ``tool_error: str | None`` - the TOOL failed (an exception inside the harvester, an INTERNALERROR
  raised from our pytest plugin): not the project's tests; the warnings may be incomplete;
* ``runner_error: str | None`` - the runner's own INTERNALERROR that is not ours;
* ``harvest_active: bool`` - some process of the run wrote to the harvest file;
* ``diagnoses: list[diagnose.Diagnosis]`` - each failure (and the crash) classified by the frame that
  raised it (first-party file:line, third-party distribution and version, Django, the tool);
  ``Diagnosis.headline()`` is one line for people, ``to_json()`` the stable keys;
* ``results_json()`` - all of the above as a JSON-ready dict.

``detect_test_command(project) -> TestCommand(argv, kind, description)``:
``[tool.django-upgrade] test-command`` wins (kind ``configured``); else pytest when the project
configures it (pytest.ini, ``[tool.pytest.ini_options]``, ``[tool:pytest]`` in setup.cfg, ``[pytest]``
in tox.ini, or a root conftest.py) and pytest is importable in the project's interpreter (kind
``pytest-django`` when pytest-django is installed, else ``pytest``); else ``python -Wa runtests.py``
(kind ``runtests``, a reusable app's script); else tox.ini's ``[testenv]`` test command rewritten for
the project's interpreter (kind ``tox``, see :mod:`upgrader.toxcommand`); else ``python -Wa manage.py test`` (kind ``manage.py``,
whatever its ``TEST_RUNNER``). Nothing found -> UsageError (exit 2).

``run_with_harvester(project, argv, stream=True, env=None) -> RunResult``: runs ``argv`` in the
project directory with the harvester on (PYTHONPATH, PYTHONWARNINGS=always, PYTEST_PLUGINS, the
harvest file variable), streams its output to stderr while keeping it, and reads the results from
the harvest file: warnings, per-test outcomes, sessions, crashes, the tool's own errors. Only when no
process recorded any test or session (a runner that is neither pytest nor unittest) are the counts
read from the printed summary line, and ``structured`` is False.
"""

from __future__ import annotations

import collections
import configparser
import os
import re
import shlex
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import UsageError
from upgrader import testresults, toxcommand
from upgrader.harvest import WarningRecord, harvest_env, read_harvest
from upgrader.summaryline import Failure, parse_counts, parse_failures  # noqa: F401 - re-exported for callers
from core import run as _runner
from core.files import listdir, manage_py_files

TAIL_LINES = 60
KEEP_LINES = 20000


@dataclass(frozen=True)
class TestCommand:
    __test__ = False  # not a pytest test class
    argv: list
    kind: str  # configured / pytest / pytest-django / manage.py / custom
    description: str




@dataclass
class RunResult:
    returncode: int
    passed: int | None = None
    failed: int | None = None
    errors: int | None = None
    skipped: int | None = None
    warnings: list[WarningRecord] = field(default_factory=list)
    output_tail: str = ""
    duration: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    argv: list = field(default_factory=list)
    runner: str | None = None  # unittest / pytest / None when no summary was read
    tests: list = field(default_factory=list)  # [testresults.TestOutcome]
    structured: bool = False
    results_source: str = "none"  # harvest / summary-line / none
    finished: bool = False
    crash: object | None = None  # testresults.TestOutcome
    tool_error: str | None = None
    runner_error: str | None = None
    harvest_active: bool = False
    diagnoses: list = field(default_factory=list)  # [diagnose.Diagnosis]

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def results_json(self) -> dict:
        """The added fields in JSON form (for step and report documents)."""
        return {
            "structured": self.structured, "results_source": self.results_source, "finished": self.finished,
            "tool_error": self.tool_error, "runner_error": self.runner_error, "harvest_active": self.harvest_active,
            "failed_tests": self.failed_tests, "crash": self.crash.to_json() if self.crash is not None else None,
            "diagnoses": [d.to_json() for d in self.diagnoses],
        }

    @property
    def failed_tests(self) -> list[str]:
        if self.structured:
            return list(dict.fromkeys(t.test for t in self.tests if t.failing))
        return list(dict.fromkeys(f.test for f in self.failures))


# -- detection -------------------------------------------------------------------------------------

def _pytest_configured(d: Path) -> bool:
    if (d / "pytest.ini").is_file() or (d / "conftest.py").is_file():
        return True
    pyproject = d / "pyproject.toml"
    if pyproject.is_file():
        try:
            import tomlkit

            doc = tomlkit.parse(pyproject.read_text(encoding="utf-8"))
            if "ini_options" in doc.get("tool", {}).get("pytest", {}):
                return True
        except Exception:
            pass
    for name, section in (("setup.cfg", "tool:pytest"), ("tox.ini", "pytest")):
        path = d / name
        if path.is_file():
            cp = configparser.ConfigParser(interpolation=None)
            try:
                cp.read(path, encoding="utf-8")
            except (configparser.Error, UnicodeDecodeError):
                continue
            if cp.has_section(section):
                return True
    return False


def _importable(python: str, *modules: str, cwd: Path) -> dict:
    code = (
        "import importlib.util, json, sys\n"
        "print(json.dumps({m: importlib.util.find_spec(m) is not None for m in sys.argv[1:]}))"
    )
    try:
        out = _runner.run([python, "-c", code, *modules], cwd=cwd, timeout=60, env=_runner.project_env(python))
        import json

        return json.loads(out.stdout.strip().splitlines()[-1])
    except Exception:
        return {m: False for m in modules}


def _python(project) -> str:
    return project.interpreter.path


def command_from_words(project, words: list[str]) -> list[str]:
    """Turn the words a user gave (after ``--`` or in test-command) into an argv.

    ``python ...`` / ``python3 ...`` run under the project's interpreter with ``-Wa``; ``pytest ...``
    becomes ``PY -Wa -m pytest ...``; ``manage.py ...`` / ``./manage.py`` becomes ``PY -Wa manage.py``.
    Anything else (tox, nox, make, a script) runs as given: its Python children inherit the
    harvester through the environment.
    """
    if not words:
        raise UsageError("empty test command")
    first = words[0]
    base = os.path.basename(first)
    py = _python(project)
    if re.fullmatch(r"python(\d+(\.\d+)?)?", base):
        rest = list(words[1:])
        return [py, *([] if rest[:1] in (["-Wa"], ["-W", "always"]) else ["-Wa"]), *rest]
    if base in ("pytest", "py.test"):
        return [py, "-Wa", "-m", "pytest", *words[1:]]
    if base == "manage.py":
        return [py, "-Wa", first if os.sep in first else "manage.py", *words[1:]]
    return list(words)


def detect_test_command(project) -> TestCommand:
    given = getattr(project, "test_words", None)
    if given:
        return TestCommand(command_from_words(project, list(given)), "given", f"given after --: {shlex.join(given)}")
    configured = project.config.get("test-command")
    if configured:
        words = shlex.split(configured) if isinstance(configured, str) else [str(w) for w in configured]
        return TestCommand(command_from_words(project, words), "configured", "[tool.django-upgrade] test-command")
    d = Path(project.dir)
    py = _python(project)
    if _pytest_configured(d):
        found = _importable(py, "pytest", "pytest_django", cwd=d)
        if found.get("pytest"):
            kind = "pytest-django" if found.get("pytest_django") else "pytest"
            return TestCommand([py, "-Wa", "-m", "pytest"], kind, f"{kind} (configured in {d.name})")
    if (d / "runtests.py").is_file():
        return TestCommand([py, "-Wa", "runtests.py"], "runtests", "python -Wa runtests.py")
    tox_words = toxcommand.tox_test_words(d)
    if tox_words:
        return TestCommand(command_from_words(project, tox_words), "tox",
                           f"tox.ini's test command in the project's interpreter: {shlex.join(tox_words)}")
    made = toxcommand.make_test_words(d)
    if made:
        return TestCommand(command_from_words(project, made), "make",
                           f"the Makefile's test target in the project's interpreter: {shlex.join(made)}")
    if (d / "manage.py").is_file():
        return TestCommand([py, "-Wa", "manage.py", "test"], "manage.py", "python -Wa manage.py test")
    nested = _test_project_manage_py(d)
    if nested is not None:
        script, label = nested.relative_to(d).as_posix(), nested.parent.relative_to(d).as_posix()
        return TestCommand([py, "-Wa", script, "test", label], "manage.py",
                           f"python -Wa {script} test {label} (the test project's manage.py, its tests discovered in {label}/)")
    raise UsageError(
        f"no test command found in {d}: no manage.py (here or one directory down), runtests.py, tox.ini test "
        "command or pytest configuration; pass one after -- or set [tool.django-upgrade] test-command"
    )


def _test_project_manage_py(d: Path) -> Path | None:
    """The manage.py one directory down that runs the project's tests (a library's ``tests/manage.py``):
    the only one there, or the only one in a directory named for tests. Several: a usage error naming them."""
    found = manage_py_files(d)
    if len(found) > 1:
        found = [m for m in found if "test" in m.parent.name.lower()] or found
    if len(found) > 1:
        names = ", ".join(m.relative_to(d).as_posix() for m in found)
        raise UsageError(f"no test command found in {d}: several manage.py one directory down ({names}); "
                         "pass the one that runs the tests after -- (e.g. -- python tests/manage.py test tests) "
                         "or set [tool.django-upgrade] test-command")
    return found[0] if found else None


# -- running ---------------------------------------------------------------------------------------

def _venv_env(python: str, env: dict) -> dict:
    """Make ``python``/``pytest`` in scripts resolve to the project's venv when it is one."""
    bindir = Path(python).parent
    if (bindir.parent / "pyvenv.cfg").is_file():
        env["PATH"] = str(bindir) + os.pathsep + env.get("PATH", "")
        env["VIRTUAL_ENV"] = str(bindir.parent)
    return env


def run_with_harvester(project, argv: list[str], stream: bool = True, env: dict | None = None,
                       out=None) -> RunResult:
    """Run ``argv`` in the project directory with the harvester; see the module docstring."""
    if not argv:
        raise UsageError("empty test command")
    workdir = Path(project.dir)
    tmpdir = tempfile.mkdtemp(prefix="dua-harvest-")
    harvest_file = os.path.join(tmpdir, "warnings.jsonl")
    try:
        project_python = project.interpreter.path
    except Exception:  # noqa: BLE001 - the command may not need it
        project_python = None
    # the one environment policy (core.run): the tool's own Python never leaks into the project's run;
    # PYTHONPATH the user gave (for the project) is kept; then the harvester on top of it
    base = dict(os.environ if env is None else env)
    user_path = [p for p in (base.get("PYTHONPATH") or "").split(os.pathsep) if p]
    run_env = harvest_env(_runner.project_env(project_python, pythonpath=user_path, base=base), harvest_file)
    # pytest's short summary cuts failure messages at the terminal width: make it wide enough to read
    # them whole, even when the environment says COLUMNS=80 (CI runners, an outer pytest-xdist worker).
    try:
        columns = int(run_env.get("COLUMNS") or 0)
    except ValueError:
        columns = 0
    run_env["COLUMNS"] = str(max(columns, 200))
    for name in ("PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_XDIST_TESTRUNUID",
                 "PYTEST_CURRENT_TEST", "PYTEST_VERSION"):
        run_env.pop(name, None)  # an outer pytest's state, not the project's
    try:
        run_env = _venv_env(project.interpreter.path, run_env)
    except Exception:
        pass
    sink = out if out is not None else sys.stderr
    kept: collections.deque = collections.deque(maxlen=KEEP_LINES)
    start = time.monotonic()
    try:
        python = project.interpreter.path
    except Exception:  # noqa: BLE001 - only used to find installed distributions
        python = None
    try:
        return _run(argv, workdir, run_env, harvest_file, stream, sink, kept, start, python)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)  # also when the command is missing or interrupted


def _run(argv, workdir, run_env, harvest_file, stream, sink, kept, start, python=None) -> RunResult:
    def on_line(line: str) -> None:
        kept.append(line)
        if stream:
            sink.write(line)
            sink.flush()

    try:
        returncode = _runner.stream(argv, on_line, cwd=workdir, env=run_env)
    except FileNotFoundError:
        raise UsageError(f"test command not found: {argv[0]} (it runs in {workdir})") from None
    except PermissionError:
        raise UsageError(f"test command is not executable: {argv[0]}") from None
    duration = time.monotonic() - start
    return _result(argv, returncode, list(kept), harvest_file, duration, workdir, python)


def site_packages_of(python: str) -> list[str]:
    """The site-packages directories of a venv's interpreter, found as files (nothing is run)."""
    root = Path(python).parent.parent
    found = [lib / "site-packages" for lib in listdir(root / "lib", "python*")] + [root / "Lib" / "site-packages"]
    return [str(p) for p in found if p.is_dir()]


def _result(argv, returncode: int, lines: list[str], harvest_file: str, duration: float, project_dir,
            python: str | None = None) -> RunResult:
    """The RunResult from the harvest file; the printed summary only when no run was recorded."""
    harvest = read_harvest(harvest_file)
    found = testresults.from_harvest(harvest, [ln.rstrip("\n") for ln in lines])
    result = RunResult(
        returncode=returncode, warnings=harvest.warnings, output_tail="".join(lines[-TAIL_LINES:]),
        duration=duration, argv=list(argv), crash=found.crash, tool_error=found.tool_error,
        runner_error=found.runner_error, harvest_active=os.path.exists(harvest_file) and os.path.getsize(harvest_file) > 0,
    )
    if found.counts is not None:
        result.structured, result.results_source = True, "harvest"
        result.passed, result.failed = found.counts["passed"], found.counts["failed"]
        result.errors, result.skipped = found.counts["errors"], found.counts["skipped"]
        result.runner, result.tests, result.finished = found.runner, found.tests, found.finished
        result.failures = [Failure(t.test, t.summary, t.kind) for t in found.tests if t.failing]
    else:
        counts = parse_counts(lines) if found.crash is None else {}  # a process died: no summary to trust
        if counts:
            result.results_source = "summary-line"
            result.passed, result.failed = counts.get("passed"), counts.get("failed")
            result.errors, result.skipped = counts.get("errors"), counts.get("skipped")
            result.runner, result.finished = counts.get("runner"), True
        result.failures = parse_failures(lines)
    if result.crash is not None or any(t.failing for t in result.tests):
        try:
            from upgrader import diagnose

            result.diagnoses = diagnose.explain(result, project_dir, site_packages_of(python) if python else None)
        except Exception as exc:  # noqa: BLE001 - the tool's failure, said as such
            result.tool_error = (result.tool_error + "; " if result.tool_error else "") + f"diagnosis failed: {exc!r}"
    return result


