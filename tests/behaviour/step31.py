"""``step`` 3.1 -> 3.2 on the step tests' mini project with its own tests: real git, a real venv with
Django 3.1, the step's real install of 3.2 (``tests/behaviour/test_formset_messages.py``,
``test_response_headers.py``)."""

from __future__ import annotations

import json

from tests.step.test_step_safety import repo
from tests.step.test_step_unit import MINI, run_cli
from tests.venvs import make_venv, python_for


def step_31_to_32(tmp_path, tests: dict):
    """(project dir, the step's JSON report, the CLI result) of the mini project with ``tests``."""
    files = {k: v for k, v in MINI.items() if not k.startswith("shop/") or k in ("shop/__init__.py", "shop/apps.py")}
    files = {**files, **tests, "requirements.txt": "Django==3.1.14\n"}
    project = repo(tmp_path / "p", files)
    venv = make_venv(python_for(django="3.1"), ["django==3.1.14"], fresh=tmp_path / "venv")
    res = run_cli("step", str(project), "--python", str(venv), "--to", "3.2", "--format", "json")
    step = json.loads(res.stdout)["steps"][0]
    assert step["to"].startswith("3.2."), res.output[-3000:]
    return project, step, res
