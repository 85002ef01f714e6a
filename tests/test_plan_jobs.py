"""``plan``'s scans share the files with forked workers, as ``fix`` does, and keep to
``[tool.django-upgrade] jobs`` (``jobs = 1``: one process)."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from upgrader.cli import cli


def _project(tmp_path, jobs=None):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "manage.py").write_text("")
    (tmp_path / "requirements.txt").write_text("Django==3.2.25\n")
    if jobs is not None:
        (tmp_path / "pyproject.toml").write_text(f"[tool.django-upgrade]\njobs = {jobs}\n")
    (tmp_path / "shop").mkdir()
    for i in range(40):
        (tmp_path / "shop" / f"m{i}.py").write_text(
            "from django.utils.encoding import force_text\n\n\ndef f(x):\n    order = Order()\n"
            f"    order.line_set.count()\n    return force_text(x) + '{i}'\n")
    return tmp_path


def _plan(root, monkeypatch):
    import codemods.pool as pool

    forks = []
    context = pool.pool_context
    monkeypatch.setattr(pool, "pool_context", lambda: forks.append(1) or context())
    monkeypatch.setenv("DJANGO_UPGRADE_CACHE_DIR", str(root / ".cache"))
    result = CliRunner().invoke(cli, ["plan", str(root), "--from", "3.2", "--to", "4.1", "--python-version", "3.10",
                                      "--format", "json"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return forks, result.output


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: every run is one process")
def test_plan_scans_in_workers_and_keeps_to_the_configured_jobs(tmp_path, monkeypatch):
    forks, shared = _plan(_project(tmp_path / "a"), monkeypatch)
    assert forks, "the scans of 40 files ran in one process"
    forks, alone = _plan(_project(tmp_path / "b", jobs=1), monkeypatch)
    assert forks == []
    assert alone.count("shop/m") == shared.count("shop/m") > 40  # (the same findings either way)
