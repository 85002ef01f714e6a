"""Walking the project's tree: the low level of the file layer (``core.files`` is its API).

Only this module and ``core.files`` list directories (tests/test_architecture.py checks it). The rules
(which directories are never entered, what a migration / template / requirement file is) are
described in ``core.files``.
"""

from __future__ import annotations

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
_SURE_TEMPLATE_SUFFIXES = (".djhtml", ".dhtml")  # Django-template-only suffixes
_TEMPLATE_DIRS = ("templates",)
_TEMPLATE_SIGNS = re.compile(r"\{%\s*(load|block|extends|if|for|include|url|static|trans|csrf_token)\b|\{\{")
REQ_DIRS = ("requirements", "reqs", "requirements.d")
_NOT_REQUIREMENTS_IN = {"manifest.in", "makefile.in", "setup.cfg.in", "setup.py.in", "tox.ini.in"}


_REAL_DIRS: dict[str, str] = {}  # directory as spelt -> its real path (directories do not move mid-run)


def real_path(path) -> str:
    """``os.path.realpath(path)``, with the real path of its directory remembered: a file that is
    not itself a symlink is its directory's real path plus its name (one ``lstat``, not one per
    component of the path)."""
    path = os.path.abspath(path)
    directory, name = os.path.split(path)
    if not name or name in (".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    real = _REAL_DIRS.get(directory)
    if real is None:
        if len(_REAL_DIRS) > 65536:
            _REAL_DIRS.clear()
        real = _REAL_DIRS[directory] = os.path.realpath(directory)
    return os.path.join(real, name)


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
    """A Django template: a template suffix inside a ``templates/`` directory, a Django-template-only
    suffix (``.djhtml``, ``.dhtml``), or template tags in ``text`` when given."""
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


def _walk(directory: Path, want=is_candidate, plain: set | None = None) -> list[str]:
    """Wanted files below ``directory`` (relative paths), pruning skipped dirs and virtualenvs.

    ``os.scandir`` gives each entry's type from the listing itself: one listing per directory, no
    per-file ``stat``. Symlinks are returned as they are: ``discover`` checks where they point.
    ``plain``: receives the paths that the listing says are regular files (not symlinks).
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
                    if plain is not None and e.is_file(follow_symlinks=False):
                        plain.add(rel_name)
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

    def add(path: str, boundary: str, regular: bool = False) -> None:
        key = os.path.normpath(path)
        if key in seen:
            return
        if regular:  # (a regular file by the directory listing: no symlink, no stat to ask)
            seen.add(key)
            found.files.append(Path(path))
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
            plain: set[str] = set()
            if not rels:  # not a work tree, or a directory git ignores entirely (walked as given)
                rels = _walk(path, plain=plain)  # already pruned
            for rel in rels:
                if from_git and _skipped_dir(rel, path, venv_cache):
                    continue
                candidate = rel if base == "." else os.path.join(base, rel)
                if is_candidate(rel):
                    add(candidate, boundary, rel in plain)
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


def subdirectories(directory) -> list[Path]:
    """The directories directly in ``directory`` (one listing, no walk), sorted."""
    try:
        with os.scandir(directory) as it:
            return sorted(Path(e.path) for e in it if e.is_dir())
    except OSError:
        return []


def listdir(directory, pattern: str = "*") -> list[Path]:
    """The entries directly in ``directory`` whose name matches ``pattern`` (fnmatch), sorted; [] when
    it is not a readable directory. One listing, no recursion."""
    import fnmatch

    try:
        with os.scandir(directory) as it:
            return sorted(Path(e.path) for e in it if fnmatch.fnmatch(e.name, pattern))
    except OSError:
        return []


def tree(directory, pattern: str = "*", prune: bool = True) -> list[Path]:
    """Every file below ``directory`` whose name matches ``pattern`` (fnmatch), sorted. ``prune``:
    never enter the skipped directories (virtualenvs, VCS, node_modules, caches ...); without it,
    everything but symlinked directories (for a directory the tool owns, e.g. a snapshot)."""
    import fnmatch

    if prune:
        return sorted(Path(directory, rel) for rel in _walk(Path(directory), want=lambda n: fnmatch.fnmatch(n, pattern))
                      if not os.path.islink(os.path.join(directory, rel)) or os.path.isfile(os.path.join(directory, rel)))
    out = []
    for dirpath, _dirs, names in os.walk(directory):
        out.extend(Path(dirpath, n) for n in names if fnmatch.fnmatch(n, pattern))
    return sorted(out)


def package_dirs(root, name: str) -> list[Path]:
    """Every package directory called ``name`` (holding an ``__init__.py``) below ``root``, pruned like
    the project's files (e.g. the apps' ``migrations`` packages)."""
    found: list[Path] = []

    def visit(directory: str) -> None:
        try:
            with os.scandir(directory) as it:
                entries = [e for e in it if e.is_dir(follow_symlinks=False)]
        except OSError:
            return
        for e in entries:
            if _skip_name(e.name) or is_venv(e.path):
                continue
            if e.name == name and os.path.isfile(os.path.join(e.path, "__init__.py")):
                found.append(Path(e.path))
            visit(e.path)

    visit(str(root))
    return sorted(found)


def files_in(directory, suffixes: tuple[str, ...]) -> list[Path]:
    """Every file below ``directory`` (no pruning of the tool's skip list) whose name ends with one of
    ``suffixes``; used for a directory the tool owns (e.g. a ``__pycache__`` it removes)."""
    out = []
    for dirpath, _dirs, names in os.walk(directory):
        out.extend(Path(dirpath, n) for n in names if n.endswith(suffixes))
    return out
