"""Third-party blockers found statically, on a real venv (Django 3.2.25, pip) with a package built in
the test and served by a local index: ``legacy-compressor`` 1.0 and 1.5 import ``force_text``; 2.0
is fixed."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.deps import legacy_project
from tests.deps.legacy_project import console_script
from tests.deps.wheel_index import WheelIndex
from upgrader.deps import blockers, step_target
from upgrader.project import Project
from upgrader.pypi import PyPIClient

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("blockers")
    with WheelIndex(legacy_project.wheels(tmp)) as index:
        project, py = legacy_project.make(tmp, index)
        yield project, py, index


def test_static_verdict_names_the_file_line_and_removed_name_and_never_the_project(site):
    project, py, _index = site
    report = blockers.check(Project(project, python=str(py)), [step_target("4.0", "3.10")], python_path=str(py),
                            current_django="3.2.25")
    rows = {b.name: b for b in report.steps["4.0.10"]}
    legacy = rows["legacy-compressor"]
    assert legacy.verdict == blockers.BLOCKED and legacy.version == "1.0"
    assert [(h.file, h.line, h.change) for h in legacy.hits] == [
        ("legacy_compressor/__init__.py", 2, "force-text"), ("legacy_compressor/__init__.py", 6, "force-text")]
    assert "django.utils.encoding.force_text()" in legacy.reason and "legacy_compressor/__init__.py:2" in legacy.reason
    assert legacy.fix is None and "--check-deps" in legacy.fix_reason  # no index asked
    # the project (installed editable from its own tree) uses force_text too, and is never listed
    assert "shop-site" not in rows and "Django" not in rows
    assert report.notice() is None


def test_the_fixing_release_is_the_smallest_clean_one_on_the_index_and_scans_are_cached(site):
    project, py, index = site
    client = PyPIClient(index_url=index.simple_url, timeout=5, retries=0)
    step = step_target("4.0", "3.10")
    start = len(index.requests)
    report = blockers.check(Project(project, python=str(py)), [step], client=client, python_path=str(py),
                            current_django="3.2.25", current_python="3.10")
    legacy = report.blocked("4.0.10")[0]
    assert (legacy.fix, legacy.move) == ("2.0", "first")  # 1.5 still imports force_text; 2.0 runs on 3.2 too
    downloads = [p for p in index.requests[start:] if p.startswith("/files/")]
    assert downloads and len(downloads) <= 3  # a binary search, not every release
    before = len(index.requests)
    again = blockers.check(Project(project, python=str(py)), [step], client=client, python_path=str(py),
                           current_django="3.2.25", current_python="3.10")
    assert again.blocked("4.0.10")[0].fix == "2.0"
    assert not [p for p in index.requests[before:] if p.startswith("/files/")]  # the scans came from the cache


def test_an_unreachable_index_is_said_once_and_the_static_verdicts_stay(site):
    project, py, _index = site
    client = PyPIClient(index_url="http://127.0.0.1:9/simple/", timeout=2, retries=1, backoff=0.1)
    report = blockers.check(Project(project, python=str(py)), [step_target("4.0", "3.10"), step_target("4.1", "3.10")],
                            client=client, python_path=str(py), current_django="3.2.25")
    assert report.blocked("4.0.10")[0].hits and report.blocked("4.0.10")[0].fix is None
    assert "could not be reached" in report.notice()


def test_plan_shows_the_blocker_per_step_in_text_and_json(site):
    project, py, index = site
    cmd = [console_script(), "plan", str(project), "--python", str(py), "--to", "4.0"]
    proc = subprocess.run([*cmd, "--check-deps", "--index-url", index.simple_url], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if line.strip().startswith("legacy-compressor"))
    assert row.split()[:4] == ["legacy-compressor", "1.0", "BLOCKED", "2.0"]
    assert "legacy_compressor/__init__.py:2: from django.utils.encoding import force_text (force-text)" in proc.stdout
    assert "shop-site" not in proc.stdout
    proc = subprocess.run([*cmd, "--format", "json"], capture_output=True, text=True, timeout=300)  # offline, static
    assert proc.returncode == 0, proc.stderr
    step = json.loads(proc.stdout)["steps"][-1]
    dep = next(d for d in step["dependencies"] if d["name"] == "legacy-compressor")
    assert dep["verdict"] == "blocked" and dep["uses"][0]["line"] == 2 and dep["fix"] is None


def test_plan_with_an_unreachable_index_says_so_once_and_keeps_the_blocker(site):
    project, py, _index = site
    proc = subprocess.run([console_script(), "plan", str(project), "--python", str(py), "--to", "4.0", "--check-deps",
                           "--index-url", "http://127.0.0.1:9/simple/"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "could not be" in lines[0] and "Traceback" not in proc.stderr
    row = next(line for line in proc.stdout.splitlines() if line.strip().startswith("legacy-compressor"))
    assert row.split()[:3] == ["legacy-compressor", "1.0", "BLOCKED"]


class _Preflight:
    """The attributes of upgrader.step.preflight.Preflight the gate reads and writes."""

    def __init__(self):
        self.current, self.step_to, self.deps, self.warnings = "3.2.25", "4.0.10", {"_statuses": []}, []


def test_the_step_gate_stops_names_the_fix_or_hands_it_to_upgrade_deps(site):
    from core.errors import UpgradeError
    from upgrader.deps import stepgate

    project, py, index = site
    proj = Project(project, python=str(py))
    with pytest.raises(UpgradeError) as info:
        stepgate.gate(proj, _Preflight(), index_url=index.simple_url)
    text = str(info.value)
    assert info.value.exit_code == 1
    assert text.startswith("legacy-compressor 1.0 blocks Django 4.0: legacy_compressor/__init__.py:2 uses "
                           "django.utils.encoding.force_text() (force-text)")
    assert "legacy-compressor 2.0 fixes it" in text and "re-run with --upgrade-deps" in text
    pf = _Preflight()
    found = stepgate.gate(proj, pf, upgrade_deps=True, index_url=index.simple_url)
    assert [b.name for b in found] == ["legacy-compressor"]
    status = pf.deps["_statuses"][0]
    assert (status.name, status.status, status.suggest) == ("legacy-compressor", "blocked", "2.0")
    pf = _Preflight()
    stepgate.gate(proj, pf, index_url=index.simple_url, dry_run=True)
    assert any("re-run with --upgrade-deps" in w for w in pf.warnings)
    pf = _Preflight()
    with pytest.raises(UpgradeError) as info:  # --no-check-deps: the index is not asked, the blocker still stops
        stepgate.gate(proj, pf, check_deps=False)
    assert "re-run with --upgrade-deps to look for the release that fixes legacy-compressor" in str(info.value)
