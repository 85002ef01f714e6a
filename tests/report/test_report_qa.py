"""Regressions found by driving ``django-upgrade report`` as a user (QA pass).

The project's interpreter here is the tool's own (it has Django as a test dependency): no venv is
built, the commands run are tiny real processes.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from upgrader.cli import cli
from core.errors import UsageError
from upgrader.report.logparse import locate_check_object

MODELS = '''\
from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)


class Product(models.Model):
    name = models.CharField(max_length=50)
    featured = models.NullBooleanField()

    class Meta:
        ordering = ["name"]
'''

LOG = """\
System check identified some issues:

WARNINGS:
catalog.Product.featured: (fields.W903) NullBooleanField is deprecated. Support for it (except in historical migrations) will be removed in Django 4.0.
\tHINT: Use BooleanField(null=True) instead.
/src/x/catalog/views.py:3: RemovedInDjango40Warning: force_text() is deprecated in favor of force_str().
  return force_text(x)
"""


@pytest.fixture
def shop(tmp_path):
    root = tmp_path / "shop"
    (root / "catalog").mkdir(parents=True)
    (root / "catalog" / "__init__.py").write_text("")
    (root / "catalog" / "models.py").write_text(MODELS)
    (root / "requirements.txt").write_text("Django==3.2.25\n")
    (root / "manage.py").write_text("")
    return root


def _report(*args):
    return CliRunner().invoke(cli, ["report", *args], catch_exceptions=False)


def test_outputs_and_baseline_go_into_missing_directories(shop, tmp_path):
    log = tmp_path / "ci.log"
    log.write_text(LOG)
    out = tmp_path / "reports" / "deep"
    result = _report(str(shop), "--from-log", str(log), "--output", f"sarif={out}/d.sarif",
                     "--output", f"junit={out}/d.xml", "--write-baseline", str(tmp_path / "new" / "base.json"))
    assert result.exit_code == 0, result.stderr
    assert json.loads((out / "d.sarif").read_text())["version"] == "2.1.0"
    assert (out / "d.xml").read_text().startswith("<?xml")
    assert json.loads((tmp_path / "new" / "base.json").read_text())["entries"]


def test_unwritable_baseline_is_bad_input_not_internal_error(shop, tmp_path):
    log = tmp_path / "ci.log"
    log.write_text(LOG)
    (tmp_path / "afile").write_text("")
    result = _report(str(shop), "--from-log", str(log), "--write-baseline", str(tmp_path / "afile" / "base.json"))
    assert result.exit_code == 2
    assert result.stderr.startswith("django-upgrade: error: cannot write baseline")


def test_check_from_a_log_points_at_the_model_field(shop, tmp_path):
    assert locate_check_object(shop, "catalog.Product.featured") == (str(shop / "catalog" / "models.py"), 10)
    assert locate_check_object(shop, "catalog.Product") == (str(shop / "catalog" / "models.py"), 8)
    assert locate_check_object(shop, "catalog.Product.nope") == (str(shop / "catalog" / "models.py"), 8)
    assert locate_check_object(shop, "other.Product.featured") is None
    assert locate_check_object(shop, "?: (urls.W001) ...") is None
    log = tmp_path / "ci.log"
    log.write_text(LOG)
    result = _report(str(shop), "--from-log", str(log), "--format", "json")
    doc = json.loads(result.stdout)
    check = [g for g in doc["groups"] if g["category"] == "fields.W903"]
    assert len(check) == 1
    assert (check[0]["file"], check[0]["line"], check[0]["origin"]) == ("catalog/models.py", 10, "first-party")


def test_bad_from_is_refused_before_the_suite_runs(shop, tmp_path):
    marker = tmp_path / "ran"
    result = _report(str(shop), "--python", sys.executable, "-q", "--from", "banana", "--",
                     "python", "-c", f"open({str(marker)!r}, 'w')")
    assert result.exit_code == 2
    assert "not a Django version" in result.stderr
    assert not marker.exists()


def test_settings_option_reaches_the_test_command(shop, tmp_path):
    seen = tmp_path / "seen"
    code = f"import os; open({str(seen)!r}, 'w').write(os.environ.get('DJANGO_SETTINGS_MODULE', '-'))"
    result = _report(str(shop), "--python", sys.executable, "-q", "--settings", "shop.settings_ci", "--",
                     "python", "-c", code)
    assert result.exit_code == 0, result.output
    assert seen.read_text() == "shop.settings_ci"


def test_a_command_that_dies_before_any_test_says_why(shop):
    result = _report(str(shop), "--python", sys.executable, "-q", "--",
                     "python", "-c", "raise SystemExit('ImportError: settings exploded')")
    assert result.exit_code == 3
    assert "no test summary; the command's last output:" in result.stdout
    assert "settings exploded" in result.stdout


def test_harvest_dir_is_removed_even_when_the_command_is_missing(shop, monkeypatch, tmp_path):
    from upgrader import testrun
    from upgrader.project import Project

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with pytest.raises(UsageError, match="test command not found"):
        testrun.run_with_harvester(Project(shop, python=sys.executable), ["no-such-test-runner-xyz"], stream=False)
    assert list(scratch.iterdir()) == []


def test_from_log_ignores_a_foreign_django_on_path(shop, tmp_path):
    proc_django = os.popen(f"{sys.executable} -c 'import django; print(django.get_version())'").read().strip()
    if not proc_django or proc_django.startswith("3.2"):
        pytest.skip("needs a python on PATH with a Django other than 3.2")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "python").symlink_to(sys.executable)
    log = tmp_path / "ci.log"
    log.write_text(LOG)
    result = CliRunner().invoke(
        cli, ["report", str(shop), "--from-log", str(log), "--format", "json"],
        env={"PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}", "VIRTUAL_ENV": None},
        catch_exceptions=False,
    )
    doc = json.loads(result.stdout)
    assert doc["django_version"] == "3.2.25" and doc["next_release"] == "4.0"


def test_narrow_columns_do_not_cut_pytest_failure_messages(shop, monkeypatch):
    """CI runners (and pytest-xdist workers) set COLUMNS=80; pytest then cuts the short summary's
    messages, and the report lost the end of each failure message."""
    from upgrader import testrun
    from upgrader.project import Project

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw9")
    code = "import os; print(os.environ['COLUMNS'], os.environ.get('PYTEST_XDIST_WORKER', '-'))"
    result = testrun.run_with_harvester(Project(shop, python=sys.executable), [sys.executable, "-c", code],
                                        stream=False)
    assert result.output_tail.split() == ["200", "-"]
