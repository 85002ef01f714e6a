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

import datetime as _dt

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from core import versions
from core import config
from upgrader.deps import judge
from upgrader.deps.collect import collect
from upgrader.deps.failures import ImportFailureHint
from upgrader.deps.index import Index, upload_date
from upgrader.deps.model import (
    BLOCKED, MOVE_FIRST, MOVE_WITH_DJANGO, NOT_DECLARED, UNKNOWN, YES, Dependency, DepsReport, DepStatus,
    ReleaseMeta, StepTarget,
)
from upgrader.deps.suggest import suggest as _suggest
from upgrader.pypi import PyPIUnavailable, release_versions

__all__ = [
    "check", "check_step", "blocked_for_step", "blocked_installed", "upgrade_deps", "install_requirements", "explain_import_failure",
    "evaluate", "step_target", "collect", "DepStatus", "DepsReport", "Dependency", "StepTarget", "ImportFailureHint",
    "YES", "BLOCKED", "NOT_DECLARED", "UNKNOWN", "MOVE_FIRST", "MOVE_WITH_DJANGO",
]

_ORDER = {BLOCKED: 0, NOT_DECLARED: 1, UNKNOWN: 2, YES: 3}


def _release_date(feature: str) -> _dt.date | None:
    import release_data

    rel = release_data.load().release(feature)
    return rel.release_date if rel is not None else None


def step_target(django_version: str, python: str | None = None) -> StepTarget:
    """A StepTarget for Django ``4.0`` (its latest patch) or ``4.0.10``."""
    import release_data

    feature = versions.feature(django_version)
    to = django_version
    if versions.is_feature_only(django_version):
        rel = release_data.load().release(feature)
        to = (rel.latest_patch if rel is not None and rel.latest_patch else f"{feature}.0")
    return StepTarget(to=to, feature=feature, release_date=_release_date(feature), python=python)


def _judged_version(dep: Dependency, doc: dict) -> tuple[str | None, str]:
    if dep.version:
        return dep.version, dep.version_source or "pin"
    found = release_versions(doc)
    spec = None
    if dep.specifier:
        try:
            spec = SpecifierSet(dep.specifier)
        except InvalidSpecifier:
            spec = None
    for v, info in reversed(found):
        if spec is None or spec.contains(v):
            return info["version"], "specifier" if dep.specifier else "latest"
    return None, ""


def evaluate(deps: list[Dependency], steps: list[StepTarget], client, current_django: str,
             current_python: str | None = None, workers: int = 8) -> DepsReport:
    """Judge ``deps`` for every step; ``client`` is a PyPIClient (or an :class:`Index`)."""
    index = client if isinstance(client, Index) else Index(client, workers=workers)
    report = DepsReport(steps={s.to: [] for s in steps}, index=index.api)

    def fetch_doc(dep: Dependency):
        if dep.direct_url:
            return None
        return index.project(dep.name)

    docs = dict(index.map(fetch_doc, deps)) if deps else {}
    judged: list[tuple[Dependency, ReleaseMeta | None, dict | None, str]] = []  # dep, meta, doc, why unknown
    to_fetch = []
    for dep in deps:
        doc = docs.get(dep)
        why = ""
        if dep.direct_url:
            why = f"installed from {dep.direct_url}, not from the index"
            doc = None
        elif isinstance(doc, PyPIUnavailable):
            why = "index unreachable" if index.offline else doc.reason
            doc = None
        elif doc is None:
            why = f"not on the index {index.api}"
        if doc is not None:
            version, source = _judged_version(dep, doc)
            if version and not dep.version:
                dep.version, dep.version_source = version, source
        if doc is not None and dep.version and dep.installed is None:
            to_fetch.append(dep)
        judged.append((dep, dep.installed, doc, why))
    metas = dict(index.map(lambda d: index.meta(d.name, d.version, docs.get(d)), to_fetch))
    for i, (dep, meta, doc, why) in enumerate(judged):
        if dep in metas:
            got = metas[dep]
            if isinstance(got, PyPIUnavailable):
                why = "index unreachable" if index.offline else got.reason
                meta = None
            elif got is None or not got.known:
                why = why or f"no metadata for {dep.name} {dep.version} on the index"
                meta = None
            else:
                meta = got
        elif meta is not None and doc is not None:
            meta.uploaded = meta.uploaded or upload_date(doc, meta.version)
        judged[i] = (dep, meta, doc, why)

    pending = []
    code_pending = []
    for dep, meta, doc, why in judged:
        related = bool(dep.code_hits) or (judge.depends_on_django(meta) if meta is not None else ("django" in dep.key))
        if not related:
            report.skipped += 1
            continue
        report.dependencies.append(dep)
        if meta is None:
            report.unknown[dep.name] = why or "no metadata"
        for step in steps:
            status = DepStatus(
                name=dep.name, version=dep.version, step=step.to, feature=step.feature, status=UNKNOWN,
                source=dep.source, version_source=dep.version_source,
            )
            if meta is None and dep.code_hits:
                status.status, status.reason = BLOCKED, dep.code_reason
                code_pending.append((dep, status, step))
            elif meta is None:
                status.reason = why or "no metadata"
            else:
                status.status, status.reason, status.python_ok = judge.judge(meta, step)
                spec = judge.django_requirement(meta, step.python)
                status.requires_django = str(spec) if spec is not None else None
                status.requires_python = meta.requires_python
                status.declared = judge.declared_versions(meta)
                if dep.code_hits:  # its code uses a removed API: the fix must be free of it too
                    status.reason = dep.code_reason + (f"; {status.reason}" if status.status == BLOCKED else "")
                    status.status = BLOCKED
                    code_pending.append((dep, status, step))
                elif status.status in (BLOCKED, NOT_DECLARED) and doc is not None:
                    pending.append((dep, doc, status, step))
            report.steps[step.to].append(status)
    index.map(lambda item: _suggest(index, item[0].name, item[1], item[2], item[3], current_django, current_python), pending)
    for dep, status, step in code_pending:
        _code_fix(index, dep, status, step, current_django, current_python)
    for statuses in report.steps.values():
        statuses.sort(key=lambda s: (_ORDER.get(s.status, 9), s.name.lower()))
    report.offline = index.offline
    return report


def _code_fix(index, dep: Dependency, status: DepStatus, step: StepTarget, current_django: str,
              current_python: str | None) -> None:
    """The fixing release of a dependency whose code blocks: metadata admits the step AND its code is
    free of the removed APIs (upgrader.deps.blockers.find_fix)."""
    from upgrader.deps import blockers, codescan

    if dep.direct_url:
        status.suggest_reason = f"installed from {dep.direct_url}, not from the index"
        return
    same = bool(current_django) and versions.feature(current_django) == step.feature
    changes = [] if same else blockers.step_changes(step.feature)
    b = blockers.Blocker(name=dep.name, version=dep.version, to=step.to, feature=step.feature, verdict=blockers.BLOCKED)
    try:
        blockers.find_fix(index, b, step, changes, codescan.fingerprint(changes), current_django, current_python)
    except PyPIUnavailable as exc:
        status.suggest_reason = f"could not look for a fixing release ({exc.reason})"
        return
    status.suggest, status.move, status.suggest_reason = b.fix, b.move, b.fix_reason


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
