"""Orchestration of ``django-upgrade step`` (see docs/step.md, "The phases").

    options = StepOptions(project_dir=".", to="4.2", commit=True)
    outcome = run(options)          # StepsOutcome(reports=[StepReport...], exit_code)

``run_step(project, options, data, progress)`` takes ONE step X -> Y and returns its StepReport;
it never raises for a failing phase: the report's ``status`` and ``exit_code`` say what happened
and what state the project was left in. Bad input (preflight) raises UsageError.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from upgrader import caches as _caches
from core import versions
from upgrader import gitutil, installer, pins
from core.errors import (EXIT_INTERRUPTED, EXIT_OK, EXIT_STEP_FAILED, EXIT_TESTS_FAILED, UpgradeError,
                             UsageError)
from upgrader.project import Project
from upgrader.snapshot import Snapshot
from upgrader.step import phases
from upgrader.step.preflight import preflight
from upgrader.step.report import StepReport
from upgrader.step.rollback import FileGuard, migration_dirs


@dataclass
class StepOptions:
    project_dir: str = "."
    python: str | None = None
    to: str | None = None  # --to X.Y: several steps; None: one step
    dry_run: bool = False
    commit: bool = False
    allow_dirty: bool = False
    install: bool = True
    clear_cache: bool = True
    new_python: str | None = None
    venv_dir: str | None = None
    upgrade_deps: bool = False
    check_deps: bool | None = None  # ask the package index (None: [tool.django-upgrade] check-deps)
    index_url: str | None = None
    skip_codemods: tuple = ()
    verbose: bool = False
    progress: bool = False
    fmt: str = "text"


@dataclass
class StepsOutcome:
    reports: list = field(default_factory=list)
    exit_code: int = EXIT_OK
    message: str = ""
    target: str | None = None


class Progress:
    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.prefix = ""

    def __call__(self, msg: str) -> None:
        if self.enabled:
            sys.stderr.write(f"{self.prefix}{msg}\n")
            sys.stderr.flush()


def _deps_args(project: Project, options: StepOptions) -> dict:
    from upgrader.step.preflight import deps_enabled

    return {"use_index": deps_enabled(project, options.check_deps, options.upgrade_deps),
            "index_url": options.index_url}


def _reqs_for_install(project_dir: Path) -> list[str]:
    from upgrader import envbuild

    return envbuild.project_requirements(project_dir)


def _commit(report: StepReport, project_dir: Path, phase: str, message: str, paths: list[str]) -> None:
    paths = sorted({p for p in paths if p})
    if not paths:
        return
    sha = gitutil.commit(project_dir, message, paths)
    if sha:
        report.commits.append({"phase": phase, "sha": sha, "message": message, "files": paths})


def _lock_step(report: StepReport, project_dir: Path, python: str, snap, dry_run: bool, progress) -> list[str]:
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


def _snapshot_label(current: str, target: str) -> str:
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{current}-to-{target}"


def run_step(project: Project, options: StepOptions, data, progress: Progress, first: bool = True,
             pf=None) -> StepReport:
    """Take one step (see the module docstring)."""
    pf = pf or preflight(project, target=options.to, allow_dirty=options.allow_dirty or not first,
                         commit=options.commit, data=data, check_git=first, **_deps_args(project, options))
    if pf.step_to is None:
        report = StepReport.nothing(project, pf)
        return report
    x, y = pf.current, pf.step_to
    xf, yf = versions.feature(x), versions.feature(y)
    progress.prefix = f"[{x} -> {y}] "
    report = StepReport.start(project, pf, options)
    for w in pf.warnings:
        report.notes.append(w)
    report.deps = {k: v for k, v in pf.deps.items() if not k.startswith("_") and k != "warnings"} or None
    if report.deps is not None:
        report.deps["upgraded"] = None
    report.deps_index = pf.deps.get("index") if pf.deps.get("checked") == "index" else None
    for w in pf.deps.get("warnings", []):
        progress(f"warning: {w}")
    pdir = project.dir
    python = project.interpreter.path
    command = pf.test_command
    stream = options.verbose
    on_current, on_target = phases.codemods_for_step(x, y, skip=options.skip_codemods, data=data)

    if options.dry_run:
        return _dry_run(report, project, pf, on_current, on_target, progress, upgrade_deps=options.upgrade_deps)

    snap = None
    guard = None
    try:
        # -- snapshot: nothing is changed before it is recorded
        report.phase = "snapshot"
        snap = Snapshot.take(pdir, [], python=python, label=_snapshot_label(x, y), track_dirs=migration_dirs(pdir))
        report.snapshot = snap.label

        # -- 2. baseline on X
        report.phase = "baseline"
        progress(f"running the suite on Django {x} ({' '.join(command.argv[1:])})")
        before = phases.suite(project, command, "before", x, stream)
        report.tests["before"] = before
        report.warnings_before = before.result.warnings
        progress(f"  {before.result.passed} passed, {before.result.failed} failed, {before.result.errors} errors, "
                 f"{len(before.result.warnings)} warnings")
        report.checks_before = phases.run_checks(project)

        # -- 3. codemods that Y needs and X supports
        report.phase = "codemods-current"
        guard = FileGuard.start(pdir)
        progress(f"applying {len(on_current)} codemods that Django {yf} needs and {xf} supports")
        cm = phases.apply_codemods(pdir, on_current, xf, "current", guard=guard, snapshot=snap)
        report.codemods["current"] = cm
        if cm.model_apps:
            progress(f"makemigrations {' '.join(cm.model_apps)}")
            mm = phases.makemigrations(project, cm.model_apps)
            cm.makemigrations = mm.to_json()
            cm.migrations_created = guard.created()
        report.migrations_check["current"] = phases.makemigrations_check(project).to_json()
        if cm.files:
            progress(f"  {len(cm.files)} files changed; re-running the suite on Django {x}")
            after_fixes = phases.suite(project, command, "after-fixes", x, stream)
            report.tests["after-fixes"] = after_fixes
            broke = phases.newly_broken(before, after_fixes)
            if broke or (cm.makemigrations and not cm.makemigrations["ok"]):
                cm.broke = broke or ["makemigrations failed"]
                guard.undo()
                cm.undone = True
                report.fail("codemods-broke", EXIT_STEP_FAILED,
                            f"the codemods ({', '.join(cm.applied)}) broke tests that passed on Django {x} "
                            f"({', '.join(broke[:5]) or 'makemigrations failed'}); they were undone and nothing else "
                            "was changed: fix those places by hand (see the diff in the report), then run the step again")
                return report
        if options.commit:
            _commit(report, pdir, "fixes", f"Prepare for Django {yf}: codemods on Django {x}\n\n"
                    f"Applied by django-upgrade step: {', '.join(cm.applied)}.",
                    cm.changed_paths + cm.migrations_created)

        # -- 4. pins and lock files
        report.phase = "pins"
        planned = pins.bump_django(pdir, y, dry_run=True)
        declared = {str(p.file) for p in pins.find_requirements(pdir, include_locks=False)}
        snap.add(sorted(declared | {str(c.file) for c in planned}))
        report.pins = pins.bump_django(pdir, y)
        if not report.pins:
            report.notes.append("Django is not declared in any requirements/pyproject/setup file: nothing to bump")
        progress(f"bumped {len([c for c in report.pins if not c.regenerate])} Django pins to {y}")
        dep_reqs = _upgrade_deps(report, project, pf, snap, progress) if options.upgrade_deps else []
        lock_paths = _lock_step(report, pdir, python, snap, False, progress)

        # -- 5. install Y
        report.phase = "install"
        if options.install:
            reqs = [f"django=={y}", *dep_reqs, *_reqs_for_install(pdir)]
            progress(f"installing Django {y} ({'uv' if installer.uv_executable() else 'pip'})")
            res = installer.install(python, reqs, project_dir=pdir)
            report.install = res
            installed = installer.installed_version(python, "django")
            if not res.ok or installed != y:
                last = (res.output_tail.strip().splitlines() or ["no output"])[-1]
                report.fail("install-failed", EXIT_STEP_FAILED,
                            f"installing Django {y} failed ({' '.join(res.command)}): {last}. The pins say {y}, "
                            f"the interpreter has Django {installed}")
                return report
        else:
            report.notes.append(f"--no-install: Django {y} was not installed; the suite on Y was not run")

        if options.install:
            # -- 6. on Y
            report.phase = "suite-target"
            progress(f"running the suite on Django {y}")
            after = phases.suite(project, command, "after", y, stream)
            report.tests["after"] = after
            progress(f"  {after.result.passed} passed, {after.result.failed} failed, {after.result.errors} errors, "
                     f"{len(after.result.warnings)} warnings")
            report.phase = "codemods-target"
            guard_y = FileGuard.start(pdir)
            cy = phases.apply_codemods(pdir, on_target, yf, "target", guard=guard_y, snapshot=snap)
            report.codemods["target"] = cy
            if cy.model_apps:
                mm = phases.makemigrations(project, cy.model_apps)
                cy.makemigrations = mm.to_json()
                cy.migrations_created = guard_y.created()
            if cy.files:
                progress(f"applied {', '.join(cy.applied)} on Django {y}; re-running the suite")
                final = phases.suite(project, command, "after", y, stream)
                broke = phases.newly_broken(after, final)
                if broke:
                    cy.broke = broke
                    guard_y.undo()
                    cy.undone = True
                    report.notes.append(f"the codemods on Django {y} ({', '.join(cy.applied)}) broke "
                                        f"{', '.join(broke[:5])}; they were undone")
                else:
                    report.tests["after"] = final
            report.migrations_check["target"] = phases.makemigrations_check(project).to_json()
            report.checks_after = phases.run_checks(project)

        # -- 7. caches
        report.phase = "caches"
        if options.clear_cache and options.install:
            try:
                report.caches = _caches.clear_caches(project)
                for c in report.caches:
                    progress(f"cleared cache {c.alias} ({c.backend}{' at ' + c.location if c.location else ''})"
                             + ("" if c.ok else f": FAILED {c.error}"))
            except UpgradeError as exc:
                report.notes.append(f"caches not cleared: {exc}")
            report.bytecode_removed = _caches.clear_bytecode(pdir)

        if options.commit:
            cyp = report.codemods.get("target")
            files = [os.path.relpath(c.file, pdir) for c in report.pins] + lock_paths + [
                p["file"] for p in ((report.deps or {}).get("upgraded") or {}).get("pins", [])]
            _commit(report, pdir, "bump", f"Upgrade Django {x} -> {y}\n\nPins bumped by django-upgrade step.", files)
            if cyp and cyp.files and not cyp.undone:
                _commit(report, pdir, "fixes-target", f"Fix Django {yf} deprecations on Django {y}\n\n"
                        f"Applied by django-upgrade step: {', '.join(cyp.applied)}.",
                        cyp.changed_paths + cyp.migrations_created)

        report.phase = "done"
        after = report.tests.get("after")
        if after is not None and not after.ok:
            report.fail("tests-failing", EXIT_TESTS_FAILED,
                        f"the suite fails on Django {y} (see the failures and the release-data changes they match)")
        else:
            report.status = "ok"
        return report
    except KeyboardInterrupt:
        report.fail("interrupted", EXIT_INTERRUPTED, f"interrupted during phase {report.phase}")
        return report
    except UpgradeError as exc:
        if report.phase in ("snapshot",):
            raise
        report.fail("failed", exc.exit_code if exc.exit_code != 2 else EXIT_STEP_FAILED, str(exc))
        return report
    finally:
        report.finish(data, project, snap)


def _upgrade_deps(report: StepReport, project: Project, pf, snap, progress, dry_run: bool = False) -> list[str]:
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


def _dry_run(report: StepReport, project: Project, pf, on_current, on_target, progress,
             upgrade_deps: bool = False) -> StepReport:
    pdir = project.dir
    x, y = pf.current, pf.step_to
    report.phase = "dry-run"
    report.codemods["current"] = phases.apply_codemods(pdir, on_current, versions.feature(x), "current", write=False)
    report.codemods["target"] = phases.apply_codemods(pdir, on_target, versions.feature(y), "target", write=False)
    report.pins = pins.bump_django(pdir, y, dry_run=True)
    dep_reqs = _upgrade_deps(report, project, pf, None, progress, dry_run=True) if upgrade_deps else []
    _lock_step(report, pdir, project.interpreter.path, None, True, progress)
    cmd, tool = installer.install_command(project.interpreter.path, [f"django=={y}", *dep_reqs, *_reqs_for_install(pdir)])
    report.planned = [
        f"run the suite on Django {x}: {' '.join(pf.test_command.argv)}",
        f"apply codemods on Django {x}: {', '.join(report.codemods['current'].applied) or 'none change anything'}",
        *([f"makemigrations {' '.join(report.codemods['current'].model_apps)}"] if report.codemods['current'].model_apps else []),
        "manage.py makemigrations --check --dry-run",
        f"bump Django pins: {len(report.pins)} line(s)",
        *[f"bump {p['file']}:{p['line']}: {p['old']} -> {p['new']}"
          for p in (((report.deps or {}).get("upgraded") or {}).get("pins") or [])],
        *[f"regenerate {lk['path']}: {lk['command']}" for lk in report.locks],
        f"install: {' '.join(cmd)}",
        f"run the suite on Django {y}",
        f"apply codemods on Django {y}: {', '.join(report.codemods['target'].applied) or 'none change anything'}",
        "manage.py check; manage.py check --deploy",
        "clear every cache in CACHES and stale bytecode",
    ]
    report.status = "dry-run"
    report.exit_code = EXIT_OK
    return report


def _new_python(options: StepOptions, project: Project, progress: Progress, data):
    """Build the fresh venv on the new Python with the CURRENT Django; run the suite there."""
    from upgrader import envbuild

    target_py = envbuild.resolve_python(options.new_python)
    ver = phases_python_version(target_py)
    dest = Path(options.venv_dir) if options.venv_dir else project.dir / f".venv-py{ver}"
    dest = dest if dest.is_absolute() else project.dir / dest
    old = project.probe
    progress(f"building {dest} on Python {ver} with Django {old.django}")
    newpy = envbuild.build_project_venv(target_py, project.dir, dest, extra=[f"django=={old.django}"])
    ignore = dest / ".gitignore"
    if not ignore.exists():  # like Python 3.13's venv: keep the new virtualenv out of git
        ignore.write_text("# created by django-upgrade step --new-python\n*\n", encoding="utf-8")
    from upgrader.interpreter import remember_interpreter

    remember_interpreter(project.dir, str(newpy))  # later commands use it without --python
    return str(newpy), str(dest), ver


def phases_python_version(python: str) -> str:
    import subprocess

    out = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                         capture_output=True, text=True, timeout=60)
    return out.stdout.strip() or "?"


def run(options: StepOptions) -> StepsOutcome:
    import release_data

    data = release_data.load()
    progress = Progress(options.progress)
    project = Project(options.project_dir, python=options.python)
    outcome = StepsOutcome()
    python_move = None
    if options.new_python:
        # validate everything cheap first (clean tree, Django installed) before building a venv
        from upgrader.step.preflight import check_tree

        check_tree(project.dir, options.allow_dirty, options.commit)
        old_probe = project.probe
        if not old_probe.django:
            raise UsageError(f"Django is not installed in {old_probe.interpreter.path}; pass --python PATH")
        if options.dry_run:
            progress(f"would build a virtualenv on Python {options.new_python} and run the suite there first")
        else:
            from upgrader import testrun

            cmd_old = testrun.detect_test_command(project)
            progress(f"running the suite on Python {old_probe.python} with Django {old_probe.django}")
            old_run = phases.suite(project, cmd_old, "old-python", old_probe.django, options.verbose)
            newpy, dest, ver = _new_python(options, project, progress, data)
            project = Project(project.dir, python=newpy)
            cmd_new = testrun.detect_test_command(project)
            progress(f"running the suite on Python {ver} with Django {old_probe.django}")
            new_run = phases.suite(project, cmd_new, "python-move", old_probe.django, options.verbose)
            python_move = {
                "from_python": old_probe.python, "from_interpreter": old_probe.interpreter.path,
                "to_python": project.probe.python, "venv": dest, "interpreter": newpy,
                "django": old_probe.django,
                "tests_old_python": old_run.to_json(), "tests_new_python": new_run.to_json(),
                "broken_by_python": phases.newly_broken(old_run, new_run),
                "use": f"--python {newpy}",
            }
            progress(f"  on the new Python: {new_run.result.passed} passed, {new_run.result.failed} failed, "
                     f"{new_run.result.errors} errors")
    first = True
    while True:
        project = Project(project.dir, python=project.interpreter.path if (options.python or python_move) else None)
        pf = preflight(project, target=options.to, allow_dirty=options.allow_dirty or not first or bool(python_move),
                       commit=options.commit, data=data, check_git=first and not python_move,
                       new_python=bool(options.new_python and options.dry_run), **_deps_args(project, options))
        outcome.target = pf.target
        if pf.step_to is None:
            if first:
                outcome.reports.append(StepReport.nothing(project, pf))
            break
        report = run_step(project, options, data, progress, first=first, pf=pf)
        if python_move is not None and first:
            report.python_move = python_move
            report.finish(data, project, None)
        outcome.reports.append(report)
        first = False
        if report.exit_code != EXIT_OK or options.dry_run or options.to is None:
            break
    if outcome.reports:
        outcome.exit_code = outcome.reports[-1].exit_code
    return outcome
