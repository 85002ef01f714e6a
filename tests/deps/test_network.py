"""The one test that asks the real package index (skipped unless DJANGO_UPGRADE_NETWORK_TESTS=1)."""

from __future__ import annotations

import pytest

from tests.deps.conftest import pinned
from upgrader import deps
from upgrader.deps.model import BLOCKED, MOVE_FIRST
from upgrader.pypi import PyPIClient


@pytest.mark.network
def test_real_index_blocks_a_hard_pin(tmp_path):
    client = PyPIClient(cache_dir=tmp_path / "c", timeout=30, retries=2)  # pip's index, else pypi.org
    report = deps.evaluate(pinned(("django-celery-beat", "2.2.1")), [deps.step_target("4.0", "3.9")], client,
                           current_django="3.2.25", current_python="3.9")
    (status,) = report.steps["4.0.10"]
    assert status.status == BLOCKED and status.requires_django == "<4.0,>=2.2"
    assert (status.suggest, status.move) == ("2.3.0", MOVE_FIRST)
