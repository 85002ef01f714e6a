"""Name the third-party package when a test suite dies at import inside it.

A traceback (plain Python or pytest style) whose deepest frame outside Django lies in
``site-packages/<top>/...`` and that ends in an ImportError / ModuleNotFoundError / AttributeError
is mapped to the distribution owning ``<top>`` (asked of the project's interpreter through
``importlib.metadata``), and - with an index client - to the smallest release that supports the
project's Django.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass

from packaging.utils import canonicalize_name
from core import run as _run

_PY_FRAME = re.compile(r'^\s*File "(?P<path>[^"]+)", line (?P<line>\d+)')
_PYTEST_FRAME = re.compile(r"^(?P<path>\S+\.py):(?P<line>\d+): ")
_ERROR = re.compile(
    r"^(?:E\s+)?(?P<cls>(?:[A-Za-z_][\w.]*\.)?(?:ImportError|ModuleNotFoundError|AttributeError)): (?P<msg>.+)$"
)
_SITE = re.compile(r"[\\/](?:site|dist)-packages[\\/](?P<rest>.+)$")
_NAME = re.compile(r"cannot import name '(?P<name>[\w.]+)'|has no attribute '(?P<attr>\w+)'|No module named '(?P<mod>[\w.]+)'")

OWNER_SCRIPT = r"""
import json, sys
from importlib import metadata as md
wanted = set(json.loads(sys.argv[1]))
found = {}
for d in md.distributions():
    try:
        for f in d.files or []:
            top = f.parts[0] if f.parts else ""
            if top.endswith(".py"):
                top = top[:-3]
            if top in wanted and top not in found:
                found[top] = [d.metadata["Name"], d.version]
    except Exception:
        continue
print(json.dumps(found))
"""


@dataclass
class ImportFailureHint:
    package: str  # the distribution ("djangorestframework")
    version: str | None  # installed version
    module: str  # the top-level import name ("rest_framework")
    file: str
    line: int
    error: str  # "ImportError: cannot import name 'force_text' from 'django.utils.encoding'"
    fixed_in: str | None = None  # the smallest release that supports the project's Django
    change: str | None = None  # the release_data change id the missing name belongs to ("force-text")
    message: str = ""

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in ("package", "version", "module", "file", "line", "error", "fixed_in", "change", "message")}


def _frames_and_errors(text: str):
    """Yield (frame (top, path, line), error) pairs: the deepest non-Django site-packages frame of each traceback."""
    last = None
    for raw in text.splitlines():
        line = raw.rstrip()
        m = _PY_FRAME.match(line) or _PYTEST_FRAME.match(line.strip())
        if m:
            site = _SITE.search(m.group("path"))
            if site:
                top = re.split(r"[\\/]", site.group("rest"))[0]
                top = top[:-3] if top.endswith(".py") else top
                if top not in ("django", "_pytest", "pytest", "pluggy", "importlib") and not top.endswith((".dist-info", ".egg-info")):
                    last = (top, m.group("path"), int(m.group("line")))
            continue
        e = _ERROR.match(line.strip())
        if e and last is not None:
            yield last, f"{e.group('cls')}: {e.group('msg')}"
            last = None


def owners(python: str | None, tops: list[str]) -> dict[str, tuple[str, str | None]]:
    """``{top-level module: (distribution, version)}`` asked of the project's interpreter."""
    found: dict[str, tuple[str, str | None]] = {}
    if python and tops:
        env = _run.project_env(python)  # the one policy (core.run)
        try:
            proc = _run.run([python, "-I", "-c", OWNER_SCRIPT, json.dumps(sorted(set(tops)))], timeout=120, env=env)
            if proc.returncode == 0 and proc.stdout.strip():
                for top, (name, version) in json.loads(proc.stdout.strip().splitlines()[-1]).items():
                    found[top] = (name, version)
        except (OSError, _run.TimeoutExpired, ValueError):
            pass
    for top in tops:  # not found: the import name is the best guess
        found.setdefault(top, (top.replace("_", "-"), None))
    return found


def _missing_module(error: str) -> str | None:
    """The top-level module a ``ModuleNotFoundError`` names, when it is not Django's (``six`` of
    "No module named 'six'"): the environment lacks a package, whatever Django it runs."""
    m = re.match(r"(?:[\w.]+\.)?ModuleNotFoundError: No module named '(?P<mod>[\w.]+)'", error)
    if not m:
        return None
    top = m.group("mod").split(".")[0]
    return None if top == "django" else top


def _change_for(error: str):
    m = _NAME.search(error)
    if not m:
        return None
    name = (m.group("name") or m.group("attr") or m.group("mod") or "").split(".")[-1]
    if not name:
        return None
    try:
        import release_data

        data = release_data.load()
    except Exception:
        return None
    module = re.search(r"from '(?P<mod>[\w.]+)'|module '(?P<mod2>[\w.]+)'", error)
    module = (module.group("mod") or module.group("mod2")) if module else None
    pattern = re.compile(rf"(?<![\w.]){re.escape(name)}\b" if not module else rf"\b{re.escape(module)}\.{re.escape(name)}\b")
    hits = [c for c in data.changes if pattern.search(c.old or "")]
    if not hits and module:
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        hits = [c for c in data.changes if pattern.search(c.old or "")]
    return hits[0] if hits else None


def explain(output_text: str, project=None, client=None, django_version: str | None = None,
            python: str | None = None) -> list[ImportFailureHint]:
    pairs = list(_frames_and_errors(output_text or ""))
    if not pairs:
        return []
    probe = None
    if project is not None and (python is None or django_version is None):
        try:
            probe = project.try_probe()
        except Exception:
            probe = None
    if python is None and probe is not None:
        python = probe.interpreter.path
    if django_version is None and probe is not None:
        django_version = probe.django
    owned = owners(python, [top for (top, _p, _l), _e in pairs])
    hints: list[ImportFailureHint] = []
    seen = set()
    for (top, path, lineno), error in pairs:
        dist, version = owned[top]
        key = (canonicalize_name(dist), error)
        if key in seen:
            continue
        seen.add(key)
        missing = _missing_module(error)
        change = None if missing else _change_for(error)
        hint = ImportFailureHint(dist, version, top, path, lineno, error, change=change.id if change else None)
        if client is not None and django_version and not missing:
            hint.fixed_in = _fixing_release(client, dist, version, django_version, probe.python_feature if probe else None)
        where = f"{dist} {version}" if version else dist
        text = f"the suite fails at import inside {where} ({os.path.basename(path)}:{lineno}): {error}"
        if missing:  # (not about Django: a module the environment lacks)
            text += (f"; {dist} imports {missing}, which is not installed in the project's environment: install "
                     f"it (or a release of {dist} that does not need it)")
        else:
            if change is not None:
                text += f" - {change.old} was removed in Django {change.removed_in}"
            if hint.fixed_in:
                text += f"; upgrade {dist} to {hint.fixed_in} (the first release that supports Django {django_version})"
            elif django_version:
                text += f"; upgrade {dist} to a release that supports Django {django_version}"
        hint.message = text
        hints.append(hint)
    return hints


def _fixing_release(client, dist: str, version: str | None, django_version: str, python: str | None) -> str | None:
    from upgrader.deps.targets import step_target
    from upgrader.deps.verdict import evaluate
    from upgrader.deps.model import Dependency

    step = step_target(django_version, python)
    report = evaluate([Dependency(name=dist, version=version, version_source="installed")], [step], client,
                      current_django=django_version, current_python=python)
    for status in report.steps.get(step.to, []):
        return status.suggest
    return None
