"""Diagnosis by frame: a pinned dependency that imports a name Django 4 removed is named, with its
version, file, line, exception and message, although the process's output ends with an unrelated
ResourceWarning."""

from __future__ import annotations

import io
import subprocess

import pytest

from tests.runners.project import make_project
from tests.venvs import make_venv, python_for
from upgrader import diagnose
from upgrader.project import Project
from upgrader.testrun import run_with_harvester

pytestmark = pytest.mark.integration

PYPROJECT = '''\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "legacy-dep"
version = "1.0.3"

[tool.setuptools]
packages = ["legacy_dep"]
'''

COMPAT = '''\
"""Helpers written for Django 2.x."""
from django.utils.encoding import force_text  # removed in Django 4.0


def to_text(value):
    return force_text(value)
'''

AT_EXIT = '''
import atexit
import warnings

atexit.register(lambda: warnings.warn("unclosed file <_io.TextIOWrapper name='/tmp/log.txt'>", ResourceWarning))
'''


@pytest.fixture(scope="module")
def venv_with_legacy_dep(tmp_path_factory):
    root = tmp_path_factory.mktemp("legacy")
    pkg = root / "legacy-dep"
    (pkg / "legacy_dep").mkdir(parents=True)
    (pkg / "pyproject.toml").write_text(PYPROJECT)
    (pkg / "legacy_dep" / "__init__.py").write_text("from legacy_dep.compat import to_text  # noqa: F401\n")
    (pkg / "legacy_dep" / "compat.py").write_text(COMPAT)
    sibling = root / "sibling"  # a local library installed editable (pip install -e), outside the project
    (sibling / "sibling_lib").mkdir(parents=True)
    (sibling / "pyproject.toml").write_text(PYPROJECT.replace("legacy-dep", "sibling-lib").replace("1.0.3", "0.4")
                                            .replace('"legacy_dep"', '"sibling_lib"'))
    (sibling / "sibling_lib" / "__init__.py").write_text(
        "from django.utils.translation import ugettext  # removed in Django 4.0\n")
    py = make_venv(python_for(python="3.11"), ["django==4.2.30"], fresh=root / "venv")
    pip = [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, str(pkg)], check=True, capture_output=True, timeout=600)
    subprocess.run([*pip, "-e", str(sibling)], check=True, capture_output=True, timeout=600)
    return str(py)


def test_an_import_error_in_a_dependency_names_the_distribution_not_the_last_line(venv_with_legacy_dep, tmp_path):
    py = venv_with_legacy_dep
    project = make_project(tmp_path / "p", settings_extra=AT_EXIT, apps=("legacy_dep",))
    (project / "requirements.txt").write_text("django==4.2.30\nlegacy-dep==1.0.3\n")
    buf = io.StringIO()
    result = run_with_harvester(Project(project, py), [py, "-Wa", "manage.py", "test"], out=buf)
    last = [ln for ln in buf.getvalue().splitlines() if ln.strip()][-1]
    assert "ResourceWarning" in last  # what a "last line of stderr" diagnosis would have said
    assert result.returncode != 0 and result.passed is None and not result.finished
    assert result.tool_error is None
    assert len(result.diagnoses) == 1
    d = result.diagnoses[0]
    assert (d.kind, d.origin, d.exc_type) == ("crash", "third-party", "ImportError")
    assert (d.distribution, d.distribution_version) == ("legacy-dep", "1.0.3")
    assert d.file.endswith("site-packages/legacy_dep/compat.py") and d.line == 2
    assert d.source_line == "from django.utils.encoding import force_text  # removed in Django 4.0"
    assert "cannot import name 'force_text' from 'django.utils.encoding'" in d.message
    headline = d.headline()
    assert headline.startswith("ImportError: cannot import name 'force_text'") and "legacy-dep 1.0.3" in headline
    assert d.to_json()["distribution"] == "legacy-dep"
    doc = result.results_json()
    assert doc["crash"]["exc_type"] == "ImportError" and doc["diagnoses"][0]["distribution_version"] == "1.0.3"
    assert doc["finished"] is False and doc["structured"] is False and doc["tool_error"] is None
    # the same from the function the step code calls, with explicit site-packages
    site = d.file.rsplit("/legacy_dep/", 1)[0]
    again = diagnose.explain(result, project, [site])
    assert [(x.distribution, x.line) for x in again] == [("legacy-dep", 2)]


