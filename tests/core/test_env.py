"""``core.env.env_int``: the engine's numeric knobs (pool crossover, large-file limit, elision size)."""

import pytest

from codemods import elide, engine, pool
from core.env import env_int


@pytest.mark.parametrize("value, expected", [(None, 24), ("", 24), ("7", 7), ("x", 24), ("2.5", 24)])
def test_env_int(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("DUA_TEST_KNOB", raising=False)
    else:
        monkeypatch.setenv("DUA_TEST_KNOB", value)
    assert env_int("DUA_TEST_KNOB", 24) == expected


def test_the_engines_knobs_read_it(monkeypatch):
    for name in ("DJANGO_UPGRADE_SERIAL_THRESHOLD", "DJANGO_UPGRADE_LARGE_FILE", "DJANGO_UPGRADE_ELIDE_ASSIGNMENTS"):
        monkeypatch.setenv(name, "3")
    assert pool.serial_threshold() == engine.large_file_limit() == elide.large_assignment_bytes() == 3
    monkeypatch.setenv("DJANGO_UPGRADE_LARGE_FILE", "big")
    assert engine.large_file_limit() == engine.LARGE_FILE_BYTES
