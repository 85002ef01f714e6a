"""Which dependencies are judged (pins and lock files), and bumping them to the suggestions."""

from __future__ import annotations

import sys

from tests.deps.conftest import by_name
from upgrader import deps
from upgrader.deps.collect import collect, installed_distributions
from upgrader.deps.model import BLOCKED, MOVE_FIRST
from upgrader.project import Project


def _project(tmp_path, files: dict[str, str]) -> Project:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return Project(tmp_path, python=sys.executable)


def test_pins_with_exact_versions_ranges_and_locks(tmp_path):
    project = _project(tmp_path, {
        "requirements.txt": "Django==3.2.25\ndjangorestframework==3.12.4\nwagtail>=2.15,<2.16  # cms\n"
                            "git+https://example.com/private.git#egg=private\n",
        "pyproject.toml": '[project]\nname = "shop"\nversion = "1"\ndependencies = ["django-filter>=2.4"]\n',
        "uv.lock": 'version = 1\n\n[[package]]\nname = "django-filter"\nversion = "2.4.0"\n'
                   'source = { registry = "https://pypi.org/simple" }\n',
    })
    found = {d.key: d for d in collect(project, installed={})}
    assert "django" not in found and "private" not in found
    assert (found["djangorestframework"].version, found["djangorestframework"].version_source) == ("3.12.4", "pin")
    assert found["djangorestframework"].source == "requirements.txt:2"
    assert (found["wagtail"].version, found["wagtail"].specifier) == (None, ">=2.15,<2.16")
    assert (found["django-filter"].version, found["django-filter"].version_source) == ("2.4.0", "lock")


def test_installed_distributions_of_an_interpreter():
    rows = installed_distributions(sys.executable)
    assert "click" in rows and rows["click"]["version"]
    assert installed_distributions("/nonexistent/python") == {}


def test_evaluate_pins_then_bump_them(tmp_path, client):
    project = _project(tmp_path, {
        "requirements.txt": "Django==3.2.25\ndjango-celery-beat==2.2.1  # beat\nwagtail~=2.15.6\nrequests==2.32.3\n",
    })
    statuses = deps.check_step(project, "3.2.25", "4.0", client, python="3.9", deps=collect(project, installed={}))
    s = by_name(statuses)
    assert set(s) == {"django-celery-beat", "wagtail"}
    assert (s["django-celery-beat"].status, s["django-celery-beat"].suggest, s["django-celery-beat"].move) == (
        BLOCKED, "2.3.0", MOVE_FIRST)
    assert s["wagtail"].version == "2.15.6" and s["wagtail"].suggest == "2.16.3"
    blocked = deps.blocked_for_step(project, "3.2.25", "4.0", client, python="3.9", deps=collect(project, installed={}))
    assert {b.name for b in blocked} == {"django-celery-beat", "wagtail"}
    assert sorted(deps.install_requirements(blocked)) == ["django-celery-beat==2.3.0", "wagtail==2.16.3"]

    before = (tmp_path / "requirements.txt").read_text()
    planned = deps.upgrade_deps(project, blocked, dry_run=True)
    assert (tmp_path / "requirements.txt").read_text() == before
    assert {c.new for c in planned} == {"django-celery-beat==2.3.0  # beat", "wagtail~=2.16.3"}
    changes = deps.upgrade_deps(project, blocked)
    text = (tmp_path / "requirements.txt").read_text()
    assert "django-celery-beat==2.3.0  # beat\n" in text and "Django==3.2.25\n" in text
    assert "wagtail~=2.16.3\n" in text and "requests==2.32.3\n" in text
    assert [(c.line, c.old) for c in sorted(changes, key=lambda c: c.line)] == [
        (2, "django-celery-beat==2.2.1  # beat"), (3, "wagtail~=2.15.6")]
    # a second run changes nothing
    assert deps.upgrade_deps(project, blocked) == []
    assert (tmp_path / "requirements.txt").read_text() == text
