"""The test command a tox-tested project runs, turned into a command for the project's interpreter.

Reusable apps are usually tested through tox: ``tox.ini``'s ``[testenv] commands`` is where the
maintainers wrote how their suite runs (``coverage run -m django test --settings=tests.settings``,
``{envpython} runtests.py``, ``pytest {posargs}``). A step must not run tox itself - tox builds its own
environments with their own Django, while the step upgrades the project's interpreter - so the
command is read and rewritten to run in the project's interpreter:

* ``coverage run [OPTS] -m MOD ARGS`` / ``coverage run [OPTS] SCRIPT ARGS`` -> ``python -m MOD ARGS`` /
  ``python SCRIPT ARGS`` (coverage measures, it does not test);
* ``python``, ``python3``, ``{envpython}``, ``{envbindir}/python`` -> the project's interpreter;
  ``pytest``/``py.test`` -> ``python -m pytest``; ``django-admin`` -> ``python -m django``;
* ``{posargs}`` is dropped, ``{posargs:DEFAULT}`` becomes its default, ``{toxinidir}`` the project dir;
* ``make TARGET ...``: the test line of that target's recipe (``upgrader.makecommand``);
* a factor-conditional line (``dj32: ...``) is used only when no unconditional test line exists;
* ``setenv = DJANGO_SETTINGS_MODULE = X`` becomes ``--settings=X`` for Django's test command and
  ``--ds=X`` for pytest when the command does not name settings itself.

Lines that install, lint, format, report coverage or build docs are skipped. ``tox_test_words(dir)``
returns the words of the first test line (for ``testrun.command_from_words``) or None.
"""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

from core.metafiles import read_ini

SKIP_TOOLS = {
    "pip", "pip3", "flake8", "black", "isort", "mypy", "ruff", "pylint", "pycodestyle", "pyflakes",
    "sphinx-build", "codecov", "check-manifest", "twine", "bandit", "pre-commit", "make", "rm", "echo",
    "django-upgrade", "safety", "doc8", "readme",
}
COVERAGE_SUBCOMMANDS_SKIPPED = {"report", "xml", "html", "erase", "combine", "json", "lcov", "annotate", "debug"}
_FACTOR = re.compile(r"^\s*[\w.,!{}-]+\s*:\s+")
_POSARGS = re.compile(r"\{posargs(?::([^}]*))?\}")


def _testenv(path: Path) -> configparser.SectionProxy | None:
    cp = read_ini(path)
    return cp["testenv"] if cp is not None and cp.has_section("testenv") else None


def _substitute(line: str, root: Path) -> str:
    line = _POSARGS.sub(lambda m: m.group(1) or "", line)
    line = line.replace("{toxinidir}", str(root)).replace("{envpython}", "python")
    line = re.sub(r"\{envbindir\}/python3?\b", "python", line)
    line = re.sub(r"\{envbindir\}/", "", line)
    return line


def _words(line: str) -> list[str] | None:
    try:
        return shlex.split(line)
    except ValueError:
        return None


def _normalise(words: list[str]) -> list[str] | None:
    """The words of a test run, or None when this line is not one."""
    while words and words[0] in ("-",):  # tox's "ignore the exit code" prefix
        words = words[1:]
    if not words:
        return None
    tool = Path(words[0]).name
    if tool in ("coverage", "coverage3"):
        if len(words) < 2 or words[1] != "run":
            return None
        rest = words[2:]
        while rest and rest[0].startswith("-") and rest[0] != "-m":
            # --source X / --parallel-mode / --rcfile=X: the options of coverage itself
            opt = rest.pop(0)
            if opt in ("--source", "--rcfile", "--omit", "--include", "--context", "--data-file") and rest:
                rest.pop(0)
        if not rest:
            return None
        return ["python", *rest] if rest[0] == "-m" else ["python", *rest]
    if tool in SKIP_TOOLS or tool.startswith("sphinx"):
        return None
    if tool == "django-admin":
        return ["python", "-m", "django", *words[1:]]
    if re.fullmatch(r"python(\d+(\.\d+)?)?", tool):
        rest = words[1:]
        if rest[:2] == ["-m", "pip"] or rest[:1] == ["setup.py"] and rest[1:2] != ["test"]:
            return None
        if rest[:2] == ["-m", "coverage"]:
            return _normalise(["coverage", *rest[2:]])
        if rest[:1] == ["-c"] or all(w.startswith("-") for w in rest):  # (python --version: runs nothing)
            return None
        return ["python", *rest]
    if tool in ("pytest", "py.test"):
        return ["pytest", *words[1:]]
    return None


def _with_settings(words: list[str], settings: str | None) -> list[str]:
    if not settings or any(w.startswith(("--settings", "--ds")) for w in words):
        return words
    if words[:1] == ["pytest"] or words[1:3] == ["-m", "pytest"]:
        return [*words, f"--ds={settings}"]
    django_test = words[1:4] == ["-m", "django", "test"] or (
        len(words) > 2 and Path(words[1]).name == "manage.py" and words[2] == "test")
    return [*words, f"--settings={settings}"] if django_test else words


def _setenv(section) -> dict:
    env = {}
    for line in (section.get("setenv") or "").splitlines():
        line = _FACTOR.sub("", line).strip()
        if "=" in line:
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    return env


def tox_test_words(root: Path) -> list[str] | None:
    """The first test command of ``root/tox.ini``'s ``[testenv]``, as words for the project's python."""
    path = Path(root) / "tox.ini"
    if not path.is_file():
        return None
    section = _testenv(path)
    if section is None:
        return None
    plain, conditional = [], []
    for raw in (section.get("commands") or "").splitlines():
        if not raw.strip() or raw.strip().startswith("#"):
            continue
        target = conditional if _FACTOR.match(raw) else plain
        target.append(_FACTOR.sub("", raw).strip())
    settings = _setenv(section).get("DJANGO_SETTINGS_MODULE")
    for line in (*plain, *conditional):
        words = _words(_substitute(line, Path(root)))
        if words and Path(words[0]).name == "make":  # (a Makefile target: its recipe's test line)
            made = make_test_words(root, words, settings)
            if made:
                return made
            continue
        found = _normalise(words) if words else None
        if found:
            return _with_settings(found, settings)
    return None


def make_test_words(root, words: list[str] | None = None, settings: str | None = None) -> list[str] | None:
    """The first test line of a Makefile target's recipe (``words``: ``make TARGET ...``; None: ``make
    test``), as words for the project's python; ``settings``: the module when the line sets none."""
    from upgrader.makecommand import recipe_lines

    for line, env in recipe_lines(root, words) or ():
        found = _normalise(line)
        if found:
            return _with_settings(found, env.get("DJANGO_SETTINGS_MODULE") or settings)
    return None
