"""``step``'s report: a file the codemods could not parse, in a project on a newer Python."""

from __future__ import annotations

import sys

import pytest

from codemods import registry
from upgrader.step import fixes
from upgrader.step.render import render_text
from upgrader.step.report import StepReport

NEW_SYNTAX = 'from django.utils.encoding import force_text\nx = {"a": 1}\ny = force_text(f"{x["a"]}")\n'


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the f-string nesting the same quotes parses here")
def test_the_report_says_a_newer_python_may_be_why_a_file_was_not_rewritten(tmp_path):
    (tmp_path / "views.py").write_text(NEW_SYNTAX)
    (tmp_path / "old.py").write_text("from django.utils.encoding import force_text\nforce_text(1)\n")
    phase = fixes.compute(tmp_path, registry.select(target="4.2"), "4.2", "current")
    assert [e["path"] for e in phase.errors] == ["views.py"] and phase.errors[0]["error"].startswith(
        "cannot parse: SyntaxError")
    ours = f"{sys.version_info[0]}.{sys.version_info[1]}"
    for python, said in ((f"{sys.version_info[0]}.{sys.version_info[1] + 1}.1", True), (f"{ours}.0", False)):
        report = StepReport(project=str(tmp_path), python=python, interpreter="python", current="3.2.25",
                            to="4.0.10", kind="feature", test_command=None, status="ok", dry_run=True)
        report.codemods["current"] = phase
        text = render_text(report)
        assert "not rewritten: views.py: cannot parse: SyntaxError" in text
        assert ("1 file did not parse with the Python django-upgrade runs on" in text) is said, text
