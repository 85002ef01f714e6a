#!/usr/bin/env python3
"""Write every command's options (from click's own --help) into README.md.

The block between <!-- cli:start --> and <!-- cli:end --> is generated; a test keeps it current.

    python scripts/gen_readme_cli.py           # rewrite
    python scripts/gen_readme_cli.py --check   # exit 1 when out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from upgrader.cli import cli  # noqa: E402

START, END = "<!-- cli:start -->", "<!-- cli:end -->"


def render() -> str:
    parts = []
    for name in sorted(cli.all_commands):
        command = cli.all_commands[name]
        ctx = click.Context(command, info_name=f"django-upgrade {name}", terminal_width=100, max_content_width=100)
        parts.append(f"### `django-upgrade {name}`\n\n```\n{command.get_help(ctx)}\n```\n")
    return "\n".join(parts)


def update(readme: Path, check: bool = False) -> bool:
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{readme}: no {START} / {END} markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{render()}\n{END}{tail}"
    if new == text:
        return True
    if not check:
        readme.write_text(new, encoding="utf-8")
    return False


def main(argv: list[str]) -> int:
    check = "--check" in argv
    ok = update(ROOT / "README.md", check=check)
    print(f"README.md: command reference {'up to date' if ok else ('out of date' if check else 'updated')}")
    return 1 if (check and not ok) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
