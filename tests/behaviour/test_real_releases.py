"""Behaviour changes on real Django releases (throw-away venvs): ``plan`` names the lines before the
step, the failing tests after the bump are explained with the change and the file, and the
mechanical ones are fixed by their codemod and go green."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

import release_data
from tests.behaviour.djproject import line_of, make_project
from tests.venvs import make_venv, python_for
from upgrader import explain
from upgrader.cli import cli
from upgrader.project import Project
from upgrader.testrun import run_with_harvester

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def data():
    return release_data.load(use_refreshed=False)


def _run(root, py):
    return run_with_harvester(Project(root, py), [py, "-Wa", "manage.py", "test"], out=io.StringIO())


def _plan(root, start, end, python):
    r = CliRunner().invoke(cli, ["plan", str(root), "--from", start, "--to", end, "--python-version", python,
                                 "--format", "json"])
    assert r.exit_code in (0, 1), r.output
    doc = json.loads(r.output)
    found = {i["id"]: i for s in doc["steps"] for i in s["incompatible"]}
    found.update({rc["id"]: rc for s in doc["steps"] for rc in s["removed"]})
    return found


def _fix(root, target, only):
    r = CliRunner().invoke(cli, ["fix", str(root), "--target", target, "--only", only, "--no-cache"])
    assert r.exit_code in (0, 1), r.output


def test_delete_view_and_unsaved_related_manager_on_4_1(tmp_path, data):
    py = str(make_venv(python_for(python="3.10"), ["django==4.1.13"]))
    root = make_project(tmp_path / "p", "3.2.25")
    delete_line = line_of(root, "shop/views.py", "def delete(")
    unsaved_line = line_of(root, "shop/tests.py", "order.line_set.count()")

    # before the step: plan names the lines that will behave differently
    inc = _plan(root, "3.2.25", "4.1", "3.10")
    assert inc["4.0-deleteview-form-mixin"]["listed_as_removal"] == "deleteview-custom-delete"
    assert {(o["file"], o["line"]) for o in inc["deleteview-custom-delete"]["occurrences"]} == {("shop/views.py", delete_line)}
    assert {(o["file"], o["line"]) for o in inc["4.1-unsaved-reverse-fk"]["occurrences"]} == {("shop/tests.py", unsaved_line)}

    # after the bump: each failing test is explained by its change and the project's line
    result = _run(root, py)
    assert result.returncode != 0 and result.structured
    got = {e.test.rsplit(".", 1)[-1]: e for e in explain.explain_run(result, root, data, "3.2", "4.1")}
    assert set(got) == {"test_delete_archives", "test_new_order_has_no_lines"}
    dv = got["test_delete_archives"]
    assert (dv.change_id, dv.location) == ("4.0-deleteview-form-mixin", f"shop/views.py:{delete_line}")
    assert "warning" in dv.matched_by and dv.fix["codemod"] == "delete_view_form_valid"
    un = got["test_new_order_has_no_lines"]
    assert (un.change_id, un.location) == ("4.1-unsaved-reverse-fk", f"shop/tests.py:{unsaved_line}")
    assert un.exc_type == "ValueError" and {"signature", "frame"} <= set(un.matched_by)
    assert "before this relationship can be used" in un.message

    # report: each failure names the change that explains it
    r = CliRunner().invoke(cli, ["report", str(root), "--python", py, "--format", "json", "--allow-test-failures"])
    doc = json.loads(r.stdout)
    named = {f["test"].rsplit(".", 1)[-1]: f["incompatible"] for f in doc["source"]["failures"]}
    assert named == {"test_delete_archives": ["4.0-deleteview-form-mixin"],
                     "test_new_order_has_no_lines": ["4.1-unsaved-reverse-fk"]}, r.output

    # the mechanical one: the codemod moves delete() to form_valid() and the test goes green
    _fix(root, "4.1", "delete_view_form_valid")
    assert "def form_valid(self, form):" in (root / "shop" / "views.py").read_text()
    again = _run(root, py)
    failing = {t.test.rsplit(".", 1)[-1] for t in again.tests if t.failing}
    assert failing == {"test_new_order_has_no_lines"}
    assert not [w for w in again.warnings if w.short_category == "DeleteViewCustomDeleteWarning"]


def test_timezone_utc_in_a_migration_on_5_0(tmp_path, data):
    py = str(make_venv(python_for(python="3.12"), ["django==5.0.14"]))
    root = make_project(tmp_path / "p", "4.2.30")
    mig = "shop/migrations/0002_order_placed.py"
    utc_line = line_of(root, mig, "import utc")
    (root / "shop" / "tests.py").write_text(
        "from django.test import TestCase\n\nfrom shop.models import Order\n\n\n"
        "class OrderTests(TestCase):\n    def test_passes(self):\n        self.assertEqual(Order.objects.count(), 0)\n")

    result = _run(root, py)
    assert result.returncode != 0
    explained = explain.explain_run(result, root, data, "4.2", "5.0")
    assert explained, result.output_tail
    e = explained[0]
    assert e.change_id in ("5.0-timezone-utc-removed", "timezone-utc"), e.headline()
    assert e.location == f"{mig}:{utc_line}", e.headline()
    assert e.fix["codemod"] == "timezone_utc"

    _fix(root, "5.0", "timezone_utc")
    text = (root / mig).read_text()
    assert "django.utils.timezone" not in text and "timezone.utc" in text
    assert _run(root, py).returncode == 0
