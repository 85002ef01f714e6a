"""Options shared by the commands that look at a project, and the project itself, opened once.

``open_project(project_dir, python=None, settings=None)`` is the one way a command gets its
``Project``: one per invocation (kept on the click context), so the interpreter, the settings, the file
walk and ``[tool.django-upgrade]`` are each resolved once, whatever the command calls; explicit
options win over the config (``project.config.pick(option, "key")``).
"""

from __future__ import annotations

import json
import os
import sys

import click


FORMAT_CHOICES_BASE = ("text", "json")


def open_project(project_dir, python: str | None = None, settings: str | None = None):
    """:func:`upgrader.project.open_project`, imported when a command runs (not for ``--help`` or the
    commands that open no project: ``codemods``)."""
    from upgrader.project import open_project as _open

    return _open(project_dir, python=python, settings=settings)


def project_argument(f):
    return click.argument("project_dir", default=".", type=click.Path(file_okay=False))(f)


def python_option(f):
    return click.option(
        "--python",
        "python",
        metavar="PATH",
        help="The project's interpreter (default: the one step --new-python moved to, else PROJECT/.venv or PROJECT/venv, else python on PATH).",
    )(f)


def is_ci() -> bool:
    return bool(os.environ.get("CI"))


def show_progress(fmt: str = "text") -> bool:
    """Progress bars only on a terminal, never in CI or machine-readable modes."""
    return fmt == "text" and sys.stdout.isatty() and not is_ci()


def use_colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and not is_ci()


def echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, sort_keys=False, default=str))


class CommandAfterDashes(click.Command):
    """A command whose words after ``--`` are the test command (``ctx.meta["dua_test_command"]``), never
    PROJECT_DIR: ``step`` and ``report``."""

    def parse_args(self, ctx, args):
        return super().parse_args(ctx, self.before_dashes(ctx, args))

    @staticmethod
    def before_dashes(ctx, args: list) -> list:
        """``args`` up to ``--``; what follows is kept as the test command."""
        if "--" in args:
            i = args.index("--")
            ctx.meta["dua_test_command"] = list(args[i + 1:])
            args = args[:i]
        return args
