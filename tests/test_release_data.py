"""The embedded release data: structure, Django's deprecation policy, calendar versions, and the
backwards-incompatible lists (checked against known error texts)."""

from __future__ import annotations

import re

import pytest

import release_data
from release_data import CATEGORIES
from core import versions


@pytest.fixture(scope="module")
def data():
    return release_data.load(use_refreshed=False)


def test_changes_structure(data):
    known = set(data.feature_releases())
    ids = [c.id for c in data.changes]
    assert len(ids) == len(set(ids)), "change ids must be unique"
    assert len(data.changes) > 150
    for c in data.changes:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", c.id), c.id
        assert c.old and c.new, c.id
        assert c.category in CATEGORIES, c.id
        assert c.removed_in in known, (c.id, c.removed_in)
        if c.deprecated_in:
            assert c.deprecated_in in known or c.deprecated_in in ("1.9", "1.10"), (c.id, c.deprecated_in)
            assert versions.feature_key(c.deprecated_in) < versions.feature_key(c.removed_in), c.id
        for rx in (c.message_regex, c.error_regex):
            if rx:
                re.compile(rx)
        assert c.link.startswith("https://"), c.id
        if c.emits_warning:
            assert c.warning and c.message_regex, c.id


def _policy_removal(deprecated_in: str) -> str:
    if deprecated_in in ("6.0", "6.1"):
        return "2028"
    if deprecated_in == "6.2":
        return "2029"
    major, minor = map(int, deprecated_in.split("."))
    if major == 1:  # the pre-2.0 policy: 1.9 and 1.10 deprecations went in 2.0, 1.11's in 2.1
        return "2.1" if minor == 11 else "2.0"
    return f"{major + 1}.0" if minor in (0, 1) else f"{major + 1}.1"


def test_deprecation_policy(data):
    for c in data.changes:
        if c.no_deprecation_period:
            assert c.deprecated_in is None, c.id
            continue
        assert c.deprecated_in, c.id
        assert c.removed_in == _policy_removal(c.deprecated_in), (c.id, c.deprecated_in, c.removed_in)
        assert not re.fullmatch(r"\d+\.2", c.removed_in), f"{c.id}: an X.2 release removes nothing"
        if c.warning:
            # The class names the removal release (RemovedInDjango2028Warning; 70 is its alias).
            assert versions.warning_release(c.warning) == c.removed_in, (c.id, c.warning)
            for alias in c.warning_aliases:
                assert versions.warning_release(alias) == c.removed_in, (c.id, alias)


def test_x2_releases_only_remove_without_deprecation_period(data):
    for v in ("2.2", "3.2", "4.2", "5.2", "6.2"):
        assert all(c.no_deprecation_period for c in data.removed_in(v)), v


def test_calendar_versions(data):
    order = data.feature_releases()
    assert "7.0" not in order and "7.1" not in order
    assert order[-3:] == ["6.2", "2028", "2029"]
    assert data.next_feature("6.2") == "2028"
    assert data.release("6.2").lts
    assert {c.removed_in for c in data.deprecated_in("6.0")} == {"2028"}
    seventy = [c for c in data.changes if "RemovedInDjango70Warning" in c.warning_names()]
    assert seventy and all(c.removed_in == "2028" for c in seventy)
    for r in data.releases:
        if r.released:
            assert r.latest_patch and versions.feature(r.latest_patch) == r.version, r.version
            assert r.release_date and r.python, r.version
        for name in r.warning_classes:
            assert name.startswith("Removed"), (r.version, name)


def test_dates_parse(data):
    for r in data.releases:
        if r.released:
            assert r.extended_end is not None, r.version
            assert r.mainstream_end is None or r.release_date < r.mainstream_end <= r.extended_end, r.version


def test_incompatible_lists(data):
    seen = set()
    for v in ("3.0", "3.1", "3.2", "4.0", "4.1", "4.2", "5.0", "5.1", "5.2", "6.0", "6.1"):
        items = data.incompatible(v)
        assert items, v
        assert any(i.id.startswith(f"{v}-drop-") for i in items), f"{v}: dropped database/Python versions"
        for i in items:
            assert i.id not in seen, i.id
            seen.add(i.id)
            assert i.release == v and i.summary and i.link.startswith("https://docs.djangoproject.com/en/" + v)
            if i.pattern:
                re.compile(i.pattern)


