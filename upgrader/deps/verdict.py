"""Judging dependencies against steps: ``evaluate`` (re-exported by ``upgrader.deps``; the
submodules import it from here, so the package and its modules form no import cycle)."""

from __future__ import annotations

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from core import versions
from upgrader.deps import judge
from upgrader.deps.index import Index, upload_date
from upgrader.deps.model import (
    BLOCKED, NOT_DECLARED, UNKNOWN, YES, Dependency, DepsReport, DepStatus, ReleaseMeta, StepTarget,
)
from upgrader.deps.suggest import suggest as _suggest
from upgrader.pypi import PyPIUnavailable, release_versions


_ORDER = {BLOCKED: 0, NOT_DECLARED: 1, UNKNOWN: 2, YES: 3}


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
