"""Facts about Django releases and its deprecation timeline, embedded with the tool.

``load()`` returns a :class:`ReleaseData` built from ``releases.json`` and ``changes.json`` beside this
file, overlaid with the refreshed release list in the user cache (written by ``plan --refresh``) when
one exists. Nothing here touches the network.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from core import versions
from release_data.behaviour import (  # noqa: F401  (the behaviour changes, importable from here)
    BackwardsIncompatible,
    Signature,
    load_behaviour,
)

DATA_DIR = Path(__file__).resolve().parent

CATEGORIES = ("python-rewrite", "settings", "template", "manual")


def parse_date(text: str | None) -> tuple[_dt.date | None, bool]:
    """Parse ``2024-04-01``, ``2027-04 (expected)`` or ``~2028-12 (expected)``.

    Returns (date, expected). Month-level dates become the first day of the month.
    """
    if not text:
        return None, False
    expected = "expected" in text or text.startswith("~")
    m = re.search(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not m:
        return None, expected
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
    return _dt.date(year, month, day), expected


@dataclass(frozen=True)
class Release:
    version: str  # feature release: "3.2", "6.2", "2028"
    status: str  # released / in-development / planned
    release_date: _dt.date | None
    release_date_expected: bool
    lts: bool
    mainstream_end: _dt.date | None
    extended_end: _dt.date | None
    extended_end_expected: bool
    python: tuple[str, ...]  # supported Python versions ("3.8", ...), () when not announced
    python_added: dict  # {"3.10": "3.2.9"}: the patch release that added a Python version
    latest_patch: str | None
    latest_patch_date: _dt.date | None
    warning_classes: dict
    incompatible: tuple  # BackwardsIncompatible items
    highlights: tuple[str, ...]
    release_notes: str
    patches: tuple[str, ...] = ()
    prereleases: tuple[str, ...] = ()

    @property
    def released(self) -> bool:
        return self.status == "released"

    def min_patch_for_python(self, py: str) -> str | None:
        """The first patch of this release that supports Python ``py`` (None when none does)."""
        if py not in self.python:
            return None
        return self.python_added.get(py) or (self.version + (".0" if versions.is_calendar(self.version) else ".0"))

    def supports_python(self, py: str) -> bool:
        return py in self.python


@dataclass(frozen=True)
class Change:
    id: str
    old: str
    new: str
    deprecated_in: str | None
    removed_in: str
    category: str
    warning: str | None
    warning_aliases: tuple[str, ...]
    message: str | None
    message_regex: str | None
    emits_warning: bool | None
    channel: str
    no_deprecation_period: bool
    notes: str | None
    link: str
    error_regex: str | None = None  # regex over the ImportError/AttributeError/... text once it is removed
    # the change's declarative detector (see codemods.detect.spec), beside its codemod's own
    detect: tuple = field(default=(), compare=False, hash=False)
    undetectable_reason: str | None = None  # why no detector can exist (``detect: []``)
    # category "manual": why no rewrite can be applied without a decision of the team (one sentence)
    manual_because: str | None = None
    # a removed model field Django keeps as a stub for historical migrations: the name still imports
    kept_for_migrations: bool = False

    @functools.cached_property
    def _regex(self):
        return re.compile(self.message_regex, re.S) if self.message_regex else None

    def matches_message(self, message: str) -> bool:
        rx = self._regex
        return bool(rx and rx.search(message))

    def matches_error(self, text: str) -> bool:
        """Whether an exception message is what this change's removal produces."""
        return bool(self.error_regex and re.search(self.error_regex, text or "", re.S))

    def warning_names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.warning, *self.warning_aliases) if n)


@dataclass
class ReleaseData:
    releases: list[Release]
    changes: list[Change]
    source: str = "embedded"
    refreshed_at: str | None = None
    _by_version: dict = field(default_factory=dict, repr=False)
    _by_id: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self._by_version = {r.version: r for r in self.releases}
        self._by_id = {c.id: c for c in self.changes}

    # releases ---------------------------------------------------------------------------------
    def release(self, feature_release: str) -> Release | None:
        return self._by_version.get(versions.feature(feature_release))

    def feature_releases(self) -> list[str]:
        return [r.version for r in self.releases]

    def next_feature(self, feature_release: str) -> str | None:
        order = self.feature_releases()
        key = versions.feature_key(versions.feature(feature_release))
        for v in order:
            if versions.feature_key(v) > key:
                return v
        return None

    def between(self, start: str, end: str) -> list[Release]:
        """Feature releases after ``start`` up to and including ``end``, in order."""
        lo, hi = versions.feature_key(versions.feature(start)), versions.feature_key(versions.feature(end))
        return [r for r in self.releases if lo < versions.feature_key(r.version) <= hi]

    def latest_released(self) -> Release:
        return [r for r in self.releases if r.released][-1]

    def latest_lts(self) -> Release:
        return [r for r in self.releases if r.released and r.lts][-1]

    # changes ----------------------------------------------------------------------------------
    def change(self, change_id: str) -> Change | None:
        return self._by_id.get(change_id)

    def removed_in(self, feature_release: str) -> list[Change]:
        f = versions.feature(feature_release)
        return [c for c in self.changes if c.removed_in == f]

    def deprecated_in(self, feature_release: str) -> list[Change]:
        f = versions.feature(feature_release)
        return [c for c in self.changes if c.deprecated_in == f]

    def incompatible(self, feature_release: str) -> list[BackwardsIncompatible]:
        rel = self.release(feature_release)
        return list(rel.incompatible) if rel else []

    def match_warning(self, category: str, message: str) -> Change | None:
        """The change a harvested warning belongs to, by class (aliases included) and message.

        ``category`` may be a qualified name (``django.utils.deprecation.RemovedInDjango40Warning``).
        A message match is required; the class narrows it down (the same text may be announced by
        different classes in different releases, and 6.0.x printed ``RemovedInDjango70Warning`` for
        what later patches call ``RemovedInDjango2028Warning``).
        """
        short = (category or "").rsplit(".", 1)[-1]
        removal = versions.warning_release(short)
        candidates = [c for c in self.changes if c.matches_message(message or "")]
        if not candidates:
            return None
        for c in candidates:
            if short and short in c.warning_names():
                return c
        if removal:
            for c in candidates:
                if c.removed_in == removal:
                    return c
        return candidates[0]


