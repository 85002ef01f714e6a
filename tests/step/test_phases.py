"""The phases of a step, each alone: comparing runs, comparing environments, the codemods computed once
and written, the install arguments, what is left by hand (real release data, real codemods, real
scanner; no venv)."""

from __future__ import annotations

import os
from pathlib import Path

import release_data
from tests.step.test_step_unit import write
from upgrader import installer
from upgrader.snapshot import Snapshot
from upgrader.step import blame, fixes, leftover, pipeline
from upgrader.step.suite import NOT_STARTED, TestSummary, new_failures
from upgrader.testrun import Failure, RunResult


def summary(returncode=0, failures=(), passed=3, label="run") -> TestSummary:
    res = RunResult(returncode=returncode, passed=passed, failed=len(failures), errors=0, skipped=0,
                    failures=[Failure(t, "AssertionError") for t in failures])
    return TestSummary(label, "3.2.25", "3.10", res)


def test_a_failure_of_the_baseline_is_never_new():
    before = summary(1, ["a.T.test_old"])
    after = summary(1, ["a.T.test_old", "a.T.test_new"])
    assert new_failures(before, after) == ["a.T.test_new"]
    assert new_failures(before, summary(1, ["a.T.test_old"])) == []
    assert new_failures(summary(), summary()) == []
    # a suite that does not start is a failure of its own, comparable like a test
    crashed = summary(1, [], passed=None)
    assert crashed.failing == {NOT_STARTED}
    assert new_failures(summary(), crashed) == [NOT_STARTED]
    assert new_failures(crashed, summary(1, [], passed=None)) == []


def test_the_environment_comparison_lists_downgrades_and_removals():
    before = installer.Environment({"django": ("Django", "3.2.25"), "sqlparse": ("sqlparse", "0.5.3"),
                                    "pytz": ("pytz", "2024.1"), "asgiref": ("asgiref", "3.8.1")})
    after = installer.Environment({"django": ("Django", "4.0.10"), "sqlparse": ("sqlparse", "0.4.4"),
                                   "asgiref": ("asgiref", "3.8.1"), "tzdata": ("tzdata", "2024.2")})
    ch = installer.compare(before, after)
    assert ch.downgraded == [{"name": "sqlparse", "before": "0.5.3", "after": "0.4.4"}]
    assert ch.removed == [{"name": "pytz", "before": "2024.1"}]
    assert ch.upgraded == [{"name": "Django", "before": "3.2.25", "after": "4.0.10"}]
    assert ch.added == [{"name": "tzdata", "after": "2024.2"}]
    assert ch.losses == ["sqlparse 0.5.3 -> 0.4.4 (downgraded)", "pytz 2024.1 (removed)"]
    assert installer.compare(after, after).losses == []


def test_install_arguments_follow_how_the_project_was_installed(tmp_path):
    write(tmp_path, {"setup.py": "from setuptools import setup\nsetup(name='x')\n"})
    assert pipeline.install_requirements(tmp_path, "4.0.10", ["drf==3.13"], False) == ["django==4.0.10", "drf==3.13"]
    assert pipeline.install_requirements(tmp_path, "4.0.10", [], True) == ["django==4.0.10", "-e", "."]


def test_a_step_installs_only_the_requirement_files_it_bumped(tmp_path):
    """django-filter 2.4 (a real sdist) has requirements/maintainer.txt pinning Sphinx 1.3 and friends:
    a step in the project's own environment installed it with Django and failed on Python 3.9. Only
    the files the pins phase changed are installed with the new Django."""
    write(tmp_path, {"requirements/test.txt": "-r test-ci.txt\ndjango==4.0.10\n",
                     "requirements/test-ci.txt": "coverage\n",
                     "requirements/maintainer.txt": "Sphinx==1.3.6\nalabaster==0.7.7\n"})
    bumped = [str(tmp_path / "requirements" / "test.txt")]
    assert pipeline.install_requirements(tmp_path, "4.0.10", [], False, bumped=bumped, existing_env=True) == [
        "django==4.0.10", "-r", "requirements/test.txt"]
    assert pipeline.install_requirements(tmp_path, "4.0.10", [], False, existing_env=True) == ["django==4.0.10"]
    # a new virtualenv (--new-python) still gets every requirement file the project has
    assert "requirements/maintainer.txt" in pipeline.install_requirements(tmp_path, "4.0.10", [], False)


PROJECT = {
    "shop/__init__.py": "",
    "shop/text.py": "from django.utils.encoding import force_text\r\n\r\n\r\ndef label(x):\r\n    return force_text(x)\r\n",
    "shop/views.py": "from django.conf.urls import url\nfrom django.utils.translation import ugettext as _\n"
                     "urlpatterns = [url(r'^a$', None)]\nMSG = _('x')\n",
    "shop/clean.py": "X = 1\n",
}