def _incompatible_for(data, v, text):
    return [i.id for i in data.incompatible(v) if i.matches(text)]


@pytest.mark.parametrize(
    "release, text, expected",
    [
        ("4.1", "'Order' instance needs to have a primary key value before this relationship can be used.", "4.1-unsaved-reverse-fk"),
        ("4.1", "requires_system_checks must be a list or tuple.", "4.1-requires-system-checks-bool"),
        ("4.0", "cannot import name 'force_text' from 'django.utils.encoding' (/v/django/utils/encoding.py)", "4.0-removed-apis"),
        ("4.0", "cannot import name 'url' from 'django.conf.urls' (/v/django/conf/urls/__init__.py)", "4.0-removed-apis"),
        ("3.0", "No module named 'django.utils.six'", "3.0-utils-six-removed"),
        ("3.0", "'staticfiles' is not a registered tag library. Must be one of:", "3.0-staticfiles-templatetag-library"),
        ("5.0", "cannot import name 'utc' from 'django.utils.timezone' (/v/django/utils/timezone.py)", "5.0-timezone-utc-removed"),
        ("5.1", "TypeError: 'class Meta' got invalid attribute(s): index_together", "5.1-index-together-removed"),
        ("5.1", "Invalid filter: 'length_is'", "5.1-length-is-removed"),
    ],
)
def test_incompatible_patterns_match_known_errors(data, release, text, expected):
    assert expected in _incompatible_for(data, release, text)


def test_no_error_text_means_no_pattern(data):
    delete_view = {i.id: i for i in data.incompatible("4.0")}["4.0-deleteview-form-mixin"]
    assert delete_view.pattern is None and not delete_view.matches("anything")
    use_tz = {i.id: i for i in data.incompatible("5.0")}["5.0-use-tz-default"]
    assert "USE_TZ" in use_tz.summary


@pytest.mark.parametrize(
    "change_id, text",
    [
        ("force-text", "cannot import name 'force_text' from 'django.utils.encoding' (/x.py)"),
        ("conf-urls-url", "cannot import name 'url' from 'django.conf.urls' (/x.py)"),
        ("utils-six", "No module named 'django.utils.six'"),
        ("timezone-utc", "module 'django.utils.timezone' has no attribute 'utc'"),
        ("is-ajax", "'WSGIRequest' object has no attribute 'is_ajax'"),
        ("template-ifequal", "Invalid block tag on line 6: 'ifequal', expected 'else' or 'endblock'."),
        ("index-together", "'class Meta' got invalid attribute(s): index_together"),
        ("get-random-string-length", "get_random_string() missing 1 required positional argument: 'length'"),
    ],
)
def test_error_regex(data, change_id, text):
    change = data.change(change_id)
    assert change.matches_error(text)
    others = [c.id for c in data.changes if c.id != change_id and c.matches_error(text)]
    assert change_id not in others


def test_error_regex_only_names_removed_things(data):
    with_rx = [c for c in data.changes if c.error_regex]
    assert len(with_rx) >= 40
    assert not data.change("force-text").matches_error("cannot import name 'force_str' from 'django.utils.encoding'")


def test_older_starting_points(data):
    """1.11 (LTS, last with Python 2.7), 2.0 and 2.1, as Django's docs/faq/install.txt and release notes say."""
    r111, r20, r21 = data.release("1.11"), data.release("2.0"), data.release("2.1")
    assert data.feature_releases()[:4] == ["1.11", "2.0", "2.1", "2.2"]
    assert r111.lts and not r20.lts and not r21.lts
    assert r111.python == ("2.7", "3.4", "3.5", "3.6", "3.7") and r111.min_patch_for_python("3.7") == "1.11.17"
    assert r20.python == ("3.4", "3.5", "3.6", "3.7")
    assert r21.python == ("3.5", "3.6", "3.7")
    assert (r111.latest_patch, r20.latest_patch, r21.latest_patch) == ("1.11.29", "2.0.13", "2.1.15")
    assert str(r111.release_date) == "2017-04-04" and str(r20.release_date) == "2017-12-02"
    assert str(r21.release_date) == "2018-08-01" and str(r21.extended_end) == "2019-12-02"
    assert data.next_feature("1.11") == "2.0"


