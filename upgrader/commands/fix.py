"""``django-upgrade fix [PATHS...]``: apply the codemods (pre-commit friendly).

Exit codes: 0 nothing to change; 1 files changed (written) or, with ``--diff`` / ``--check``, changes
pending, or (``--check``) uses of deprecated/removed APIs left by hand; 2 bad input (unknown codemod
or version, no Django found and no ``--target``).

What it leaves: the detectors (``codemods.detect``, the same ``plan`` uses) run over the text the
codemods produce, for the changes deprecated or removed on the target (``--removed-in X.Y``: removed in
X.Y or earlier; ``--only``: the changes those codemods fix). Each use still there is printed as
``path:line: [change] left by hand: ...`` (with the codemod's reason when one refused it).
Files that cannot be read, decoded or parsed are reported on stderr and left untouched; they do not
change the exit code.

JSON (``--format json``) keys: ``mode``, ``target``, ``target_source``, ``codemods`` (names run),
``scanned``, ``changed``, ``errors``, ``files`` (each: ``path``, ``changed``, ``written``,
``applied``, ``diff``, ``findings``, ``error`` - only files that change, fail or have findings),
``findings`` (each: ``codemod``, ``path``, ``line``, ``message``), ``migration_blockers`` (same
shape), ``skipped`` (``path``, ``reason``), ``cache`` (``stat_hits``, ``result_hits``, ``misses``,
``stored``, ``disabled_reason``), ``left`` (each: ``change``, ``file``, ``line``, ``text``, ``reason``:
the uses left by hand, lines of the file on disk), ``exit_code``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from codemods import engine, registry
from codemods.detect.after import BY_HAND
from core import versions
from upgrader.commands._common import echo_json, open_project, python_option, show_progress
from core.errors import UsageError


PROJECT_MARKERS = ("manage.py", "pyproject.toml", "setup.cfg", "setup.py", "Pipfile", "requirements.txt", ".git")


def _project_dir(paths: tuple[str, ...]) -> tuple[Path, bool]:
    """The project the paths belong to, and whether one was found: from their common directory
    upwards, the first directory with a project marker (manage.py, pyproject.toml, setup files,
    requirements.txt, .git); else the common directory itself, and False. ``fix shop/`` run from the
    parent and ``fix app/`` run inside the project both find the project's root, so the target
    Django is the project's own."""
    cwd = Path.cwd().resolve()
    if not paths:
        start = cwd
    else:
        absolute = [Path(os.path.abspath(p)) for p in paths]
        try:
            start = Path(os.path.commonpath([str(p) for p in absolute]))
        except ValueError:
            return cwd, False
        if start.is_file() or not start.exists():
            start = start.parent
    for candidate in (start, *start.parents):
        if any((candidate / marker).exists() for marker in PROJECT_MARKERS):
            return candidate, True
    return start, False


def _loose_files(paths: tuple[str, ...], project_dir: Path):
    """Files given outside any project (no marker above them: a script in the home directory, files
    in /tmp): their discovery, and the settings modules among them. Only the paths are looked at,
    never the rest of their common directory (which may be the whole home directory)."""
    from core.settings import settings_files
    from core.walk import discover

    found = discover(list(paths))
    return found, settings_files(project_dir, (), [p for p in found.files if p.name.endswith(".py")])


def _version(value: str | None, option: str, releases) -> str | None:
    if value is None:
        return None
    try:
        versions.parse(value)
        feature = versions.feature(value)
    except Exception:  # noqa: BLE001 - any parse failure is bad input
        raise UsageError(f"{option}: not a Django version: {value!r}") from None
    known = releases.feature_releases()
    if feature not in known:
        raise UsageError(f"{option}: {value} is not a known Django release (known: {known[0]} to {known[-1]}, "
                         f"e.g. {', '.join(known[-6:-2])})")
    return feature



def _shown(project_dir: Path, rel: str) -> str:
    """A project-relative path as the user can open it from the current directory."""
    return os.path.relpath(os.path.join(project_dir, rel))


def _left_request(project_dir: Path, target, removed_in, only, selected, releases, settings_files):
    """What the engine's workers look for after the codemods: the uses of deprecated/removed APIs
    ``fix`` reports as left (see the docstring)."""
    from codemods.detect.after import LeftRequest, changes_at

    changes = changes_at(releases.changes, target, removed_in,
                         fixed_by=[e.name for e in selected] if only else None)
    return LeftRequest(changes, project_dir, settings_files=settings_files)


def _newer_python_hint(errors, project) -> str | None:
    """``core.pysource.newer_python_hint`` for the files that did not parse (the project's interpreter
    is asked for its Python only when some did: a newer one there is what the line is about)."""
    from core.pysource import newer_python_hint, syntax_failures

    messages = [f.error for f in errors]
    if not syntax_failures(messages):
        return None
    try:
        probe = project.try_probe()
    except UsageError:
        return None
    return newer_python_hint(messages, probe.python if probe else None)


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
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Processes: this one and N-1 workers (default: the CPU count).")
@click.option("--no-cache", is_flag=True, help="Do not use or update the per-file result cache.")
@click.option("--modernize", is_flag=True,
              help="Also run the opt-in modernisations (admin.register decorator, request.headers, dead "
                   "django.VERSION branches, re_path -> path); never run by step.")
