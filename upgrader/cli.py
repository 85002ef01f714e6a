"""The ``django-upgrade`` command line: a thin click layer over importable functions.

Each subcommand lives in ``upgrader/commands/<name>.py`` and exposes ``command`` (named after the
module, ``_`` spelled ``-``); this module finds them, imports only the one being run (so ``fix``
does not pay for ``report``'s or ``step``'s imports), and turns expected errors into one line on
stderr and a documented exit code.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import click

from upgrader import commands as _commands_pkg
from core.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, UpgradeError


class _OneLineUsageError(click.exceptions.UsageError):
    """A click usage error (unknown option, bad --format value ...) shown as one line, exit 2."""

    def show(self, file=None):
        hint = f" (see '{self.ctx.command_path} --help')" if self.ctx is not None else ""
        click.echo(f"django-upgrade: error: {self.format_message()}{hint}", err=True, file=file)


def _one_line(exc: click.exceptions.UsageError) -> click.exceptions.UsageError:
    if isinstance(exc, _OneLineUsageError) or type(exc).__name__ == "NoArgsIsHelpError":
        return exc  # (bare ``django-upgrade``: click prints the help, as it should)
    new = _OneLineUsageError(exc.format_message(), ctx=exc.ctx)
    new.exit_code = exc.exit_code
    return new


def _command_modules() -> dict[str, str]:
    """command name -> module name under ``upgrader.commands``."""
    return {info.name.replace("_", "-"): info.name for info in pkgutil.iter_modules(_commands_pkg.__path__)
            if not info.name.startswith("_")}


class _Group(click.Group):
    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(_command_modules()))

    def get_command(self, ctx, name):
        if name not in self.commands:
            module = _command_modules().get(name)
            if module is None:
                return None
            command = getattr(importlib.import_module(f"upgrader.commands.{module}"), "command", None)
            if not isinstance(command, click.Command) or command.name != name:
                raise RuntimeError(f"upgrader.commands.{module} must define a click command named {name!r}")
            self.add_command(command)
        return self.commands.get(name)

    @property
    def all_commands(self) -> dict[str, click.Command]:
        """Every command, imported (for the README generator and the tests)."""
        return {name: self.get_command(None, name) for name in self.list_commands(None)}

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.exceptions.UsageError as exc:
            raise _one_line(exc) from None
        except UpgradeError as exc:
            click.echo(f"django-upgrade: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("django-upgrade: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # never a traceback for the user, unless asked for
            if os.environ.get("DJANGO_UPGRADE_DEBUG"):
                raise
            click.echo(
                f"django-upgrade: internal error: {type(exc).__name__}: {exc} "
                "(set DJANGO_UPGRADE_DEBUG=1 for the traceback)",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


# One line per command in ``--help`` (click would cut each docstring's first line at ~45 columns).
SUMMARIES = {
    "plan": "the path from the project's Django to a target, and what each step costs",
    "step": "perform the next step: fix, bump, install, test, check, clear caches",
    "fix": "apply the libcst codemods (pre-commit friendly)",
    "report": "the CI deprecation-warning report (also --merge: the fleet dashboard)",
    "clear-cache": "clear the project's caches and stale bytecode",
    "codemods": "list the codemods",
}
ORDER = ("plan", "step", "fix", "report", "clear-cache", "codemods")


def _format_commands(self, ctx, formatter):
    names = self.list_commands(ctx)
    rows = [(n, SUMMARIES[n]) for n in ORDER if n in names]
    rows += [(n, (self.get_command(ctx, n).get_short_help_str(80) if self.get_command(ctx, n) else ""))
             for n in names if n not in SUMMARIES]
    with formatter.section("Commands"):
        formatter.write_dl(rows)


_Group.format_commands = _format_commands


def _show_version(ctx, _param, value):
    if not value or ctx.resilient_parsing:
        return
    from upgrader.identity import version_text

    click.echo(version_text())
    ctx.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Which tool this is (name, version) and whether another owns the django-upgrade script.")
def cli():
    """Upgrade a Django project one feature release at a time.

    \b
    This is django-upgrade-assistant (also runs as django-upgrade-assistant or
    python -m upgrader), not the django-upgrade fixer by Adam Johnson.
    """


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="django-upgrade", standalone_mode=True)
    except click.exceptions.UsageError as exc:  # pragma: no cover - click handles these itself
        click.echo(f"django-upgrade: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
