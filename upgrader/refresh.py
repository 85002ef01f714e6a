"""``plan --refresh``: update releases, patch versions, pre-releases and dates from PyPI's JSON API.

``refresh(client)`` reads the ``django`` project document and writes an overlay to
``release_data.refreshed_path()`` (atomically), which ``release_data.load()`` merges over the embedded
data (see ``merge_refreshed``). Only facts PyPI knows are refreshed: per feature release ``status``
("released" once X.Y / X.Y.0 / YYYY.0 is out), ``release_date``, ``latest_patch``,
``latest_patch_date``, ``patches`` and ``prereleases``. Support dates, Python versions and the
deprecation timeline stay as embedded.

Overlay format::

    {"schema": 1, "fetched_at": "2026-11-25T14:00:00+00:00", "source": "https://pypi.org/pypi",
     "releases": {"3.2": {"status": "released", "release_date": "2021-04-06", "latest_patch": "3.2.25",
                          "latest_patch_date": "2024-03-04", "patches": ["3.2", "3.2.1", ...],
                          "prereleases": ["3.2a1", "3.2b1", "3.2rc1"]}, ...}}

``refresh_with_fallback(client)`` is what the command calls: on failure it prints one line on stderr,
keeps the data it had (embedded, or an earlier refresh) and returns None.
"""

from __future__ import annotations

import datetime as _dt
import sys

from packaging.version import Version

import release_data
from core import atomic, versions
from upgrader.pypi import PyPIClient, PyPIUnavailable, release_versions

OVERLAY_SCHEMA = 1


def _feature_of(v: Version) -> str:
    return versions.feature(v)


def build_overlay(doc: dict, known_features: list[str], source: str = "") -> dict:
    """Compute the overlay from a PyPI ``django`` project document (pure; no I/O)."""
    known = set(known_features)
    finals: dict[str, list[tuple[Version, dict]]] = {}
    pres: dict[str, list[tuple[Version, dict]]] = {}
    for v, meta in release_versions(doc, pre=True):
        feat = _feature_of(v)
        if feat not in known:
            continue
        (pres if v.is_prerelease else finals).setdefault(feat, []).append((v, meta))
    out: dict[str, dict] = {}
    for feat in known_features:
        entry: dict = {}
        fin = finals.get(feat) or []
        pre = pres.get(feat) or []
        if pre:
            entry["prereleases"] = [m["version"] for _, m in pre]
        if fin:
            first, last = fin[0], fin[-1]
            entry["status"] = "released"
            entry["patches"] = [m["version"] for _, m in fin]
            entry["latest_patch"] = last[1]["version"]
            if last[1]["date"]:
                entry["latest_patch_date"] = last[1]["date"]
            if versions.patch_of(first[0]) == 0 and first[1]["date"]:
                entry["release_date"] = first[1]["date"]
        if entry:
            out[feat] = entry
    return {
        "schema": OVERLAY_SCHEMA,
        "fetched_at": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "source": source,
        "releases": out,
    }


def write_overlay(overlay: dict) -> None:
    """Write the overlay atomically (temp file in the same directory + os.replace)."""
    atomic.write_json(release_data.refreshed_path(), overlay, indent=1, sort_keys=True)


def refresh(client: PyPIClient | None = None) -> dict:
    """Fetch Django's release list from PyPI, write the overlay, return it.

    Raises :class:`PyPIUnavailable` when PyPI cannot be used (nothing is written then).
    """
    client = client or PyPIClient()
    doc = client.project("django")
    if doc is None:
        raise PyPIUnavailable(f"{client.api} does not know the project 'django'")
    features = release_data.load(use_refreshed=False).feature_releases()
    overlay = build_overlay(doc, features, source=client.api)
    if not overlay["releases"]:
        raise PyPIUnavailable(f"{client.api} lists no Django release this tool knows about")
    write_overlay(overlay)
    return overlay


def refresh_with_fallback(client: PyPIClient | None = None, stream=None) -> dict | None:
    """``refresh`` that never fails: on PyPIUnavailable print one line on stderr and return None."""
    stream = stream or sys.stderr
    try:
        return refresh(client)
    except PyPIUnavailable as exc:
        kept = "the release data refreshed earlier" if release_data.refreshed_path().is_file() else (
            "the embedded release data"
        )
        print(f"django-upgrade: --refresh: PyPI unavailable ({exc.reason}); using {kept}", file=stream)
        return None
