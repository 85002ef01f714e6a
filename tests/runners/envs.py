"""The few venvs the runner tests share (cached by tests/venvs.py): old pytest on Python 3.8, new
pytest with xdist. Kept small on purpose: each build costs a minute."""

from __future__ import annotations

ENVS = {
    # name: (python feature version, requirements)
    "pytest54": ("3.8", ["django==3.2.25", "pytest==5.4.3", "pytest-django==3.10.0", "six"]),
    "pytest46": ("3.8", ["django==3.2.25", "pytest==4.6.11", "pytest-django==3.10.0", "six"]),
    "tox": ("3.11", ["tox==4.67.17"]),
    "pytest8": ("3.11", ["django==4.2.30", "pytest==8.4.2", "pytest-django==4.11.1", "pytest-xdist==3.8.0"]),
}


def env_python(name: str) -> str:
    from tests.venvs import make_venv, python_for

    py, reqs = ENVS[name]
    return str(make_venv(python_for(python=py), reqs))
