"""The distributions installed in the project's interpreter, read as files by the tool's own process.

One subprocess of the project's interpreter says where its ``sys.path`` directories are; the
``*.dist-info`` directories found there are then read here (``importlib.metadata`` on those paths,
never an import of the project's packages): name, version, the installed files from RECORD,
Requires-Dist / Requires-Python / classifiers and ``direct_url.json``.

Left out: Django itself and the packaging tools, the project's own distribution (its name in
pyproject.toml / setup.cfg / setup.py), and anything installed editable or from a local path inside
the project tree (``direct_url.json`` with a ``file://`` URL under the project root).
"""

from __future__ import annotations

import ast
import json
import os
from dataclasses import dataclass, field
from importlib import metadata as md
from pathlib import Path
from urllib.parse import unquote, urlsplit

from packaging.utils import canonicalize_name

from upgrader.deps.model import ReleaseMeta
from core import run as _run
from core.metafiles import read_ini, read_toml, setup_keywords

NOT_THIRD_PARTY = {"django", "pip", "setuptools", "wheel", "distribute", "pkg-resources"}

WANTED_SUFFIXES = (".py", ".html", ".htm", ".txt")

PATHS_SCRIPT = r"""
import json, os, sys
print(json.dumps([os.path.abspath(p) for p in sys.path if p and os.path.isdir(p)]))
"""


@dataclass
class InstalledDist:
    name: str
    version: str
    root: Path  # the directory holding its .dist-info (site-packages)
    files: list[Path] = field(default_factory=list)  # absolute paths of its installed files, under root
    meta: ReleaseMeta | None = None
    direct_url: str | None = None
    local_dir: bool = False  # installed from a local directory (editable or not)

    @property
    def key(self) -> str:
        return canonicalize_name(self.name)


def site_dirs(python: str, timeout: float = 60) -> list[Path]:
    """The ``sys.path`` directories of interpreter ``python`` ([] when it cannot be run)."""
    env = _run.project_env(python)  # the one policy (core.run)
    try:
        proc = _run.run([python, "-I", "-c", PATHS_SCRIPT], timeout=timeout, env=env)
        rows = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 and proc.stdout.strip() else []
    except (OSError, _run.TimeoutExpired, ValueError, IndexError):
        return []
    return [Path(p) for p in rows if isinstance(p, str)]


def own_names(project_dir: Path) -> set[str]:
    """The project's own distribution name(s), canonical (pyproject [project]/Poetry, setup.cfg, setup.py)."""
    names: set[str] = set()
    root = Path(project_dir)
    doc = read_toml(root / "pyproject.toml") or {}
    for name in ((doc.get("project") or {}).get("name"), ((doc.get("tool") or {}).get("poetry") or {}).get("name")):
        if isinstance(name, str):
            names.add(canonicalize_name(name))
    cfg = read_ini(root / "setup.cfg")
    if cfg is not None and cfg.has_option("metadata", "name"):
        names.add(canonicalize_name(cfg.get("metadata", "name").strip()))
    name = (setup_keywords(root / "setup.py") or {}).get("name")
    if isinstance(name, ast.Constant) and isinstance(name.value, str):
        names.add(canonicalize_name(name.value))
    return names


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


def _direct_url(dist) -> tuple[str | None, bool]:
    try:
        text = dist.read_text("direct_url.json")
        info = json.loads(text) if text else None
    except (OSError, ValueError):
        return None, False
    if not isinstance(info, dict):
        return None, False
    url = info.get("url")
    local_dir = "dir_info" in info  # a directory (editable or not), not an archive or a VCS checkout
    if "vcs_info" in info or (isinstance(url, str) and url.startswith("file:")):
        return url, local_dir
    return None, local_dir


def _file_path(url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    return Path(unquote(parts.path))


def from_project(dist: InstalledDist, project_dir: Path) -> bool:
    """Installed editable / from a local path inside the project tree (the project itself, its sub-packages)."""
    if dist.direct_url and dist.local_dir:
        path = _file_path(dist.direct_url)
        if path is not None and _inside(path, project_dir):
            return True
    return _inside(dist.root, project_dir) and not any(p in dist.root.parts for p in ("site-packages", "dist-packages"))


def installed(python: str, project_dir: Path | None = None) -> list[InstalledDist]:
    """The third-party distributions installed for ``python`` (see the module docstring)."""
    dirs = site_dirs(python)
    if not dirs:
        return []
    project_dir = Path(project_dir).resolve() if project_dir is not None else None
    skip = set(NOT_THIRD_PARTY) | (own_names(project_dir) if project_dir is not None else set())
    out: dict[str, InstalledDist] = {}
    for directory in dirs:
        if project_dir is not None and _inside(directory, project_dir) and not any(
                p in directory.parts for p in ("site-packages", "dist-packages")):
            continue  # the project's own source directory on sys.path
        for dist in md.distributions(path=[str(directory)]):
            try:
                name = dist.metadata["Name"]
            except Exception:  # noqa: BLE001 - a broken dist-info is no reason to stop
                continue
            if not name or canonicalize_name(name) in skip or canonicalize_name(name) in out:
                continue
            url, local_dir = _direct_url(dist)
            files = []
            base = str(directory)
            for f in dist.files or []:
                text = str(f)
                if text.startswith("..") or not text.endswith(WANTED_SUFFIXES):
                    continue  # scripts in bin/, data files, compiled modules: never scanned
                files.append(Path(os.path.normpath(os.path.join(base, text))))
            m = dist.metadata
            meta = ReleaseMeta(
                version=dist.version, requires_dist=list(dist.requires or []),  # .egg-info: requires.txt
                requires_python=m.get("Requires-Python"),
                classifiers=[c for c in (m.get_all("Classifier") or []) if c.startswith("Framework :: Django")],
                origin="installed",
            )
            item = InstalledDist(name=name, version=dist.version, root=directory, files=files, meta=meta,
                                 direct_url=url, local_dir=local_dir)
            if project_dir is not None and from_project(item, project_dir):
                continue
            out[item.key] = item
    return sorted(out.values(), key=lambda d: d.key)
