"""Undoing what a step did.

One mechanism (``upgrader.snapshot.Snapshot``), two scopes:

* one phase (the codemods on X, the codemods on Y): ``snap.checkpoint()`` / ``snap.undo(cp)`` put the
  files the phase wrote back byte-for-byte and delete the migrations it created, when the phase
  breaks tests that passed before it;
* ``rollback(project_dir, python=None)`` - ``step --rollback``: restores the latest snapshot of
  ``upgrader.snapshot`` (taken by the step before it changed anything): pins, code, lock files and
  new migrations back byte-for-byte, and the Django of before the step reinstalled. The snapshot is
  then moved aside (``rollback/.done-<label>``), so a second ``--rollback`` undoes the step before.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from core.errors import EXIT_STEP_FAILED, UpgradeError
from upgrader.snapshot import Snapshot

def migration_dirs(project_dir: Path) -> list[str]:
    """Every ``migrations`` package directory of the project (relative, POSIX), virtualenvs excluded
    (the file layer's ``package_dirs``)."""
    from core import files

    root = Path(project_dir)
    return sorted(p.relative_to(root).as_posix() for p in files.package_dirs(root, "migrations"))


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
