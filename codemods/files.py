"""Which files ``fix`` looks at.

    found = discover(["src", "manage.py"])
    found.files      # [Path, ...] sorted, de-duplicated, each inside the path it was found under
    found.skipped    # [(path, reason)] - e.g. symlinks that point outside the given paths

Rules:
* a file given explicitly is taken when it is a Python file or a template candidate;
* a directory inside a git work tree: the files git tracks plus the untracked files that are not
  ignored (``git ls-files -co --exclude-standard -z``); elsewhere a walk of the tree;
* below a given directory, never: virtualenvs (a directory holding ``pyvenv.cfg``), ``site-packages``,
  ``node_modules``, build / dist directories, ``.git``, ``.tox``, ``.nox``, caches;
* candidates: ``*.py`` and template files (``TEMPLATE_SUFFIXES``; whether such a file
  outside a ``templates/`` directory is really a template is decided from its text by
  ``codemods.apply.file_kind`` when it is read);
* nothing outside the given paths: a symlink whose target lies outside is skipped and reported.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

TEMPLATE_SUFFIXES = (".html", ".htm", ".txt", ".xml", ".djhtml", ".jinja", ".j2", ".email", ".tpl")


def is_migration_path(path: str) -> bool:
    """A historical migration: ``<app>/migrations/0001_initial.py`` (numbered, as makemigrations names
    them), not ``__init__.py`` nor a module such as Django's own ``db/migrations/state.py``."""
    parts = path.replace("\\", "/").split("/")
    return len(parts) >= 2 and parts[-2] == "migrations" and parts[-1].endswith(".py") and parts[-1][:1].isdigit()


SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".tox", ".nox", "node_modules", "site-packages", "dist-packages", "build",
    "dist", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs", ".venv", "venv",
    ".django-upgrade",
})


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def is_candidate(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(".py") or lower.endswith(TEMPLATE_SUFFIXES)


def _inside(path: Path, boundary: str) -> bool:
    real = os.path.realpath(path)
    return real == boundary or real.startswith(boundary.rstrip(os.sep) + os.sep)


def _git_files(directory: Path) -> list[str] | None:
    """Paths relative to ``directory`` from git, or None when it is not in a git work tree."""
    try:
        proc = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z", "--", "."],
            cwd=directory, capture_output=True, timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def _walk(directory: Path) -> list[str]:
    """Candidate files below ``directory`` (relative paths), pruning skipped dirs and virtualenvs.

    ``os.scandir`` gives each entry's type from the directory listing itself, so a large tree costs
    one listing per directory and no per-file ``stat``. Symlinks are returned as they are (files and
    directories alike): ``discover`` checks where they point.
    """
    out: list[str] = []
    sep = os.sep

    def visit(abs_dir: str, rel: str, top: bool) -> None:
        try:
            with os.scandir(abs_dir) as it:
                entries = list(it)
        except OSError:
            return
        if not top and any(e.name == "pyvenv.cfg" for e in entries):
            return
        subdirs = []
        for e in entries:
            name = e.name
            rel_name = name if not rel else rel + sep + name
            try:
                if e.is_symlink():
                    if e.is_dir() and (name in SKIP_DIRS or name.endswith(".egg-info")):
                        continue
                    out.append(rel_name)
                elif e.is_dir(follow_symlinks=False):
                    if name not in SKIP_DIRS and not name.endswith(".egg-info"):
                        subdirs.append((e.path, rel_name))
                elif is_candidate(name):
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
        name = os.path.basename(parent)
        hit = (
            name in SKIP_DIRS or name.endswith(".egg-info")
            or os.path.isfile(os.path.join(directory, parent, "pyvenv.cfg"))
            or _skipped_dir(parent, directory, dir_cache)
        )
        dir_cache[parent] = hit
    return hit


def discover(paths, use_git: bool = True) -> Discovery:
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
