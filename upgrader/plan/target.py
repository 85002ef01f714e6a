"""Where a plan goes: resolving ``--to``, support windows, the versions a step lands on, Python advice.

"Today" is ``datetime.date.today()``, or ``$DJANGO_UPGRADE_TODAY`` (YYYY-MM-DD) for tests.
"""

from __future__ import annotations

import datetime as _dt
import os

from packaging.version import Version

from core import versions
from core.errors import UsageError
from core.versions import python_key
from release_data import Release, ReleaseData
from upgrader.plan.model import PythonAdvice, Support

TARGET_KEYWORDS = ("latest", "lts")


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
def python_span(pythons) -> str:
    """``3.12-3.14`` (or the one version) for a release's Pythons, oldest first."""
    return f"{pythons[0]}-{pythons[-1]}" if len(pythons) > 1 else pythons[0]


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
    msg = (
        f"Django {to} needs Python {python_span(step.python)}; the project runs {assumed}: move to Python {move_to} "
        f"before this step ({patch_text})"
    )
    return PythonAdvice(move_to, to, prev.version, patch, msg)


def _advice_carried(earlier: PythonAdvice, step: Release, to: str, project: str) -> PythonAdvice:
    """A later step the project's Python does not run either, but the Python an earlier step advised
    moving to does: that move covers it (not "an older Python only", not a blocker)."""
    msg = (f"Django {to} needs Python {python_span(step.python)}; the project runs {project}: the move to Python "
           f"{earlier.move_to} advised before Django {earlier.before} covers it")
    return PythonAdvice(earlier.move_to, earlier.before, earlier.current_series, earlier.current_series_patch, msg)


def _runs(rel: Release, version: str, py: str | None) -> bool | None:
    if not py or not rel.python:
        return None
    if py not in rel.python:
        return False
    first = rel.python_added.get(py)
    if first and Version(version) < Version(first):
        return False
    return True


