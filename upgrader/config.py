"""Options a team sets once, in the project's pyproject.toml under ``[tool.django-upgrade]``.

Keys (all optional): ``python``, ``test-command``, ``target``, ``skip-codemods`` (list),
``fail-on``, ``baseline``, ``check-deps``, ``index-url``. The command line always wins.
"""

from __future__ import annotations

from pathlib import Path

import tomlkit

from core.errors import UsageError

KNOWN_KEYS = {
    "python", "test-command", "target", "skip-codemods", "only-codemods", "fail-on", "baseline",
    "check-deps", "index-url", "settings", "jobs",
}


def load_config(project_dir: Path) -> dict:
    """Return the ``[tool.django-upgrade]`` table as a plain dict ({} when absent)."""
    path = Path(project_dir) / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    except Exception as exc:  # tomlkit raises its own ParseError subclasses
        raise UsageError(f"{path}: cannot parse pyproject.toml: {exc}") from None
    table = doc.get("tool", {}).get("django-upgrade", {})
    data = table.unwrap() if hasattr(table, "unwrap") else dict(table)
    return {str(k).replace("_", "-"): v for k, v in data.items()}


def flag(config: dict | None, key: str) -> bool:
    """A yes/no option: a TOML boolean, or a string such as "true" / "1" / "yes" / "on"."""
    value = (config or {}).get(key, False)
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
