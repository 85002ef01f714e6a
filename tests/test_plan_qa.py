"""Regressions found by driving ``django-upgrade`` as a user (QA pass): bad interpreters, bad config,
click usage errors, offline messages, and Python advice from a python that is not the project's."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from upgrader.cli import cli
from upgrader.pypi import PyPIClient, PyPIUnavailable


def _run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def shop(tmp_path):
    root = tmp_path / "shop"
    root.mkdir()
    (root / "requirements.txt").write_text("Django==3.2.25\n")
    (root / "urls.py").write_text("from django.conf.urls import url\n")
    return root


@pytest.mark.parametrize("not_python", ["/bin/echo", "/bin/ls", "/bin/true"])
def test_python_that_is_not_python_is_one_clear_line(shop, not_python):
    if not os.path.exists(not_python):
        pytest.skip(f"{not_python} not on this system")
    result = _run("plan", str(shop), "--python", not_python)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "is not a usable Python 3 interpreter" in lines[0]
    assert "import json" not in lines[0] and "internal error" not in lines[0]


def test_configured_python_of_the_wrong_type_is_bad_input(shop):
    (shop / "pyproject.toml").write_text("[tool.django-upgrade]\npython = 3\n")
    result = _run("plan", str(shop))
    assert result.exit_code == 2
    assert "[tool.django-upgrade] python must be a string" in result.stderr


def test_python_version_2_is_refused(shop):
    result = _run("plan", str(shop), "--from", "3.2", "--python-version", "2.7")
    assert result.exit_code == 2
    assert "need Python 3" in result.stderr


@pytest.mark.parametrize(
    "args, expected",
    [
        (["plan", "{p}", "--format", "xml"], "Invalid value for '--format'"),
        (["plan", "{p}/requirements.txt"], "is a file"),
        (["plan", "{p}", "--bogus"], "No such option"),
        (["no-such-command"], "No such command"),
        (["report", "{p}", "--fail-on", "sometimes"], "Invalid value for '--fail-on'"),
    ],
)
def test_click_usage_errors_are_one_line_exit_2(shop, args, expected):
    result = _run(*[a.replace("{p}", str(shop)) for a in args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("django-upgrade: error: ") and expected in lines[0]


def test_bare_command_still_prints_the_help():
    proc = subprocess.run([sys.executable, "-m", "upgrader"], capture_output=True, text=True)
    assert "Usage:" in proc.stdout + proc.stderr
    assert "clear-cache" in proc.stdout + proc.stderr


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_offline_reason_is_short_and_readable(tmp_path):
    client = PyPIClient(index_url=f"http://127.0.0.1:{_closed_port()}/simple", cache_dir=tmp_path, retries=0)
    with pytest.raises(PyPIUnavailable) as info:
        client.project("django")
    assert "Connection refused" in info.value.reason
    assert "HTTPConnectionPool" not in info.value.reason and "NewConnectionError" not in info.value.reason


def test_refresh_offline_says_so_in_one_line(shop):
    result = _run("plan", str(shop), "--from", "3.2", "--format", "matrix", "--refresh",
                  "--index-url", f"http://127.0.0.1:{_closed_port()}/simple")
    assert result.exit_code == 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "PyPI unavailable" in lines[0] and "Connection refused" in lines[0]
    assert json.loads(result.stdout)


def _django_feature(python) -> str | None:
    proc = subprocess.run([str(python), "-c", "import django; print(django.get_version())"],
                          capture_output=True, text=True)
    return ".".join(proc.stdout.strip().split(".")[:2]) if proc.returncode == 0 else None


@pytest.mark.parametrize("active", [False, True], ids=["on-PATH", "active-venv"])
def test_python_on_path_with_a_foreign_django_gives_no_python_advice(shop, foreign_django_venv, active):
    """A python found on PATH (or an active virtualenv) whose Django disagrees with the pins is not the
    project's: neither its Django nor its Python version may drive the plan (it used to advise "move to
    Python 3.10" from it)."""
    python = foreign_django_venv / "bin" / "python"
    feature = _django_feature(python)
    env = {"PATH": f"{foreign_django_venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
           "VIRTUAL_ENV": str(foreign_django_venv) if active else None}
    result = _run("plan", str(shop), "--format", "json", env=env)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["current"] == "3.2.25" and doc["current_source"].startswith("requirements.txt:1")
    assert doc["python"] is None
    assert all(step["python_ok"] is None and step["python_advice"] is None for step in doc["steps"])
    # the same python with the project's own Django version (no disagreement) is trusted as before
    (shop / "requirements.txt").write_text(f"Django=={feature}.*\n")
    doc = json.loads(_run("plan", str(shop), "--format", "json", env=env).stdout)
    assert doc["python"] == _python_feature(python)


