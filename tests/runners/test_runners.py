"""Any test runner a project uses gives the same structured results: pytest 4.6, 5.4 (pytest-django
3.10) and 8 (pytest-django 4, xdist) with quiet, no-warnings and ``-W error`` addopts; ``manage.py
test`` with a custom TEST_RUNNER; a ``runtests.py`` script. Counts come from the harvest file, never
from the printed summary (which ``-q``/``-qq`` change or remove)."""

from __future__ import annotations

import io
import os
import sys

import pytest

import release_data
from tests.runners.envs import env_python
from tests.runners.project import COUNTS, OUTCOMES, line_of, make_project, short
from upgrader.project import Project
from upgrader.report import group
from upgrader.report.model import by_family
from upgrader.testrun import detect_test_command, run_with_harvester

pytestmark = pytest.mark.integration

PYTEST = ["-Wa", "-m", "pytest", "-p", "no:cacheprovider"]
# pytest counts an exception in a unittest-style test's call as "failed"
PYTEST_COUNTS = {"passed": 3, "failed": 2, "errors": 0, "skipped": 1}


def _run(tmp_path, env, argv_tail, addopts=None, extra_env=None, **kw):
    py = env_python(env)
    project = make_project(tmp_path / "p", pytest_addopts=addopts, **kw)
    buf = io.StringIO()
    base = dict(os.environ, **(extra_env or {}))
    result = run_with_harvester(Project(project, py), [py, *argv_tail], out=buf, env=base)
    return project, py, result, buf.getvalue()


def _counts(result):
    return {"passed": result.passed, "failed": result.failed, "errors": result.errors, "skipped": result.skipped}


def _outcomes(result):
    return {short(t.test): t.outcome for t in result.tests if t.when in ("call", "setup")}


def _deprecation(project, result):
    text = (project / "demo" / "compat.py").read_text().splitlines()
    lines = {i for i, t in enumerate(text, 1) if "expect:deprecation" in t}  # one per Django line
    hits = [w for w in result.warnings if w.category.rsplit(".", 1)[-1].startswith("RemovedInDjango")
            and w.filename == str(project / "demo" / "compat.py")]
    assert hits, [(w.category, w.filename) for w in result.warnings]
    assert len({w.lineno for w in hits}) == 1 and {w.lineno for w in hits} <= lines
    assert {short(w.test) for w in hits} == {"DemoTests.test_deprecated"}
    return hits


@pytest.mark.parametrize("env,addopts,extra", [
    ("pytest46", "-q", []),
    ("pytest54", "-qq\nfilterwarnings = ignore::DeprecationWarning", []),
    ("pytest54", "-p no:warnings -q", []),
    ("pytest8", "-qq -p no:warnings", []),
    ("pytest8", "-q", ["-n", "2"]),
])
def test_pytest_versions_and_quiet_addopts_give_structured_results(tmp_path, env, addopts, extra):
    project, py, result, output = _run(tmp_path, env, [*PYTEST, *extra], addopts=addopts)
    assert result.tool_error is None, result.tool_error
    assert result.structured and result.results_source == "harvest" and result.finished, output[-3000:]
    assert result.runner == "pytest" and result.returncode == 1
    assert _counts(result) == PYTEST_COUNTS, output[-3000:]
    expected = {k: ("failed" if v == "error" else v) for k, v in OUTCOMES.items()}
    assert _outcomes(result) == expected
    assert sorted(short(t) for t in result.failed_tests) == ["DemoTests.test_fails", "PlainTests.test_errors"]
    failure = [f for f in result.failures if f.test.endswith("test_errors")][0]
    assert failure.message == "ValueError: negative values are not allowed: -1"
    _deprecation(project, result)
    # Django's own warnings that are not deprecations are harvested and grouped apart
    groups = group(result.warnings, release_data.load(), project_dir=project, python=py)
    other = by_family(groups).get("django-other", [])
    assert any("received a naive datetime" in g.message for g in other), [(g.family, g.message[:50]) for g in groups]
    if env == "pytest8":
        delete = [g for g in other if g.category == "DeleteViewCustomDeleteWarning"]
        assert delete and delete[0].file == "demo/tests.py" and delete[0].tests
    dep = [g for g in groups if g.file == "demo/compat.py"]
    assert dep and dep[0].family == "django-deprecation"


def test_warnings_made_errors_by_the_project_fail_its_tests_and_are_still_harvested(tmp_path):
    """``-W error::DeprecationWarning``: the deprecation is the test's exception (the run counts it
    as the project's own run would) and it is still a harvested warning at the line that caused it."""
    project, _py, result, output = _run(tmp_path, "pytest8", PYTEST, addopts="-W error::DeprecationWarning")
    assert result.structured and result.tool_error is None
    assert _counts(result) == {"passed": 2, "failed": 3, "errors": 0, "skipped": 1}, output[-3000:]
    failing = {short(t.test): t for t in result.tests if t.failing}
    assert failing["DemoTests.test_deprecated"].exc_type == "django.utils.deprecation.RemovedInDjango50Warning"
    hits = _deprecation(project, result)
    assert {w.source for w in hits} == {"error"}


