"""``step_target``: the StepTarget of a Django version (re-exported by ``upgrader.deps``)."""

from __future__ import annotations

import datetime as _dt

from core import versions
from upgrader.deps.model import StepTarget


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
