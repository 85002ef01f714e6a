"""Real Django projects run through manage.py test (serial and --parallel), pytest-django and xdist:
every deprecation is harvested and grouped at the file and line Django points to."""

from __future__ import annotations

import pytest

import release_data
from tests.harvest.djproject import EXPECT, expected_line
from upgrader.report import group, parse_log

pytestmark = pytest.mark.integration

CASES = [(f, r) for f in ("4.2", "5.2", "6.1") for r in ("manage", "manage-parallel", "pytest", "xdist")]


def _check(groups, project, flavour):
    for fragment, rel, marker in EXPECT[flavour]:
        hits = [g for g in groups if fragment in g.message]
        assert hits, f"{fragment!r} not reported; got {[g.message[:60] for g in groups]}"
        if rel is not None:
            line = expected_line(project, rel, marker)
            assert any(g.file == rel and g.line == line and g.origin == "first-party" for g in hits), \
                [(g.file, g.line, g.origin) for g in hits]


@pytest.mark.parametrize("flavour,runner", CASES)
def test_harvested_warnings_point_at_user_code(harvested_run, flavour_python, flavour, runner):
    project, result, output = harvested_run(flavour, runner)
    assert result.returncode == 0, output[-3000:]
    assert result.passed == 5 and result.failed == 0 and result.errors == 0
    data = release_data.load()
    groups = group(result.warnings, data, project_dir=project, python=flavour_python(flavour))
    _check(groups, project, flavour)
    # warnings raised inside a test carry that test's id
    tests_marker = [g for g in groups if g.file == "demo/tests.py"]
    assert tests_marker and tests_marker[0].tests
    test_id = tests_marker[0].tests[0]
    if runner.startswith("manage"):
        assert test_id.startswith("demo.tests.ModelTests.test_")
    else:
        assert test_id.startswith("demo/tests.py::ModelTests::test_")
    # settings deprecations are attributed to the settings module
    settings = [g for g in groups if g.file == "proj/settings.py"]
    assert settings and settings[0].attributed_from
    # the change each maps to exists in release_data
    assert all(g.change_id for g in groups if g.origin == "first-party"), [g.message for g in groups if not g.change_id]
    if runner in ("manage-parallel", "xdist"):
        pids = {r.pid for r in result.warnings if r.test}
        assert len(pids) >= 1


@pytest.mark.parametrize("flavour,runner", [(f, r) for f in ("4.2", "5.2", "6.1") for r in ("manage", "xdist")])
def test_log_of_the_same_run_gives_the_same_report(harvested_run, flavour_python, flavour, runner):
    project, result, output = harvested_run(flavour, runner)
    records = parse_log(output)
    assert records
    groups = group(records, release_data.load(), project_dir=project, python=flavour_python(flavour))
    _check(groups, project, flavour)