def test_manage_py_test_with_a_custom_quiet_test_runner(tmp_path):
    runner = (
        "import io, unittest\n"
        "from django.test.runner import DiscoverRunner\n\n\n"
        "class SilentResult(unittest.TextTestResult):\n"
        "    pass\n\n\n"
        "class QuietRunner(DiscoverRunner):\n"
        "    def run_suite(self, suite, **kwargs):\n"
        "        stream = io.StringIO()  # prints neither progress nor the 'Ran N tests' summary\n"
        "        return unittest.TextTestRunner(stream=stream, verbosity=0, resultclass=SilentResult).run(suite)\n"
    )
    py = env_python("pytest54")
    project = make_project(tmp_path / "p", settings_extra='TEST_RUNNER = "proj.runner.QuietRunner"')
    (project / "proj" / "runner.py").write_text(runner)
    command = detect_test_command(Project(project, py))
    assert command.kind == "manage.py"
    buf = io.StringIO()
    result = run_with_harvester(Project(project, py), command.argv, out=buf)
    assert "Ran 6 tests" not in buf.getvalue()
    assert result.structured and result.runner == "unittest" and result.finished, buf.getvalue()[-2000:]
    assert _counts(result) == COUNTS
    assert _outcomes(result) == OUTCOMES
    assert result.tests[0].test.startswith("demo.tests.")
    _deprecation(project, result)
    diag = {short(d.test): d for d in result.diagnoses}
    assert diag["PlainTests.test_errors"].origin == "first-party"
    assert (diag["PlainTests.test_errors"].file, diag["PlainTests.test_errors"].line) == (
        "demo/logic.py", line_of(project, "demo/logic.py", "expect:raise"))
    assert diag["PlainTests.test_errors"].exc_type == "ValueError"


RUNTESTS = '''\
#!/usr/bin/env python
import os
import sys

import django
from django.conf import settings
from django.test.utils import get_runner

if __name__ == "__main__":
    os.environ["DJANGO_SETTINGS_MODULE"] = "proj.settings"
    django.setup()
    TestRunner = get_runner(settings)
    failures = TestRunner(verbosity=0).run_tests(["demo"])
    sys.exit(bool(failures))
'''


def test_runtests_py_is_detected_and_counted(tmp_path):
    py = env_python("pytest8")
    project = make_project(tmp_path / "p")
    (project / "manage.py").unlink()
    (project / "runtests.py").write_text(RUNTESTS)
    command = detect_test_command(Project(project, py))
    assert (command.kind, command.argv) == ("runtests", [py, "-Wa", "runtests.py"])
    buf = io.StringIO()
    result = run_with_harvester(Project(project, py), command.argv, out=buf)
    assert result.structured and result.runner == "unittest", buf.getvalue()[-2000:]
    assert _counts(result) == COUNTS
    _deprecation(project, result)


def test_an_unknown_runner_falls_back_to_its_summary_line_and_says_so(tmp_path):
    code = "print('Ran 4 tests in 0.010s'); print(); print('FAILED (failures=1)')"
    result = run_with_harvester(Project(tmp_path, sys.executable), [sys.executable, "-c", code], stream=False)
    assert (result.structured, result.results_source) == (False, "summary-line")
    assert _counts(result) == {"passed": 3, "failed": 1, "errors": 0, "skipped": 0}


def test_a_settings_import_error_under_pytest_django_is_a_crash_with_its_root_cause(tmp_path):
    """pytest-django 3.10 re-raises the settings' ImportError as its own: the diagnosis names the
    project's line that raised the original one (and keeps the re-raise as ``outer``)."""
    project, _py, result, output = _run(tmp_path, "pytest54", PYTEST, addopts="-q",
                                        settings_extra="from proj.missing import X  # expect:missing\n")
    assert result.returncode != 0 and result.passed is None and not result.finished, output[-2000:]
    assert result.tool_error is None
    [d] = result.diagnoses
    assert (d.kind, d.origin, d.exc_type) == ("crash", "first-party", "ModuleNotFoundError")
    assert (d.file, d.line) == ("proj/settings.py", line_of(project, "proj/settings.py", "expect:missing"))
    assert d.outer and d.outer.startswith("ImportError:")


def test_a_test_module_that_cannot_be_imported_is_a_collection_error(tmp_path):
    py = env_python("pytest8")
    project = make_project(tmp_path / "p", pytest_addopts="-qq")
    (project / "demo" / "test_broken.py").write_text("from demo.logic import nothing_here\n")
    result = run_with_harvester(Project(project, py), [py, *PYTEST], stream=False)
    assert result.structured and result.errors == 1 and result.failed_tests == ["demo/test_broken.py"]
    assert result.failures[0].message.startswith("ImportError: cannot import name 'nothing_here'")
    [d] = result.diagnoses
    assert (d.origin, d.file, d.line, d.exc_type) == ("first-party", "demo/test_broken.py", 1, "ImportError")


