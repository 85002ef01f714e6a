"""One step X -> Y as a list of named phases (docs/step.md, "The phases of one step").

    PHASES = [("baseline", baseline), ("snapshot", snapshot), ("fixes", fixes_on_current),
              ("pins", pins_phase), ("install", install), ("suite-target", on_target), ("checks", checks_on_target),
              ("caches", caches_phase), ("report", conclude)]
    run_phases(ctx)       runs them in order until one says ``stop``

Every phase takes the shared ``StepContext`` (the project, the options, the preflight, the report
being filled, the snapshot once taken) and returns its own small dataclass result; it records what
it did in ``ctx.report`` and, when the step must end, sets the report's status and ``stop``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from core import versions
from core.errors import EXIT_INTERNAL, EXIT_OK, EXIT_STEP_FAILED, EXIT_TESTS_FAILED
from upgrader import installer
from upgrader.step import blame as _blame
from upgrader.step import checks, fixes
from upgrader.step.baseline import baseline
from upgrader.step.context import PhaseResult, StepContext, _stop
from upgrader.step.suite import TestSummary, failing_line, new_failures, settings_for, tool_failed

__all__ = ["PHASES", "StepContext", "install_requirements", "run_phases"]

# ------------------------------------------------------------------------------------ snapshot
def snapshot(ctx: StepContext) -> PhaseResult:
    import time

    from upgrader.snapshot import Snapshot
    from upgrader.step.rollback import migration_dirs

    label = f"{time.strftime('%Y%m%dT%H%M%S')}-{ctx.x}-to-{ctx.y}"
    ctx.snap = Snapshot.take(ctx.project.dir, [], python=ctx.project.interpreter.path, label=label,
                             track_dirs=migration_dirs(ctx.project.dir))
    ctx.report.snapshot = ctx.snap.label
    return PhaseResult()


# ------------------------------------------------------------------------------------ codemods
@dataclass
class FixesResult(PhaseResult):
    phase: fixes.CodemodPhase | None = None
    final: TestSummary | None = None


def apply_and_test(ctx: StepContext, codemods, on: str, where: str, label: str, before: TestSummary) -> FixesResult:
    """Compute the codemods' changes once, write them, make the migrations they need, re-run the
    suite and blame (``upgrader.step.blame``) what they broke; blamed codemods are undone."""
    pdir = ctx.project.dir
    cp = ctx.snap.checkpoint()
    phase = fixes.compute(pdir, codemods, on, where, settings_files=ctx.project.files.settings_files())
    ctx.report.codemods[where] = phase
    out = FixesResult(phase=phase, final=before)
    try:
        if not phase.changes:
            return out
        ctx.progress(f"applying {', '.join(phase.applied)} on Django {on} ({len(phase.changes)} files)")
        fixes.write(phase, ctx.snap)
        if phase.model_apps:
            ctx.progress(f"makemigrations {' '.join(phase.model_apps)}")
            phase.makemigrations = checks.makemigrations(ctx.project, phase.model_apps).to_json()
            phase.migrations_created = ctx.snap.created_since(cp)
            if not phase.makemigrations["ok"]:
                ctx.snap.undo(cp)
                phase.undone = True
                phase.broke = ["makemigrations failed"]
                return out
        ctx.progress(f"re-running the suite on Django {on}")
        after = ctx.run_suite(label, on)
        ctx.report.tests[label] = after
        if tool_failed(after):
            return out
        if not new_failures(before, after):
            out.final = after
            return out
        ctx.progress(f"  new failures: {', '.join(new_failures(before, after)[:5])}; finding the codemod to blame")
        found = _blame.blame(phase, before, after, lambda: ctx.run_suite("blame", on))
        phase.blamed, phase.unexplained = found.blamed, found.unexplained
        phase.broke = new_failures(before, after)
        if _redo_migrations(ctx, phase, cp):
            found.final = ctx.run_suite("blame", on)
            phase.unexplained = new_failures(before, found.final)
        ctx.report.tests[label] = found.final
        out.final = found.final
        return out
    finally:
        ctx.snap.close(cp)


def _redo_migrations(ctx: StepContext, phase: fixes.CodemodPhase, cp) -> bool:
    """A blamed codemod that changed model state takes its migrations with it: the migrations of the
    phase are deleted and made again for the model changes that stay. True when something changed."""
    by_name = {c.name: c for c in phase.codemods}
    blamed = {b["codemod"] for b in phase.blamed}
    if not phase.migrations_created or not any(getattr(by_name.get(n), "changes_model_state", False) for n in blamed):
        return False
    for rel in phase.migrations_created:
        (ctx.project.dir / rel).unlink(missing_ok=True)
    kept = [c.path for c in phase.changes if any(
        n not in blamed and getattr(by_name.get(n), "changes_model_state", False) for n in c.applied)]
    phase.model_apps = fixes.model_apps(ctx.project.dir, kept)
    if phase.model_apps:
        phase.makemigrations = checks.makemigrations(ctx.project, phase.model_apps).to_json()
    phase.migrations_created = ctx.snap.created_since(cp)
    return True


def _blame_message(phase: fixes.CodemodPhase) -> str:
    parts = []
    for b in phase.blamed:
        why = ("a traceback frame is in " + ", ".join(b["files"][:3]) if b["reason"] == "frame"
               else "re-running the suite without it made the failure pass")
        parts.append(f"{b['codemod']} broke {', '.join(b['tests'][:3])} ({why}); it was undone")
    return "; ".join(parts)


def fixes_on_current(ctx: StepContext) -> FixesResult:
    r, x, y = ctx.report, ctx.x, ctx.y
    before = r.tests["before"]
    res = apply_and_test(ctx, ctx.on_current, versions.feature(x), "current", "after-fixes", before)
    cm = res.phase
    r.migrations_check["current"] = checks.makemigrations_check(ctx.project).to_json()
    tool = tool_failed(r.tests.get("after-fixes")) if r.tests.get("after-fixes") is not None else None
    if tool:
        res.stop = True
        r.fail("tool-failed", EXIT_INTERNAL, tool)
        return res
    if cm.undone:
        res.stop = True
        r.fail("codemods-broke", EXIT_STEP_FAILED, f"makemigrations failed after the codemods on Django {x}; "
               "they were undone and nothing else was changed")
        return res
    if cm.blamed:
        r.notes.append(_blame_message(cm))
    if cm.unexplained:
        res.stop = True
        r.fail("codemods-broke" if cm.blamed else "tests-failing", EXIT_STEP_FAILED,
               f"after the codemods on Django {x}, {', '.join(cm.unexplained[:5])} fail(s) and did not before; "
               "no codemod is to blame (they fail with the codemods left out too: flaky or environment)"
               + (f". {_blame_message(cm)}" if cm.blamed else ""))
        return res
    if ctx.options.commit and cm.applied:
        _commit(ctx, "fixes", f"Prepare for Django {versions.feature(y)}: codemods on Django {x}\n\n"
                f"Applied by django-upgrade step: {', '.join(cm.applied)}.",
                [c.path for c in cm.changes] + cm.migrations_created)
    return res


# ------------------------------------------------------------------------------------ pins
def pins_phase(ctx: StepContext) -> PhaseResult:
    from upgrader import pins
    from upgrader.step import deps_phase

    r, pdir, y = ctx.report, ctx.project.dir, ctx.y
    kind = ctx.options.project_kind  # None: detected (or [tool.django-upgrade] project-kind)
    # a library's lower bound must admit what the codemods on X wrote (their available_from)
    current = r.codemods.get("current")
    floor = pins.codemod_floor(current.applied if current is not None else ())
    planned = pins.bump_django(pdir, y, dry_run=True, kind=kind, floor=floor)
    declared = {str(p.file) for p in pins.find_requirements(pdir, include_locks=False)}
    ctx.snap.add(sorted(declared | {str(c.file) for c in planned}))
    r.pins = pins.bump_django(pdir, y, kind=kind, floor=floor)
    if not r.pins:
        r.notes.append(pins.explain_unchanged(pdir, y))
    ctx.progress(f"bumped {len([c for c in r.pins if not c.regenerate])} Django pins to {y}")
    if ctx.options.upgrade_deps:
        ctx.dep_reqs = deps_phase.upgrade_deps(r, ctx.project, ctx.pf, ctx.snap, ctx.progress)
    ctx.lock_paths = deps_phase.lock_step(r, pdir, ctx.project.interpreter.path, ctx.snap, False, ctx.progress)
    return PhaseResult()


# ------------------------------------------------------------------------------------ install
@dataclass
class InstallResult(PhaseResult):
    requirements: list = field(default_factory=list)
    changes: installer.EnvChanges | None = None


def _arg_items(args: list[str]) -> list[tuple]:
    """Installer arguments as items: ``("-r", file)`` pairs and single arguments."""
    out, i = [], 0
    while i < len(args):
        if args[i] in ("-r", "--requirement") and i + 1 < len(args):
            out.append((args[i], args[i + 1]))
            i += 2
        else:
            out.append((args[i],))
            i += 1
    return out


def install_requirements(project_dir, y: str, dep_reqs: list, editable: bool, bumped=(),
                         existing_env: bool = False) -> list[str]:
    """What the install phase asks the installer for: Django Y, the dependencies moved with it, the
    project's requirement files (not those whose own Django pin excludes Y - unless the pins phase
    bumps them: ``bumped``, for a dry run), and ``-e .`` only when the project was installed editable.

    ``existing_env``: the step installs into the environment the project already runs in, so only the
    requirement files the pins phase changed (``bumped``) are installed with Y; the others are already
    installed as the team chose, or were never meant for this environment (docs or release tooling:
    django-filter 2.4's ``requirements/maintainer.txt`` pins Sphinx 1.3 and fails on Python 3.9)."""
    from upgrader import envbuild, pins

    full = envbuild.project_requirements(project_dir)
    kept = set(_arg_items(pins.drop_excluded(project_dir, full, y)))
    names = {os.path.realpath(os.path.join(str(project_dir), str(b))) for b in bumped}

    def wanted(item) -> bool:
        changed = len(item) == 2 and os.path.realpath(os.path.join(str(project_dir), item[1])) in names
        if existing_env and len(item) == 2:
            return changed
        return item in kept or changed

    reqs = [a for item in _arg_items(full) if wanted(item) for a in item]
    if reqs[:1] == ["-e"]:
        reqs = reqs if editable else []
    elif editable:
        reqs = [*reqs, "-e", "."]
    return [f"django=={y}", *dep_reqs, *reqs]


def install(ctx: StepContext) -> InstallResult:
    r, y, python, pdir = ctx.report, ctx.y, ctx.project.interpreter.path, ctx.project.dir
    out = InstallResult()
    if not ctx.options.install:
        r.notes.append(f"--no-install: Django {y} was not installed; the suite, the checks and the cache "
                       "clearing on it were skipped, and no further step was taken")
        return out
    env_before = installer.environment(python, pdir)
    out.requirements = install_requirements(pdir, y, ctx.dep_reqs, bool(env_before and env_before.editable),
                                            bumped=[str(p.file) for p in r.pins or ()], existing_env=True)
    ctx.progress(f"installing Django {y} ({'uv' if installer.uv_executable() else 'pip'})")
    res = installer.install(python, out.requirements, project_dir=pdir)
    r.install = res
    env_after = installer.environment(python, pdir)
    installed = (env_after.dists.get("django") or (None, None))[1] if env_after else None
    if env_before and env_after:
        out.changes = installer.compare(env_before, env_after)
        r.env_changes = {**out.changes.to_json(), "editable": env_before.editable,
                         "project": env_before.project}
    if not res.ok or installed != y:
        last = (res.output_tail.strip().splitlines() or ["no output"])[-1]
        return _stop(ctx, "install-failed", EXIT_STEP_FAILED,
                     f"installing Django {y} failed ({' '.join(res.command)}): {last}. The pins say {y}, "
                     f"the interpreter has Django {installed}")
    if out.changes and out.changes.losses:
        lost = ", ".join(out.changes.losses)
        if not ctx.options.allow_downgrade:
            out.stop = True
            r.fail("downgrade", EXIT_STEP_FAILED, f"installing Django {y} downgraded or removed packages: {lost}. "
                   "Pass --allow-downgrade to accept that")
            return out
        r.notes.append(f"--allow-downgrade: the install downgraded or removed {lost}")
    return out


# ------------------------------------------------------------------------------------ on Y
def on_target(ctx: StepContext) -> PhaseResult:
    if not ctx.options.install:
        return PhaseResult()
    r, y = ctx.report, ctx.y
    ctx.progress(f"running the suite on Django {y}")
    after = ctx.run_suite("after", y)
    r.tests["after"] = after
    ctx.progress(f"  {after.counts()}")
    if tool_failed(after):
        return _stop(ctx, "tool-failed", EXIT_INTERNAL, tool_failed(after))
    res = apply_and_test(ctx, ctx.on_target, versions.feature(y), "target", "after-target-fixes", after)
    cy = res.phase
    if cy.changes:
        r.tests.pop("after-target-fixes", None)
        r.tests["after"] = res.final
    if cy.blamed:
        r.notes.append(f"on Django {y}: {_blame_message(cy)}")
    return PhaseResult()


def checks_on_target(ctx: StepContext) -> PhaseResult:
    if ctx.options.install:
        ctx.report.migrations_check["target"] = checks.makemigrations_check(ctx.project).to_json()
        ctx.report.checks_after = checks.run_checks(ctx.project)
    return PhaseResult()


# ------------------------------------------------------------------------------------ caches
def caches_phase(ctx: StepContext) -> PhaseResult:
    from core.errors import UpgradeError
    from upgrader import caches

    r = ctx.report
    if not (ctx.options.clear_cache and ctx.options.install):
        return PhaseResult()
    try:
        r.caches = caches.clear_caches(ctx.project, settings=settings_for(ctx.project))
        for c in r.caches:
            ctx.progress(f"cleared cache {c.alias} ({c.backend}{' at ' + c.location if c.location else ''})"
                         + ("" if c.ok else f": FAILED {c.error}"))
    except UpgradeError as exc:
        r.notes.append(f"caches not cleared: {exc}")
    r.bytecode_removed = caches.clear_bytecode(ctx.project.dir)
    return PhaseResult()


# ------------------------------------------------------------------------------------ report
def _commit(ctx: StepContext, phase: str, message: str, paths: list[str]) -> None:
    from upgrader import gitutil

    paths = sorted({p for p in paths if p})
    if paths:
        sha = gitutil.commit(ctx.project.dir, message, paths)
        if sha:
            ctx.report.commits.append({"phase": phase, "sha": sha, "message": message, "files": paths})


def conclude(ctx: StepContext) -> PhaseResult:
    """Commit the bump (``--commit``) and say how the step ended: only failures that are not in the
    baseline count against it."""
    r, x, y = ctx.report, ctx.x, ctx.y
    if ctx.options.commit:
        pdir = ctx.project.dir
        files = [os.path.relpath(c.file, pdir) for c in r.pins] + ctx.lock_paths + [
            p["file"] for p in ((r.deps or {}).get("upgraded") or {}).get("pins", [])]
        _commit(ctx, "bump", f"Upgrade Django {x} -> {y}\n\nPins bumped by django-upgrade step.", files)
        cy = r.codemods.get("target")
        if cy is not None and cy.changes and cy.applied:
            _commit(ctx, "fixes-target", f"Fix Django {versions.feature(y)} deprecations on Django {y}\n\n"
                    f"Applied by django-upgrade step: {', '.join(cy.applied)}.",
                    [c.path for c in cy.changes] + cy.migrations_created)
    after = r.tests.get("after")
    new = new_failures(r.tests.get("before"), after) if after is not None else []
    if new:
        return _stop(ctx, "tests-failing", EXIT_TESTS_FAILED,
                     f"the suite fails on Django {y}: {', '.join(new[:5])}"
                     + (f" and {len(new) - 5} more" if len(new) > 5 else "")
                     + " (see the failures and the release-data changes they match)")
    if after is not None and not after.ok:
        r.notes.append(f"the failures accepted as the baseline still fail on Django {y}: {failing_line(after)}")
    r.status, r.exit_code = "ok", EXIT_OK
    return PhaseResult()


PHASES = [("baseline", baseline), ("snapshot", snapshot), ("fixes", fixes_on_current), ("pins", pins_phase),
          ("install", install), ("suite-target", on_target), ("checks", checks_on_target), ("caches", caches_phase),
          ("report", conclude)]


def run_phases(ctx: StepContext, phases=None) -> None:
    for name, phase in phases or PHASES:
        ctx.report.phase = name
        if phase(ctx).stop:
            return
    ctx.report.phase = "done"
