"""Which tool this is, and whether another distribution owns the ``django-upgrade`` script.

The console script ``django-upgrade`` is also the name of the unrelated fixer by Adam Johnson (PyPI
project ``django-upgrade``). Installed into one environment, whichever was installed last owns the
script. ``django-upgrade-assistant`` and ``python -m upgrader`` always run this tool.
"""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

from upgrader import __version__

DISTRIBUTION = "django-upgrade-assistant"
SCRIPT = "django-upgrade"
PEER = "django-upgrade"
PEER_URL = "https://github.com/adamchainz/django-upgrade"


def script_owners(name: str = SCRIPT) -> list[str]:
    """Distributions in this environment that declare the console script ``name``."""
    owners = []
    for dist in metadata.distributions():
        try:
            eps = dist.entry_points
        except Exception:  # noqa: BLE001 - a broken distribution's metadata says nothing
            continue
        if any(ep.group == "console_scripts" and ep.name == name for ep in eps):
            dist_name = dist.metadata["Name"] or "?"
            if dist_name not in owners:
                owners.append(dist_name)
    return owners


def script_on_path_is_ours(name: str = SCRIPT) -> bool | None:
    """Whether the ``django-upgrade`` found on PATH runs this tool (None when there is none, or it
    cannot be read)."""
    found = shutil.which(name)
    if not found:
        return None
    try:
        head = Path(found).read_bytes()[:4096].decode("utf-8", "replace")
    except OSError:
        return None
    return "upgrader" in head


def collision_notes() -> list[str]:
    notes = []
    others = [d for d in script_owners() if d.lower().replace("_", "-") != DISTRIBUTION]
    if others:
        notes.append(f"note: {', '.join(others)} also installs a '{SCRIPT}' script into this environment; the one "
                     f"installed last wins. Run this tool as '{DISTRIBUTION}' or 'python -m upgrader'.")
    if script_on_path_is_ours() is False:
        notes.append(f"note: the '{SCRIPT}' on PATH ({shutil.which(SCRIPT)}) is another tool's; run this one as "
                     f"'{DISTRIBUTION}' or 'python -m upgrader'.")
    return notes


def version_text() -> str:
    lines = [
        f"{DISTRIBUTION} {__version__} (commands: {SCRIPT}, {DISTRIBUTION}, python -m upgrader)",
        f"the Django upgrade assistant (plan / step / fix / report); not the {PEER} fixer by Adam Johnson "
        f"({PEER_URL})",
    ]
    return "\n".join(lines + collision_notes())