def _python_feature(python) -> str:
    return subprocess.run([str(python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                          capture_output=True, text=True, check=True).stdout.strip()


def test_the_tools_own_django_is_never_the_projects(tmp_path):
    """No pin, no --python, and the only interpreter found is the tool's own environment (whose Django
    is a test dependency): plan and report --from-log say how to point at the project's interpreter
    and exit 2, never plan from the tool's Django."""
    proj = tmp_path / "bare"
    proj.mkdir()
    (proj / "manage.py").write_text("")
    log = tmp_path / "ci.log"
    log.write_text("x.py:1: RemovedInDjango60Warning: old\n  warn()\n\nRan 1 test in 0.001s\n\nOK\n")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "python").symlink_to(sys.executable)
    env = {"PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}", "VIRTUAL_ENV": sys.prefix}
    for args in (["plan", str(proj)], ["report", str(proj), "--from-log", str(log), "--fail-on", "next"]):
        result = _run(*args, env=env)
        assert result.exit_code == 2, (args, result.output)
        assert "--python" in result.stderr and "own environment" in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_plan_never_advises_an_older_python(shop):
    """Regression: on Python 3.12, the 3.2 -> 4.0 step advised "move to Python 3.10", and 6.0 then
    advised moving back to 3.12."""
    result = _run("plan", str(shop), "--from", "3.2", "--python-version", "3.12", "--format", "json")
    assert result.exit_code == 0, result.stderr
    steps = json.loads(result.stdout)["steps"]
    assert steps[0]["python_ok"] is False
    for step in steps:
        advice = step["python_advice"]
        if advice:
            assert tuple(map(int, advice["move_to"].split("."))) >= (3, 12), advice
    text = _run("plan", str(shop), "--from", "3.2", "--python-version", "3.12").stdout
    assert "move to Python 3.10" not in text and "older than the project's 3.12" in text


def test_a_later_step_covered_by_an_advised_python_move(shop):
    """Regression: on Python 3.11, 6.0 advises the move to 3.12; 6.1 (3.12-3.15) was then shown as
    "supports only Python 3.12-3.15, older than the project's 3.11" and counted as a blocker."""
    result = _run("plan", str(shop), "--from", "5.2", "--to", "6.1", "--python-version", "3.11", "--format", "json")
    assert result.exit_code == 0, result.stderr
    steps = {s["feature_release"]: s for s in json.loads(result.stdout)["steps"]}
    assert steps["6.0"]["python_advice"]["move_to"] == "3.12"
    later = steps["6.1"]
    assert later["python_ok"] is False and later["python_advice"]["move_to"] == "3.12"
    assert "advised before Django 6.0" in later["python_advice"]["message"]
    text = _run("plan", str(shop), "--from", "5.2", "--to", "6.1", "--python-version", "3.11").stdout
    assert "older than the project's" not in text
    assert "the move to Python 3.12 advised before Django 6.0" in text

    from upgrader.render.markdown import step_status

    assert step_status(later, 1) == "later"  # (not "blocked")


def test_a_later_step_covered_by_an_advised_move_on_a_real_interpreter(tmp_path):
    """The same, as the README's first command met it: the project's own interpreter is a real 3.11
    (found at run time), not a --python-version."""
    from tests.venvs import python_for

    root = tmp_path / "site"
    root.mkdir()
    (root / "requirements.txt").write_text("Django==5.2.19\n")
    result = _run("plan", str(root), "--to", "6.1", "--python", python_for(python="3.11"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["python"] == "3.11"
    later = {s["feature_release"]: s for s in doc["steps"]}["6.1"]
    assert later["python_ok"] is False and later["python_advice"]["move_to"] == "3.12"
