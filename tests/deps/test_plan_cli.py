"""End to end: ``django-upgrade plan --check-deps --index-url ...`` through the console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.deps.legacy_project import console_script

REQUIREMENTS = "Django==3.2.25\ndjangorestframework==3.12.4\ndjango-celery-beat==2.2.1\nrequests==2.32.3\ndjango-private-widgets==1.0\n"


def plan(project, *args, env=None):
    return subprocess.run(
        [console_script(), "plan", str(project), "--python", sys.executable, "--from", "3.2.25", "--to", "4.1", "--python-version", "3.9", *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})},
    )


@pytest.fixture
def project(tmp_path):
    (tmp_path / "requirements.txt").write_text(REQUIREMENTS)
    return tmp_path


def test_text_json_markdown(project, pypi_server):
    proc = plan(project, "--check-deps", "--index-url", pypi_server.url)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "dependencies (1 blocked, 1 not declared, 1 unknown):" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("django-celery-beat"))
    assert row.split()[:4] == ["django-celery-beat", "2.2.1", "BLOCKED", "2.3.0"] and "upgrade first" in row
    assert not any(line.split()[:1] == ["requests"] for line in out.splitlines())  # not Django-related
    # "unknown" is said once on stderr, never a traceback
    assert proc.stderr.count("django-private-widgets") == 1 and "Traceback" not in proc.stderr

    proc = plan(project, "--check-deps", "--index-url", pypi_server.simple_url, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    step40, step41 = doc["steps"]
    deps40 = {d["name"]: d for d in step40["dependencies"]}
    assert set(deps40) == {"django-celery-beat", "djangorestframework", "django-private-widgets"}
    beat = deps40["django-celery-beat"]
    assert (beat["version"], beat["status"], beat["suggest"], beat["move"]) == ("2.2.1", "blocked", "2.3.0", "first")
    assert deps40["djangorestframework"]["status"] == "not-declared" and deps40["djangorestframework"]["suggest"] == "3.13.0"
    assert deps40["django-private-widgets"]["status"] == "unknown"
    assert {d["name"]: d["suggest"] for d in step41["dependencies"]}["django-celery-beat"] == "2.4.0"

    proc = plan(project, "--check-deps", "--index-url", pypi_server.url, "--format", "markdown")
    assert proc.returncode == 0, proc.stderr
    assert "| Package | Version | Status | Move to | Why |" in proc.stdout
    assert "| django-celery-beat | 2.2.1 | **blocked** | 2.3.0 (upgrade first) | requires Django<4.0,>=2.2 |" in proc.stdout


def test_matrix_is_unchanged_and_no_network_without_the_flag(project, pypi_server):
    base = plan(project, "--format", "matrix")
    checked = plan(project, "--check-deps", "--index-url", pypi_server.url, "--format", "matrix")
    assert base.returncode == checked.returncode == 0
    assert json.loads(checked.stdout) == json.loads(base.stdout) == [
        {"django": "4.0.10", "python": "3.9"}, {"django": "4.1.13", "python": "3.9"}]
    proc = plan(project, "--format", "json", "--index-url", pypi_server.url)
    assert all(s["dependencies"] == [] for s in json.loads(proc.stdout)["steps"])
    assert pypi_server.requests == []


def test_config_setting_and_offline_index(project, pypi_server):
    (project / "pyproject.toml").write_text(f'[tool.django-upgrade]\ncheck-deps = true\nindex-url = "{pypi_server.url}"\n')
    proc = plan(project, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["steps"][0]["dependencies"]
    off = json.loads(plan(project, "--no-check-deps", "--format", "json").stdout)
    assert all(s["dependencies"] == [] for s in off["steps"])

    proc = plan(project, "--check-deps", "--index-url", "http://127.0.0.1:9/pypi", "--format", "json")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "could not be used" in proc.stderr
    statuses = {d["status"] for s in json.loads(proc.stdout)["steps"] for d in s["dependencies"]}
    assert statuses == {"unknown"}
