"""The pins a step moves besides Django: ``--upgrade-deps`` (the dependencies the index says to move)
and the lock files regenerated with their own tool.

    upgrade_deps(report, project, pf, snap, progress, dry_run=False) -> ["name==version", ...] to install
    lock_step(report, project_dir, python, snap, dry_run, progress) -> [lock files regenerated]
"""

from __future__ import annotations

import os
from pathlib import Path

from upgrader import pins


def upgrade_deps(report, project, pf, snap, progress, dry_run: bool = False) -> list[str]:
    """``--upgrade-deps``: bump the pins of the dependencies the check found a release for (blocked or
    not declared) to that release; return the ``name==version`` to install together with Django.
    A failure here is a note, never the end of the step."""
    from upgrader import deps

    statuses = [s for s in pf.deps.get("_statuses", []) if s.suggest and s.status in (deps.BLOCKED, deps.NOT_DECLARED)]
    upgraded = {"pins": [], "install": [], "error": None}
    if report.deps is None:
        report.deps = {}
    report.deps["upgraded"] = upgraded
    if not statuses:
        if pf.deps.get("checked") != "index":
            upgraded["error"] = "the package index could not be asked: no dependency was upgraded"
            report.notes.append(f"--upgrade-deps: {upgraded['error']}")
        return []
    try:
        planned = deps.upgrade_deps(project, statuses, dry_run=True)
        if snap is not None and not dry_run:
            snap.add(sorted({str(c.file) for c in planned}))
        changes = planned if dry_run else deps.upgrade_deps(project, statuses)
        upgraded["install"] = deps.install_requirements(statuses)
    except Exception as exc:  # noqa: BLE001 - the step goes on with the pins it has
        upgraded["error"] = str(exc)
        report.notes.append(f"--upgrade-deps failed: {exc}")
        return []
    upgraded["pins"] = [{"file": os.path.relpath(str(c.file), project.dir), "line": c.line, "old": c.old,
                         "new": c.new} for c in changes]
    for s in statuses:
        progress(f"{'would move' if dry_run else 'moving'} {s.name} {s.version} -> {s.suggest} ({s.status})")
    return list(upgraded["install"])


def lock_step(report, project_dir: Path, python: str, snap, dry_run: bool, progress) -> list[str]:
    changed = []
    for lock in pins.lock_files(project_dir, python=python):
        entry = {"path": os.path.relpath(lock.path, project_dir), "tool": lock.tool, "command": lock.command_line,
                 "available": lock.available, "regenerated": False, "ok": None, "output": ""}
        if lock.available and not dry_run:
            if snap is not None:
                snap.add([lock.path])
            progress(f"regenerating {entry['path']} ({lock.command_line})")
            res = pins.regenerate(lock, python=python)
            entry.update(regenerated=res.ok, ok=res.ok, output=res.output[-2000:])
            if res.ok:
                changed.append(entry["path"])
            else:
                report.left.setdefault("commands", []).append(f"{lock.command_line}  # regenerate {entry['path']}")
        elif not dry_run:
            report.left.setdefault("commands", []).append(f"{lock.command_line}  # regenerate {entry['path']}")
        report.locks.append(entry)
    return changed
