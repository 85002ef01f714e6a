"""``django-upgrade step``: take the project to the next Django release, safely (docs/step.md).

Exit codes: 0 the step(s) succeeded (or nothing to do, or --dry-run); 2 bad input (dirty tree,
no interpreter/Django/test command, the Python does not run the next release, unknown --to);
3 the project's tests fail: on the CURRENT Django before anything was changed (the step is refused,
nothing changed; see --accept-failing; also when ``manage.py check`` fails there) or NEW failures on
the new Django after the step; 4 the step failed (codemods broke tests and were undone, install
failed or downgraded packages, another phase failed) or --rollback could not finish; 70 the tool
itself failed (its harvester inside the project's test runner); 130 interrupted.

JSON (``--format json``): ``{"target", "exit_code", "steps": [step report, ...]}``; each step report
has the keys listed in ``upgrader/step/report.py`` and docs/step.md. ``--rollback --format json``:
``{"rollback": {snapshot, restored, deleted, django_before, django_after, python, ok, message}}``.
"""

from __future__ import annotations

import click

from upgrader.commands._common import CommandAfterDashes, echo_json, project_argument, python_option, show_progress
from core.errors import EXIT_INTERRUPTED, UsageError


@click.command("step", cls=CommandAfterDashes)
@project_argument
@python_option
@click.option("--to", "to", metavar="X.Y", help="Take several steps, one feature release at a time, up to X.Y "
              "(stops at the first that fails). Default: one step.")
@click.option("--dry-run", is_flag=True, help="Show every action and the code diff; change nothing.")
@click.option("--commit", is_flag=True, help="One git commit per phase (fixes on the current Django; the bump).")
@click.option("--allow-dirty", is_flag=True, help="Run on a git work tree with uncommitted changes.")
@click.option("--no-install", is_flag=True, help="Bump the pins but do not install the new Django (no suite on it).")
@click.option("--no-clear-cache", is_flag=True, help="Do not clear CACHES and stale bytecode after the step.")
@click.option("--new-python", metavar="PATH_OR_VERSION",
              help="Build a fresh virtualenv on this Python (e.g. 3.12), run the suite there on the current "
                   "Django first, then take the step in it.")
@click.option("--venv-dir", metavar="DIR", help="Where --new-python builds the virtualenv (default PROJECT/.venv-pyX.Y).")
@click.option("--check-deps/--no-check-deps", "check_deps", default=None,
              help="Ask the package index which release of each Django-related dependency supports the step "
                   "(default: [tool.django-upgrade] check-deps; blockers are always judged offline from the "
                   "installed metadata).")
@click.option("--upgrade-deps", is_flag=True, help="Move the dependencies that block (or do not declare) the new "
              "Django to the release the package index suggests: pins bumped, installed together with Django. "
              "Implies --check-deps.")
@click.option("--index-url", metavar="URL", help="The package index for --check-deps/--upgrade-deps "
              "(default: pip's configuration, else pypi.org).")
@click.option("--accept-failing", is_flag=True, help="Take the tests (and manage.py check) that already fail on the "
              "current Django as the baseline: only NEW failures count against the step. Without it a step "
              "only starts from green.")
@click.option("--allow-downgrade", is_flag=True, help="Accept an install that downgrades or removes packages "
              "(they are listed either way).")
@click.option("--project-kind", type=click.Choice(["site", "library"]), default=None,
              help="How the pins are bumped: a site pins exactly, a library widens its range "
                   "(default: detected; [tool.django-upgrade] project-kind).")
@click.option("--skip-codemod", "skip", multiple=True, metavar="NAME", help="Do not run this codemod (repeatable).")
@click.option("--rollback", is_flag=True, help="Put back the pins, code and installed Django of before the last step.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the codemods' diff in the text report.")
@click.option("--verbose", "-v", is_flag=True, help="Stream the test suite's output to stderr.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(project_dir, python, to, dry_run, commit, allow_dirty, no_install, no_clear_cache, new_python, venv_dir,
            check_deps, upgrade_deps, index_url, accept_failing, allow_downgrade, project_kind, skip, rollback, show_diff, verbose, fmt):
    """Take the project to the next Django release (or --to X.Y), the way Django's upgrade guide says.

    The test suite runs as detected (see docs/report.md), or as given after --:
    django-upgrade step -- python -m pytest tests."""
    from upgrader.step import StepOptions, render as step_render, rollback as do_rollback, run

    if rollback:
        if dry_run or commit or to or new_python or upgrade_deps:
            raise UsageError("--rollback cannot be combined with --to, --dry-run, --commit, --new-python or --upgrade-deps")
        res = do_rollback(project_dir, python=python)
        if fmt == "json":
            echo_json({"rollback": res.to_json()})
        else:
            click.echo(f"Rolled back {res.label}: {len(res.restored)} files restored, {len(res.deleted)} removed; "
                       f"Django {res.django_after or res.django_before or '?'} installed in {res.python}")
            for p in res.restored:
                click.echo(f"  restored {p}")
            for p in res.deleted:
                click.echo(f"  removed {p}")
            if res.message:
                click.echo(res.message)
        return
    if dry_run and commit:
        raise UsageError("--dry-run and --commit cannot be combined")
    if upgrade_deps and check_deps is False:
        raise UsageError("--upgrade-deps needs the package index: it cannot be combined with --no-check-deps")
    if to is not None:
        from core import versions

        versions.parse(to)  # UsageError on garbage
    from upgrader.commands._common import open_project

    skip_all = tuple(skip) + open_project(project_dir, python=python).config.skip_codemods
    options = StepOptions(
        project_dir=project_dir, python=python, to=to, dry_run=dry_run,
        commit=commit, allow_dirty=allow_dirty, install=not no_install, clear_cache=not no_clear_cache,
        new_python=new_python, venv_dir=venv_dir, upgrade_deps=upgrade_deps, check_deps=check_deps,
        index_url=index_url, skip_codemods=skip_all, accept_failing=accept_failing, allow_downgrade=allow_downgrade,
        project_kind=project_kind, test_words=tuple(click.get_current_context().meta.get("dua_test_command") or ()),
        verbose=verbose, progress=show_progress(fmt),
    )
    try:
        outcome = run(options)
    except KeyboardInterrupt:
        click.echo("django-upgrade: interrupted", err=True)
        click.get_current_context().exit(EXIT_INTERRUPTED)
    if fmt == "json":
        echo_json({"target": outcome.target, "exit_code": outcome.exit_code,
                   "steps": [r.to_json() for r in outcome.reports]})
    else:
        for r in outcome.reports:
            click.echo(step_render.render_text(r, show_diff=show_diff or dry_run), nl=False)
    last = outcome.reports[-1] if outcome.reports else None
    if last is not None and last.exit_code != 0 and fmt != "json":
        click.echo(f"django-upgrade: {last.message}", err=True)
    click.get_current_context().exit(outcome.exit_code)
