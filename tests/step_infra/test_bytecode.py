from __future__ import annotations

import subprocess
import sys

from upgrader.caches import clear_bytecode


def test_removes_pycache_and_stray_pyc_but_not_in_venvs_or_git(tmp_path):
    app = tmp_path / "app"
    app.mkdir()
    (app / "models.py").write_text("X = 1\n")
    (app / "views.py").write_text("Y = 2\n")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(app)], check=True)
    assert len(list((app / "__pycache__").glob("*.pyc"))) == 2
    (app / "legacy.pyc").write_bytes(b"old")
    venv = tmp_path / ".venv"
    (venv / "lib" / "__pycache__").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr\n")
    (venv / "lib" / "__pycache__" / "x.pyc").write_bytes(b"keep")
    other_venv = tmp_path / "env-py312"
    (other_venv / "__pycache__").mkdir(parents=True)
    (other_venv / "pyvenv.cfg").write_text("")
    (other_venv / "__pycache__" / "y.pyc").write_bytes(b"keep")
    for protected in (".git", "node_modules", ".tox"):
        (tmp_path / protected / "__pycache__").mkdir(parents=True)
        (tmp_path / protected / "__pycache__" / "z.pyc").write_bytes(b"keep")

    assert clear_bytecode(tmp_path) == 3

    assert not (app / "__pycache__").exists()
    assert not (app / "legacy.pyc").exists()
    assert (app / "models.py").read_text() == "X = 1\n"
    assert (venv / "lib" / "__pycache__" / "x.pyc").exists()
    assert (other_venv / "__pycache__" / "y.pyc").exists()
    for protected in (".git", "node_modules", ".tox"):
        assert (tmp_path / protected / "__pycache__" / "z.pyc").exists()
    assert clear_bytecode(tmp_path) == 0
