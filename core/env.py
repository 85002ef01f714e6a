"""The tool's numeric knobs read from the environment (for measuring and for the tests)."""

from __future__ import annotations

import os


def env_int(name: str, default: int) -> int:
    """The integer in the environment variable ``name``, or ``default`` when it is unset, empty or
    not an integer."""
    try:
        return int(os.environ.get(name) or default)
    except ValueError:
        return default
