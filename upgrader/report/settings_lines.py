"""Where a settings warning points: the line of the project's settings that sets the name it speaks of.

A deprecation raised while Django reads settings (``USE_L10N``, ``DEFAULT_FILE_STORAGE``...) carries
Django's own file and line; the report shows the project's settings line instead. The settings files
are ``core.settings``'s (the module the project uses and what it imports).
"""

from __future__ import annotations

import re
from pathlib import Path

from core import settings as _settings


def project_settings_files(project_dir: Path, configured: str | None = None) -> list[Path]:
    """The settings files of the module the project uses (``configured`` wins), [] when none is found."""
    found = _settings.find_settings_module(project_dir, configured=configured)
    return _settings.settings_files(project_dir, [found.module]) if found and found.module else []


def find_assignment(files: list[Path], names: list[str]) -> tuple[Path, int] | None:
    """(file, line) of the first top-level-looking assignment of one of ``names`` in ``files``."""
    for name in names:
        rx = re.compile(rf"^\s*{re.escape(name)}\s*(?::[^=]*)?=(?!=)")
        for f in files:
            try:
                lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            for i, line in enumerate(lines, 1):
                if rx.match(line):
                    return f, i
    return None


def setting_names(message: str, change) -> list[str]:
    """Setting-like names (``USE_L10N``) in a warning's message and its change's ``old`` text."""
    names = re.findall(r"\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})\b", message)
    if change is not None:
        names += re.findall(r"\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b", change.old or "")
    seen, out = set(), []
    for n in names:
        if n not in seen and not n.startswith("HTTP"):
            seen.add(n)
            out.append(n)
    return out
