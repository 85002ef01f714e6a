"""``core.run``: one runner, one environment policy, one timeout policy (real subprocesses)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from core import run

SHOW_ENV = "import json, os, sys; print(json.dumps({k: os.environ.get(k) for k in sys.argv[1:]}))"


def _env_seen(env: dict, *names: str) -> dict:
    proc = run.run([sys.executable, "-c", SHOW_ENV, *names], env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_project_env_never_leaks_the_tools_python(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    base = {"PATH": "/usr/bin:/bin", "PYTHONPATH": "/tool/site", "PYTHONHOME": "/tool", "VIRTUAL_ENV": "/tool/venv",
            "PYTHONWARNINGS": "error", "PYTEST_XDIST_WORKER": "gw1", "PYTEST_ADDOPTS": "-x", "KEEP": "1"}
    env = run.project_env(venv / "bin" / "python", settings="site_.settings",
                          pythonpath=[tmp_path / "src", tmp_path, tmp_path / "src"], base=base)
    assert env["PYTHONPATH"] == f"{tmp_path / 'src'}:{tmp_path}"  # the project's roots, once each, in order
    assert env["DJANGO_SETTINGS_MODULE"] == "site_.settings"
    assert env["VIRTUAL_ENV"] == str(venv) and env["PATH"].startswith(str(venv / "bin"))
    assert "PYTHONHOME" not in env and "PYTHONWARNINGS" not in env and "PYTEST_XDIST_WORKER" not in env
    assert env["KEEP"] == "1" and env["PYTEST_ADDOPTS"] == "-x"  # the user's own pytest options stay
    # and a real child sees exactly that
    seen = _env_seen(env, "PYTHONPATH", "PYTHONHOME", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV")
    assert seen == {"PYTHONPATH": env["PYTHONPATH"], "PYTHONHOME": None,
                    "DJANGO_SETTINGS_MODULE": "site_.settings", "VIRTUAL_ENV": str(venv)}


def test_project_env_outside_a_virtualenv_and_without_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", "/tool/site")
    monkeypatch.setenv("VIRTUAL_ENV", "/somewhere/else")
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "chosen.by.user")
    not_a_venv = tmp_path / "bin" / "python"  # no pyvenv.cfg next to it
    env = run.project_env(not_a_venv)
    assert "PYTHONPATH" not in env and "VIRTUAL_ENV" not in env
    assert env["DJANGO_SETTINGS_MODULE"] == "chosen.by.user"  # the user's own choice passes through


def test_tool_env_is_quiet_and_parseable(monkeypatch):
    monkeypatch.setenv("PYTHONPATH", "/tool/site")
    env = run.tool_env(EXTRA="x")
    assert env["LC_ALL"] == "C" and env["GIT_TERMINAL_PROMPT"] == "0" and env["EXTRA"] == "x"
    assert "PYTHONPATH" not in env


def test_run_captures_and_never_waits_on_the_terminal():
    # a child reading stdin gets end-of-file at once (never the user's terminal)
    proc = run.run([sys.executable, "-c", "import sys; d = sys.stdin.read(); print(len(d)); print('e', file=sys.stderr)"],
                   timeout=60)
    assert (proc.returncode, proc.stdout.strip(), proc.stderr.strip()) == (0, "0", "e")
    fed = run.run([sys.executable, "-c", "import sys; print(sys.stdin.read().upper())"], input="abc", timeout=60)
    assert fed.stdout.strip() == "ABC"
    merged = run.run([sys.executable, "-c", "import sys; print('o'); sys.stdout.flush(); print('e', file=sys.stderr)"],
                     merge_stderr=True, timeout=60)
    assert merged.stdout.split() == ["o", "e"] and merged.stderr is None


def test_run_timeout_kills_the_child_and_missing_commands_raise():
    start = time.monotonic()
    with pytest.raises(run.TimeoutExpired):
        run.run([sys.executable, "-c", "import time; time.sleep(60)"], timeout=1)
    assert time.monotonic() - start < 30
    with pytest.raises(OSError):
        run.run(["/nonexistent/dua-command"], timeout=10)


def test_stream_gives_lines_as_they_come():
    lines = []
    code = run.stream([sys.executable, "-u", "-c", "import sys\nfor i in range(3): print(i)\nsys.exit(3)"],
                      lines.append, timeout=60)
    assert code == 3 and [line.strip() for line in lines] == ["0", "1", "2"]
    with pytest.raises(run.TimeoutExpired):
        run.stream([sys.executable, "-u", "-c", "import time\nwhile True:\n    print('tick')\n    time.sleep(0.2)"],
                   lambda _line: None, timeout=1)
