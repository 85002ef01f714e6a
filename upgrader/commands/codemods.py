"""``django-upgrade codemods``: list the codemod catalogue (from each codemod's metadata and docstring).

Formats: ``text`` (one line per codemod), ``json`` (a list of objects with the keys ``name``,
``summary``, ``changes``, ``available_from``, ``removed_in``, ``kinds``, ``migrations``,
``changes_model_state``, ``triggers``, ``doc``), ``markdown`` (the README table).
``--readme [PATH]`` rewrites the table between ``<!-- codemods:start -->`` and
``<!-- codemods:end -->`` in PATH (default ``README.md``); ``--readme-check`` exits 1 when it is out
of date (for CI).
"""

from __future__ import annotations

from pathlib import Path

import click

from codemods import registry
from core import atomic
from upgrader.commands._common import echo_json
from core.errors import UsageError

START, END = "<!-- codemods:start -->", "<!-- codemods:end -->"


def _cell(text: str) -> str:
    from upgrader.render.markdown import cell  # the one Markdown escaper

    return cell(text).strip()


def markdown_table(codemods=None) -> str:
    whole = codemods is None
    codemods = registry.all_codemods() if codemods is None else codemods
    lines = [
        "| Codemod | What it does | Fixes | Runs from | Removed in | Files | In migrations |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in codemods:
        kinds = ", ".join(sorted(c.kinds))
        where = "yes" if c.migrations else "no"
        if c.changes_model_state:
            where += " (changes model state: run makemigrations)"
        lines.append(
            f"| `{c.name}` | {_cell(c.summary())} | {', '.join(f'`{x}`' for x in c.changes)} | "
            f"{c.available_from} | {c.removed_in or '-'} | {kinds} | {where} |"
        )
    if whole:  # the figure tests/codemods/test_coverage.py checks (codemods.coverage)
        from codemods.coverage import coverage

        lines += ["", coverage().line()]
    return "\n".join(lines) + "\n"


def render_readme(text: str, table: str) -> str | None:
    """``text`` with the table between the markers replaced; None when there are no markers."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < 0 or end < start:
        return None
    return text[: start + len(START)] + "\n" + table + text[end:]


def update_readme(path: Path, check: bool = False) -> bool:
    """Rewrite (or, with ``check``, compare) the README table. Returns True when it was up to date."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    new = render_readme(text, markdown_table())
    if new is None:
        raise UsageError(f"{path}: no {START} ... {END} markers")
    if new == text:
        return True
    if not check:
        atomic.write_text(path, new)
    return False


@click.command("codemods")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--readme", "readme", is_flag=False, flag_value="README.md", default=None, metavar="PATH",
              help="Write the markdown table into PATH (default README.md) between the codemods markers.")
@click.option("--readme-check", "readme_check", is_flag=False, flag_value="README.md", default=None, metavar="PATH",
              help="Exit 1 when the table in PATH is out of date.")
def command(fmt, readme, readme_check):
    """List the codemods: name, Django versions, the changes each fixes."""
    if readme or readme_check:
        path = Path(readme or readme_check)
        ok = update_readme(path, check=bool(readme_check))
        if readme_check:
            click.echo(f"{path}: codemods table {'up to date' if ok else 'out of date (run: django-upgrade codemods --readme)'}",
                       err=True)
            click.get_current_context().exit(0 if ok else 1)
        click.echo(f"{path}: codemods table {'already up to date' if ok else 'updated'}", err=True)
        return
    codemods = registry.all_codemods()
    if fmt == "json":
        echo_json([c.metadata() for c in codemods])
    elif fmt == "markdown":
        click.echo(markdown_table(codemods), nl=False)
    else:
        width = max((len(c.name) for c in codemods), default=10)
        for c in codemods:
            versions = f"{c.available_from}+ (removed in {c.removed_in or '-'})"
            click.echo(f"{c.name:<{width}}  {versions:<22}  {c.summary()}")
