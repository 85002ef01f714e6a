"""A reusable app tested with pytest-django whose settings module is named nowhere the tool can read
(django-crispy-forms 1.9's sdist: its tox.ini passes ``--ds``, and is not shipped). The suite fails
for want of settings; the step runs it with the project's only settings module, says so, and goes
on (and the steps after it keep that module); a test-settings module whose ``check`` fails does not
stop it. With several candidates it
refuses, naming them and where to choose. Real git, a real venv with Django, pytest and pytest-django."""

from __future__ import annotations

import json

import pytest

from tests.step.test_step_safety import repo
from tests.step.test_step_unit import git, run_cli
from tests.venvs import make_venv, python_for

pytestmark = pytest.mark.integration

APP = {
    "pyproject.toml": """
        [project]
        name = "tinyapp"
        version = "1.0"

        [tool.pytest.ini_options]
        markers = ["slow: a marker, and no DJANGO_SETTINGS_MODULE"]
        """,
    "tinyapp/__init__.py": "",
    "tinyapp/tests/__init__.py": "",
    "tinyapp/tests/settings.py": """
        SECRET_KEY = "x" * 60
        # the admin without sessions, messages and templates: fine for these tests, not for `check`
        INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.admin", "tinyapp"]
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
        USE_TZ = True
        """,
    "tinyapp/tests/test_app.py": """
        from django.conf import settings


        def test_the_app_is_installed():
            assert "tinyapp" in settings.INSTALLED_APPS
        """,
}


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    return make_venv(python_for(django="3.2"), ["django==3.2.25", "pytest==8.4.2", "pytest-django==4.11.1"],
                     fresh=tmp_path_factory.mktemp("venv") / "venv")


def test_the_suite_runs_with_the_only_settings_module_and_the_step_goes_through(tmp_path, venv):
    app = repo(tmp_path / "app", APP)
    res = run_cli("step", str(app), "--python", str(venv), "--to", "4.1", "--format", "json")
    assert res.exit_code == 0, res.stdout[-3000:] + res.stderr
    step, second = json.loads(res.stdout)["steps"]
    # the next step keeps the module the first took (its suite runs once, with it), and says so
    assert second["to"].startswith("4.1.") and second["tests"]["before"]["passed"] == 1
    assert any("runs with tinyapp.tests.settings, which the first step took" in n for n in second["notes"])
    assert step["status"] == "ok" and step["to"].startswith("4.0.")
    assert step["tests"]["before"]["passed"] == 1 and step["tests"]["after"]["passed"] == 1
    notes = "\n".join(step["notes"])
    assert "so the step runs it with tinyapp.tests.settings, the project's only settings module" in notes
    assert "[tool.django-upgrade] settings" in notes
    assert "manage.py check fails on Django 3.2.25 with tinyapp.tests.settings (admin.E4" in notes
    assert "the check does not stop it" in notes
    assert step["checks"]["target"]["check"]["available"]  # (run with those settings, without manage.py)
    # makemigrations --check stops at the same system checks: said as such, not as "changes pending"
    from upgrader.step.render import migrations_check_line

    assert migrations_check_line(step["migrations_check"]["current"]) == \
        "did not run: the system checks fail (see manage.py check)"
    for _ in range(2):
        res = run_cli("step", str(app), "--python", str(venv), "--rollback")
        assert res.exit_code == 0, res.output


def test_several_settings_modules_are_named_and_the_step_refused(tmp_path, venv):
    other = APP["tinyapp/tests/settings.py"].replace(' "django.contrib.admin",', "")  # (its check passes)
    app = repo(tmp_path / "app", {**APP, "tinyapp/tests/other_settings.py": other})
    res = run_cli("step", str(app), "--python", str(venv))
    assert res.exit_code == 3, res.output
    assert ("it runs without a settings module: name one in pyproject.toml, [tool.django-upgrade] settings "
            "(one of tinyapp.tests.other_settings, tinyapp.tests.settings), or in the test runner's "
            "configuration") in res.output, res.output
    assert git(app, "status", "--porcelain", "--untracked-files=all").strip() == ""
    # named in pyproject.toml, as the refusal says: the step goes through with it (they are the
    # project's own settings now: their check counts as a site's would)
    (app / "pyproject.toml").write_text((app / "pyproject.toml").read_text()
                                        + '\n[tool.django-upgrade]\nsettings = "tinyapp.tests.other_settings"\n')
    git(app, "commit", "-qam", "settings")
    res = run_cli("step", str(app), "--python", str(venv), "--format", "json")
    step = json.loads(res.stdout)["steps"][0]
    assert res.exit_code == 0 and step["tests"]["before"]["passed"] == 1, res.stdout[-3000:]
    assert not any("the suite ran without a settings module" in n for n in step["notes"])


def test_the_module_manage_py_names_is_taken_before_any_other(tmp_path, venv):
    """pytest-django does not read manage.py: the suite runs without settings, and the step takes the
    module manage.py names (the project has two settings modules: none is the only one)."""
    other = APP["tinyapp/tests/settings.py"].replace(' "django.contrib.admin",', "")
    manage = ("import os, sys\n"
              "if __name__ == '__main__':\n"
              "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tinyapp.tests.other_settings')\n"
              "    from django.core.management import execute_from_command_line\n"
              "    execute_from_command_line(sys.argv)\n")
    app = repo(tmp_path / "app", {**APP, "tinyapp/tests/other_settings.py": other, "manage.py": manage})
    res = run_cli("step", str(app), "--python", str(venv), "--format", "json")
    step = json.loads(res.stdout)["steps"][0]
    assert res.exit_code == 0 and step["tests"]["before"]["passed"] == 1, res.stdout[-3000:]
    assert any("so the step runs it with tinyapp.tests.other_settings, the module manage.py names" in n
               for n in step["notes"]), step["notes"]
