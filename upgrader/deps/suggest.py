"""The smallest release of a dependency that supports a step, and when it can be taken.

Candidates: final, not fully yanked releases newer than the judged one, whose files' Requires-Python
admits the Python the project runs at that step, uploaded at most ``WINDOW_DAYS`` before the step's
Django release (support for a Django release is not declared a year before it exists; this keeps
the number of per-release questions small). They are asked in ascending order, ``CHUNK`` at a time in
parallel, and the first one that supports the step (the rules of :mod:`upgrader.deps.judge`) wins.
A blocked dependency with no supporting release gets the smallest release that at least does not
exclude the step.

``move``: ``first`` when the suggested release also runs on the project's current Django (and
Python), so it can be upgraded before the Django step; else ``with-django``.
"""

from __future__ import annotations

import datetime as _dt

from packaging.version import Version

from upgrader.deps import judge
from upgrader.deps.model import BLOCKED, MOVE_FIRST, MOVE_WITH_DJANGO, YES, DepStatus, StepTarget
from upgrader.pypi import PyPIUnavailable, release_versions

WINDOW_DAYS = 270
CHUNK = 4
MAX_CANDIDATES = 60


def candidates(doc: dict, after: str | None, python: str | None, not_before: _dt.date | None) -> list[str]:
    out = []
    floor = None
    if after:
        try:
            floor = Version(after)
        except ValueError:
            floor = None
    for v, info in release_versions(doc, pre=False):
        if floor is not None and v <= floor:
            continue
        if judge.python_admitted(info.get("requires_python"), python) is False:
            continue
        if not_before and info.get("date") and _dt.date.fromisoformat(info["date"]) < not_before:
            continue
        out.append(info["version"])
    return out[:MAX_CANDIDATES]


def suggest(index, name: str, doc: dict, status: DepStatus, step: StepTarget, current_django: str,
            current_python: str | None) -> None:
    """Fill ``status.suggest`` / ``move`` / ``suggest_reason`` (in place)."""
    not_before = step.release_date - _dt.timedelta(days=WINDOW_DAYS) if step.release_date else None
    pool = candidates(doc, status.version, step.python, not_before)
    fallback = None
    try:
        for start in range(0, len(pool), CHUNK):
            chunk = pool[start:start + CHUNK]
            found = index.map(lambda v: index.meta(name, v, doc), chunk)
            for version, meta in found:
                if isinstance(meta, Exception):
                    raise meta
                if meta is None or not meta.known:
                    continue
                verdict = judge.judge(meta, step)[0]
                if verdict == YES:
                    _take(status, meta, current_django, current_python)
                    return
                if fallback is None and verdict != BLOCKED:
                    fallback = meta
    except PyPIUnavailable as exc:
        status.suggest_reason = f"could not look for a newer release ({exc.reason})"
        return
    if status.status == BLOCKED and fallback is not None:
        _take(status, fallback, current_django, current_python)
        status.suggest_reason = f"{fallback.version} does not declare Django {step.feature} either, but does not exclude it"
        return
    latest = (release_versions(doc)[-1:] or [(None, {})])[0][1].get("version")
    if status.status == BLOCKED:
        status.suggest_reason = f"no release up to {latest} supports Django {step.feature}" + (
            f" on Python {step.python}" if step.python else "")
    else:
        status.suggest_reason = f"no newer release declares Django {step.feature}" if latest else ""


def _take(status: DepStatus, meta, current_django: str, current_python: str | None) -> None:
    status.suggest = meta.version
    status.move = MOVE_FIRST if judge.runs_on(meta, current_django, current_python) else MOVE_WITH_DJANGO
