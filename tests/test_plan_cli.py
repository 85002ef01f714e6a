"""``django-upgrade plan`` on the command line: formats, options, errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests.pypi_server import DATA as PYPI_DATA
from tests.pypi_server import pypi_server  # noqa: F401
from tests.venvs import python_for
from upgrader.cli import cli


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "proj"
    (root / "shop" / "templates").mkdir(parents=True)
    (root / "settings.py").write_text("INSTALLED_APPS = ['shop']\nUSE_L10N = True\n")
    (root / "shop" / "urls.py").write_text("from django.conf.urls import url\nurlpatterns = [url('^$', None)]\n")
    (root / "shop" / "templates" / "x.html").write_text("{% load staticfiles %}\n")
    return root


@pytest.fixture(scope="module")
def bare_python():
    """A real interpreter without Django (a pyenv base interpreter)."""
    from core.interpreter import probe, pyenv_interpreters, Interpreter

    for version, path in sorted(pyenv_interpreters().items()):
        try:
            if probe(Interpreter(path, "test")).django is None and version >= "3.8":
                return path
        except Exception:
            continue
    return python_for(python="3.12")


def run(*args, env=None):
    result = CliRunner().invoke(cli, ["plan", *map(str, args)], env=env)
    return result


def run_subprocess(*args, env=None):
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "upgrader", "plan", *map(str, args)], capture_output=True, text=True, env=full_env,
        timeout=120,
    )


def test_text_output(project):
    r = run(project, "--from", "3.2.20", "--to", "4.0", "--python-version", "3.9")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "Django 3.2.20 -> 4.0.10" in out
    assert "3.2 has had no security fixes since 2024-04-01" in out
    assert "Step 1: Django 3.2.25" in out and "Step 2: Django 4.0.10" in out
    assert "shop/urls.py:1" in out and "conf-urls-url" in out
    assert "\x1b[" not in out  # no colour when not on a terminal


def test_json_output(project):
    r = run(project, "--from", "3.2.25", "--to", "4.2", "--python-version", "3.8", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["current"] == "3.2.25" and doc["current_source"] == "--from"
    assert doc["target"] == "4.2.30"
    assert [s["to"] for s in doc["steps"]] == ["4.0.10", "4.1.13", "4.2.30"]
    s = doc["steps"][0]
    assert s["feature_release"] == "4.0" and s["python_ok"] is True and s["lts"] is False
    removed = {x["id"]: x for x in s["removed"]}
    assert removed["conf-urls-url"]["occurrences"][0]["file"] == "shop/urls.py"
    assert "autofix" in removed["conf-urls-url"]
    assert removed["load-staticfiles"]["occurrences"] == [] if "load-staticfiles" in removed else True


def test_markdown_and_matrix(project):
    r = run(project, "--from", "4.2.1", "--to", "5.1", "--python-version", "3.9", "--format", "markdown")
    assert r.exit_code == 0
    assert r.stdout.startswith("## Django upgrade plan: 4.2.1 → 5.1.15")
    assert "| # | Django |" in r.stdout and "move to Python 3.10" in r.stdout
    assert "- [ ] `use-l10n`" in r.stdout
    r = run(project, "--from", "4.2.1", "--to", "5.1", "--python-version", "3.9", "--format", "matrix")
    assert json.loads(r.stdout) == [
        {"django": "4.2.30", "python": "3.9"},  # the patch step runs on the current Python
        {"django": "5.0.14", "python": "3.10"},
        {"django": "5.1.15", "python": "3.10"},
    ]


def test_via_lts_text(project):
    r = run(project, "--from", "3.2.25", "--to", "5.2", "--via", "lts", "--python-version", "3.10")
    assert r.exit_code == 0
    assert "hop: 3.2 -> 4.2 skips 4.0, 4.1" in r.stdout
    assert "deprecation policy" in r.stdout


def test_already_at_target_exit_0(project):
    r = run(project, "--from", "4.2.30", "--to", "4.2", "--format", "json", "--python-version", "3.10")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["steps"] == [] and doc["up_to_date"] is True and "already at" in doc["message"]


def test_config_target_and_cli_wins(project):
    (project / "pyproject.toml").write_text('[tool.django-upgrade]\ntarget = "4.1"\n')
    doc = json.loads(run(project, "--from", "3.2.25", "--format", "json", "--python-version", "3.9").stdout)
    assert doc["target"] == "4.1.13"
    doc = json.loads(run(project, "--from", "3.2.25", "--to", "4.0", "--format", "json", "--python-version", "3.9").stdout)
    assert doc["target"] == "4.0.10"


def test_python_from_interpreter(project, bare_python):
    r = run(project, "--python", bare_python, "--from", "4.2.1", "--to", "5.0", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["python_source"].startswith("interpreter ")
    assert doc["python"] is not None and doc["python"].count(".") == 1


def test_current_from_pins(project, bare_python):
    (project / "requirements.txt").write_text("Django==3.2.25\nrequests\n")
    r = run(project, "--python", bare_python, "--to", "4.0", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["current"] == "3.2.25" and "requirements.txt" in doc["current_source"]


@pytest.mark.parametrize(
    "args,needle",
    [
        (["{missing}", "--from", "3.2"], "project directory not found"),
        (["{project}", "--from", "3.2", "--to", "7.0"], "unknown target"),
        (["{project}", "--from", "4.2", "--to", "3.2"], "does not downgrade"),
        (["{project}", "--from", "3.2", "--to", "2028"], "not released yet"),
        (["{project}", "--from", "nonsense"], "not a Django version"),
        (["{project}", "--from", "3.2", "--python-version", "three"], "not a Python version"),
        (["{project}", "--python", "/no/such/python"], "no Python interpreter"),
    ],
)
def test_errors_one_line_exit_2(project, tmp_path, args, needle):
    args = [a.format(project=project, missing=tmp_path / "missing") for a in args]
    proc = run_subprocess(*args)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_no_django_found_exit_2(tmp_path, bare_python):
    proc = run_subprocess(tmp_path, "--python", bare_python)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no Django found" in lines[0] and "--from" in lines[0]


def test_refresh_uses_local_index(project, pypi_server):
    doc = json.loads((PYPI_DATA / "django.json").read_text())
    doc["releases"]["6.1.4"] = [{"upload_time_iso_8601": "2026-12-01T00:00:00Z", "yanked": False}]
    pypi_server.overrides["django"] = doc
    env = {"PIP_INDEX_URL": pypi_server.simple_url}
    r = run(project, "--from", "6.0.1", "--refresh", "--format", "json", "--python-version", "3.12", env=env)
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["target"] == "6.1.4" and out["release_data"] == "refreshed"
    assert any(p.startswith("/pypi/django/json") for p in pypi_server.paths())
    # without --refresh no request is made, and the refreshed data stays in use
    before = len(pypi_server.requests)
    r = run(project, "--from", "6.0.1", "--format", "json", "--python-version", "3.12", env=env)
    assert json.loads(r.stdout)["target"] == "6.1.4"
    assert len(pypi_server.requests) == before


def test_refresh_offline_fallback(project, pypi_server):
    pypi_server.mode = "garbage"
    env = {"PIP_INDEX_URL": pypi_server.simple_url}
    r = run(project, "--from", "6.0.1", "--refresh", "--format", "json", "--python-version", "3.12", env=env)
    assert r.exit_code == 0
    assert json.loads(r.stdout)["target"] == "6.1.3"
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "PyPI unavailable" in err[0] and "embedded" in err[0]


def test_colour_only_when_asked(project):
    import release_data
    from upgrader.planner import build_plan
    from upgrader.render.plan import render_text

    plan = build_plan(project, "3.2.25", "4.0", data=release_data.load(), python_version="3.6")
    coloured = render_text(plan, colour=True)
    plain = render_text(plan, colour=False)
    assert "\x1b[" in coloured and "\x1b[" not in plain
    assert "move to Python 3.8" in plain and "NOT on Python 3.6" in plain


def test_no_trace_only_for_changes_without_a_detector(project):
    """``plan`` never calls a change with a detector undetectable; it says why for those without."""
    import release_data
    from codemods.detect import detector_for

    data = release_data.load(use_refreshed=False)
    r = run(project, "--from", "3.2", "--to", "5.1")
    assert r.exit_code in (0, 1), r.output
    assert "not detectable statically" not in r.output
    listed = []
    for line in r.output.splitlines():
        if line.strip().startswith("no trace in the code ("):
            ids = line.split("(", 1)[1].split(")", 1)[0].split(", ")
            reason = line.split("): ", 1)[1]
            for cid in ids:
                change = data.change(cid)
                assert not detector_for(change).exists, cid
                assert change.undetectable_reason == reason
            listed += ids
    assert "pre-session-encoding-format" in listed  # stored data: no trace in code
    doc = json.loads(run(project, "--from", "3.2", "--to", "4.0", "--format", "json").output)
    removed = {x["id"]: x for s in doc["steps"] for x in s["removed"]}
    assert removed["signer-sha1"]["undetectable_reason"] and not removed["signer-sha1"]["scanned"]
    occ = removed["conf-urls-url"]["occurrences"][0]
    assert occ["fixable_by"] == "url_to_path" and occ["reason"] is None
    assert doc["summary"]["autofixable_occurrences"] == sum(
        1 for x in removed.values() for o in x["occurrences"] if o["fixable_by"])
