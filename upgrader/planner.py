"""The upgrade planner: from the project's Django to a target, one step per feature release.

``build_plan(project, current, target, ...)`` returns a :class:`Plan`; ``plan_to_json(plan)`` its
stable JSON form (the keys are documented in ``upgrader/commands/plan.py`` and docs/plan.md).

Path: the latest patch of the current feature release first (when not there yet, or when only the
feature release is known), then every feature release in order, each at its latest patch (the last
one at the exact target). ``via="lts"`` hops from LTS to LTS (plus the final target) and explains per
hop what it skips and whether that is safe under Django's deprecation policy: everything removed
along the hop must already warn on the release the hop starts from (deprecations of X.0/X.1 are
removed in (X+1).0, those of the X.2 LTS in (X+1).1; an X.2 removes nothing), so the hop is safe
only once the code runs warning-free (``python -Wa``) there.

"Today" is ``datetime.date.today()``, or ``$DJANGO_UPGRADE_TODAY`` (YYYY-MM-DD) for tests.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from packaging.version import Version

from release_data import Change, Release, ReleaseData
from core import versions
from core.errors import UsageError
from core.versions import python_key

TARGET_KEYWORDS = ("latest", "lts")


# ------------------------------------------------------------------------------------------ model
@dataclass
class RemovedChange:
    id: str
    old: str
    new: str
    category: str
    deprecated_in: str | None
    removed_in: str
    warning: str | None
    emits_warning: bool | None
    link: str
    channel: str = "python-warning"  # python-warning / system-check / none
    autofix: list[str] = field(default_factory=list)  # codemod names that fix it
    scanned: bool = False  # a static detector exists for it
    occurrences: list = field(default_factory=list)  # scanner.Occurrence


@dataclass
class PythonAdvice:
    move_to: str  # "3.10"
    before: str  # the step's target version
    current_series: str  # "3.2"
    current_series_patch: str | None  # the first patch of the current series that runs move_to
    message: str


@dataclass
class Hop:
    """One LTS hop of a ``--via lts`` plan."""

    start: str  # feature release the hop starts from ("3.2")
    to: str  # feature release it lands on ("4.2")
    skipped: list[str]
    safe_by_policy: bool
    unwarned: list[str]  # change ids removed on the hop that never give a warning (check by hand)
    late: list[str]  # deprecated after the start release: skipping them breaks the policy
    occurrences: int  # occurrences of removed changes found in the project
    safe: bool
    message: str


@dataclass
class Step:
    to: str  # exact version "4.0.10" (a pre-release with --pre)
    feature_release: str  # "4.0"
    kind: str  # "patch" (latest patch of the current series) / "feature"
    lts: bool
    release_date: str | None
    python: list[str]
    python_ok: bool | None  # None when the project's Python or the release's Pythons are unknown
    python_for_ci: str | None
    python_advice: PythonAdvice | None
    removed: list[RemovedChange]
    incompatible: list[dict]
    skipped: list[str] = field(default_factory=list)  # feature releases skipped to get here (--via lts)
    hop: Hop | None = None
    dependencies: list[dict] = field(default_factory=list)  # filled by the third-party check
    prerelease: bool = False
    notes: str = ""


@dataclass
class Support:
    release: str
    status: str  # mainstream / extended / unsupported / unreleased / unknown
    until: str | None
    message: str


@dataclass
class Plan:
    project_dir: str
    current: str
    current_feature: str
    current_source: str
    current_exact: bool
    target: str
    target_feature: str
    target_requested: str
    python: str | None
    python_source: str | None
    via: str | None
    pre: bool
    today: str
    data_source: str
    steps: list[Step]
    support_current: Support
    support_target: Support
    message: str = ""
    scan_errors: list = field(default_factory=list)
    files_scanned: int = 0

    @property
    def up_to_date(self) -> bool:
        return not self.steps

    @property
    def pending_occurrences(self) -> int:
        return sum(len(rc.occurrences) for s in self.steps for rc in s.removed)


# ---------------------------------------------------------------------------------------- helpers
def today() -> _dt.date:
    override = os.environ.get("DJANGO_UPGRADE_TODAY")
    if override:
        try:
            return _dt.date.fromisoformat(override.strip())
        except ValueError:
            raise UsageError(f"DJANGO_UPGRADE_TODAY must be YYYY-MM-DD, got {override!r}") from None
    return _dt.date.today()


def _fmt_date(d: _dt.date | None, expected: bool = False) -> str | None:
    if d is None:
        return None
    return d.strftime("%Y-%m") if expected else d.isoformat()


def support_status(rel: Release | None, on: _dt.date, label: str | None = None) -> Support:
    """Where a release stands on day ``on``: mainstream, extended (security fixes only), unsupported."""
    if rel is None:
        return Support(label or "?", "unknown", None, f"{label}: no release data")
    v = rel.version
    if not rel.released:
        when = _fmt_date(rel.release_date, True)
        return Support(v, "unreleased", None, f"{v} is not released yet" + (f" (expected {when})" if when else ""))
    if rel.mainstream_end and on < rel.mainstream_end:
        until = _fmt_date(rel.mainstream_end)
        ext = _fmt_date(rel.extended_end, rel.extended_end_expected)
        tail = f", security fixes until {'about ' if rel.extended_end_expected else ''}{ext}" if ext else ""
        return Support(v, "mainstream", until, f"{v} is in mainstream support until {until}{tail}")
    if rel.extended_end and on < rel.extended_end:
        until = _fmt_date(rel.extended_end, rel.extended_end_expected)
        about = "about " if rel.extended_end_expected else ""
        return Support(v, "extended", until, f"{v} gets security fixes only, until {about}{until}")
    if rel.extended_end:
        since = _fmt_date(rel.extended_end)
        return Support(v, "unsupported", since, f"{v} has had no security fixes since {since}")
    return Support(v, "unknown", None, f"{v}: end of support unknown")


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


def _all_versions(rel: Release, pre: bool) -> list[Version]:
    """Known versions of a feature release: patches (and pre-releases with ``pre``), sorted."""
    out = set()
    for p in rel.patches:
        out.add(Version(p))
    if rel.latest_patch:
        out.add(Version(rel.latest_patch))
    if pre:
        out.update(Version(p) for p in rel.prereleases)
    return sorted(out)


def _newest(rel: Release, pre: bool) -> str | None:
    """The version a step to ``rel`` lands on: its latest patch, else (with ``pre``) its newest pre-release."""
    if rel.latest_patch and rel.released:
        return rel.latest_patch  # once the final is out, it is newer than every pre-release
    if pre and rel.prereleases:
        return str(sorted(Version(p) for p in rel.prereleases)[-1])
    return None


def _canon(v: Version) -> str:
    return str(v)


# ------------------------------------------------------------------------------------------ target
def resolve_target(data: ReleaseData, target: str | None, pre: bool = False) -> tuple[str, str]:
    """Resolve ``--to`` into (exact version, feature release); raises UsageError for unknown targets."""
    text = (target or "latest").strip().lower()
    if text[:1] == "v" and text[1:2].isdigit():
        text = text[1:]
    released = [r for r in data.releases if r.released]
    if text == "latest":
        if pre:
            for rel in reversed(data.releases):
                v = _newest(rel, True)
                if v:
                    return v, rel.version
        rel = data.latest_released()
        return rel.latest_patch, rel.version
    if text == "lts":
        candidates = [r for r in data.releases if r.lts]
        for rel in reversed(candidates):
            v = _newest(rel, pre)
            if v:
                return v, rel.version
        raise UsageError("no released LTS in the release data")
    v = versions.parse(text)
    feat = versions.feature(v)
    rel = data.release(feat)
    first = data.releases[0].version
    if rel is None:
        if versions.feature_key(feat) < versions.feature_key(first):
            raise UsageError(f"unknown target {target}: the release data starts at Django {first}")
        hint = " (there is no Django 7.x: the release after 6.2 is Django 2028)" if v.major == 7 else ""
        known = ", ".join(r.version for r in released[-4:])
        raise UsageError(f"unknown target Django {target}{hint}; known releases end with {known}")
    if v.is_prerelease and not pre:
        raise UsageError(f"{target} is a pre-release: pass --pre to plan to a pre-release")
    if versions.is_feature_only(text):
        found = _newest(rel, pre)
        if found:
            return found, feat
        when = _fmt_date(rel.release_date, True)
        if rel.prereleases:
            raise UsageError(f"Django {feat} is not released yet; pass --pre to plan to {rel.prereleases[-1]}")
        if pre:
            raise UsageError(
                f"Django {feat} has no known pre-release yet" + (f" (release expected {when})" if when else "")
                + "; try --refresh for newer release data"
            )
        raise UsageError(
            f"Django {feat} is not released yet" + (f" (expected {when})" if when else "")
            + "; try --refresh for newer release data"
        )
    known_versions = _all_versions(rel, pre=True)
    if v.is_prerelease:
        if known_versions and v not in known_versions:
            raise UsageError(f"unknown pre-release {target}; known: {', '.join(rel.prereleases) or 'none'}")
        return _canon(v), feat
    latest = Version(rel.latest_patch) if rel.latest_patch else None
    if latest is None or v > latest:
        have = f"the latest {feat} patch is {rel.latest_patch}" if latest else f"Django {feat} is not released yet"
        raise UsageError(f"unknown Django version {target}: {have} (try --refresh)")
    if rel.patches and v not in {Version(p) for p in rel.patches}:
        raise UsageError(f"unknown Django version {target}: not a {feat} release on PyPI")
    return _canon(v), feat


# ------------------------------------------------------------------------------------------ python
def _python_advice(prev: Release, step: Release, assumed: str | None, to: str) -> PythonAdvice | None:
    if not assumed or not step.python or assumed in step.python:
        return None
    common = [p for p in step.python if p in prev.python]
    pool = common or list(step.python)
    newer = [p for p in pool if python_key(p) >= python_key(assumed)]
    if not newer:
        return None  # never advise moving to an older Python than the project runs (python_ok says it)
    move_to = min(newer, key=python_key)
    patch = prev.min_patch_for_python(move_to) if move_to in prev.python else None
    if patch and patch == prev.version + ".0":
        patch_text = f"every {prev.version} patch runs it"
    elif patch:
        patch_text = f"Django {patch} is the first {prev.version} patch that runs it"
    else:
        patch_text = f"no {prev.version} release runs it: change Python and Django together"
    span = f"{step.python[0]}-{step.python[-1]}" if len(step.python) > 1 else step.python[0]
    msg = (
        f"Django {to} needs Python {span}; the project runs {assumed}: move to Python {move_to} "
        f"before this step ({patch_text})"
    )
    return PythonAdvice(move_to, to, prev.version, patch, msg)


def _runs(rel: Release, version: str, py: str | None) -> bool | None:
    if not py or not rel.python:
        return None
    if py not in rel.python:
        return False
    first = rel.python_added.get(py)
    if first and Version(version) < Version(first):
        return False
    return True


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
    assumed = py
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
            assumed = advice.move_to
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

    # ---- scan ------------------------------------------------------------------------------------------
    if scan and all_removed and project_dir.is_dir():
        from upgrader import scanner

        result = scanner.scan(project_dir, list(all_removed.values()))
        plan.scan_errors = [{"file": f, "error": e} for f, e in result.errors]
        plan.files_scanned = result.files_scanned
        for step in plan.steps:
            for rc in step.removed:
                rc.scanned = rc.id in result.scanned_ids
                rc.occurrences = list(result.get(rc.id, []))
    if scan and project_dir.is_dir():  # behaviour changes the code can hit (upgrader/behaviour.py)
        from upgrader import behaviour

        behaviour.annotate_plan(plan, project_dir, data)

    # ---- LTS hops ----------------------------------------------------------------------------------
    if via == "lts":
        start = cur_feat
        for step in plan.steps:
            if step.kind != "feature":
                continue
            # Removals that never warn (no deprecation period, or no warning at all): by hand.
            unwarned = [rc.id for rc in step.removed if rc.channel == "none" or not rc.deprecated_in]
            # Deprecated after the start release: the policy does not cover skipping them.
            late = [
                rc.id for rc in step.removed
                if rc.deprecated_in and rc.id not in unwarned
                and versions.feature_key(rc.deprecated_in) > versions.feature_key(start)
            ]
            occ = sum(len(rc.occurrences) for rc in step.removed)
            policy = not late
            skipped_txt = ", ".join(step.skipped) if step.skipped else "nothing"
            span = ", ".join(step.skipped + [step.feature_release])
            if policy:
                why = (
                    f"safe under Django's deprecation policy: every deprecation removed in {span} already "
                    f"warns on {start}, so the hop is safe once the test suite runs on {start} with no "
                    f"deprecation warnings left (python -Wa)"
                )
            else:
                why = (
                    f"NOT covered by the deprecation policy: {len(late)} removal(s) were deprecated after "
                    f"{start} and never warn there ({', '.join(late[:6])}{', ...' if len(late) > 6 else ''}); "
                    f"go through every feature release instead"
                )
            if unwarned:
                why += (
                    f"; {len(unwarned)} change(s) come without a warning ({', '.join(unwarned[:5])}"
                    f"{', ...' if len(unwarned) > 5 else ''}): check them by hand"
                )
            if occ:
                why += f"; {occ} occurrence(s) of removed APIs found in the project: fix them on {start} first"
            step.hop = Hop(
                start=start, to=step.feature_release, skipped=step.skipped, safe_by_policy=policy,
                unwarned=unwarned, late=late, occurrences=occ, safe=policy and occ == 0,
                message=f"{start} -> {step.feature_release} skips {skipped_txt}: {why}",
            )
            start = step.feature_release

    n = len(plan.steps)
    plan.message = f"{n} step{'s' if n != 1 else ''} from {plan.current} to {tgt_text}"
    return plan


# -------------------------------------------------------------------------------------------- JSON
JSON_SCHEMA_VERSION = 1


def _occ_json(o) -> dict:
    return o.to_json() if hasattr(o, "to_json") else dict(o)


def step_to_json(step: Step) -> dict:
    return {
        "to": step.to,
        "feature_release": step.feature_release,
        "kind": step.kind,
        "lts": step.lts,
        "prerelease": step.prerelease,
        "release_date": step.release_date,
        "python": step.python,
        "python_ok": step.python_ok,
        "python_for_ci": step.python_for_ci,
        "python_advice": None if step.python_advice is None else {
            "move_to": step.python_advice.move_to,
            "current_series": step.python_advice.current_series,
            "current_series_patch": step.python_advice.current_series_patch,
            "message": step.python_advice.message,
        },
        "skipped": step.skipped,
        "hop": None if step.hop is None else {
            "from": step.hop.start, "to": step.hop.to, "skipped": step.hop.skipped,
            "safe_by_policy": step.hop.safe_by_policy, "unwarned": step.hop.unwarned, "late": step.hop.late,
            "occurrences": step.hop.occurrences, "safe": step.hop.safe, "message": step.hop.message,
        },
        "removed": [
            {
                "id": rc.id, "old": rc.old, "new": rc.new, "category": rc.category,
                "deprecated_in": rc.deprecated_in, "removed_in": rc.removed_in, "warning": rc.warning,
                "link": rc.link, "channel": rc.channel, "autofix": rc.autofix, "scanned": rc.scanned,
                "occurrences": [_occ_json(o) for o in rc.occurrences],
            }
            for rc in step.removed
        ],
        "incompatible": step.incompatible,
        "dependencies": step.dependencies,
        "notes": step.notes,
    }


def _support_json(s: Support) -> dict:
    return {"release": s.release, "status": s.status, "until": s.until, "message": s.message}


def plan_to_json(plan: Plan) -> dict:
    return {
        "schema": JSON_SCHEMA_VERSION,
        "project": plan.project_dir,
        "current": plan.current,
        "current_feature": plan.current_feature,
        "current_source": plan.current_source,
        "current_exact": plan.current_exact,
        "target": plan.target,
        "target_feature": plan.target_feature,
        "target_requested": plan.target_requested,
        "python": plan.python,
        "python_source": plan.python_source,
        "via": plan.via,
        "pre": plan.pre,
        "today": plan.today,
        "release_data": plan.data_source,
        "support": {"current": _support_json(plan.support_current), "target": _support_json(plan.support_target)},
        "up_to_date": plan.up_to_date,
        "message": plan.message,
        "steps": [step_to_json(s) for s in plan.steps],
        "summary": {
            "steps": len(plan.steps),
            "removed": sum(len(s.removed) for s in plan.steps),
            "occurrences": plan.pending_occurrences,
            "autofixable_occurrences": sum(
                len(rc.occurrences) for s in plan.steps for rc in s.removed if rc.autofix
            ),
            "files_scanned": plan.files_scanned,
        },
        "scan_errors": plan.scan_errors,
    }


def plan_to_matrix(plan: Plan) -> list[dict]:
    """``[{"django": "X.Y.Z", "python": "3.N"}, ...]``, one entry per step, for a CI job matrix."""
    return [{"django": s.to, "python": s.python_for_ci} for s in plan.steps]
