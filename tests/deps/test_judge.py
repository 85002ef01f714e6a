"""The status rules, on the real metadata of real releases (recorded in tests/data/pypi/<name>/)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.deps.conftest import recorded_meta
from upgrader.deps import judge, step_target
from upgrader.deps.model import BLOCKED, NOT_DECLARED, YES, ReleaseMeta, StepTarget


@pytest.mark.parametrize(
    "name, version, django, expected",
    [
        ("django-celery-beat", "2.2.1", "4.0", BLOCKED),  # Django<4.0,>=2.2
        ("django-celery-beat", "2.2.1", "3.2", YES),  # <4.0 admits 3.2 and was uploaded after 3.2 (classifiers stop at 3.1)
        ("django-celery-beat", "2.3.0", "4.0", YES),  # declares 4.0
        ("wagtail", "2.15.6", "4.0", BLOCKED),  # Django<3.3
        ("wagtail", "2.16.3", "4.0", YES),
        ("wagtail", "2.16.3", "4.1", BLOCKED),  # Django<4.1
        ("djangorestframework", "3.12.4", "4.0", NOT_DECLARED),  # django>=2.2, classifiers up to 3.1
        ("djangorestframework", "3.13.0", "4.0", YES),
        ("djangorestframework", "3.15.2", "4.1", BLOCKED),  # django>=4.2
        ("django-crispy-forms", "1.14.0", "4.0", YES),  # no Requires-Dist at all: classifiers only
        ("django-crispy-forms", "1.14.0", "4.1", NOT_DECLARED),
        ("django-cte", "1.1.5", "3.2", NOT_DECLARED),  # only "Framework :: Django", no versions
        ("django-allauth", "0.50.0", "4.0", YES),  # old sdist-only release: requires.txt + PKG-INFO
    ],
)
def test_status_of_real_releases(name, version, django, expected):
    status, reason, _ = judge.judge(recorded_meta(name, version), step_target(django))
    assert status == expected, reason


def test_upper_bound_counts_only_when_uploaded_after_the_release():
    # django-celery-beat 2.5.0 (uploaded 2023-03-14) requires Django<5.0: without its classifiers, the
    # bound admits 4.2, but 4.2 was released 2023-04-03, after the upload, so it cannot vouch for it ...
    real = recorded_meta("django-celery-beat", "2.5.0")
    assert real.uploaded == dt.date(2023, 3, 14) and "4.2" in judge.declared_versions(real)
    meta = ReleaseMeta(real.version, real.requires_dist, real.requires_python, [], uploaded=real.uploaded)
    assert judge.judge(meta, step_target("4.2"))[0] == NOT_DECLARED
    # ... the same bound on a release uploaded after 4.2 does.
    later = ReleaseMeta(meta.version, meta.requires_dist, meta.requires_python, [], uploaded=dt.date(2023, 6, 1))
    status, reason, _ = judge.judge(later, step_target("4.2"))
    assert status == YES and "uploaded 2023-06-01 after Django 4.2" in reason
    # a lower bound alone never counts
    lower = ReleaseMeta("1", ["Django>=3.2"], None, [], uploaded=dt.date(2030, 1, 1))
    assert judge.judge(lower, step_target("4.2"))[0] == NOT_DECLARED


def test_major_only_classifier_needs_a_later_upload():
    meta = recorded_meta("django-cte", "1.2.1")  # declares "Django :: 4" and "4.0", uploaded 2022-07-07
    assert "4" in judge.declared_versions(meta)
    assert judge.judge(meta, step_target("4.0"))[0] == YES
    assert judge.judge(meta, step_target("4.2"))[0] == NOT_DECLARED  # 4.2 came out in 2023


def test_requires_python_excluding_the_steps_python_blocks():
    meta = recorded_meta("django-filter", "24.1")  # Django>=4.2, Requires-Python >=3.8
    assert judge.judge(meta, step_target("5.0", "3.10"))[0] == YES
    crispy = recorded_meta("django-crispy-forms", "2.7")  # requires Python >=3.10
    status, reason, py_ok = judge.judge(crispy, StepTarget("6.0.10", "6.0", dt.date(2025, 12, 3), "3.9"))
    assert (status, py_ok) == (BLOCKED, False)
    assert "requires Python >=3.10" in reason


def test_markers_are_evaluated_for_the_steps_python_and_extras_ignored():
    meta = ReleaseMeta("4.8.2", [
        'django (>=3.2,<5) ; python_version >= "3.8" and python_version < "3.10"',
        'django (>=3.2,<6) ; python_version >= "3.10" and python_version < "3.12"',
        'django (<3) ; extra == "old"',
    ], ">=3.8", [])
    assert str(judge.django_requirement(meta, "3.9")) == "<5,>=3.2"
    assert judge.judge(meta, step_target("5.0", "3.9"))[0] == BLOCKED
    assert judge.judge(meta, step_target("5.0", "3.11"))[0] == NOT_DECLARED


def test_what_counts_as_django_related():
    assert judge.depends_on_django(recorded_meta("django-crispy-forms", "1.14.0"))  # classifiers only
    assert judge.depends_on_django(recorded_meta("django-filter", "2.4.0"))
    assert judge.depends_on_django(recorded_meta("django-cte", "1.1.5"))  # "Framework :: Django" only
    assert not judge.depends_on_django(recorded_meta("requests", "2.32.3"))
    assert not judge.depends_on_django(ReleaseMeta("1", ['django>=4; extra == "dj"'], None, []))
