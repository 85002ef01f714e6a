"""``django-upgrade plan [PROJECT_DIR]``: where the project is, where it can go, what each step costs.

Options: ``--python PATH``, ``--from X.Y[.Z]``, ``--to latest|lts|X.Y|X.Y.Z|2028``, ``--pre``,
``--via lts``, ``--python-version X.Y``, ``--refresh``, ``--format text|json|markdown|matrix|html``.
``--check-deps`` (or ``[tool.django-upgrade] check-deps = true``) and ``--index-url URL``: the
third-party check (docs/deps.md). No network call unless ``--refresh`` or ``--check-deps``.

Exit codes: 0 plan printed (also when already at the target: an empty plan that says so);
2 bad input (unknown/older target, downgrade, missing directory, no Django found and no --from,
bad --python); 70 internal error.

JSON (``--format json``), stable keys:

* ``schema`` (1), ``project``, ``current`` ("3.2.25", or "3.2" when only the feature release is
  known), ``current_feature``, ``current_source`` ("interpreter /p/.venv/bin/python",
  "requirements.txt:3", "--from"), ``current_exact``, ``target`` (exact version), ``target_feature``,
  ``target_requested`` (what --to said), ``python`` ("3.10" or null), ``python_source``, ``via``
  ("lts" or null), ``pre``, ``today``, ``release_data`` ("embedded" / "refreshed"), ``up_to_date``,
  ``message``;
* ``support``: ``{"current": S, "target": S}``, S = ``{release, status (mainstream / extended /
  unsupported / unreleased / unknown), until, message}``;
* ``steps``: list, each ``to`` (X.Y.Z), ``feature_release``, ``kind`` (patch / feature), ``lts``,
  ``prerelease``, ``release_date``, ``python`` (list of "3.N"), ``python_ok`` (true / false / null
  when unknown), ``python_for_ci``, ``python_advice`` (null or ``{move_to, current_series,
  current_series_patch, message}``), ``skipped`` (feature releases skipped, --via lts), ``hop`` (null
  or ``{from, to, skipped, safe_by_policy, unwarned, late, occurrences, safe, message}``), ``removed``
  (list of ``{id, old, new, category, deprecated_in, removed_in, warning, link, channel, autofix (list
  of codemod names), scanned (bool: the change has a detector), undetectable_reason (why it has
  none, else null), occurrences (list of {file, line, text, fixable_by (the codemod that fixes that
  use, null: by hand), reason (why a codemod leaves it, else null)})}``), ``incompatible`` (list of ``{id, release, summary, link}``; with a project scan also ``title``,
  ``frequency`` (high / medium / low), ``change`` (the removal id when it is also one), ``detected``
  (bool), ``occurrences`` (list of {file, line, text}: code that will behave differently) and ``fix``
  ({codemod?, recipe?, link}), see docs/behaviour.md), ``dependencies`` (list,
  filled by ``--check-deps``; empty otherwise; each ``{name, version, status (yes / blocked /
  not-declared / unknown), suggest, move (first / with-django / null), reason, message, requires_django,
  requires_python, python_ok, declared, source, version_source}``, see docs/deps.md; the code scan of the
  installed distributions adds ``verdict`` (ok / declared-only / blocked / unknown), ``uses``, ``guarded``,
  ``fix``, ``fix_reason``, and without --check-deps lists the blocked ones only), ``notes``;
* ``summary``: ``{steps, removed, occurrences, autofixable_occurrences (occurrences with a fixable_by),
  files_scanned}``;
* ``scan_errors``: list of ``{file, error}``.
* ``project_kind``: ``{kind (site / library), reason, source (detected / --project-kind / pyproject.toml)}``
  (docs/pins.md, "Sites and libraries").

``--format matrix``: ``[{"django": "X.Y.Z", "python": "3.N"}, ...]``, one per step.
"""

from __future__ import annotations

import click

import release_data
from core import versions
from upgrader import planner
from upgrader.commands._common import echo_json, open_project, project_argument, python_option, use_colour
from core.errors import UsageError
from upgrader.project import NOT_THE_PROJECTS, Project
from upgrader.render import plan as render


def _current(project: Project, override: str | None):
    try:
        return project.current_version(override)
    except (ImportError, AttributeError):
        # upgrader.pins not available (yet): only the interpreter and --from can tell.
        raise UsageError(
            f"no Django found for {project.dir}: pass --from X.Y or --python PATH"
        ) from None


@click.command("plan")
@project_argument
@python_option
@click.option("--from", "from_", metavar="X.Y[.Z]", help="The current Django version (overrides detection).")
@click.option("--to", "to", metavar="TARGET", help="latest (default), lts, X.Y, X.Y.Z or 2028.")
@click.option("--pre", is_flag=True, help="Allow pre-releases (alpha, beta, rc) as the target or on the way.")
@click.option("--via", type=click.Choice(["lts"]), help="Hop from LTS to LTS instead of every feature release.")
@click.option("--python-version", metavar="X.Y", help="The project's Python (instead of asking its interpreter).")
@click.option("--refresh", is_flag=True, help="Update release facts from PyPI's JSON API first.")
@click.option(
    "--check-deps/--no-check-deps", "check_deps", default=None,
    help="Ask the package index which Django-related dependencies support each step (network).",
)
@click.option("--index-url", metavar="URL", help="Package index for --check-deps/--refresh (default: pip's index).")
@click.option("--project-kind", type=click.Choice(["site", "library"]), default=None,
              help="How Django pins are bumped: site (move the pin) or library (widen the range); default: detected "
                   "(docs/pins.md).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown", "matrix", "html"]), default="text",
    show_default=True, help="Output format (html: one self-contained page, docs/dashboard.md).",
)
def command(project_dir, python, from_, to, pre, via, python_version, refresh, fmt, check_deps=None, index_url=None,
            project_kind=None):
    """Show the upgrade path from the project's Django to a target, and what each step costs."""
    project = open_project(project_dir, python=python)
    config = project.config
    if refresh:
        from upgrader.refresh import refresh_with_fallback
        from upgrader.pypi import PyPIClient

        refresh_with_fallback(PyPIClient(index_url=config.pick(index_url, "index-url")))
    data = release_data.load()
    current = _current(project, from_)
    py_source = None
    if python_version:
        py_source = "--python-version"
    else:
        probe = project.try_probe()
        # A python merely found on PATH whose Django is not the project's (the tool's own environment,
        # say) says nothing about the project's Python either: leave it unknown rather than advise
        # from it.
        foreign = (
            probe is not None and probe.interpreter.source in NOT_THE_PROJECTS and probe.django
            and versions.feature(probe.django) != current.feature
        )
        if probe is not None and not foreign:
            python_version, py_source = probe.python_feature, f"interpreter {probe.interpreter.path}"
    target = config.pick(to, "target", "latest")
    plan = planner.build_plan(
        project, current, str(target), data=data, via=via, pre=pre,
        python_version=python_version, python_source=py_source,
    )
    from upgrader import deps  # the third-party check (docs/deps.md); no network unless asked

    deps.check_for_plan(project, plan, check_deps=check_deps, index_url=index_url, fmt=fmt)
    from upgrader import pins  # site or library (docs/pins.md)

    plan.project_kind = pins.project_kind(project.dir, project_kind, project.config)
    if fmt == "json":
        echo_json({**planner.plan_to_json(plan), "project_kind": plan.project_kind.to_json()})
    elif fmt == "matrix":
        click.echo(render.render_matrix(plan))
    else:  # text, markdown, html: through the one renderer registry
        from upgrader.render import registry

        click.echo(registry.render("plan", fmt, plan, colour=use_colour()), nl=False)
