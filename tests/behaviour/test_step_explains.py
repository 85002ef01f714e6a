"""``step`` 3.2 -> 4.0 on a project whose DeleteView overrides delete(): the suite is green on 3.2. A
delete() the codemod can move is moved after the bump (the step's target fixes) and stays green; one it
must leave alone (``request`` used in a nested function) fails on 4.0, and the step report explains
it - the change, the project's line and the fix - in JSON (left_by_hand.failures[].explanation)."""

from __future__ import annotations

import json

import pytest

from tests.behaviour.djproject import line_of, make_project
from tests.step.test_step_unit import git, run_cli
from tests.venvs import make_venv, python_for

pytestmark = pytest.mark.integration


def test_step_report_explains_the_delete_view_failure(tmp_path):
    root = make_project(tmp_path / "p", "3.2.25")
    views = root / "shop" / "views.py"
    views.write_text(views.read_text().replace(
        "        self.object.save()\n",
        "        self.object.save()\n        audit = lambda: request.path  # the codemod leaves this delete() alone\n"
        "        audit()\n"))
    (root / ".gitignore").write_text("__pycache__/\n*.sqlite3\n")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    venv = make_venv(python_for(python="3.10"), ["django==3.2.25"], fresh=tmp_path / "venv")
    delete_line = line_of(root, "shop/views.py", "def delete(")

    res = run_cli("step", str(root), "--python", str(venv), "--to", "4.0", "--format", "json")
    step = json.loads(res.stdout)["steps"][0]
    assert step["to"].startswith("4.0"), res.output[-2000:]
    failures = {f["test"].rsplit(".", 1)[-1]: f for f in step["left_by_hand"]["failures"]}
    assert "test_delete_archives" in failures, res.output[-3000:]
    e = failures["test_delete_archives"]["explanation"]
    assert e["explained"] and e["change"] == "4.0-deleteview-form-mixin"
    assert e["location"] == f"shop/views.py:{delete_line}"
    assert e["fix"]["codemod"] == "delete_view_form_valid" and "warning" in e["matched_by"]
    first = failures["test_delete_archives"]["matches"][0]
    assert first["id"] == "4.0-deleteview-form-mixin" and f"shop/views.py:{delete_line}" in first["summary"]
    assert any(i["id"] == "4.0-deleteview-form-mixin" for i in step["left_by_hand"]["incompatible"])
