"""Small git helpers for ``django-upgrade step`` (git through subprocess, never a library).

    is_repo(dir) -> bool
    repo_root(dir) -> Path | None
    head(dir) -> str | None                       the commit sha of HEAD (None before the first commit)
    is_clean(dir) -> (bool, [paths])              dirty paths relative to ``dir``; the tool's own
                                                  ``.django-upgrade/`` directory is ignored
    changed_files(dir, since=None) -> [paths]     modified/added/deleted/untracked vs HEAD (or ``since``)
    commit(dir, message, paths=None) -> str|None  stage ``paths`` (default: everything under ``dir``
                                                  except ``.django-upgrade/``) and commit; the new
                                                  sha, or None when there was nothing to commit

Every path is taken relative to ``dir`` (which may be a sub-directory of the repository). Errors
(git missing, no identity configured, a hook refusing the commit) raise ``UpgradeError`` with one line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from core import run as _run
from core.errors import UpgradeError

TOOL_DIR = ".django-upgrade"
IGNORED_PREFIXES = (TOOL_DIR + "/",)


def _git_exe() -> str:
    exe = shutil.which("git")
    if not exe:
        raise UpgradeError("git is not installed (needed for the clean-tree check and --commit)")
    return exe


def git(directory: str | Path, *args: str, check: bool = True, timeout: float = 120) -> _run.CompletedProcess:
    """Run ``git -C directory args...`` and return the completed process (text mode)."""
    try:
        proc = _run.run([_git_exe(), "-C", str(directory), *args], env=_run.tool_env(), timeout=timeout)
    except (OSError, _run.TimeoutExpired) as exc:
        raise UpgradeError(f"git {' '.join(args[:2])} failed: {exc}") from None
    if check and proc.returncode != 0:
        msg = (proc.stderr.strip() or proc.stdout.strip() or f"exit {proc.returncode}").splitlines()
        raise UpgradeError(f"git {args[0]} failed in {directory}: {_best_line(msg)}")
    return proc


def _best_line(lines: list[str]) -> str:
    for line in lines:
        low = line.lower()
        if low.startswith(("fatal:", "error:")) or "tell me who you are" in low:
            return line.strip()
    return lines[0].strip() if lines else ""


def is_repo(directory: str | Path) -> bool:
    if not Path(directory).is_dir() or not shutil.which("git"):
        return False
    proc = git(directory, "rev-parse", "--is-inside-work-tree", check=False)
    return proc.returncode == 0 and proc.stdout.strip() == "true"


def repo_root(directory: str | Path) -> Path | None:
    if not is_repo(directory):
        return None
    return Path(git(directory, "rev-parse", "--show-toplevel").stdout.strip())


def head(directory: str | Path) -> str | None:
    proc = git(directory, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
    return proc.stdout.strip() or None if proc.returncode == 0 else None


def _require_repo(directory: str | Path) -> None:
    if not is_repo(directory):
        raise UpgradeError(f"{directory} is not inside a git repository")


def _prefix(directory: str | Path) -> str:
    """The path of ``directory`` inside the repository ("" at the root, "sub/dir/" below it)."""
    return git(directory, "rev-parse", "--show-prefix").stdout.strip()


def _status_paths(directory: str | Path) -> list[str]:
    """Dirty paths under ``directory``, relative to it, from ``git status --porcelain -z``."""
    proc = git(directory, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".")
    prefix = _prefix(directory)
    entries = proc.stdout.split("\0")
    paths: list[str] = []
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) < 4:
            continue
        status, path = entry[:2], entry[3:]
        if status[0] in "RC":  # a rename/copy is followed by its source path
            i += 1
        if prefix and path.startswith(prefix):
            path = path[len(prefix):]
        paths.append(path)
    return paths


def _ignored(path: str) -> bool:
    return path == TOOL_DIR or path.startswith(IGNORED_PREFIXES)


def is_clean(directory: str | Path) -> tuple[bool, list[str]]:
    """(True, []) when nothing under ``directory`` is modified, staged or untracked (``.django-upgrade/``
    aside); else (False, the dirty paths relative to ``directory``)."""
    _require_repo(directory)
    dirty = sorted({p for p in _status_paths(directory) if not _ignored(p)})
    return (not dirty, dirty)


def changed_files(directory: str | Path, since: str | None = None) -> list[str]:
    """Files changed under ``directory`` compared with ``since`` (default HEAD), plus untracked files;
    relative to ``directory``, ``.django-upgrade/`` left out."""
    _require_repo(directory)
    found: set[str] = set()
    prefix = _prefix(directory)
    if since is not None:
        proc = git(directory, "diff", "--name-only", "-z", since, "--", ".")
        for path in proc.stdout.split("\0"):
            if path:
                found.add(path[len(prefix):] if prefix and path.startswith(prefix) else path)
    found.update(_status_paths(directory))
    return sorted(p for p in found if not _ignored(p))


def commit(
    directory: str | Path, message: str, paths: list[str | Path] | None = None, no_verify: bool = False
) -> str | None:
    """Stage and commit. ``paths`` (relative to ``directory`` or absolute) limits the commit to those
    files - new, modified or deleted; without it every change under ``directory`` is committed except
    ``.django-upgrade/``. The repository's commit hooks run unless ``no_verify``. Returns the new HEAD
    sha, or None when there was nothing to commit."""
    _require_repo(directory)
    directory = Path(directory)
    if paths is not None:
        rels = []
        for p in paths:
            p = Path(p)
            rels.append(str(p.relative_to(directory.resolve()) if p.is_absolute() else p))
        if not rels:
            return None
        # "git add -A -- path" stages additions, modifications and deletions of exactly those paths.
        git(directory, "add", "-A", "--", *rels)
        pathspec = ["--", *rels]
    else:
        git(directory, "add", "-A", "--", ".", f":(exclude){TOOL_DIR}")
        pathspec = []
    staged = git(directory, "diff", "--cached", "--quiet", *pathspec, check=False)
    if staged.returncode == 0:
        return None
    git(directory, "commit", "--quiet", *(["--no-verify"] if no_verify else []), "-m", message, *pathspec)
    return head(directory)
