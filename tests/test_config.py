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


# -- the typed configuration, read once (core.config) -------------------------------------------------
import subprocess  # noqa: E402
import sys  # noqa: E402

from core.config import Config  # noqa: E402
from core.errors import UsageError  # noqa: E402


def test_config_is_typed_and_the_command_line_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.django-upgrade]\ntarget = "4.2"\nskip-codemods = "force_text"\nonly_codemods = ["a", "b"]\n'
        'jobs = "3"\ntest-command = ["pytest", "-x"]\nsettings = "site_.settings"\n'
    )
    config = load_config(tmp_path)
    assert isinstance(config, Config)
    assert (config.target, config.skip_codemods, config.only_codemods, config.jobs) == ("4.2", ("force_text",), ("a", "b"), 3)
    assert config.test_command == ("pytest", "-x") and config.settings == "site_.settings"
    assert config.get("only-codemods") == ["a", "b"] and config["skip_codemods"] == "force_text"  # raw keys
    assert config.pick("5.0", "target") == "5.0" and config.pick(None, "target") == "4.2"
    assert config.pick(None, "fail-on", "none") == "none" and config.pick(None, "jobs") == 3


def test_project_reads_the_config_once(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.django-upgrade]\nsettings = "a.settings"\n')
    project = Project(tmp_path)
    first = project.config
    (tmp_path / "pyproject.toml").write_text('[tool.django-upgrade]\nsettings = "b.settings"\n')
    assert project.config is first and project.settings_module == "a.settings"


@pytest.mark.parametrize("body, message", [
    ('jobs = "many"', "[tool.django-upgrade] jobs: not a number: 'many'"),
    ("target = [1]", "[tool.django-upgrade] target: expected a string"),
    ("skip-codemods = 3", "[tool.django-upgrade] skip-codemods: expected a name or a list of names"),
])
def test_bad_config_values_are_bad_input(tmp_path, body, message):
    (tmp_path / "pyproject.toml").write_text(f"[tool.django-upgrade]\n{body}\n")
    with pytest.raises(UsageError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_config(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "upgrader", "plan", str(tmp_path), "--from", "3.2"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [f"django-upgrade: error: {proc.stderr.split('error: ', 1)[1].strip()}"]
    assert message.split(":")[0] in proc.stderr
