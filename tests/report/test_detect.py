"""Test-command detection against real interpreters."""

from __future__ import annotations

import pytest

from tests.harvest.djproject import make_project
from core.errors import UsageError
from upgrader.project import Project
from upgrader.testrun import command_from_words, detect_test_command, parse_counts

pytestmark = pytest.mark.integration


def test_detection(flavour_python, tmp_path):
    py = flavour_python("5.2")
    plain = make_project(tmp_path / "a", "5.2")
    cmd = detect_test_command(Project(plain, py))
    assert (cmd.kind, cmd.argv) == ("manage.py", [py, "-Wa", "manage.py", "test"])
    withpytest = make_project(tmp_path / "b", "5.2", pytest=True)
    cmd = detect_test_command(Project(withpytest, py))
    assert (cmd.kind, cmd.argv) == ("pytest-django", [py, "-Wa", "-m", "pytest"])
    (withpytest / "pyproject.toml").write_text('[tool.django-upgrade]\ntest-command = "python manage.py test --parallel 2"\n')
    cmd = detect_test_command(Project(withpytest, py))
    assert (cmd.kind, cmd.argv) == ("configured", [py, "-Wa", "manage.py", "test", "--parallel", "2"])
    assert command_from_words(Project(plain, py), ["tox", "-e", "py"]) == ["tox", "-e", "py"]
    with pytest.raises(UsageError):
        detect_test_command(Project(tmp_path, py))


def test_summary_parsing():
    assert parse_counts(["Ran 7 tests in 0.1s", "", "FAILED (failures=1, errors=2, skipped=1)"]) == {
        "passed": 3, "failed": 1, "errors": 2, "skipped": 1, "runner": "unittest"}
    assert parse_counts(["==== 1 failed, 5 passed, 2 skipped, 9 warnings, 1 error in 1.30s ===="]) == {
        "passed": 5, "failed": 1, "errors": 1, "skipped": 2, "runner": "pytest"}


def test_summary_fallback_reads_the_quiet_pytest_line():
    """Only a fallback (runners the harvester does not see): ``-q`` prints the line undecorated."""
    assert parse_counts(["2 failed, 3 passed, 1 skipped, 2 warnings in 0.22s"]) == {
        "passed": 3, "failed": 2, "errors": 0, "skipped": 1, "runner": "pytest"}
