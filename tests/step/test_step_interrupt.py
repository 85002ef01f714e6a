"""Ctrl-C during ``django-upgrade step`` leaves a stated, recoverable state (issue 5, "Options and safety").

The step runs through the console script on a git copy of the example project, in its own process group,
on a private copy of the cached Django 3.2 venv. A test added to the copy (and committed, so it is part
of the user's tree) holds the suite once it runs on the NEW Django: by then the codemods are applied, the
pins bumped and Django 4.0 installed, which is the state with the most to undo. The test waits for that
hold (a marker file the held test writes), sends SIGINT to the whole group as a terminal's Ctrl-C does,
and then runs the very ``--rollback`` command the message names.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from tests.integration.test_step_e2e import EXAMPLE, _cli, _django, _env, _git
from tests.venvs import make_venv, python_for

pytestmark = pytest.mark.integration

HOLD_TEST = '''
import os
import time
from pathlib import Path

import django
from django.test import SimpleTestCase

MARKER = Path({marker!r})


class HoldOnNewDjango(SimpleTestCase):
    """Holds the suite once it runs on Django 4.0+, so the step can be interrupted there."""

    def test_hold(self):
        if django.VERSION[:2] < (4, 0):
            return
        MARKER.write_text(str(os.getpid()))
        end = time.monotonic() + 900
        while time.monotonic() < end:
            time.sleep(0.1)
'''


def _wait_for(proc: subprocess.Popen, marker: Path, out_path: Path, err_path: Path, limit: float = 900) -> None:
    """Until the held test runs (the marker exists); fail with the output if the step ends first."""
    end = time.monotonic() + limit
    while not marker.exists():
        if proc.poll() is not None:
            out, err = out_path.read_text(), err_path.read_text()
            pytest.fail(f"the step ended (exit {proc.returncode}) before the suite on the new Django ran\n"
                        f"stdout:{out[-3000:]}\nstderr:{err[-3000:]}")
        if time.monotonic() > end:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail("the suite on the new Django never started")
        time.sleep(0.1)


def test_ctrl_c_during_the_suite_leaves_a_stated_recoverable_state(tmp_path):
    project = tmp_path / "shop"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__", "var", "*.sqlite3", ".venv"))
    marker = tmp_path / "suite-is-running"
    (project / "catalog" / "test_hold.py").write_text(textwrap.dedent(HOLD_TEST.format(marker=str(marker))).lstrip())
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "legacy shop")
    python = make_venv(python_for(django="3.2"), ["django==3.2.25"], fresh=project / ".venv")
    assert _django(python) == "3.2.25"
    head = _git(project, "rev-parse", "HEAD")

    # Output goes to files, not pipes: nothing reads a pipe until the suite is held, and a full pipe
    # would block the step. SIGINT's disposition is reset in the child: a parent started as a
    # background job (`cmd &` in a non-interactive shell) passes SIGINT down as ignored, and a real
    # Ctrl-C reaches a process that has the default handler.
    out_path, err_path = tmp_path / "step.out", tmp_path / "step.err"
    with open(out_path, "w") as out_fh, open(err_path, "w") as err_fh:
        proc = subprocess.Popen([_cli(), "step", str(project), "-v"], stdout=out_fh, stderr=err_fh, text=True,
                                env=_env(), start_new_session=True,  # its own process group, like a shell job
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            _wait_for(proc, marker, out_path, err_path)
            assert _django(python).startswith("4.0.")  # the suite runs on the new Django: something to undo
            os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the whole foreground group
            proc.wait(timeout=300)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    out, err = out_path.read_text(), err_path.read_text()
    assert proc.returncode == 130, f"exit {proc.returncode}\nstdout:{out[-3000:]}\nstderr:{err[-3000:]}"
    assert "Traceback" not in err and "Traceback" not in out
    # the message states the phase and the state, and names the rollback command
    msg = next((line for line in err.splitlines() if line.startswith("django-upgrade: ")), "")
    assert "interrupted during phase suite-target" in msg, err[-3000:]
    assert "State: " in msg and "pins bumped to 4.0." in msg and "Django 4.0." in msg and "installed" in msg, msg
    assert "codemods applied on Django 3.2.25" in msg, msg
    m = re.search(r"To put everything back: (django-upgrade step --rollback .*)$", msg)
    assert m, msg
    # the state is as stated: code changed, pins bumped, Django 4.0 installed
    assert _git(project, "status", "--porcelain").strip() != ""
    assert "Django==4.0." in (project / "requirements.txt").read_text()
    assert _django(python).startswith("4.0.")

    # the named command puts everything back: same tree as the commit, byte for byte, and Django 3.2.25
    argv = shlex.split(m.group(1))
    assert argv[:3] == ["django-upgrade", "step", "--rollback"]
    rb = subprocess.run([_cli(), *argv[1:]], capture_output=True, text=True, env=_env(), timeout=900)
    assert rb.returncode == 0, f"stdout:{rb.stdout[-3000:]}\nstderr:{rb.stderr[-3000:]}"
    assert _git(project, "status", "--porcelain", "--untracked-files=all").strip() == ""
    assert _git(project, "diff", "HEAD").strip() == ""
    assert _git(project, "rev-parse", "HEAD") == head
    assert _django(python) == "3.2.25"
    assert (project / "requirements.txt").read_bytes() == b"Django==3.2.25\n"
