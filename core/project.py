"""The project as every command sees it, resolved once.

    project = Project(directory, python=None, settings=None)
    project.dir / project.root      the project directory (resolved)
    project.config                  ``core.config.Config`` of ``[tool.django-upgrade]`` (read once)
    project.interpreter             ``core.interpreter.Interpreter`` (lazy): ``--python``, config,
                                    the remembered one, .venv / venv, ``$VIRTUAL_ENV``, PATH
    project.probe / try_probe()     its Python and Django versions (lazy, one subprocess)
    project.settings                ``core.settings.SettingsModule | None``: ``--settings``, config,
                                    manage.py, pytest/tox/setup.cfg, runtests.py, the environment
    project.settings_module         its dotted name or None
    project.files                   ``core.files.ProjectFiles`` (the one walk, by role):
                                    ``python_files() source_files() migrations() templates()
                                    settings_files() requirement_files() is_settings() is_migration()``
    project.import_roots            directories its code is imported from (manage.py's, root, src/)
    project.run_env(extra=None)     ``core.run.project_env`` for this project (interpreter's venv,
                                    import roots on PYTHONPATH, its settings module)

Explicit options (``python=``, ``settings=``) win over the config, which wins over detection.
The application adds what needs its own packages in ``upgrader.project.Project`` (the current Django
version from pins, the test command, whether the project is installed editable).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from core import interpreter as _interp
from core import run as _run
from core import settings as _settings
from core import versions
from core.config import Config, load_config
from core.errors import UsageError
from core.files import ProjectFiles


@dataclass(frozen=True)
class CurrentVersion:
    version: str  # "3.2.25" or "3.2" when only a feature release is known
    source: str  # human-readable: "interpreter /p/.venv/bin/python", "requirements.txt:3", "--from"
    exact: bool  # True when the patch release is known

    @property
    def feature(self) -> str:
        return versions.feature(self.version)


class Project:
    def __init__(self, directory, python: str | None = None, settings: str | None = None,
                 config: Config | None = None):
        path = Path(directory).expanduser()
        if not path.exists():
            raise UsageError(f"project directory not found: {directory}")
        if not path.is_dir():
            raise UsageError(f"not a directory: {directory}")
        self.dir = path.resolve()
        self._explicit_python = python
        self._explicit_settings = settings
        self.config: Config = config if config is not None else load_config(self.dir)
        # the settings module a step runs the suite with when nothing names one for it (the suite
        # failed without settings: ``upgrader.step.baseline``); None: the environment's, as configured
        self.test_settings: str | None = None
        # the test command the user gave after ``--`` (``step``, ``report``): it wins over detection
        self.test_words: list[str] | None = None

    @property
    def root(self) -> Path:
        return self.dir

    def __repr__(self) -> str:
        return f"<Project {self.dir}>"

    # -- interpreter ---------------------------------------------------------------------------
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

    # -- settings and files ---------------------------------------------------------------------
    @functools.cached_property
    def settings(self) -> _settings.SettingsModule | None:
        return _settings.find_settings_module(self.dir, self._explicit_settings, self.config.settings)

    @property
    def settings_module(self) -> str | None:
        return self.settings.module if self.settings else None

    @functools.cached_property
    def files(self) -> ProjectFiles:
        module = self.settings_module
        return ProjectFiles(self.dir, settings_modules=[module] if module else None)

    @functools.cached_property
    def import_roots(self) -> list[Path]:
        return _settings.import_roots(self.dir)

    def run_env(self, extra: dict | None = None, settings: bool = True) -> dict[str, str]:
        """The environment for running the project's code (see ``core.run.project_env``)."""
        return _run.project_env(
            self.interpreter.path, settings=self.settings_module if settings else None,
            pythonpath=[str(p) for p in self.import_roots], extra=extra,
        )
