"""Shared pieces of the third-party-check tests: the local PyPI server and recorded release metadata."""

from __future__ import annotations

import json

import pytest

from tests.pypi_server import DATA, pypi_server  # noqa: F401  (the fixture)
from upgrader.deps.index import _date
from upgrader.deps.model import Dependency, ReleaseMeta
from upgrader.pypi import PyPIClient


def recorded_meta(name: str, version: str) -> ReleaseMeta:
    """The recorded per-release answer of a real package, as ReleaseMeta (upload date from its files)."""
    doc = json.loads((DATA / name / f"{version}.json").read_text())
    info = doc["info"]
    dates = [_date(f["upload_time_iso_8601"]) for f in doc["urls"]]
    return ReleaseMeta(
        version=version, requires_dist=list(info.get("requires_dist") or []), requires_python=info.get("requires_python"),
        classifiers=[c for c in info["classifiers"] if c.startswith("Framework :: Django")], uploaded=min(dates),
    )


def pinned(*pairs: tuple[str, str]) -> list[Dependency]:
    return [Dependency(name, version=version, version_source="pin", source=f"requirements.txt:{i}")
            for i, (name, version) in enumerate(pairs, 1)]


@pytest.fixture
def client(pypi_server, tmp_path):  # noqa: F811
    return PyPIClient(index_url=pypi_server.url, cache_dir=tmp_path / "pypi-cache", timeout=5, retries=0)


def by_name(statuses) -> dict:
    return {s.name: s for s in statuses}
