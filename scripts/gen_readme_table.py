#!/usr/bin/env python3
"""Write the codemod table into README.md between <!-- codemods:start --> and <!-- codemods:end -->.

    python scripts/gen_readme_table.py           # rewrite
    python scripts/gen_readme_table.py --check   # exit 1 when out of date

It also prints the codemod coverage (codemods.coverage), which the table ends with.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from upgrader.commands.codemods import update_readme  # noqa: E402


def main(argv: list[str]) -> int:
    check = "--check" in argv
    ok = update_readme(ROOT / "README.md", check=check)
    print(f"README.md: codemods table {'up to date' if ok else ('out of date' if check else 'updated')}")
    from codemods.coverage import coverage

    print(coverage().line())
    print(coverage(upto="6.1").line().replace("of the deprecation timeline", "removed by Django 6.1"))
    return 1 if (check and not ok) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
