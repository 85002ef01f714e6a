"""The test suite's own configuration: the default run leaves out the slow tests, on two workers."""

from __future__ import annotations

import re
import tomlkit
from pathlib import Path

from tests.conftest import SLOW, _is_slow

ROOT = Path(__file__).resolve().parent.parent


def test_every_slow_entry_names_an_existing_test():
    for entry in SLOW:
        path, _, name = entry.partition("::")
        text = (ROOT / path).read_text(encoding="utf-8")
        if name:
            assert re.search(rf"^def {re.escape(name)}\(", text, re.M), entry


def test_slow_matching():
    assert _is_slow("tests/deps/test_blockers_real.py::test_x[a-b]")
    assert _is_slow("tests/codemods/test_lines.py::test_statement_lines_equal_position_provider")
    assert not _is_slow("tests/codemods/test_lines.py::test_statement_lines_equal_position_provider_2")


def test_default_addopts_run_two_workers_without_the_slow_tests():
    opts = tomlkit.parse((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["addopts"]
    assert "-n auto" in opts and "-m 'not slow'" in opts
    ci = (ROOT / ".ci" / "run").read_text()
    assert '-m "slow or not slow"' in ci and "chromium" in ci
