"""The project's metadata files read leniently: a file that is missing, unreadable or malformed reads
as None (the callers fall back; the pin formats report malformed files themselves).

    read_toml(path) -> dict | None                 pyproject.toml, Pipfile ...
    read_ini(path) -> ConfigParser | None          setup.cfg, tox.ini (no interpolation, duplicates allowed)
    setup_keywords(path) -> dict | None            the keywords of setup.py's ``setup(...)`` calls (ast nodes)
"""

from __future__ import annotations

import ast
import configparser
from pathlib import Path

from core.pysource import PARSE_ERRORS


def read_toml(path: Path) -> dict | None:
    try:  # imported here: start-up does not pay for it
        import tomllib as _toml  # Python 3.11+
    except ImportError:  # pragma: no cover
        import tomli as _toml  # type: ignore[no-redef]
    try:
        return _toml.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_ini(path: Path) -> configparser.ConfigParser | None:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        if not parser.read(path, encoding="utf-8"):
            return None
    except (configparser.Error, UnicodeDecodeError):
        return None
    return parser


def setup_keywords(path: Path) -> dict[str, ast.expr] | None:
    """``{keyword: value node}`` of the ``setup(...)`` / ``setuptools.setup(...)`` calls of ``path`` (the
    first call naming a keyword wins; ``{}`` without a call)."""
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, *PARSE_ERRORS):
        return None
    out: dict[str, ast.expr] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "setup":
            for kw in node.keywords:
                if kw.arg:
                    out.setdefault(kw.arg, kw.value)
    return out
