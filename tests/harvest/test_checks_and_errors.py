"""System-check warnings printed by the test runner, and -W error tracebacks in logs."""

from __future__ import annotations

import io
import subprocess

import pytest

import release_data
from tests.harvest.djproject import expected_line, make_project
from upgrader.harvest import harvest_env
from upgrader.project import Project
from upgrader.report import group, parse_log
from upgrader.testrun import run_with_harvester

pytestmark = pytest.mark.integration

CHECK = '''

from django.core import checks


@checks.register()
def legacy_check(app_configs, **kwargs):
    return [checks.Warning(
        "Item.created is deprecated and will be removed in Django 9.0.",
        hint="Use Item.made instead.", obj=Item._meta.get_field("created"), id="demo.W001",
    )]
'''


def test_system_check_warnings_are_recorded_with_their_field(flavour_python, tmp_path):
    py = flavour_python("4.2")
    project = make_project(tmp_path / "p", "4.2")
    with open(project / "demo" / "models.py", "a") as fh:
        fh.write(CHECK)
    buf = io.StringIO()
    result = run_with_harvester(Project(project, py), [py, "-Wa", "manage.py", "test"], out=buf)
    assert result.returncode == 0, buf.getvalue()[-2000:]
    assert "(demo.W001) Item.created is deprecated" in buf.getvalue()
    checks = [r for r in result.warnings if r.kind == "check"]
    assert [(r.check_id, r.obj, r.hint) for r in checks] == [("demo.W001", "demo.Item.created", "Use Item.made instead.")]
    groups = group(result.warnings, release_data.load(), project_dir=project, python=py)
    g = [g for g in groups if g.check_id == "demo.W001"][0]
    line = [i for i, t in enumerate((project / "demo/models.py").read_text().splitlines(), 1) if t.strip().startswith("created =")][0]
    assert (g.file, g.line, g.removed_in) == ("demo/models.py", line, "9.0")
    # the same from the printed output
    from_log = [r for r in parse_log(buf.getvalue()) if r.kind == "check"]
    assert [(r.check_id, r.obj) for r in from_log] == [("demo.W001", "demo.Item.created")]


def test_error_traceback_in_a_log(flavour_python, tmp_path):
    py = flavour_python("5.2")
    project = make_project(tmp_path / "p", "5.2")
    env = harvest_env(None, tmp_path / "unused.jsonl")
    del env["DJANGO_UPGRADE_HARVEST_FILE"]
    proc = subprocess.run([py, "-W", "error::DeprecationWarning", "manage.py", "check"], cwd=project,
                          capture_output=True, text=True, env=env)
    assert proc.returncode != 0
    log = proc.stdout + proc.stderr
    records = [r for r in parse_log(log) if r.source == "log-traceback"]
    assert records, log[-2000:]
    groups = group(records, release_data.load(), project_dir=project)
    # the first deprecation hit aborts the run: the settings one (django/conf, attributed to settings.py)
    g = groups[0]
    assert g.category == "RemovedInDjango60Warning"
    assert (g.file, g.line) == ("proj/settings.py", expected_line(project, "proj/settings.py", "expect:settings"))
