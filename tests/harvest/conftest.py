"""Session fixtures: one cached venv per Django line (shared with tests/report), projects, runs."""

from __future__ import annotations

import io
import shutil
import sys

import pytest

from tests.harvest.djproject import FLAVOURS, VENV_EXTRA, make_project
from tests.venvs import make_venv, python_for

RUNNERS = {
    "manage": ["-Wa", "manage.py", "test"],
    "manage-parallel": ["-Wa", "manage.py", "test", "--parallel", "2"],
    "pytest": ["-Wa", "-m", "pytest", "-p", "no:cacheprovider"],
    "xdist": ["-Wa", "-m", "pytest", "-p", "no:cacheprovider", "-n", "2"],
}


@pytest.fixture(scope="session")
def flavour_python():
    cache = {}

    def get(flavour):
        if flavour not in cache:
            py, req = FLAVOURS[flavour]
            cache[flavour] = str(make_venv(python_for(python=py), [req, *VENV_EXTRA]))
        return cache[flavour]

    return get


@pytest.fixture(scope="session")
def harvested_run(flavour_python, tmp_path_factory):
    """(project dir, RunResult, full output) for a flavour and runner; each combination runs once."""
    from upgrader.project import Project
    from upgrader.testrun import run_with_harvester

    cache = {}

    def get(flavour, runner):
        key = (flavour, runner)
        if key not in cache:
            py = flavour_python(flavour)
            d = make_project(tmp_path_factory.mktemp(f"p{flavour}-{runner}"), flavour, pytest=runner in ("pytest", "xdist"))
            buf = io.StringIO()
            result = run_with_harvester(Project(d, py), [py, *RUNNERS[runner]], stream=True, out=buf)
            cache[key] = (d, result, buf.getvalue())
        return cache[key]

    return get
