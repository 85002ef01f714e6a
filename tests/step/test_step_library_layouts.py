"""``step`` on two traits of reusable apps' repositories, as django-reversion 3.0 has them:

* the test project lives one directory down, with its own manage.py (``tests/manage.py``,
  ``tests/test_project/settings.py``, ``tests/test_app/``), and nothing at the root says how to run
  the tests: the step runs ``tests/manage.py test tests`` and goes through;
* the test settings name databases this machine does not have (a MySQL alias without its driver, a
  PostgreSQL server that does not answer): the suite stops before its first test, and the refusal
  says what the databases need instead of only the exception.

Real git, real venvs with Django 3.2 (and psycopg2 for the unreachable server), the step's real
install of 4.0."""

from __future__ import annotations

import json
import socket

import pytest

from tests.step.test_step_safety import repo
from tests.step.test_step_unit import run_cli
from tests.venvs import make_venv, python_for

pytestmark = pytest.mark.integration

LIBRARY = {
    "setup.py": "from setuptools import setup\nsetup(name='mylib', version='1.0', packages=['mylib'])\n",
    "mylib/__init__.py": "",
    "mylib/text.py": """
        from django.utils.encoding import force_text


        def label(value):
            return force_text(value)
        """,
    "tests/manage.py": """
        import os
        import sys

        if __name__ == "__main__":
            # (the library itself, at the repository's root)
            sys.path.append(os.path.abspath(os.path.join(os.path.dirname(__file__), "..")))
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "test_project.settings")
            from django.core.management import execute_from_command_line
            execute_from_command_line(sys.argv)
        """,
    "tests/test_project/__init__.py": "",
    "tests/test_project/settings.py": """
        SECRET_KEY = "x" * 60
        INSTALLED_APPS = ["test_app"]
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
        DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
        USE_TZ = True
        """,
    "tests/test_app/__init__.py": "",
    "tests/test_app/models.py": "",
    "tests/test_app/tests.py": """
        from django.test import TestCase

        from mylib.text import label


        class Label(TestCase):
            def test_label(self):
                self.assertEqual(label(b"a"), "a")
        """,
    "requirements.txt": "Django==3.2.25\n",
}


def test_a_test_project_with_its_own_manage_py_one_directory_down(tmp_path):
    project = repo(tmp_path / "lib", LIBRARY)
    venv = make_venv(python_for(django="3.2"), ["django==3.2.25"], fresh=tmp_path / "venv")
    res = run_cli("step", str(project), "--python", str(venv), "--to", "4.0", "--format", "json")
    assert res.exit_code == 0, res.output[-3000:]
    step = json.loads(res.stdout)["steps"][0]
    assert step["test_command"][1:] == ["-Wa", "tests/manage.py", "test", "tests"]
    assert step["tests"]["before"]["passed"] == 1 and step["tests"]["after"]["passed"] == 1
    assert step["to"].startswith("4.0.")
    assert "force_str" in (project / "mylib" / "text.py").read_text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _with_second_database(engine: str, extra: str = "") -> dict:
    files = dict(LIBRARY)
    files["tests/test_project/settings.py"] = LIBRARY["tests/test_project/settings.py"] + f"""
        DATABASES["other"] = {{"ENGINE": "{engine}", "NAME": "lib"{extra}}}
        """
    files["tests/test_app/tests.py"] = LIBRARY["tests/test_app/tests.py"].replace(
        "class Label(TestCase):\n", "class Label(TestCase):\n            databases = {\"default\", \"other\"}\n\n")
    return files


def test_a_database_without_its_driver_is_named_in_the_refusal(tmp_path):
    project = repo(tmp_path / "lib", _with_second_database("django.db.backends.mysql"))
    venv = make_venv(python_for(django="3.2"), ["django==3.2.25"])
    # (--no-install: the shared venv must keep its Django whatever the step decides)
    res = run_cli("step", str(project), "--python", str(venv), "--to", "4.0", "--no-install")
    assert res.exit_code == 3, res.output[-3000:]
    line = res.output.strip().splitlines()[-1]
    assert "Error loading MySQLdb module" in line
    assert "its databases need the MySQL driver (mysqlclient), which the project's interpreter lacks" in line, line
    assert "test settings whose DATABASES hold only SQLite" in line


