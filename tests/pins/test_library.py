"""Sites and libraries: the project's kind, a library's widened range, classifiers, tox and CI matrices,
and the files that name one Django version left alone (upgrader.pins)."""

from __future__ import annotations

import pytest

from core.errors import UsageError
from upgrader import pins
from upgrader.pins import specs

SETUP_PY = '''from setuptools import setup

setup(
    name="django-widgets",
    version="1.0",
    install_requires=["Django>=3.2,<4.0", "django-appconf>=1.0"],
    classifiers=[
        "Framework :: Django",
        "Framework :: Django :: 2.2",
        "Framework :: Django :: 3.2",
        "Programming Language :: Python :: 3",
    ],
)
'''

TOX = '''[tox]
envlist =
    py{38,39,310}-django{22,32}

[testenv]
deps =
    django22: Django>=2.2,<2.3
    django32: Django>=3.2,<3.3
commands = python runtests.py
'''

CI = '''name: tests
on: [push]
jobs:
  test:
    strategy:
      matrix:
        python-version: ["3.9", "3.10"]
        django-version: ["2.2", "3.2"]
    runs-on: ubuntu-latest
'''

CI_BLOCK = '''jobs:
  test:
    strategy:
      matrix:
        django:
          - '2.2'
          - '3.2'
'''

DJANGO32 = "Django>=3.2,<3.3\n"


def _library(root):
    root.mkdir(parents=True, exist_ok=True)
    (root / "setup.py").write_text(SETUP_PY)
    (root / "tox.ini").write_text(TOX)
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "ci.yml").write_text(CI)
    (root / ".github" / "workflows" / "block.yaml").write_text(CI_BLOCK)
    (root / "requirements").mkdir()
    (root / "requirements" / "django32.txt").write_text(DJANGO32)
    (root / "widgets").mkdir()
    (root / "widgets" / "__init__.py").write_text("")
    (root / "tests").mkdir()
    (root / "tests" / "settings.py").write_text('SECRET_KEY = "x"\nALLOWED_HOSTS = ["*"]\n')  # test settings: no deployment
    return root


def test_kind_is_detected_from_metadata_and_deployment(tmp_path):
    lib = _library(tmp_path / "lib")
    kind = pins.project_kind(lib)
    assert kind.kind == "library" and "setup.py install_requires" in kind.reason and kind.source == "detected"
    (lib / "manage.py").write_text("")
    assert pins.project_kind(lib).kind == "site" and "manage.py" in pins.project_kind(lib).reason
    site = tmp_path / "site"
    (site / "conf").mkdir(parents=True)
    (site / "pyproject.toml").write_text('[project]\nname = "shop"\nversion = "1"\ndependencies = ["Django==3.2.25"]\n')
    (site / "conf" / "wsgi.py").write_text("")
    assert pins.project_kind(site).kind == "site"
    (site / "conf" / "wsgi.py").unlink()
    assert pins.project_kind(site).kind == "library"
    assert pins.project_kind(tmp_path / "site", "site").source == "--project-kind"
    (site / "pyproject.toml").write_text((site / "pyproject.toml").read_text()
                                         + '\n[tool.django-upgrade]\nproject-kind = "site"\n')
    assert pins.project_kind(site).to_json() == {"kind": "site", "reason": "[tool.django-upgrade] project-kind",
                                                 "source": "pyproject.toml"}
    with pytest.raises(UsageError):
        pins.project_kind(site, "app")
    # the caller's Config (Project.config, read once) is used as it is
    from core.config import Config

    given = pins.project_kind(site, config=Config.from_raw({"project-kind": "library"}))
    assert (given.kind, given.source) == ("library", "pyproject.toml")


