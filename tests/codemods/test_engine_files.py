"""File discovery: git-tracked + untracked-not-ignored, skipped directories, templates, boundaries."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from core.files import discover


def _names(found, root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in found.files)


def _layout(root: Path) -> None:
    for rel, text in {
        "app/views.py": "x = 1\n",
        "app/templates/app/page.html": "{{ x }}\n",
        "app/templates/app/mail.txt": "hello\n",
        "app/static/app/readme.txt": "not a template\n",
        "node_modules/pkg/x.py": "",
        "build/lib/app/views.py": "",
        "dist/x.py": "",
        ".tox/py/x.py": "",
        ".nox/s/x.py": "",
        "env/pyvenv.cfg": "home = /usr\n",
        "env/lib/python3.11/site-packages/django/x.py": "",
        "lib/site-packages/y.py": "",
        "app/data.json": "{}",
    }.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def test_walk_skips_environments_and_build_dirs(tmp_path):
    _layout(tmp_path)
    found = discover([tmp_path], use_git=False)
    assert _names(found, tmp_path) == [
        "app/static/app/readme.txt",  # a template candidate; file_kind decides from its text later
        "app/templates/app/mail.txt",
        "app/templates/app/page.html",
        "app/views.py",
    ]


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_git_tracked_and_untracked_not_ignored(tmp_path):
    _layout(tmp_path)
    (tmp_path / ".gitignore").write_text("ignored_dir/\nsecret.py\n")
    (tmp_path / "ignored_dir").mkdir()
    (tmp_path / "ignored_dir" / "gen.py").write_text("")
    (tmp_path / "secret.py").write_text("")
    (tmp_path / "tracked.py").write_text("")
    (tmp_path / "untracked.py").write_text("")
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "tracked.py", ".gitignore"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "init"], cwd=tmp_path, check=True)
    (tmp_path / "app" / "gone.py").write_text("")
    subprocess.run([*git, "add", "app/gone.py"], cwd=tmp_path, check=True)
    (tmp_path / "app" / "gone.py").unlink()  # tracked but deleted: not a file any more
    found = discover([tmp_path])
    names = _names(found, tmp_path)
    assert "tracked.py" in names and "untracked.py" in names and "app/views.py" in names
    assert "secret.py" not in names and "ignored_dir/gen.py" not in names
    assert "app/gone.py" not in names
    assert not any(n.startswith(("node_modules", "build", "dist", ".tox", ".nox", "env/", "lib/")) for n in names)
    # a subdirectory of the repository: only what is under it
    sub = discover([tmp_path / "app"])
    assert all(str(p).startswith(str(tmp_path / "app")) for p in sub.files)
    assert (tmp_path / "app" / "views.py") in sub.files


def test_explicit_files_and_dedup(tmp_path):
    _layout(tmp_path)
    views = tmp_path / "app" / "views.py"
    found = discover([views, views, tmp_path / "app" / "data.json", tmp_path / "missing.py"], use_git=False)
    assert found.files == [views]
    assert (str(tmp_path / "missing.py"), "no such file or directory") in found.skipped


def test_given_directory_inside_a_skipped_name_is_still_searched(tmp_path):
    # skip rules apply below the given path, not to the path itself (e.g. a site-packages/django tree)
    pkg = tmp_path / "site-packages" / "django"
    pkg.mkdir(parents=True)
    (pkg / "a.py").write_text("")
    assert _names(discover([pkg], use_git=False), pkg) == ["a.py"]
