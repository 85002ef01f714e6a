"""``django-upgrade step`` and a third-party blocker, end to end: a real venv (Django 3.2.25), real pip,
``legacy-compressor`` built in the test (1.0 imports ``force_text``; 2.0 is fixed) and served by a
local index that pip also installs from."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.deps import legacy_project
from tests.deps.legacy_project import console_script
from tests.deps.wheel_index import WheelIndex

pytestmark = pytest.mark.integration


@pytest.fixture
def site(tmp_path):
    with WheelIndex(legacy_project.wheels(tmp_path)) as index:
        project, py = legacy_project.make(tmp_path, index)
        yield project, py, index


def _freeze(py) -> str:
    return subprocess.run([str(py), "-m", "pip", "freeze", "--disable-pip-version-check"], capture_output=True,
                          text=True, check=True).stdout


def _step(project, py, index, *args, timeout=1500):
    env = legacy_project.env(PIP_EXTRA_INDEX_URL=index.simple_url)  # pip finds legacy-compressor here
    return subprocess.run([console_script(), "step", str(project), "--python", str(py), "--index-url", index.simple_url,
                           *args], capture_output=True, text=True, env=env, timeout=timeout)


def test_step_without_upgrade_deps_stops_before_any_change_and_says_what_to_do(site):
    project, py, index = site
    freeze = _freeze(py)
    head = legacy_project.git(project, "rev-parse", "HEAD")
    proc = _step(project, py, index)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    err = proc.stderr
    assert "legacy-compressor 1.0 blocks Django 4.0" in err
    assert "legacy_compressor/__init__.py:2 uses django.utils.encoding.force_text()" in err
    assert "legacy-compressor 2.0 fixes it" in err and "--upgrade-deps" in err
    assert "Traceback" not in err
    # nothing changed: the work tree, the commits, the installed packages
    assert legacy_project.git(project, "status", "--porcelain") == ""
    assert legacy_project.git(project, "rev-parse", "HEAD") == head
    assert _freeze(py) == freeze
    # with --format json the refusal is a report on stdout (CI reads it), not only a line on stderr
    proc = _step(project, py, index, "--format", "json")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    doc = json.loads(proc.stdout)
    [step] = doc["steps"]
    assert (doc["exit_code"], step["status"], step["phase"]) == (1, "blocked", "dependencies")
    assert "legacy-compressor 1.0 blocks Django 4.0" in step["message"] and "--upgrade-deps" in step["message"]
    assert legacy_project.git(project, "status", "--porcelain") == ""


def test_step_with_upgrade_deps_moves_the_blocker_to_the_fix_with_django(site):
    project, py, index = site
    proc = _step(project, py, index, "--upgrade-deps", "--format", "json")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    report = json.loads(proc.stdout)["steps"][0]
    assert report["to"].startswith("4.0")
    reqs = (project / "requirements.txt").read_text()
    assert "legacy-compressor==2.0" in reqs and "Django==4.0." in reqs
    freeze = _freeze(py).lower()
    assert "legacy-compressor==2.0" in freeze and "django==4.0." in freeze