def test_a_library_range_is_widened_and_version_specific_files_are_left_alone(tmp_path):
    lib = _library(tmp_path)
    changes = pins.bump_django(lib, "4.0.10")
    setup = (lib / "setup.py").read_text()
    assert '"Django>=3.2,<4.1"' in setup  # lower bound kept, upper bound admits 4.0
    assert '        "Framework :: Django :: 3.2",\n        "Framework :: Django :: 4.0",\n' in setup
    tox = (lib / "tox.ini").read_text()
    assert "py{38,39,310}-django{22,32,40}" in tox
    assert "    django32: Django>=3.2,<3.3\n    django40: Django>=4.0,<4.1\n" in tox
    assert "    django22: Django>=2.2,<2.3\n" in tox  # existing factor lines untouched
    assert 'django-version: ["2.2", "3.2", "4.0"]' in (lib / ".github" / "workflows" / "ci.yml").read_text()
    assert "          - '3.2'\n          - '4.0'\n" in (lib / ".github" / "workflows" / "block.yaml").read_text()
    assert (lib / "requirements" / "django32.txt").read_text() == DJANGO32
    assert {c.source.split(":")[0] for c in changes} == {"setup.py", "tox.ini", ".github/workflows/ci.yml",
                                                         ".github/workflows/block.yaml"}
    assert pins.bump_django(lib, "4.0.10") == []  # a second run changes nothing


def test_the_same_project_as_a_site_moves_the_pin(tmp_path):
    lib = _library(tmp_path)
    pins.bump_django(lib, "4.0.10", kind="site")
    assert '"Django>=4.0,<4.1"' in (lib / "setup.py").read_text()
    assert (lib / "requirements" / "django32.txt").read_text() == DJANGO32  # names one version: never edited


def test_a_floor_raises_the_lower_bound_when_a_codemod_needs_it(tmp_path):
    lib = _library(tmp_path)
    pins.bump_django(lib, "4.0.10", floor="3.1")
    assert '"Django>=3.2,<4.1"' in (lib / "setup.py").read_text()  # 3.2 already has it
    (lib / "setup.py").write_text(SETUP_PY.replace(">=3.2,<4.0", ">=2.2,<4.0"))
    changes = pins.bump_django(lib, "4.0.10", floor="3.1")
    assert '"Django>=3.1,<4.1"' in (lib / "setup.py").read_text()
    raised = [c for c in changes if c.source.startswith("setup.py") and c.note]
    assert raised and "lower bound raised to 3.1" in raised[0].note


@pytest.mark.parametrize("before,new,after", [
    (">=3.2,<4.0", "4.0.10", ">=3.2,<4.1"),
    (">=3.2, <4", "4.0.10", ">=3.2, <5"),
    (">=3.2", "4.0.10", ">=3.2"),
    ("~=3.2", "4.0.10", ">=3.2,<4.1"),
    ("==3.2.*", "4.0.10", ">=3.2,<4.1"),
    (">=2.2,!=4.0.10,<4.0", "4.0.10", ">=2.2,<4.1"),
    (">=4.2,<5.0", "5.0.14", ">=4.2,<5.1"),
    (">=6.1,<6.2", "2028.0", ">=6.1,<2029"),
])
def test_widen_keeps_the_lower_bound_and_always_admits_the_new_release(before, new, after):
    assert specs.widen(before, new) == after
    assert specs.admits(after, new)


@pytest.mark.parametrize("before,after", [("^3.2", "^3.2 || ^4.0"), (">=3.2,<4.0", ">=3.2,<4.1"),
                                          ("^2.2 || ^3.2", "^2.2 || ^3.2 || ^4.0")])
def test_widen_poetry(before, after):
    assert specs.widen(before, "4.0.10", style="poetry") == after


def test_files_naming_one_django_version():
    for name in ("requirements/django32.txt", "django-4.2.txt", "requirements-dj42.txt", "ci/dj2028.txt"):
        assert pins.version_specific(name), name
    for name in ("requirements.txt", "requirements-dev.txt", "django_extensions.txt", "constraints.txt"):
        assert not pins.version_specific(name), name


def test_codemod_floor_is_the_newest_available_from_of_the_applied_codemods():
    from codemods import registry

    entries = {e.name: e.available_from for e in registry.entries()}
    newest = max(entries, key=lambda n: tuple(int(x) for x in entries[n].split(".")))
    assert pins.codemod_floor([]) is None
    assert pins.codemod_floor(["abspathu", newest]) == entries[newest]