@python_option
def command(paths, target, only, skip, removed_in, diff, check, fmt, jobs, no_cache, python, modernize=False):
    """Rewrite deprecated Django code in PATHS (files or directories; default: the current directory)."""
    if diff and check:
        raise UsageError("--diff and --check cannot be combined")
    for p in paths:
        if not os.path.lexists(p):
            raise UsageError(f"no such file or directory: {p}")
    mode = "diff" if diff else "check" if check else "write"
    project_dir, in_project = _project_dir(paths)
    project = open_project(project_dir, python=python)
    config = project.config
    import release_data

    releases = release_data.load()  # (once for the command)
    target = _version(target, "--target", releases)
    removed_in = _version(removed_in, "--removed-in", releases)
    target_source = "--target"
    if target is None:
        try:
            current = project.current_version()
        except UsageError as exc:
            raise UsageError(f"{exc}; or pass --target X.Y to fix") from None
        target, target_source = versions.feature(current.version), current.source
    skip_all = [*skip, *config.skip_codemods]
    only_all = list(only) or list(config.only_codemods)
    selected = registry.select_entries(target=target, only=only_all, skip=skip_all, removed_in=removed_in,
                                       modernize=modernize)
    jobs = config.pick(jobs, "jobs")
    if paths and not in_project:
        found, settings = _loose_files(paths, project_dir)
    else:  # (the project's own walk when the paths are its root, not a second walk of the tree)
        found = project.files.discovery_as(paths[0] if paths else ".") if len(paths) <= 1 else None
        settings = project.files.settings_files()
    request = _left_request(project_dir, target, removed_in, only_all, selected, releases, settings)
    summary = engine.run(
        list(paths) or ["."], selected, target=target, mode=mode, jobs=jobs,
        use_cache=not no_cache, progress=show_progress(fmt) and sys.stderr.isatty(),
        settings_files=settings,  # settings codemods: the project's settings only
        detect=request,  # what is left, found by the same workers on the same text
        found=found,
    )
    blockers = []
    if _show_blockers(selected, removed_in, only_all):
        from codemods.migration_blockers import migration_blockers

        blockers = migration_blockers(list(paths) or ["."], files=[f.path for f in summary.files])
    from codemods.detect.after import leftovers

    # lines of the file on disk: mapped back where nothing was written
    left = leftovers(summary.files, (), project_dir, request=request, use_cache=not no_cache)
    code = 1 if summary.exit_code or (mode == "check" and left) else 0

    if fmt == "json":
        data = summary.as_dict()
        data["target_source"] = target_source
        data["migration_blockers"] = [b.as_dict() for b in blockers]
        data["left"] = [{**x.to_json(), "file": _shown(project_dir, x.path)} for x in left]
        data["exit_code"] = code
        echo_json(data)
        click.get_current_context().exit(code)

    for path, reason in summary.skipped:
        click.echo(f"{path}: {reason}", err=True)
    for f in summary.files:
        if f.error:
            click.echo(f"{f.path}: {f.error}", err=True)
    shown = 0
    for f in summary.changed:
        names = ", ".join(f.applied)
        if mode == "diff":
            click.echo(f.diff, nl=False)
        elif mode == "check":
            click.echo(f"would fix {f.path} ({names})")
        elif f.written:
            click.echo(f"fixed {f.path} ({names})")
        else:
            continue
        shown += 1
    for x in left:
        why = "" if x.reason == BY_HAND else f" ({x.reason})"
        # (with --diff on stderr, so that stdout stays a patch `git apply` takes)
        click.echo(f"{_shown(project_dir, x.path)}:{x.line}: [{x.change_id}] left by hand{why}: {x.text}",
                   err=mode == "diff")
    explained = {(os.path.realpath(os.path.join(project_dir, x.path)), x.reason) for x in left}
    notes = [n for n in summary.findings
             if (os.path.realpath(n.path), f"{n.codemod}: {n.message}") not in explained]
    for finding in notes:
        click.echo(f"{finding.path}:{finding.line}: [{finding.codemod}] {finding.message}", err=True)
    for b in blockers:
        click.echo(f"{b.path}:{b.line}: [{b.codemod}] {b.message}", err=True)
    verb = {"write": "fixed", "diff": "would fix", "check": "would fix"}[mode]
    errors = [f for f in summary.files if f.error]
    hint = _newer_python_hint(errors, project)
    if hint:
        click.echo(hint, err=True)
    click.echo(
        f"{verb} {shown} of {len(summary.files)} files "
        f"(target Django {target}, {len(selected)} codemods"
        + (f", {len(left)} use{'s' if len(left) != 1 else ''} left by hand" if left else "")
        + (f", {len(notes)} note{'s' if len(notes) != 1 else ''}" if notes else "")
        + (f", {len(blockers)} migration blocker{'s' if len(blockers) != 1 else ''}" if blockers else "")
        + (f", {len(errors)} not processed" if errors else "") + ")",
        err=True,
    )
    click.get_current_context().exit(code)
