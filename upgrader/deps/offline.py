"""The offline judgement of ``step``'s preflight: the installed distributions whose metadata excludes the
step, or whose code uses an API the step removes (upgrader.deps.blockers)."""

from __future__ import annotations

from upgrader.deps import judge
from upgrader.deps.collect import collect
from upgrader.deps.model import BLOCKED, Dependency, DepStatus


def _project_python(project) -> str | None:
    try:
        probe = project.try_probe()
    except Exception:  # noqa: BLE001
        return None
    return probe.python_feature if probe is not None else None


def blocked_installed(project, to_version: str, python: str | None = None,
                      installed: dict | None = None, scan_code: bool | None = None) -> tuple[list[DepStatus], list[Dependency]]:
    """The dependencies whose INSTALLED release excludes Django ``to_version`` (Requires-Dist) or the
    step's Python (Requires-Python), judged offline from the metadata of the distributions installed
    in the project's interpreter; plus every collected dependency (declared ones first, then Django-
    related distributions installed but not declared, e.g. pulled in by another package).

    ``scan_code`` (default: when ``installed`` is not given): also scan the installed distributions' code for the APIs the step removes
    (upgrader.deps.blockers); a distribution using one is blocked (``Dependency.code_hits``). The
    project's own distribution (its name, or installed from a directory inside the project) is left out."""
    from upgrader.deps.collect import _project_python as _interp, installed_distributions, installed_meta

    if scan_code is None:
        scan_code = installed is None  # rows given by the caller: no files to scan
    path = _interp(project) if installed is None or scan_code else None
    if installed is None:
        installed = installed_distributions(path) if path else {}
    python = python or _project_python(project)
    own = _own_distributions(project, installed)
    deps = [d for d in collect(project, installed=installed) if d.key not in own]
    known = {d.key for d in deps}
    for key, row in sorted(installed.items()):
        if key in known or key in own or key in ("django", "pip", "setuptools", "wheel"):
            continue
        meta = installed_meta(row)
        if judge.depends_on_django(meta):
            deps.append(Dependency(name=row["name"], version=row["version"], version_source="installed",
                                   source="installed (not declared)", installed=meta,
                                   direct_url=row.get("direct_url")))
    if scan_code and path:
        _attach_code_hits(project, deps, to_version, python, path)
    from upgrader.deps.targets import step_target

    step = step_target(to_version, python)
    blocked = []
    for dep in deps:
        meta = dep.installed
        if meta is None and dep.code_hits:
            blocked.append(DepStatus(name=dep.name, version=dep.version, step=step.to, feature=step.feature,
                                     status=BLOCKED, reason=dep.code_reason, source=dep.source,
                                     version_source="installed"))
            continue
        if meta is None or not (dep.code_hits or judge.depends_on_django(meta)):
            continue
        status, reason, py_ok = judge.judge(meta, step)
        if dep.code_hits:
            reason = dep.code_reason + (f"; {reason}" if status == BLOCKED else "")
            status = BLOCKED
        if status != BLOCKED:
            continue
        spec = judge.django_requirement(meta, step.python)
        blocked.append(DepStatus(
            name=dep.name, version=dep.version, step=step.to, feature=step.feature, status=BLOCKED,
            reason=reason, requires_django=str(spec) if spec is not None else None,
            requires_python=meta.requires_python, python_ok=py_ok, declared=judge.declared_versions(meta),
            source=dep.source, version_source="installed",
        ))
    blocked.sort(key=lambda s: s.name.lower())
    return blocked, deps


def _own_distributions(project, installed: dict) -> set[str]:
    """Canonical names of the project's own distribution(s): by name, or installed from a directory
    inside the project tree."""
    from pathlib import Path
    from urllib.parse import unquote, urlsplit

    from upgrader.deps.sitedists import own_names

    root = Path(getattr(project, "dir", project)).resolve()
    own = set(own_names(root))
    for key, row in installed.items():
        url = row.get("direct_url") or ""
        if url.startswith("file:"):
            try:
                Path(unquote(urlsplit(url).path)).resolve().relative_to(root)
                own.add(key)
            except (ValueError, OSError):
                pass
    return own


def _attach_code_hits(project, deps: list[Dependency], to_version: str, python: str | None, path: str) -> None:
    """Scan the installed distributions for the step's removed APIs; set ``code_hits`` on the blockers
    (adding the ones not collected yet, e.g. a package that imports django without declaring it)."""
    from upgrader.deps import blockers

    try:
        probe = project.try_probe()
    except Exception:  # noqa: BLE001
        probe = None
    current = probe.django if probe is not None else None
    from upgrader.deps.targets import step_target

    report = blockers.check(project, [step_target(to_version, python)], python_path=path, current_django=current)
    by_key = {d.key: d for d in deps}
    for rows in report.steps.values():
        for b in rows:
            if not b.hits:
                continue
            dep = by_key.get(b.key)
            if dep is None:
                dep = Dependency(name=b.name, version=b.version, version_source="installed",
                                 source="installed (not declared)")
                deps.append(dep)
                by_key[b.key] = dep
            dep.code_hits = list(b.hits)
            dep.code_reason = b.uses
