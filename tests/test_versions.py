"""Version handling in the planner: calendar versions, pre-releases, already at target, downgrades."""

from __future__ import annotations

import dataclasses

import pytest

import release_data
from core import versions
from core.errors import UsageError
from upgrader.planner import build_plan, resolve_target

DATA = release_data.load(use_refreshed=False)


def with_release(data, version, **changes):
    """A copy of the release data where one release is changed (e.g. 6.2 released, 2028 out)."""
    rels = [dataclasses.replace(r, **changes) if r.version == version else r for r in data.releases]
    return release_data.ReleaseData(releases=rels, changes=data.changes, source=data.source)


def test_calendar_version_arithmetic():
    assert versions.feature("2028.1") == "2028"
    assert versions.feature("2028") == "2028"
    assert versions.patch_of("2028.3") == 3
    assert versions.is_feature_only("2028") and not versions.is_feature_only("2028.1")
    assert versions.feature_key("2028") > versions.feature_key("6.2")
    assert versions.warning_release("RemovedInDjango70Warning") == "2028"


def test_targets_resolve():
    assert resolve_target(DATA, "latest") == (DATA.latest_released().latest_patch, DATA.latest_released().version)
    assert resolve_target(DATA, "lts") == ("5.2.19", "5.2")
    assert resolve_target(DATA, "4.2") == ("4.2.30", "4.2")
    assert resolve_target(DATA, "4.2.8") == ("4.2.8", "4.2")
    assert resolve_target(DATA, "v5.0") == ("5.0.14", "5.0")


@pytest.mark.parametrize(
    "target,needle",
    [
        ("7.0", "there is no Django 7.x"),
        ("3.3", "unknown target"),
        ("1.10", "starts at Django 1.11"),
        ("2028", "not released yet"),
        ("6.2", "not released yet"),
        ("3.2.99", "latest 3.2 patch is 3.2.25"),
        ("banana", "not a Django version"),
        ("6.1rc1", "pass --pre"),
    ],
)
def test_bad_targets(target, needle):
    with pytest.raises(UsageError) as info:
        resolve_target(DATA, target)
    assert needle in str(info.value)


def test_prereleases_only_with_pre():
    data = with_release(DATA, "6.2", prereleases=("6.2a1", "6.2b1"))
    with pytest.raises(UsageError, match="--pre"):
        resolve_target(data, "6.2")
    assert resolve_target(data, "6.2", pre=True) == ("6.2b1", "6.2")
    assert resolve_target(data, "latest") == ("6.1.3", "6.1")
    assert resolve_target(data, "latest", pre=True) == ("6.2b1", "6.2")
    assert resolve_target(data, "lts", pre=True) == ("6.2b1", "6.2")
    assert resolve_target(data, "6.2a1", pre=True) == ("6.2a1", "6.2")
    with pytest.raises(UsageError, match="unknown pre-release"):
        resolve_target(data, "6.2rc3", pre=True)
    plan = build_plan("/nonexistent", "6.0.10", "6.2", data=data, pre=True, scan=False)
    assert [s.to for s in plan.steps] == ["6.1.3", "6.2b1"]
    assert plan.steps[-1].prerelease


def test_calendar_release_path():
    data = with_release(DATA, "6.2", status="released", latest_patch="6.2.3", patches=("6.2", "6.2.1", "6.2.3"))
    data = with_release(data, "2028", status="released", latest_patch="2028.2", python=("3.12", "3.13", "3.14"))
    assert resolve_target(data, "2028") == ("2028.2", "2028")
    assert resolve_target(data, "2028.1") == ("2028.1", "2028")
    plan = build_plan("/nonexistent", "6.1.3", "latest", data=data, scan=False, python_version="3.12")
    assert [s.to for s in plan.steps] == ["6.2.3", "2028.2"]
    assert [s.feature_release for s in plan.steps] == ["6.2", "2028"]
    removed_2028 = {rc.id for rc in plan.steps[-1].removed}
    assert "email-settings-mailers" in removed_2028
    plan = build_plan("/nonexistent", "2028.1", "2028", data=data, scan=False)
    assert [(s.to, s.kind) for s in plan.steps] == [("2028.2", "patch")]


def test_already_at_target_is_an_empty_plan():
    plan = build_plan("/nonexistent", "5.2.19", "5.2", data=DATA, scan=False)
    assert plan.steps == [] and plan.up_to_date
    assert "already at Django 5.2.19" in plan.message
    plan = build_plan("/nonexistent", "6.1.3", "latest", data=DATA, scan=False)
    assert plan.up_to_date


def test_same_series_upgrade_is_one_patch_step():
    plan = build_plan("/nonexistent", "3.2.4", "3.2", data=DATA, scan=False)
    assert [(s.to, s.kind) for s in plan.steps] == [("3.2.25", "patch")]
    plan = build_plan("/nonexistent", "3.2.4", "3.2.10", data=DATA, scan=False)
    assert [s.to for s in plan.steps] == ["3.2.10"]


def test_inexact_current_gets_the_patch_step():
    plan = build_plan("/nonexistent", "3.2", "4.0", data=DATA, scan=False)
    assert [(s.to, s.kind) for s in plan.steps] == [("3.2.25", "patch"), ("4.0.10", "feature")]
    plan = build_plan("/nonexistent", "3.2.25", "4.0", data=DATA, scan=False)
    assert [s.to for s in plan.steps] == ["4.0.10"]


@pytest.mark.parametrize("current,target", [("4.2.1", "3.2"), ("4.2.10", "4.2.9"), ("5.0", "4.2.30")])
def test_downgrade_is_refused(current, target):
    with pytest.raises(UsageError, match="does not downgrade"):
        build_plan("/nonexistent", current, target, data=DATA, scan=False)


def test_current_older_than_data():
    with pytest.raises(UsageError, match="older than the release data"):
        build_plan("/nonexistent", "1.10.8", "latest", data=DATA, scan=False)


def test_plan_from_1_11_goes_through_2_0_and_2_1():
    plan = build_plan("/nonexistent", "1.11.29", "2.2", data=DATA, scan=False)
    assert [s.to for s in plan.steps] == ["2.0.13", "2.1.15", "2.2.28"]
