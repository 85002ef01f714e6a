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
import re
from dataclasses import dataclass, field
from pathlib import Path

from core import run as _run

SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".bzr", ".tox", ".nox", "node_modules", "bower_components", "site-packages",
    "dist-packages", "build", "dist", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs",
    ".venv", "venv", "virtualenv", "htmlcov", ".idea", ".vscode", ".django-upgrade",
})
#: template suffixes wherever the file lies
TEMPLATE_SUFFIXES = (".html", ".htm", ".txt", ".xml", ".djhtml", ".dhtml", ".jinja", ".j2", ".email", ".tpl")
_SURE_TEMPLATE_SUFFIXES = (".djhtml", ".dhtml", ".jinja", ".j2", ".tpl")
_TEMPLATE_DIRS = ("templates", "jinja2")
_TEMPLATE_SIGNS = re.compile(r"\{%\s*(load|block|extends|if|for|include|url|static|trans|csrf_token)\b|\{\{")
REQ_DIRS = ("requirements", "reqs", "requirements.d")
_NOT_REQUIREMENTS_IN = {"manifest.in", "makefile.in", "setup.cfg.in", "setup.py.in", "tox.ini.in"}


def is_migration(path) -> bool:
    """A historical migration: ``<app>/migrations/0001_initial.py`` (numbered, as makemigrations names
    them), not ``__init__.py`` nor a module such as Django's own ``db/migrations/state.py``."""
    parts = str(path).replace("\\", "/").split("/")
    return len(parts) >= 2 and parts[-2] == "migrations" and parts[-1].endswith(".py") and parts[-1][:1].isdigit()


