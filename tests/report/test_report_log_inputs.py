"""``report --from-log``: a log that is not a test run's output is bad input, not an empty green report."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from upgrader.cli import cli


@pytest.fixture
def shop(tmp_path):
    root = tmp_path / "shop"
    root.mkdir()
    (root / "requirements.txt").write_text("Django==4.2.20\n")
    return root


def _report(shop, log, *args):
    return CliRunner().invoke(cli, ["report", str(shop), "--from-log", str(log), *args], catch_exceptions=False)


@pytest.mark.parametrize("text", ["", "Collecting django\nInstalling collected packages: django\n"])
def test_a_log_with_no_test_results_is_bad_input(shop, tmp_path, text):
    log = tmp_path / "ci.log"
    log.write_text(text)
    result = _report(shop, log, "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no test results" in lines[0] and str(log) in lines[0]


@pytest.mark.parametrize("text", [
    "...\n----------------------------------------------------------------------\nRan 3 tests in 0.002s\n\nOK\n",
    "============================== 3 passed in 0.12s ===============================\n",
])
def test_a_clean_test_run_is_a_green_report(shop, tmp_path, text):
    log = tmp_path / "ci.log"
    log.write_text(text)
    result = _report(shop, log, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["groups"] == 0