def test_codemods_are_computed_once_and_the_same_text_is_written(tmp_path):
    write(tmp_path, {})
    for rel, text in PROJECT.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(text.encode())
    on_x, _ = fixes.codemods_for_step("3.2.25", "4.0.10", data=release_data.load())
    phase = fixes.compute(tmp_path, on_x, "3.2", "current")
    by = {c.path: c for c in phase.changes}
    assert set(by) == {"shop/text.py", "shop/views.py"}
    # diff headers are relative to the project, never a temporary directory
    assert by["shop/text.py"].diff.startswith("--- a/shop/text.py\n+++ b/shop/text.py\n")
    assert str(tmp_path) not in "".join(c.diff for c in phase.changes)
    assert (tmp_path / "shop/text.py").read_bytes() == PROJECT["shop/text.py"].encode()  # nothing written yet
    snap = Snapshot.take(tmp_path, [], label="t")
    fixes.write(phase, snap)
    assert (tmp_path / "shop/text.py").read_bytes() == by["shop/text.py"].new
    assert b"force_str" in by["shop/text.py"].new and b"\r\n" in by["shop/text.py"].new  # CRLF kept
    assert {r.path for r in snap.files} == {"shop/text.py", "shop/views.py"}  # recorded before writing


def test_leaving_one_codemod_out_keeps_the_others(tmp_path):
    for rel, text in PROJECT.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    on_x, _ = fixes.codemods_for_step("3.2.25", "4.0.10", data=release_data.load())
    phase = fixes.compute(tmp_path, on_x, "3.2", "current")
    views = next(c for c in phase.changes if c.path == "shop/views.py")
    assert len(views.applied) == 2, views.applied
    one = views.applied[0]
    texts = blame.state(phase, {one})
    assert texts["shop/text.py"] == next(c.new for c in phase.changes if c.path == "shop/text.py")
    partial = texts["shop/views.py"].decode()
    assert partial not in (views.old.decode(), views.new.decode())  # only the other codemod's change


def test_frames_are_mapped_to_project_files(tmp_path):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "text.py").write_text("")
    text = (f'  File "{tmp_path}/shop/text.py", line 3, in label\n'
            '  File "/usr/lib/python3.10/unittest/case.py", line 59\n'
            "shop/text.py:3: AssertionError\n")
    assert fixes.frames_in(text, tmp_path) == {"shop/text.py"}


class _Report:
    def __init__(self, project):
        self.project, self.interpreter = str(project), None
        self.current, self.to, self.dry_run = "3.2.25", "4.0.10", False
        self.tests, self.codemods, self.locks, self.notes, self.left = {}, {}, [], [], {}
        self.deps_index = None


def test_left_by_hand_lists_only_the_removals_found_in_this_project(tmp_path):
    data = release_data.load()
    write(tmp_path, {"shop/__init__.py": "", "shop/models.py": "X = 1\n"})
    left, _groups, _next = leftover.left_by_hand(_Report(tmp_path), data, None)
    assert left["manual_changes"] == [] and left["incompatible"] == []
    write(tmp_path, {"shop/query.py": "from django.utils.translation import LANGUAGE_SESSION_KEY\n"})
    left, _groups, _next = leftover.left_by_hand(_Report(tmp_path), data, None)
    assert [m["id"] for m in left["manual_changes"]] == ["set-language"]
    assert left["manual_changes"][0]["found"] == [{"file": "shop/query.py", "line": 1}]
    assert os.path.isdir(Path(tmp_path))


def _ctx(before, after, commit=False):
    from upgrader.step.options import Progress, StepOptions
    from upgrader.step.report import StepReport

    report = StepReport(project="/nonexistent", python="3.10", interpreter="py", current="3.2.25", to="4.0.10",
                        kind="feature", test_command=None)
    report.tests.update({"before": before, "after": after})

    class PF:
        current, step_to = "3.2.25", "4.0.10"

    return pipeline.StepContext(project=None, options=StepOptions(commit=commit), data=None, pf=PF(), report=report,
                                progress=Progress(False))


def test_the_report_phase_counts_only_new_failures():
    ctx = _ctx(summary(1, ["a.T.test_old"]), summary(1, ["a.T.test_old"]))
    assert not pipeline.conclude(ctx).stop
    assert ctx.report.status == "ok" and ctx.report.exit_code == 0
    assert any("still fail on Django 4.0.10: a.T.test_old" in n for n in ctx.report.notes)
    ctx = _ctx(summary(1, ["a.T.test_old"]), summary(1, ["a.T.test_old", "a.T.test_new"]))
    assert pipeline.conclude(ctx).stop
    assert ctx.report.status == "tests-failing" and ctx.report.exit_code == 3
    assert "a.T.test_new" in ctx.report.message and "test_old" not in ctx.report.message
