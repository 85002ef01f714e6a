"""Django version arithmetic: feature releases (``3.2``, ``6.2``, ``2028``), patches, pre-releases.

Django numbers releases ``A.B`` up to 6.2; after that it uses calendar versions (DEP 20): the
feature release after 6.2 is ``2028`` (``2028.0``), its patches ``2028.1``, ``2028.2`` ... There is
no 7.0. Every function here accepts either form and returns plain strings.
"""

from __future__ import annotations

import functools
import re

from packaging.version import InvalidVersion, Version

from core.errors import UsageError

CALENDAR_FIRST = 2028


def parse(text: str) -> Version:
    """Parse a Django version given by a user or a pin (``3.2``, ``3.2.25``, ``2028``, ``6.2a1``)."""
    cleaned = str(text).strip()
    if cleaned.lower().startswith("v"):
        cleaned = cleaned[1:]
    try:
        version = Version(cleaned)
    except InvalidVersion:
        raise UsageError(f"not a Django version: {text!r}") from None
    return version


def is_calendar(version: Version | str) -> bool:
    v = parse(version) if isinstance(version, str) else version
    return v.major >= CALENDAR_FIRST


@functools.lru_cache(maxsize=4096)  # (asked hundreds of times a run, of a few dozen releases)
def feature(version: Version | str) -> str:
    """The feature release a version belongs to: ``3.2.25`` -> ``3.2``, ``2028.1`` -> ``2028``."""
    v = parse(version) if isinstance(version, str) else version
    if v.major >= CALENDAR_FIRST:
        return str(v.major)
    return f"{v.major}.{v.minor}"


@functools.lru_cache(maxsize=4096)
def feature_key(feature_release: str) -> Version:
    """A sortable key for a feature release string."""
    return parse(feature_release)


def patch_of(version: Version | str) -> int:
    """The patch number: ``3.2.25`` -> 25, ``2028.3`` -> 3, ``3.2`` -> 0."""
    v = parse(version) if isinstance(version, str) else version
    if v.major >= CALENDAR_FIRST:
        return v.minor
    return v.micro


def is_feature_only(text: str) -> bool:
    """True when the user named a feature release (``3.2``, ``2028``) rather than a patch."""
    t = str(text).strip()
    if re.fullmatch(r"\d{4}", t):
        return True
    return bool(re.fullmatch(r"\d+\.\d+", t)) and int(t.split(".")[0]) < CALENDAR_FIRST


def warning_release(class_name: str) -> str | None:
    """The release a ``RemovedInDjango<N>Warning`` class names: ``RemovedInDjango40Warning`` -> ``4.0``.

    ``RemovedInDjango70Warning`` and ``RemovedInDjango71Warning`` are the old names of the calendar
    releases: they map to ``2028`` and ``2029``.
    """
    m = re.search(r"RemovedInDjango(\d+)Warning", class_name or "")
    if not m:
        return None
    digits = m.group(1)
    if len(digits) == 4:
        return digits
    major, minor = int(digits[:-1]), int(digits[-1])
    if major >= 7:
        return str(CALENDAR_FIRST + (major - 7) * 2 + minor)
    return f"{major}.{minor}"


def python_key(py: str) -> tuple[int, int]:
    major, minor = py.split(".")[:2]
    return int(major), int(minor)
