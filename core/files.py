"""The project's files: the ONE module that walks directories (tests/test_architecture.py checks it).

API (stable; the planner/scanner, ``fix``, the detectors and cache clearing call it)::

    pf = ProjectFiles(root, settings_modules=None, use_git=True)
        root              the project directory (resolved)
        pf.files()        -> list[Path]  every candidate (Python and template candidates), sorted
        pf.python_files() -> list[Path]  first-party ``*.py`` (migrations and settings included)
        pf.source_files() -> list[Path]  ``python_files()`` minus migrations
        pf.migrations()   -> list[Path]  historical migrations (``is_migration``)
        pf.templates()    -> list[Path]  template files (``is_template``)
        pf.settings_files() -> list[Path]  the project's settings modules and what they import
                                           (``core.settings``); never a package ``__init__.py``
        pf.requirement_files() -> list[Path]  requirements*.txt / *.in / requirements/ dirs
        pf.is_migration(path) / pf.is_settings(path) -> bool
        pf.relative(path) -> str         POSIX path relative to root
        pf.skipped        -> [(path, reason)]  e.g. symlinks leading out of the tree

    discover(paths, use_git=True) -> Discovery(files, skipped)   the files under given paths (``fix``)
    is_migration(path) -> bool     ``<app>/migrations/0001_x.py``
    is_template(path, text=None) -> bool
    is_candidate(name) -> bool     ``*.py`` or a template suffix
    manage_py_files(root) -> list[Path]
    modules_in(directory) -> list[Path]   the ``*.py`` directly in one directory
    listdir(directory, pattern="*") -> list[Path]   one directory's entries matching ``pattern``
    subdirectories(directory) -> list[Path]
    tree(directory, pattern="*", prune=True) -> list[Path]   files below a directory
    package_dirs(root, name) -> list[Path]   e.g. every ``migrations`` package
    requirement_files(root) -> list[Path]
    bytecode_under(root) -> (pycache_dirs, stray_pyc_files)

Rules (one set for every command, so ``plan`` and ``fix`` see the same files):
* inside a git work tree: the files git tracks plus untracked ones that are not ignored
  (``git ls-files -co --exclude-standard``); elsewhere a walk of the tree;
* never: virtualenvs (a directory holding ``pyvenv.cfg`` or ``conda-meta``), ``site-packages``,
  ``node_modules``, build / dist directories, ``.git`` and other VCS dirs, ``.tox``, ``.nox``,
  caches, ``*.egg-info``, the tool's own ``.django-upgrade``;
* nothing outside the tree: a symlink whose target lies outside is skipped and reported.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from core import settings as _settings
from core.walk import (  # noqa: F401  (the file layer's API: see above)
    REQ_DIRS,
    SKIP_DIRS,
    TEMPLATE_SUFFIXES,
    Discovery,
    bytecode_under,
    discover,
    files_in,
    in_template_dir,
    is_candidate,
    is_migration,
    is_template,
    is_venv,
    listdir,
    manage_py_files,
    modules_in,
    package_dirs,
    real_path,
    requirement_files,
    subdirectories,
    tree,
)


def size_of(path) -> int:
    """The file's size in bytes, 0 when it cannot be read (how the work is shared among processes)."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


class ProjectFiles:
    """The project's files by role, found once (see the module docstring)."""

    def __init__(self, root, settings_modules=None, use_git: bool = True):
        self.root = Path(root).resolve()
        self._settings_modules = tuple(settings_modules or ())
        self._use_git = use_git

    @functools.cached_property
    def _found(self) -> Discovery:
        return discover([str(self.root)], use_git=self._use_git)

    @property
    def skipped(self) -> list[tuple[str, str]]:
        return self._found.skipped

    def discovery_as(self, path) -> Discovery | None:
        """``discover([path])`` when ``path`` names this project's root directory, from the walk
        already made (paths spelt from ``path``, as ``discover`` spells them); None otherwise."""
        path = str(Path(path))  # (as discover spells it: "./" is ".")
        if not self._use_git or not os.path.isdir(path) or os.path.islink(path) or Path(path).resolve() != self.root:
            return None
        root = str(self.root)

        inside = root + os.sep

        def spelt(p) -> str:
            p = str(p)
            rel = p[len(inside):] if p.startswith(inside) else os.path.relpath(p, root)  # (the walk's own)
            return rel if path == "." else os.path.join(path, rel)

        found = self._found
        return Discovery(files=sorted((Path(spelt(p)) for p in found.files), key=str),
                         skipped=[(spelt(p), reason) for p, reason in found.skipped])

    def files(self) -> list[Path]:
        return list(self._found.files)

    def python_files(self) -> list[Path]:
        return [p for p in self._found.files if p.name.endswith(".py")]

    def source_files(self) -> list[Path]:
        return [p for p in self.python_files() if not is_migration(p)]

    def migrations(self) -> list[Path]:
        return [p for p in self.python_files() if is_migration(p)]

    @functools.cached_property
    def _templates(self) -> list[Path]:
        out = []
        for p in self._found.files:
            if p.name.endswith(".py") or not p.name.lower().endswith(TEMPLATE_SUFFIXES):
                continue
            if is_template(p):
                out.append(p)
                continue
            try:
                text = p.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if is_template(p, text):
                out.append(p)
        return out

    def templates(self) -> list[Path]:
        return list(self._templates)

    @functools.cached_property
    def _settings(self) -> tuple[Path, ...]:
        return tuple(_settings.settings_files(self.root, self._settings_modules, self.python_files()))

    def settings_files(self) -> list[Path]:
        return list(self._settings)

    @functools.cached_property
    def _settings_set(self) -> frozenset[str]:
        return frozenset(os.path.normcase(os.path.realpath(p)) for p in self._settings)

    def is_settings(self, path) -> bool:
        return os.path.normcase(os.path.realpath(path)) in self._settings_set

    @staticmethod
    def is_migration(path) -> bool:
        return is_migration(path)

    def requirement_files(self) -> list[Path]:
        return requirement_files(self.root)

    def relative(self, path) -> str:
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()
