"""The installer against real venvs, real pip and a real uv."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.venvs import make_venv, python_for
from upgrader import installer

pytestmark = pytest.mark.integration

SMALL = "sqlparse==0.5.3"  # a small pure-Python wheel


def test_installed_version_and_freeze(cache_python):
    assert installer.installed_version(cache_python, "django") == "4.2.30"
    assert installer.installed_version(cache_python, "Django") == "4.2.30"
    assert installer.installed_version(cache_python, "redis") == "5.2.1"
    assert installer.installed_version(cache_python, "not-installed-anywhere") is None
    freeze = installer.pip_freeze(cache_python)
    assert "Django==4.2.30" in freeze and "pymemcache==4.0.0" in freeze


def test_unrunnable_interpreter(tmp_path):
    assert installer.installed_version(tmp_path / "nope" / "python", "django") is None
    assert installer.pip_freeze(tmp_path / "nope" / "python") == []
    result = installer.install(tmp_path / "nope" / "python", [SMALL])
    assert not result.ok and result.returncode != 0


def test_install_with_pip(tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_UPGRADE_NO_UV", "1")
    py = make_venv(python_for(python="3.11"), [], fresh=tmp_path / "v")
    assert installer.installed_version(py, "sqlparse") is None
    result = installer.install(py, [SMALL], project_dir=tmp_path)
    assert result.ok, result.output_tail
    assert result.tool == "pip" and result.command[:4] == [str(py), "-m", "pip", "install"]
    assert SMALL in result.command
    assert installer.installed_version(py, "sqlparse") == "0.5.3"
    assert "sqlparse==0.5.3" in installer.pip_freeze(py)
    removed = installer.uninstall(py, ["sqlparse"])
    assert removed.ok, removed.output_tail
    assert installer.installed_version(py, "sqlparse") is None


def test_install_requirement_files_relative_to_the_project(tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_UPGRADE_NO_UV", "1")
    py = make_venv(python_for(python="3.11"), [], fresh=tmp_path / "v")
    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements.txt").write_text(SMALL + "\n")
    result = installer.install(py, ["-r", "requirements.txt"], project_dir=project)
    assert result.ok, result.output_tail
    assert installer.installed_version(py, "sqlparse") == "0.5.3"


def test_a_failed_install_is_a_result_not_an_exception(tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_UPGRADE_NO_UV", "1")
    py = make_venv(python_for(python="3.11"), [], fresh=tmp_path / "v")
    result = installer.install(py, [str(tmp_path / "no-such-directory")], project_dir=tmp_path)
    assert not result.ok
    assert result.returncode not in (0, None)
    assert "no-such-directory" in result.output_tail


@pytest.fixture(scope="module")
def uv_bin():
    uv_python = make_venv(python_for(python="3.11"), ["uv==0.13.9"])
    bindir = Path(uv_python).parent
    assert (bindir / "uv").is_file()
    return bindir


def test_install_with_uv_into_a_venv_without_pip(tmp_path, monkeypatch, uv_bin):
    monkeypatch.delenv("DJANGO_UPGRADE_NO_UV", raising=False)
    monkeypatch.setenv("PATH", f"{uv_bin}{os.pathsep}{os.environ['PATH']}")
    venv = tmp_path / "nopip"
    subprocess.run([python_for(python="3.11"), "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    result = installer.install(py, [SMALL])
    assert result.ok, result.output_tail
    assert result.tool == "uv"
    assert result.command[:5] == [str(uv_bin / "uv"), "pip", "install", "--python", str(py)]
    assert installer.installed_version(py, "sqlparse") == "0.5.3"
    assert "sqlparse==0.5.3" in installer.pip_freeze(py)  # no pip in that venv: uv's freeze


def test_uv_is_ignored_when_asked(monkeypatch, uv_bin):
    monkeypatch.setenv("PATH", f"{uv_bin}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DJANGO_UPGRADE_NO_UV", "1")
    command, tool = installer.install_command(sys.executable, [SMALL])
    assert tool == "pip" and command[1:4] == ["-m", "pip", "install"]
