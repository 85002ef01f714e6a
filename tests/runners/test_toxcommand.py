"""A tox-tested app: the command in tox.ini's [testenv] runs in the project's interpreter (not tox)."""

from __future__ import annotations

import io
import textwrap

import pytest

from tests.runners.envs import env_python
from tests.runners.project import COUNTS, make_project
from upgrader.project import Project
from upgrader.testrun import detect_test_command, run_with_harvester
from upgrader.toxcommand import tox_test_words


def _tox(tmp_path, body: str):
    (tmp_path / "tox.ini").write_text(textwrap.dedent(body))
    return tox_test_words(tmp_path)


@pytest.mark.parametrize(
    "commands, words",
    [
        ("coverage run -m django test --settings=tests.settings {posargs}",
         ["python", "-m", "django", "test", "--settings=tests.settings"]),
        ("coverage run --source taggit --parallel-mode runtests.py {posargs}", ["python", "runtests.py"]),
        ("{envpython} -Wd runtests.py", ["python", "-Wd", "runtests.py"]),
        ("py.test {posargs:tests}", ["pytest", "tests"]),
        ("django-admin test", ["python", "-m", "django", "test"]),
        ("python -m coverage run manage.py test", ["python", "manage.py", "test"]),
        ("- pytest -x", ["pytest", "-x"]),
    ],
)
def test_a_test_line_becomes_words_for_the_projects_python(tmp_path, commands, words):
    assert _tox(tmp_path, f"[testenv]\ncommands =\n    {commands}\n") == words


def test_install_lint_and_report_lines_are_skipped(tmp_path):
    body = """\
    [testenv]
    commands =
        pip install -e .
        flake8 src
        python -m pip install foo
        coverage erase
        coverage run -m django test --settings=tests.settings
        coverage report
    """
    assert _tox(tmp_path, body) == ["python", "-m", "django", "test", "--settings=tests.settings"]


def test_setenv_settings_become_a_settings_option(tmp_path):
    body = """\
    [testenv]
    setenv =
        DJANGO_SETTINGS_MODULE = tests.settings
        PYTHONPATH = {toxinidir}
    commands = python -m django test
    """
    assert _tox(tmp_path, body) == ["python", "-m", "django", "test", "--settings=tests.settings"]
    body_pytest = body.replace("python -m django test", "pytest")
    assert _tox(tmp_path, body_pytest) == ["pytest", "--ds=tests.settings"]


def test_factor_lines_are_used_only_without_a_plain_one(tmp_path):
    body = """\
    [testenv]
    commands =
        dj32: coverage run runtests.py --old
        python runtests.py
    """
    assert _tox(tmp_path, body) == ["python", "runtests.py"]
    assert _tox(tmp_path, "[testenv]\ncommands =\n    dj32: python runtests.py --old\n") == [
        "python", "runtests.py", "--old"]


@pytest.mark.parametrize("body", [
    "[tox]\nenvlist = py39\n",
    "[testenv]\ncommands =\n    flake8\n    black --check .\n",
    "[testenv]\ncommands = python -c 'print(1)'\n",
    "[testenv\nbroken",
])
def test_no_test_line_gives_none(tmp_path, body):
    assert _tox(tmp_path, body) is None


@pytest.mark.integration
def test_a_tox_tested_app_is_detected_and_its_suite_counted(tmp_path):
    """Like django-taggit 1.5: no manage.py, no pytest configuration, tox.ini runs
    ``coverage run -m django test --settings=proj.settings``. Without tox.ini support the tool found
    no test command at all."""
    py = env_python("pytest8")
    project = make_project(tmp_path / "p")
    (project / "manage.py").unlink()
    (project / "tox.ini").write_text(textwrap.dedent("""\
        [tox]
        envlist = py{38,39}-dj{32,42}

        [testenv]
        deps =
            dj32: Django>=3.2,<3.3
            dj42: Django>=4.2,<4.3
            coverage
        commands =
            coverage run -m django test --settings=proj.settings {posargs}
            coverage report
    """))
    command = detect_test_command(Project(project, py))
    assert command.kind == "tox"
    assert command.argv == [py, "-Wa", "-m", "django", "test", "--settings=proj.settings"]
    buf = io.StringIO()
    result = run_with_harvester(Project(project, py), command.argv, out=buf)
    assert result.structured and result.runner == "unittest", buf.getvalue()[-2000:]
    assert {"passed": result.passed, "failed": result.failed, "errors": result.errors,
            "skipped": result.skipped} == COUNTS


def test_a_manage_py_one_directory_down_is_chosen_by_its_directory(tmp_path):
    """A library's test project one directory down (django-reversion's tests/manage.py): the only one,
    or the only one in a directory named for tests; several others are named in the error."""
    import sys

    from core.errors import UsageError

    for name in ("tests", "example"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "manage.py").write_text("")
    cmd = detect_test_command(Project(tmp_path, sys.executable))
    assert (cmd.kind, cmd.argv[1:]) == ("manage.py", ["-Wa", "tests/manage.py", "test", "tests"])
    (tmp_path / "tests" / "manage.py").rename(tmp_path / "tests" / "other.py")
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "manage.py").write_text("")
    with pytest.raises(UsageError, match=r"several manage.py one directory down \(demo/manage.py, example/manage.py\)"):
        detect_test_command(Project(tmp_path, sys.executable))
