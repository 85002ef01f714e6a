"""The third-party check inside ``django-upgrade step``: the offline judgement from the installed
metadata, the index check (local recorded PyPI server), --upgrade-deps' pins and install list, and the
report naming the package a suite dies in. No venv is built here: the installed distributions are
given as the rows ``upgrader.deps.collect.installed_distributions`` returns."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pypi_server import DATA, pypi_server  # noqa: F401  (the fixture)
from upgrader import deps
from upgrader.project import Project
from upgrader.pypi import PyPIClient
from upgrader.step import checks, explain, preflight as pre
from upgrader.step.render import render_markdown, render_text
from upgrader.step.report import StepReport
from upgrader.step.deps_phase import upgrade_deps as _upgrade_deps
from upgrader.step.options import Progress


def _row(name: str, version: str) -> dict:
    """An installed distribution, from the recorded metadata of the real release."""
    info = json.loads((DATA / name / f"{version}.json").read_text())["info"]
    return {"name": info["name"], "version": version, "requires_dist": info.get("requires_dist") or [],
            "requires_python": info.get("requires_python"),
            "classifiers": [c for c in info.get("classifiers") or [] if c.startswith("Framework :: Django")],
            "direct_url": None}


INSTALLED = {
    "django-celery-beat": _row("django-celery-beat", "2.2.1"),  # Django<4.0,>=2.2
    "djangorestframework": _row("djangorestframework", "3.12.4"),  # django>=2.2, no classifier for 4.0
    # pulled in by another package, not declared by the project: Django<4 too
    "django-timezone-field": {"name": "django-timezone-field", "version": "4.1.2",
                              "requires_dist": ["Django (<4.0,>=2.2)", "pytz"], "requires_python": None,
                              "classifiers": [], "direct_url": None},
    "requests": _row("requests", "2.32.3"),
}


@pytest.fixture
def project(tmp_path):
    d = tmp_path / "proj"
    d.mkdir()
    (d / "requirements.txt").write_text("Django==3.2.25\ndjango-celery-beat==2.2.1  # beat\n"
                                        "djangorestframework==3.12.4\nrequests==2.32.3\n")
    return Project(d, python=sys.executable)


def test_blocked_installed_is_judged_offline_from_the_installed_metadata(project):
    blocked, collected = deps.blocked_installed(project, "4.0", python="3.10", installed=INSTALLED)
    by = {s.name: s for s in blocked}
    assert set(by) == {"django-celery-beat", "django-timezone-field"}
    assert by["django-celery-beat"].requires_django == "<4.0,>=2.2" and by["django-celery-beat"].step == "4.0.10"
    assert by["django-timezone-field"].source == "installed (not declared)"
    assert {d.name for d in collected} >= {"django-celery-beat", "djangorestframework", "django-timezone-field"}
    # 3.2's last patch is admitted: nothing blocks it
    assert deps.blocked_installed(project, "3.2.25", python="3.10", installed=INSTALLED)[0] == []


def test_preflight_check_without_the_index_warns_and_says_how_to_ask(project):
    out = _check(project, use_index=False)
    assert out["checked"] == "installed" and out["index"] is None
    names = [b["name"] for b in out["blocked"]]
    assert names == ["django-celery-beat", "django-timezone-field"]
    assert any(w.startswith("django-celery-beat 2.2.1 blocks Django 4.0: requires Django<4.0,>=2.2") for w in out["warnings"])
    assert any("--check-deps" in w and "--upgrade-deps" in w for w in out["warnings"])


def _check(project, use_index, client=None):
    real = deps.blocked_installed

    def offline(p, t, python=None):
        return real(p, t, python=python, installed=INSTALLED)

    deps.blocked_installed = offline
    try:
        return pre.check_deps(project, "3.2.25", "4.0", "3.10", use_index=use_index, client=client)
    finally:
        deps.blocked_installed = real


def test_preflight_check_with_the_index_suggests_releases(project, pypi_server, tmp_path):  # noqa: F811
    client = PyPIClient(index_url=pypi_server.url, cache_dir=tmp_path / "cache", timeout=5, retries=0)
    out = _check(project, use_index=True, client=client)
    assert out["checked"] == "index" and out["index"] == pypi_server.url.rstrip("/")
    by = {b["name"]: b for b in out["blocked"]}
    assert by["django-celery-beat"]["suggest"] == "2.3.0" and by["django-celery-beat"]["move"] == "first"
    assert "django-timezone-field" in by  # not on the recorded index: the installed verdict stays
    statuses = {s.name: s for s in out["_statuses"]}
    assert statuses["djangorestframework"].status == deps.NOT_DECLARED
    assert statuses["djangorestframework"].suggest == "3.13.0"
    # not on the recorded index: judged from its installed metadata all the same
    assert statuses["django-timezone-field"].status == deps.BLOCKED
    # --upgrade-deps: the pins of both move (dry run: nothing written), installed together with Django
    pf = pre.Preflight(current="3.2.25", step_to="4.0.10", step_kind="feature", python="3.10.0", python_path="x",
                       test_command=None, git=True, deps=out)
    report = StepReport(project=str(project.dir), python="3.10.0", interpreter="x", current="3.2.25", to="4.0.10",
                        kind="feature", test_command=None)
    before = (project.dir / "requirements.txt").read_bytes()
    reqs = _upgrade_deps(report, project, pf, None, Progress(False), dry_run=True)
    assert sorted(reqs) == ["django-celery-beat==2.3.0", "djangorestframework==3.13.0"]
    assert (project.dir / "requirements.txt").read_bytes() == before
    pins = {p["old"]: p["new"] for p in report.deps["upgraded"]["pins"]}
    assert pins == {"django-celery-beat==2.2.1  # beat": "django-celery-beat==2.3.0  # beat",
                    "djangorestframework==3.12.4": "djangorestframework==3.13.0"}
    reqs = _upgrade_deps(report, project, pf, None, Progress(False))
    text = (project.dir / "requirements.txt").read_text()
    assert "django-celery-beat==2.3.0  # beat\n" in text and "djangorestframework==3.13.0\n" in text
    report.deps.update(blocked=out["blocked"])
    shown = render_text(report)
    assert "BLOCKED django-celery-beat 2.2.1" in shown and "installed with Django: " in shown
    assert "requirements.txt:2: django-celery-beat==2.2.1  # beat -> django-celery-beat==2.3.0  # beat" in shown
    assert "| django-celery-beat | 2.2.1 | blocked | 2.3.0 |" in render_markdown(report)


def test_an_unreachable_index_is_one_notice_and_keeps_the_offline_verdict(project, tmp_path):
    client = PyPIClient(index_url="http://127.0.0.1:9/pypi", cache_dir=tmp_path / "cache", timeout=2, retries=0)
    out = _check(project, use_index=True, client=client)
    assert [b["name"] for b in out["blocked"]] == ["django-celery-beat", "django-timezone-field"]
    assert out["notice"].startswith("dependency check: the package index http://127.0.0.1:9/pypi could not be used")
    assert out["notice"] in out["warnings"]
    pf = pre.Preflight(current="3.2.25", step_to="4.0.10", step_kind="feature", python="3.10.0", python_path="x",
                       test_command=None, git=True, deps=out)
    report = StepReport(project=str(project.dir), python="3.10.0", interpreter="x", current="3.2.25", to="4.0.10",
                        kind="feature", test_command=None)
    assert _upgrade_deps(report, project, pf, None, Progress(False)) == []
    assert report.deps["upgraded"]["pins"] == []


def test_a_failing_check_never_stops_the_step(project, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("metadata exploded")

    monkeypatch.setattr(deps, "blocked_installed", boom)
    out = pre.check_deps(project, "3.2.25", "4.0", "3.10", use_index=True)
    assert out["warnings"] == ["third-party check skipped: metadata exploded"] and out["blocked"] == []


TRACEBACK = """\
Traceback (most recent call last):
  File "/p/manage.py", line 22, in <module>
    main()
  File "/p/.venv/lib/python3.10/site-packages/django/__init__.py", line 24, in setup
    apps.populate(settings.INSTALLED_APPS)
  File "/p/.venv/lib/python3.10/site-packages/rest_framework/fields.py", line 29, in <module>
    from django.utils.encoding import is_protected_type, smart_text