def test_a_run_that_dies_after_its_tests_started_has_no_counts_and_did_not_finish(tmp_path):
    """``manage.py test --parallel`` with failing tests and no tblib: Django's pool dies on the
    unpicklable traceback. Not "0 passed, 0 failed": no counts, not finished, the crash explained."""
    project, _py, result, output = _run(tmp_path, "pytest8", ["-Wa", "manage.py", "test", "--parallel", "2"])
    assert "cannot pickle" in output
    assert result.passed is None and not result.finished
    [d] = result.diagnoses
    assert (d.kind, d.exc_type, d.origin) == ("crash", "TypeError", "django")


TOX_INI = '''\
[tox]
env_list = py
no_package = true

[testenv]
deps = django==4.2.30
commands = python manage.py test
'''


def test_a_tox_command_passes_the_harvester_to_its_environment(tmp_path):
    """tox keeps only the variables it is told to pass: the harvester reaches the tox env anyway, so
    the results are structured, not read from the summary line."""
    tox_python = env_python("tox")
    project = make_project(tmp_path / "p")
    (project / "tox.ini").write_text(TOX_INI)
    tox = os.path.join(os.path.dirname(tox_python), "tox")
    buf = io.StringIO()
    result = run_with_harvester(Project(project, tox_python), [tox, "-e", "py"], out=buf)
    assert result.structured and result.runner == "unittest", buf.getvalue()[-3000:]
    assert _counts(result) == COUNTS
    _deprecation(project, result)


def test_a_crashed_xdist_worker_is_a_failure_of_its_test(tmp_path):
    """No worker can report a test that killed it: the controller's record counts it, as pytest does."""
    py = env_python("pytest8")
    project = make_project(tmp_path / "p", pytest_addopts="-q")
    (project / "demo" / "test_crash.py").write_text("import os\n\n\ndef test_dies():\n    os._exit(1)\n")
    result = run_with_harvester(Project(project, py), [py, *PYTEST, "-n", "2"], stream=False)
    assert _counts(result) == {"passed": 3, "failed": 3, "errors": 0, "skipped": 1}
    crashed = [f for f in result.failures if f.test == "demo/test_crash.py::test_dies"]
    assert crashed and "crashed while running" in crashed[0].message


def test_a_warning_made_an_error_at_start_up_is_harvested_and_explained(tmp_path):
    """``python -W error::DeprecationWarning manage.py test`` with a deprecated import in settings:
    the process dies before any test; the warning is still a record and the crash names the line."""
    py = env_python("pytest8")
    project = make_project(tmp_path / "p", settings_extra="from django.utils.timezone import utc  # expect:utc\n")
    result = run_with_harvester(Project(project, py), [py, "-W", "error::DeprecationWarning", "manage.py", "test"],
                                stream=False)
    line = line_of(project, "proj/settings.py", "expect:utc")
    assert result.passed is None and not result.finished
    assert [(w.short_category, w.lineno, w.source) for w in result.warnings if w.filename.endswith("settings.py")] == [
        ("RemovedInDjango50Warning", line, "error")]
    [d] = result.diagnoses
    assert (d.origin, d.file, d.line) == ("first-party", "proj/settings.py", line)


def test_a_warning_made_an_error_during_pytest_django_set_up_is_recorded_once(tmp_path):
    project, _py, result, output = _run(tmp_path, "pytest8", PYTEST, addopts="-W error::DeprecationWarning",
                                        settings_extra="from django.utils.timezone import utc  # expect:utc\n")
    line = line_of(project, "proj/settings.py", "expect:utc")
    assert result.passed is None and not result.finished, output[-2000:]
    assert [(w.short_category, w.lineno) for w in result.warnings if w.filename.endswith("settings.py")] == [
        ("RemovedInDjango50Warning", line)]
    assert [(d.kind, d.file, d.line) for d in result.diagnoses] == [("crash", "proj/settings.py", line)]


def test_report_on_pytest_5_4_with_quiet_addopts(tmp_path):
    """The issue's case: ``report`` on pytest 5.4 + pytest-django 3.10 with ``addopts = -q``."""
    import json
    import subprocess

    py = env_python("pytest54")
    project = make_project(tmp_path / "p", pytest_addopts="-q")
    proc = subprocess.run([sys.executable, "-m", "upgrader", "report", str(project), "--python", py, "-q",
                           "--format", "json", "--allow-test-failures"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    doc = json.loads(proc.stdout)
    source = doc["source"]
    assert (source["passed"], source["failed"], source["errors"], source["skipped"]) == (3, 2, 0, 1)
    assert {f["message"] for f in source["failures"]} == {
        "AssertionError: 1 != 2 : one is not two", "ValueError: negative values are not allowed: -1"}
    families = {(g["family"], g["category"]) for g in doc["groups"]}
    assert ("django-deprecation", "RemovedInDjango40Warning") in families
    assert ("django-other", "RuntimeWarning") in families
