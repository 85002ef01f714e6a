"""A real project interpreter: dependencies from its installed distributions, and an import failure
inside a third-party package (djangorestframework 3.11.2 still imports django.conf.urls.url, which
Django 4.0 removed)."""

from __future__ import annotations

import subprocess

import pytest

from tests.deps.conftest import by_name
from tests.venvs import make_venv, python_for
from upgrader import deps
from upgrader.deps.model import MOVE_FIRST, NOT_DECLARED
from upgrader.project import Project

pytestmark = pytest.mark.integration

REQUIREMENTS = ["django==4.0.10", "djangorestframework==3.11.2", "django-filter==2.4.0"]


@pytest.fixture(scope="module")
def venv_python():
    return str(make_venv(python_for(django="4.0"), REQUIREMENTS))


def test_installed_distributions_when_there_are_no_pins(tmp_path, venv_python, client, pypi_server):
    project = Project(tmp_path, python=venv_python)
    found = {d.key: d for d in deps.collect(project)}
    assert found["djangorestframework"].version == "3.11.2" and found["djangorestframework"].source == "installed"
    assert found["djangorestframework"].installed.requires_dist  # the local metadata is used
    statuses = deps.check_step(project, "4.0.10", "4.1", client)
    s = by_name(statuses)
    assert set(s) == {"djangorestframework", "django-filter"}  # asgiref, sqlparse: not Django-related
    assert (s["djangorestframework"].status, s["djangorestframework"].suggest, s["djangorestframework"].move) == (
        NOT_DECLARED, "3.14.0", MOVE_FIRST)
    assert s["django-filter"].suggest == "22.1"
    # the installed release's own metadata was read locally: the index was only asked for project
    # documents and the candidate releases
    assert not any(p.endswith("/3.11.2/json") for p in pypi_server.paths())


def test_import_failure_names_the_package_and_the_fix(tmp_path, venv_python, client):
    proc = subprocess.run([venv_python, "-c", "import rest_framework.routers"], capture_output=True, text=True)
    assert proc.returncode != 0 and "cannot import name 'url'" in proc.stderr
    project = Project(tmp_path, python=venv_python)
    output = "Running the test suite...\n" + proc.stderr
    (hint,) = deps.explain_import_failure(output, project, client=client)
    assert (hint.package, hint.version, hint.module) == ("djangorestframework", "3.11.2", "rest_framework")
    assert hint.file.endswith("rest_framework/routers.py") and hint.line > 0
    assert hint.change == "conf-urls-url"
    assert hint.fixed_in == "3.13.0"  # the first release that declares Django 4.0
    assert "djangorestframework 3.11.2" in hint.message and "3.13.0" in hint.message
    # without an index: still names the package
    (offline,) = deps.explain_import_failure(output, project)
    assert offline.package == "djangorestframework" and offline.fixed_in is None
    assert "supports Django 4.0.10" in offline.message


def test_pytest_style_traceback(tmp_path, venv_python):
    site = subprocess.run([venv_python, "-c", "import rest_framework, os; print(os.path.dirname(rest_framework.__file__))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    output = (
        "______ ERROR collecting tests/test_api.py ______\n"
        f"{site}/routers.py:19: in <module>\n"
        "    from django.conf.urls import url\n"
        "E   ImportError: cannot import name 'url' from 'django.conf.urls' (/x/django/conf/urls/__init__.py)\n"
    )
    (hint,) = deps.explain_import_failure(output, Project(tmp_path, python=venv_python))
    assert hint.package == "djangorestframework" and hint.line == 19
    assert deps.explain_import_failure("FAILED tests/test_x.py::test_y - AssertionError: 1 != 2", None) == []


def test_a_module_the_environment_lacks_is_to_be_installed_not_a_django_upgrade(tmp_path, venv_python, client):
    """``No module named 'six'`` inside a package is not about Django: the hint says to install the
    module, asks the index for no Django-supporting release, and names no removed change."""
    site = subprocess.run([venv_python, "-c", "import rest_framework, os; print(os.path.dirname(rest_framework.__file__))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    trace = ("Traceback (most recent call last):\n"
             f'  File "{site}/compat.py", line 3, in <module>\n'
             "    import six\n"
             "ModuleNotFoundError: No module named '{}'\n")
    project = Project(tmp_path, python=venv_python)
    (hint,) = deps.explain_import_failure(trace.format("six"), project, client=client)
    assert hint.package == "djangorestframework" and hint.fixed_in is None and hint.change is None
    assert hint.message.endswith("djangorestframework imports six, which is not installed in the project's "
                                 "environment: install it (or a release of djangorestframework that does not need it)")
    (django_module,) = deps.explain_import_failure(trace.format("django.utils.six"), project)
    assert "supports Django" in django_module.message and "install it" not in django_module.message
