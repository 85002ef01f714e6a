"""Moved to ``core.config`` (typed, read once per Project); this alias goes once the last callers
import it from there."""

from core.config import KNOWN_KEYS, Config, flag, load_config  # noqa: F401
