"""A project whose Django apps are named like the tool's packages (``core`` is a common app name) does
not shadow the tool when it is run as ``python -m upgrader`` from the project's directory."""

from __future__ import annotations

import os
import subprocess
import sys


def test_python_m_upgrader_inside_a_project_with_a_core_app(tmp_path):
    for package in ("core", "codemods", "release_data"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("raise ImportError('the project, not the tool')\n")
    (tmp_path / "requirements.txt").write_text("Django==3.2.25\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    proc = subprocess.run([sys.executable, "-m", "upgrader", "plan", "--from", "3.2", "--to", "4.2", "--format", "json"],
                          cwd=tmp_path, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert '"steps"' in proc.stdout
