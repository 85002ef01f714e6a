"""The status rules: does one release of a dependency support one Django step?

* ``blocked``: the release's Requires-Dist on Django excludes the step's Django version, or its
  Requires-Python excludes the Python the project runs at that step;
* ``yes``: it declares ``Framework :: Django :: X.Y`` for the step's feature release (a major-only
  classifier ``Framework :: Django :: X`` counts for X.Y when uploaded after X.Y was released), or its Requires-Dist has an upper bound
  that admits the step AND the release was uploaded after the step's Django was released (a bound
  written before a release cannot vouch for it);
* ``not-declared``: anything else (a question, not a blocker).

Markers of Requires-Dist are evaluated for the step's Python; requirements behind an ``extra`` are
ignored.
"""

from __future__ import annotations

from packaging.markers import default_environment
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from upgrader.deps.model import BLOCKED, NOT_DECLARED, YES, ReleaseMeta, StepTarget

CLASSIFIER = "Framework :: Django"
UPPER_OPERATORS = ("<", "<=", "~=", "==", "===")


def _env(python: str | None) -> dict:
    env = dict(default_environment())
    if python:
        env["python_version"] = python
        env["python_full_version"] = f"{python}.0"
    env["extra"] = ""
    return env


def django_requirement(meta: ReleaseMeta, python: str | None = None) -> SpecifierSet | None:
    """The combined Django specifier of a release's Requires-Dist (None: it does not require Django)."""
    found: SpecifierSet | None = None
    env = _env(python)
    for text in meta.requires_dist or []:
        try:
            req = Requirement(text)
        except InvalidRequirement:
            continue
        if canonicalize_name(req.name) != "django":
            continue
        if req.marker is not None:
            if "extra" in str(req.marker):
                continue
            try:
                if not req.marker.evaluate(env):
                    continue
            except Exception:  # an unusual marker: take the requirement as applying
                pass
        found = req.specifier if found is None else found & req.specifier
    return found


def depends_on_django(meta: ReleaseMeta) -> bool:
    """Does the release require Django (in any environment, without extras) or declare the classifier?"""
    if any(c == CLASSIFIER or c.startswith(CLASSIFIER + " ::") for c in meta.classifiers):
        return True
    for text in meta.requires_dist or []:
        try:
            req = Requirement(text)
        except InvalidRequirement:
            continue
        if canonicalize_name(req.name) == "django" and not (req.marker and "extra" in str(req.marker)):
            return True
    return False


def declared_versions(meta: ReleaseMeta) -> list[str]:
    """The Django versions of ``Framework :: Django :: X.Y`` classifiers, in order."""
    out = []
    for c in meta.classifiers:
        parts = [p.strip() for p in c.split("::")]
        if len(parts) == 3 and parts[0] == "Framework" and parts[1] == "Django" and parts[2] not in out:
            out.append(parts[2])
    return sorted(out, key=_vkey)


def _vkey(text: str):
    try:
        return (0, Version(text))
    except InvalidVersion:
        return (1, text)


def declares(meta: ReleaseMeta, feature: str, release_date=None) -> bool:
    """``Framework :: Django :: X.Y``; a major-only ``:: X`` counts when uploaded after X.Y was released."""
    declared = declared_versions(meta)
    if feature in declared:
        return True
    major = feature.split(".")[0]
    return major in declared and bool(meta.uploaded and release_date and meta.uploaded > release_date)


def has_upper_bound(spec: SpecifierSet) -> bool:
    return any(s.operator in UPPER_OPERATORS for s in spec)


def admits(spec: SpecifierSet, version: str) -> bool:
    try:
        return spec.contains(Version(version), prereleases=True)
    except InvalidVersion:
        return True


def python_admitted(requires_python: str | None, python: str | None) -> bool | None:
    """Does Requires-Python admit Python ``X.Y`` (some patch of it)? None when either is unknown."""
    if not requires_python or not python:
        return None
    try:
        spec = SpecifierSet(requires_python)
    except InvalidSpecifier:
        return None
    return any(spec.contains(candidate, prereleases=True) for candidate in (python, f"{python}.0", f"{python}.99"))


def judge(meta: ReleaseMeta, step: StepTarget) -> tuple[str, str, bool | None]:
    """(status, reason, python_ok) of release ``meta`` for ``step``."""
    spec = django_requirement(meta, step.python)
    py_ok = python_admitted(meta.requires_python, step.python)
    status, reason = NOT_DECLARED, ""
    if spec is not None and not admits(spec, step.to):
        status, reason = BLOCKED, f"requires Django{spec}"
    elif declares(meta, step.feature, step.release_date):
        status, reason = YES, f"declares Django {step.feature}"
    elif (
        spec is not None and has_upper_bound(spec) and meta.uploaded and step.release_date
        and meta.uploaded > step.release_date
    ):
        status, reason = YES, f"requires Django{spec}, uploaded {meta.uploaded.isoformat()} after Django {step.feature}"
    else:
        declared = declared_versions(meta)
        if declared:
            reason = f"does not declare Django {step.feature} (declares {', '.join(declared[-4:])})"
        else:
            reason = "does not declare which Django versions it supports"
    if py_ok is False:
        py_reason = f"requires Python {meta.requires_python}, the project runs {step.python} here"
        reason = py_reason if status != BLOCKED else f"{reason}; {py_reason}"
        status = BLOCKED
    return status, reason, py_ok


def supports(meta: ReleaseMeta, step: StepTarget) -> bool:
    return judge(meta, step)[0] == YES


def runs_on(meta: ReleaseMeta, django: str, python: str | None) -> bool:
    """Can the release be installed next to Django ``django`` (and Python ``python``)?"""
    spec = django_requirement(meta, python)
    if spec is not None and not admits(spec, django):
        return False
    return python_admitted(meta.requires_python, python) is not False
