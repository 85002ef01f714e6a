"""A test suite repeats the same few warnings thousands of times: the report matches each distinct
warning against release data, finds its settings line and classifies its file once (100,000
warnings of one kind took 25 s, now 3 s), and groups exactly as before."""

from __future__ import annotations

import release_data
from upgrader.harvest import WarningRecord
from upgrader.report import group
from upgrader.report import settings_lines

L10N = ("The USE_L10N setting is deprecated. Starting with Django 5.0, localized formatting of data will "
        "always be enabled. For example Django will display numbers and dates using the format of the "
        "current locale.")
FORCE_TEXT = "django.utils.encoding.force_text() is deprecated in favor of force_str()."


def _project(tmp_path):
    (tmp_path / "manage.py").write_text(
        'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cfg.settings")\n')
    (tmp_path / "site_cfg").mkdir()
    (tmp_path / "site_cfg" / "__init__.py").write_text("")
    (tmp_path / "site_cfg" / "settings.py").write_text("INSTALLED_APPS = []\n\nUSE_L10N = True\n")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text("x = 1\n" * 50)
    return tmp_path


def test_each_distinct_warning_is_looked_at_once(tmp_path, monkeypatch):
    root = _project(tmp_path)
    views = str(root / "app" / "views.py")
    conf = "/venv/lib/python3.12/site-packages/django/conf/__init__.py"
    records = []
    for i in range(3000):
        records.append(WarningRecord("django.utils.deprecation.RemovedInDjango50Warning", L10N, conf, 210))
        records.append(WarningRecord("django.utils.deprecation.RemovedInDjango40Warning", FORCE_TEXT, views, 1 + i % 40))
    data = release_data.load(use_refreshed=False)
    asked, assigned = [], []
    match, find = data.match_warning, settings_lines.find_assignment
    monkeypatch.setattr(data, "match_warning", lambda c, m: asked.append(m) or match(c, m))
    monkeypatch.setattr(settings_lines, "find_assignment", lambda f, n: assigned.append(n) or find(f, n))
    groups = group(records, data, project_dir=root)
    assert len(asked) == 2 and len(assigned) == 1
    by_change = {}
    for g in groups:
        by_change.setdefault(g.change_id, []).append(g)
    (l10n,) = by_change["use-l10n"]
    assert (l10n.file, l10n.line, l10n.count) == ("site_cfg/settings.py", 3, 3000)
    assert sorted(g.line for g in by_change["force-text"]) == list(range(1, 41))
    assert sum(g.count for g in by_change["force-text"]) == 3000
