"""Every change since 2.2 has ONE detector (release-data items or its codemod), and the codemods'
metadata agrees with release data."""

from __future__ import annotations

import json

import pytest

import release_data
from codemods import registry
from codemods.detect import detector_for
from codemods.detect.spec import SpecError, parse_items
from core import versions

DATA = release_data.load(use_refreshed=False)


def key(v: str):
    return versions.feature_key(versions.feature(v))


@pytest.mark.parametrize("since", ["2.2", None])
def test_every_change_has_a_detector_or_says_why_not(since):
    """Since 2.2 (the issue's bar) and, as release data reaches back to 1.11, every change."""
    missing, both = [], []
    for c in DATA.changes:
        if since and key(c.removed_in) <= key(since):
            continue
        det = detector_for(c)
        if not det.exists and not (c.undetectable_reason or "").strip():
            missing.append(c.id)
        if det.exists and c.undetectable_reason:
            both.append(c.id)
    assert not missing, f"changes with neither a detector nor an undetectable_reason: {missing}"
    assert not both, f"changes with a detector AND an undetectable_reason: {both}"


def test_undetectable_changes_have_an_explicit_empty_detect_list():
    raw = json.loads((release_data.DATA_DIR / "changes.json").read_text(encoding="utf-8"))["changes"]
    for c in raw:
        if c.get("undetectable_reason"):
            assert c.get("detect") == [], c["id"]


@pytest.mark.parametrize("name", ["changes.json", "behaviour.json"])
def test_every_detect_item_is_in_the_spec(name):
    path = release_data.DATA_DIR / name
    if not path.exists():
        pytest.skip(f"{name} not there")
    bad = []
    for c in json.loads(path.read_text(encoding="utf-8"))["changes"]:
        try:
            parse_items(c.get("detect"), c["id"], strict=True)
        except SpecError as exc:
            bad.append(str(exc))
    assert not bad, "\n".join(bad)


#: codemods whose NEW code needs a later release than the deprecation (documented exceptions)
LATE_AVAILABLE = {
    "forms_urlfield_assume_https": "drops the transitional FORMS_URLFIELD_ASSUME_HTTPS setting, inert only from 6.0",
}


def test_codemod_metadata_agrees_with_release_data():
    problems = []
    for e in registry.entries():
        for cid in e.changes:
            c = DATA.change(cid)
            if c is None:
                problems.append(f"{e.name}: unknown change {cid}")
                continue
            if key(c.removed_in) != key(e.removed_in):
                problems.append(f"{e.name}: removed_in {e.removed_in}, but {cid} is removed in {c.removed_in}")
            if key(e.available_from) > key(c.removed_in):
                problems.append(f"{e.name}: available_from {e.available_from} is after {cid}'s removal {c.removed_in}")
            floor = max(key(c.deprecated_in or c.removed_in), key(DATA.releases[0].version))
            if key(e.available_from) > floor and e.name not in LATE_AVAILABLE:
                problems.append(f"{e.name}: available_from {e.available_from} is after {cid}'s deprecation {c.deprecated_in}")
    assert not problems, "\n".join(problems)


def test_a_codemod_backed_change_is_detected_by_its_codemod():
    # the codemod's prefilter + confirm IS the detector of what it fixes
    for cid in ("force-text", "ugettext", "timezone-utc", "assertformerror-response", "model-save-positional-args"):
        assert detector_for(DATA.change(cid)).codemods, cid
