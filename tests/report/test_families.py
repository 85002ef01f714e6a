"""Warning families: Django's own warnings that are not deprecations form their own group."""

from __future__ import annotations

from upgrader.harvest import WarningRecord
from upgrader.report import group
from upgrader.report.model import FAMILIES, by_family

SITE = "/venv/lib/python3.12/site-packages"


def _groups(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text("x = 1\n")
    views = str(tmp_path / "app" / "views.py")
    records = [
        WarningRecord("django.utils.deprecation.RemovedInDjango60Warning", "old thing is deprecated", views, 1),
        WarningRecord("django.views.generic.edit.DeleteViewCustomDeleteWarning",
                      "DeleteView uses FormMixin to handle POST requests.", views, 1),
        WarningRecord("RuntimeWarning", "DateTimeField Item.created received a naive datetime (2020-01-01)",
                      f"{SITE}/django/db/models/fields/__init__.py", 1595),
        WarningRecord("django.core.checks.messages.Warning", "Your URL pattern '/x' has a route beginning with a '/'.",
                      "", 0, kind="check", check_id="urls.W002"),
        WarningRecord("django.core.checks.messages.Warning", "NullBooleanField is deprecated.", "", 0, kind="check",
                      check_id="fields.W903"),
        WarningRecord("DeprecationWarning", "pkg_resources is deprecated", f"{SITE}/somelib/__init__.py", 3),
        WarningRecord("RuntimeWarning", "coroutine was never awaited", views, 1),  # not Django's: not reported
    ]
    return group(records, None, project_dir=tmp_path)


def test_families(tmp_path):
    fam = {name: [g.message.split()[0] for g in gs] for name, gs in by_family(_groups(tmp_path)).items()}
    assert list(fam) == [f for f in FAMILIES if f in fam]
    assert fam["django-deprecation"] == ["old"]
    assert sorted(fam["django-other"]) == ["DateTimeField", "DeleteView", "Your"]
    assert fam["check"] == ["NullBooleanField"]
    assert fam["other"] == ["pkg_resources"]


def test_family_is_in_the_json_and_new_groups_do_not_count_as_deprecations(tmp_path):
    groups = {g.message.split()[0]: g for g in _groups(tmp_path)}
    assert groups["DateTimeField"].to_json()["family"] == "django-other"
    assert not groups["DateTimeField"].django_related and not groups["Your"].django_related
    assert groups["NullBooleanField"].django_related and groups["old"].django_related
