"""``plan`` and ``fix`` see the same files of a project (the one file layer, ``core.files``): the same
use of a removed API is found in the same files by both, and neither looks into virtualenvs,
node_modules, build directories, git-ignored directories or symlinks leading out of the tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

USE = "from django.utils.encoding import force_text\n\n\ndef label(x):\n    return force_text(x)\n"


def _tree(root: Path, outside: Path) -> None:
    files = {
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_.settings')\n",
        "requirements.txt": "Django==3.2.25\n",
        "site_/__init__.py": "",
        "site_/settings.py": "INSTALLED_APPS = []\nSECRET_KEY = 'x'\n",
        "app/__init__.py": "",
        "app/views.py": USE,
        "app/migrations/__init__.py": "",
        "docs/conf.py": USE,
        ".gitignore": "ignored/\n",
        "ignored/gen.py": USE,
        ".venv/pyvenv.cfg": "home = /usr\n",
        ".venv/lib/python3.11/site-packages/pkg/mod.py": USE,
        "env/pyvenv.cfg": "home = /usr\n",
        "env/lib/mod.py": USE,
        "node_modules/pkg/tool.py": USE,
        "build/lib/app/views.py": USE,
        "dist/old.py": USE,
        "pkg.egg-info/x.py": USE,
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (outside / "shared.py").write_text(USE)
    (root / "app" / "linked.py").symlink_to(outside / "shared.py")


def _run(root: Path, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE")}
    proc = subprocess.run([sys.executable, "-m", "upgrader", *args, "--format", "json"], cwd=root,
                          capture_output=True, text=True, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_plan_and_fix_see_the_same_files(tmp_path):
    root, outside = tmp_path / "proj", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    _tree(root, outside)
    git = ["git", "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "manage.py", "app", "site_", ".gitignore", "requirements.txt"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "init"], cwd=root, check=True)  # docs/ stays untracked (not ignored)

    plan = _run(root, "plan", "--from", "3.2", "--to", "4.0")
    planned = {occ["file"] for step in plan["steps"] for change in step["removed"] if change["id"] == "force-text"
               for occ in change["occurrences"]}
    fixed = {Path(f["path"]).as_posix() for f in _run(root, "fix", "--check", "--target", "4.0", "--only", "force_text")["files"]
             if f["changed"]}
    assert planned == {"app/views.py", "docs/conf.py"}
    assert fixed == planned


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("spelling", [".", "./", "proj", "proj/", "ABS", "proj/app", "proj/app/views.py"])
def test_fix_reuses_the_project_walk_only_where_it_is_the_same_walk(tmp_path, monkeypatch, spelling):
    """``fix`` hands the engine the project's own walk (``ProjectFiles.discovery_as``) instead of
    walking the tree again: for the project's root, however it is spelt, it is exactly what
    ``discover`` finds (same paths, same spelling, same skipped entries); for anything else, None."""
    from core.files import ProjectFiles, discover

    root, outside = tmp_path / "proj", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    _tree(root, outside)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "manage.py", "app", "site_", ".gitignore"], cwd=root, check=True)
    arg = str(root) if spelling == "ABS" else spelling
    monkeypatch.chdir(root if spelling in (".", "./") else tmp_path)
    reused = ProjectFiles(root).discovery_as(arg)
    if spelling.startswith("proj/app"):
        assert reused is None
        return
    walked = discover([arg])
    assert reused is not None and reused.files == walked.files and reused.skipped == walked.skipped
    assert [str(p) for p in reused.files] == [str(p) for p in walked.files] and len(walked.files) > 3
    assert walked.skipped  # (the symlink out of the tree: reported the same way)
