"""The options of ``django-upgrade step``, the outcome of a run of steps, and its progress lines."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from core.errors import EXIT_OK


@dataclass
class StepOptions:
    project_dir: str = "."
    python: str | None = None
    to: str | None = None  # --to X.Y: several steps; None: one step
    dry_run: bool = False
    commit: bool = False
    allow_dirty: bool = False
    install: bool = True
    clear_cache: bool = True
    new_python: str | None = None
    venv_dir: str | None = None
    upgrade_deps: bool = False
    check_deps: bool | None = None  # ask the package index (None: [tool.django-upgrade] check-deps)
    index_url: str | None = None
    skip_codemods: tuple = ()
    accept_failing: bool = False  # a suite / manage.py check red on X is the baseline, not a refusal
    allow_downgrade: bool = False  # an install that downgrades or removes a package is not a failure
    project_kind: str | None = None  # site / library (None: detected, or [tool.django-upgrade] project-kind)
    test_words: tuple = ()  # the test command given after -- (else detected: upgrader.testrun)
    verbose: bool = False
    progress: bool = False
    fmt: str = "text"


@dataclass
class StepsOutcome:
    reports: list = field(default_factory=list)
    exit_code: int = EXIT_OK
    message: str = ""
    target: str | None = None


class Progress:
    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.prefix = ""

    def __call__(self, msg: str) -> None:
        if self.enabled:
            sys.stderr.write(f"{self.prefix}{msg}\n")
            sys.stderr.flush()
