"""A project as the commands see it: its directory, its config, its interpreter, its Django version."""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from pathlib import Path

from upgrader import interpreter as _interp
from core import versions
from upgrader.config import load_config
from core.errors import UsageError


@dataclass(frozen=True)
class CurrentVersion:
    version: str  # "3.2.25" or "3.2" when only a feature release is known
    source: str  # human-readable: "interpreter /p/.venv/bin/python", "requirements.txt:3", "--from"
    exact: bool  # True when the patch release is known

    @property
    def feature(self) -> str:
        return versions.feature(self.version)


# How an interpreter was found when nothing ties it to the project (see interpreter.find_interpreter).
NOT_THE_PROJECTS = ("$VIRTUAL_ENV", "PATH", "tool")


def is_tool_environment(probe: _interp.ProbeResult) -> bool:
    """Whether the probed interpreter runs in django-upgrade's own environment (its sys.prefix)."""
    try:
        return bool(probe.prefix) and Path(probe.prefix).resolve() == Path(sys.prefix).resolve()
    except OSError:
        return False


class Project:
    def __init__(self, directory: str | Path, python: str | None = None):
        path = Path(directory).expanduser()
        if not path.exists():
            raise UsageError(f"project directory not found: {directory}")
        if not path.is_dir():
            raise UsageError(f"not a directory: {directory}")
        self.dir = path.resolve()
        self._explicit_python = python
        self.config = load_config(self.dir)

    @functools.cached_property
    def interpreter(self) -> _interp.Interpreter:
        return _interp.find_interpreter(self.dir, self._explicit_python, self.config.get("python"))

    @functools.cached_property
    def probe(self) -> _interp.ProbeResult:
        return _interp.probe(self.interpreter, cwd=self.dir)

    def try_probe(self) -> _interp.ProbeResult | None:
        """Probe the interpreter; None when it cannot be run (and it was not given explicitly)."""
        try:
            return self.probe
        except UsageError:
            if self._explicit_python or self.config.get("python"):
                raise
            return None

    def current_version(self, override: str | None = None) -> CurrentVersion:
        """``--from`` wins; then Django importable in the project's interpreter; then the pins."""
        if override:
            v = versions.parse(override)
            return CurrentVersion(str(v), "--from", not versions.is_feature_only(override))
        from upgrader import pins  # local import: pins is a larger module

        probe = self.try_probe()
        if probe and probe.django:
            if probe.interpreter.source in NOT_THE_PROJECTS:
                # A python merely found on PATH (or an active virtualenv) may be any environment (the
                # tool's own, say): trust its Django only when it agrees with what the project declares.
                pinned = pins.current_from_pins(self.dir)
                if pinned is None and is_tool_environment(probe):
                    raise UsageError(
                        f"no Django found for {self.dir}: the only interpreter found ({probe.interpreter.path}, "
                        f"through {probe.interpreter.source}) is django-upgrade's own environment, whose Django "
                        "is not the project's; pass --python PATH (the project's interpreter) or --from X.Y"
                    )
                if pinned is not None and pinned.feature != versions.feature(probe.django):
                    return CurrentVersion(
                        pinned.version,
                        f"{pinned.source} (python on PATH, {probe.interpreter.path}, has Django {probe.django}, "
                        "which is not the project's; pass --python to use an interpreter)",
                        pinned.exact,
                    )
            return CurrentVersion(probe.django, f"interpreter {probe.interpreter.path}", True)
        found = pins.current_from_pins(self.dir)
        if found is not None:
            return found
        where = f" (interpreter {probe.interpreter.path} has no Django)" if probe else ""
        raise UsageError(
            f"no Django found for {self.dir}{where}: no pin in requirements/pyproject/setup files; "
            "pass --from X.Y or --python PATH"
        )
