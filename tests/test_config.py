"""``[tool.django-upgrade]`` yes/no options: a TOML boolean or a string, read the same everywhere."""

from __future__ import annotations

import pytest

from core.config import flag, load_config
from upgrader.project import Project
from upgrader.step.preflight import deps_enabled


@pytest.mark.parametrize("value, expected", [
    ("true", True), ("false", False), ('"yes"', True), ('"on"', True), ('"1"', True),
    ('"no"', False), ('""', False),
])
def test_check_deps_flag(tmp_path, value, expected):
    (tmp_path / "pyproject.toml").write_text(f"[tool.django-upgrade]\ncheck-deps = {value}\n")
    assert flag(load_config(tmp_path), "check-deps") is expected
    project = Project(tmp_path)
    assert deps_enabled(project, None, False) is expected  # step: the config when no option is given
    assert deps_enabled(project, not expected, False) is (not expected)  # --check-deps / --no-check-deps win
    assert deps_enabled(project, None, True) is True  # --upgrade-deps needs the index


def test_absent_flag_is_off(tmp_path):
    assert flag(load_config(tmp_path), "check-deps") is False
    assert flag(None, "check-deps") is False
