"""A failure of the harvester itself is the tool's failure (``RunResult.tool_error``), never "the
project's tests failed" and never a silent "0 warnings"."""

from __future__ import annotations

import io
import os

import pytest

from tests.runners.envs import env_python
from tests.runners.project import make_project
from upgrader.project import Project
from upgrader.testrun import run_with_harvester

pytestmark = pytest.mark.integration

FAULT = "DJANGO_UPGRADE_HARVEST_FAULT"


def _run(tmp_path, argv_tail, fault, addopts=None):
    py = env_python("pytest8")
    project = make_project(tmp_path / "p", pytest_addopts=addopts)
    buf = io.StringIO()
    result = run_with_harvester(Project(project, py), [py, *argv_tail], out=buf, env=dict(os.environ, **{FAULT: fault}))
    return result, buf.getvalue()


def test_an_internalerror_of_our_pytest_plugin_is_the_tools_failure(tmp_path):
    result, output = _run(tmp_path, ["-Wa", "-m", "pytest", "-p", "no:cacheprovider"], "pytest_runtest_makereport", "-q")
    assert "INTERNALERROR>" in output
    assert result.returncode == 3
    assert result.tool_error and "INTERNALERROR in the harvester's pytest plugin" in result.tool_error, result.tool_error
    assert "injected fault in pytest_runtest_makereport" in result.tool_error
    assert result.runner_error is None
    assert result.failed_tests == [] and not [d for d in result.diagnoses if d.origin != "tool"]


def test_an_exception_inside_the_harvester_is_reported_not_swallowed(tmp_path):
    """The recorder fails on every warning: the suite still runs and is counted, but the result says
    the warnings are incomplete because the TOOL failed (a report must not say "0 warnings")."""
    result, output = _run(tmp_path, ["-Wa", "manage.py", "test"], "showwarning")
    assert result.structured and result.failed == 1 and result.errors == 1, output[-2000:]
    assert result.tool_error and "the harvester failed in showwarning" in result.tool_error
    assert "injected fault in showwarning" in result.tool_error
    assert not [w for w in result.warnings if "RemovedInDjango" in w.category]


def test_a_runner_internalerror_that_is_not_ours_is_not_the_tools(tmp_path):
    py = env_python("pytest8")
    project = make_project(tmp_path / "p", pytest_addopts="")
    (project / "conftest.py").write_text(
        "def pytest_collection_modifyitems(items):\n    raise KeyError('the project conftest broke')\n")
    result = run_with_harvester(Project(project, py), [py, "-Wa", "-m", "pytest", "-p", "no:cacheprovider"],
                                stream=False)
    assert result.returncode == 3
    assert result.tool_error is None
    assert result.runner_error and "the project conftest broke" in result.runner_error


def test_report_exits_70_when_the_harvester_fails(tmp_path):
    """``django-upgrade report`` says the tool failed (exit 70) instead of reporting no warnings."""
    import subprocess
    import sys

    py = env_python("pytest8")
    project = make_project(tmp_path / "p")
    proc = subprocess.run([sys.executable, "-m", "upgrader", "report", str(project), "--python", py, "--quiet"],
                          capture_output=True, text=True, env=dict(os.environ, **{FAULT: "showwarning"}), timeout=600)
    assert proc.returncode == 70, proc.stderr[-2000:]
    assert "the warning harvester failed" in proc.stderr and "injected fault in showwarning" in proc.stderr