def test_a_failure_in_django_is_blamed_on_the_first_party_caller(tmp_path):
    """Django raises for code that called it wrongly: the project's frame is the one to blame."""
    from upgrader.testresults import Frame, TestOutcome

    project = tmp_path / "p"
    (project / "app").mkdir(parents=True)
    (project / "app" / "views.py").write_text("x = 1\n")
    django_file = "/venv/lib/python3.12/site-packages/django/db/models/fields/related_descriptors.py"
    outcome = TestOutcome(
        test="app.tests.T.test_x", outcome="error", exc_type="ValueError",
        message="'Item' instance needs to have a primary key value before this relationship can be used.",
        frames=[Frame("/usr/lib/python3.12/unittest/case.py", 589, "_callTestMethod", ""),
                Frame(str(project / "app" / "views.py"), 1, "test_x", "item.tags.all()"),
                Frame(django_file, 718, "__init__", "raise ValueError(")])
    d = diagnose.diagnose_outcome(outcome, project)
    assert (d.origin, d.file, d.line, d.source_line) == ("first-party", "app/views.py", 1, "item.tags.all()")
    assert d.raised_at == f"{django_file}:718" and d.raised_source == "raise ValueError("


def test_a_test_module_that_cannot_import_an_editable_library_names_it(venv_with_legacy_dep, tmp_path):
    """``manage.py test``: unittest turns the failed import into ImportError(text); the diagnosis
    still has the real frames, and the editable library outside the project is a named distribution."""
    py = venv_with_legacy_dep
    project = make_project(tmp_path / "p")
    (project / "demo" / "test_sibling.py").write_text("import sibling_lib  # noqa: F401\n")
    result = run_with_harvester(Project(project, py), [py, "-Wa", "manage.py", "test"], stream=False)
    assert result.structured and result.errors == 2 and result.passed == 3
    [d] = [d for d in result.diagnoses if "test_sibling" in d.test]
    assert (d.origin, d.exc_type, d.distribution, d.distribution_version) == (
        "third-party", "ImportError", "sibling-lib", "0.4")
    assert d.file.endswith("sibling/sibling_lib/__init__.py") and d.line == 1
    assert "cannot import name 'ugettext'" in d.message
    assert d.first_party == "demo/test_sibling.py:1"


def test_the_root_cause_replaces_a_wrappers_re_raise_but_not_the_projects_own(tmp_path):
    from upgrader.testresults import Frame, TestOutcome

    project = tmp_path / "p"
    (project / "app").mkdir(parents=True)
    mine = str(project / "app" / "logic.py")
    wrapper = "/venv/lib/python3.12/site-packages/pytest_django/plugin.py"
    cause = {"exc_type": "KeyError", "message": "'x'", "frames": [Frame(mine, 3, "lookup", "d['x']")]}
    wrapped = TestOutcome(test="t", outcome="error", exc_type="ImportError", message="wrapped",
                          frames=[Frame(wrapper, 174, "_handle_import_error", "raise ImportError(msg)")], chain=[cause])
    d = diagnose.diagnose_outcome(wrapped, project)
    assert (d.exc_type, d.file, d.line, d.outer) == ("KeyError", "app/logic.py", 3, "ImportError: wrapped")
    own = TestOutcome(test="t", outcome="error", exc_type="ValueError", message="bad input",
                      frames=[Frame(mine, 5, "lookup", "raise ValueError('bad input')")], chain=[cause])
    d = diagnose.diagnose_outcome(own, project)
    assert (d.exc_type, d.line, d.outer) == ("ValueError", 5, None)
