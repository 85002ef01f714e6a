"""Real throw-away virtualenvs with real Django releases, for integration tests.

Interpreters are found at run time (pyenv, pythonX.Y on PATH); nothing is hard-coded. Built venvs are
kept in a cache directory keyed by (python, requirements) so a second test run - and CI on the same
machine - reuses them; every build goes through pip's own cache. Set DJANGO_UPGRADE_TEST_VENVS to move
the cache; delete it to start clean.

    from tests.venvs import python_for, make_venv
    py = python_for(django="3.2")               # an interpreter that runs Django 3.2, or skip/fail
    venv = make_venv(py, ["django==3.2.25"])    # path to the venv's python (cached)
    venv = make_venv(py, ["django==3.2.25"], fresh=tmp_path / "v")  # a private, mutable copy
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.interpreter import pyenv_interpreters

# Which Python versions can run which Django feature release (from release_data, kept small here on
# purpose so tests do not depend on the code under test for their fixtures).
_PREFERRED = {
    "2.2": ["3.8", "3.9", "3.7"],
    "3.0": ["3.8", "3.9"],
    "3.1": ["3.8", "3.9"],
    "3.2": ["3.10", "3.9", "3.8"],
    "4.0": ["3.10", "3.9", "3.8"],
    "4.1": ["3.10", "3.11", "3.9"],
    "4.2": ["3.11", "3.10", "3.12"],
    "5.0": ["3.11", "3.12", "3.10"],
    "5.1": ["3.12", "3.11", "3.13"],
    "5.2": ["3.12", "3.13", "3.11"],
    "6.0": ["3.12", "3.13"],
    "6.1": ["3.12", "3.13"],
}


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def cache_root() -> Path:
    root = os.environ.get("DJANGO_UPGRADE_TEST_VENVS")
    if root:
        return Path(root)
    return Path(os.path.expanduser("~")) / ".cache" / "django-upgrade-assistant-tests" / "venvs"


def missing(reason: str):
    """Skip outside CI; fail in CI (a test that silently skips in CI proves nothing)."""
    if in_ci():
        pytest.fail(reason)
    pytest.skip(reason)


def python_for(django: str | None = None, python: str | None = None) -> str:
    """An interpreter path for a Python feature version, or the first one that runs ``django``."""
    found = pyenv_interpreters()
    wanted = [python] if python else _PREFERRED.get(django or "", []) or [f"{sys.version_info[0]}.{sys.version_info[1]}"]
    for version in wanted:
        if version in found:
            return found[version]
    missing(f"no Python {' or '.join(wanted)} interpreter found (pyenv or pythonX.Y on PATH)")
    raise AssertionError("unreachable")


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def _python_version(python: str) -> str:
    return _run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]).stdout.strip()


def build_venv(python: str, requirements: list[str], dest: Path) -> Path:
    """Create a venv at ``dest`` with ``python`` and pip-install ``requirements`` (uses pip's cache)."""
    _run([python, "-m", "venv", str(dest)])
    vpy = dest / "bin" / "python"
    if requirements:
        _run([str(vpy), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements], timeout=900)
    return vpy


def make_venv(python: str, requirements: list[str], fresh: Path | None = None) -> Path:
    """Return the python of a venv with ``requirements`` installed.

    Without ``fresh`` the venv is shared and cached: do not install into it. With ``fresh`` a private
    venv is built at that path (from pip's cache, so it is quick after the first time).
    """
    if fresh is not None:
        return build_venv(python, requirements, Path(fresh))
    pyver = _python_version(python)
    key = hashlib.sha256(("\n".join([pyver, *sorted(requirements)])).encode()).hexdigest()[:16]
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    dest = root / f"py{pyver}-{key}"
    marker = dest / ".complete"
    lock_path = root / f".{dest.name}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # safe with pytest-xdist workers building the same venv
        if not marker.exists() or not _pins_installed(dest, requirements):
            if dest.exists():
                shutil.rmtree(dest)
            build_venv(python, requirements, dest)
            marker.write_text("\n".join(requirements))
    return dest / "bin" / "python"


def _pins_installed(dest: Path, requirements: list[str]) -> bool:
    """Whether the venv still holds the Django its requirements pin (a test that installed another
    into a shared venv would break every test after it: the venv is built again instead)."""
    for req in requirements:
        name, sep, version = req.partition("==")
        if sep and name.strip().lower() == "django":
            found = list(dest.glob(f"lib/python*/site-packages/[Dd]jango-{version.strip()}.dist-info"))
            return bool(found)
    return True