def _release_from_json(obj: dict, incompatible: tuple = ()) -> Release:
    """A release of releases.json; ``incompatible``: its behaviour changes (behaviour.json)."""
    rd, rd_exp = parse_date(obj.get("release_date"))
    me, _ = parse_date(obj.get("mainstream_support_end"))
    ee, ee_exp = parse_date(obj.get("extended_support_end"))
    lpd, _ = parse_date(obj.get("latest_patch_date"))
    return Release(
        version=obj["version"],
        status=obj.get("status", "released"),
        release_date=rd,
        release_date_expected=rd_exp,
        lts=bool(obj.get("lts")),
        mainstream_end=me,
        extended_end=ee,
        extended_end_expected=ee_exp,
        python=tuple(obj.get("python_versions") or ()),
        python_added=dict(obj.get("python_added") or {}),
        latest_patch=obj.get("latest_patch"),
        latest_patch_date=lpd,
        warning_classes=dict(obj.get("warning_classes") or {}),
        incompatible=incompatible,
        highlights=tuple(obj.get("backwards_incompatible_highlights") or ()),
        release_notes=obj.get("release_notes", ""),
        patches=tuple(obj.get("patches") or ()),
        prereleases=tuple(obj.get("prereleases") or ()),
    )


def _change_from_json(obj: dict) -> Change:
    return Change(
        id=obj["id"],
        old=obj["old"],
        new=obj["new"],
        deprecated_in=obj.get("deprecated_in"),
        removed_in=obj["removed_in"],
        category=obj["category"],
        warning=obj.get("warning"),
        warning_aliases=tuple(obj.get("warning_aliases") or ()),
        message=obj.get("message"),
        message_regex=obj.get("message_regex"),
        emits_warning=obj.get("emits_warning"),
        channel=obj.get("channel", "python-warning"),
        no_deprecation_period=bool(obj.get("no_deprecation_period")),
        notes=obj.get("notes"),
        link=obj.get("link", ""),
        error_regex=obj.get("error_regex"),
        detect=tuple(obj.get("detect") or ()),
        undetectable_reason=obj.get("undetectable_reason"),
        manual_because=obj.get("manual_because"),
        kept_for_migrations=bool(obj.get("kept_for_migrations")),
    )


def user_cache_dir() -> Path:
    """The tool's cache directory (``$DJANGO_UPGRADE_CACHE_DIR``, else XDG cache / ~/.cache)."""
    explicit = os.environ.get("DJANGO_UPGRADE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "django-upgrade-assistant"


def refreshed_path() -> Path:
    return user_cache_dir() / "releases-refreshed.json"


def _read_json(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def load(*, use_refreshed: bool = True) -> ReleaseData:
    """Load the embedded release data, overlaid with a refreshed copy when one is cached."""
    releases_doc = _read_json(DATA_DIR / "releases.json")
    changes_doc = _read_json(DATA_DIR / "changes.json")
    source, refreshed_at = "embedded", None
    if use_refreshed:
        path = refreshed_path()
        if path.is_file():
            try:
                overlay = _read_json(path)
                releases_doc = merge_refreshed(releases_doc, overlay)
                source, refreshed_at = "refreshed", overlay.get("fetched_at")
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a broken cache never breaks the tool: the embedded data stands
    behaviour: dict = {}
    for item in load_behaviour():
        behaviour.setdefault(item.release, []).append(item)
    releases = [_release_from_json(r, tuple(behaviour.get(r["version"], ()))) for r in releases_doc["releases"]]
    changes = [_change_from_json(c) for c in changes_doc["changes"]]
    return ReleaseData(releases=releases, changes=changes, source=source, refreshed_at=refreshed_at)


def merge_refreshed(releases_doc: dict, overlay: dict) -> dict:
    """Overlay refreshed facts (``{"releases": {"3.2": {"latest_patch": ..., "patches": [...], ...}}}``)."""
    doc = json.loads(json.dumps(releases_doc))
    updates = overlay.get("releases") or {}
    for rel in doc["releases"]:
        upd = updates.get(rel["version"])
        if not upd:
            continue
        for key in ("latest_patch", "latest_patch_date", "release_date", "status", "patches", "prereleases"):
            if upd.get(key) is not None:
                rel[key] = upd[key]
    return doc
