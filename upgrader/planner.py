"""The upgrade planner: from the project's Django to a target, one step per feature release.

``build_plan(project, current, target, ...)`` returns a :class:`Plan`; ``plan_to_json(plan)`` its
stable JSON form (the keys are documented in ``upgrader/commands/plan.py`` and docs/plan.md).

Path: the latest patch of the current feature release first (when not there yet, or when only the
feature release is known), then every feature release in order, each at its latest patch (the last
one at the exact target). ``via="lts"`` hops from LTS to LTS (plus the final target), see
``upgrader.plan.hops``. Where the project uses what a step removes: ``upgrader.plan.findings`` (the
shared detectors, the same lines ``fix`` reports).

The parts live in ``upgrader/plan/``: ``model`` (the dataclasses), ``target`` (resolving ``--to``,
support windows, Python advice), ``findings``, ``hops``, ``serialize`` (JSON, CI matrix); their names
are re-exported here.
"""

from __future__ import annotations

import datetime as _dt
import importlib
from pathlib import Path

from packaging.version import Version

from core import versions
from core.errors import UsageError
from core.versions import python_key
from release_data import Change, Release, ReleaseData
from upgrader.plan.hops import annotate_hops
from upgrader.plan.model import Hop, Plan, PythonAdvice, RemovedChange, Step, Support  # noqa: F401
from upgrader.plan.serialize import JSON_SCHEMA_VERSION, plan_to_json, plan_to_matrix, step_to_json  # noqa: F401
from upgrader.plan.target import (  # noqa: F401
    TARGET_KEYWORDS,
    _advice_carried,
    _all_versions,
    _canon,
    _fmt_date,
    _newest,
    _python_advice,
    _runs,
    resolve_target,
    support_status,
    today,
)


def _autofix_for(change_id: str) -> list[str]:
    try:
        registry = importlib.import_module("codemods.registry")  # the engine owner's catalogue
    except ImportError:
        return []
    lookup = getattr(registry, "codemods_for_change", None)
    if lookup is None:
        return []
    try:
        found = lookup(change_id) or []
    except Exception:  # a broken registry must not break the plan
        return []
    return [getattr(c, "name", None) or getattr(c, "__name__", str(c)) for c in found]



