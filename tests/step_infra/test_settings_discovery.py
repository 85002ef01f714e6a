from __future__ import annotations

import pytest

from upgrader.caches import find_settings, settings_from_manage_py


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)


def test_manage_py_setdefault(tmp_path):
    (tmp_path / "manage.py").write_text(
        'import os\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings.dev")\n'
    )
    found = find_settings(tmp_path)
    assert (found.module, found.source) == ("site.settings.dev", "manage.py")


def test_manage_py_assignment(tmp_path):
    (tmp_path / "manage.py").write_text('import os\nos.environ["DJANGO_SETTINGS_MODULE"] = "a.b"\n')
    assert settings_from_manage_py(tmp_path / "manage.py") == "a.b"


def test_manage_py_one_level_down(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "manage.py").write_text('import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "x.settings")\n')
    found = find_settings(tmp_path)
    assert (found.module, found.source) == ("x.settings", "src/manage.py")


def test_unparsable_manage_py_falls_through(tmp_path):
    (tmp_path / "manage.py").write_text("def (:\n")
    (tmp_path / "pytest.ini").write_text("[pytest]\nDJANGO_SETTINGS_MODULE = from.pytest\n")
    assert find_settings(tmp_path).module == "from.pytest"


@pytest.mark.parametrize(
    "name, text, source",
    [
        ("pytest.ini", "[pytest]\nDJANGO_SETTINGS_MODULE = p.settings\n", "pytest.ini"),
        ("pyproject.toml", '[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "p.settings"\n',
         "pyproject.toml [tool.pytest.ini_options]"),
        ("setup.cfg", "[tool:pytest]\nDJANGO_SETTINGS_MODULE = p.settings\n", "setup.cfg [tool:pytest]"),
        ("tox.ini", "[pytest]\nDJANGO_SETTINGS_MODULE=p.settings\n", "tox.ini [pytest]"),
    ],
)
def test_pytest_django_configuration(tmp_path, name, text, source):
    (tmp_path / name).write_text(text)
    found = find_settings(tmp_path)
    assert (found.module, found.source) == ("p.settings", source)


def test_order_explicit_config_manage(tmp_path, monkeypatch):
    (tmp_path / "manage.py").write_text('import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "m.settings")\n')
    (tmp_path / "pytest.ini").write_text("[pytest]\nDJANGO_SETTINGS_MODULE = p.settings\n")
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "env.settings")
    assert find_settings(tmp_path).module == "m.settings"
    assert find_settings(tmp_path, config={"settings": "c.settings"}).source == "[tool.django-upgrade] settings"
    assert find_settings(tmp_path, "e.settings", {"settings": "c.settings"}).module == "e.settings"
    (tmp_path / "manage.py").unlink()
    assert find_settings(tmp_path).module == "p.settings"
    (tmp_path / "pytest.ini").unlink()
    assert find_settings(tmp_path).source == "$DJANGO_SETTINGS_MODULE"


def test_nothing_found(tmp_path):
    assert find_settings(tmp_path) is None
