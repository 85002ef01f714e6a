"""``django-upgrade clear-cache``: clear every cache of the project's CACHES and its stale bytecode.

The caches are cleared through the project's own settings, in the project's own interpreter
(``caches[alias].clear()`` for every alias), so Redis, Memcached, database and file caches are
emptied wherever they live.

JSON keys (``--format json``), stable:
    project          absolute project directory
    python           the interpreter that ran the settings
    settings         the settings module, settings_source where it was found
    caches           [{alias, backend, location, ok, error, note}]
    bytecode_removed number of *.pyc files removed (null with --no-bytecode)
    ok               false when any cache failed to clear

Exit codes: 0 every cache cleared; 1 a cache could not be cleared (e.g. its server is down);
2 bad input (no settings found, settings fail to load, no Django in the interpreter).
"""

from __future__ import annotations

import click

from upgrader import caches as _caches
from upgrader.commands._common import echo_json, open_project, project_argument, python_option
from core.errors import EXIT_OK, EXIT_PENDING


@click.command("clear-cache")
@project_argument
@python_option
@click.option("--settings", "settings", metavar="MODULE",
              help="DJANGO_SETTINGS_MODULE (default: [tool.django-upgrade] settings, manage.py, pytest config).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--no-bytecode", is_flag=True, help="Do not remove __pycache__ directories and *.pyc files.")
def command(project_dir, python, settings, fmt, no_bytecode):
    """Clear every cache in the project's CACHES, and its stale bytecode."""
    project = open_project(project_dir, python=python, settings=settings)
    found = project.settings
    results = _caches.clear_caches(project, settings=settings)
    removed = None if no_bytecode else _caches.clear_bytecode(project.dir)
    ok = all(r.ok for r in results)
    if fmt == "json":
        echo_json({
            "project": str(project.dir),
            "python": project.interpreter.path,
            "settings": found.module if found else None,
            "settings_source": found.source if found else None,
            "caches": [r.to_json() for r in results],
            "bytecode_removed": removed,
            "ok": ok,
        })
    else:
        click.echo(f"Caches of {project.dir} (settings {found.module}, from {found.source}):")
        if not results:
            click.echo("  (CACHES is empty)")
        width = max((len(r.alias) for r in results), default=0)
        for r in results:
            where = f" at {r.location}" if r.location else ""
            status = "cleared" if r.ok else f"FAILED: {r.error}"
            click.echo(f"  {r.alias:<{width}}  {r.backend}{where}: {status}")
            if r.note:
                click.echo(f"  {'':<{width}}  note: {r.note}")
        if removed is not None:
            click.echo(f"Removed {removed} stale bytecode file{'s' if removed != 1 else ''}.")
        if not ok:
            failed = ", ".join(r.alias for r in results if not r.ok)
            click.echo(f"django-upgrade: could not clear: {failed}", err=True)
    click.get_current_context().exit(EXIT_OK if ok else EXIT_PENDING)
