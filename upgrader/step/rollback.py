"""Undoing what a step did.

Two levels:

* ``FileGuard`` - in-memory undo of ONE phase (the codemods on X, the codemods on Y): it keeps the
  bytes and mode of every file before the phase writes it, and the listing of the migrations
  directories, so ``undo()`` puts the files back byte-for-byte and deletes the migrations the phase
  created. Used when a phase breaks tests that passed before it.
* ``rollback(project_dir, python=None)`` - ``step --rollback``: restores the latest snapshot of
  ``upgrader.snapshot`` (taken by the step before it changed anything): pins, code, lock files and
  new migrations back byte-for-byte, and the Django of before the step reinstalled. The snapshot is
  then moved aside (``rollback/.done-<label>``), so a second ``--rollback`` undoes the step before.
"""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from core import atomic
from core.errors import EXIT_STEP_FAILED, UpgradeError
from upgrader.snapshot import Snapshot

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".tox", ".nox", ".django-upgrade", "__pycache__",
             "site-packages", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist"}


def _is_venv(path: Path) -> bool:
    return (path / "pyvenv.cfg").is_file()


def migration_dirs(project_dir: Path) -> list[str]:
    """Every ``migrations`` package directory of the project (relative, POSIX), virtualenvs excluded."""
    found = []
    for root, dirs, _files in os.walk(project_dir):
        rootp = Path(root)
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not _is_venv(rootp / d)]
        if rootp.name == "migrations" and (rootp / "__init__.py").is_file():
            found.append(rootp.relative_to(project_dir).as_posix())
    return sorted(found)


def _listing(project_dir: Path, dirs: list[str]) -> set[str]:
    out = set()
    for d in dirs:
        base = project_dir / d
        if base.is_dir():
            for f in base.rglob("*"):
                if f.is_file() and "__pycache__" not in f.parts:
                    out.add(f.relative_to(project_dir).as_posix())
    return out


@dataclass
class FileGuard:
    project_dir: Path
    saved: dict = field(default_factory=dict)  # rel -> (bytes | None, mode | None)
    track: list = field(default_factory=list)
    before: set = field(default_factory=set)

    @classmethod
    def start(cls, project_dir: Path, track_dirs: list[str] | None = None) -> "FileGuard":
        g = cls(Path(project_dir))
        g.track = list(track_dirs if track_dirs is not None else migration_dirs(g.project_dir))
        g.before = _listing(g.project_dir, g.track)
        return g

    def save(self, files) -> None:
        for f in files:
            p = Path(f)
            rel = (p.relative_to(self.project_dir) if p.is_absolute() else p).as_posix()
            if rel in self.saved:
                continue
            full = self.project_dir / rel
            if full.is_file():
                self.saved[rel] = (full.read_bytes(), stat.S_IMODE(full.stat().st_mode))
            else:
                self.saved[rel] = (None, None)

    def created(self) -> list[str]:
        """Files that appeared in the tracked directories since ``start`` (new migrations)."""
        return sorted(_listing(self.project_dir, self.track) - self.before)

    def undo(self) -> list[str]:
        """Put back every saved file and delete the files created in the tracked directories."""
        touched = []
        for rel, (data, mode) in self.saved.items():
            full = self.project_dir / rel
            if data is None:
                if full.exists():
                    full.unlink()
                    touched.append(rel)
            elif not full.is_file() or full.read_bytes() != data:
                atomic.write_bytes(full, data, mode=mode)
                touched.append(rel)
        for rel in self.created():
            full = self.project_dir / rel
            full.unlink()
            cache = full.parent / "__pycache__"
            if full.suffix == ".py" and cache.is_dir():
                for pyc in cache.glob(f"{full.stem}.*.pyc"):
                    pyc.unlink(missing_ok=True)
            touched.append(rel)
        return sorted(set(touched))


@dataclass
class RollbackResult:
    label: str
    restored: list
    deleted: list
    django_before: str | None
    django_after: str | None
    python: str | None
    ok: bool
    message: str

    def to_json(self) -> dict:
        return {
            "snapshot": self.label, "restored": self.restored, "deleted": self.deleted,
            "django_before": self.django_before, "django_after": self.django_after,
            "python": self.python, "ok": self.ok, "message": self.message,
        }


def _pinned(lines: list[str]) -> dict[str, str]:
    """``{canonical name: "name==version"}`` of the ``name==version`` lines of a ``pip freeze``."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    out = {}
    for line in lines or []:
        line = line.strip()
        try:
            req = Requirement(line)
        except InvalidRequirement:  # "-e ...", comments
            continue
        specs = list(req.specifier)
        if req.url is None and len(specs) == 1 and specs[0].operator == "==":
            out[canonicalize_name(req.name)] = line
    return out


def packages_to_restore(before: list[str], now: list[str]) -> list[str]:
    """The ``name==version`` of before the step for every package (Django aside) the step changed or
    removed (``--upgrade-deps``, packages the installer moved along with Django)."""
    old, new = _pinned(before), _pinned(now)
    return sorted(line for key, line in old.items() if key != "django" and new.get(key) != line)


def rollback(project_dir: str | Path, python: str | None = None, reinstall: bool = True) -> RollbackResult:
    """Restore the latest step snapshot (see the module docstring). UsageError when there is none."""
    from upgrader import installer

    snap = Snapshot.load_latest(project_dir)
    res = snap.restore(python=python, reinstall=reinstall)
    target = python or snap.python
    if res.ok and reinstall and target and snap.freeze:
        back = packages_to_restore(snap.freeze, installer.pip_freeze(target))
        if back:
            done = installer.install(target, back, snap.project_dir)
            if not done.ok:
                res.ok = False
                res.message = (f"files and Django restored, but reinstalling {', '.join(back)} failed; run: "
                               f"{target} -m pip install {' '.join(back)}")
            else:
                res.message = (res.message or f"restored the project as it was before step {snap.label}") + (
                    f"; reinstalled {', '.join(back)}")
    if res.ok:
        done = snap.root(snap.project_dir) / f".done-{snap.label}"
        if done.exists():
            shutil.rmtree(done, ignore_errors=True)
        os.replace(snap.directory, done)
    result = RollbackResult(
        label=snap.label, restored=res.restored, deleted=res.deleted, django_before=res.django_before,
        django_after=res.django_after, python=python or snap.python, ok=res.ok,
        message=res.message or f"restored the project as it was before step {snap.label}",
    )
    if not res.ok:
        raise UpgradeError(f"rollback of {snap.label} incomplete: {res.message}", EXIT_STEP_FAILED)
    return result