def test_a_database_server_that_does_not_answer_is_named_in_the_refusal(tmp_path):
    port = _free_port()
    files = _with_second_database("django.db.backends.postgresql", f', "HOST": "127.0.0.1", "PORT": "{port}"')
    project = repo(tmp_path / "lib", files)
    venv = make_venv(python_for(django="3.2"), ["django==3.2.25", "psycopg2-binary==2.9.9"])
    res = run_cli("step", str(project), "--python", str(venv), "--to", "4.0", "--no-install")
    assert res.exit_code == 3, res.output[-3000:]
    line = res.output.strip().splitlines()[-1]
    assert f"its databases need a PostgreSQL server at 127.0.0.1:{port}, which does not answer" in line, line


# django-debug-toolbar 2.2's layout: the tests are a package at the root run by a Makefile target that
# tox.ini names; the example project one directory down has a manage.py and no tests
TOOLBAR = {
    "setup.py": LIBRARY["setup.py"],
    "mylib/__init__.py": "",
    "mylib/text.py": LIBRARY["mylib/text.py"],
    "tests/__init__.py": "",
    "tests/settings.py": LIBRARY["tests/test_project/settings.py"].replace('["test_app"]', '["tests"]'),
    "tests/test_label.py": LIBRARY["tests/test_app/tests.py"],
    "example/__init__.py": "",
    "example/settings.py": LIBRARY["tests/test_project/settings.py"].replace('["test_app"]', '[]'),
    "example/manage.py": LIBRARY["tests/manage.py"].replace("test_project.settings", "example.settings"),
    "requirements.txt": "Django==3.2.25\n",
}
TOX = {
    "tox.ini": "[testenv]\ncommands = make coverage TEST_ARGS='{posargs:tests}'\n",
    "Makefile": (
        "coverage:\n\tpython --version\n\tcoverage erase\n\tDJANGO_SETTINGS_MODULE=tests.settings \\\n"
        "\t\tcoverage run -m django test -v2 $${TEST_ARGS:-tests}\n\tcoverage report\n"),
}


@pytest.mark.skipif(__import__("shutil").which("make") is None, reason="needs make")
def test_a_suite_that_tox_runs_through_a_makefile_target(tmp_path):
    project = repo(tmp_path / "lib", {**TOOLBAR, **TOX})
    venv = make_venv(python_for(django="3.2"), ["django==3.2.25"], fresh=tmp_path / "venv")
    res = run_cli("step", str(project), "--python", str(venv), "--to", "4.0", "--format", "json")
    assert res.exit_code == 0, res.output[-3000:]
    step = json.loads(res.stdout)["steps"][0]
    assert step["test_command"][1:] == ["-Wa", "-m", "django", "test", "-v2", "tests", "--settings=tests.settings"]
    assert step["tests"]["before"]["passed"] == 1 and step["tests"]["after"]["passed"] == 1
    assert "force_str" in (project / "mylib" / "text.py").read_text()


def test_a_test_command_that_runs_no_tests_is_refused(tmp_path):
    """Without the tox line, the only command found is the example project's manage.py, whose run
    finds no tests: green, and nothing checked. The step refuses and says how to name the command."""
    project = repo(tmp_path / "lib", TOOLBAR)
    venv = make_venv(python_for(django="3.2"), ["django==3.2.25"], fresh=tmp_path / "venv")  # (the step installs 4.0)
    res = run_cli("step", str(project), "--python", str(venv), "--to", "4.0")
    assert res.exit_code == 3, res.output[-3000:]
    line = res.output.strip().splitlines()[-1]
    assert "example/manage.py test example" in line and "ran no tests on Django 3.2.25 (0 tests)" in line, line
    assert "Pass the command that runs the tests after --" in line
    assert "force_text" in (project / "mylib" / "text.py").read_text()  # (nothing was changed)
    res = run_cli("step", str(project), "--python", str(venv), "--to", "4.0", "--", "python", "-m", "django", "test",
                  "tests", "--settings=tests.settings")
    assert res.exit_code == 0, res.output[-3000:]
