"""Site or library: how the project's Django requirement is bumped (docs/pins.md, "Sites and libraries").

* ``library``: a distribution that declares dependencies (setup.py / setup.cfg ``install_requires``,
  PEP 621 ``[project].dependencies``, Poetry with a package) and has no deployment of its own: no
  ``manage.py`` at the top, no ``wsgi.py`` / ``asgi.py`` outside tests/examples/docs, no settings
  module with ``ALLOWED_HOSTS`` outside them. Reusable apps declare ranges and test several Djangos.
* ``site``: anything else (it pins one Django and deploys it).

``--project-kind site|library`` (``kind=``) wins, then ``[tool.django-upgrade] project-kind``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.config import load_config
from core.errors import UsageError
from core.files import ProjectFiles
from core.metafiles import read_ini, read_toml, setup_keywords

KINDS = ("site", "library")
NOT_DEPLOYED = {"tests", "test", "testapp", "example", "examples", "demo", "sandbox", "docs", "doc", "testproject",
                "tests_project", "example_project", "runtests"}
SKIP = {".git", ".hg", ".tox", ".nox", ".venv", "venv", "env", "node_modules", "build", "dist", "__pycache__",
        ".django-upgrade", "site-packages"}


@dataclass(frozen=True)
class ProjectKind:
    kind: str  # site / library
    reason: str  # "setup.py declares install_requires; no manage.py, wsgi.py or deployment settings"
    source: str = "detected"  # detected / --project-kind / pyproject.toml

    def to_json(self) -> dict:
        return {"kind": self.kind, "reason": self.reason, "source": self.source}


def declared_distribution(root: Path) -> str | None:
    """Where the project declares itself a distribution with dependencies, or None."""
    doc = read_toml(root / "pyproject.toml")
    if doc:
        project = doc.get("project") or {}
        if project.get("dependencies") or "dependencies" in (project.get("dynamic") or []):
            return "pyproject.toml [project] dependencies"
        poetry = (doc.get("tool") or {}).get("poetry") or {}
        if poetry.get("dependencies") and poetry.get("package-mode", True) is not False and poetry.get("name"):
            return "pyproject.toml [tool.poetry] dependencies"
    cfg = read_ini(root / "setup.cfg")
    if cfg is not None and cfg.has_option("options", "install_requires"):
        return "setup.cfg install_requires"
    if "install_requires" in (setup_keywords(root / "setup.py") or {}):
        return "setup.py install_requires"
    return None


_ALLOWED_HOSTS = re.compile(r"^ALLOWED_HOSTS\s*[:=]", re.M)


def deployment(root: Path) -> str | None:
    """The first sign that the project deploys itself (a path, relative), or None."""
    if (root / "manage.py").is_file():
        return "manage.py"
    # the project's files (core.files), at most three directories deep, outside tests/docs/examples
    rels = [p.relative_to(root) for p in ProjectFiles(root).python_files()]
    for rel in sorted(rels, key=lambda r: (len(r.parts), r.as_posix())):
        dirs, name = rel.parts[:-1], rel.name
        if len(dirs) > 3 or any(d in SKIP or d.lower() in NOT_DEPLOYED or d.startswith(".") for d in dirs):
            continue
        if name in ("wsgi.py", "asgi.py"):
            return rel.as_posix()
        if "settings" in name:
            try:
                text = (root / rel).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if _ALLOWED_HOSTS.search(text):
                return rel.as_posix()
    return None


def project_kind(project_dir, kind: str | None = None, config: Mapping | None = None) -> ProjectKind:
    """The project's kind (see the module docstring); UsageError for an unknown ``kind``. ``config``: the
    project's ``[tool.django-upgrade]`` (``core.config.Config``; default: read from its pyproject.toml)."""
    root = Path(project_dir)
    if kind:
        if kind not in KINDS:
            raise UsageError(f"unknown project kind {kind!r}: use site or library")
        return ProjectKind(kind, "given on the command line", "--project-kind")
    if config is None:
        try:
            config = load_config(root)
        except UsageError:  # an unparsable pyproject.toml is said where the project is opened
            config = {}
    configured = config.get("project-kind") if isinstance(config, Mapping) else None
    if configured:
        if configured not in KINDS:
            raise UsageError(f"pyproject.toml [tool.django-upgrade] project-kind = {configured!r}: use site or library")
        return ProjectKind(configured, "[tool.django-upgrade] project-kind", "pyproject.toml")
    declared = declared_distribution(root)
    deployed = deployment(root)
    if declared and not deployed:
        return ProjectKind("library", f"{declared}; no manage.py, wsgi.py/asgi.py or deployment settings")
    if deployed:
        return ProjectKind("site", f"deploys itself ({deployed})")
    return ProjectKind("site", "no distribution metadata with dependencies")
