"""Snapshots: exact bytes and modes back, created files deleted, the recorded Django reinstalled."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from tests.step_infra.conftest import DJANGO, run_git
from tests.venvs import make_venv, python_for
from upgrader import gitutil, installer
from core.errors import UsageError
from upgrader.snapshot import Snapshot

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def project(tmp_path):
    p = tmp_path / "proj"
    (p / "shop" / "migrations").mkdir(parents=True)
    (p / "requirements.txt").write_bytes(b"Django==4.2.30  # pinned\r\nredis>=4\r\n")
    (p / "shop" / "models.py").write_bytes("# caf\u00e9\nfrom django.db import models\n".encode())
    (p / "shop" / "migrations" / "__init__.py").write_bytes(b"")
    (p / "shop" / "migrations" / "0001_initial.py").write_bytes(b"# initial\n")
    (p / "run.sh").write_bytes(b"#!/bin/sh\necho hi\n")
    (p / "run.sh").chmod(0o755)
    (p / "data.bin").write_bytes(bytes(range(256)))
    return p


FILES = ["requirements.txt", "shop/models.py", "run.sh", "data.bin", "poetry.lock", "newpkg/sub/new.py"]


def _state(root):
    return {
        str(f.relative_to(root)): (f.read_bytes(), stat.S_IMODE(f.stat().st_mode))
        for f in sorted(root.rglob("*"))
        if f.is_file() and ".django-upgrade" not in f.parts
    }


def _mutate(p):
    (p / "requirements.txt").write_text("Django==5.0.14\n")
    (p / "shop" / "models.py").write_text("changed\n")
    (p / "run.sh").chmod(0o644)
    (p / "data.bin").unlink()
    (p / "poetry.lock").write_text("lock\n")
    (p / "newpkg" / "sub").mkdir(parents=True)
    (p / "newpkg" / "sub" / "new.py").write_text("new\n")
    (p / "shop" / "migrations" / "0002_auto.py").write_text("# created by makemigrations\n")
    (p / "shop" / "migrations" / "__pycache__").mkdir()
    (p / "shop" / "migrations" / "__pycache__" / "0002_auto.cpython-311.pyc").write_bytes(b"pyc")


def test_files_only_roundtrip(project):
    before = _state(project)
    snap = Snapshot.take(project, FILES, label="4.2-to-5.0", track_dirs=["shop/migrations"])
    assert snap.django is None and snap.python is None
    manifest = json.loads((project / ".django-upgrade" / "rollback" / "4.2-to-5.0" / "manifest.json").read_text())
    assert {f["path"]: f["existed"] for f in manifest["files"]} == {
        "requirements.txt": True, "shop/models.py": True, "run.sh": True, "data.bin": True,
        "poetry.lock": False, "newpkg/sub/new.py": False,
    }
    assert manifest["tracked"] == ["shop/migrations/0001_initial.py", "shop/migrations/__init__.py"]
    _mutate(project)
    assert Snapshot.load_latest(project).changed_files() == [
        "requirements.txt", "shop/models.py", "run.sh", "data.bin", "poetry.lock", "newpkg/sub/new.py",
        "shop/migrations/0002_auto.py",
    ]

    result = Snapshot.load_latest(project).restore()

    assert _state(project) == before
    assert sorted(result.restored) == ["data.bin", "requirements.txt", "run.sh", "shop/models.py"]
    assert sorted(result.deleted) == ["newpkg/sub/new.py", "poetry.lock", "shop/migrations/0002_auto.py"]
    assert not (project / "newpkg").exists()
    assert not (project / "shop" / "migrations" / "__pycache__" / "0002_auto.cpython-311.pyc").exists()
    assert (project / "shop" / "migrations").is_dir()
    assert Snapshot.load_latest(project).changed_files() == []
    again = Snapshot.load_latest(project).restore()  # idempotent
    assert again.restored == [] and again.deleted == [] and len(again.unchanged) == 4


def test_add_records_more_files_before_they_change(project):
    snap = Snapshot.take(project, ["requirements.txt"], label="s")
    original = (project / "shop" / "models.py").read_bytes()
    snap.add(["shop/models.py", project / "uv.lock"])
    (project / "shop" / "models.py").write_text("x\n")
    (project / "uv.lock").write_text("x\n")
    result = Snapshot.load(project, "s").restore()
    assert (project / "shop" / "models.py").read_bytes() == original
    assert not (project / "uv.lock").exists()
    assert result.deleted == ["uv.lock"]


def test_latest_and_same_label_replaced(project):
    Snapshot.take(project, ["requirements.txt"], label="b-first")
    (project / "requirements.txt").write_text("Django==5.0.14\n")
    Snapshot.take(project, ["requirements.txt"], label="a-second")
    assert [s.label for s in Snapshot.list(project)] == ["b-first", "a-second"]
    assert Snapshot.load_latest(project).label == "a-second"
    (project / "requirements.txt").write_text("Django==5.1\n")
    Snapshot.take(project, ["requirements.txt"], label="b-first")  # same label: replaced, now newest
    assert Snapshot.load_latest(project).label == "b-first"
    Snapshot.load_latest(project).restore()
    assert (project / "requirements.txt").read_text() == "Django==5.1\n"
    leftovers = [p.name for p in (project / ".django-upgrade" / "rollback").iterdir() if p.name.startswith(".")]
    assert leftovers == [".gitignore"]


def test_nothing_to_roll_back_and_bad_paths(project, tmp_path):
    with pytest.raises(UsageError, match="nothing to roll back"):
        Snapshot.load_latest(project)
    with pytest.raises(UsageError, match="outside the project"):
        Snapshot.take(project, [tmp_path / "elsewhere.txt"])
    with pytest.raises(UsageError, match="outside the project"):
        Snapshot.take(project, ["../elsewhere.txt"])
    with pytest.raises(UsageError, match="no rollback snapshot"):
        Snapshot.load(project, "missing")


def test_corrupt_saved_copy_is_refused(project):
    snap = Snapshot.take(project, ["requirements.txt"], label="s")
    (snap.directory / "files" / "requirements.txt").write_text("tampered")
    (project / "requirements.txt").write_text("changed")
    from core.errors import UpgradeError

    with pytest.raises(UpgradeError, match="corrupt"):
        snap.restore()
    assert (project / "requirements.txt").read_text() == "changed"


def test_snapshots_do_not_dirty_the_git_tree(project, git_env):
    run_git(project, "init", "-q")
    run_git(project, "add", "-A")
    run_git(project, "commit", "-q", "-m", "init")
    Snapshot.take(project, ["requirements.txt"], label="s")
    assert run_git(project, "status", "--porcelain") == ""
    assert gitutil.is_clean(project) == (True, [])


@pytest.mark.integration
def test_restore_in_a_later_process_reinstalls_django(project, tmp_path):
    py = make_venv(python_for(django="4.2"), [DJANGO], fresh=tmp_path / "venv")
    before = _state(project)
    snap = Snapshot.take(project, FILES, python=py, label="4.2-to-5.0", track_dirs=["shop/migrations"])
    assert snap.django == "4.2.30"
    assert "Django==4.2.30" in snap.freeze
    _mutate(project)
    assert installer.install(py, ["django==4.2.29"]).ok
    assert installer.installed_version(py, "django") == "4.2.29"

    code = (
        "import json, sys; from upgrader.snapshot import Snapshot; "
        "r = Snapshot.load_latest(sys.argv[1]).restore(); print(json.dumps(r.to_json()))"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)

    assert result["ok"] and result["django_before"] == "4.2.29" and result["django_after"] == "4.2.30"
    assert result["install"]["ok"]
    assert installer.installed_version(py, "django") == "4.2.30"
    assert _state(project) == before
