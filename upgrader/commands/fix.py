"""``django-upgrade fix [PATHS...]``: apply the codemods (pre-commit friendly).

Exit codes: 0 nothing to change; 1 files changed (written) or, with ``--diff`` / ``--check``, changes
pending; 2 bad input (unknown codemod or version, no Django found and no ``--target``).
Files that cannot be read, decoded or parsed are reported on stderr and left untouched; they do not
change the exit code.

JSON (``--format json``) keys: ``mode``, ``target``, ``target_source``, ``codemods`` (names run),
``scanned``, ``changed``, ``errors``, ``files`` (each: ``path``, ``changed``, ``written``,
``applied``, ``diff``, ``findings``, ``error`` - only files that change, fail or have findings),
``findings`` (each: ``codemod``, ``path``, ``line``, ``message``), ``migration_blockers`` (same
shape), ``skipped`` (``path``, ``reason``), ``cache`` (``stat_hits``, ``result_hits``, ``misses``,
``stored``, ``disabled_reason``), ``exit_code``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from codemods import engine, registry
from core import versions
from upgrader.commands._common import echo_json, python_option, show_progress
from core.errors import UsageError


PROJECT_MARKERS = ("manage.py", "pyproject.toml", "setup.cfg", "setup.py", "Pipfile", "requirements.txt", ".git")


def _project_dir(paths: tuple[str, ...]) -> Path:
    """The project the paths belong to: from their common directory upwards, the first directory
    with a project marker (manage.py, pyproject.toml, setup files, requirements.txt, .git); else the
    common directory itself. ``fix shop/`` run from the parent and ``fix app/`` run inside the
    project both find the project's root, so the target Django is the project's own."""
    cwd = Path.cwd().resolve()
    if not paths:
        start = cwd
    else:
        absolute = [Path(os.path.abspath(p)) for p in paths]
        try:
            start = Path(os.path.commonpath([str(p) for p in absolute]))
        except ValueError:
            return cwd
        if start.is_file() or not start.exists():
            start = start.parent
    for candidate in (start, *start.parents):
        if any((candidate / marker).exists() for marker in PROJECT_MARKERS):
            return candidate
    return start


def _version(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        versions.parse(value)
        return versions.feature(value)
    except Exception:  # noqa: BLE001 - any parse failure is bad input
        raise UsageError(f"{option}: not a Django version: {value!r}") from None



def _show_blockers(selected, removed_in: str | None, only) -> bool:
    if removed_in and versions.feature_key(removed_in) < versions.feature_key("5.1"):
        return False
    if only:
        return any("index-together" in c.changes for c in selected)
    return True


@click.command("fix")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--target", metavar="X.Y", help="Django release the code must run on (default: the project's current Django).")
@click.option("--only", multiple=True, metavar="NAME", help="Run only this codemod (repeatable).")
@click.option("--skip", multiple=True, metavar="NAME", help="Do not run this codemod (repeatable).")
@click.option("--removed-in", metavar="X.Y", help="Only codemods for changes removed in X.Y or earlier.")
@click.option("--diff", "diff", is_flag=True, help="Print a unified diff, write nothing (exit 1 when there are changes).")
@click.option("--check", "check", is_flag=True, help="Name the files that would change, write nothing (exit 1 when there are changes).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: the CPU count).")
@click.option("--no-cache", is_flag=True, help="Do not use or update the per-file result cache.")
@python_option
def command(paths, target, only, skip, removed_in, diff, check, fmt, jobs, no_cache, python):
    """Rewrite deprecated Django code in PATHS (files or directories; default: the current directory)."""
    if diff and check:
        raise UsageError("--diff and --check cannot be combined")
    for p in paths:
        if not os.path.lexists(p):
            raise UsageError(f"no such file or directory: {p}")
    mode = "diff" if diff else "check" if check else "write"
    project_dir = _project_dir(paths)
    from upgrader.project import Project

    project = Project(project_dir, python=python)
    config = project.config
    target = _version(target, "--target")
    removed_in = _version(removed_in, "--removed-in")
    target_source = "--target"
    if target is None:
        try:
            current = project.current_version()
        except UsageError as exc:
            raise UsageError(f"{exc}; or pass --target X.Y to fix") from None
        target, target_source = versions.feature(current.version), current.source
    skip_all = [*skip, *config.skip_codemods]
    only_all = list(only) or list(config.only_codemods)
    selected = registry.select_entries(target=target, only=only_all, skip=skip_all, removed_in=removed_in)
    jobs = config.pick(jobs, "jobs")
    summary = engine.run(
        list(paths) or ["."], selected, target=target, mode=mode, jobs=jobs,
        use_cache=not no_cache, progress=show_progress(fmt) and sys.stderr.isatty(),
        settings_files=project.files.settings_files(),  # settings codemods: the project's settings only
    )
    blockers = []
    if _show_blockers(selected, removed_in, only_all):
        blockers = engine.migration_blockers(list(paths) or ["."], files=[f.path for f in summary.files])
    code = summary.exit_code

    if fmt == "json":
        data = summary.as_dict()
        data["target_source"] = target_source
        data["migration_blockers"] = [b.as_dict() for b in blockers]
        data["exit_code"] = code
        echo_json(data)
        click.get_current_context().exit(code)

    for path, reason in summary.skipped:
        click.echo(f"{path}: {reason}", err=True)
    for f in summary.files:
        if f.error:
            click.echo(f"{f.path}: {f.error}", err=True)
    for f in summary.changed:
        names = ", ".join(f.applied)
        if mode == "diff":
            click.echo(f.diff, nl=False)
        elif mode == "check":
            click.echo(f"would fix {f.path} ({names})")
        elif f.written:
            click.echo(f"fixed {f.path} ({names})")
    for finding in summary.findings:
        click.echo(f"{finding.path}:{finding.line}: [{finding.codemod}] {finding.message}", err=True)
    for b in blockers:
        click.echo(f"{b.path}:{b.line}: [{b.codemod}] {b.message}", err=True)
    verb = {"write": "fixed", "diff": "would fix", "check": "would fix"}[mode]
    click.echo(
        f"{verb} {len(summary.changed)} of {len(summary.files)} files "
        f"(target Django {target}, {len(selected)} codemods"
        + (f", {len(summary.findings)} left by hand" if summary.findings else "")
        + (f", {len(summary.errors)} not processed" if summary.errors else "") + ")",
        err=True,
    )
    click.get_current_context().exit(code)
