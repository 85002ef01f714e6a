"""Orchestration of ``django-upgrade step`` (see docs/step.md, "The phases").

    options = StepOptions(project_dir=".", to="4.2", commit=True)
    outcome = run(options)          # StepsOutcome(reports=[StepReport...], exit_code)

``run_step(project, options, data, progress, pf=None)`` takes ONE step X -> Y: the preflight, then
the phases of ``upgrader.step.pipeline`` in order; it returns the StepReport and never raises for a
failing phase (the report's ``status`` and ``exit_code`` say what happened and what state the project
was left in). Bad input (preflight) raises UsageError. ``run`` takes steps in a row (``--to``) as long
as each one moved the installed Django (never with ``--no-install``).
"""

from __future__ import annotations

from pathlib import Path

from core import versions
from core.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_STEP_FAILED, UpgradeError, UsageError
from upgrader import installer, pins
from upgrader.project import Project
from upgrader.step import deps_phase, fixes, pipeline
from upgrader.step.options import Progress, StepOptions, StepsOutcome
from upgrader.step.preflight import deps_enabled, preflight
from upgrader.step.report import StepReport
from upgrader.step.suite import new_failures, suite
from upgrader.project import open_project

__all__ = ["Progress", "StepOptions", "StepsOutcome", "run", "run_step"]


def _deps_args(project: Project, options: StepOptions) -> dict:
    return {"use_index": deps_enabled(project, options.check_deps, options.upgrade_deps),
            "index_url": options.index_url}


def run_step(project: Project, options: StepOptions, data, progress: Progress, first: bool = True,
             pf=None) -> StepReport:
    """Take one step (see the module docstring)."""
    pf = pf or preflight(project, target=options.to, allow_dirty=options.allow_dirty or not first,
                         commit=options.commit, data=data, check_git=first, **_deps_args(project, options))
    if pf.step_to is None:
        return StepReport.nothing(project, pf)
    x, y = pf.current, pf.step_to
    progress.prefix = f"[{x} -> {y}] "
    from upgrader.deps import stepgate

    # an installed dependency that uses what Y removes stops the step here, before any change
    # (or, with --upgrade-deps, joins the dependencies moved with Django)
    try:
        stepgate.gate(project, pf, upgrade_deps=options.upgrade_deps, check_deps=options.check_deps,
                      index_url=options.index_url, dry_run=options.dry_run)
    except UsageError:
        raise
    except UpgradeError as exc:
        # a report like any refusal: its JSON on stdout with --format json, the earlier steps of --to kept
        refused = StepReport.start(project, pf, options)
        refused.phase = "dependencies"
        refused.fail("blocked", exc.exit_code, str(exc))
        refused.finish(data, project, None)  # no snapshot: nothing changed, no report file
        return refused
    report = StepReport.start(project, pf, options)
    report.notes.extend(pf.warnings)
    report.deps = {k: v for k, v in pf.deps.items() if not k.startswith("_") and k != "warnings"} or None
    if report.deps is not None:
        report.deps["upgraded"] = None
    report.deps_index = pf.deps.get("index") if pf.deps.get("checked") == "index" else None
    for w in pf.deps.get("warnings", []):
        progress(f"warning: {w}")
    on_current, on_target = fixes.codemods_for_step(x, y, skip=options.skip_codemods, data=data)
    if options.dry_run:
        return _dry_run(report, project, pf, on_current, on_target, progress, upgrade_deps=options.upgrade_deps)
    ctx = pipeline.StepContext(project, options, data, pf, report, progress, on_current=on_current,
                               on_target=on_target)
    try:
        pipeline.run_phases(ctx)
        return report
    except KeyboardInterrupt:
        report.fail("interrupted", EXIT_INTERRUPTED, f"interrupted during phase {report.phase}")
        return report
    except UpgradeError as exc:
        if report.phase == "snapshot":
            raise
        report.fail("failed", exc.exit_code if exc.exit_code != 2 else EXIT_STEP_FAILED, str(exc))
        return report
    finally:
        report.finish(data, project, ctx.snap)


