"""Fixtures of the step-infrastructure tests: real servers, real venvs, real git repositories."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.step_infra.services import memcached_server, redis_server
from tests.venvs import make_venv, python_for

DJANGO = "django==4.2.30"
CACHE_REQUIREMENTS = [DJANGO, "redis==5.2.1", "pymemcache==4.0.0"]

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.com",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture(scope="session")
def redis_url():
    with redis_server() as url:
        yield url


@pytest.fixture(scope="session")
def memcached_location():
    with memcached_server() as location:
        yield location


@pytest.fixture(scope="session")
def cache_python() -> Path:
    """A shared, cached venv with Django 4.2 + redis + pymemcache (do not install into it)."""
    return make_venv(python_for(django="4.2"), CACHE_REQUIREMENTS)


@pytest.fixture
def git_env(monkeypatch, tmp_path):
    """A git identity and an empty global config, so tests never depend on the machine's git setup."""
    home = tmp_path / "git-home"
    home.mkdir()
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    return GIT_ENV


def run_git(directory: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-C", str(directory), *args], capture_output=True, text=True, env=os.environ.copy())
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def repo(tmp_path, git_env) -> Path:
    """A git repository with one commit (README.md and app.py)."""
    root = tmp_path / "repo"
    root.mkdir()
    run_git(root, "init", "-q", "-b", "main")
    (root / "README.md").write_text("hello\n")
    (root / "app.py").write_text("x = 1\n")
    run_git(root, "add", "-A")
    run_git(root, "commit", "-q", "-m", "initial")
    return root
