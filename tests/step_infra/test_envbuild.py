"""build_project_venv on real interpreters found at run time, with real pip."""

from __future__ import annotations

import subprocess

import pytest

from tests.venvs import python_for
from upgrader import installer
from upgrader.envbuild import build_project_venv, project_requirements, resolve_python
from core.errors import UsageError
from core.interpreter import pyenv_interpreters


def _version(python) -> str:
    return subprocess.run([str(python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                          capture_output=True, text=True, check=True).stdout.strip()


def test_resolve_by_version_path_and_venv_dir(tmp_path):
    found = pyenv_interpreters()
    if "3.12" not in found:
        from tests.venvs import missing

        missing("no Python 3.12 interpreter (pyenv or python3.12 on PATH)")
    assert resolve_python("3.12") == found["3.12"]
    assert resolve_python("python3.12") == found["3.12"]
    assert resolve_python(found["3.12"]) == found["3.12"]
    venv = tmp_path / "v"
    subprocess.run([found["3.12"], "-m", "venv", "--without-pip", str(venv)], check=True)
    assert resolve_python(venv) == str(venv / "bin" / "python")


def test_unknown_interpreter_is_one_clear_line(tmp_path):
    with pytest.raises(UsageError, match=r"no Python 3\.99 interpreter found") as exc:
        resolve_python("3.99")
    assert "\n" not in str(exc.value)
    with pytest.raises(UsageError, match="no Python interpreter at"):
        resolve_python(str(tmp_path / "missing" / "python"))
    with pytest.raises(UsageError):
        build_project_venv("3.99", tmp_path, tmp_path / "v")
    assert not (tmp_path / "v").exists()


def test_requirements_txt_with_dev_file(tmp_path):
    (tmp_path / "requirements.txt").write_text("django\n")
    (tmp_path / "requirements-dev.txt").write_text("pytest\n")
    assert project_requirements(tmp_path) == ["-r", "requirements.txt", "-r", "requirements-dev.txt"]


def test_requirements_directory(tmp_path):
    d = tmp_path / "requirements"
    d.mkdir()
    for name in ("base.txt", "production.txt", "test.txt", "local.txt"):
        (d / name).write_text("")
    assert project_requirements(tmp_path) == [
        "-r", "requirements/base.txt", "-r", "requirements/local.txt", "-r", "requirements/test.txt",
    ]
    (d / "test.txt").unlink()
    (d / "local.txt").unlink()
    (d / "extra.txt").write_text("")
    assert project_requirements(tmp_path) == ["-r", "requirements/base.txt", "-r", "requirements/extra.txt"]


def test_installable_project(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "x"\nversion = "1"\n[project.optional-dependencies]\ntest = ["pytest"]\n'
    )
    assert project_requirements(tmp_path) == ["-e", ".[test]"]
    (tmp_path / "pyproject.toml").write_text('[tool.poetry]\nname = "x"\npackage-mode = false\n[build-system]\nrequires=[]\n')
    assert project_requirements(tmp_path) == []
    (tmp_path / "setup.py").write_text("from setuptools import setup\nsetup()\n")
    assert project_requirements(tmp_path) == ["-e", "."]


def test_refuses_a_non_empty_destination(tmp_path):
    dest = tmp_path / "v"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine")
    with pytest.raises(UsageError, match="not empty"):
        build_project_venv(python_for(python="3.11"), tmp_path, dest)
    assert (dest / "keep.txt").read_text() == "mine"


@pytest.mark.integration
def test_builds_a_venv_on_another_python_with_the_project_requirements(tmp_path):
    python_for(python="3.12")  # skip/fail clearly when missing
    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements.txt").write_text("Django==4.2.30\n")
    (project / "requirements-dev.txt").write_text("sqlparse==0.5.3\n")
    vpy = build_project_venv("3.12", project, project / ".venv-py3.12")
    assert vpy == project / ".venv-py3.12" / "bin" / "python"
    assert _version(vpy) == "3.12"
    assert installer.installed_version(vpy, "django") == "4.2.30"
    assert installer.installed_version(vpy, "sqlparse") == "0.5.3"


@pytest.mark.integration
def test_installable_package_and_extra_requirement(tmp_path):
    project = tmp_path / "pkgproject"
    (project / "mypkg").mkdir(parents=True)
    (project / "mypkg" / "__init__.py").write_text("")
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "mypkg"\nversion = "0.1"\ndependencies = ["sqlparse==0.5.3"]\n'
    )
    vpy = build_project_venv(python_for(python="3.11"), project, tmp_path / "v", extra=["asgiref==3.8.1"])
    assert installer.installed_version(vpy, "mypkg") == "0.1"
    assert installer.installed_version(vpy, "sqlparse") == "0.5.3"
    assert installer.installed_version(vpy, "asgiref") == "3.8.1"


@pytest.mark.integration
def test_failed_install_is_a_step_failure(tmp_path):
    from core.errors import EXIT_STEP_FAILED, UpgradeError

    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements.txt").write_text(f"{tmp_path / 'no-such-local-package'}\n")
    with pytest.raises(UpgradeError) as exc:
        build_project_venv(python_for(python="3.11"), project, tmp_path / "v")
    assert exc.value.exit_code == EXIT_STEP_FAILED
    assert "installing the project's requirements" in str(exc.value)
    assert "\n" not in str(exc.value)
