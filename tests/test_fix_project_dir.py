"""`fix` targets the Django of the project the paths belong to, wherever it is run from."""

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from upgrader.cli import cli
from upgrader.commands.fix import _project_dir


def _project(tmp_path: Path) -> Path:
    proj = tmp_path / "shop"
    (proj / "app").mkdir(parents=True)
    (proj / "manage.py").write_text("")
    (proj / "requirements.txt").write_text("Django==3.2.25\n")
    (proj / "app" / "views.py").write_text("from django.utils.encoding import force_text\nx = force_text(1)\n")
    (proj / "app" / "storage.py").write_text(
        "from django.core.files.storage import get_storage_class\nS = get_storage_class()\n"
    )
    return proj


def test_project_dir_found_from_parent_and_from_inside(tmp_path, monkeypatch):
    proj = _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert _project_dir(("shop",)) == (proj, True)
    assert _project_dir(("shop/app/views.py",)) == (proj, True)
    monkeypatch.chdir(proj / "app")
    assert _project_dir((".",)) == (proj, True)
    assert _project_dir(()) == (proj, True)


def _fix_from_parent(tmp_path, env):
    proj = _project(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "upgrader", "fix", "shop", "--diff", "--format", "json"],
        cwd=tmp_path, capture_output=True, text=True, env=env,
    )
    assert proc.returncode == 1, proc.stderr
    assert "get_storage_class" in (proj / "app" / "storage.py").read_text()
    assert "STORAGES" not in proc.stdout  # the 4.2 codemod must not run on a 3.2 project
    assert "force_str" in proc.stdout


def test_fix_from_parent_uses_the_projects_django(tmp_path, foreign_django_venv):
    """Regression: run from the parent directory, fix used to take the Django of python on PATH
    and applied 4.2-only codemods (get_storage_class -> STORAGES) to a 3.2 project."""
    path = f"{foreign_django_venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    _fix_from_parent(tmp_path, {**env, "PATH": path})


def test_fix_ignores_an_active_virtualenv_that_is_not_the_projects(tmp_path, foreign_django_venv):
    """Regression: with a newcomer's venv active (the README's `pip install -e '.[test]'` puts Django
    in it), $VIRTUAL_ENV's Django was taken for the project's."""
    path = f"{foreign_django_venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    _fix_from_parent(tmp_path, {**os.environ, "PATH": path, "VIRTUAL_ENV": str(foreign_django_venv)})


def _loose(tmp_path: Path) -> Path:
    scratch = tmp_path / "scratch"
    for i in range(3):  # (a large directory beside the files: the home directory, /tmp)
        (scratch / "other" / f"pkg{i}").mkdir(parents=True)
        (scratch / "other" / f"pkg{i}" / "mod.py").write_text("from django.utils.encoding import force_text\n")
    (scratch / "views.py").write_text("from django.utils.encoding import force_text\nx = force_text(1)\n")
    (scratch / "settings.py").write_text("INSTALLED_APPS = []\nUSE_L10N = True\n")
    return scratch


def test_loose_files_are_not_a_walk_of_their_directory(tmp_path, monkeypatch):
    """Regression: ``fix /tmp/x.py`` (no project marker above the file) took /tmp for the project
    and walked all of it for its settings modules: 2.3 s for one small file (12 s the first time),
    where the file alone takes 0.3 s. Files outside any project are only themselves."""
    scratch = _loose(tmp_path)
    monkeypatch.chdir(scratch)
    assert _project_dir(("views.py",)) == (scratch, False), "a project marker above the test's directory"
    walked = []
    scandir = os.scandir

    def spy(path=".", *args):
        walked.append(os.path.abspath(path))
        return scandir(path, *args)

    monkeypatch.setattr(os, "scandir", spy)
    for args in (["views.py", "settings.py"], [str(scratch / "views.py")]):
        result = CliRunner().invoke(cli, ["fix", "--diff", "--target", "5.0", *args], catch_exceptions=False)
        assert result.exit_code == 1, result.output
        assert "+x = force_str(1)" in result.output
        assert not [d for d in walked if d.startswith(str(scratch / "other"))], walked
    # a settings module given among the files is still told by its INSTALLED_APPS: USE_L10N goes
    result = CliRunner().invoke(cli, ["fix", "--diff", "--target", "5.0", "views.py", "settings.py"])
    assert "-USE_L10N = True" in result.output


def test_a_loose_directory_is_walked_as_given(tmp_path, monkeypatch):
    """A directory given outside any project is the tree to fix: its files are all found."""
    scratch = _loose(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["fix", "--check", "--target", "5.0", "scratch"], catch_exceptions=False)
    assert result.exit_code == 1
    for i in range(3):
        assert f"pkg{i}" in result.output