def is_candidate(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(".py") or lower.endswith(TEMPLATE_SUFFIXES)


def in_template_dir(path) -> bool:
    parts = str(path).replace("\\", "/").lower().split("/")
    return any(p in _TEMPLATE_DIRS for p in parts[:-1])


def is_template(path, text: str | None = None) -> bool:
    """A Django/Jinja template: a template suffix inside a ``templates/`` or ``jinja2/`` directory, a
    template-only suffix (``.djhtml``, ``.jinja`` ...), or template tags in ``text`` when given."""
    lower = str(path).lower()
    if not lower.endswith(TEMPLATE_SUFFIXES):
        return False
    if in_template_dir(path) or lower.endswith(_SURE_TEMPLATE_SUFFIXES):
        return True
    return text is not None and bool(_TEMPLATE_SIGNS.search(text))


def is_venv(directory) -> bool:
    return os.path.isfile(os.path.join(directory, "pyvenv.cfg")) or os.path.isdir(os.path.join(directory, "conda-meta"))


def _skip_name(name: str) -> bool:
    return name in SKIP_DIRS or name.endswith(".egg-info")


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def _inside(path, boundary: str) -> bool:
    real = os.path.realpath(path)
    return real == boundary or real.startswith(boundary.rstrip(os.sep) + os.sep)


def _git_files(directory: Path) -> list[str] | None:
    """Paths relative to ``directory`` from git, or None when it is not in a git work tree."""
    try:
        proc = _run.run(["git", "ls-files", "-co", "--exclude-standard", "-z", "--", "."], cwd=directory,
                        timeout=_run.GIT_TIMEOUT, text=False, env=_run.tool_env())
    except (OSError, _run.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def _walk(directory: Path, want=is_candidate) -> list[str]:
    """Wanted files below ``directory`` (relative paths), pruning skipped dirs and virtualenvs.

    ``os.scandir`` gives each entry's type from the listing itself: one listing per directory, no
    per-file ``stat``. Symlinks are returned as they are: ``discover`` checks where they point.
    """
    out: list[str] = []
    sep = os.sep

    def visit(abs_dir: str, rel: str, top: bool) -> None:
        try:
            with os.scandir(abs_dir) as it:
                entries = list(it)
        except OSError:
            return
        if not top and any(e.name in ("pyvenv.cfg", "conda-meta") for e in entries):
            return
        subdirs = []
        for e in entries:
            name = e.name
            rel_name = name if not rel else rel + sep + name
            try:
                if e.is_symlink():
                    if e.is_dir() and _skip_name(name):
                        continue
                    out.append(rel_name)
                elif e.is_dir(follow_symlinks=False):
                    if not _skip_name(name):
                        subdirs.append((e.path, rel_name))
                elif want(name):
                    out.append(rel_name)
            except OSError:
                continue
        for path, rel_name in subdirs:
            visit(path, rel_name, False)

    visit(str(directory), "", True)
    return out


def _skipped_dir(rel: str, directory: Path, dir_cache: dict) -> bool:
    """True when a parent directory of ``rel`` (below ``directory``) is skipped or a virtualenv."""
    parent = os.path.dirname(rel)
    if not parent:
        return False
    hit = dir_cache.get(parent)
    if hit is None:
        hit = (
            _skip_name(os.path.basename(parent)) or is_venv(os.path.join(directory, parent))
            or _skipped_dir(parent, directory, dir_cache)
        )
        dir_cache[parent] = hit
    return hit


def discover(paths, use_git: bool = True) -> Discovery:
    """The candidate files under ``paths`` (files and directories; default: the current directory)."""
    found = Discovery()
    seen: set[str] = set()
    venv_cache: dict = {}

    def add(path: str, boundary: str) -> None:
        key = os.path.normpath(path)
        if key in seen:
            return
        if os.path.islink(path) and not _inside(path, boundary):
            seen.add(key)
            found.skipped.append((path, "symlink pointing outside the given paths; skipped"))
            return
        if not os.path.isfile(path):
            return
        seen.add(key)
        found.files.append(Path(path))

    for raw in paths or ["."]:
        path = Path(raw)
        if not os.path.lexists(path):
            found.skipped.append((str(path), "no such file or directory"))
            continue
        if path.is_dir() and not path.is_symlink():
            boundary = os.path.realpath(path)
            base = str(path)
            rels = _git_files(path) if use_git else None
            from_git = bool(rels)
            if not rels:  # not a work tree, or a directory git ignores entirely (walked as given)
                rels = _walk(path)  # already pruned
            for rel in rels:
                if from_git and _skipped_dir(rel, path, venv_cache):
                    continue
                candidate = rel if base == "." else os.path.join(base, rel)
                if is_candidate(rel):
                    add(candidate, boundary)
                elif os.path.islink(candidate) and not _inside(candidate, boundary):
                    add(candidate, boundary)  # reports it
        elif path.is_symlink() and path.is_dir():
            found.skipped.append((str(path), "symlinked directory; pass its target instead"))
        else:
            # an explicit file: it must not lead outside its own directory
            boundary = os.path.realpath(path.parent if str(path.parent) else ".")
            if is_candidate(path.name):
                add(str(path), boundary)
    found.files.sort(key=str)
    return found


def manage_py_files(root) -> list[Path]:
    """ROOT/manage.py, else manage.py one directory down (``src/manage.py`` layouts)."""
    root = Path(root)
    top = root / "manage.py"
    if top.is_file():
        return [top]
    found = []
    for child in sorted(root.iterdir()) if root.is_dir() else []:
        if child.is_dir() and not _skip_name(child.name) and not child.name.startswith(".") and not is_venv(child):
            if (child / "manage.py").is_file():
                found.append(child / "manage.py")
    return found


def _looks_like_requirements_in(path: Path) -> bool:
    name = path.name.lower()
    if name in _NOT_REQUIREMENTS_IN or name.count(".") > 1 and not name.startswith("requirements"):
        return False
    if "req" in name or "constraint" in name:
        return True
    return path.with_suffix(".txt").is_file()  # a pip-compile pair: base.in -> base.txt


def requirement_files(root) -> list[Path]:
    """Requirement files at the project's top level and under its requirements/ directories."""
    root = Path(root)
    found: list[Path] = []
    for path in sorted(root.iterdir()):
        if not path.is_file():
            continue
        lower = path.name.lower()
        if lower.endswith(".txt") and ("requirements" in lower or "constraints" in lower):
            found.append(path)
        elif lower.endswith(".in") and _looks_like_requirements_in(path):
            found.append(path)
    for dirname in REQ_DIRS:
        d = root / dirname
        if d.is_dir():
            for rel in sorted(_walk(d, want=lambda n: n.lower().endswith((".txt", ".in")))):
                path = d / rel
                if path.is_file() and path.name.lower() not in _NOT_REQUIREMENTS_IN:
                    found.append(path)
    return found


def bytecode_under(root) -> tuple[list[Path], list[Path]]:
    """``(__pycache__ directories, stray *.pyc/*.pyo files)`` under ``root``, never inside
    virtualenvs, VCS or tool directories, nor behind symlinks."""
    caches: list[Path] = []
    stray: list[Path] = []

    def visit(directory: str) -> None:
        try:
            with os.scandir(directory) as it:
                entries = list(it)
        except OSError:
            return
        for e in entries:
            try:
                if e.is_symlink():
                    continue
                if e.is_dir():
                    if e.name == "__pycache__":
                        caches.append(Path(e.path))
                    elif not (e.name in SKIP_DIRS and e.name not in ("build", "dist")) and not is_venv(e.path):
                        visit(e.path)
                elif e.name.endswith((".pyc", ".pyo")):
                    stray.append(Path(e.path))
            except OSError:
                continue

    visit(str(root))
    return caches, stray


def modules_in(directory) -> list[Path]:
    """The ``*.py`` files directly in ``directory`` (one listing, no walk), sorted."""
    try:
        with os.scandir(directory) as it:
            return sorted(Path(e.path) for e in it if e.name.endswith(".py") and e.is_file())
    except OSError:
        return []


def files_in(directory, suffixes: tuple[str, ...]) -> list[Path]:
    """Every file below ``directory`` (no pruning of the tool's skip list) whose name ends with one of
    ``suffixes``; used for a directory the tool owns (e.g. a ``__pycache__`` it removes)."""
    out = []
    for dirpath, _dirs, names in os.walk(directory):
        out.extend(Path(dirpath, n) for n in names if n.endswith(suffixes))
    return out


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
        from core import settings as _settings

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
