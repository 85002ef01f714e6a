"""The third-party check: which Django-related dependencies support, block or do not declare each step.

Public interface (user docs: docs/deps.md):

* ``check(project, plan, client, workers=8) -> DepsReport``: judge every step of a plan and fill each
  ``step.dependencies`` with ``DepStatus.to_json()`` dicts (``plan --check-deps``);
* ``check_step(project, from_version, to_version, client) -> list[DepStatus]`` and
  ``blocked_for_step(...)`` (only the blocked ones): the same for one step (``step``'s preflight);
* ``upgrade_deps(project, statuses, dry_run=False) -> list[PinChange]``: bump the pins of the
  dependencies that have a suggested release (``step --upgrade-deps``); ``install_requirements(statuses)``
  the matching ``name==version`` strings to install;
* ``explain_import_failure(output_text, project, client=None, django_version=None) -> list[ImportFailureHint]``;
* ``evaluate(deps, steps, client_or_index, current_django, current_python) -> DepsReport`` underneath;
* ``blocked_installed(project, to_version, python=None) -> (list[DepStatus], list[Dependency])`` (upgrader.deps.offline): the
  OFFLINE judgement of ``step``'s preflight - the blockers found in the metadata of the distributions
  installed in the project's interpreter (one subprocess, no network), and the collected dependencies
  (pass them on to ``check_step(..., deps=...)`` to ask the index about the same ones).

Nothing here touches the network unless given a client; every index problem ends as status
``unknown`` plus one line from ``DepsReport.notice()``, never as an exception.
"""

from __future__ import annotations

from packaging.version import InvalidVersion, Version

from core import config
from upgrader.deps.collect import collect
from upgrader.deps.failures import ImportFailureHint
from upgrader.deps.index import Index
from upgrader.deps.model import (
    BLOCKED, MOVE_FIRST, MOVE_WITH_DJANGO, NOT_DECLARED, UNKNOWN, YES, Dependency, DepsReport, DepStatus, StepTarget,
)

__all__ = [
    "check", "check_step", "blocked_for_step", "blocked_installed", "upgrade_deps", "install_requirements", "explain_import_failure",
    "evaluate", "step_target", "collect", "DepStatus", "DepsReport", "Dependency", "StepTarget", "ImportFailureHint",
    "YES", "BLOCKED", "NOT_DECLARED", "UNKNOWN", "MOVE_FIRST", "MOVE_WITH_DJANGO",
]

from upgrader.deps.targets import _release_date, step_target  # noqa: E402,F401  (no package <-> module cycle)
from upgrader.deps.verdict import evaluate  # noqa: E402,F401


def _step_python(plan, step) -> str | None:
    if not plan.python:
        return None
    return step.python_for_ci or plan.python


def check(project, plan, client, workers: int = 8, deps: list[Dependency] | None = None) -> DepsReport:
    """Judge the project's dependencies for every step of ``plan``; fills ``step.dependencies``."""
    if deps is None:
        deps = collect(project)
    steps = [
        StepTarget(to=s.to, feature=s.feature_release, release_date=_release_date(s.feature_release), python=_step_python(plan, s))
        for s in plan.steps
    ]
    report = evaluate(deps, steps, client, current_django=plan.current, current_python=plan.python, workers=workers)
    for s in plan.steps:
        s.dependencies = [status.to_json() for status in report.steps.get(s.to, [])]
    return report


def _project_python(project) -> str | None:
    try:
        probe = project.try_probe()
    except Exception:
        return None
    return probe.python_feature if probe is not None else None


def check_step(project, from_version: str, to_version: str, client, python: str | None = None,
               deps: list[Dependency] | None = None) -> list[DepStatus]:
    """Every Django-related dependency's status for the step ``from_version`` -> ``to_version``."""
    python = python or _project_python(project)
    step = step_target(to_version, python)
    report = evaluate(collect(project) if deps is None else deps, [step], client, current_django=from_version,
                      current_python=python)
    return report.steps.get(step.to, [])


def blocked_for_step(project, from_version: str, to_version: str, client, python: str | None = None,
                     deps: list[Dependency] | None = None) -> list[DepStatus]:
    """The dependencies that block the step (their pinned/installed release excludes the new Django)."""
    return [s for s in check_step(project, from_version, to_version, client, python, deps) if s.status == BLOCKED]

from upgrader.deps.offline import blocked_installed  # noqa: E402  (the offline judgement of step's preflight)


def _highest(statuses: list[DepStatus]) -> dict[str, DepStatus]:
    best: dict[str, DepStatus] = {}
    for s in statuses:
        if not s.suggest:
            continue
        key = s.name.lower()
        try:
            if key not in best or Version(s.suggest) > Version(best[key].suggest):
                best[key] = s
        except InvalidVersion:
            best.setdefault(key, s)
    return best


def upgrade_deps(project, statuses: list[DepStatus], dry_run: bool = False) -> list:
    """Bump every dependency with a suggested release in the project's pins (``upgrader.pins``)."""
    from upgrader import pins

    changes = []
    directory = getattr(project, "dir", project)
    for s in _highest(statuses).values():
        changes += pins.bump_requirement(directory, s.name, s.suggest, dry_run=dry_run)
    return changes


def install_requirements(statuses: list[DepStatus]) -> list[str]:
    """``["djangorestframework==3.13.1", ...]`` for the installer, one per dependency with a suggestion."""
    return [f"{s.name}=={s.suggest}" for s in _highest(statuses).values()]


def explain_import_failure(output_text: str, project=None, client=None, django_version: str | None = None) -> list[ImportFailureHint]:
    """Hints for a suite that dies at import inside a third-party package (see :mod:`upgrader.deps.failures`)."""
    from upgrader.deps.failures import explain

    return explain(output_text, project, client=client, django_version=django_version)


def check_for_plan(project, plan, check_deps: bool | None = None, index_url: str | None = None, fmt: str = "text",
                   client=None) -> DepsReport | None:
    """What ``plan`` calls: run the check when ``--check-deps`` (or ``[tool.django-upgrade] check-deps``)
    asks for it and the format shows it (not ``matrix``); print the one stderr notice. None when not run."""
    import click

    enabled = check_deps if check_deps is not None else config.flag(project.config, "check-deps")
    if fmt == "matrix" or not plan.steps:
        return None
    if not enabled:
        _static_blockers(project, plan)
        return None
    if client is None:
        from upgrader.pypi import PyPIClient

        client = PyPIClient(index_url=index_url or (project.config or {}).get("index-url"), timeout=10, retries=2)
    index = client if isinstance(client, Index) else Index(client)  # one index: offline is found once
    report = check(project, plan, index)
    notice = report.notice()
    static = _static_blockers(project, plan, client=index, full=True)
    if report.offline and static is not None:
        static.offline = None  # said once
    notice = notice or (static.notice() if static is not None else None)
    if notice:
        click.echo(f"django-upgrade: {notice}", err=True)
    return report


def _static_blockers(project, plan, client=None, full: bool = False):
    """The code scan of the installed distributions (upgrader.deps.blockers), merged into each step's
    ``dependencies``; never fatal (a failing scan is one stderr line)."""
    import click

    from upgrader.deps import planview

    try:
        return planview.for_plan(project, plan, client=client, full=full)
    except Exception as exc:  # noqa: BLE001 - the plan is printed anyway
        click.echo(f"django-upgrade: dependency code scan skipped: {exc}", err=True)
        return None
