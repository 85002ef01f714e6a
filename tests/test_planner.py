"""The planner: path, Python per step, support status, --via lts, removed changes and occurrences."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest

import release_data
from upgrader import planner
from core.errors import UsageError
from upgrader.planner import build_plan, plan_to_json, plan_to_matrix, support_status

DATA = release_data.load(use_refreshed=False)


@pytest.fixture
def legacy(tmp_path):
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "settings.py").write_text("INSTALLED_APPS = ['shop']\nUSE_L10N = True\n")
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "__init__.py").write_text("default_app_config = 'shop.apps.ShopConfig'\n")
    (tmp_path / "shop" / "urls.py").write_text("from django.conf.urls import url\nurlpatterns = [url('^$', None)]\n")
    return tmp_path


def test_full_path_one_feature_release_at_a_time():
    plan = build_plan("/nonexistent", "3.2.10", "5.2", data=DATA, scan=False)
    assert [s.to for s in plan.steps] == ["3.2.25", "4.0.10", "4.1.13", "4.2.30", "5.0.14", "5.1.15", "5.2.19"]
    assert [s.kind for s in plan.steps][:2] == ["patch", "feature"]
    assert [s.lts for s in plan.steps] == [True, False, False, True, False, False, True]
    assert plan.steps[0].removed == []
    assert {rc.id for rc in plan.steps[1].removed} >= {"force-text", "conf-urls-url", "ugettext"}
    assert plan.steps[3].removed == [] or all(rc.removed_in == "4.2" for rc in plan.steps[3].removed)


def test_python_advice_and_python_ok():
    plan = build_plan("/nonexistent", "3.2.25", "5.0", data=DATA, scan=False, python_version="3.6.15")
    assert plan.python == "3.6"
    steps = {s.to: s for s in plan.steps}
    assert steps["4.0.10"].python_ok is False
    advice = steps["4.0.10"].python_advice
    assert advice.move_to == "3.8" and advice.current_series == "3.2"
    assert "move to Python 3.8" in advice.message
    # 4.2 -> 5.0 needs 3.10; after the earlier move the project is assumed on 3.8
    advice = steps["5.0.14"].python_advice
    assert advice.move_to == "3.10" and advice.current_series == "4.2"
    # 4.1 does not run 3.6 either: the move advised before 4.0 covers it (said, not advised again)
    carried = steps["4.1.13"].python_advice
    assert carried.move_to == "3.8" and carried.before == "4.0.10"
    assert "advised before Django 4.0.10 covers it" in carried.message
    assert [m["python"] for m in plan_to_matrix(plan)] == ["3.8", "3.8", "3.8", "3.10"]


def test_python_patch_release_of_current_series():
    # Project on 3.2.5 with Python 3.9; 4.0 runs 3.8-3.10 -> fine. 3.10 on 3.2 needs 3.2.9.
    plan = build_plan("/nonexistent", "5.2.1", "6.0", data=DATA, scan=False, python_version="3.11")
    step = plan.steps[-1]
    assert step.python_ok is False
    assert step.python_advice.move_to == "3.12"
    assert step.python_advice.current_series_patch in ("5.2", "5.2.0")
    plan = build_plan("/nonexistent", "4.2.1", "5.0", data=DATA, scan=False, python_version="3.9")
    adv = plan.steps[-1].python_advice
    assert adv.move_to == "3.10"
    # a release that runs only older Pythons than the project's: python_ok says so, no advice to move back
    plan = build_plan("/nonexistent", "4.1.13", "5.2", data=DATA, scan=False, python_version="3.13")
    first_bad = next(s for s in plan.steps if s.python_ok is False)
    assert first_bad.python_advice is None


def test_python_added_in_a_patch_counts():
    # Python 3.10 arrived in Django 3.2.9: 3.2.5 does not run it, 3.2.25 does.
    rel = DATA.release("3.2")
    assert planner._runs(rel, "3.2.5", "3.10") is False
    assert planner._runs(rel, "3.2.25", "3.10") is True
    assert rel.min_patch_for_python("3.10") == "3.2.9"


def test_unknown_python_is_null():
    plan = build_plan("/nonexistent", "4.2.1", "5.0", data=DATA, scan=False)
    assert all(s.python_ok is None for s in plan.steps)
    assert all(s.python_for_ci for s in plan.steps)


def test_support_status_messages():
    on = dt.date(2026, 11, 25)
    assert support_status(DATA.release("3.2"), on).message == "3.2 has had no security fixes since 2024-04-01"
    assert support_status(DATA.release("3.2"), on).status == "unsupported"
    s = support_status(DATA.release("5.2"), on)
    assert s.status == "extended" and "2028-04" in s.message
    s = support_status(DATA.release("6.1"), on)
    assert s.status == "mainstream"
    assert support_status(DATA.release("2028"), on).status == "unreleased"
    assert support_status(DATA.release("4.2"), dt.date(2023, 6, 1)).status == "mainstream"


def test_today_override(monkeypatch):
    monkeypatch.setenv("DJANGO_UPGRADE_TODAY", "2024-01-15")
    plan = build_plan("/nonexistent", "3.2.25", "4.2", data=DATA, scan=False)
    assert plan.today == "2024-01-15"
    assert plan.support_current.status == "extended"
    monkeypatch.setenv("DJANGO_UPGRADE_TODAY", "yesterday")
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        build_plan("/nonexistent", "3.2.25", "4.2", data=DATA, scan=False)


def test_via_lts_hops_and_safety(legacy):
    plan = build_plan(legacy, "3.2.1", "5.2", data=DATA, via="lts")
    assert [s.to for s in plan.steps] == ["3.2.25", "4.2.30", "5.2.19"]
    hop = plan.steps[1].hop
    assert hop.start == "3.2" and hop.to == "4.2" and hop.skipped == ["4.0", "4.1"]
    assert hop.safe_by_policy is True
    assert hop.occurrences >= 3 and hop.safe is False  # url(), default_app_config, USE_L10N? (5.0)
    assert "deprecation policy" in hop.message and "skips 4.0, 4.1" in hop.message
    removed = {rc.id for rc in plan.steps[1].removed}
    assert {"conf-urls-url", "default-app-config"} <= removed  # 4.0 and 4.1 removals come with the hop
    hop2 = plan.steps[2].hop
    assert hop2.start == "4.2" and hop2.skipped == ["5.0", "5.1"]
    # to a non-LTS target: LTS hops, then the target itself
    plan = build_plan("/nonexistent", "3.2.25", "5.1", data=DATA, via="lts", scan=False)
    assert [s.to for s in plan.steps] == ["4.2.30", "5.1.15"]
    assert plan.steps[-1].hop.skipped == ["5.0"]


def test_via_lts_clean_project_is_safe(tmp_path):
    (tmp_path / "app.py").write_text("print('nothing deprecated')\n")
    plan = build_plan(tmp_path, "4.2.30", "5.2", data=DATA, via="lts")
    hop = plan.steps[-1].hop
    assert hop.safe_by_policy and hop.occurrences == 0
    assert hop.safe == (hop.safe_by_policy and hop.occurrences == 0)


def test_via_lts_flags_deprecations_newer_than_the_start():
    # A made-up change deprecated in 4.1 and removed in 4.2 would break the policy for a 3.2 -> 4.2 hop.
    import dataclasses

    base = DATA.change("force-text")
    odd = dataclasses.replace(base, id="odd-change", deprecated_in="4.0", removed_in="4.2")
    data = release_data.ReleaseData(releases=DATA.releases, changes=[*DATA.changes, odd])
    plan = build_plan("/nonexistent", "3.2.25", "4.2", data=data, via="lts", scan=False)
    hop = plan.steps[-1].hop
    assert hop.safe_by_policy is False and hop.late == ["odd-change"]
    assert "NOT covered" in hop.message


def test_occurrences_land_on_the_step_that_removes_them(legacy):
    plan = build_plan(legacy, "3.2.25", "5.0", data=DATA)
    by_step = {s.to: {rc.id: rc for rc in s.removed} for s in plan.steps}
    url = by_step["4.0.10"]["conf-urls-url"]
    assert url.scanned and [(o.file, o.line) for o in url.occurrences] == [("shop/urls.py", 1), ("shop/urls.py", 2)]
    assert [o.file for o in by_step["4.1.13"]["default-app-config"].occurrences] == ["shop/__init__.py"]
    assert [o.line for o in by_step["5.0.14"]["use-l10n"].occurrences] == [2]
    assert plan.pending_occurrences >= 4


def test_autofix_comes_from_the_codemod_registry(monkeypatch):
    import sys
    import types

    fake_pkg = types.ModuleType("codemods")
    fake_pkg.__path__ = []
    fake = types.ModuleType("codemods.registry")

    class ForceText:
        name = "force-text-to-force-str"

    fake.codemods_for_change = lambda cid: [ForceText] if cid == "force-text" else []
    monkeypatch.setitem(sys.modules, "codemods", fake_pkg)
    monkeypatch.setitem(sys.modules, "codemods.registry", fake)
    plan = build_plan("/nonexistent", "3.2.25", "4.0", data=DATA, scan=False)
    autofix = {rc.id: rc.autofix for rc in plan.steps[0].removed}
    assert autofix["force-text"] == ["force-text-to-force-str"]
    assert autofix["conf-urls-url"] == []


def test_autofix_without_registry(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "codemods.registry", None)  # import fails
    plan = build_plan("/nonexistent", "3.2.25", "4.0", data=DATA, scan=False)
    assert all(rc.autofix == [] for rc in plan.steps[0].removed)


def test_json_keys_are_stable(legacy):
    doc = plan_to_json(build_plan(legacy, "3.2.25", "4.1", data=DATA, python_version="3.9"))
    json.dumps(doc)
    for key in ("current", "target", "steps", "support", "python", "current_source", "up_to_date", "summary"):
        assert key in doc
    step = doc["steps"][0]
    for key in ("to", "feature_release", "python", "python_ok", "lts", "removed", "dependencies", "python_advice"):
        assert key in step
    assert step["to"] == "4.0.10" and step["python"] == ["3.8", "3.9", "3.10"] and step["python_ok"] is True
    removed = {r["id"]: r for r in step["removed"]}
    assert set(removed["conf-urls-url"]) >= {"id", "old", "new", "autofix", "occurrences"}
    assert removed["conf-urls-url"]["occurrences"][0] == {"file": "shop/urls.py", "line": 1,
                                                         "text": "from django.conf.urls import url",
                                                         "fixable_by": "url_to_path", "reason": None}
    assert "undetectable_reason" in removed["conf-urls-url"]
    assert step["dependencies"] == []


def test_refreshed_data_moves_the_target(tmp_path):
    path = release_data.refreshed_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"fetched_at": "x", "releases": {"6.1": {"latest_patch": "6.1.4", "patches": ["6.1", "6.1.4"]}}}))
    data = release_data.load()
    plan = build_plan(tmp_path, "6.0.10", "latest", data=data, scan=False)
    assert plan.target == "6.1.4" and plan.data_source == "refreshed"


def test_plan_says_when_files_may_use_the_syntax_of_the_projects_newer_python(tmp_path):
    """A file the tool's Python cannot parse, in a project on a newer Python: the plan says why."""
    from upgrader.render.plan import render_text

    (tmp_path / "views.py").write_text(
        'from django.utils.encoding import force_text\nx = {"a": 1}\ny = force_text(f"{x["a"]}")\n')
    ours = f"{sys.version_info[0]}.{sys.version_info[1]}"
    newer = f"{sys.version_info[0]}.{sys.version_info[1] + 1}"
    if sys.version_info >= (3, 12):  # (the file parses: nothing to say)
        pytest.skip("the f-string nesting the same quotes parses on this Python")
    text = render_text(build_plan(tmp_path, "3.2.25", "4.0", data=DATA, python_version=newer))
    assert "could not scan views.py: cannot parse" in text
    assert f"did not parse with the Python django-upgrade runs on ({ours}), older than the project's ({newer})" in text
    same = render_text(build_plan(tmp_path, "3.2.25", "4.0", data=DATA, python_version=ours))
    assert "could not scan views.py: cannot parse" in same and "did not parse with the Python" not in same