ImportError: cannot import name 'smart_text' from 'django.utils.encoding' (/p/.venv/lib/python3.10/site-packages/django/utils/encoding.py)
"""


def test_a_suite_that_dies_inside_a_package_names_it():
    hint = explain.explain_import_failure(None, TRACEBACK, django_version="4.0.10")
    assert hint["module"] == "rest_framework" and hint["change"] == "smart-text"
    assert "the suite fails at import inside rest-framework (fields.py:29)" in hint["message"]
    assert "smart_text" in hint["message"] and "4.0.10" in hint["message"]
    assert explain.explain_import_failure(None, "AssertionError: 1 != 2") is None


def test_step_errors_say_step_things(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "upgrader", "step", str(tmp_path), "--python", "/bin/echo",
                           "--allow-dirty"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "/bin/echo" in proc.stderr and "--target" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "upgrader", "step", str(tmp_path), "--upgrade-deps",
                           "--no-check-deps"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "--no-check-deps" in proc.stderr


def test_rollback_reinstalls_the_packages_the_step_moved():
    from upgrader.step.rollback import packages_to_restore

    before = ["asgiref==3.8.1", "Django==3.2.25", "django-celery-beat==2.2.1", "pip==24.0",
              "-e git+https://example.invalid/x.git#egg=x", "sqlparse==0.5.0"]
    now = ["asgiref==3.8.1", "Django==4.0.10", "django_celery_beat==2.3.0", "pip==24.0", "sqlparse==0.5.0",
           "djangorestframework==3.13.0"]
    assert packages_to_restore(before, now) == ["django-celery-beat==2.2.1"]
    assert packages_to_restore(before, before) == []


def test_step_does_not_say_plan_things(tmp_path):
    from core.errors import UsageError

    with pytest.raises(UsageError) as err:
        pre.next_steps(Project(tmp_path, python=sys.executable), "3.2.25", "2.2", "3.10", None)
    assert "step does not downgrade" in str(err.value) and "--rollback" in str(err.value)
    assert "plan does not" not in str(err.value)


def test_check_differences_say_when_the_check_did_not_run_on_x():
    y = {"check": {"ok": True, "messages": [{"id": "models.W042", "object": "shop.Item", "message": "Auto-created"}]},
         "deploy": {"ok": True, "messages": [{"id": "security.W004", "object": "?", "message": "HSTS"}]}}
    failed = {"check": {"ok": False, "returncode": 1, "messages": []}, "deploy": {"ok": False, "returncode": 1, "messages": []}}
    cmp = checks.compare_checks(failed, y)
    assert cmp["check"]["before_failed"] and len(cmp["check"]["new"]) == 1
    assert not checks.compare_checks(y, y)["deploy"]["before_failed"]
    report = StepReport(project="/nonexistent", python="3.10", interpreter="x", current="4.1.13", to="4.2.30",
                        kind="feature", test_command=None)
    report.checks_before, report.checks_after = failed, y
    text = render_text(report)
    assert "manage.py check: did not run on 4.1.13; 1 messages on 4.2.30" in text
    assert "  new: security.W004: HSTS" in text  # no "?" for checks without an object
    report2 = StepReport(project="/nonexistent", python="3.10", interpreter="x", current="4.1.13", to="4.2.30",
                         kind="feature", test_command=None)
    report2.checks_before, report2.checks_after = y, {"check": {"ok": True, "messages": []}, "deploy": y["deploy"]}
    assert "  resolved: models.W042 shop.Item: Auto-created" in render_text(report2)


def test_check_differences_say_when_the_check_did_not_run_on_y():
    x = {"check": {"ok": True, "messages": [{"id": "models.W042", "object": "shop.Item", "message": "Auto-created"}]},
         "deploy": {"ok": True, "messages": []}}
    failed = {"check": {"ok": False, "returncode": 1, "messages": []}, "deploy": {"ok": False, "returncode": 1, "messages": []}}
    report = StepReport(project="/nonexistent", python="3.10", interpreter="x", current="3.2.25", to="4.0.10",
                        kind="feature", test_command=None)
    report.checks_before, report.checks_after = x, failed
    text = render_text(report)
    assert "manage.py check: did not run on 4.0.10 (the project does not load; see the failures)" in text
    assert "resolved" not in text
