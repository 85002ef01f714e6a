"""The file layer's helpers for the places that need one directory or one tree (core.walk)."""

from __future__ import annotations

from pathlib import Path

from core.files import bytecode_under, listdir, manage_py_files, package_dirs, tree


def _write(root: Path, rels: list[str]) -> None:
    for rel in rels:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")


def test_tree_prunes_venvs_and_tool_dirs_unless_asked(tmp_path):
    _write(tmp_path, ["a/x.py", "a/b/y.py", "a/n.txt", ".venv/pyvenv.cfg", ".venv/lib/z.py", "node_modules/q.py",
                      "venv2/pyvenv.cfg", "venv2/w.py", "a/__pycache__/x.cpython-311.pyc"])
    rel = lambda ps: [p.relative_to(tmp_path).as_posix() for p in ps]  # noqa: E731
    assert rel(tree(tmp_path, "*.py")) == ["a/b/y.py", "a/x.py"]
    assert "node_modules/q.py" in rel(tree(tmp_path, "*.py", prune=False))
    assert rel(listdir(tmp_path / "a", "*.py")) == ["a/x.py"] and listdir(tmp_path / "missing") == []


def test_package_dirs_manage_py_and_bytecode(tmp_path):
    _write(tmp_path, ["src/manage.py", "shop/migrations/__init__.py", "shop/migrations/0001_initial.py",
                      "notes/migrations/readme.txt", ".venv/pyvenv.cfg", ".venv/lib/django/db/migrations/__init__.py",
                      "shop/__pycache__/m.cpython-311.pyc", "shop/stray.pyc", ".git/objects/x.pyc"])
    assert package_dirs(tmp_path, "migrations") == [tmp_path / "shop" / "migrations"]
    assert manage_py_files(tmp_path) == [tmp_path / "src" / "manage.py"]
    caches, stray = bytecode_under(tmp_path)
    assert caches == [tmp_path / "shop" / "__pycache__"] and stray == [tmp_path / "shop" / "stray.pyc"]


def test_real_path_is_realpath_through_symlinked_directories_and_files(tmp_path, monkeypatch):
    import os

    from core.walk import real_path

    (tmp_path / "real" / "pkg").mkdir(parents=True)
    (tmp_path / "real" / "pkg" / "a.py").write_text("x = 1\n")
    (tmp_path / "real" / "pkg" / "target.py").write_text("y = 1\n")
    os.symlink(tmp_path / "real", tmp_path / "link")
    os.symlink("target.py", tmp_path / "real" / "pkg" / "alias.py")
    cases = [tmp_path / "link" / "pkg" / "a.py", tmp_path / "real" / "pkg" / "a.py",
             tmp_path / "link" / "pkg" / "alias.py", tmp_path / "link" / "pkg" / ".." / "pkg" / "a.py",
             tmp_path / "link" / "pkg" / "missing.py", tmp_path / "link"]
    for path in cases * 2:  # (the second time from the remembered directories)
        assert real_path(path) == os.path.realpath(path), path
    assert real_path(tmp_path / "link" / "pkg" / "alias.py").endswith("target.py")
    monkeypatch.chdir(tmp_path / "link")
    assert real_path("pkg/a.py") == os.path.realpath("pkg/a.py")
