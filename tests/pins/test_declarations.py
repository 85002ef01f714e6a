"""Where Django is declared (tox.ini included), why a bump changed nothing, and the requirement files a
step must not install with the new Django."""

from __future__ import annotations

from upgrader import pins

SETUP_PY = 'from setuptools import setup\n\nsetup(name="w", install_requires=["Django>=3.2"])\n'
TOX = "[tox]\nenvlist = py310-django{32,40}\n[testenv]\ndeps =\n    pytest\n    django32: Django>=3.2,<3.3\n"


def test_every_declaration_is_named_and_setup_py_is_never_called_not_declared(tmp_path):
    (tmp_path / "setup.py").write_text(SETUP_PY)
    (tmp_path / "tox.ini").write_text(TOX)
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "django32.txt").write_text("Django>=3.2,<3.3\n")
    found = {d["source"]: d for d in pins.django_declarations(tmp_path)}
    assert set(found) == {"setup.py:3", "tox.ini:6", "requirements/django32.txt:1"}
    assert found["setup.py:3"]["bumped"] and not found["tox.ini:6"]["bumped"]
    assert found["requirements/django32.txt:1"]["version_specific"]
    # a library: >=3.2 admits 4.0 already; tox gets the factor the envlist names; the version-specific files stay
    changes = pins.bump_django(tmp_path, "4.0.10")
    assert [(c.source, c.new) for c in changes] == [("tox.ini:7", "django40: Django>=4.0,<4.1")]
    text = pins.explain_unchanged(tmp_path, "4.0.10")
    assert text.startswith("Django is declared in ") and "setup.py:3 (>=3.2: already admits 4.0.10)" in text
    assert "tox.ini:6" in text and "not declared" not in text
    assert pins.excluded_requirement_files(tmp_path, "4.0.10") == [tmp_path.resolve() / "requirements" / "django32.txt"]


def test_nothing_declared(tmp_path):
    assert pins.django_declarations(tmp_path) == []
    assert "not declared" in pins.explain_unchanged(tmp_path, "4.0.10")


def test_the_install_set_leaves_out_files_that_exclude_the_new_django(tmp_path):
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "django32.txt").write_text("Django>=3.2,<3.3\n")
    (tmp_path / "requirements" / "base.txt").write_text("Django>=3.2\nrequests\n")
    args = ["-r", "requirements/base.txt", "-r", "requirements/django32.txt", "-e", "."]
    assert pins.drop_excluded(tmp_path, args, "4.0.10") == ["-r", "requirements/base.txt", "-e", "."]
    assert pins.drop_excluded(tmp_path, args, "3.2.25") == args
