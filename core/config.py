"""Options a team sets once, in the project's pyproject.toml under ``[tool.django-upgrade]``, read ONCE.

    config = load_config(project_dir)     -> Config (typed; also a read-only mapping of the raw keys)
    config.python, config.test_command, config.target, config.settings, config.skip_codemods (tuple),
    config.only_codemods (tuple), config.fail_on, config.baseline, config.check_deps (bool),
    config.index_url, config.jobs (int | None)
    config.get("test-command")            the raw value (keys spelled with ``-``; ``_`` is accepted)
    config.pick(explicit, "target", default)   the command line wins over the config

Bad values (``jobs = "many"``, a list where a string belongs) are bad input: one line, exit 2, when the
project is opened, never later in the middle of a step. ``load_config`` parses pyproject.toml with
tomlkit; an unparsable file is bad input too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import UsageError

KNOWN_KEYS = {
    "python", "test-command", "target", "skip-codemods", "only-codemods", "fail-on", "baseline",
    "check-deps", "index-url", "settings", "jobs",
    "project-kind",  # site / library: how Django pins are bumped (upgrader.pins.kind)
}
_MISSING = object()


def flag_value(value) -> bool:
    """A yes/no option: a TOML boolean, or a string such as "true" / "1" / "yes" / "on"."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _str(raw: dict, key: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, (list, dict, bool)):
        raise UsageError(f"[tool.django-upgrade] {key}: expected a string, got {value!r}")
    return str(value)


def _names(raw: dict, key: str) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    raise UsageError(f"[tool.django-upgrade] {key}: expected a name or a list of names, got {value!r}")


def _jobs(raw: dict) -> int | None:
    value = raw.get("jobs")
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        return max(1, int(value))
    except (TypeError, ValueError):
        raise UsageError(f"[tool.django-upgrade] jobs: not a number: {value!r}") from None


@dataclass(frozen=True)
class Config(Mapping):
    raw: dict = field(default_factory=dict)
    path: Path | None = None
    python: str | None = None
    test_command: str | tuple[str, ...] | None = None
    target: str | None = None
    settings: str | None = None
    skip_codemods: tuple[str, ...] = ()
    only_codemods: tuple[str, ...] = ()
    fail_on: str | None = None
    baseline: str | None = None
    check_deps: bool = False
    index_url: str | None = None
    jobs: int | None = None

    @classmethod
    def from_raw(cls, raw: dict, path: Path | None = None) -> Config:
        raw = {str(k).replace("_", "-"): v for k, v in (raw or {}).items()}
        test_command = raw.get("test-command")
        if isinstance(test_command, (list, tuple)):
            test_command = tuple(str(w) for w in test_command)
        elif test_command is not None:
            test_command = _str(raw, "test-command")
        return cls(
            raw=raw, path=path, python=_str(raw, "python"), test_command=test_command,
            target=_str(raw, "target"), settings=_str(raw, "settings"),
            skip_codemods=_names(raw, "skip-codemods"), only_codemods=_names(raw, "only-codemods"),
            fail_on=_str(raw, "fail-on"), baseline=_str(raw, "baseline"),
            check_deps=flag_value(raw.get("check-deps", False)), index_url=_str(raw, "index-url"),
            jobs=_jobs(raw),
        )

    # a read-only mapping of the raw table, for code that asks by key
    def __getitem__(self, key: str):
        return self.raw[str(key).replace("_", "-")]

    def __iter__(self):
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def __contains__(self, key) -> bool:
        return str(key).replace("_", "-") in self.raw

    def get(self, key, default=None):
        return self.raw.get(str(key).replace("_", "-"), default)

    def pick(self, explicit, key: str, default=None):
        """The command line's value when given (not None), else the config's, else ``default``."""
        if explicit is not None and explicit != ():
            return explicit
        value = getattr(self, key.replace("-", "_"), _MISSING)
        if value is _MISSING:
            value = self.get(key)
        return default if value is None or value == () else value

    @property
    def unknown_keys(self) -> list[str]:
        return sorted(set(self.raw) - KNOWN_KEYS)


def load_config(project_dir) -> Config:
    """The ``[tool.django-upgrade]`` table of ``project_dir/pyproject.toml`` (empty when absent)."""
    path = Path(project_dir) / "pyproject.toml"
    if not path.is_file():
        return Config()
    try:
        import tomlkit

        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: cannot read pyproject.toml: {exc}") from None
    except Exception as exc:  # tomlkit raises its own ParseError subclasses
        raise UsageError(f"{path}: cannot parse pyproject.toml: {exc}") from None
    table = doc.get("tool", {}).get("django-upgrade", {})
    data = table.unwrap() if hasattr(table, "unwrap") else dict(table)
    if not isinstance(data, dict):
        raise UsageError(f"{path}: [tool.django-upgrade] must be a table")
    return Config.from_raw(data, path)


def flag(config, key: str) -> bool:
    """A yes/no option of ``config`` (a Config or a plain dict)."""
    return flag_value((config or {}).get(key, False))
