"""core.metafiles: the project's metadata files read leniently (None for missing or malformed files)."""

from __future__ import annotations

import ast

from core.metafiles import read_ini, read_toml, setup_keywords


def test_readers_return_none_for_missing_and_malformed_files(tmp_path):
    assert read_toml(tmp_path / "pyproject.toml") is None
    assert read_ini(tmp_path / "setup.cfg") is None
    assert setup_keywords(tmp_path / "setup.py") is None
    (tmp_path / "pyproject.toml").write_text("[project\n")
    (tmp_path / "setup.cfg").write_text("no section header\n")
    (tmp_path / "setup.py").write_text("setup(\n")
    assert read_toml(tmp_path / "pyproject.toml") is None
    assert read_ini(tmp_path / "setup.cfg") is None
    assert setup_keywords(tmp_path / "setup.py") is None


def test_readers_return_the_content(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n')
    (tmp_path / "tox.ini").write_text("[testenv]\ncommands = pytest %(x)s\n[testenv]\ndeps = x\n")
    (tmp_path / "setup.py").write_text(
        "from setuptools import setup\nif X:\n    setup(name='a', install_requires=[])\nelse:\n    setuptools.setup(name='b', zip_safe=False)\n")
    assert read_toml(tmp_path / "pyproject.toml") == {"project": {"name": "shop"}}
    ini = read_ini(tmp_path / "tox.ini")  # no interpolation, a repeated section tolerated
    assert ini["testenv"]["commands"] == "pytest %(x)s" and ini["testenv"]["deps"] == "x"
    kw = setup_keywords(tmp_path / "setup.py")
    assert sorted(kw) == ["install_requires", "name", "zip_safe"]
    assert isinstance(kw["name"], ast.Constant) and kw["name"].value == "a"
    (tmp_path / "setup.py").write_text("print('no setup call')\n")
    assert setup_keywords(tmp_path / "setup.py") == {}
