"""Moved to ``core.interpreter``; this alias goes once the last callers import it from there."""

from core.interpreter import *  # noqa: F401,F403
from core.interpreter import REMEMBERED, _check_executable  # noqa: F401
