"""Which dependencies the check looks at: the project's pins, else what its interpreter has installed.

Pins come from :func:`upgrader.pins.find_requirements` (requirements files, pyproject PEP 621 /
Poetry, setup.cfg, setup.py, Pipfile and the lock files). Per name, the version judged is the
locked one, else an exact ``==`` pin, else the version installed in the project's interpreter, else
(decided later, from the index) the newest release the specifier admits.

The installed distributions are read by running a stdlib-only script under the project's
interpreter (``importlib.metadata``, Python 3.8+): name, version, Requires-Dist, Requires-Python,
the Django classifiers, and the ``direct_url.json`` of a VCS / local-path install. Django-relatedness
is decided later from the release metadata (:func:`upgrader.deps.judge.depends_on_django`).
"""

from __future__ import annotations

import json

from packaging.utils import canonicalize_name

from upgrader.deps.model import Dependency, ReleaseMeta
from core import run as _run

INSTALLED_SCRIPT = r"""
import json, sys
try:
    from importlib import metadata as md
except ImportError:
    print("[]"); sys.exit(0)
out = []
for d in md.distributions():
    try:
        m = d.metadata
        name = m.get("Name")
        if not name:
            continue
        direct = None
        try:
            text = d.read_text("direct_url.json")
            if text:
                info = json.loads(text)
                if "vcs_info" in info or info.get("url", "").startswith("file:"):
                    direct = info.get("url")
        except Exception:
            pass
        out.append({
            "name": name, "version": d.version,
            "requires_dist": list(d.requires or []),  # also an .egg-info's requires.txt (setup.py install)
            "requires_python": m.get("Requires-Python"),
            "classifiers": [c for c in (m.get_all("Classifier") or []) if c.startswith("Framework :: Django")],
            "direct_url": direct,
        })
    except Exception:
        continue
print(json.dumps(out))
"""


def installed_distributions(python: str, timeout: float = 120) -> dict[str, dict]:
    """``{canonical name: {...}}`` of the distributions installed for interpreter ``python`` ({} on failure)."""
    env = _run.project_env(python)  # the one policy (core.run)
    try:
        proc = _run.run([python, "-I", "-c", INSTALLED_SCRIPT], timeout=timeout, env=env)
        rows = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 and proc.stdout.strip() else []
    except (OSError, _run.TimeoutExpired, ValueError, IndexError):
        return {}
    found: dict[str, dict] = {}
    for row in rows:
        if isinstance(row, dict) and row.get("name"):
            found.setdefault(canonicalize_name(row["name"]), row)
    return found


def installed_meta(row: dict) -> ReleaseMeta:
    return ReleaseMeta(
        version=row["version"], requires_dist=list(row.get("requires_dist") or []),
        requires_python=row.get("requires_python"), classifiers=list(row.get("classifiers") or []), origin="installed",
    )


def _project_python(project) -> str | None:
    try:
        probe = project.try_probe()
    except Exception:  # an explicit --python that cannot run was reported by the command already
        return None
    return probe.interpreter.path if probe is not None else None


def collect(project, problems: list | None = None, installed: dict[str, dict] | None = None) -> list[Dependency]:
    """The project's third-party dependencies (Django itself left out), one per name."""
    from upgrader import pins as _pins

    if installed is None:
        python = _project_python(project)
        installed = installed_distributions(python) if python else {}
    declared = [p for p in _pins.find_requirements(project.dir, problems) if p.canonical_name != "django"]
    deps: dict[str, Dependency] = {}
    if declared:
        by_name: dict[str, list] = {}
        for pin in declared:
            by_name.setdefault(pin.canonical_name, []).append(pin)
        for key, group in by_name.items():
            first = group[0]
            dep = Dependency(name=first.name, source=first.source or str(first.file))
            spec_pin = next((p for p in group if p.kind != "lock" and p.specifier), None)
            dep.specifier = spec_pin.specifier if spec_pin else ""
            locked = next((p for p in group if p.kind == "lock" and p.version), None)
            exact = next((p for p in group if p.version), None)
            row = installed.get(key)
            if locked or exact:
                chosen = locked or exact
                dep.version, dep.source = chosen.version, chosen.source or dep.source
                dep.version_source = "lock" if chosen.kind == "lock" else "pin"
            elif row:
                dep.version, dep.version_source = row["version"], "installed"
            if row and row.get("version") == dep.version:
                dep.installed = installed_meta(row)
                dep.direct_url = row.get("direct_url")
            deps[key] = dep
        return list(deps.values())
    for key, row in sorted(installed.items()):
        if key in ("django", "pip", "setuptools", "wheel"):
            continue
        deps[key] = Dependency(
            name=row["name"], version=row["version"], version_source="installed", source="installed",
            installed=installed_meta(row), direct_url=row.get("direct_url"),
        )
    return list(deps.values())
