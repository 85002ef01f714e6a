"""`fix` targets the Django of the project the paths belong to, wherever it is run from."""

import os
import subprocess
import sys
from pathlib import Path

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
    assert _project_dir(("shop",)) == proj
    assert _project_dir(("shop/app/views.py",)) == proj
    monkeypatch.chdir(proj / "app")
    assert _project_dir((".",)) == proj
    assert _project_dir(()) == proj


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