# -------------------------------------------------------------------------------------------- plan
def build_plan(
    project,
    current,
    target: str | None = "latest",
    *,
    data: ReleaseData | None = None,
    via: str | None = None,
    pre: bool = False,
    python_version: str | None = None,
    python_source: str | None = None,
    scan: bool = True,
    on: _dt.date | None = None,
) -> Plan:
    """Build the plan.

    ``project``: a Project or a directory; ``current``: a CurrentVersion (``.version``, ``.source``,
    ``.exact``) or a version string; ``python_version``: the project's Python ("3.10" / "3.10.4") or None.
    """
    import release_data as _rd

    data = data or _rd.load()
    on = on or today()
    project_dir = Path(getattr(project, "dir", project))
    jobs = getattr(getattr(project, "config", None), "jobs", None)  # ([tool.django-upgrade] jobs: the scans' processes)
    if isinstance(current, str):
        cur_text, cur_source, cur_exact = current, "given", not versions.is_feature_only(current)
    else:
        cur_text, cur_source, cur_exact = current.version, current.source, current.exact
    cur_v = versions.parse(cur_text)
    cur_feat = versions.feature(cur_v)
    cur_rel = data.release(cur_feat)
    first = data.releases[0].version
    if cur_rel is None:
        if versions.feature_key(cur_feat) < versions.feature_key(first):
            raise UsageError(
                f"Django {cur_text} is older than the release data (which starts at {first}): "
                f"upgrade to {first} by hand first"
            )
        raise UsageError(f"unknown current Django version {cur_text}")
    if via not in (None, "", "lts"):
        raise UsageError(f"--via: only 'lts' is supported, not {via!r}")
    py = None
    if python_version:
        parts = python_version.strip().split(".")
        if len(parts) < 2 or not all(p.isdigit() for p in parts[:2]):
            raise UsageError(f"--python-version: not a Python version: {python_version!r}")
        if parts[0] != "3":
            raise UsageError(
                f"--python-version: Python {python_version} cannot run any Django release this tool plans "
                "for (Django 2.2 and later need Python 3)"
            )
        py = f"{int(parts[0])}.{int(parts[1])}"

    requested = target or "latest"
    tgt_text, tgt_feat = resolve_target(data, requested, pre)
    tgt_v = Version(tgt_text)
    if versions.feature_key(tgt_feat) < versions.feature_key(cur_feat) or (cur_exact and tgt_v < cur_v):
        raise UsageError(
            f"target {tgt_text} is older than the current Django {cur_text}: plan does not downgrade"
        )

    plan = Plan(
        project_dir=str(project_dir),
        current=str(cur_v) if cur_exact else cur_feat,
        current_feature=cur_feat,
        current_source=cur_source,
        current_exact=cur_exact,
        target=tgt_text,
        target_feature=tgt_feat,
        target_requested=requested,
        python=py,
        python_source=python_source if py else None,
        via=via or None,
        pre=pre,
        today=on.isoformat(),
        data_source=data.source,
        steps=[],
        support_current=support_status(cur_rel, on),
        support_target=support_status(data.release(tgt_feat), on),
    )

    # ---- the path ------------------------------------------------------------------------------
    stops: list[tuple[Release, str, str]] = []  # (release, exact version, kind)
    same_series = tgt_feat == cur_feat
    if same_series:
        if cur_exact and tgt_v == cur_v:
            plan.message = f"already at Django {tgt_text}: nothing to plan"
            return plan
        stops.append((cur_rel, tgt_text, "patch"))
    else:
        cur_latest = cur_rel.latest_patch
        if cur_latest and (not cur_exact or cur_v < Version(cur_latest)):
            stops.append((cur_rel, cur_latest, "patch"))
        between = data.between(cur_feat, tgt_feat)
        if via == "lts":
            between = [r for r in between if r.lts or r.version == tgt_feat]
        for rel in between:
            if rel.version == tgt_feat:
                stops.append((rel, tgt_text, "feature"))
                continue
            v = _newest(rel, pre)
            if v is None:
                raise UsageError(
                    f"Django {rel.version} (on the way to {tgt_text}) is not released yet; "
                    + ("no pre-release of it is known (try --refresh)" if pre else "pass --pre to go through its pre-release")
                )
            stops.append((rel, v, "feature"))

    # ---- per-step facts ----------------------------------------------------------------------------
    all_removed: dict[str, Change] = {}
    prev_rel, prev_feat = cur_rel, cur_feat
    assumed, advised = py, None
    for rel, version, kind in stops:
        removed: list[Change] = []
        skipped: list[str] = []
        if kind == "feature":
            spanned = data.between(prev_feat, rel.version)
            skipped = [r.version for r in spanned if r.version != rel.version]
            for r in spanned:
                removed += data.removed_in(r.version)
        for c in removed:
            all_removed[c.id] = c
        advice = _python_advice(prev_rel, rel, assumed, version)
        if advice:
            assumed, advised = advice.move_to, advice
        elif advised is not None and _runs(rel, version, py) is False and _runs(rel, version, assumed):
            advice = _advice_carried(advised, rel, version, py)
        runs_assumed = _runs(rel, version, assumed)
        if runs_assumed:
            ci_py = assumed
        elif rel.python:
            common = [p for p in rel.python if p in prev_rel.python and _runs(rel, version, p)]
            ci_py = max(common or [p for p in rel.python if _runs(rel, version, p)] or list(rel.python), key=python_key)
        else:
            ci_py = assumed
        step = Step(
            to=version,
            feature_release=rel.version,
            kind=kind,
            lts=bool(rel.lts),
            release_date=_fmt_date(rel.release_date, rel.release_date_expected),
            python=list(rel.python),
            python_ok=_runs(rel, version, py),
            python_for_ci=ci_py,
            python_advice=advice,
            removed=[
                RemovedChange(
                    id=c.id, old=c.old, new=c.new, category=c.category, deprecated_in=c.deprecated_in,
                    removed_in=c.removed_in, warning=c.warning, emits_warning=c.emits_warning, link=c.link,
                    channel="none" if c.no_deprecation_period else c.channel,
                    autofix=_autofix_for(c.id),
                    undetectable_reason=getattr(c, "undetectable_reason", None),
                    manual_because=getattr(c, "manual_because", None),
                )
                for c in removed
            ],
            incompatible=[
                {"id": i.id, "release": i.release, "summary": i.summary, "link": i.link}
                for r in (data.between(prev_feat, rel.version) if kind == "feature" else [])
                for i in r.incompatible
            ],
            skipped=skipped if via == "lts" else [],
            prerelease=Version(version).is_prerelease,
        )
        if kind == "patch":
            step.notes = (
                f"latest patch of {rel.version}: security and data-loss fixes, no removals"
                if cur_exact or same_series
                else f"make sure you are on the latest {rel.version} patch first"
            )
        plan.steps.append(step)
        if kind == "feature":
            prev_rel, prev_feat = rel, rel.version

    # ---- where the project uses what the steps remove ---------------------------------------------
    behaviour_found = None  # (the behaviour changes' detectors run in the removals' pass when there is one)
    if scan and all_removed and project_dir.is_dir():
        from upgrader import behaviour
        from upgrader.plan.findings import scan_project

        also = behaviour.Scan.of(behaviour.plan_items(plan, data).values())
        result = scan_project(project, list(all_removed.values()), target=tgt_feat, jobs=jobs, behaviour=also)
        behaviour_found = result.behaviour
        plan.scan_errors = [{"file": f, "error": e} for f, e in result.errors]
        plan.files_scanned = result.files_scanned
        for step in plan.steps:
            for rc in step.removed:
                rc.scanned = rc.id in result.detected
                rc.occurrences = list(result.found.get(rc.id, []))
    if scan and project_dir.is_dir():  # behaviour changes the code can hit (upgrader/behaviour.py)
        from upgrader import behaviour
        from upgrader.plan.findings import project_files

        behaviour.annotate_plan(plan, project_dir, data, project_files(project), jobs=jobs, found=behaviour_found)

    if via == "lts":
        annotate_hops(plan, cur_feat)

    n = len(plan.steps)
    plan.message = f"{n} step{'s' if n != 1 else ''} from {plan.current} to {tgt_text}"
    return plan
