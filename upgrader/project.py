"""The project as the commands see it: ``core.project.Project`` plus what needs the application's
own packages (resolved lazily, once per Project):

    project.current_version(override=None) -> CurrentVersion   ``--from``, the interpreter's Django,
                                                                then the pins (``upgrader.pins``)
    project.test_command      -> upgrader.testrun.TestCommand   (detected once)
    project.installed_editable -> bool | None                   the project installed ``-e`` in its
                                                                interpreter (None: cannot tell)

    open_project(directory, python=None, settings=None) -> Project
        The one way a command (and what it calls: the step runner ...) gets its project: one per
        invocation, kept on the click context, so the interpreter, the settings, the file walk and
        ``[tool.django-upgrade]`` are each resolved once.
"""

from __future__ import annotations

import functools
from pathlib import Path

from core import project as _core
from core import versions
from core.errors import UsageError
from core.interpreter import NOT_THE_PROJECTS, is_tool_environment
from core.project import CurrentVersion  # noqa: F401  (the commands and pins import it from here)

__all__ = ["CurrentVersion", "NOT_THE_PROJECTS", "Project", "is_tool_environment", "open_project"]


class Project(_core.Project):
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

    @functools.cached_property
    def test_command(self):
        from upgrader import testrun

        return testrun.detect_test_command(self)

    @functools.cached_property
    def installed_editable(self) -> bool | None:
        from upgrader import installer

        env = installer.environment(self.interpreter.path, self.dir)
        return None if env is None else env.editable


def open_project(directory, python: str | None = None, settings: str | None = None) -> Project:
    """The ``Project`` of this invocation (see the module docstring); a new one outside a command."""
    import click

    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return Project(directory, python=python, settings=settings)
    projects = ctx.find_root().meta.setdefault("django_upgrade.projects", {})
    key = (str(Path(directory).expanduser().resolve()), python, settings)
    if key not in projects:
        projects[key] = Project(directory, python=python, settings=settings)
    return projects[key]