def _dry_run(report: StepReport, project: Project, pf, on_current, on_target, progress,
             upgrade_deps: bool = False) -> StepReport:
    pdir = project.dir
    x, y = pf.current, pf.step_to
    report.phase = "dry-run"
    settings = project.files.settings_files()  # settings codemods: the project's settings only
    report.codemods["current"] = fixes.compute(pdir, on_current, versions.feature(x), "current", settings)
    report.codemods["target"] = fixes.compute(pdir, on_target, versions.feature(y), "target", settings)
    report.pins = pins.bump_django(pdir, y, dry_run=True)
    dep_reqs = deps_phase.upgrade_deps(report, project, pf, None, progress, dry_run=True) if upgrade_deps else []
    deps_phase.lock_step(report, pdir, project.interpreter.path, None, True, progress)
    env = installer.environment(project.interpreter.path, pdir)
    reqs = pipeline.install_requirements(pdir, y, dep_reqs, bool(env and env.editable),
                                         bumped=[str(p.file) for p in report.pins], existing_env=True)
    cmd, tool = installer.install_command(project.interpreter.path, reqs)
    report.planned = [
        f"run the suite and manage.py check on Django {x}: {' '.join(pf.test_command.argv)} (a red project is "
        "refused here, nothing changed; --accept-failing takes its failures as the baseline)",
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
    env = installer.environment(project.interpreter.path, project.dir)
    # the project's requirement files; the project itself (-e .) only when it was installed editable
    reqs = pipeline.install_requirements(project.dir, old.django, [], bool(env and env.editable))[1:]
    newpy = envbuild.build_project_venv(target_py, project.dir, dest, extra=[f"django=={old.django}"], requirements=reqs)
    ignore = dest / ".gitignore"
    if not ignore.exists():  # like Python 3.13's venv: keep the new virtualenv out of git
        ignore.write_text("# created by django-upgrade step --new-python\n*\n", encoding="utf-8")
    from core.interpreter import remember_interpreter

    remember_interpreter(project.dir, str(newpy))  # later commands use it without --python
    return str(newpy), str(dest), ver


def phases_python_version(python: str) -> str:
    from core import run as _run

    out = _run.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], env=_run.tool_env(), timeout=60)
    return out.stdout.strip() or "?"


def _carrying(project: Project, options: StepOptions, test_settings: str | None = None) -> Project:
    """``project`` with what every step of the run keeps: the test command given after ``--`` and the
    settings module a step before took for the suite."""
    project.test_words = list(options.test_words) or None
    if test_settings:
        project.test_settings = test_settings
    return project


def run(options: StepOptions) -> StepsOutcome:
    import release_data

    data = release_data.load()
    progress = Progress(options.progress)
    project = _carrying(open_project(options.project_dir, python=options.python), options)  # the command's own
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
            old_run = suite(project, cmd_old, "old-python", old_probe.django, options.verbose)
            newpy, dest, ver = _new_python(options, project, progress, data)
            project = _carrying(Project(project.dir, python=newpy), options)
            cmd_new = testrun.detect_test_command(project)
            progress(f"running the suite on Python {ver} with Django {old_probe.django}")
            new_run = suite(project, cmd_new, "python-move", old_probe.django, options.verbose)
            python_move = {
                "from_python": old_probe.python, "from_interpreter": old_probe.interpreter.path,
                "to_python": project.probe.python, "venv": dest, "interpreter": newpy,
                "django": old_probe.django,
                "tests_old_python": old_run.to_json(), "tests_new_python": new_run.to_json(),
                "broken_by_python": new_failures(old_run, new_run),
                "use": f"--python {newpy}",
            }
            progress(f"  on the new Python: {new_run.result.passed} passed, {new_run.result.failed} failed, "
                     f"{new_run.result.errors} errors")
    first = True
    seen = set()
    while True:
        taken = getattr(project, "test_settings", None)  # (a settings module the step before took for the suite: kept)
        project = _carrying(Project(project.dir, python=project.interpreter.path if (options.python or python_move) else None),
                            options, taken)
        pf = preflight(project, target=options.to, allow_dirty=options.allow_dirty or not first or bool(python_move),
                       commit=options.commit, data=data, check_git=first and not python_move,
                       new_python=bool(options.new_python and options.dry_run), **_deps_args(project, options))
        outcome.target = pf.target
        if pf.step_to is None:
            if first:
                outcome.reports.append(StepReport.nothing(project, pf))
            break
        if (pf.current, pf.step_to) in seen:  # no progress: the last step did not change the installed Django
            outcome.reports[-1].notes.append(f"stopped: Django {pf.current} is still installed, the same step "
                                             f"would be taken again")
            break
        seen.add((pf.current, pf.step_to))
        report = run_step(project, options, data, progress, first=first, pf=pf)
        if python_move is not None and first:
            report.python_move = python_move
            report.finish(data, project, None)
        outcome.reports.append(report)
        first = False
        if report.exit_code != EXIT_OK or options.dry_run or options.to is None:
            break
        if not options.install:
            if pf.plan_steps[1:]:
                report.notes.append(f"--no-install: stopped after this step (Django {report.to} is not installed, "
                                    f"so the next step to {options.to} cannot start from it); install it, "
                                    "then run the step again")
                report.finish(data, project, None)
            break
        installed = installer.installed_version(project.interpreter.path, "django")
        if installed != report.to:
            report.notes.append(f"stopped: the interpreter has Django {installed}, not {report.to}")
            report.finish(data, project, None)
            break
    if outcome.reports:
        outcome.exit_code = outcome.reports[-1].exit_code
    return outcome
