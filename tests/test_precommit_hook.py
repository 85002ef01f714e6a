"""The pre-commit hook for ``fix`` (.pre-commit-hooks.yaml) with a current pre-commit release."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def _pre_commit(*args, **kw) -> subprocess.CompletedProcess:
    pytest.importorskip("pre_commit")
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], capture_output=True, text=True, **kw)


def test_manifest_is_valid_for_this_pre_commit():
    proc = _pre_commit("validate-manifest", str(HOOKS))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    hook = yaml.safe_load(HOOKS.read_text())[0]
    assert hook["id"] == "django-upgrade-fix"
    assert hook["entry"].split()[0] == "django-upgrade-assistant"  # not the name the peer tool also installs
    from importlib import metadata

    scripts = {ep.name for ep in metadata.distribution("django-upgrade-assistant").entry_points
               if ep.group == "console_scripts"}
    assert hook["entry"].split()[0] in scripts


@pytest.mark.slow
def test_hook_fixes_a_project_through_pre_commit(tmp_path):
    repo = tmp_path / "proj"
    (repo / "app").mkdir(parents=True)
    (repo / "requirements.txt").write_text("Django==3.2.25\n")
    (repo / "manage.py").write_text("")
    (repo / "app" / "views.py").write_text("from django.utils.encoding import force_text\nx = force_text(1)\n")
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    for cmd in (["init", "-q"], ["add", "."], ["commit", "-qm", "init"]):
        subprocess.run([*git, *cmd], cwd=repo, check=True, capture_output=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    proc = _pre_commit("try-repo", str(ROOT), "django-upgrade-fix", "--all-files", cwd=repo, env=env, timeout=900)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # files were modified: the commit stops
    assert "files were modified by this hook" in proc.stdout
    assert "force_str" in (repo / "app" / "views.py").read_text()
    proc = _pre_commit("try-repo", str(ROOT), "django-upgrade-fix", "--all-files", cwd=repo, env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout  # a second run changes nothing