# -- behaviour changes (release_data/behaviour.json) ------------------------------------------------

def _behaviour(data):
    return [i for r in data.releases for i in r.incompatible if i.kind == "behaviour"]


def test_behaviour_entries(data):
    from codemods import registry
    from codemods.detect.spec import parse_items

    items = _behaviour(data)
    assert len(items) >= 80
    codemods = {e.name for e in registry.entries()}
    for i in items:
        assert re.fullmatch(r"\d+\.\d+-[a-z0-9-]+", i.id) and i.id.startswith(i.release + "-"), i.id
        assert i.title and i.summary and i.frequency in ("high", "medium", "low"), i.id
        assert i.link.startswith(f"https://docs.djangoproject.com/en/{i.release}/releases/{i.release}/"), i.id
        assert i.fix.get("codemod") in codemods or i.fix.get("recipe"), i.id
        if i.change:
            assert data.change(i.change), (i.id, i.change)
        parse_items(i.detect, i.id, strict=True)  # the shared detector spec
        for s in i.signatures:
            rx = re.compile(s.message)
            if s.example:
                assert rx.search(s.example), (i.id, s.message)
            if s.source:
                assert s.verified and versions.feature(s.verified) in data.feature_releases(), i.id
                assert s.source["file"].startswith("django/") and s.source["contains"], i.id


def test_behaviour_covers_the_known_breaks(data):
    ids = {i.id: i for i in _behaviour(data)}
    for cid in ("4.0-deleteview-form-mixin", "4.0-csrf-trusted-origins-scheme", "4.1-unsaved-reverse-fk",
                "5.0-forms-div-templates", "5.0-timezone-utc-removed", "5.0-logout-via-get", "5.0-use-tz-default",
                "6.0-urlfield-assume-https", "5.1-index-together-removed", "5.0-assertformerror-response",
                "6.0-model-save-positional-args", "5.1-get-storage-class-removed"):
        assert cid in ids, cid
    assert ids["4.0-deleteview-form-mixin"].fix["codemod"] == "delete_view_form_valid"
    assert ids["5.0-timezone-utc-removed"].fix["codemod"] == "timezone_utc"
    assert ids["5.0-assertformerror-response"].fix["codemod"] == "assert_form_error"
    assert ids["4.1-unsaved-reverse-fk"].detect_custom == ("unsaved_related_manager",)
    # the frequent ones come first within their release
    for rel in ("4.0", "4.1", "5.0"):
        order = [i.frequency for i in data.incompatible(rel) if i.kind == "behaviour"]
        assert order == sorted(order, key=("high", "medium", "low").index), rel


@pytest.mark.parametrize("change_id, exc_type, text", [
    ("4.1-unsaved-reverse-fk", "ValueError",
     '"<Order: Order object (None)>" needs to have a value for field "id" before this relationship can be used.'),
    ("4.1-unsaved-reverse-fk", "ValueError", "'Order' instance needs to have a primary key value before this relationship can be used."),
    ("5.1-index-together-removed", "TypeError", "'class Meta' got invalid attribute(s): index_together"),
    ("5.1-index-together-removed", "ValueError", "Found wrong number (0) of indexes for shop_order(status, created)."),
    ("6.0-model-save-positional-args", "TypeError", "Model.save() takes 1 positional argument but 3 were given"),
    ("4.0-csrf-trusted-origins-scheme", "SystemCheckError", "?: (4_0.E001) As of Django 4.0, the values in the "
     "CSRF_TRUSTED_ORIGINS setting must start with a scheme (usually http:// or https://) but found example.com."),
])
def test_behaviour_signatures_match(data, change_id, exc_type, text):
    item = {i.id: i for i in _behaviour(data)}[change_id]
    assert any(s.matches(exc_type, text) for s in item.signatures)
    assert not any(s.matches("KeyError", text) for s in item.signatures if s.exception)
